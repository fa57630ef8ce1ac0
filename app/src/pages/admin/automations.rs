//! `/admin/automations`: automation rules in order, each with when it runs, its conditions,
//! what it does, a switch, and its latest runs; a dry run of any conditions ("would have
//! matched 37 tickets in the last 30 days", a plain GET form that works without JavaScript);
//! and the form for a new rule, which starts switched off.

use crate::{
    api::automations::{
        CreateAutomation, DeleteAutomation, MoveAutomation, SetAutomationActive, UpdateAutomation, dry_run_automation,
        load_automations,
    },
    components::{
        automation_fields::AutomationFields,
        form_feedback::{FormBanner, action_error},
        format::when,
        require_role::RequireRole,
        saved_counter::Saved,
    },
};
use domain::{
    Role,
    automation::types::{AutomationSettingsView, AutomationView, RunView, Trigger},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminAutomationsPage() -> impl IntoView {
    view! {
        <Title text="Automations"/>
        <RequireRole allow=|role| role == Role::Admin>
            <AutomationsBody/>
        </RequireRole>
    }
}

#[component]
fn AutomationsBody() -> impl IntoView {
    let saved = Saved::new();
    let create = ServerAction::<CreateAutomation>::new();
    saved.after(create);
    let page = Resource::new(move || saved.0.get(), |_| load_automations());
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Automations"</h1>
                <p class="muted">
                    "Rules that act on tickets by themselves: when something happens to a ticket, or on a schedule for tickets that have not changed for a while. "
                    "Rules on the same event run in this order. A rule never sets itself off again; if its own change would, it is stopped and its log says so."
                </p>
            </div>
            <DryRun/>
            <Transition fallback=|| view! { <p class="muted">"Loading automations…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(settings) => view! { <Rules settings saved create/> }.into_any(),
                    }
                })}
            </Transition>
        </main>
    }
}

