//! Where the emailed copies of a message are (for agents): queued, being sent, sent, or failed
//! with the mail server's answer.

use domain::email_types::Delivery;
use leptos::prelude::*;

fn describe(d: &Delivery) -> String {
    match d.state.as_str() {
        "sent" => format!("Emailed to {}", d.recipient),
        "failed" => format!(
            "Email to {} failed after {} attempts: {}",
            d.recipient,
            d.attempts,
            d.last_error.as_deref().unwrap_or("no answer")
        ),
        "queued" if d.attempts > 0 => format!(
            "Email to {} will be retried (attempt {} failed: {})",
            d.recipient,
            d.attempts,
            d.last_error.as_deref().unwrap_or("no answer")
        ),
        _ => format!("Email to {} is being sent", d.recipient),
    }
}

#[component]
pub fn Deliveries(deliveries: Vec<Delivery>) -> impl IntoView {
    let items = deliveries
        .into_iter()
        .map(|d| {
            let class = format!("delivery delivery-{}", d.state);
            view! { <li class=class data-delivery=d.state.clone()>{describe(&d)}</li> }
        })
        .collect_view();
    view! { <ul class="deliveries plain small muted" aria-label="Email delivery">{items}</ul> }
}
