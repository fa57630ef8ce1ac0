//! `ticket_messages`: public replies and internal notes of a ticket.

use crate::{
    reactions::AuthorKind,
    ticket_types::{Channel, Visibility},
};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ticket_id: i64,
    pub author_id: Option<i64>,
    pub author_kind: AuthorKind,
    pub visibility: Visibility,
    pub channel: Channel,
    /// The author's Markdown, as written.
    pub body: String,
    /// Sanitised HTML rendered from `body` when it was written.
    pub body_html: String,
    pub created_at: DateTimeUtc,
    /// The address of an outside sender whose mail this internal note holds (someone not on the
    /// ticket who wrote into its thread), until an agent makes it public or a ticket of its own.
    pub outside_sender: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
