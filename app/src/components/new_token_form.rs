//! The form that makes an API token: a name, one of the scopes the user may give, and an expiry.

use crate::{
    api::api_tokens::CreateApiToken,
    components::form_feedback::{FieldMessage, FormBanner, action_error, invalid},
};
use domain::api_tokens::{ApiScope, scope::EXPIRY_CHOICES};
use leptos::prelude::*;

#[component]
pub fn NewTokenForm(action: ServerAction<CreateApiToken>, scopes: Vec<ApiScope>) -> impl IntoView {
    let error = action_error(action);
    let scopes = scopes
        .into_iter()
        .map(|s| view! { <option value=s.as_str() selected=s == ApiScope::Read>{s.label()}</option> })
        .collect_view();
    let expiries = EXPIRY_CHOICES
        .into_iter()
        .map(|(days, label)| {
            let value = days.map_or_else(|| "never".to_owned(), |d| d.to_string());
            view! { <option value=value>{label}</option> }
        })
        .collect_view();
    view! {
        <FormBanner error/>
        <ActionForm action attr:class="form" attr:novalidate=true>
            <div class="field">
                <label for="token-name">"Token name"</label>
                <input id="token-name" name="name" required maxlength="80" aria-invalid=invalid(error, "name")
                    placeholder="Nightly export"/>
                <FieldMessage error field="name"/>
            </div>
            <div class="field">
                <label for="token-scope">"Scope"</label>
                <select id="token-scope" name="scope" aria-invalid=invalid(error, "scope")>{scopes}</select>
                <p class="hint">"Read only tokens can only look; read and write tokens can also open, answer and change tickets."</p>
                <FieldMessage error field="scope"/>
            </div>
            <div class="field">
                <label for="token-expiry">"Expires after"</label>
                <select id="token-expiry" name="expires_in_days">{expiries}</select>
                <FieldMessage error field="expires_in_days"/>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>"Create token"</button>
            </div>
        </ActionForm>
    }
}
