//! The axum router: pages and server functions (Leptos), health, the REST API, and the layers
//! requests pass: tracing and security headers for all; sessions (sliding), body limits and the
//! cross-site mutation guard for the site (the API brings its own, and never sees sessions).

mod api;
pub(crate) mod attachments;
mod calendar_feed;
mod compression;
pub mod error;
mod form_styles;
mod health;
mod help_files;
mod help_sitemap;
mod inbound_mail;
mod live;
mod magic_link;
mod mail_log_raw;
pub mod metrics;
mod report_export;
mod request_span;
mod security;
pub(crate) mod session_actor;
mod session_slide;

use crate::{config::Config, sessions::DbSessionStore, state::AppState};
use app::{App, shell};
use axum::{
    Router,
    extract::DefaultBodyLimit,
    middleware,
    routing::{get, post},
};
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use std::sync::OnceLock;
use tower_http::{limit::RequestBodyLimitLayer, trace::TraceLayer};
use tower_sessions::{Expiry, SessionManagerLayer, cookie::SameSite};

pub const SESSION_COOKIE: &str = "docket_session";

/// The app's routes, listed once per process. Listing them switches off resource loading for
/// the whole process while it runs, so a second listing (another router in the same process, as
/// in the tests) would leave the pages another router is rendering at that moment waiting forever.
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: AppState, store: DbSessionStore, config: &Config) -> Router {
    let routes = routes();
    let desk = state.desk.clone();
    let context = move || provide_context(desk.clone());
    let options = state.leptos_options.clone();
    let sessions = SessionManagerLayer::new(store)
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.https)
        .with_expiry(Expiry::OnInactivity(time::Duration::days(i64::from(config.session_days))));
    let https = config.https;
    // Every file of a message at the largest size, plus the form's text.
    let body_limit = (config.attachment_max_bytes as usize).saturating_mul(domain::attachments::MAX_FILES) + (2 << 20);
    let site = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::scrape))
        .route("/attachments/{id}", get(attachments::download))
        .route("/events", get(live::events))
        .route("/help/files/{id}/{name}", get(help_files::download))
        .route("/sitemap.xml", get(help_sitemap::sitemap))
        .route("/robots.txt", get(help_sitemap::robots))
        // `domain::custom_fields::FORM_STYLES_PATH`, spelled out for the authorization matrix.
        .route("/forms.css", get(form_styles::stylesheet))
        .route("/access/{secret}", get(magic_link::open))
        .route("/login", get(magic_link::login))
        .route("/register", get(magic_link::register))
        .route("/admin/mail/log/{id}/raw", get(mail_log_raw::download))
        .route("/reports/export/{chart}", get(report_export::download))
        .route("/calendar/{file}", get(calendar_feed::download))
        .leptos_routes_with_context(&state, routes, context.clone(), move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(middleware::from_fn(security::page_content_security))
        .layer(middleware::from_fn(security::refuse_cross_site_mutations))
        .layer(middleware::from_fn(security::require_multipart_bodies))
        .layer(RequestBodyLimitLayer::new(body_limit))
        .layer(middleware::from_fn(session_slide::slide))
        .layer(sessions);
    // Mail services post raw messages here with a mailbox secret; no session, no cross-site check.
    let inbound_mail = Router::new()
        .route("/inbound/mail/{id}", post(inbound_mail::receive))
        .layer(DefaultBodyLimit::max(domain::email::limits::Limits::default().max_bytes + (1 << 20)));
    api::router(&state, body_limit, config.api_rate_per_second)
        .merge(inbound_mail)
        .merge(site)
        .layer(middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(compression::layer())
        .layer(middleware::from_fn(move |req, next| security::add_security_headers(https, req, next)))
        .layer(TraceLayer::new_for_http().make_span_with(request_span::make_span))
        .with_state(state)
}
