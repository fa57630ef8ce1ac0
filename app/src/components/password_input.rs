//! A password field with a Show/Hide button (the button needs JavaScript; the field does not).

use crate::{
    components::form_feedback::{FieldMessage, invalid},
    error::AppError,
};
use leptos::prelude::*;

#[component]
pub fn PasswordInput(
    /// The form field's name (and the id of its input).
    name: &'static str,
    label: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// `current-password` or `new-password`.
    autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let (shown, set_shown) = signal(false);
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <div class="password-field">
                <input
                    id=name
                    name=name
                    type=move || if shown.get() { "text" } else { "password" }
                    required
                    autocomplete=autocomplete
                    aria-invalid=invalid(error, name)
                />
                <button
                    type="button"
                    class="reveal"
                    data-testid="reveal-password"
                    aria-pressed=move || if shown.get() { "true" } else { "false" }
                    on:click=move |_| set_shown.update(|s| *s = !*s)
                >
                    {move || if shown.get() { "Hide" } else { "Show" }}
                </button>
            </div>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <FieldMessage error field=name/>
        </div>
    }
}
