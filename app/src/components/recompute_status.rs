//! The line that says how the last recomputation of open tickets' due times went, on the
//! business-hours and SLA pages.

use domain::sla::types::RecomputeProgress;
use leptos::prelude::*;

#[component]
pub fn RecomputeStatus(progress: Option<RecomputeProgress>) -> impl IntoView {
    progress.map(|p| {
        let text = match (p.finished_at, p.total) {
            (Some(at), Some(total)) => {
                format!("Due times recomputed for {total} open tickets at {} UTC.", at.format("%Y-%m-%d %H:%M"))
            }
            (None, Some(total)) => format!("Recomputing due times: {} of {total} open tickets done…", p.done),
            (None, None) => "Due times will be recomputed for every open ticket in a moment…".to_owned(),
            (Some(_), None) => "Due times recomputed.".to_owned(),
        };
        view! { <p class="notice" role="status">{text}</p> }
    })
}
