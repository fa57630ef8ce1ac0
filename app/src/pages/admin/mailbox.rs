//! `/admin/mailboxes/:id`: one mailbox's settings, its IMAP state, and its HTTP endpoint with
//! the button that makes a new secret.

use crate::{
    api::{
        mail::{MailboxDetail, NewHttpSecret, UpdateMailbox, get_mailbox},
        tickets::load_ticket_options,
    },
    components::{
        form_feedback::{FormBanner, action_error},
        format::when,
        http_endpoint::HttpEndpoint,
        mail_admin_nav::MailAdminNav,
        mailbox_fields::MailboxFields,
        require_role::RequireRole,
    },
    error::AppError,
};
use domain::{ErrorCode, Role, email_types::Inbound, ticket_types::TicketOptions};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AdminMailboxPage() -> impl IntoView {
    view! {
        <Title text="Mailbox"/>
        <RequireRole allow=|role| role == Role::Admin>
            <MailboxBody/>
        </RequireRole>
    }
}

#[component]
fn MailboxBody() -> impl IntoView {
    let update = ServerAction::<UpdateMailbox>::new();
    let make_secret = ServerAction::<NewHttpSecret>::new();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok());
    // Reloaded after a save that worked (one that failed keeps what was typed) and after a
    // new secret.
    let saved = move || update.value().get().and_then(Result::ok);
    let data = Resource::new(
        move || (id(), query.read().get("secret"), saved(), make_secret.version().get()),
        |(id, secret, _, _)| async move {
            let id = id.ok_or_else(|| AppError::new(ErrorCode::NotFound, "Not found"))?;
            Ok::<_, AppError>((get_mailbox(id, secret).await?, load_ticket_options().await?))
        },
    );
    view! {
        <Transition fallback=|| view! { <main class="page"><p class="muted">"Loading the mailbox…"</p></main> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(err) => view! {
                        <main class="page">
                            <MailAdminNav current="/admin/mailboxes"/>
                            <div class="form-error" role="alert">{err.message}</div>
                        </main>
                    }
                    .into_any(),
                    Ok((detail, options)) => view! { <MailboxScreen detail options update make_secret/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn MailboxScreen(
    detail: MailboxDetail,
    options: TicketOptions,
    update: ServerAction<UpdateMailbox>,
    make_secret: ServerAction<NewHttpSecret>,
) -> impl IntoView {
    let MailboxDetail { mailbox, new_secret } = detail;
    let error = action_error(update);
    let query = use_query_map();
    // Without JavaScript the form reloads the page; the server marks what happened in the address.
    let created = move || update.value().get().is_none() && query.read().get("created").is_some();
    let saved = move || match update.value().get() {
        Some(result) => result.is_ok(),
        None => query.read().get("saved").is_some(),
    };
    let stored = mailbox.clone();
    let imap_state = (mailbox.inbound == Inbound::Imap).then(|| {
        let checked = mailbox.imap_checked_at.map_or_else(|| "Not checked yet.".to_owned(), |at| format!("Last checked {}.", when(at)));
        view! {
            <p class="muted small">{checked}</p>
            {mailbox.imap_error.clone().map(|e| view! { <div class="form-error" role="alert">{format!("The last check failed: {e}")}</div> })}
        }
    });
    view! {
        <Title text=mailbox.name.clone()/>
        <main class="page">
            <div class="page-header">
                <h1>{mailbox.name.clone()}</h1>
                <p class="muted">{mailbox.address.clone()}</p>
            </div>
            <MailAdminNav current="/admin/mailboxes"/>
            {imap_state}
            <Show when=created>
                <div class="notice notice-success" role="status">"Mailbox added."</div>
            </Show>
            <Show when=saved>
                <div class="notice notice-success" role="status">"Mailbox saved."</div>
            </Show>
            <section class="card" aria-labelledby="mailbox-settings-title">
                <h2 id="mailbox-settings-title">"Settings"</h2>
                <FormBanner error/>
                <ActionForm action=update attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="mailbox_id" value=mailbox.id.to_string()/>
                    <MailboxFields mailbox=stored teams=options.teams categories=options.categories error prefix="mailbox"/>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=move || update.pending().get()>"Save mailbox"</button>
                    </div>
                </ActionForm>
            </section>
            <HttpEndpoint mailbox new_secret action=make_secret/>
        </main>
    }
}
