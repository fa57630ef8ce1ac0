//! Asking for a link by mail: `/signin/link` ("Email me a sign-in link"), `/password/forgot`
//! ("Forgot password?"), and `/link/expired`, where an expired, revoked or forged magic link
//! leads (it reveals nothing about the ticket and offers a fresh link). Each answers the same
//! whether or not an account has the address.

use crate::{
    api::access::{RequestPasswordReset, RequestSignInLink},
    components::form_feedback::{FieldMessage, FormBanner, action_error, invalid},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// True when the page's query has `sent=1` (the form was posted and answered).
fn sent() -> Memo<bool> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("sent").as_deref() == Some("1"))
}

/// The answer after a request: the same whether or not an account has the address.
#[component]
fn SentNotice(what: &'static str, minutes: u32) -> impl IntoView {
    view! {
        <div class="notice notice-success" role="status">
            <p>{format!("If an account has that address, we have emailed it {what}. It works once, within {minutes} minutes.")}</p>
            <p class="muted">"Nothing there? Check your spam folder, or ask again in a few minutes."</p>
        </div>
    }
}

#[component]
pub fn SignInLinkPage() -> impl IntoView {
    let action = ServerAction::<RequestSignInLink>::new();
    let error = action_error(action);
    let sent = sent();
    view! {
        <Title text="Email me a sign-in link"/>
        <main class="page auth">
            <section class="card auth-card">
                <h1>"Email me a sign-in link"</h1>
                <p class="muted">"No password needed: we email you a link that signs you in."</p>
                <Show when=move || sent.get()>
                    <SentNotice what="a sign-in link" minutes=20/>
                </Show>
                <FormBanner error/>
                <ActionForm action attr:class="form" attr:novalidate=true>
                    <div class="field">
                        <label for="email">"Email"</label>
                        <input id="email" name="email" type="email" required autocomplete="email" aria-invalid=invalid(error, "email")/>
                        <FieldMessage error field="email"/>
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>"Email me a link"</button>
                    </div>
                </ActionForm>
                <p class="muted"><a href="/signin">"Sign in with a password"</a></p>
            </section>
        </main>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = action_error(action);
    let sent = sent();
    view! {
        <Title text="Forgot password"/>
        <main class="page auth">
            <section class="card auth-card">
                <h1>"Forgot your password?"</h1>
                <p class="muted">"We email you a link to choose a new one. Your other sessions end when you do."</p>
                <Show when=move || sent.get()>
                    <SentNotice what="a link to choose a new password" minutes=30/>
                </Show>
                <FormBanner error/>
                <ActionForm action attr:class="form" attr:novalidate=true>
                    <div class="field">
                        <label for="email">"Email"</label>
                        <input id="email" name="email" type="email" required autocomplete="email" aria-invalid=invalid(error, "email")/>
                        <FieldMessage error field="email"/>
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>"Email me a reset link"</button>
                    </div>
                </ActionForm>
                <p class="muted"><a href="/signin">"Back to sign in"</a></p>
            </section>
        </main>
    }
}

/// Where a magic link that no longer works leads: why, in general terms, and a fresh link.
#[component]
pub fn LinkExpiredPage() -> impl IntoView {
    let action = ServerAction::<RequestSignInLink>::new();
    let error = action_error(action);
    let sent = sent();
    let query = use_query_map();
    let from_link = move || query.read().get("t").unwrap_or_default();
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(http::StatusCode::GONE);
    }
    view! {
        <Title text="This link no longer works"/>
        <main class="page auth">
            <section class="card auth-card">
                <h1>"This link no longer works"</h1>
                <p>"Links in our emails expire after a while, and can be switched off. Enter your email address and we will send you a fresh link that signs you in."</p>
                <Show when=move || sent.get()>
                    <SentNotice what="a fresh link" minutes=20/>
                </Show>
                <FormBanner error/>
                <ActionForm action attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="from_link" value=from_link/>
                    <div class="field">
                        <label for="email">"Email"</label>
                        <input id="email" name="email" type="email" required autocomplete="email" aria-invalid=invalid(error, "email")/>
                        <FieldMessage error field="email"/>
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>"Email me a fresh link"</button>
                    </div>
                </ActionForm>
                <p class="muted">"Have a password? " <a href="/signin">"Sign in"</a></p>
            </section>
        </main>
    }
}
