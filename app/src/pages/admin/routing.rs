//! `/admin/routing`: routing rules in the order they are tried (each matching rule sets what an
//! earlier one left unset; tags and needed skills add up), then how each team hands out its
//! tickets, the agents' capacity, skills and share of what was handed out, and the skills each
//! category needs (`routing_people`).

use super::routing_people::{AgentsTable, CategorySkills, TeamStrategies};
use crate::{
    api::routing::{CreateRoutingRule, DeleteRoutingRule, MoveRoutingRule, UpdateRoutingRule, load_routing_settings},
    components::{
        choice_select::choice_select,
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        require_role::RequireRole,
        saved_counter::Saved,
    },
    error::AppError,
};
use domain::{
    Role,
    routing::types::{RoutingRuleView, RoutingSettingsView},
    ticket_types::OptionView,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminRoutingPage() -> impl IntoView {
    view! {
        <Title text="Routing"/>
        <RequireRole allow=|role| role == Role::Admin>
            <RoutingBody/>
        </RequireRole>
    }
}

/// The teams, categories and priorities a rule may set.
#[derive(Clone)]
struct Choices {
    teams: Vec<OptionView>,
    categories: Vec<OptionView>,
    priorities: Vec<OptionView>,
}

#[component]
fn RoutingBody() -> impl IntoView {
    let saved = Saved::new();
    let create = ServerAction::<CreateRoutingRule>::new();
    saved.after(create);
    let page = Resource::new(move || saved.0.get(), |_| load_routing_settings());
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Routing"</h1>
                <p class="muted">
                    "Rules file each new request: every active rule whose conditions match sets what an earlier rule left unset, "
                    "and tags and needed skills add up. Then the ticket's team hands it to an agent who is available, online and has room."
                </p>
            </div>
            <Transition fallback=|| view! { <p class="muted">"Loading routing…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(settings) => view! { <Settings settings saved create/> }.into_any(),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn Settings(settings: RoutingSettingsView, saved: Saved, create: ServerAction<CreateRoutingRule>) -> impl IntoView {
    let RoutingSettingsView { rules, teams, agents, categories, priorities, period_days } = settings;
    let choices = Choices {
        teams: teams.iter().map(|t| OptionView { id: t.id, name: t.name.clone() }).collect(),
        categories: categories.iter().map(|c| OptionView { id: c.id, name: c.name.clone() }).collect(),
        priorities,
    };
    let count = rules.len();
    let list = if rules.is_empty() {
        view! {
            <div class="empty-state">
                <p>"No rules yet: new requests keep the team and category they arrive with. Add the first rule below."</p>
            </div>
        }
        .into_any()
    } else {
        rules
            .into_iter()
            .enumerate()
            .map(|(index, rule)| {
                let choices = choices.clone();
                view! { <RuleCard rule index count choices saved/> }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section aria-labelledby="rules-heading">
            <h2 id="rules-heading">"Rules"</h2>
            {list}
        </section>
        <section class="card">
            <h2>"Add a rule"</h2>
            <FormBanner error=action_error(create)/>
            <ActionForm action=create attr:class="form" attr:novalidate=true>
                <RuleFields error=action_error(create) rule=None choices/>
            </ActionForm>
        </section>
        <TeamStrategies teams saved/>
        <AgentsTable agents period_days saved/>
        <CategorySkills categories saved/>
        <crate::components::classifier_card::ClassifierCard/>
    }
}

#[component]
fn RuleCard(rule: RoutingRuleView, index: usize, count: usize, choices: Choices, saved: Saved) -> impl IntoView {
    let update = ServerAction::<UpdateRoutingRule>::new();
    let delete = ServerAction::<DeleteRoutingRule>::new();
    let moving = ServerAction::<MoveRoutingRule>::new();
    saved.after(update);
    saved.after(delete);
    saved.after(moving);
    let id = rule.id;
    let name = rule.name.clone();
    let heading = format!("rule-{id}-heading");
    let labelled_by = heading.clone();
    let when = if rule.conditions.is_empty() {
        "Every new ticket".to_owned()
    } else {
        format!("New tickets matching {}", rule.conditions)
    };
    let when = if rule.on_change { format!("{when}, and tickets that change to match") } else { when };
    let move_button = move |direction: &'static str, label: String| {
        view! {
            <ActionForm action=moving attr:class="inline">
                <input type="hidden" name="rule_id" value=id.to_string()/>
                <input type="hidden" name="direction" value=direction/>
                <button type="submit" class="btn btn-secondary btn-small">{label}</button>
            </ActionForm>
        }
    };
    let title = format!("{}. {}", index + 1, rule.name);
    let inactive = !rule.active;
    let summary = format!("{when}: {}.", rule.summary);
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h3 id=heading>
                {title}
                {inactive.then(|| view! { " " <span class="badge">"Inactive"</span> })}
            </h3>
            <p>{summary}</p>
            <div class="row">
                {(index > 0).then(|| move_button("up", format!("Move {name} up")))}
                {(index + 1 < count).then(|| move_button("down", format!("Move {name} down")))}
            </div>
            <details>
                <summary>{format!("Edit {name}")}</summary>
                <FormBanner error=action_error(update)/>
                <ActionForm action=update attr:class="form" attr:novalidate=true>
                    <RuleFields error=action_error(update) rule=Some(rule) choices/>
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

/// The fields of a rule's form: a new rule (`rule` is `None`) or an existing one's edit.
#[component]
fn RuleFields(error: Signal<Option<AppError>>, rule: Option<RoutingRuleView>, choices: Choices) -> impl IntoView {
    let prefix = rule.as_ref().map_or_else(|| "new-rule".to_owned(), |r| format!("rule-{}", r.id));
    let id = move |field: &str| format!("{prefix}-{field}");
    let button = if rule.is_some() { "Save rule" } else { "Add rule" };
    let name = rule.as_ref().map(|r| r.name.clone()).unwrap_or_default();
    let conditions = rule.as_ref().map(|r| r.conditions.clone()).unwrap_or_default();
    let tags = rule.as_ref().map(|r| r.tags.join(", ")).unwrap_or_default();
    let skills = rule.as_ref().map(|r| r.skills.join(", ")).unwrap_or_default();
    let active = rule.as_ref().is_none_or(|r| r.active);
    let on_change = rule.as_ref().is_some_and(|r| r.on_change);
    let team = rule.as_ref().and_then(|r| r.team_id);
    let category = rule.as_ref().and_then(|r| r.category_id);
    let priority = rule.as_ref().and_then(|r| r.priority_id);
    view! {
        {rule.as_ref().map(|r| view! { <input type="hidden" name="rule_id" value=r.id.to_string()/> })}
        <div class="field">
            <label for=id("name")>"Name"</label>
            <input id=id("name") name="name" value=name required maxlength="100" aria-invalid=invalid(error, "name")/>
            <FieldMessage error field="name"/>
        </div>
        <div class="field">
            <label for=id("conditions")>"Conditions"</label>
            <input id=id("conditions") name="conditions" value=conditions maxlength="500" aria-invalid=invalid(error, "conditions") aria-describedby=id("conditions-hint")/>
            <p class="hint" id=id("conditions-hint")>
                "As in search: words or \"phrases\" in the subject or first message (-word to exclude), channel:email, mailbox:support, "
                "category:billing, priority:urgent, org:acme, tag:vip. Every word must appear; values of one field are alternatives. Empty matches every ticket."
            </p>
            <FieldMessage error field="conditions"/>
        </div>
        <fieldset>
            <legend>"What it sets"</legend>
            <div class="row">
                <div class="field">
                    <label for=id("team")>"Team"</label>
                    {choice_select(id("team"), "team_id", "Leave the team", &choices.teams, team, error)}
                    <FieldMessage error field="team_id"/>
                </div>
                <div class="field">
                    <label for=id("category")>"Category"</label>
                    {choice_select(id("category"), "category_id", "Leave the category", &choices.categories, category, error)}
                    <FieldMessage error field="category_id"/>
                </div>
                <div class="field">
                    <label for=id("priority")>"Priority"</label>
                    {choice_select(id("priority"), "priority_id", "Leave the priority", &choices.priorities, priority, error)}
                    <FieldMessage error field="priority_id"/>
                </div>
            </div>
            <div class="row">
                <div class="field">
                    <label for=id("tags")>"Add tags"</label>
                    <input id=id("tags") name="tags" value=tags maxlength="400" aria-invalid=invalid(error, "tags")/>
                    <FieldMessage error field="tags"/>
                </div>
                <div class="field">
                    <label for=id("skills")>"Needs skills"</label>
                    <input id=id("skills") name="skills" value=skills maxlength="400" aria-invalid=invalid(error, "skills") aria-describedby=id("skills-hint")/>
                    <p class="hint" id=id("skills-hint")>"A team that assigns by skills gives the ticket only to agents with all of them."</p>
                    <FieldMessage error field="skills"/>
                </div>
            </div>
        </fieldset>
        <label><input type="checkbox" name="on_change" value="on" checked=on_change/>" Also when a ticket changes"</label>
        <label><input type="checkbox" name="active" value="on" checked=active/>" Active"</label>
        <div class="form-actions">
            <button type="submit" class="btn btn-primary">{button}</button>
        </div>
    }
}
