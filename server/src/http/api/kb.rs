//! `/api/v1/kb/categories` and `/api/v1/kb/sections`: the knowledge base's arrangement. Anyone
//! with a token reads the categories as their role may read them; writers (admins, and the
//! agents and managers an admin allows) add, change and delete categories and sections.

use super::{
    auth::Caller,
    extract::{Body, Id},
    schemas::{CategoryDto, CategoryList, CategoryPatch, ErrorBody, NewCategoryBody, NewSectionBody, SectionDto},
};
use crate::{http::error::ApiError, state::AppState};
use axum::{Json, extract::State, http::StatusCode};
use domain::{
    Actor, DomainError, FieldError,
    kb::{
        categories::{self, CategoryInput},
        queries,
        types::CategoryView,
        writers,
    },
};
use sea_orm::DatabaseConnection;

/// Refuses callers who may not write before their input is looked at, so that a non-writer
/// always learns the same thing (403), whatever they send.
pub async fn writer(db: &DatabaseConnection, actor: &Actor) -> Result<(), ApiError> {
    Ok(writers::authorize_writer(db, actor).await?)
}

/// The category as the caller (a writer, who reads every category) now sees it.
async fn category(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<CategoryView, ApiError> {
    let found = queries::categories(db, actor).await?.into_iter().find(|c| c.id == id);
    Ok(found.ok_or(DomainError::NotFound)?)
}

#[utoipa::path(
    get,
    path = "/api/v1/kb/categories",
    operation_id = "list_kb_categories",
    tag = "knowledge base",
    summary = "List the help center's categories",
    description = "In order, with their sections and how many articles in each the caller may read. Customers get \
                   only the categories holding something they may read; staff get every category.",
    responses(
        (status = 200, description = "The categories", body = CategoryList),
        (status = 401, description = "No valid token", body = ErrorBody),
    )
)]
pub async fn list(State(state): State<AppState>, caller: Caller) -> Result<Json<CategoryList>, ApiError> {
    let items = queries::categories(&state.desk.db, &caller.actor()).await?;
    Ok(Json(CategoryList { items: items.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(
    post,
    path = "/api/v1/kb/categories",
    operation_id = "create_kb_category",
    tag = "knowledge base",
    summary = "Create a category (writers)",
    request_body = NewCategoryBody,
    responses(
        (status = 201, description = "The new category, last in order", body = CategoryDto),
        (status = 400, description = "Malformed JSON or an unknown field", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A read-only token, or a caller who may not write articles", body = ErrorBody),
        (status = 422, description = "A missing, long or taken name; a malformed or taken slug; a long description", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Body(input): Body<NewCategoryBody>,
) -> Result<(StatusCode, Json<CategoryDto>), ApiError> {
    let (db, actor) = (&state.desk.db, caller.actor());
    writer(db, &actor).await?;
    let input = CategoryInput { name: input.name, slug: input.slug, description: input.description };
    let id = categories::create_category(db, &actor, input).await?;
    Ok((StatusCode::CREATED, Json(category(db, &actor, id).await?.into())))
}

#[utoipa::path(
    patch,
    path = "/api/v1/kb/categories/{id}",
    operation_id = "update_kb_category",
    tag = "knowledge base",
    summary = "Change a category (writers)",
    description = "Fields left out keep their value.",
    params(("id" = i64, Path, description = "The category's id")),
    request_body = CategoryPatch,
    responses(
        (status = 200, description = "The category after the change", body = CategoryDto),
        (status = 400, description = "Malformed JSON or an unknown field", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A read-only token, or a caller who may not write articles", body = ErrorBody),
        (status = 404, description = "No such category", body = ErrorBody),
        (status = 422, description = "A missing, long or taken name; a malformed or taken slug; a long description", body = ErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    Body(patch): Body<CategoryPatch>,
) -> Result<Json<CategoryDto>, ApiError> {
    let (db, actor) = (&state.desk.db, caller.actor());
    writer(db, &actor).await?;
    let now = category(db, &actor, id).await?;
    let input = CategoryInput {
        name: patch.name.unwrap_or(now.name),
        slug: patch.slug.unwrap_or(now.slug),
        description: patch.description.unwrap_or(now.description),
    };
    categories::update_category(db, &actor, id, input).await?;
    Ok(Json(category(db, &actor, id).await?.into()))
}

#[utoipa::path(
    delete,
    path = "/api/v1/kb/categories/{id}",
    operation_id = "delete_kb_category",
    tag = "knowledge base",
    summary = "Delete an empty category and its sections (writers)",
    params(("id" = i64, Path, description = "The category's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A read-only token, or a caller who may not write articles", body = ErrorBody),
        (status = 404, description = "No such category", body = ErrorBody),
        (status = 409, description = "It still holds articles (in any state): move them elsewhere first", body = ErrorBody),
    )
)]
pub async fn delete(State(state): State<AppState>, caller: Caller, Id(id): Id) -> Result<StatusCode, ApiError> {
    let (db, actor) = (&state.desk.db, caller.actor());
    writer(db, &actor).await?;
    categories::delete_category(db, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The domain names the section's name `section_name` (a form beside the category's own); the
/// API's body calls it `name`.
fn as_name(err: DomainError) -> DomainError {
    match err {
        DomainError::Validation(fields) => DomainError::Validation(
            fields
                .into_iter()
                .map(|f| if f.field == "section_name" { FieldError::new("name", f.message) } else { f })
                .collect(),
        ),
        other => other,
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/kb/categories/{id}/sections",
    operation_id = "create_kb_section",
    tag = "knowledge base",
    summary = "Add a section to a category (writers)",
    params(
        ("id" = i64, Path, description = "The category's id"),
    ),
    request_body = NewSectionBody,
    responses(
        (status = 201, description = "The new section, last in its category", body = SectionDto),
        (status = 400, description = "Malformed JSON or an unknown field", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A read-only token, or a caller who may not write articles", body = ErrorBody),
        (status = 404, description = "No such category", body = ErrorBody),
        (status = 422, description = "A missing or long name, or one the category's sections already have", body = ErrorBody),
    )
)]
pub async fn create_section(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    Body(input): Body<NewSectionBody>,
) -> Result<(StatusCode, Json<SectionDto>), ApiError> {
    let (db, actor) = (&state.desk.db, caller.actor());
    writer(db, &actor).await?;
    let section = categories::create_section(db, &actor, id, &input.name).await.map_err(as_name)?;
    let view = category(db, &actor, id).await?.sections.into_iter().find(|s| s.id == section);
    Ok((StatusCode::CREATED, Json(view.ok_or(DomainError::Internal)?.into())))
}

#[utoipa::path(
    delete,
    path = "/api/v1/kb/sections/{id}",
    operation_id = "delete_kb_section",
    tag = "knowledge base",
    summary = "Delete a section (writers)",
    description = "Its articles stay in the category, outside any section.",
    params(("id" = i64, Path, description = "The section's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A read-only token, or a caller who may not write articles", body = ErrorBody),
        (status = 404, description = "No such section", body = ErrorBody),
    )
)]
pub async fn delete_section(State(state): State<AppState>, caller: Caller, Id(id): Id) -> Result<StatusCode, ApiError> {
    let (db, actor) = (&state.desk.db, caller.actor());
    writer(db, &actor).await?;
    categories::delete_section(db, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
