//! `/signin`: email and password; one generic message for every failure.

use crate::{
    api::auth::SignIn,
    components::{
        form_feedback::{FormBanner, action_error},
        password_input::PasswordInput,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let error = action_error(action);
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    view! {
        <Title text="Sign in"/>
        <main class="page auth">
            <section class="card auth-card">
                <h1>"Sign in"</h1>
                <FormBanner error/>
                <ActionForm action attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="next" value=next/>
                    <div class="field">
                        <label for="email">"Email"</label>
                        <input id="email" name="email" type="email" required autocomplete="email" autofocus/>
                    </div>
                    <PasswordInput name="password" label="Password" error autocomplete="current-password"/>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>
                            "Sign in"
                        </button>
                    </div>
                </ActionForm>
                <p class="auth-alternatives">
                    <a href="/password/forgot">"Forgot password?"</a>
                    <a href="/signin/link">"Email me a sign-in link"</a>
                </p>
                <p class="muted">"New here? " <a href="/signup">"Create an account"</a></p>
            </section>
        </main>
    }
}
