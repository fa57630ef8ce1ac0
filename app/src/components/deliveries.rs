//! Where the emailed copies of a message, and the acknowledgment of a customer's first one, are
//! (for agents): queued, being sent, sent, or failed with the mail server's answer.

use domain::email_types::{Delivery, DeliveryState, MailEvent};
use leptos::prelude::*;

fn describe(d: &Delivery) -> String {
    // An acknowledgment answers the message it sits on; other mail carries it.
    let (what, sent) = if d.event == MailEvent::Acknowledgment {
        ("Acknowledgment", "Acknowledgment emailed")
    } else {
        ("Email", "Emailed")
    };
    match d.state {
        DeliveryState::Sent => format!("{sent} to {}", d.recipient),
        DeliveryState::Failed => format!(
            "{what} to {} failed after {} attempts: {}",
            d.recipient,
            d.attempts,
            d.last_error.as_deref().unwrap_or("no answer")
        ),
        DeliveryState::Queued if d.attempts > 0 => format!(
            "{what} to {} will be retried (attempt {} failed: {})",
            d.recipient,
            d.attempts,
            d.last_error.as_deref().unwrap_or("no answer")
        ),
        _ => format!("{what} to {} is being sent", d.recipient),
    }
}

#[component]
pub fn Deliveries(deliveries: Vec<Delivery>) -> impl IntoView {
    let items = deliveries
        .into_iter()
        .map(|d| {
            let class = format!("delivery delivery-{}", d.state.as_str());
            view! { <li class=class data-delivery=d.state.as_str()>{describe(&d)}</li> }
        })
        .collect_view();
    view! { <ul class="deliveries plain small muted" aria-label="Email delivery">{items}</ul> }
}
