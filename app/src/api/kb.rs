//! Server functions of the staff's knowledge base: the articles list with counts, one article
//! to edit with its history and readers' comments, saving and publishing, and the categories
//! and sections.

use crate::error::AppError;
use chrono::{DateTime, Utc};
use domain::kb::types::{ArticleStats, ArticleSummary, ArticleView, CategoryView, RevisionView, WriterView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::{
        DomainError,
        kb::{
            articles::{self, ArticleInput},
            categories::{self, CategoryInput},
            feedback, queries,
            types::{ArticleState, ArticleVisibility},
            writers,
        },
    },
};

/// The staff's list of articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleList {
    pub items: Vec<(ArticleSummary, ArticleStats)>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub categories: Vec<CategoryView>,
    pub can_write: bool,
    /// Admins choose who writes.
    pub can_manage_writers: bool,
}

/// One article for its editor: the article, its history, what readers said, and the places it
/// can go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleEditor {
    pub article: ArticleView,
    pub revisions: Vec<RevisionView>,
    pub comments: Vec<(bool, String, DateTime<Utc>)>,
    pub categories: Vec<CategoryView>,
}

#[server(prefix = "/fn", endpoint = "list_articles")]
pub async fn list_articles(
    state: Option<String>,
    category_id: Option<i64>,
    page: Option<u64>,
) -> Result<ArticleList, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let state =
        state.filter(|s| !s.is_empty()).map(|s| ArticleState::parse(&s).ok_or_else(|| bad("state", "Choose a state")));
    let filter = queries::ListFilter { state: state.transpose()?, category_id };
    let page = page.unwrap_or(0).min(10_000);
    let (items, total) = queries::list_for_staff(&desk.db, &actor, filter, page).await.map_err(fail)?;
    let categories = queries::categories(&desk.db, &actor).await.map_err(fail)?;
    let can_write = writers::may_write(&desk.db, &actor).await.map_err(fail)?;
    let can_manage_writers = domain::authorize(&actor, domain::Action::ManageUsers).is_ok();
    Ok(ArticleList { items, total, page, per_page: queries::PAGE_SIZE, categories, can_write, can_manage_writers })
}

#[server(prefix = "/fn", endpoint = "get_article_editor")]
pub async fn get_article_editor(article_id: i64) -> Result<ArticleEditor, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::UseAgentWorkspace).map_err(fail)?;
    let article = queries::article(&desk.db, &actor, article_id).await.map_err(fail)?;
    let revisions = queries::revisions(&desk.db, &actor, article_id).await.map_err(fail)?;
    let comments = feedback::comments(&desk.db, article_id, 20).await.map_err(fail)?;
    let categories = queries::categories(&desk.db, &actor).await.map_err(fail)?;
    Ok(ArticleEditor { article, revisions, comments, categories })
}

#[cfg(feature = "ssr")]
fn bad(field: &str, message: &str) -> AppError {
    fail(DomainError::field(field, message))
}

/// The editor's fields as an `ArticleInput`.
#[cfg(feature = "ssr")]
#[expect(clippy::too_many_arguments, reason = "one argument per form field")]
fn input(
    title: String,
    slug: Option<String>,
    summary: Option<String>,
    body: String,
    category_id: i64,
    section_id: Option<String>,
    tags: Option<String>,
    visibility: String,
    state: String,
    base_revision: Option<i64>,
) -> Result<ArticleInput, AppError> {
    let visibility =
        ArticleVisibility::parse(&visibility).ok_or_else(|| bad("visibility", "Choose who may read it"))?;
    let state = ArticleState::parse(&state).ok_or_else(|| bad("state", "Choose draft, published or archived"))?;
    let section_id = match section_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(s.parse::<i64>().map_err(|_| bad("section_id", "Choose a section"))?),
        None => None,
    };
    Ok(ArticleInput {
        title,
        slug: slug.unwrap_or_default(),
        summary: summary.unwrap_or_default(),
        body,
        category_id,
        section_id,
        tags: tags.unwrap_or_default(),
        visibility,
        state,
        base_revision,
    })
}

