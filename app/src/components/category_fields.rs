//! The custom fields of the new-ticket form: every field of every category's form, each input
//! once, shown for the chosen category by the server's form stylesheet
//! (`:has(#category-option-<id>:checked)`), in that form's order. Choosing a category shows its
//! fields at once, with JavaScript on or off; the server reads only the chosen form's fields.

use crate::{components::custom_field_input::CustomFieldInput, error::AppError};
use domain::custom_fields::{FORM_STYLES_PATH, types::FieldDefinition, views::CategoryFields};
use leptos::prelude::*;

#[component]
pub fn CategoryFieldInputs(
    forms: Vec<CategoryFields>,
    /// Customers see what their form requires; staff are not held to it.
    staff: bool,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    if forms.is_empty() {
        return ().into_any();
    }
    let mut fields: Vec<FieldDefinition> = Vec::new();
    for field in forms.iter().flat_map(|f| f.fields.iter()) {
        if !fields.iter().any(|f| f.id == field.id) {
            fields.push(field.clone());
        }
    }
    let slots = fields
        .into_iter()
        .map(|field| {
            let class = format!("cf-slot cf-f{}", field.id);
            let required = !staff && field.rules.required_for_customers;
            view! {
                <div class=class>
                    <CustomFieldInput field value=None required id_prefix="new" error/>
                </div>
            }
        })
        .collect_view();
    // The rules that show the chosen category's fields come from the server (a page may hold
    // no inline style): `FORM_STYLES_PATH`, built from the forms.
    view! {
        <link rel="stylesheet" href=FORM_STYLES_PATH/>
        <div class="category-fields">{slots}</div>
    }
    .into_any()
}
