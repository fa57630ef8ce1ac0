//! `/admin/audit`: the audit log for admins: every administrative change, newest first, with
//! who made it and what it changed; filtered by who, what, which object and which days (a GET
//! form, so filters live in the address and work without JavaScript), 50 entries to a page.

use crate::{
    api::audit::list_audit_log,
    components::{
        form_feedback::{FieldMessage, FormBanner, invalid},
        format::when,
        require_role::RequireRole,
        ticket_search::urlencode,
    },
    error::AppError,
};
use domain::{
    Role,
    audit_types::{AuditEntry, AuditPage},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The filters, in the order of the form and of `list_audit_log`'s arguments.
const FILTERS: [&str; 6] = ["actor", "action", "target_kind", "target_id", "from", "to"];

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    view! {
        <Title text="Audit log"/>
        <RequireRole allow=|role| role == Role::Admin>
            <AuditBody/>
        </RequireRole>
    }
}

/// The page's address with `typed` filters and, for older pages, `before`.
fn audit_href(typed: &[Option<String>; 6], before: Option<i64>) -> String {
    let mut pairs: Vec<String> = FILTERS
        .iter()
        .zip(typed)
        .filter_map(|(name, value)| value.as_ref().map(|v| format!("{name}={}", urlencode(v))))
        .collect();
    pairs.extend(before.map(|b| format!("before={b}")));
    if pairs.is_empty() { "/admin/audit".to_owned() } else { format!("/admin/audit?{}", pairs.join("&")) }
}