/// "Would have matched": the conditions in the address (`?try=`), tried against the last 30 days.
#[component]
fn DryRun() -> impl IntoView {
    let query = use_query_map();
    let tried = move || query.read().get("try").filter(|t| !t.trim().is_empty());
    let result = Resource::new(tried, |tried| async move {
        match tried {
            Some(conditions) => Some(dry_run_automation(conditions).await),
            None => None,
        }
    });
    view! {
        <section class="card" aria-labelledby="dry-run-heading">
            <h2 id="dry-run-heading">"Try conditions"</h2>
            <form method="get" action="/admin/automations" class="form">
                <div class="field">
                    <label for="dry-run-conditions">"Conditions to try"</label>
                    <input id="dry-run-conditions" name="try" maxlength="500" value=move || tried().unwrap_or_default()/>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-secondary">"Try"</button>
                </div>
            </form>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match result.await {
                        None => ().into_any(),
                        Some(Err(err)) => view! { <p class="field-error" role="alert">{err.field("conditions").unwrap_or(err.message)}</p> }.into_any(),
                        Some(Ok(dry)) => {
                            let text = match dry.matched {
                                1 => format!("This rule would have matched 1 ticket in the last {} days.", dry.days),
                                n => format!("This rule would have matched {n} tickets in the last {} days.", dry.days),
                            };
                            let examples = dry
                                .examples
                                .into_iter()
                                .map(|(id, reference, subject)| view! {
                                    <li><a href=format!("/agent/tickets/{id}")>{reference}</a>" "{subject}</li>
                                })
                                .collect_view();
                            view! { <p role="status">{text}</p> <ul>{examples}</ul> }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Rules(settings: AutomationSettingsView, saved: Saved, create: ServerAction<CreateAutomation>) -> impl IntoView {
    let rules = settings.rules.clone();
    let count = rules.len();
    let list = if rules.is_empty() {
        view! { <div class="empty-state"><p>"No automations yet. Add the first rule below."</p></div> }.into_any()
    } else {
        rules
            .into_iter()
            .enumerate()
            .map(|(index, rule)| {
                let choices = settings.clone();
                view! { <RuleCard rule index count choices saved/> }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section aria-labelledby="automations-heading">
            <h2 id="automations-heading">"Rules"</h2>
            {list}
        </section>
        <section class="card">
            <h2>"Add a rule"</h2>
            <p class="muted">"A new rule starts switched off: try its conditions above, then switch it on."</p>
            <FormBanner error=action_error(create)/>
            <ActionForm action=create attr:class="form" attr:novalidate=true>
                <AutomationFields error=action_error(create) rule=None choices=settings/>
            </ActionForm>
        </section>
    }
}

#[component]
fn RuleCard(
    rule: AutomationView,
    index: usize,
    count: usize,
    choices: AutomationSettingsView,
    saved: Saved,
) -> impl IntoView {
    let update = ServerAction::<UpdateAutomation>::new();
    let delete = ServerAction::<DeleteAutomation>::new();
    let moving = ServerAction::<MoveAutomation>::new();
    let switch = ServerAction::<SetAutomationActive>::new();
    for_each_saved(saved, update, delete, moving, switch);
    let id = rule.id;
    let name = rule.name.clone();
    let heading = format!("automation-{id}-heading");
    let labelled_by = heading.clone();
    let when_text = match (&rule.trigger, &rule.idle) {
        (Trigger::Schedule, Some(idle)) => format!("On a schedule, for tickets unchanged for {idle}"),
        (trigger, _) => trigger.label().to_owned(),
    };
    let conditions = if rule.conditions.is_empty() {
        "every ticket".to_owned()
    } else {
        format!("tickets matching {}", rule.conditions)
    };
    let runs = match rule.runs {
        1 => "Ran once in the last 30 days.".to_owned(),
        n => format!("Ran {n} times in the last 30 days."),
    };
    let move_button = move |direction: &'static str, label: String| {
        view! {
            <ActionForm action=moving attr:class="inline">
                <input type="hidden" name="rule_id" value=id.to_string()/>
                <input type="hidden" name="direction" value=direction/>
                <button type="submit" class="btn btn-secondary btn-small">{label}</button>
            </ActionForm>
        }
    };
    let (switch_label, switch_value) =
        if rule.active { (format!("Switch {name} off"), None) } else { (format!("Switch {name} on"), Some("on")) };
    let recent = rule.recent.clone();
    let summary = format!("When: {when_text}. If: {conditions}. Then: {}.", rule.summary);
    let title = format!("{}. {}", index + 1, rule.name);
    let active = rule.active;
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h3 id=heading>
                {title}" "
                {if active { view! { <span class="badge badge-on">"On"</span> }.into_any() } else { view! { <span class="badge">"Off"</span> }.into_any() }}
            </h3>
            <p>{summary}</p>
            <p class="muted">{runs}</p>
            <div class="row">
                <FormBanner error=action_error(switch)/>
                <ActionForm action=switch attr:class="inline">
                    <input type="hidden" name="rule_id" value=id.to_string()/>
                    {switch_value.map(|v| view! { <input type="hidden" name="active" value=v/> })}
                    <button type="submit" class="btn btn-secondary btn-small">{switch_label}</button>
                </ActionForm>
                {(index > 0).then(|| move_button("up", format!("Move {name} up")))}
                {(index + 1 < count).then(|| move_button("down", format!("Move {name} down")))}
            </div>
            <details>
                <summary>{format!("Execution log of {name}")}</summary>
                <RunLog runs=recent/>
            </details>
            <details>
                <summary>{format!("Edit {name}")}</summary>
                <FormBanner error=action_error(update)/>
                <ActionForm action=update attr:class="form" attr:novalidate=true>
                    <AutomationFields error=action_error(update) rule=Some(rule) choices/>
                </ActionForm>
                <FormBanner error=action_error(delete)/>
                <ActionForm action=delete attr:class="inline">
                    <input type="hidden" name="rule_id" value=id.to_string()/>
                    <button type="submit" class="btn btn-danger btn-small">{format!("Delete {name}")}</button>
                </ActionForm>
            </details>
        </section>
    }
}

fn for_each_saved(
    saved: Saved,
    update: ServerAction<UpdateAutomation>,
    delete: ServerAction<DeleteAutomation>,
    moving: ServerAction<MoveAutomation>,
    switch: ServerAction<SetAutomationActive>,
) {
    saved.after(update);
    saved.after(delete);
    saved.after(moving);
    saved.after(switch);
}

#[component]
fn RunLog(runs: Vec<RunView>) -> impl IntoView {
    if runs.is_empty() {
        return view! { <p class="muted">"It has not run yet."</p> }.into_any();
    }
    let rows = runs
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <td><time datetime=r.at.to_rfc3339()>{when(r.at)}</time></td>
                    <td><a href=format!("/agent/tickets/{}", r.ticket_id)>{r.reference}</a></td>
                    <td>{r.outcome.label()}</td>
                    <td>{r.detail}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table">
            <thead><tr><th scope="col">"When"</th><th scope="col">"Ticket"</th><th scope="col">"Outcome"</th><th scope="col">"What it did"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
