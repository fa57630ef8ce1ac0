//! `/admin/mailboxes`: the desk's mailboxes (address, how mail comes in, the last IMAP check
//! and its error, active) and the form for a new one.

use crate::{
    api::{
        mail::{CreateMailbox, list_mailboxes},
        tickets::load_ticket_options,
    },
    components::{
        form_feedback::{FormBanner, action_error},
        format::when,
        mail_admin_nav::MailAdminNav,
        mailbox_fields::MailboxFields,
        require_role::RequireRole,
    },
    error::AppError,
};
use domain::{
    Role,
    email_types::{Inbound, MailboxView},
    ticket_types::TicketOptions,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminMailboxesPage() -> impl IntoView {
    view! {
        <Title text="Mailboxes"/>
        <RequireRole allow=|role| role == Role::Admin>
            <MailboxesBody/>
        </RequireRole>
    }
}

#[component]
fn MailboxesBody() -> impl IntoView {
    let create = ServerAction::<CreateMailbox>::new();
    // Loaded once: a create that works goes to the new mailbox's page, and one that fails
    // keeps what was typed in the form.
    let data = Resource::new(
        || (),
        |_| async move { Ok::<_, AppError>((list_mailboxes().await?, load_ticket_options().await?)) },
    );
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Mailboxes"</h1>
                <p class="muted">"Addresses that customers write to. Mail to them becomes tickets and replies; answers go out from them."</p>
            </div>
            <MailAdminNav current="/admin/mailboxes"/>
            <Transition fallback=|| view! { <p class="muted">"Loading mailboxes…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok((mailboxes, options)) => view! {
                            {if mailboxes.is_empty() {
                                view! { <div class="empty-state"><p>"No mailboxes yet. Add the first one below."</p></div> }.into_any()
                            } else {
                                view! { <MailboxTable mailboxes/> }.into_any()
                            }}
                            <NewMailboxForm action=create options/>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn MailboxTable(mailboxes: Vec<MailboxView>) -> impl IntoView {
    let rows = mailboxes
        .into_iter()
        .map(|m| {
            let inbound = m.inbound.label();
            let polled = m.inbound == Inbound::Imap;
            let checked = match (polled, m.imap_checked_at) {
                (false, _) => "Not polled".to_owned(),
                (true, None) => "Not yet".to_owned(),
                (true, Some(at)) => when(at),
            };
            let (status, status_class) =
                if m.active { ("Active", "badge badge-active") } else { ("Inactive", "badge badge-inactive") };
            view! {
                <tr>
                    <td><a href=format!("/admin/mailboxes/{}", m.id)>{m.name.clone()}</a></td>
                    <td>{m.address.clone()}</td>
                    <td>{inbound}</td>
                    <td class="small">
                        {checked}
                        {m.imap_error.clone().filter(|_| polled).map(|e| view! { <p class="field-error">{e}</p> })}
                    </td>
                    <td><span class=status_class>{status}</span></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Address"</th>
                        <th scope="col">"Mail comes in by"</th>
                        <th scope="col">"Last IMAP check"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn NewMailboxForm(action: ServerAction<CreateMailbox>, options: TicketOptions) -> impl IntoView {
    let error = action_error(action);
    let fresh = MailboxView {
        imap_tls: true,
        imap_folder: "INBOX".to_owned(),
        smtp_security: "starttls".to_owned(),
        active: true,
        ..Default::default()
    };
    view! {
        <section class="card" aria-labelledby="new-mailbox-title">
            <h2 id="new-mailbox-title">"New mailbox"</h2>
            <FormBanner error/>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <MailboxFields mailbox=fresh teams=options.teams categories=options.categories error prefix="new"/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>"Add mailbox"</button>
                </div>
            </ActionForm>
        </section>
    }
}
