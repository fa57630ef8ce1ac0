//! `attachments`: files on messages. The bytes live in the file store under their SHA-256.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attachments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ticket_id: i64,
    pub message_id: i64,
    pub uploader_id: Option<i64>,
    /// The name the uploader gave, cleaned of paths and control characters.
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    /// Hex SHA-256 of the bytes: their address in the file store.
    pub sha256: String,
    /// The bytes are a PNG, JPEG, GIF or WebP image (checked by signature), safe to show inline.
    pub is_image: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
