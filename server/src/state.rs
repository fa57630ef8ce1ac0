//! The router's state: Leptos options for rendering, the desk, and this process's metrics.

use axum::extract::FromRef;
use domain::desk::Desk;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub desk: Desk,
    pub metrics: Arc<crate::http::metrics::Metrics>,
}
