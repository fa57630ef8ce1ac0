//! A ticket's timeline: messages (replies and, for agents, internal notes) interleaved with the
//! history of changes.

use crate::components::format::when;
use domain::ticket_types::{EventView, MessageView, TimelineEntry, Visibility};
use leptos::prelude::*;

#[component]
pub fn Timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    let items = entries
        .into_iter()
        .map(|entry| match entry {
            TimelineEntry::Message(m) => view! { <Message message=m/> }.into_any(),
            TimelineEntry::Event(e) => view! { <Event event=e/> }.into_any(),
        })
        .collect_view();
    view! { <ol class="timeline" aria-label="Conversation and history">{items}</ol> }
}

#[component]
fn Message(message: MessageView) -> impl IntoView {
    let internal = message.visibility == Visibility::Internal;
    let class = if internal { "message message-internal" } else { "message" };
    view! {
        <li class=class data-message-id=message.id>
            <div class="message-header">
                <strong>{message.author_name}</strong>
                {message.author_role.is_staff().then(|| view! { <span class="badge badge-agent">"Agent"</span> })}
                {internal.then(|| view! { <span class="badge badge-internal">"Internal note"</span> })}
                <span class="muted small">{when(message.created_at)}</span>
            </div>
            // Rendered from Markdown and sanitised with ammonia when the message was written.
            <div class="message-body" inner_html=message.body_html></div>
        </li>
    }
}

fn describe(event: &EventView) -> String {
    let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
    match event.field.as_str() {
        "created" => format!("{} opened {}", event.actor_name, value(&event.new_value)),
        field => format!(
            "{} changed {field} from {} to {}",
            event.actor_name,
            value(&event.old_value),
            value(&event.new_value)
        ),
    }
}

#[component]
fn Event(event: EventView) -> impl IntoView {
    let text = describe(&event);
    view! {
        <li class="event">
            <span>{text}</span>
            " "
            <span class="muted small">{when(event.at)}</span>
        </li>
    }
}
