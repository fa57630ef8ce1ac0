//! `/admin/mail-log`: every received message, newest first, with what it became and why;
//! filtered by outcome (`?outcome=quarantined`), paged (`?page=2`), and quarantined or rejected
//! mail reprocessed after what stopped it was changed.

use crate::{
    api::mail::{ReprocessMail, Reprocessed, list_mail_log},
    components::{
        form_feedback::{FormBanner, action_error},
        ingest_table::IngestTable,
        mail_admin_nav::MailAdminNav,
        require_role::RequireRole,
    },
};
use domain::{Role, email_types::IngestOutcome};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminMailLogPage() -> impl IntoView {
    view! {
        <Title text="Mail log"/>
        <RequireRole allow=|role| role == Role::Admin>
            <LogBody/>
        </RequireRole>
    }
}

/// The address of a page of the log.
fn log_href(outcome: Option<IngestOutcome>, page: u64) -> String {
    match (outcome.map(IngestOutcome::as_str), page) {
        (None, 1) => "/admin/mail-log".to_owned(),
        (None, page) => format!("/admin/mail-log?page={page}"),
        (Some(outcome), 1) => format!("/admin/mail-log?outcome={outcome}"),
        (Some(outcome), page) => format!("/admin/mail-log?outcome={outcome}&page={page}"),
    }
}

#[component]
fn LogBody() -> impl IntoView {
    let reprocess = ServerAction::<ReprocessMail>::new();
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let outcome = q.get("outcome").and_then(|o| IngestOutcome::parse(&o));
        (outcome, q.get("page").and_then(|p| p.parse::<u64>().ok()).filter(|p| *p > 0).unwrap_or(1))
    };
    let log = Resource::new(
        move || (filter(), reprocess.version().get()),
        |((outcome, page), _)| list_mail_log(outcome, Some(page)),
    );
    let error = action_error(reprocess);
    let done = move || reprocess.value().get().and_then(Result::ok);
    let tabs = move || {
        let current = filter().0;
        let all = std::iter::once((None, "All".to_owned()));
        let each = IngestOutcome::ALL.into_iter().map(|key| (Some(key), key.label().to_owned()));
        all.chain(each)
            .map(|(key, label)| {
                let here = (key == current).then_some("page");
                view! { <a class="tab" href=log_href(key, 1) aria-current=here>{label}</a> }
            })
            .collect_view()
    };
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Mail log"</h1>
                <p class="muted">"Every message the mailboxes received, newest first, with what it became and why."</p>
            </div>
            <MailAdminNav current="/admin/mail-log"/>
            <nav class="queue-tabs" aria-label="Outcome">{tabs}</nav>
            <FormBanner error/>
            {move || done().map(|done| view! { <ReprocessNotice done/> })}
            <Transition fallback=|| view! { <p class="muted">"Loading the log…"</p> }>
                {move || Suspend::new(async move {
                    match log.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(page) if page.entries.is_empty() => {
                            let text = if page.total == 0 && filter().0.is_none() {
                                "No mail was received yet."
                            } else {
                                "No messages here."
                            };
                            view! { <div class="empty-state"><p>{text}</p></div> }.into_any()
                        }
                        Ok(page) => {
                            let pager = pager(page.page, page.per_page, page.total, filter().0);
                            view! { <IngestTable entries=page.entries reprocess/> {pager} }.into_any()
                        }
                    }
                })}
            </Transition>
        </main>
    }
}

/// Previous and next links; `page` counts from 1.
fn pager(page: u64, per_page: u64, total: u64, outcome: Option<IngestOutcome>) -> impl IntoView {
    let pages = total.div_ceil(per_page.max(1)).max(1);
    let previous = (page > 1).then(|| log_href(outcome, page - 1));
    let next = (page < pages).then(|| log_href(outcome, page + 1));
    view! {
        <nav class="row" aria-label="Pages">
            {previous.map(|href| view! { <a class="btn btn-secondary" href=href rel="prev">"Previous"</a> })}
            <span class="muted small">{format!("Page {page} of {pages} ({total} {})", if total == 1 { "message" } else { "messages" })}</span>
            {next.map(|href| view! { <a class="btn btn-secondary" href=href rel="next">"Next"</a> })}
        </nav>
    }
}

#[component]
fn ReprocessNotice(done: Reprocessed) -> impl IntoView {
    let ticket = done.ticket_id.map(|id| view! { " " <a href=format!("/agent/tickets/{id}")>"Open the ticket"</a> });
    view! {
        <div class="notice notice-success" role="status">
            {format!("Reprocessed: the message is now {}.", done.outcome.label().to_lowercase())}
            {(!done.reason.is_empty()).then(|| format!(" {}.", done.reason))}
            {ticket}
        </div>
    }
}
