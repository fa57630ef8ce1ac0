//! The router's state: Leptos options for rendering, and the desk.

use axum::extract::FromRef;
use domain::desk::Desk;
use leptos::config::LeptosOptions;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub desk: Desk,
}
