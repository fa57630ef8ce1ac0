//! `/admin/fields`: the desk's custom fields. Admins add fields (text, long text, number, date,
//! single and multi select, checkbox) with their rules, change or retire them (values stay), and
//! choose each category's form: which fields customers fill, in which order.

use crate::{
    api::custom_fields::{CreateCustomField, SetCategoryForm, UpdateCustomField, load_custom_fields},
    components::{
        category_form_editor::CategoryFormEditor,
        error_summary::ErrorSummary,
        field_definition_inputs::FieldDefinitionInputs,
        form_feedback::{FormBanner, action_error},
        multipart_form::Submission,
        require_role::RequireRole,
    },
};
use domain::{
    Role,
    custom_fields::views::{AdminFieldRow, AdminFieldsView},
};
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

#[component]
pub fn AdminFieldsPage() -> impl IntoView {
    view! {
        <Title text="Fields"/>
        <RequireRole allow=|role| role == Role::Admin>
            <FieldsBody/>
        </RequireRole>
    }
}

#[component]
fn FieldsBody() -> impl IntoView {
    let create = ServerAction::<CreateCustomField>::new();
    let update = ServerAction::<UpdateCustomField>::new();
    let forms = Submission::<()>::new(SetCategoryForm::PATH);
    let page = Resource::new(
        move || (create.version().get(), update.version().get(), forms.version.get()),
        |_| load_custom_fields(),
    );
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Fields"</h1>
                <p class="muted">"Fields of your own on every ticket. Search them with field:\"Name\"=value or field:\"Name\">3."</p>
            </div>
            <ErrorSummary error=action_error(update)/>
            <Transition fallback=|| view! { <p class="muted">"Loading fields…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(page) => view! { <FieldsList page update forms/> }.into_any(),
                    }
                })}
            </Transition>
            <AddFieldForm action=create/>
        </main>
    }
}

#[component]
fn FieldsList(page: AdminFieldsView, update: ServerAction<UpdateCustomField>, forms: Submission<()>) -> impl IntoView {
    if page.fields.is_empty() {
        return view! {
            <div class="empty-state"><p>"No fields yet. Add the first one below: a contract number, a device count, a product."</p></div>
        }
        .into_any();
    }
    let active: Vec<_> = page.fields.iter().filter(|r| r.field.active).map(|r| r.field.clone()).collect();
    let categories: Vec<_> = page.categories.into_iter().filter(|c| c.active).collect();
    view! {
        <section class="card" aria-labelledby="fields-list-heading">
            <h2 id="fields-list-heading">"Defined fields"</h2>
            <ul class="plain stack">
                {page.fields.into_iter().map(|row| view! { <FieldItem row update/> }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="category-forms-heading">
            <h2 id="category-forms-heading">"Category forms"</h2>
            <p class="muted">"Choose the fields customers fill when they pick each category, and their order."</p>
            <ErrorSummary error=forms.error()/>
            {if active.is_empty() {
                view! { <p class="muted">"Every field is retired."</p> }.into_any()
            } else {
                categories.into_iter().map(|category| view! {
                    <CategoryFormEditor category fields=active.clone() submission=forms/>
                }).collect_view().into_any()
            }}
        </section>
    }
    .into_any()
}

#[component]
fn FieldItem(row: AdminFieldRow, update: ServerAction<UpdateCustomField>) -> impl IntoView {
    let field = row.field;
    let id = field.id;
    let forms = if row.forms.is_empty() { "on no form".to_owned() } else { format!("on {}", row.forms.join(", ")) };
    let summary =
        format!("{} · {} · key {} · {} tickets · {forms}", field.kind.label(), field.name, field.key, row.tickets);
    view! {
        <li>
            <details>
                <summary>
                    <strong>{field.name.clone()}</strong>
                    {(!field.active).then(|| view! { " " <span class="badge">"Retired"</span> })}
                    " " <span class="muted small">{summary}</span>
                </summary>
                <ActionForm action=update attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="field_id" value=id.to_string()/>
                    <FieldDefinitionInputs prefix=format!("field-{id}") field=Some(field.clone()) error=action_error(update)/>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary btn-small">{format!("Save {}", field.name)}</button>
                    </div>
                </ActionForm>
            </details>
        </li>
    }
}

#[component]
fn AddFieldForm(action: ServerAction<CreateCustomField>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <section class="card" aria-labelledby="add-field-heading">
            <h2 id="add-field-heading">"Add a field"</h2>
            <FormBanner error/>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FieldDefinitionInputs prefix="new-field".to_owned() field=None error/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">"Add field"</button>
                </div>
            </ActionForm>
        </section>
    }
}
