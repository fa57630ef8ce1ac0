//! `kb_article_revisions`: every saved version of an article, with who saved it and when.

use crate::kb::types::{ArticleState, ArticleVisibility};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_article_revisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub article_id: i64,
    pub editor_id: Option<i64>,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub visibility: ArticleVisibility,
    pub state: ArticleState,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
