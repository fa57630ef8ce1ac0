//! `kb_articles`: knowledge-base articles, their text in three forms (Markdown as written,
//! sanitised HTML to show, plain text to search and quote) and their readers' counts.

use crate::kb::types::{ArticleState, ArticleVisibility};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_articles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub category_id: i64,
    pub section_id: Option<i64>,
    pub title: String,
    /// Unique within the category: `/help/<category slug>/<slug>`.
    pub slug: String,
    pub summary: String,
    pub body: String,
    pub body_html: String,
    pub body_text: String,
    /// JSON array of lower-case tags.
    pub tags: String,
    pub visibility: ArticleVisibility,
    pub state: ArticleState,
    pub position: i32,
    pub author_id: Option<i64>,
    pub editor_id: Option<i64>,
    /// The solved ticket whose answer the article was made from.
    pub source_ticket_id: Option<i64>,
    pub views: i64,
    pub helpful_yes: i64,
    pub helpful_no: i64,
    pub deflections: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
