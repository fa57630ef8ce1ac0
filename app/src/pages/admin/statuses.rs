//! `/admin/statuses`: the statuses of each category; rename, reorder, deactivate, delete unused
//! ones, and add new ones.

use crate::{
    api::desk_config::{CreateStatus, DeleteStatus, UpdateStatus, load_desk_config},
    components::{
        auto_close_form::{AutoCloseForm, TimeRequiredForm},
        error_summary::ErrorSummary,
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        require_role::RequireRole,
    },
};
use domain::{Role, desk_config::types::StatusRow, ticket_types::StatusCategory};
use leptos::prelude::*;
use leptos_meta::Title;

fn category_label(category: StatusCategory) -> &'static str {
    match category {
        StatusCategory::New => "New",
        StatusCategory::Open => "Open",
        StatusCategory::Pending => "Pending",
        StatusCategory::Solved => "Solved",
        StatusCategory::Closed => "Closed",
    }
}

#[component]
pub fn AdminStatusesPage() -> impl IntoView {
    view! {
        <Title text="Statuses"/>
        <RequireRole allow=|role| role == Role::Admin>
            <StatusesBody/>
        </RequireRole>
    }
}

#[component]
fn StatusesBody() -> impl IntoView {
    let create = ServerAction::<CreateStatus>::new();
    let update = ServerAction::<UpdateStatus>::new();
    let delete = ServerAction::<DeleteStatus>::new();
    let config = Resource::new(
        move || (create.version().get(), update.version().get(), delete.version().get()),
        |_| load_desk_config(),
    );
    let row_error = Signal::derive(move || action_error(update).get().or_else(|| action_error(delete).get()));
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Statuses"</h1>
                <p class="muted">
                    "Each status belongs to one of five categories, which decide what it means. Every category keeps at least one active status; statuses that tickets use can be deactivated but not deleted."
                </p>
            </div>
            <ErrorSummary error=row_error/>
            <Transition fallback=|| view! { <p class="muted">"Loading statuses…"</p> }>
                {move || Suspend::new(async move {
                    match config.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(config) => {
                            let (auto_close_days, time_required) = (config.auto_close_days, config.time_required);
                            let categories = StatusCategory::ALL
                            .into_iter()
                            .map(|category| {
                                let rows: Vec<StatusRow> =
                                    config.statuses.iter().filter(|s| s.category == category).cloned().collect();
                                view! {
                                    <section class="card" aria-label=category_label(category)>
                                        <h2>{category_label(category)}</h2>
                                        {rows.is_empty().then(|| view! { <p class="muted">"No statuses in this category."</p> })}
                                        <ul class="plain config-list">
                                            {rows.into_iter().map(|row| view! { <StatusItem row update delete/> }).collect_view()}
                                        </ul>
                                    </section>
                                }
                            })
                            .collect_view();
                            view! { {categories} <AutoCloseForm days=auto_close_days/> <TimeRequiredForm required=time_required/> }.into_any()
                        }
                    }
                })}
            </Transition>
            <CreateStatusForm action=create/>
        </main>
    }
}

#[component]
fn StatusItem(row: StatusRow, update: ServerAction<UpdateStatus>, delete: ServerAction<DeleteStatus>) -> impl IntoView {
    let id = row.id;
    let delete_label = format!("Delete {}", row.name);
    let used = match row.tickets {
        0 => "Not in use".to_owned(),
        1 => "1 ticket".to_owned(),
        n => format!("{n} tickets"),
    };
    view! {
        <li class="config-row">
            <ActionForm action=update attr:class="row">
                <input type="hidden" name="status_id" value=id.to_string()/>
                <div class="field">
                    <label for=format!("status-{id}-name")>"Name"</label>
                    <input id=format!("status-{id}-name") name="name" value=row.name.clone() required maxlength="64"/>
                </div>
                <div class="field field-narrow">
                    <label for=format!("status-{id}-position")>"Position"</label>
                    <input id=format!("status-{id}-position") name="position" type="number" min="0" max="999" value=row.position.to_string()/>
                </div>
                <label><input type="checkbox" name="active" value="on" checked=row.active/>" Active"</label>
                <button type="submit" class="btn btn-secondary btn-small" aria-label=format!("Save {}", row.name)>"Save"</button>
            </ActionForm>
            <span class="muted small">{used}</span>
            {(row.tickets == 0).then(|| view! {
                <ActionForm action=delete attr:class="inline">
                    <input type="hidden" name="status_id" value=id.to_string()/>
                    <button type="submit" class="btn btn-link btn-small" aria-label=delete_label>"Delete"</button>
                </ActionForm>
            })}
        </li>
    }
}

#[component]
fn CreateStatusForm(action: ServerAction<CreateStatus>) -> impl IntoView {
    let error = action_error(action);
    let options = StatusCategory::ALL
        .into_iter()
        .map(|c| view! { <option value=c.as_str()>{category_label(c)}</option> })
        .collect_view();
    view! {
        <section class="card">
            <h2>"Add a status"</h2>
            <FormBanner error/>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <div class="grid-2">
                    <div class="field">
                        <label for="new-status-name">"Name"</label>
                        <input id="new-status-name" name="name" required maxlength="64" aria-invalid=invalid(error, "name")/>
                        <FieldMessage error field="name"/>
                    </div>
                    <div class="field">
                        <label for="new-status-category">"Category"</label>
                        <select id="new-status-category" name="category">{options}</select>
                        <FieldMessage error field="category"/>
                    </div>
                    <div class="field">
                        <label for="new-status-position">"Position"</label>
                        <input id="new-status-position" name="position" type="number" min="0" max="999" value="10" aria-invalid=invalid(error, "position")/>
                        <FieldMessage error field="position"/>
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">"Add status"</button>
                </div>
            </ActionForm>
        </section>
    }
}
