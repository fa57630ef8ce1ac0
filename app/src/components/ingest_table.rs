//! The ingest log as a table: when, where and how a message came in, from whom, what it became
//! and why, its ticket, and the ways to look closer (the raw message) or try again (reprocess).

use crate::{
    api::mail::ReprocessMail,
    components::{format::when, outcome_badge::OutcomeBadge},
};
use domain::email_types::IngestEntry;
use leptos::prelude::*;

fn via_label(via: &str) -> String {
    match via {
        "imap" | "smtp" | "lmtp" | "http" => via.to_uppercase(),
        "reprocess" => "Reprocessed".to_owned(),
        other => other.to_owned(),
    }
}

fn row(entry: IngestEntry, reprocess: ServerAction<ReprocessMail>) -> impl IntoView {
    let id = entry.id;
    let subject = entry.subject.clone().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| "(no subject)".to_owned());
    let ticket = entry.ticket_id.map(|ticket_id| {
        let reference = entry.ticket_reference.clone().unwrap_or_else(|| format!("#{ticket_id}"));
        view! { <a href=format!("/agent/tickets/{ticket_id}")>{reference}</a> }
    });
    let retry = entry.can_reprocess.then(|| {
        view! {
            <ActionForm action=reprocess attr:class="inline">
                <input type="hidden" name="entry_id" value=id.to_string()/>
                <button type="submit" class="btn btn-secondary btn-small" aria-label=format!("Reprocess message {id}")
                    disabled=move || reprocess.pending().get()>"Reprocess"</button>
            </ActionForm>
        }
    });
    view! {
        <tr id=format!("mail-{id}")>
            <td class="small">{when(entry.received_at)}</td>
            <td>{entry.mailbox.clone().unwrap_or_else(|| "(removed)".to_owned())}</td>
            <td class="small">{via_label(&entry.via)}</td>
            <td>
                {entry.from.clone().unwrap_or_default()}
                {entry.automatic.then(|| view! {
                    " " <span class="badge badge-tag" title="Sent by a machine: an auto-reply, a bounce or a list">"automatic"</span>
                })}
            </td>
            <td>{subject}</td>
            <td><OutcomeBadge outcome=entry.outcome/></td>
            <td class="small">
                {entry.reason.clone()}
                {entry.reprocessed_as.map(|n| view! { <p class="muted">{format!("Reprocessed as entry {n}")}</p> })}
            </td>
            <td>{ticket}</td>
            <td>
                {retry}
                <a class="btn btn-link btn-small" href=format!("/admin/mail/log/{id}/raw") rel="external"
                    download=format!("message-{id}.eml") aria-label=format!("Raw message {id}")>"Raw"</a>
            </td>
        </tr>
    }
}

#[component]
pub fn IngestTable(entries: Vec<IngestEntry>, reprocess: ServerAction<ReprocessMail>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Received"</th>
                        <th scope="col">"Mailbox"</th>
                        <th scope="col">"Via"</th>
                        <th scope="col">"From"</th>
                        <th scope="col">"Subject"</th>
                        <th scope="col">"Outcome"</th>
                        <th scope="col">"Why"</th>
                        <th scope="col">"Ticket"</th>
                        <th scope="col"><span class="sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>{entries.into_iter().map(|entry| row(entry, reprocess)).collect_view()}</tbody>
            </table>
        </div>
    }
}
