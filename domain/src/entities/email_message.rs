//! `email_messages`: the Message-ID of every mail a ticket received or sent, for threading.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ticket_id: i64,
    pub ticket_message_id: Option<i64>,
    pub mailbox_id: Option<i64>,
    /// `in` or `out`.
    pub direction: String,
    /// Without angle brackets.
    pub message_id: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
