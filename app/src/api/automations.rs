//! Server functions for automations: the page (rules with their latest runs, the form's
//! choices), the dry run, and creating, changing, switching, ordering and deleting rules.

use crate::error::AppError;
use domain::automation::types::{AutomationSettingsView, DryRunView};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::form::{checked, optional_id},
    crate::ssr::{self, fail},
    domain::{
        DomainError,
        automation::{
            queries,
            rules::{self, ActionsInput, AutomationInput},
            types::{NotifyWhom, Trigger},
        },
    },
};

#[server(prefix = "/fn", endpoint = "load_automations")]
pub async fn load_automations() -> Result<AutomationSettingsView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    queries::settings(&desk.db, &actor).await.map_err(fail)
}

/// How many tickets changed in the last 30 days `conditions` select now.
#[server(prefix = "/fn", endpoint = "dry_run_automation")]
pub async fn dry_run_automation(conditions: String) -> Result<DryRunView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    queries::dry_run(&desk.db, &actor, &conditions).await.map_err(fail)
}

/// The rule form's fields, as posted (an unticked checkbox is absent).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AutomationForm {
    pub name: String,
    pub trigger: Option<String>,
    pub conditions: Option<String>,
    pub idle: Option<String>,
    pub status_id: Option<String>,
    pub priority_id: Option<String>,
    pub category_id: Option<String>,
    pub team_id: Option<String>,
    pub assignee_id: Option<String>,
    pub unassign: Option<String>,
    pub escalate: Option<String>,
    pub add_tags: Option<String>,
    pub remove_tags: Option<String>,
    pub note: Option<String>,
    pub reply: Option<String>,
    pub notify: Option<String>,
    pub active: Option<String>,
}

#[cfg(feature = "ssr")]
fn input_of(form: &AutomationForm) -> Result<AutomationInput, AppError> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let trigger = match form.trigger.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(t) => {
            Some(Trigger::parse(t).ok_or_else(|| fail(DomainError::field("trigger", "Choose when the rule runs")))?)
        }
    };
    let notify = match form.notify.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => NotifyWhom::Nobody,
        Some(n) => NotifyWhom::parse(n).ok_or_else(|| fail(DomainError::field("notify", "Choose whom to notify")))?,
    };
    Ok(AutomationInput {
        name: form.name.clone(),
        trigger,
        conditions: text(&form.conditions),
        idle: text(&form.idle),
        actions: ActionsInput {
            status_id: optional_id("status_id", form.status_id.as_deref())?,
            priority_id: optional_id("priority_id", form.priority_id.as_deref())?,
            category_id: optional_id("category_id", form.category_id.as_deref())?,
            team_id: optional_id("team_id", form.team_id.as_deref())?,
            assignee_id: optional_id("assignee_id", form.assignee_id.as_deref())?,
            unassign: checked(form.unassign.as_deref()),
            escalate: checked(form.escalate.as_deref()),
            add_tags: text(&form.add_tags),
            remove_tags: text(&form.remove_tags),
            note: text(&form.note),
            reply: text(&form.reply),
            notify,
        },
        active: checked(form.active.as_deref()),
    })
}

#[server(prefix = "/fn", endpoint = "create_automation")]
pub async fn create_automation(#[server(flatten)] rule: AutomationForm) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    rules::create(&desk.db, &actor, input_of(&rule)?).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "update_automation")]
pub async fn update_automation(rule_id: i64, #[server(flatten)] rule: AutomationForm) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    rules::update(&desk.db, &actor, rule_id, input_of(&rule)?).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "delete_automation")]
pub async fn delete_automation(rule_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    rules::delete(&desk.db, &actor, rule_id).await.map_err(fail)
}

/// Switches a rule on (`active` ticked) or off.
#[server(prefix = "/fn", endpoint = "set_automation_active")]
pub async fn set_automation_active(rule_id: i64, active: Option<String>) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    rules::set_active(&desk.db, &actor, rule_id, checked(active.as_deref())).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "move_automation")]
pub async fn move_automation(rule_id: i64, direction: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let up = match direction.as_str() {
        "up" => true,
        "down" => false,
        _ => return Err(fail(DomainError::field("direction", "Choose up or down"))),
    };
    rules::move_rule(&desk.db, &actor, rule_id, up).await.map_err(fail)
}
