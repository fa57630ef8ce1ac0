//! Reading the knowledge base, always through the reader's rights (`policy::article_reading`):
//! the categories, a category's articles, one article (by address or id), related articles,
//! the writers' list with counts and the readers' list without, an article's history, and the
//! sitemap's public addresses.

use crate::{
    entities::{kb_article, kb_article_revision, kb_article_ticket, kb_category, user},
    error::DomainError,
    kb::{
        categories::sections_of,
        search::{ArticleQuery, Combine, top},
        summaries::{summaries, tags_of},
        types::{
            ArticleState, ArticleStats, ArticleSummary, ArticleView, ArticleVisibility, CategoryView, RevisionView,
        },
        writers::may_write,
    },
    policy::{Action, Actor, article_reading, authorize},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Select,
};
use std::collections::HashMap;

/// The articles `actor` may read.
pub(crate) fn readable(actor: &Actor) -> Select<kb_article::Entity> {
    let reading = article_reading(actor);
    kb_article::Entity::find()
        .filter(kb_article::Column::Visibility.is_in(reading.visibilities.to_vec()))
        .filter(kb_article::Column::State.is_in(reading.states().to_vec()))
}

#[derive(FromQueryResult)]
struct Count {
    category_id: i64,
    n: i64,
}

/// The categories in order, with their sections and how many articles the reader can read in
/// each. Readers outside the staff see only categories that hold something for them.
pub async fn categories(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<CategoryView>, DomainError> {
    let rows = kb_category::Entity::find()
        .order_by_asc(kb_category::Column::Position)
        .order_by_asc(kb_category::Column::Id)
        .all(db)
        .await?;
    let counts: HashMap<i64, i64> = readable(actor)
        .select_only()
        .column_as(kb_article::Column::CategoryId, "category_id")
        .column_as(kb_article::Column::Id.count(), "n")
        .group_by(kb_article::Column::CategoryId)
        .into_model::<Count>()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.category_id, c.n))
        .collect();
    let staff = article_reading(actor).unpublished;
    let mut sections: HashMap<i64, Vec<_>> = HashMap::new();
    for (category, section) in sections_of(db, rows.iter().map(|c| c.id).collect()).await? {
        sections.entry(category).or_default().push(section);
    }
    Ok(rows
        .into_iter()
        .filter(|c| staff || counts.get(&c.id).is_some_and(|n| *n > 0))
        .map(|c| CategoryView {
            articles: counts.get(&c.id).copied().unwrap_or_default() as u64,
            sections: sections.remove(&c.id).unwrap_or_default(),
            id: c.id,
            name: c.name,
            slug: c.slug,
            description: c.description,
            position: c.position,
        })
        .collect())
}

/// A category (by slug) and the articles in it the reader can read, in section and article
/// order. A category with nothing for the reader is not found.
pub async fn category(
    db: &impl ConnectionTrait,
    actor: &Actor,
    slug: &str,
    page: u64,
) -> Result<(CategoryView, Vec<ArticleSummary>), DomainError> {
    let category = categories(db, actor).await?.into_iter().find(|c| c.slug == slug).ok_or(DomainError::NotFound)?;
    // Sections in their order, then articles under no section; within each, the writers' order.
    // (A bare number would name a column in ORDER BY: without sections there is no CASE.)
    let whens: String = category.sections.iter().enumerate().map(|(i, s)| format!(" WHEN {} THEN {i}", s.id)).collect();
    let mut rows = readable(actor).filter(kb_article::Column::CategoryId.eq(category.id));
    if !whens.is_empty() {
        let by_section = format!("CASE section_id{whens} ELSE {} END", category.sections.len());
        rows = rows.order_by(sea_orm::sea_query::Expr::cust(by_section), sea_orm::Order::Asc);
    }
    let rows = rows
        .order_by_asc(kb_article::Column::Position)
        .order_by_asc(kb_article::Column::Title)
        .limit(PAGE_SIZE)
        .offset(page.min(10_000) * PAGE_SIZE)
        .all(db)
        .await?;
    Ok((category, summaries(db, rows).await?))
}

