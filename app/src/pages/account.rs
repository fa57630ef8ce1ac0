//! `/account`: the signed-in user's profile, password change, how an agent hears of
//! notifications, an agent's calendar feed, and personal API tokens.

use crate::error::AppError;
use crate::{
    api::{
        api_tokens::{CreateApiToken, RevokeApiToken, TokenList, list_api_tokens},
        auth::ChangePassword,
        notifications::{SaveNotificationPreferences, notification_preferences},
    },
    auth::Auth,
    components::{
        calendar_feed_card::CalendarFeedCard,
        form_feedback::{FormBanner, action_error, action_succeeded},
        new_token_form::NewTokenForm,
        notification_choices::NotificationChoices,
        password_input::PasswordInput,
        require_role::RequireRole,
        token_table::TokenTable,
    },
};
use domain::api_tokens::CreatedToken;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    // The page owns the token data: resources made inside `RequireRole`'s children would be made
    // again each time those children render.
    let create = ServerAction::<CreateApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    let query = use_query_map();
    let created = move || query.read().get("created").and_then(|id| id.parse::<i64>().ok());
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get(), created()),
        |(_, _, created)| list_api_tokens(created),
    );
    let auth = expect_context::<Auth>();
    let save_choices = ServerAction::<SaveNotificationPreferences>::new();
    let choices = Resource::new(
        move || save_choices.version().get(),
        move |_| async move {
            let staff = auth.user.await.ok().flatten().is_some_and(|u| u.role.is_staff());
            if staff { Some(notification_preferences().await) } else { None }
        },
    );
    view! {
        <Title text="Account"/>
        <RequireRole allow=|_| true>
            <main class="page">
                <div class="page-header">
                    <h1>"Account"</h1>
                </div>
                <div class="grid-2">
                    <Profile/>
                    <PasswordForm/>
                </div>
                <NotificationChoices action=save_choices choices/>
                <Suspense fallback=|| ()>
                    {Suspend::new(async move {
                        let staff = auth.user.await.ok().flatten().is_some_and(|u| u.role.is_staff());
                        staff.then(|| view! { <CalendarFeedCard/> })
                    })}
                </Suspense>
                <ApiTokens create revoke tokens/>
            </main>
        </RequireRole>
    }
}

#[component]
fn Profile() -> impl IntoView {
    let auth = expect_context::<Auth>();
    view! {
        <section class="card">
            <h2>"Profile"</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    auth.user.await.ok().flatten().map(|user| view! {
                        <dl>
                            <dt class="muted small">"Name"</dt>
                            <dd>{user.name}</dd>
                            <dt class="muted small">"Email"</dt>
                            <dd>{user.email}</dd>
                            <dt class="muted small">"Role"</dt>
                            <dd>{user.role.label()}</dd>
                            {user.organization_name.map(|org| view! {
                                <dt class="muted small">"Organization"</dt>
                                <dd>{org}</dd>
                            })}
                        </dl>
                    })
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let error = action_error(action);
    let succeeded = action_succeeded(action);
    // Without JavaScript the form reloads the page; the server marks success in the address.
    let query = use_query_map();
    let done = move || succeeded.get() || query.read().get("changed").is_some();
    view! {
        <section class="card">
            <h2>"Change password"</h2>
            <FormBanner error/>
            <Show when=done>
                <div class="notice notice-success" role="status">"Password changed. Your other sessions were signed out."</div>
            </Show>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <PasswordInput name="current_password" label="Current password" error autocomplete="current-password"/>
                <PasswordInput
                    name="new_password"
                    label="New password"
                    error
                    autocomplete="new-password"
                    hint="At least 10 characters."
                />
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>
                        "Change password"
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

/// Personal API tokens: every user may have them (customers too, to open and follow their own
/// requests from their systems); a token never does more than its user may.
#[component]
fn ApiTokens(
    create: ServerAction<CreateApiToken>,
    revoke: ServerAction<RevokeApiToken>,
    tokens: Resource<Result<TokenList, AppError>>,
) -> impl IntoView {
    let revoke_error = action_error(revoke);
    // With JavaScript the new secret comes back on the action; without, on the reloaded list.
    let just_made = move || create.value().get().and_then(Result::ok).flatten();
    view! {
        <section class="card" id="api-tokens" aria-labelledby="api-tokens-title">
            <h2 id="api-tokens-title">"API tokens"</h2>
            <p class="muted">
                "Scripts and integrations use a token to call the " <a href="/api/docs">"REST API"</a>
                " as you, limited to the token's scope. Send it as " <code>"Authorization: Bearer …"</code> "."
            </p>
            <FormBanner error=revoke_error/>
            <Transition fallback=|| view! { <p class="muted">"Loading tokens…"</p> }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(list) => {
                            let created = just_made().or(list.created);
                            view! {
                                {created.map(|token| view! { <NewSecret token/> })}
                                <TokenTable tokens=list.tokens revoke/>
                                <h3>"New token"</h3>
                                <NewTokenForm action=create scopes=list.scopes/>
                            }
                            .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn NewSecret(token: CreatedToken) -> impl IntoView {
    view! {
        <div class="notice notice-success" role="status">
            <p>{format!("Your new token \u{201c}{}\u{201d}. Copy it now: it will not be shown again.", token.token.name)}</p>
            <p><code class="token-secret">{token.secret}</code></p>
        </div>
    }
}
