//! `/api/v1/articles`, reading: search and lists, one article, its history, and "Was this
//! helpful?". Every read goes through the caller's reading rights: customers get published
//! public and customers' articles, staff every article in any state; an article beyond them is
//! not found. (Writing articles is `kb_writing`.)

use super::{
    auth::Caller,
    extract::{Body, ClientAddr, Id, Params},
    schemas::{ArticleDto, ArticleItemDto, ArticlePage, ErrorBody, RevisionList, StateDto, VoteBody},
};
use crate::{http::error::ApiError, state::AppState};
use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode, header},
};
use domain::{
    Action, Actor, DomainError, authorize,
    kb::{
        articles, feedback,
        queries::{self, ListFilter, PAGE_SIZE},
        search::{ArticleQuery, Combine, search},
    },
};
use sea_orm::DatabaseConnection;
use serde::Deserialize;
use utoipa::IntoParams;

/// The last page a cursor may name: deep enough for any knowledge base, shallow enough that no
/// request makes the database skip millions of rows.
const LAST_PAGE: u64 = 500;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ArticleParams {
    /// Search: words (all must appear; English endings are ignored, so `refund` finds "refunds"),
    /// `"phrases"`, `prefix*`, `-excluded`, `tag:vpn` and `category:` with a category's slug or
    /// name. Results come best match first, each with its `highlights`. Without `q`, the list.
    #[param(example = "vpn -mac tag:remote")]
    q: Option<String>,
    /// Without `q` only: the articles in this state (readers outside the staff only ever get
    /// published ones).
    #[param(inline)]
    state: Option<StateDto>,
    /// Without `q` only (searches say `category:`): the articles of this category.
    category_id: Option<i64>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
}

fn page_of(cursor: Option<&str>) -> Result<u64, DomainError> {
    match cursor.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(0),
        Some(c) => c
            .parse::<u64>()
            .ok()
            .filter(|p| (1..=LAST_PAGE).contains(p))
            .ok_or_else(|| DomainError::field("cursor", "This page link is out of date")),
    }
}

fn next_cursor(page: u64, total: u64) -> Option<String> {
    ((page + 1) * PAGE_SIZE < total && page < LAST_PAGE).then(|| (page + 1).to_string())
}

fn is_staff(caller: &Caller) -> bool {
    caller.0.principal.role.is_staff()
}

#[utoipa::path(
    get,
    path = "/api/v1/articles",
    operation_id = "list_articles",
    tag = "knowledge base",
    summary = "Search or list articles",
    description = "With `q`: the articles the caller may read that match, best first, with the matches in \
                   `highlights`. Without: staff get every article in any state, recently edited first, with their \
                   counts in `stats`; everyone else the published articles they may read (public ones, and the \
                   customers' ones for customers), recently edited first. 50 a page.",
    params(ArticleParams),
    responses(
        (status = 200, description = "One page of articles", body = ArticlePage),
        (status = 400, description = "A parameter that is not understood (an unknown state, a non-numeric id)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 422, description = "`q` with a ticket-only filter (`status:`, `assignee:` …) or with `state` or \
                                      `category_id`; an outdated cursor", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Params(params): Params<ArticleParams>,
) -> Result<Json<ArticlePage>, ApiError> {
    let (db, actor) = (&state.desk.db, caller.actor());
    let page = page_of(params.cursor.as_deref())?;
    if let Some(q) = params.q.as_deref().filter(|q| !q.trim().is_empty()) {
        if params.state.is_some() || params.category_id.is_some() {
            return Err(DomainError::field(
                "q",
                "Narrow a search with category: in q; state and category_id are for lists",
            )
            .into());
        }
        let query = ArticleQuery::parse(q)?;
        let found = search(db, &actor, &query, Combine::All, PAGE_SIZE, page * PAGE_SIZE, None).await?;
        let items = found.hits.into_iter().map(Into::into).collect();
        return Ok(Json(ArticlePage { items, total: found.total, next_cursor: next_cursor(page, found.total) }));
    }
    let filter = ListFilter { state: params.state.map(Into::into), category_id: params.category_id };
    let (items, total) = if is_staff(&caller) {
        let (rows, total) = queries::list_for_staff(db, &actor, filter, page).await?;
        let items = rows
            .into_iter()
            .map(|(article, stats)| ArticleItemDto { stats: Some(stats.into()), ..article.into() })
            .collect();
        (items, total)
    } else {
        let (rows, total) = queries::list(db, &actor, filter, page).await?;
        (rows.into_iter().map(Into::into).collect(), total)
    };
    Ok(Json(ArticlePage { items, total, next_cursor: next_cursor(page, total) }))
}

/// The article as `caller` may read it, in the API's shape.
pub async fn article_dto(db: &DatabaseConnection, caller: &Caller, id: i64) -> Result<ArticleDto, ApiError> {
    let actor = caller.actor();
    let view = queries::article(db, &actor, id).await?;
    let staff = is_staff(caller);
    let revision = if staff { articles::latest_revision(db, id).await? } else { None };
    Ok(ArticleDto::of(view, staff, revision))
}

#[utoipa::path(
    get,
    path = "/api/v1/articles/{id}",
    operation_id = "get_article",
    tag = "knowledge base",
    summary = "Read an article",
    description = "Writers also get its Markdown (`body`); staff its counts and latest `revision`. Reading through \
                   the API counts no view.",
    params(("id" = i64, Path, description = "The article's id")),
    responses(
        (status = 200, description = "The article", body = ArticleDto),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such article, or one the caller may not read (a draft, another \
                                      audience's)", body = ErrorBody),
    )
)]
pub async fn get(State(state): State<AppState>, caller: Caller, Id(id): Id) -> Result<Json<ArticleDto>, ApiError> {
    Ok(Json(article_dto(&state.desk.db, &caller, id).await?))
}

