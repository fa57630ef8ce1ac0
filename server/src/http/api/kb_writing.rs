//! `/api/v1/articles`, writing: new articles and changes to them, by writers (admins, and the
//! agents and managers an admin allows). A change names the revision it was made from, so that
//! two writers never overwrite each other unseen.

use super::{
    auth::Caller,
    extract::{Body, Id},
    kb::writer,
    kb_articles::article_dto,
    schemas::{ArticleDto, ArticlePatch, ErrorBody, NewArticleBody},
};
use crate::{http::error::ApiError, state::AppState};
use axum::{
    Json,
    extract::State,
    http::{StatusCode, header},
};
use domain::{
    DomainError,
    kb::{
        articles::{self, ArticleInput},
        queries,
    },
};

/// The tags as the domain reads them (separated by commas). A tag that is blank or holds a
/// separator would silently become none or several, so it is refused instead.
fn tags_text(tags: &[String]) -> Result<String, DomainError> {
    if tags.iter().any(|t| t.trim().is_empty() || t.contains([',', ' ', '\n', '\t', '\r'])) {
        return Err(DomainError::field("tags", "Tags use letters, digits, - and _ only"));
    }
    Ok(tags.join(","))
}

#[utoipa::path(
    post,
    path = "/api/v1/articles",
    operation_id = "create_article",
    tag = "knowledge base",
    summary = "Write an article (writers)",
    description = "Send an `Idempotency-Key` header to retry safely.",
    request_body = NewArticleBody,
    responses(
        (status = 201, description = "The new article", body = ArticleDto, headers(("Location" = String))),
        (status = 400, description = "Malformed JSON, an unknown field, visibility or state", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A read-only token, or a caller who may not write articles", body = ErrorBody),
        (status = 413, description = "The body is over 1 MB", body = ErrorBody),
        (status = 422, description = "Fields that need attention: a missing or long title, a malformed or taken \
                                      slug, a long summary or body, publishing without a body, bad tags, a missing \
                                      category or a section of another category", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Body(input): Body<NewArticleBody>,
) -> Result<(StatusCode, [(header::HeaderName, String); 1], Json<ArticleDto>), ApiError> {
    let (db, actor) = (&state.desk.db, caller.actor());
    writer(db, &actor).await?;
    let new = ArticleInput {
        title: input.title,
        slug: input.slug,
        summary: input.summary,
        body: input.body,
        // No category is id 0, which the domain refuses on `category_id` like an unknown one.
        category_id: input.category_id.unwrap_or_default(),
        section_id: input.section_id,
        tags: tags_text(&input.tags)?,
        visibility: input.visibility.into(),
        state: input.state.into(),
        base_revision: None,
    };
    let id = articles::create(db, &actor, new, None).await?;
    let article = article_dto(db, &caller, id).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/articles/{id}"))], Json(article)))
}

#[utoipa::path(
    patch,
    path = "/api/v1/articles/{id}",
    operation_id = "update_article",
    tag = "knowledge base",
    summary = "Change an article (writers)",
    description = "Fields left out keep their value. Every change is saved as a new revision. Send the article's \
                   `revision` as `base_revision` to be refused (409) when someone saved it after you read it.",
    params(("id" = i64, Path, description = "The article's id")),
    request_body = ArticlePatch,
    responses(
        (status = 200, description = "The article after the change", body = ArticleDto),
        (status = 400, description = "Malformed JSON, an unknown field, visibility or state", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A read-only token, or a caller who may not write articles", body = ErrorBody),
        (status = 404, description = "No such article", body = ErrorBody),
        (status = 409, description = "Someone saved the article after `base_revision`", body = ErrorBody),
        (status = 413, description = "The body is over 1 MB", body = ErrorBody),
        (status = 422, description = "Fields that need attention, as when writing an article", body = ErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    Body(patch): Body<ArticlePatch>,
) -> Result<Json<ArticleDto>, ApiError> {
    let (db, actor) = (&state.desk.db, caller.actor());
    writer(db, &actor).await?;
    // A writer reads every article, with its Markdown.
    let now = queries::article(db, &actor, id).await?;
    let was = now.summary;
    let category_id = patch.category_id.unwrap_or(was.category_id);
    let section_id = match patch.section_id {
        Some(section) => section,
        // A section belongs to its category: moving the article leaves it behind.
        None if category_id != was.category_id => None,
        None => was.section_id,
    };
    let tags = match patch.tags {
        Some(tags) => tags_text(&tags)?,
        None => now.tags.join(","),
    };
    let input = ArticleInput {
        title: patch.title.unwrap_or(was.title),
        slug: patch.slug.unwrap_or(was.slug),
        summary: patch.summary.unwrap_or(was.summary),
        body: patch.body.unwrap_or(now.body),
        category_id,
        section_id,
        tags,
        visibility: patch.visibility.map_or(was.visibility, Into::into),
        state: patch.state.map_or(was.state, Into::into),
        base_revision: patch.base_revision,
    };
    articles::update(db, &actor, id, input).await?;
    Ok(Json(article_dto(db, &caller, id).await?))
}
