//! `/admin/priorities`: rename, rank, deactivate priorities, choose the default, add new ones.

use crate::{
    api::desk_config::{CreatePriority, UpdatePriority, load_desk_config},
    components::{
        error_summary::ErrorSummary,
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        require_role::RequireRole,
    },
};
use domain::{Role, desk_config::types::PriorityRow};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminPrioritiesPage() -> impl IntoView {
    view! {
        <Title text="Priorities"/>
        <RequireRole allow=|role| role == Role::Admin>
            <PrioritiesBody/>
        </RequireRole>
    }
}

#[component]
fn PrioritiesBody() -> impl IntoView {
    let create = ServerAction::<CreatePriority>::new();
    let update = ServerAction::<UpdatePriority>::new();
    let config = Resource::new(move || (create.version().get(), update.version().get()), |_| load_desk_config());
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Priorities"</h1>
                <p class="muted">
                    "Ranked from least to most urgent. New tickets get the default priority, which is always active."
                </p>
            </div>
            <ErrorSummary error=action_error(update)/>
            <Transition fallback=|| view! { <p class="muted">"Loading priorities…"</p> }>
                {move || Suspend::new(async move {
                    match config.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(config) => view! {
                            <section class="card">
                                <ul class="plain config-list">
                                    {config.priorities.into_iter().map(|row| view! { <PriorityItem row update/> }).collect_view()}
                                </ul>
                            </section>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
            <CreatePriorityForm action=create/>
        </main>
    }
}

#[component]
fn PriorityItem(row: PriorityRow, update: ServerAction<UpdatePriority>) -> impl IntoView {
    let id = row.id;
    view! {
        <li class="config-row">
            <ActionForm action=update attr:class="row">
                <input type="hidden" name="priority_id" value=id.to_string()/>
                <div class="field">
                    <label for=format!("priority-{id}-name")>"Name"</label>
                    <input id=format!("priority-{id}-name") name="name" value=row.name.clone() required maxlength="64"/>
                </div>
                <div class="field field-narrow">
                    <label for=format!("priority-{id}-rank")>"Rank"</label>
                    <input id=format!("priority-{id}-rank") name="rank" type="number" min="0" max="999" value=row.rank.to_string()/>
                </div>
                <label><input type="checkbox" name="is_default" value="on" checked=row.is_default/>" Default"</label>
                <label><input type="checkbox" name="active" value="on" checked=row.active/>" Active"</label>
                <button type="submit" class="btn btn-secondary btn-small" aria-label=format!("Save {}", row.name)>"Save"</button>
            </ActionForm>
            <span class="muted small">{format!("{} tickets", row.tickets)}</span>
        </li>
    }
}

#[component]
fn CreatePriorityForm(action: ServerAction<CreatePriority>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <section class="card">
            <h2>"Add a priority"</h2>
            <FormBanner error/>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <div class="grid-2">
                    <div class="field">
                        <label for="new-priority-name">"Name"</label>
                        <input id="new-priority-name" name="name" required maxlength="64" aria-invalid=invalid(error, "name")/>
                        <FieldMessage error field="name"/>
                    </div>
                    <div class="field">
                        <label for="new-priority-rank">"Rank"</label>
                        <input id="new-priority-rank" name="rank" type="number" min="0" max="999" value="5" aria-invalid=invalid(error, "rank")/>
                        <FieldMessage error field="rank"/>
                    </div>
                </div>
                <label><input type="checkbox" name="is_default" value="on"/>" Make it the default"</label>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">"Add priority"</button>
                </div>
            </ActionForm>
        </section>
    }
}
