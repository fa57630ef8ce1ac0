//! A category's form on the admin's Fields page: which active fields customers fill when they
//! choose the category, and in which order (multipart, so any number of fields posts, with
//! JavaScript on or off).

use crate::{
    api::custom_fields::{SetCategoryForm, set_category_form},
    components::multipart_form::Submission,
};
use domain::custom_fields::{types::FieldDefinition, views::CategoryFormView};
use leptos::prelude::*;
use server_fn::ServerFn;

#[component]
pub fn CategoryFormEditor(
    category: CategoryFormView,
    /// The active fields, in their own order.
    fields: Vec<FieldDefinition>,
    submission: Submission<()>,
) -> impl IntoView {
    // The form's fields first, in its order; then the others.
    let mut ordered: Vec<(Option<usize>, FieldDefinition)> =
        fields.into_iter().map(|f| (category.fields.iter().position(|id| *id == f.id), f)).collect();
    ordered.sort_by_key(|(place, f)| (place.is_none(), *place, f.position, f.id));
    let heading = format!("category-form-{}", category.id);
    let labelled_by = heading.clone();
    let rows = ordered
        .into_iter()
        .enumerate()
        .map(|(index, (place, field))| {
            let on = format!("on-{}-{}", category.id, field.id);
            let order = format!("order-{}-{}", category.id, field.id);
            let (on_for, order_for) = (on.clone(), order.clone());
            view! {
                <li class="row">
                    <label class="choice" for=on_for>
                        <input type="checkbox" id=on name=format!("on_{}", field.id) value="on" checked=place.is_some()/>
                        " " {field.name.clone()}
                    </label>
                    <label class="sr-only" for=order_for>{format!("Order of {}", field.name)}</label>
                    <input id=order name=format!("position_{}", field.id) value=(index + 1).to_string() inputmode="numeric" size="3"/>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h3 id=heading>{format!("{} form", category.name)}</h3>
            <form method="post" action=SetCategoryForm::PATH enctype="multipart/form-data" class="form" novalidate
                on:submit=move |ev: web_sys::SubmitEvent| submission.submit(ev, set_category_form)>
                <input type="hidden" name="category_id" value=category.id.to_string()/>
                <ul class="plain stack">{rows}</ul>
                <div class="form-actions">
                    <button type="submit" class="btn btn-secondary btn-small">{format!("Save the {} form", category.name)}</button>
                </div>
            </form>
        </section>
    }
}
