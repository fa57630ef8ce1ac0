//! Pages a single-use mailed link opens: `/signin/link/:token` (sign in), `/password/set/:token`
//! (a reset, a claim or an invitation: choose a password) and `/verify/:token` (confirm an
//! address). Each shows first what the link does and for whom, and acts on the person's click, so
//! a mail scanner that fetches the link spends nothing. A link that no longer works says so, the
//! same for every reason, and offers a new one.

use crate::{
    api::access::{SetPasswordWithLink, SignInWithLink, VerifyEmail, inspect_link},
    components::{
        form_feedback::{FormBanner, action_error},
        password_input::PasswordInput,
    },
};
use domain::views::{LinkDetails, LinkPurpose};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The link's secret from the path.
fn token() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("token").unwrap_or_default())
}

/// Loads what the link is for, and renders `found` with it, or the page of a dead link.
#[component]
fn LinkGate(purpose: LinkPurpose, title: &'static str, found: fn(LinkDetails, String) -> AnyView) -> impl IntoView {
    let token = token();
    let details = Resource::new(move || token.get(), move |token| inspect_link(purpose, token));
    view! {
        <Title text=title/>
        <main class="page auth">
            <section class="card auth-card">
                <Suspense fallback=|| view! { <p class="muted">"Checking the link…"</p> }>
                    {Suspend::new(async move {
                        match details.await {
                            Ok(Some(link)) => found(link, token.get_untracked()),
                            Ok(None) => view! { <LinkGone purpose/> }.into_any(),
                            Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </main>
    }
}

/// A link that no longer works: expired, used, revoked or never ours; which, it does not say.
#[component]
fn LinkGone(purpose: LinkPurpose) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(http::StatusCode::GONE);
    }
    let (again, label) = match purpose {
        LinkPurpose::SignIn => ("/signin/link", "Email me a new sign-in link"),
        LinkPurpose::VerifyEmail => ("/portal", "Go to my requests to send it again"),
        _ => ("/password/forgot", "Email me a new link"),
    };
    view! {
        <h1>"This link no longer works"</h1>
        <p>"It has expired, or it was used already: each of these links works once, for a short time."</p>
        <p><a class="btn btn-primary" href=again>{label}</a></p>
        <p class="muted"><a href="/signin">"Sign in"</a></p>
    }
}

#[component]
pub fn LinkSignInPage() -> impl IntoView {
    view! { <LinkGate purpose=LinkPurpose::SignIn title="Sign in" found=|link, token| view! { <SignInForm link token/> }.into_any()/> }
}

#[component]
fn SignInForm(link: LinkDetails, token: String) -> impl IntoView {
    let action = ServerAction::<SignInWithLink>::new();
    let error = action_error(action);
    view! {
        <h1>"Sign in"</h1>
        <p>{format!("Sign in as {} ({}).", link.name, link.email)}</p>
        <FormBanner error/>
        <ActionForm action attr:class="form">
            <input type="hidden" name="token" value=token/>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>"Sign in"</button>
            </div>
        </ActionForm>
    }
}

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    view! { <LinkGate purpose=LinkPurpose::PasswordReset title="Choose your password" found=|link, token| view! { <SetPasswordForm link token/> }.into_any()/> }
}

#[component]
fn SetPasswordForm(link: LinkDetails, token: String) -> impl IntoView {
    let action = ServerAction::<SetPasswordWithLink>::new();
    let error = action_error(action);
    let (heading, intro, button) = match link.purpose {
        LinkPurpose::Invitation => (
            "Accept your invitation",
            format!("Welcome, {}. Choose the password you will sign in with as {}.", link.name, link.email),
            "Set password and continue",
        ),
        LinkPurpose::Claim => (
            "Set up your account",
            format!("Choose a password for {}. You will then see all your requests in one place.", link.email),
            "Set password and sign in",
        ),
        _ => (
            "Choose a new password",
            format!("For {} ({}). Every other session of this account ends.", link.name, link.email),
            "Save password and sign in",
        ),
    };
    view! {
        <h1>{heading}</h1>
        <p>{intro}</p>
        <FormBanner error/>
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="token" value=token/>
            <PasswordInput name="password" label="New password" error autocomplete="new-password" hint="At least 10 characters."/>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>{button}</button>
            </div>
        </ActionForm>
    }
}

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    view! { <LinkGate purpose=LinkPurpose::VerifyEmail title="Confirm your address" found=|link, token| view! { <VerifyForm link token/> }.into_any()/> }
}

#[component]
fn VerifyForm(link: LinkDetails, token: String) -> impl IntoView {
    let action = ServerAction::<VerifyEmail>::new();
    let error = action_error(action);
    view! {
        <h1>"Confirm your address"</h1>
        <p>{format!("Confirm that {} is your address, {}.", link.email, link.name)}</p>
        <FormBanner error/>
        <ActionForm action attr:class="form">
            <input type="hidden" name="token" value=token/>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>"Confirm my address"</button>
            </div>
        </ActionForm>
    }
}