/// The article at `/help/<category_slug>/<slug>`, if the reader may read it.
pub async fn article_at(
    db: &impl ConnectionTrait,
    actor: &Actor,
    category_slug: &str,
    slug: &str,
) -> Result<ArticleView, DomainError> {
    let category = kb_category::Entity::find()
        .filter(kb_category::Column::Slug.eq(category_slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let row = readable(actor)
        .filter(kb_article::Column::CategoryId.eq(category.id))
        .filter(kb_article::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    view(db, actor, row).await
}

/// An article by id, if the reader may read it.
pub async fn article(db: &impl ConnectionTrait, actor: &Actor, id: i64) -> Result<ArticleView, DomainError> {
    let row = readable(actor).filter(kb_article::Column::Id.eq(id)).one(db).await?.ok_or(DomainError::NotFound)?;
    view(db, actor, row).await
}

async fn view(db: &impl ConnectionTrait, actor: &Actor, row: kb_article::Model) -> Result<ArticleView, DomainError> {
    let can_edit = may_write(db, actor).await?;
    let staff = article_reading(actor).unpublished;
    let author = match row.author_id {
        Some(id) => user::Entity::find_by_id(id).one(db).await?.map(|u| u.name),
        None => None,
    };
    let section_name = match row.section_id {
        Some(id) => crate::entities::kb_section::Entity::find_by_id(id).one(db).await?.map(|s| s.name),
        None => None,
    };
    let stats = if staff { stats_of(db, &row).await? } else { ArticleStats::default() };
    let (html, body, tags, created_at, published_at) = (
        row.body_html.clone(),
        if can_edit { row.body.clone() } else { String::new() },
        tags_of(&row.tags),
        row.created_at,
        row.published_at,
    );
    let files = crate::kb::files::of_article(db, row.id).await?;
    let summary = summaries(db, vec![row]).await?.remove(0);
    Ok(ArticleView {
        summary,
        section_name,
        html,
        body,
        tags,
        author,
        created_at,
        published_at,
        stats,
        can_edit,
        files,
    })
}

async fn stats_of(db: &impl ConnectionTrait, row: &kb_article::Model) -> Result<ArticleStats, DomainError> {
    let linked =
        kb_article_ticket::Entity::find().filter(kb_article_ticket::Column::ArticleId.eq(row.id)).count(db).await?;
    Ok(ArticleStats {
        views: row.views.max(0) as u64,
        helpful_yes: row.helpful_yes.max(0) as u64,
        helpful_no: row.helpful_no.max(0) as u64,
        deflections: row.deflections.max(0) as u64,
        linked_tickets: linked,
    })
}

/// Up to `limit` other articles the reader may read that share the most words of this one's
/// title and tags.
pub async fn related(
    db: &impl ConnectionTrait,
    actor: &Actor,
    article: &ArticleView,
    limit: u64,
) -> Result<Vec<ArticleSummary>, DomainError> {
    let text = format!("{} {} ", article.summary.title, article.tags.join(" "));
    let query = ArticleQuery::from_typing(&text);
    let found = top(db, actor, &query, Combine::Any, limit, Some(article.summary.id)).await?;
    Ok(found.hits.into_iter().map(|h| h.article).collect())
}

/// Filters of the writers' list.
#[derive(Debug, Clone, Copy, Default)]
pub struct ListFilter {
    pub state: Option<ArticleState>,
    pub category_id: Option<i64>,
}

pub const PAGE_SIZE: u64 = 50;

/// The page of `actor`'s readable articles that `filter` selects, newest edit first, and how
/// many there are in all.
async fn listed(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: ListFilter,
    page: u64,
) -> Result<(Vec<kb_article::Model>, u64), DomainError> {
    let mut select = readable(actor);
    if let Some(state) = filter.state {
        select = select.filter(kb_article::Column::State.eq(state));
    }
    if let Some(category) = filter.category_id {
        select = select.filter(kb_article::Column::CategoryId.eq(category));
    }
    let total = select.clone().count(db).await?;
    let rows = select
        .order_by_desc(kb_article::Column::UpdatedAt)
        .order_by_desc(kb_article::Column::Id)
        .limit(PAGE_SIZE)
        .offset(page * PAGE_SIZE)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// Every article (any state) for staff, newest edit first, with its counts; and how many there
/// are in all.
pub async fn list_for_staff(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: ListFilter,
    page: u64,
) -> Result<(Vec<(ArticleSummary, ArticleStats)>, u64), DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let (rows, total) = listed(db, actor, filter, page).await?;
    let mut stats = Vec::with_capacity(rows.len());
    for row in &rows {
        stats.push(stats_of(db, row).await?);
    }
    Ok((summaries(db, rows).await?.into_iter().zip(stats).collect(), total))
}

/// The articles anyone may read, as `list_for_staff` pages them but without counts: for readers
/// outside the staff, the published articles their role reaches.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: ListFilter,
    page: u64,
) -> Result<(Vec<ArticleSummary>, u64), DomainError> {
    let (rows, total) = listed(db, actor, filter, page).await?;
    Ok((summaries(db, rows).await?, total))
}

/// An article's saved versions, newest first (staff).
pub async fn revisions(db: &impl ConnectionTrait, actor: &Actor, id: i64) -> Result<Vec<RevisionView>, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let rows = kb_article_revision::Entity::find()
        .filter(kb_article_revision::Column::ArticleId.eq(id))
        .order_by_desc(kb_article_revision::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    let editors: Vec<i64> = rows.iter().filter_map(|r| r.editor_id).collect();
    let names: HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(editors))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| RevisionView {
            id: r.id,
            editor: r.editor_id.and_then(|id| names.get(&id).cloned()),
            title: r.title,
            state: r.state,
            visibility: r.visibility,
            created_at: r.created_at,
        })
        .collect())
}

/// The help center's public addresses with when each last changed, for the sitemap: categories
/// and published public articles.
pub async fn sitemap(db: &impl ConnectionTrait) -> Result<Vec<(String, DateTime<Utc>)>, DomainError> {
    let rows = kb_article::Entity::find()
        .filter(kb_article::Column::Visibility.eq(ArticleVisibility::Public))
        .filter(kb_article::Column::State.eq(ArticleState::Published))
        .order_by_asc(kb_article::Column::Id)
        .all(db)
        .await?;
    let mut newest: HashMap<String, DateTime<Utc>> = HashMap::new();
    let mut out = Vec::new();
    for a in summaries(db, rows).await? {
        let at = newest.entry(format!("/help/{}", a.category_slug)).or_insert(a.updated_at);
        *at = (*at).max(a.updated_at);
        out.push((a.path(), a.updated_at));
    }
    let mut categories: Vec<(String, DateTime<Utc>)> = newest.into_iter().collect();
    categories.sort();
    Ok(categories.into_iter().chain(out).collect())
}