#[utoipa::path(
    get,
    path = "/api/v1/articles/{id}/revisions",
    operation_id = "list_article_revisions",
    tag = "knowledge base",
    summary = "An article's saved versions (agents and admins)",
    params(("id" = i64, Path, description = "The article's id")),
    responses(
        (status = 200, description = "Its versions, newest first", body = RevisionList),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A customer's token", body = ErrorBody),
        (status = 404, description = "No such article", body = ErrorBody),
    )
)]
pub async fn revisions(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Json<RevisionList>, ApiError> {
    let (db, actor) = (&state.desk.db, caller.actor());
    authorize(&actor, Action::UseAgentWorkspace)?;
    queries::article(db, &actor, id).await?;
    let items = queries::revisions(db, &actor, id).await?;
    Ok(Json(RevisionList { items: items.into_iter().map(Into::into).collect() }))
}

/// Who is voting: the token's user, so each person has one answer per article.
fn visitor(actor: &Actor, client: ClientAddr, headers: &HeaderMap) -> String {
    let agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default();
    feedback::visitor_key(actor, client.0, agent)
}

#[utoipa::path(
    post,
    path = "/api/v1/articles/{id}/votes",
    operation_id = "vote_on_article",
    tag = "knowledge base",
    summary = "Answer \"Was this helpful?\" for a published article",
    description = "One answer per person and article: a new one replaces the last. Each client address may send \
                   20 answers at once, then one every 6 seconds.",
    params(
        ("id" = i64, Path, description = "The article's id"),
    ),
    request_body = VoteBody,
    responses(
        (status = 204, description = "Counted"),
        (status = 400, description = "Malformed JSON, a missing `helpful` or an unknown field", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A read-only token", body = ErrorBody),
        (status = 404, description = "No such published article the caller may read", body = ErrorBody),
        (status = 422, description = "A comment over 2000 characters", body = ErrorBody),
        (status = 429, description = "Too many answers from this address; see `Retry-After`", body = ErrorBody),
    )
)]
pub async fn vote(
    State(state): State<AppState>,
    caller: Caller,
    client: ClientAddr,
    headers: HeaderMap,
    Id(id): Id,
    Body(input): Body<VoteBody>,
) -> Result<StatusCode, ApiError> {
    let actor = caller.actor();
    state.desk.feedback_throttle.spend(client.0)?;
    let visitor = visitor(&actor, client, &headers);
    let comment = input.comment.unwrap_or_default();
    feedback::vote(&state.desk.db, &actor, id, &visitor, input.helpful, &comment).await?;
    Ok(StatusCode::NO_CONTENT)
}
