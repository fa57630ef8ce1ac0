//! `kb_votes`: "Was this helpful?" answers, one per visitor and article (a new answer replaces
//! the old one).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_votes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub article_id: i64,
    /// `user:<id>` for a signed-in person, else a hash of the visitor's address and browser.
    pub visitor: String,
    pub helpful: bool,
    pub comment: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
