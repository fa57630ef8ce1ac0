//! The settings about solving on the statuses page: "close solved tickets after N days", and
//! "agents log time before solving".

use crate::{
    api::{desk_config::SetAutoCloseDays, time::SetTimeRequired},
    components::form_feedback::{FieldMessage, FormBanner, action_error, invalid},
};
use leptos::prelude::*;

#[component]
pub fn AutoCloseForm(days: u32) -> impl IntoView {
    let action = ServerAction::<SetAutoCloseDays>::new();
    let error = action_error(action);
    let saved = move || action.value().get().and_then(Result::ok);
    view! {
        <section class="card" aria-labelledby="auto-close-heading">
            <h2 id="auto-close-heading">"Closing solved tickets"</h2>
            <p class="muted">"A solved ticket closes by itself after this many days, unless the customer answers first (which reopens it). Closed tickets cannot be replied to."</p>
            <FormBanner error/>
            {move || saved().map(|days| view! {
                <div class="notice notice-success" role="status">
                    {if days == 0 { "Solved tickets now stay solved.".to_owned() } else { format!("Solved tickets now close after {days} days.") }}
                </div>
            })}
            <ActionForm action attr:class="form" attr:novalidate=true>
                <div class="field">
                    <label for="auto-close-days">"Close solved tickets after (days)"</label>
                    <input id="auto-close-days" name="auto_close_days" type="number" min="0" max="365" step="1" inputmode="numeric" value=days.to_string() required aria-invalid=invalid(error, "auto_close_days")/>
                    <p class="hint">"0 to 365; 0 keeps solved tickets solved."</p>
                    <FieldMessage error field="auto_close_days"/>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">"Save"</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn TimeRequiredForm(required: bool) -> impl IntoView {
    let action = ServerAction::<SetTimeRequired>::new();
    let error = action_error(action);
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <section class="card" aria-labelledby="time-required-heading">
            <h2 id="time-required-heading">"Time before solving"</h2>
            <FormBanner error/>
            {move || saved().then(|| view! { <div class="notice notice-success" role="status">"Saved."</div> })}
            <ActionForm action attr:class="form">
                <label class="choice">
                    <input type="checkbox" name="required" value="on" checked=required/>
                    " Agents log the time they spent before solving a ticket"
                </label>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">"Save time rule"</button>
                </div>
            </ActionForm>
        </section>
    }
}
