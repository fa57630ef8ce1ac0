//! How times and statuses are written on pages.

use chrono::{DateTime, Utc};
use domain::ticket_types::StatusView;
use leptos::prelude::*;

/// A timestamp as people read it; the same on the server and in the browser (UTC).
pub fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// A ticket's next SLA due time, marked when it has passed; a dash without one.
#[component]
pub fn DueText(due: Option<DateTime<Utc>>, overdue: bool) -> impl IntoView {
    match due {
        None => view! { <span class="muted">"—"</span> }.into_any(),
        Some(at) if overdue => {
            view! { <span class="due-overdue">{format!("Overdue since {}", when(at))}</span> }.into_any()
        }
        Some(at) => view! { <span>{when(at)}</span> }.into_any(),
    }
}

#[component]
pub fn StatusBadge(status: StatusView) -> impl IntoView {
    view! { <span class=format!("badge badge-status-{}", status.category.as_str())>{status.name}</span> }
}
