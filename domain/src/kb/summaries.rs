//! Article rows as the list items pages show, with their category's slug and name.

use crate::{
    entities::{kb_article, kb_category},
    error::DomainError,
    kb::types::ArticleSummary,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// The summaries of `rows`, in their order.
pub(crate) async fn summaries(
    db: &impl ConnectionTrait,
    rows: Vec<kb_article::Model>,
) -> Result<Vec<ArticleSummary>, DomainError> {
    let mut ids: Vec<i64> = rows.iter().map(|a| a.category_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let categories: HashMap<i64, kb_category::Model> = kb_category::Entity::find()
        .filter(kb_category::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    Ok(rows.into_iter().map(|a| summary(a, &categories)).collect())
}

pub(crate) fn summary(a: kb_article::Model, categories: &HashMap<i64, kb_category::Model>) -> ArticleSummary {
    let (category_slug, category_name) =
        categories.get(&a.category_id).map(|c| (c.slug.clone(), c.name.clone())).unwrap_or_default();
    ArticleSummary {
        id: a.id,
        title: a.title,
        summary: a.summary,
        category_id: a.category_id,
        category_slug,
        category_name,
        section_id: a.section_id,
        slug: a.slug,
        visibility: a.visibility,
        state: a.state,
        updated_at: a.updated_at,
    }
}

/// A stored JSON tag list (an unreadable one is no tags).
pub(crate) fn tags_of(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}
