//! A mailbox's HTTP inbound endpoint: where inbound mail services post messages, how they
//! prove who they are, and the button that makes a new secret (shown once, right after).

use crate::{
    api::mail::NewHttpSecret,
    components::form_feedback::{FormBanner, action_error},
};
use domain::email_types::{Inbound, MailboxView};
use leptos::prelude::*;

#[component]
pub fn HttpEndpoint(
    mailbox: MailboxView,
    /// A secret made by a plain form post, found again on the page it came back to.
    new_secret: Option<String>,
    action: ServerAction<NewHttpSecret>,
) -> impl IntoView {
    let id = mailbox.id;
    let error = action_error(action);
    // With JavaScript the new secret comes back on the action; without, on the reloaded page.
    let shown = move || action.value().get().and_then(Result::ok).flatten().or_else(|| new_secret.clone());
    let elsewhere = (mailbox.inbound != Inbound::Http).then(|| {
        view! {
            <p class="notice notice-warning">
                "This mailbox does not take mail by the HTTP endpoint now: the endpoint refuses messages until that is chosen above and saved."
            </p>
        }
    });
    let (state, button) =
        if mailbox.http_secret_set { ("Set", "Replace the secret") } else { ("Not set", "Make a secret") };
    view! {
        <section class="card" id="http-endpoint" aria-labelledby="http-endpoint-title">
            <h2 id="http-endpoint-title">"HTTP endpoint"</h2>
            <p class="muted">"Inbound mail services and scripts deliver a message by posting it to this address."</p>
            {elsewhere}
            <dl>
                <dt class="muted small">"Request"</dt>
                <dd><code>{format!("POST /inbound/mail/{id}")}</code></dd>
                <dt class="muted small">"Header"</dt>
                <dd><code>"Authorization: Bearer <secret>"</code></dd>
                <dt class="muted small">"Body"</dt>
                <dd>"The raw message (RFC 5322), exactly as received."</dd>
                <dt class="muted small">"Secret"</dt>
                <dd data-testid="http-secret-state">{state}</dd>
            </dl>
            {move || shown().map(|secret| view! {
                <div class="notice notice-success" role="status">
                    <p>"The new secret. Copy it now: it will not be shown again."</p>
                    <p><code class="token-secret">{secret}</code></p>
                </div>
            })}
            <FormBanner error/>
            <ActionForm action attr:class="inline">
                <input type="hidden" name="mailbox_id" value=id.to_string()/>
                <button type="submit" class="btn btn-secondary" disabled=move || action.pending().get()>{button}</button>
            </ActionForm>
            {mailbox.http_secret_set.then(|| view! { <p class="hint">"A new secret replaces the old one at once."</p> })}
        </section>
    }
}
