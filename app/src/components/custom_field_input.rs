//! One custom field as a form input (text, long text, number, date, a select, a group of
//! checkboxes, a checkbox), named `field_<id>` with its label, help, required mark and error.
//! A multi select and a checkbox also send an empty value, so that clearing them is sent too.

use crate::error::AppError;
use domain::custom_fields::{
    input_name,
    types::{FieldDefinition, FieldKind, FieldValue, LONG_TEXT_MAX_CHARS, TEXT_MAX_CHARS},
};
use leptos::prelude::*;

#[component]
pub fn CustomFieldInput(
    field: FieldDefinition,
    value: Option<FieldValue>,
    /// Marked as required (the customer's form, or an agent's before solving).
    required: bool,
    /// Keeps element ids unique on pages with several forms.
    id_prefix: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let name = input_name(field.id);
    let id = format!("{id_prefix}-{name}");
    let help_id = format!("{id}-help");
    let error_name = name.clone();
    let message = move || error.get().and_then(|e| e.field(&error_name));
    let has_error = {
        let message = message.clone();
        move || message().map(|_| "true")
    };
    let error_line = {
        let id = id.clone();
        move || message().map(|m| view! { <p class="field-error" id=format!("{id}-error")>{m}</p> })
    };
    let label = if required { format!("{} (required)", field.name) } else { field.name.clone() };
    let help = (!field.help.is_empty()).then(|| view! { <p class="hint" id=help_id.clone()>{field.help.clone()}</p> });
    let described = (!field.help.is_empty()).then_some(help_id.clone());
    let typed = value.as_ref().map(FieldValue::display).unwrap_or_default();
    let input = match field.kind {
        FieldKind::Text => view! {
            <input id=id.clone() name=name.clone() value=typed maxlength=TEXT_MAX_CHARS.to_string()
                aria-required=required.then_some("true") aria-invalid=has_error aria-describedby=described/>
        }
        .into_any(),
        FieldKind::LongText => view! {
            <textarea id=id.clone() name=name.clone() rows="3" maxlength=LONG_TEXT_MAX_CHARS.to_string()
                aria-required=required.then_some("true") aria-invalid=has_error aria-describedby=described>{typed}</textarea>
        }
        .into_any(),
        FieldKind::Number => view! {
            <input id=id.clone() name=name.clone() value=typed inputmode="decimal"
                aria-required=required.then_some("true") aria-invalid=has_error aria-describedby=described/>
        }
        .into_any(),
        FieldKind::Date => view! {
            <input id=id.clone() name=name.clone() type="date" value=typed
                aria-required=required.then_some("true") aria-invalid=has_error aria-describedby=described/>
        }
        .into_any(),
        FieldKind::Select => {
            let chosen = value.as_ref().map(FieldValue::inputs).unwrap_or_default();
            let options = field
                .options
                .iter()
                .map(|o| view! { <option value=o.clone() selected=chosen.contains(o)>{o.clone()}</option> })
                .collect_view();
            view! {
                <select id=id.clone() name=name.clone() aria-required=required.then_some("true") aria-invalid=has_error aria-describedby=described>
                    <option value="" selected=chosen.is_empty()>"Not set"</option>
                    {options}
                </select>
            }
            .into_any()
        }
        FieldKind::MultiSelect => {
            let chosen = value.as_ref().map(FieldValue::inputs).unwrap_or_default();
            let boxes = field
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    view! {
                        <label class="choice">
                            <input type="checkbox" id=format!("{id}-{i}") name=name.clone() value=o.clone() checked=chosen.contains(o)/>
                            " " {o.clone()}
                        </label>
                    }
                })
                .collect_view();
            return view! {
                <fieldset class="field custom-field" aria-describedby=described aria-invalid=has_error>
                    <legend>{label}</legend>
                    <input type="hidden" name=name.clone() value=""/>
                    {boxes}
                    {help}
                    {error_line}
                </fieldset>
            }
            .into_any();
        }
        FieldKind::Checkbox => {
            let ticked = value.as_ref().is_some_and(FieldValue::is_filled);
            return view! {
                <div class="field custom-field">
                    <input type="hidden" name=name.clone() value=""/>
                    <label class="choice">
                        <input type="checkbox" id=id.clone() name=name.clone() value="on" checked=ticked
                            aria-required=required.then_some("true") aria-invalid=has_error aria-describedby=described/>
                        " " {label}
                    </label>
                    {help}
                    {error_line}
                </div>
            }
            .into_any();
        }
    };
    view! {
        <div class="field custom-field">
            <label for=id>{label}</label>
            {input}
            {help}
            {error_line}
        </div>
    }
    .into_any()
}
