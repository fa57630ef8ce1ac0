//! The fields of an automation rule's form: when it runs, its conditions, how long a ticket must
//! have stood unchanged (schedule rules), and what it does. The caller wraps them in the form of
//! its action (a new rule, or an existing one's edit).

use crate::{
    components::{
        choice_select::choice_select,
        form_feedback::{FieldMessage, invalid},
    },
    error::AppError,
};
use domain::automation::types::{AutomationSettingsView, AutomationView, NotifyWhom, Trigger};
use leptos::prelude::*;

#[component]
pub fn AutomationFields(
    error: Signal<Option<AppError>>,
    rule: Option<AutomationView>,
    /// The statuses, priorities, categories, teams and agents to choose from.
    choices: AutomationSettingsView,
) -> impl IntoView {
    let prefix = rule.as_ref().map_or_else(|| "new-automation".to_owned(), |r| format!("automation-{}", r.id));
    let id = move |field: &str| format!("{prefix}-{field}");
    let button = if rule.is_some() { "Save rule" } else { "Add rule" };
    let a = rule.as_ref().map(|r| r.actions.clone()).unwrap_or_default();
    let trigger = rule.as_ref().map(|r| r.trigger);
    let name = rule.as_ref().map(|r| r.name.clone()).unwrap_or_default();
    let conditions = rule.as_ref().map(|r| r.conditions.clone()).unwrap_or_default();
    let idle = rule.as_ref().and_then(|r| r.idle.clone()).unwrap_or_default();
    // New rules start switched off, to be tried with the dry run first.
    let active = rule.as_ref().is_some_and(|r| r.active);
    let triggers = Trigger::ALL
        .map(|t| view! { <option value=t.as_str() selected=Some(t) == trigger>{t.label()}</option> })
        .collect_view();
    let notify = NotifyWhom::ALL
        .map(|n| view! { <option value=n.as_str() selected=n == a.notify>{n.label()}</option> })
        .collect_view();
    view! {
        {rule.as_ref().map(|r| view! { <input type="hidden" name="rule_id" value=r.id.to_string()/> })}
        <div class="field">
            <label for=id("name")>"Name"</label>
            <input id=id("name") name="name" value=name required maxlength="100" aria-invalid=invalid(error, "name")/>
            <FieldMessage error field="name"/>
        </div>
        <div class="row">
            <div class="field">
                <label for=id("trigger")>"When"</label>
                <select id=id("trigger") name="trigger" aria-invalid=invalid(error, "trigger")>
                    <option value="">"Choose…"</option>
                    {triggers}
                </select>
                <FieldMessage error field="trigger"/>
            </div>
            <div class="field">
                <label for=id("idle")>"Unchanged for (schedule rules)"</label>
                <input id=id("idle") name="idle" value=idle maxlength="20" placeholder="5d" aria-invalid=invalid(error, "idle") aria-describedby=id("idle-hint")/>
                <p class="hint" id=id("idle-hint")>"Such as 4h or 5d: a schedule rule acts on tickets that match and have not changed for this long."</p>
                <FieldMessage error field="idle"/>
            </div>
        </div>
        <div class="field">
            <label for=id("conditions")>"Conditions"</label>
            <input id=id("conditions") name="conditions" value=conditions maxlength="500" aria-invalid=invalid(error, "conditions") aria-describedby=id("conditions-hint")/>
            <p class="hint" id=id("conditions-hint")>
                "As in search and views: status:pending, priority:urgent, team:support, assignee:nobody, tag:vip, sla:gold, breached:yes, words. Empty matches every ticket."
            </p>
            <FieldMessage error field="conditions"/>
        </div>
        <fieldset>
            <legend>"What it does"</legend>
            <FieldMessage error field="actions"/>
            <div class="row">
                <div class="field">
                    <label for=id("status")>"Status"</label>
                    {choice_select(id("status"), "status_id", "Leave the status", &choices.statuses, a.status_id, error)}
                    <FieldMessage error field="status_id"/>
                </div>
                <div class="field">
                    <label for=id("priority")>"Priority"</label>
                    {choice_select(id("priority"), "priority_id", "Leave the priority", &choices.priorities, a.priority_id, error)}
                    <FieldMessage error field="priority_id"/>
                </div>
                <div class="field">
                    <label for=id("category")>"Category"</label>
                    {choice_select(id("category"), "category_id", "Leave the category", &choices.categories, a.category_id, error)}
                    <FieldMessage error field="category_id"/>
                </div>
            </div>
            <div class="row">
                <div class="field">
                    <label for=id("team")>"Team"</label>
                    {choice_select(id("team"), "team_id", "Leave the team", &choices.teams, a.team_id, error)}
                    <FieldMessage error field="team_id"/>
                </div>
                <div class="field">
                    <label for=id("assignee")>"Assign to"</label>
                    {choice_select(id("assignee"), "assignee_id", "Leave the assignee", &choices.agents, a.assignee_id, error)}
                    <FieldMessage error field="assignee_id"/>
                </div>
            </div>
            <label><input type="checkbox" name="escalate" value="on" checked=a.escalate/>" Escalate to the next tier's team"</label>
            <label><input type="checkbox" name="unassign" value="on" checked=a.unassign/>" Take the assignee off"</label>
            <div class="row">
                <div class="field">
                    <label for=id("add-tags")>"Add tags"</label>
                    <input id=id("add-tags") name="add_tags" value=a.add_tags.join(", ") maxlength="400" aria-invalid=invalid(error, "add_tags")/>
                    <FieldMessage error field="add_tags"/>
                </div>
                <div class="field">
                    <label for=id("remove-tags")>"Remove tags"</label>
                    <input id=id("remove-tags") name="remove_tags" value=a.remove_tags.join(", ") maxlength="400" aria-invalid=invalid(error, "remove_tags")/>
                    <FieldMessage error field="remove_tags"/>
                </div>
            </div>
            <p class="hint" id=id("text-hint")>
                "Notes and replies may use {{ticket.reference}}, {{ticket.subject}}, {{ticket.status}}, {{customer.name}}, {{agent.name}} and {{team.name}}."
            </p>
            <div class="field">
                <label for=id("note")>"Internal note"</label>
                <textarea id=id("note") name="note" rows="3" maxlength="10000" aria-invalid=invalid(error, "note") aria-describedby=id("text-hint")>{a.note.clone()}</textarea>
                <FieldMessage error field="note"/>
            </div>
            <div class="field">
                <label for=id("reply")>"Reply to the customer (mailed as automatic mail)"</label>
                <textarea id=id("reply") name="reply" rows="3" maxlength="10000" aria-invalid=invalid(error, "reply") aria-describedby=id("text-hint")>{a.reply.clone()}</textarea>
                <FieldMessage error field="reply"/>
            </div>
            <div class="field">
                <label for=id("notify")>"Notify"</label>
                <select id=id("notify") name="notify" aria-invalid=invalid(error, "notify")>{notify}</select>
                <FieldMessage error field="notify"/>
            </div>
        </fieldset>
        <label><input type="checkbox" name="active" value="on" checked=active/>" Active"</label>
        <div class="form-actions">
            <button type="submit" class="btn btn-primary">{button}</button>
        </div>
    }
}
