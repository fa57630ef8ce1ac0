//! The custom fields of the new-ticket form: every field of every category's form, each input
//! once, shown for the chosen category by CSS (`:has(#category-option-<id>:checked)`), in that
//! form's order. Choosing a category shows its fields at once, with JavaScript on or off; the
//! server reads only the chosen form's fields.

use crate::{components::custom_field_input::CustomFieldInput, error::AppError};
use domain::custom_fields::{types::FieldDefinition, views::CategoryFields};
use leptos::prelude::*;

/// The option id of a category in the form's category select.
pub fn option_id(category_id: i64) -> String {
    format!("category-option-{category_id}")
}

/// The rules that show each category's fields, in its order.
fn rules(form_id: &str, forms: &[CategoryFields]) -> String {
    // A field whose error came back (a post without JavaScript reloads the page) stays in view.
    let mut css = String::from(
        ".category-fields .cf-slot { display: none; }\n.category-fields .cf-slot:has(.field-error) { display: block; }\n",
    );
    for form in forms {
        for (order, field) in form.fields.iter().enumerate() {
            css.push_str(&format!(
                "#{form_id}:has(#{}:checked) .cf-f{} {{ display: block; order: {order}; }}\n",
                option_id(form.category_id),
                field.id
            ));
        }
    }
    css
}

#[component]
pub fn CategoryFieldInputs(
    forms: Vec<CategoryFields>,
    /// The form element's id, which the rules start from.
    form_id: &'static str,
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
    let css = rules(form_id, &forms);
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
    view! {
        <style inner_html=css></style>
        <div class="category-fields">{slots}</div>
    }
    .into_any()
}
