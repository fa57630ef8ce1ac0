//! A ticket's timeline: messages (replies and, for agents, internal notes) interleaved with the
//! history of changes.

use crate::components::{
    deliveries::Deliveries,
    format::when,
    held_mail::{HeldMail, HeldMailActions},
};
use domain::{
    attachments::{AttachmentView, upload::human_size},
    ticket_types::{Channel, EventView, MessageView, TimelineEntry, Visibility},
};
use leptos::prelude::*;

#[component]
pub fn Timeline(ticket_id: i64, entries: Vec<TimelineEntry>, held: HeldMailActions) -> impl IntoView {
    let items = entries
        .into_iter()
        .map(|entry| match entry {
            TimelineEntry::Message(m) => view! { <Message ticket_id message=m held/> }.into_any(),
            TimelineEntry::Event(e) => view! { <Event event=e/> }.into_any(),
        })
        .collect_view();
    view! { <ol class="timeline" aria-label="Conversation and history">{items}</ol> }
}

#[component]
fn Message(ticket_id: i64, message: MessageView, held: HeldMailActions) -> impl IntoView {
    let actions = held;
    let internal = message.visibility == Visibility::Internal;
    let held = message
        .outside_sender
        .clone()
        .map(|sender| view! { <HeldMail ticket_id message_id=message.id sender actions/> });
    let class = if internal { "message message-internal" } else { "message" };
    view! {
        <li class=class data-message-id=message.id>
            <div class="message-header">
                <strong>{message.author_name}</strong>
                {message.author_role.is_staff().then(|| view! { <span class="badge badge-agent">"Agent"</span> })}
                {internal.then(|| view! { <span class="badge badge-internal">"Internal note"</span> })}
                {message.outside_sender.is_some().then(|| view! { <span class="badge badge-tag">"From an outside sender"</span> })}
                {(message.channel == Channel::Email).then(|| view! { <span class="badge badge-email">"Email"</span> })}
                <span class="muted small">{when(message.created_at)}</span>
            </div>
            // Rendered from Markdown and sanitised with ammonia when the message was written.
            <div class="message-body" inner_html=message.body_html></div>
            {held}
            {(!message.attachments.is_empty()).then(|| view! { <Attachments files=message.attachments/> })}
            {(!message.deliveries.is_empty()).then(|| view! { <Deliveries deliveries=message.deliveries/> })}
        </li>
    }
}

/// Files of a message: images as small previews (served only when their bytes are an image),
/// every file as a download link with its size. Names are text, never markup.
#[component]
fn Attachments(files: Vec<AttachmentView>) -> impl IntoView {
    let items = files
        .into_iter()
        .map(|f| {
            let size = human_size(f.size);
            let preview = f.is_image.then(|| {
                view! {
                    <a href=f.inline_url() target="_blank" rel="noopener">
                        <img class="thumbnail" src=f.inline_url() alt=f.file_name.clone() loading="lazy" width="160"/>
                    </a>
                }
            });
            view! {
                <li class="attachment">
                    {preview}
                    <a href=f.download_url() download=f.file_name.clone()>{f.file_name.clone()}</a>
                    " "
                    <span class="muted small">{size}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="attachments plain" aria-label="Attachments">{items}</ul> }
}

fn describe(event: &EventView) -> String {
    let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
    let who = &event.actor_name;
    match (event.field.as_str(), &event.old_value, &event.new_value) {
        ("created", _, new) => format!("{who} opened {}", value(new)),
        ("link", _, Some(new)) => format!("{who} linked this ticket: {new}"),
        ("link", old, None) => format!("{who} removed the link: {}", value(old)),
        ("merged_into", _, new) => format!("{who} merged this request into {}", value(new)),
        ("merged", _, new) => format!("{who} merged {} into this request", value(new)),
        ("follower", _, Some(new)) => format!("{new} started following"),
        ("follower", old, None) => format!("{} stopped following", value(old)),
        ("sla", _, new) => format!("SLA: {}", value(new)),
        ("routing", _, new) => format!("Routing: {}", value(new)),
        ("automation", _, new) => value(new),
        ("custom_field", _, new) => format!("{who} set {}", value(new)),
        ("time", _, new) => format!("{who} {}", value(new)),
        ("escalated", _, new) => format!("{who}: {}", value(new)),
        ("outside mail", old, new) => format!("{who}: mail from {} {}", value(old), value(new)),
        ("split from", _, new) => format!("{who} opened this from mail held on {}", value(new)),
        ("child_override", _, new) => {
            format!("{who} overrode the parent/child rule while child tickets were open: {}", value(new))
        }
        (field, _, _) => format!(
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

#[cfg(test)]
mod tests {
    use super::describe;
    use domain::ticket_types::EventView;

    #[test]
    fn history_lines() {
        let event = |field: &str, old: Option<&str>, new: Option<&str>| EventView {
            id: 1,
            actor_name: "Alex".into(),
            field: field.into(),
            old_value: old.map(str::to_owned),
            new_value: new.map(str::to_owned),
            at: chrono::Utc::now(),
        };
        // (event, line)
        let table = [
            (event("link", None, Some("duplicate of DKT-9")), "Alex linked this ticket: duplicate of DKT-9"),
            (event("link", Some("child of DKT-2"), None), "Alex removed the link: child of DKT-2"),
            (event("merged_into", None, Some("DKT-9")), "Alex merged this request into DKT-9"),
            (event("merged", None, Some("DKT-5")), "Alex merged DKT-5 into this request"),
            (event("follower", None, Some("Sam")), "Sam started following"),
            (event("follower", Some("Sam"), None), "Sam stopped following"),
            (event("status", Some("Open"), Some("Solved")), "Alex changed status from Open to Solved"),
            (event("sla", None, Some("First response: breached")), "SLA: First response: breached"),
            (
                event("routing", None, Some("Least loaded in Support: 3 open, capacity 8")),
                "Routing: Least loaded in Support: 3 open, capacity 8",
            ),
            (event("automation", None, Some("Rule “Close stale” ran")), "Rule “Close stale” ran"),
            (
                event("outside mail", Some("olga@x.test"), Some("made public")),
                "Alex: mail from olga@x.test made public",
            ),
            (event("split from", None, Some("DKT-7")), "Alex opened this from mail held on DKT-7"),
            (
                event("escalated", None, Some("Escalated to tier 2: Engineering")),
                "Alex: Escalated to tier 2: Engineering",
            ),
        ];
        for (event, line) in table {
            assert_eq!(describe(&event), line);
        }
    }
}
