//! A ticket's custom fields on its page: agents see every active field's value and change them
//! in one form (multipart, so it works without JavaScript); customers see the filled ones they
//! may see, in their details card.

use crate::{
    api::custom_fields::{SetTicketFields, set_ticket_fields},
    components::{custom_field_input::CustomFieldInput, form_feedback::FieldMessage, multipart_form::Submission},
};
use domain::custom_fields::views::{ShownField, TicketFieldsView};
use leptos::prelude::*;
use server_fn::ServerFn;

/// One field's line; staff also read whether solving needs it and whether it is retired.
fn value_line(shown: &ShownField, staff: bool) -> impl IntoView + use<> {
    let required = staff && shown.required_to_solve && shown.value.as_ref().is_none_or(|v| !v.is_filled());
    let retired = staff && !shown.field.active;
    view! {
        <dt class="muted small">{shown.field.name.clone()}</dt>
        <dd>
            {shown.display()}
            {required.then(|| view! { " " <span class="badge">"Needed to solve"</span> })}
            {retired.then(|| view! { " " <span class="muted small">"(retired)"</span> })}
        </dd>
    }
}

#[component]
pub fn FieldsCard(ticket_id: i64, fields: TicketFieldsView, submission: Submission<()>) -> impl IntoView {
    if fields.fields.is_empty() {
        return ().into_any();
    }
    let error = submission.error();
    let failed = move || error.get().is_some();
    let lines = fields.fields.iter().map(|f| value_line(f, true)).collect_view();
    let inputs = fields
        .fields
        .iter()
        .filter(|f| f.field.active)
        .map(|f| {
            view! {
                <CustomFieldInput field=f.field.clone() value=f.value.clone() required=f.required_to_solve id_prefix="ticket" error/>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="fields-heading">
            <h2 id="fields-heading">"Fields"</h2>
            <dl>{lines}</dl>
            {fields.editable.then(|| view! {
                <details open=failed>
                    <summary>"Edit fields"</summary>
                    <form method="post" action=SetTicketFields::PATH enctype="multipart/form-data" class="form" novalidate
                        on:submit=move |ev: web_sys::SubmitEvent| submission.submit(ev, set_ticket_fields)>
                        <input type="hidden" name="ticket_id" value=ticket_id.to_string()/>
                        {inputs}
                        <FieldMessage error field="fields"/>
                        <div class="form-actions">
                            <button type="submit" class="btn btn-primary btn-small" disabled=move || submission.pending.get()>"Save fields"</button>
                        </div>
                    </form>
                </details>
            })}
        </section>
    }
    .into_any()
}

/// The customer's view: the filled fields they may see, as lines of their details card.
pub fn customer_lines(fields: &TicketFieldsView) -> impl IntoView + use<> {
    fields.fields.iter().map(|f| value_line(f, false)).collect_view()
}
