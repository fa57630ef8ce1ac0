//! The error of a form that is repeated once per row (one action for many rows): the message,
//! or each field's message, in one banner above the rows.

use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let lines: Vec<String> = if e.fields.is_empty() {
                vec![e.message.clone()]
            } else {
                e.fields.iter().map(|f| f.message.clone()).collect()
            };
            view! {
                <div class="form-error" role="alert">
                    {lines.into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
                </div>
            }
        })
    }
}