#[component]
fn AuditBody() -> impl IntoView {
    let query = use_query_map();
    let typed = move || {
        let query = query.read();
        FILTERS.map(|name| query.get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()))
    };
    let before = move || query.read().get("before").filter(|v| !v.trim().is_empty());
    let log = Resource::new(
        move || (typed(), before()),
        |([actor, action, target_kind, target_id, from, to], before)| {
            list_audit_log(actor, action, target_kind, target_id, from, to, before)
        },
    );
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Audit log"</h1>
                <p class="muted">
                    "Every administrative change, newest first: who made it, when (UTC) and what changed. "
                    "Entries can be added, never changed or removed; each carries the hash of the one before, and "
                    <code>"docket audit verify"</code> " checks the whole chain."
                </p>
            </div>
            <Transition fallback=|| view! { <p class="muted">"Loading the log…"</p> }>
                {move || Suspend::new(async move {
                    let typed = typed();
                    match log.await {
                        Ok(page) => {
                            let filtered = typed.iter().any(Option::is_some);
                            let no_error = Signal::derive(|| None);
                            view! {
                                <FilterForm typed=typed.clone() kinds=page.kinds.clone() error=no_error/>
                                <Entries page typed filtered/>
                            }
                            .into_any()
                        }
                        Err(err) => {
                            let error = Signal::derive(move || Some(err.clone()));
                            view! { <FilterForm typed kinds=Vec::new() error/> }.into_any()
                        }
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn FilterForm(typed: [Option<String>; 6], kinds: Vec<String>, error: Signal<Option<AppError>>) -> impl IntoView {
    let [actor, action, kind, target_id, from, to] = typed.map(Option::unwrap_or_default);
    let mut choices = kinds;
    if !kind.is_empty() && !choices.contains(&kind) {
        choices.push(kind.clone());
    }
    view! {
        <form method="get" action="/admin/audit" class="card form audit-filters" aria-label="Filter the audit log">
            <FormBanner error/>
            <div class="field-row">
                <div class="field">
                    <label for="audit-actor">"Who"</label>
                    <input id="audit-actor" type="text" name="actor" value=actor maxlength="254" placeholder="email, or system"
                        aria-invalid=invalid(error, "actor") aria-describedby="actor-error"/>
                    <FieldMessage error field="actor"/>
                </div>
                <div class="field">
                    <label for="audit-action">"What"</label>
                    <input id="audit-action" type="text" name="action" value=action maxlength="64" placeholder="ticket.delete, or ticket"
                        aria-invalid=invalid(error, "action") aria-describedby="action-error"/>
                    <FieldMessage error field="action"/>
                </div>
                <div class="field">
                    <label for="audit-kind">"Object"</label>
                    <select id="audit-kind" name="target_kind" aria-invalid=invalid(error, "target_kind") aria-describedby="target_kind-error">
                        <option value="">"Any"</option>
                        {choices.into_iter().map(|k| {
                            let selected = k == kind;
                            view! { <option value=k.clone() selected=selected>{k.replace('_', " ")}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage error field="target_kind"/>
                </div>
                <div class="field">
                    <label for="audit-target">"Object id"</label>
                    <input id="audit-target" type="text" inputmode="numeric" name="target_id" value=target_id maxlength="19"
                        aria-invalid=invalid(error, "target_id") aria-describedby="target_id-error"/>
                    <FieldMessage error field="target_id"/>
                </div>
                <div class="field">
                    <label for="audit-from">"From"</label>
                    <input id="audit-from" type="date" name="from" value=from aria-invalid=invalid(error, "from") aria-describedby="from-error"/>
                    <FieldMessage error field="from"/>
                </div>
                <div class="field">
                    <label for="audit-to">"To"</label>
                    <input id="audit-to" type="date" name="to" value=to aria-invalid=invalid(error, "to") aria-describedby="to-error"/>
                    <FieldMessage error field="to"/>
                </div>
            </div>
            <FieldMessage error field="before"/>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary">"Filter"</button>
                <a class="btn btn-secondary" href="/admin/audit">"Clear filters"</a>
            </div>
        </form>
    }
}

#[component]
fn Entries(page: AuditPage, typed: [Option<String>; 6], filtered: bool) -> impl IntoView {
    if page.entries.is_empty() {
        let text = if filtered { "No entries match these filters." } else { "Nothing has been audited yet." };
        return view! { <div class="empty-state"><p>{text}</p></div> }.into_any();
    }
    let older = page.next_before.map(|before| audit_href(&typed, Some(before)));
    let newest = audit_href(&typed, None);
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="sr-only">"Audit entries, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">"When"</th>
                        <th scope="col">"Who"</th>
                        <th scope="col">"What"</th>
                        <th scope="col">"Object"</th>
                        <th scope="col">"Details"</th>
                    </tr>
                </thead>
                <tbody>{page.entries.into_iter().map(row).collect_view()}</tbody>
            </table>
        </div>
        <nav class="row" aria-label="Pages">
            <a class="btn btn-secondary" href=newest>"Newest entries"</a>
            {older.map(|href| view! { <a class="btn btn-secondary" href=href rel="next">"Older entries"</a> })}
        </nav>
    }
    .into_any()
}

fn object_link(kind: &str, id: i64) -> Option<String> {
    match kind {
        "ticket" => Some(format!("/agent/tickets/{id}")),
        "organization" => Some(format!("/admin/organizations/{id}")),
        "mailbox" => Some(format!("/admin/mailboxes/{id}")),
        _ => None,
    }
}

fn row(entry: AuditEntry) -> impl IntoView {
    let who = match (entry.actor_name, entry.actor_email, entry.actor_id) {
        (Some(name), Some(email), _) => view! { <span title=email>{name}</span> }.into_any(),
        (_, _, Some(id)) => view! { <span class="muted">{format!("Deleted user #{id}")}</span> }.into_any(),
        _ => view! { <span class="muted">"System"</span> }.into_any(),
    };
    let object = match entry.target_id {
        Some(id) => {
            let text = format!("{} #{id}", entry.target_kind.replace('_', " "));
            match object_link(&entry.target_kind, id) {
                Some(href) => view! { <a href=href>{text}</a> }.into_any(),
                None => view! { <span>{text}</span> }.into_any(),
            }
        }
        None => view! { <span>{entry.target_kind.replace('_', " ")}</span> }.into_any(),
    };
    let detail = serde_json::from_str::<serde_json::Value>(&entry.detail)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or(entry.detail);
    let empty = detail == "{}";
    let seq = entry.seq;
    view! {
        <tr id=format!("audit-{seq}")>
            <td class="small">{seq}</td>
            <td class="small">{when(entry.at)}</td>
            <td>{who}</td>
            <td><code>{entry.action}</code></td>
            <td>{object}</td>
            <td class="small">
                {(!empty).then(|| view! {
                    <details>
                        <summary>{format!("Details of entry {seq}")}</summary>
                        <pre class="audit-detail">{detail}</pre>
                    </details>
                })}
                <p class="muted small audit-hash" title="This entry's hash in the chain">{entry.hash.chars().take(12).collect::<String>()}</p>
            </td>
        </tr>
    }
}
