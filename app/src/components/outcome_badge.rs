//! What a received message became (the ingest log's outcome), as a badge.

use domain::email_types::IngestOutcome;
use leptos::prelude::*;

#[component]
pub fn OutcomeBadge(outcome: IngestOutcome) -> impl IntoView {
    let tone = match outcome {
        IngestOutcome::Ticket => "badge-active",
        IngestOutcome::Reply => "badge-agent",
        IngestOutcome::Quarantined => "badge-internal",
        IngestOutcome::Rejected => "badge-inactive",
        IngestOutcome::Duplicate => "badge-customer",
    };
    view! { <span class=format!("badge {tone} outcome-{}", outcome.as_str())>{outcome.label()}</span> }
}
