//! `kb_article_files`: images and files of an article. The bytes live in the file store under
//! their SHA-256, like ticket attachments.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_article_files")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub article_id: i64,
    pub uploader_id: Option<i64>,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub is_image: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
