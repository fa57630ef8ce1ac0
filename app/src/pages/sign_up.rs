//! `/signup`: a customer creates their own account.

use crate::{
    api::auth::SignUp,
    components::{
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        password_input::PasswordInput,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let error = action_error(action);
    let query = use_query_map();
    let claim_mailed = move || query.read().get("claim").as_deref() == Some("1");
    view! {
        <Title text="Create your account"/>
        <main class="page auth">
            <section class="card auth-card">
                <h1>"Create your account"</h1>
                <Show when=claim_mailed>
                    <div class="notice notice-success" role="status">
                        <p>"We know this address already: you have written to us before. We have emailed it a link to set your password, so that you can see all your requests in one place."</p>
                    </div>
                </Show>
                <FormBanner error/>
                <ActionForm action attr:class="form" attr:novalidate=true>
                    <div class="field">
                        <label for="name">"Name"</label>
                        <input id="name" name="name" required maxlength="100" autocomplete="name" aria-invalid=invalid(error, "name")/>
                        <FieldMessage error field="name"/>
                    </div>
                    <div class="field">
                        <label for="email">"Email"</label>
                        <input id="email" name="email" type="email" required autocomplete="email" aria-invalid=invalid(error, "email")/>
                        <FieldMessage error field="email"/>
                    </div>
                    <PasswordInput
                        name="password"
                        label="Password"
                        error
                        autocomplete="new-password"
                        hint="At least 10 characters."
                    />
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>
                            "Create account"
                        </button>
                    </div>
                </ActionForm>
                <p class="muted">"Already have an account? " <a href="/signin">"Sign in"</a></p>
            </section>
        </main>
    }
}
