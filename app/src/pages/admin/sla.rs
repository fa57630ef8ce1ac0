//! `/admin/sla`: SLA policies, in the order they are tried (the first active one whose
//! conditions match a ticket applies). Each sets up to three targets on a business-hours
//! calendar, and rules that warn before a breach and act at and after it.

use crate::{
    api::sla::{
        AddSlaRule, CreateSlaPolicy, DeleteSlaPolicy, MoveSlaPolicy, RemoveSlaRule, UpdateSlaPolicy, load_sla_settings,
    },
    components::{
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        recompute_status::RecomputeStatus,
        require_role::RequireRole,
        saved_counter::Saved,
    },
    error::AppError,
};
use domain::{
    Role,
    sla::types::{Metric, PolicyView, SlaSettingsView, format_minutes},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminSlaPage() -> impl IntoView {
    view! {
        <Title text="SLA policies"/>
        <RequireRole allow=|role| role == Role::Admin>
            <SlaBody/>
        </RequireRole>
    }
}

/// The calendars and teams every form chooses from.
#[derive(Clone)]
struct Choices {
    calendars: Vec<(i64, String)>,
    teams: Vec<(i64, String, Option<i32>)>,
}

#[component]
fn SlaBody() -> impl IntoView {
    let saved = Saved::new();
    let create = ServerAction::<CreateSlaPolicy>::new();
    saved.after(create);
    let page = Resource::new(move || saved.0.get(), |_| load_sla_settings());
    view! {
        <main class="page">
            <div class="page-header">
                <p><a href="/admin/business-hours">"Business hours"</a></p>
                <h1>"SLA policies"</h1>
                <p class="muted">
                    "Policies are tried in order: the first active one whose conditions match a ticket sets its targets. "
                    "Clocks stand still while a ticket is pending, and count only in the business hours of each target's calendar."
                </p>
            </div>
            <Transition fallback=|| view! { <p class="muted">"Loading policies…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(SlaSettingsView { policies, calendars, teams, progress }) => {
                            let choices = Choices { calendars, teams };
                            let count = policies.len();
                            let list = if policies.is_empty() {
                                view! {
                                    <div class="empty-state">
                                        <p>"No policies yet: tickets have no due times. Add the first one below."</p>
                                    </div>
                                }
                                .into_any()
                            } else {
                                policies
                                    .into_iter()
                                    .enumerate()
                                    .map(|(index, policy)| {
                                        let choices = choices.clone();
                                        view! { <PolicyCard policy index count choices saved/> }
                                    })
                                    .collect_view()
                                    .into_any()
                            };
                            view! {
                                <RecomputeStatus progress/>
                                {list}
                                <section class="card">
                                    <h2>"Add a policy"</h2>
                                    <FormBanner error=action_error(create)/>
                                    <ActionForm action=create attr:class="form" attr:novalidate=true>
                                        <PolicyFields error=action_error(create) policy=None choices/>
                                    </ActionForm>
                                </section>
                            }
                            .into_any()
                        }
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn PolicyCard(policy: PolicyView, index: usize, count: usize, choices: Choices, saved: Saved) -> impl IntoView {
    let update = ServerAction::<UpdateSlaPolicy>::new();
    let delete = ServerAction::<DeleteSlaPolicy>::new();
    let moving = ServerAction::<MoveSlaPolicy>::new();
    let add_rule = ServerAction::<AddSlaRule>::new();
    let remove_rule = ServerAction::<RemoveSlaRule>::new();
    saved.after(update);
    saved.after(delete);
    saved.after(moving);
    saved.after(add_rule);
    saved.after(remove_rule);
    let id = policy.id;
    let name = policy.name.clone();
    let heading = format!("policy-{id}-heading");
    let labelled_by = heading.clone();
    let conditions = if policy.conditions.is_empty() {
        "Every ticket".to_owned()
    } else {
        format!("Tickets matching {}", policy.conditions)
    };
    let open = match policy.open_tickets {
        1 => "1 open ticket under it".to_owned(),
        n => format!("{n} open tickets under it"),
    };
    let targets = policy
        .targets
        .iter()
        .map(|t| {
            view! { <li>{format!("{}: {} ({})", t.metric.label(), format_minutes(t.minutes), t.calendar)}</li> }
        })
        .collect_view();
    let stale = (!policy.stale_names.is_empty()).then(|| {
        view! {
            <p class="notice notice-warning" role="note">
                {format!(
                    "Its conditions name {}, which no longer exist: no ticket matches them until you edit the conditions.",
                    policy.stale_names.join(", ")
                )}
            </p>
        }
    });
    let move_button = move |direction: &'static str, label: String| {
        view! {
            <ActionForm action=moving attr:class="inline">
                <input type="hidden" name="policy_id" value=id.to_string()/>
                <input type="hidden" name="direction" value=direction/>
                <button type="submit" class="btn btn-secondary btn-small">{label}</button>
            </ActionForm>
        }
    };
    let title = format!("{}. {}", index + 1, policy.name);
    let inactive = !policy.active;
    let (for_edit, for_rules) = (policy.clone(), policy);
    let edit_choices = choices.clone();
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=heading>
                {title}
                {inactive.then(|| view! { " " <span class="badge">"Inactive"</span> })}
            </h2>
            <p class="muted">{conditions}". "{open}"."</p>
            {stale}
            <ul>{targets}</ul>
            <div class="row">
                {(index > 0).then(|| move_button("up", format!("Move {name} up")))}
                {(index + 1 < count).then(|| move_button("down", format!("Move {name} down")))}
            </div>
            <details>
                <summary>{format!("Edit {name}")}</summary>
                <FormBanner error=action_error(update)/>
                <ActionForm action=update attr:class="form" attr:novalidate=true>
                    <PolicyFields error=action_error(update) policy=Some(for_edit) choices=edit_choices/>
                </ActionForm>
                <FormBanner error=action_error(delete)/>
                <ActionForm action=delete attr:class="inline">
                    <input type="hidden" name="policy_id" value=id.to_string()/>
                    <button type="submit" class="btn btn-danger btn-small">{format!("Delete {name}")}</button>
                </ActionForm>
            </details>
            <h3>"Warnings and breaches"</h3>
            <RuleList policy=for_rules remove=remove_rule/>
            <AddRuleForm policy_id=id action=add_rule choices/>
        </section>
    }
}

#[component]
fn RuleList(policy: PolicyView, remove: ServerAction<RemoveSlaRule>) -> impl IntoView {
    if policy.escalations.is_empty() {
        return view! { <p class="muted">"No rules: nobody is told before or after a breach."</p> }.into_any();
    }
    let items = policy
        .escalations
        .into_iter()
        .map(|rule| {
            let target = rule.metric.map_or("every target", Metric::label);
            let label = format!("Remove the rule {} of {}", rule.title().to_lowercase(), target.to_lowercase());
            let text = format!("{} of {}: {}.", rule.title(), target.to_lowercase(), rule.actions().join(", "));
            view! {
                <li class="config-row">
                    <span>{text}</span>
                    <ActionForm action=remove attr:class="inline">
                        <input type="hidden" name="rule_id" value=rule.id.to_string()/>
                        <button type="submit" class="btn btn-link btn-small" aria-label=label>"Remove"</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <FormBanner error=action_error(remove)/>
        <ul class="plain config-list">{items}</ul>
    }
    .into_any()
}

/// The fields of a policy's form: new (`policy` is `None`) or an existing one's edit. The
/// caller wraps them in the form of its action.
#[component]
fn PolicyFields(error: Signal<Option<AppError>>, policy: Option<PolicyView>, choices: Choices) -> impl IntoView {
    let prefix = policy.as_ref().map_or_else(|| "new-policy".to_owned(), |p| format!("policy-{}", p.id));
    let (name, conditions, active) = policy
        .as_ref()
        .map_or((String::new(), String::new(), true), |p| (p.name.clone(), p.conditions.clone(), p.active));
    let button = if policy.is_some() { "Save policy" } else { "Add policy" };
    let targets = Metric::ALL.map(|metric| {
        let current = policy.as_ref().and_then(|p| p.targets.iter().find(|t| t.metric == metric));
        let time = current.map(|t| format_minutes(t.minutes)).unwrap_or_default();
        let calendar = current.map(|t| t.calendar_id);
        let field: &'static str = metric.as_str();
        let calendar_field: &'static str = match metric {
            Metric::FirstResponse => "first_response_calendar",
            Metric::NextResponse => "next_response_calendar",
            Metric::Resolution => "resolution_calendar",
        };
        let time_id = format!("{prefix}-{field}");
        let calendar_id = format!("{prefix}-{calendar_field}");
        let options = choices
            .calendars
            .iter()
            .map(|(id, name)| view! { <option value=id.to_string() selected=calendar == Some(*id)>{name.clone()}</option> })
            .collect_view();
        view! {
            <div class="row">
                <div class="field">
                    <label for=time_id.clone()>{format!("{} target", metric.label())}</label>
                    <input id=time_id name=field value=time placeholder="None" maxlength="20" aria-invalid=invalid(error, field)/>
                    <FieldMessage error field=field/>
                </div>
                <div class="field">
                    <label for=calendar_id.clone()>{format!("{} counts in", metric.label())}</label>
                    <select id=calendar_id name=calendar_field aria-invalid=invalid(error, calendar_field)>{options}</select>
                    <FieldMessage error field=calendar_field/>
                </div>
            </div>
        }
    });
    view! {
            {policy.as_ref().map(|p| view! { <input type="hidden" name="policy_id" value=p.id.to_string()/> })}
            <div class="field">
                <label for=format!("{prefix}-name")>"Name"</label>
                <input id=format!("{prefix}-name") name="name" value=name required maxlength="100" aria-invalid=invalid(error, "name")/>
                <FieldMessage error field="name"/>
            </div>
            <div class="field">
                <label for=format!("{prefix}-conditions")>"Conditions"</label>
                <input id=format!("{prefix}-conditions") name="conditions" value=conditions maxlength="500" aria-invalid=invalid(error, "conditions") aria-describedby=format!("{prefix}-conditions-hint")/>
                <p class="hint" id=format!("{prefix}-conditions-hint")>
                    "As in search: priority:urgent, category:billing, team:support, org:\"acme corporation\", channel:email, tag:vip. Empty matches every ticket."
                </p>
                <FieldMessage error field="conditions"/>
            </div>
            <label><input type="checkbox" name="active" value="on" checked=active/>" Active"</label>
            <fieldset>
                <legend>"Targets"</legend>
                <p class="hint">"Times such as 30m, 4h, 1h 30m or 2d (days of 24 business hours). Leave a target empty to not measure it."</p>
                {targets}
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary">{button}</button>
            </div>
    }
}

#[component]
fn AddRuleForm(policy_id: i64, action: ServerAction<AddSlaRule>, choices: Choices) -> impl IntoView {
    let error = action_error(action);
    let prefix = format!("policy-{policy_id}-rule");
    let id = move |field: &str| format!("{prefix}-{field}");
    let teams = choices
        .teams
        .iter()
        .map(|(team, name, tier)| {
            let label = tier.map_or_else(|| name.clone(), |t| format!("{name} (tier {t})"));
            view! { <option value=team.to_string()>{label}</option> }
        })
        .collect_view();
    view! {
        <details>
            <summary>"Add a rule"</summary>
            <FormBanner error/>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <input type="hidden" name="policy_id" value=policy_id.to_string()/>
                <div class="row">
                    <div class="field">
                        <label for=id("metric")>"Target"</label>
                        <select id=id("metric") name="metric">
                            <option value="">"Every target"</option>
                            {Metric::ALL.map(|m| view! { <option value=m.as_str()>{m.label()}</option> })}
                        </select>
                    </div>
                    <div class="field">
                        <label for=id("percent")>"When this share of the target has passed (%)"</label>
                        <input id=id("percent") name="percent" inputmode="numeric" value="100" required aria-invalid=invalid(error, "percent") aria-describedby=id("percent-hint")/>
                        <p class="hint" id=id("percent-hint")>"Below 100 warns before the breach, 100 is the breach, above is a later level (150 = half the target again)."</p>
                        <FieldMessage error field="percent"/>
                    </div>
                </div>
                <fieldset>
                    <legend>"What happens"</legend>
                    <FieldMessage error field="actions"/>
                    <label><input type="checkbox" name="notify_assignee" value="on"/>" Notify the assignee"</label>
                    <label><input type="checkbox" name="notify_team" value="on"/>" Notify the ticket's team"</label>
                    <div class="field">
                        <label for=id("emails")>"Notify these agents (emails)"</label>
                        <input id=id("emails") name="notify_emails" maxlength="1000" aria-invalid=invalid(error, "notify_emails")/>
                        <FieldMessage error field="notify_emails"/>
                    </div>
                    <label><input type="checkbox" name="escalate_tier" value="on"/>" Escalate to the next tier"</label>
                    <div class="field">
                        <label for=id("team")>"Move to team"</label>
                        <select id=id("team") name="reassign_team_id" aria-invalid=invalid(error, "reassign_team_id")>
                            <option value="">"Keep the team"</option>
                            {teams}
                        </select>
                        <FieldMessage error field="reassign_team_id"/>
                    </div>
                    <label><input type="checkbox" name="raise_priority" value="on"/>" Raise the priority one step"</label>
                    <div class="field">
                        <label for=id("tag")>"Add the tag"</label>
                        <input id=id("tag") name="add_tag" maxlength="32" aria-invalid=invalid(error, "add_tag")/>
                        <FieldMessage error field="add_tag"/>
                    </div>
                </fieldset>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">"Add rule"</button>
                </div>
            </ActionForm>
        </details>
    }
}
