//! `/account`: the signed-in user's profile and password change.

use crate::{
    api::auth::ChangePassword,
    app::Auth,
    components::{
        form_feedback::{FormBanner, action_error, action_succeeded},
        password_input::PasswordInput,
        require_role::RequireRole,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
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