/// Creates an article and opens its editor.
#[server(prefix = "/fn", endpoint = "create_article")]
#[expect(clippy::too_many_arguments, reason = "one argument per form field")]
pub async fn create_article(
    title: String,
    slug: Option<String>,
    summary: Option<String>,
    body: String,
    category_id: i64,
    section_id: Option<String>,
    tags: Option<String>,
    visibility: String,
    state: String,
) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let input = input(title, slug, summary, body, category_id, section_id, tags, visibility, state, None)?;
    let id = articles::create(&desk.db, &actor, input, None).await.map_err(fail)?;
    leptos_axum::redirect(&format!("/agent/kb/{id}?saved=1"));
    Ok(id)
}

/// Saves an edit made from `base_revision`; refused when someone saved after it.
#[server(prefix = "/fn", endpoint = "update_article")]
#[expect(clippy::too_many_arguments, reason = "one argument per form field")]
pub async fn update_article(
    article_id: i64,
    base_revision: Option<i64>,
    title: String,
    slug: Option<String>,
    summary: Option<String>,
    body: String,
    category_id: i64,
    section_id: Option<String>,
    tags: Option<String>,
    visibility: String,
    state: String,
) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let input = input(title, slug, summary, body, category_id, section_id, tags, visibility, state, base_revision)?;
    articles::update(&desk.db, &actor, article_id, input).await.map_err(fail)?;
    if crate::response::is_form_post() {
        leptos_axum::redirect(&format!("/agent/kb/{article_id}?saved=1"));
    }
    Ok(article_id)
}

/// Adds a knowledge-base category.
#[server(prefix = "/fn", endpoint = "create_kb_category")]
pub async fn create_kb_category(
    name: String,
    slug: Option<String>,
    description: Option<String>,
) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let input = CategoryInput { name, slug: slug.unwrap_or_default(), description: description.unwrap_or_default() };
    categories::create_category(&desk.db, &actor, input).await.map_err(fail)
}

/// Adds a section at the end of a category.
#[server(prefix = "/fn", endpoint = "create_kb_section")]
pub async fn create_kb_section(category_id: i64, section_name: String) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    categories::create_section(&desk.db, &actor, category_id, &section_name).await.map_err(fail)
}

/// Deletes an empty category.
#[server(prefix = "/fn", endpoint = "delete_kb_category")]
pub async fn delete_kb_category(category_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    categories::delete_category(&desk.db, &actor, category_id).await.map_err(fail)
}

/// Renames a category, or changes its address or description.
#[server(prefix = "/fn", endpoint = "update_kb_category")]
pub async fn update_kb_category(
    category_id: i64,
    name: String,
    slug: Option<String>,
    description: Option<String>,
) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let input = CategoryInput { name, slug: slug.unwrap_or_default(), description: description.unwrap_or_default() };
    categories::update_category(&desk.db, &actor, category_id, input).await.map_err(fail)
}

/// Moves a category (`kind` "category") or a section ("section") one place `up` or `down`.
#[server(prefix = "/fn", endpoint = "move_kb_place")]
pub async fn move_kb_place(kind: String, id: i64, direction: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let by = match direction.as_str() {
        "up" => -1,
        "down" => 1,
        _ => return Err(fail(DomainError::field("direction", "Move up or down"))),
    };
    match kind.as_str() {
        "category" => categories::move_category(&desk.db, &actor, id, by).await.map_err(fail),
        "section" => categories::move_section(&desk.db, &actor, id, by).await.map_err(fail),
        _ => Err(fail(DomainError::field("kind", "Move a category or a section"))),
    }
}

/// Deletes a section; its articles stay in the category.
#[server(prefix = "/fn", endpoint = "delete_kb_section")]
pub async fn delete_kb_section(section_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    categories::delete_section(&desk.db, &actor, section_id).await.map_err(fail)
}

/// The staff and who of them writes articles (admins).
#[server(prefix = "/fn", endpoint = "article_writers")]
pub async fn article_writers() -> Result<Vec<WriterView>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    writers::list(&desk.db, &actor).await.map_err(fail)
}

/// Lets an agent write articles, or stops them (admins).
#[server(prefix = "/fn", endpoint = "set_article_writer")]
pub async fn set_article_writer(user_id: i64, allowed: Option<String>) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    writers::allow(&desk.db, &actor, user_id, allowed.is_some()).await.map_err(fail)
}
