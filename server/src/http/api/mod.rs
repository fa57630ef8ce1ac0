//! The REST API under `/api/v1`: bearer tokens (never cookies: the session layer does not wrap
//! these routes), scopes, a per-token rate limit, idempotency keys on POST, errors in one JSON
//! shape, and the OpenAPI document (`/api/v1/openapi.json`) with its reference page (`/api/docs`),
//! both made from the same routes the router serves.

mod attachments;
mod audit;
mod auth;
mod custom_fields;
mod docs_page;
mod docs_sample;
mod extract;
mod idempotency;
mod kb;
mod kb_articles;
mod kb_writing;
mod messages;
mod openapi;
mod options;
mod organizations;
mod rate_limit;
mod schemas;
mod sla;
mod teams;
mod tickets;
mod users;

use super::{error::ApiError, security};
use crate::state::AppState;
use axum::{
    Router,
    body::Bytes,
    extract::DefaultBodyLimit,
    http::{HeaderValue, header},
    middleware::{from_fn, from_fn_with_state},
    response::{IntoResponse, Response},
    routing::{any, get},
};
use domain::DomainError;
use std::sync::Arc;
use utoipa::OpenApi;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The largest JSON body an endpoint accepts.
pub const JSON_BODY_LIMIT: usize = 1 << 20;

/// The API's resource routes, and the OpenAPI document that describes exactly them.
fn resources(upload_limit: usize) -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let uploads = OpenApiRouter::new().routes(routes!(attachments::upload)).layer(DefaultBodyLimit::max(upload_limit));
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(tickets::list::list, tickets::create::create))
        .routes(routes!(tickets::read::get, tickets::update::update, tickets::delete::delete))
        .routes(routes!(messages::list, messages::create))
        .merge(uploads)
        .routes(routes!(attachments::download))
        .routes(routes!(users::list, users::create))
        .routes(routes!(users::get))
        .routes(routes!(organizations::list, organizations::create))
        .routes(routes!(organizations::get, organizations::update))
        .routes(routes!(teams::list, teams::create))
        .routes(routes!(options::statuses))
        .routes(routes!(options::priorities))
        .routes(routes!(options::categories))
        .routes(routes!(custom_fields::list))
        .routes(routes!(sla::attainment))
        .routes(routes!(sla::at_risk))
        .routes(routes!(kb::list, kb::create))
        .routes(routes!(kb::update, kb::delete))
        .routes(routes!(kb::create_section))
        .routes(routes!(kb::delete_section))
        .routes(routes!(kb_articles::list, kb_writing::create))
        .routes(routes!(kb_articles::get, kb_writing::update))
        .routes(routes!(kb_articles::revisions))
        .routes(routes!(kb_articles::vote))
        .routes(routes!(audit::list))
        .split_for_parts()
}

async fn not_found() -> ApiError {
    ApiError(DomainError::NotFound)
}

async fn method_not_allowed() -> ApiError {
    ApiError(DomainError::MethodNotAllowed)
}

fn with_type(body: impl Into<axum::body::Body>, content_type: &'static str) -> Response {
    let mut res = Response::new(body.into());
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    res
}

/// Everything under `/api`, with its own layers. `upload_limit` bounds an attachment upload;
/// `rate_per_second` is each token's average request rate.
pub fn router(state: &AppState, upload_limit: usize, rate_per_second: u32) -> Router<AppState> {
    let (routes, mut doc) = resources(upload_limit);
    openapi::state_shared_rules(&mut doc);
    let limit = Arc::new(rate_limit::ApiRateLimit::per_second(rate_per_second));
    let gate = auth::Gate { desk: state.desk.clone(), limit };
    let routes = routes
        .method_not_allowed_fallback(method_not_allowed)
        .route_layer(from_fn_with_state((state.desk.clone(), upload_limit), idempotency::remember_posts))
        .route_layer(from_fn_with_state(gate, auth::authenticate_token));
    let json = Bytes::from(doc.to_json().unwrap_or_default());
    let page = Bytes::from(docs_page::render(&serde_json::to_value(&doc).unwrap_or_default()));
    routes
        .route("/api/v1/openapi.json", get(move || async move { with_type(json.clone(), "application/json") }))
        .route(
            "/api/docs",
            get(move || async move {
                let mut res = with_type(page.clone(), "text/html; charset=utf-8");
                res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(docs_page::CSP));
                res.into_response()
            }),
        )
        .route("/api/v1", any(not_found))
        .route("/api/v1/{*rest}", any(not_found))
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .layer(from_fn(security::refuse_cross_site_mutations))
}
