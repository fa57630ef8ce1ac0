//! `/admin/categories`: rename and deactivate categories, add new ones.

use crate::{
    api::desk_config::{CreateCategory, UpdateCategory, load_desk_config},
    components::{
        error_summary::ErrorSummary,
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        require_role::RequireRole,
    },
};
use domain::{Role, desk_config::types::CategoryRow};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminCategoriesPage() -> impl IntoView {
    view! {
        <Title text="Categories"/>
        <RequireRole allow=|role| role == Role::Admin>
            <CategoriesBody/>
        </RequireRole>
    }
}

#[component]
fn CategoriesBody() -> impl IntoView {
    let create = ServerAction::<CreateCategory>::new();
    let update = ServerAction::<UpdateCategory>::new();
    let config = Resource::new(move || (create.version().get(), update.version().get()), |_| load_desk_config());
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Categories"</h1>
                <p class="muted">"What a request is about. Deactivated categories stay on their tickets but are no longer offered."</p>
            </div>
            <ErrorSummary error=action_error(update)/>
            <Transition fallback=|| view! { <p class="muted">"Loading categories…"</p> }>
                {move || Suspend::new(async move {
                    match config.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(config) if config.categories.is_empty() => view! {
                            <div class="empty-state"><p>"No categories yet. Add the first one below."</p></div>
                        }
                        .into_any(),
                        Ok(config) => view! {
                            <section class="card">
                                <ul class="plain config-list">
                                    {config.categories.into_iter().map(|row| view! { <CategoryItem row update/> }).collect_view()}
                                </ul>
                            </section>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
            <CreateCategoryForm action=create/>
        </main>
    }
}

#[component]
fn CategoryItem(row: CategoryRow, update: ServerAction<UpdateCategory>) -> impl IntoView {
    let id = row.id;
    view! {
        <li class="config-row">
            <ActionForm action=update attr:class="row">
                <input type="hidden" name="category_id" value=id.to_string()/>
                <div class="field">
                    <label for=format!("category-{id}-name")>"Name"</label>
                    <input id=format!("category-{id}-name") name="name" value=row.name.clone() required maxlength="100"/>
                </div>
                <label><input type="checkbox" name="active" value="on" checked=row.active/>" Active"</label>
                <button type="submit" class="btn btn-secondary btn-small" aria-label=format!("Save {}", row.name)>"Save"</button>
            </ActionForm>
            <span class="muted small">{format!("{} tickets", row.tickets)}</span>
        </li>
    }
}

#[component]
fn CreateCategoryForm(action: ServerAction<CreateCategory>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <section class="card">
            <h2>"Add a category"</h2>
            <FormBanner error/>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <div class="field">
                    <label for="new-category-name">"Name"</label>
                    <input id="new-category-name" name="name" required maxlength="100" aria-invalid=invalid(error, "name")/>
                    <FieldMessage error field="name"/>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">"Add category"</button>
                </div>
            </ActionForm>
        </section>
    }
}
