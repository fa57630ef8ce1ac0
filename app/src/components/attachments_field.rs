//! The file picker of forms that take attachments (new tickets, replies and notes).

use crate::components::form_feedback::{FieldMessage, invalid};
use leptos::prelude::*;

#[component]
pub fn AttachmentsField(#[prop(into)] error: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    view! {
        <div class="field">
            <label for="attachments">"Attachments"</label>
            <input id="attachments" name="attachments" type="file" multiple
                aria-invalid=invalid(error, "attachments") aria-describedby="attachments-hint"/>
            <p class="hint" id="attachments-hint">"Optional: up to 10 files (screenshots, logs, documents)."</p>
            <FieldMessage error field="attachments"/>
        </div>
    }
}
