//! `/agent/macros`: the agent's own macros and the shared ones (most used first), with what each
//! inserts and does and how often it was used; a form for a new one; edit and delete for those
//! the agent may change (their own; shared ones for admins).

use crate::{
    api::macros::{CreateMacro, DeleteMacro, UpdateMacro, load_macros},
    components::{
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        require_role::RequireRole,
        saved_counter::Saved,
    },
    error::AppError,
};
use domain::{
    Role,
    macros::types::{MacroAssign, MacroView, MacrosPageView, PLACEHOLDERS},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MacrosPage() -> impl IntoView {
    view! {
        <Title text="Macros"/>
        <RequireRole allow=Role::is_staff>
            <MacrosBody/>
        </RequireRole>
    }
}

#[component]
fn MacrosBody() -> impl IntoView {
    let saved = Saved::new();
    let create = ServerAction::<CreateMacro>::new();
    saved.after(create);
    let page = Resource::new(move || saved.0.get(), |_| load_macros());
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Macros"</h1>
                <p class="muted">
                    "Canned responses for the reply box: type / in an empty message to find one. Its text is filled in for the ticket "
                    "and stays editable before you send; its actions happen when you send."
                </p>
            </div>
            <Transition fallback=|| view! { <p class="muted">"Loading macros…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(page) => view! { <MacroList page saved create/> }.into_any(),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn MacroList(page: MacrosPageView, saved: Saved, create: ServerAction<CreateMacro>) -> impl IntoView {
    let list = if page.macros.is_empty() {
        view! { <div class="empty-state"><p>"No macros yet. Add your first one below."</p></div> }.into_any()
    } else {
        page.macros
            .iter()
            .cloned()
            .map(|m| {
                let page = page.clone();
                view! { <MacroCard item=m page saved/> }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section aria-labelledby="macros-heading">
            <h2 id="macros-heading">"Your macros and the shared ones"</h2>
            {list}
        </section>
        <section class="card" aria-labelledby="add-macro-heading">
            <h2 id="add-macro-heading">"Add a macro"</h2>
            <FormBanner error=action_error(create)/>
            <ActionForm action=create attr:class="form" attr:novalidate=true>
                <MacroFields error=action_error(create) item=None page/>
            </ActionForm>
        </section>
    }
}

#[component]
fn MacroCard(item: MacroView, page: MacrosPageView, saved: Saved) -> impl IntoView {
    let update = ServerAction::<UpdateMacro>::new();
    let delete = ServerAction::<DeleteMacro>::new();
    saved.after(update);
    saved.after(delete);
    let id = item.id;
    let name = item.name.clone();
    let heading = format!("macro-{id}-heading");
    let labelled_by = heading.clone();
    let whose = if item.shared { "Shared with every agent" } else { "Yours" };
    let uses = match item.usage {
        1 => "Used once".to_owned(),
        n => format!("Used {n} times"),
    };
    let actions = if item.actions.is_empty() { String::new() } else { format!(" On send: {}.", item.actions) };
    let editable = item.editable;
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h3 id=heading>{item.name.clone()}</h3>
            <p class="muted">{format!("{whose}. {uses}.{actions}")}</p>
            <pre class="macro-text">{item.body.clone()}</pre>
            {editable.then(|| view! {
                <details>
                    <summary>{format!("Edit {name}")}</summary>
                    <FormBanner error=action_error(update)/>
                    <ActionForm action=update attr:class="form" attr:novalidate=true>
                        <MacroFields error=action_error(update) item=Some(item.clone()) page/>
                    </ActionForm>
                    <FormBanner error=action_error(delete)/>
                    <ActionForm action=delete attr:class="inline">
                        <input type="hidden" name="macro_id" value=id.to_string()/>
                        <button type="submit" class="btn btn-danger btn-small">{format!("Delete {name}")}</button>
                    </ActionForm>
                </details>
            })}
        </section>
    }
}

#[component]
fn MacroFields(error: Signal<Option<AppError>>, item: Option<MacroView>, page: MacrosPageView) -> impl IntoView {
    let prefix = item.as_ref().map_or_else(|| "new-macro".to_owned(), |m| format!("macro-{}", m.id));
    let id = move |field: &str| format!("{prefix}-{field}");
    let button = if item.is_some() { "Save macro" } else { "Add macro" };
    let name = item.as_ref().map(|m| m.name.clone()).unwrap_or_default();
    let body = item.as_ref().map(|m| m.body.clone()).unwrap_or_default();
    let tags = item.as_ref().map(|m| m.tags.join(", ")).unwrap_or_default();
    let status = item.as_ref().and_then(|m| m.status_id);
    let assign = item.as_ref().map(|m| m.assign).unwrap_or_default();
    let shared = item.as_ref().is_some_and(|m| m.shared);
    let statuses = page
        .statuses
        .iter()
        .map(|s| view! { <option value=s.id.to_string() selected=status == Some(s.id)>{s.name.clone()}</option> })
        .collect_view();
    let agents = page
        .agents
        .iter()
        .map(|a| {
            view! { <option value=a.id.to_string() selected=assign == MacroAssign::Agent(a.id)>{a.name.clone()}</option> }
        })
        .collect_view();
    let placeholders = PLACEHOLDERS.map(|p| format!("{{{{{p}}}}}")).join(", ");
    view! {
        {item.as_ref().map(|m| view! { <input type="hidden" name="macro_id" value=m.id.to_string()/> })}
        <div class="field">
            <label for=id("name")>"Name"</label>
            <input id=id("name") name="name" value=name required maxlength="100" aria-invalid=invalid(error, "name")/>
            <FieldMessage error field="name"/>
        </div>
        <div class="field">
            <label for=id("body")>"Text"</label>
            <textarea id=id("body") name="body" rows="5" maxlength="10000" required aria-invalid=invalid(error, "body") aria-describedby=id("body-hint")>{body}</textarea>
            <p class="hint" id=id("body-hint")>{format!("Placeholders: {placeholders}.")}</p>
            <FieldMessage error field="body"/>
        </div>
        <fieldset>
            <legend>"On send, also"</legend>
            <div class="row">
                <div class="field">
                    <label for=id("status")>"Set the status"</label>
                    <select id=id("status") name="status_id" aria-invalid=invalid(error, "status_id")>
                        <option value="">"Leave the status"</option>
                        {statuses}
                    </select>
                    <FieldMessage error field="status_id"/>
                </div>
                <div class="field">
                    <label for=id("assign")>"Assign"</label>
                    <select id=id("assign") name="assign" aria-invalid=invalid(error, "assign")>
                        <option value="" selected=assign == MacroAssign::Nobody>"Leave the assignee"</option>
                        <option value="me" selected=assign == MacroAssign::Me>"To whoever uses it"</option>
                        {agents}
                    </select>
                    <FieldMessage error field="assign"/>
                </div>
                <div class="field">
                    <label for=id("tags")>"Add tags"</label>
                    <input id=id("tags") name="tags" value=tags maxlength="400" aria-invalid=invalid(error, "tags")/>
                    <FieldMessage error field="tags"/>
                </div>
            </div>
        </fieldset>
        {page.can_share.then(|| view! {
            <label><input type="checkbox" name="shared" value="on" checked=shared/>" Shared with every agent"</label>
        })}
        <FieldMessage error field="shared"/>
        <div class="form-actions">
            <button type="submit" class="btn btn-primary">{button}</button>
        </div>
    }
}
