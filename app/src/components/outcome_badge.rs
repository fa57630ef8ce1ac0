//! What a received message became (the ingest log's outcome), as a badge.

use leptos::prelude::*;

/// The outcomes of the ingest log, with their labels, in the order the filter lists them.
pub const OUTCOMES: [(&str, &str); 6] = [
    ("ticket", "New ticket"),
    ("reply", "Reply"),
    ("quarantined", "Quarantined"),
    ("rejected", "Rejected"),
    ("ignored", "Ignored"),
    ("duplicate", "Duplicate"),
];

pub fn outcome_label(outcome: &str) -> String {
    OUTCOMES
        .iter()
        .find(|(key, _)| *key == outcome)
        .map_or_else(|| outcome.to_owned(), |(_, label)| (*label).to_owned())
}

#[component]
pub fn OutcomeBadge(outcome: String) -> impl IntoView {
    let tone = match outcome.as_str() {
        "ticket" => "badge-active",
        "reply" => "badge-agent",
        "quarantined" => "badge-internal",
        "rejected" => "badge-inactive",
        _ => "badge-customer",
    };
    view! { <span class=format!("badge {tone} outcome-{outcome}")>{outcome_label(&outcome)}</span> }
}
