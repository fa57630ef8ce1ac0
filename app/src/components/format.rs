//! How times and statuses are written on pages.

use chrono::{DateTime, Utc};
use domain::ticket_types::StatusView;
use leptos::prelude::*;

/// A timestamp as people read it; the same on the server and in the browser (UTC).
pub fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

#[component]
pub fn StatusBadge(status: StatusView) -> impl IntoView {
    view! { <span class=format!("badge badge-status-{}", status.category.as_str())>{status.name}</span> }
}
