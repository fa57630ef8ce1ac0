//! Automation rules as admins keep them: named, ordered, switched on and off (new rules start
//! off, so that they are tried with the dry run first), a trigger, conditions in the filter
//! language, for schedule rules how long a ticket must have stood unchanged, and actions.
//! Every change is audited.

use super::{
    matching,
    types::{Actions, NotifyWhom, Trigger},
};
use crate::{
    audit,
    desk_config::{
        Config, cache,
        types::parse_label,
        unique::{TAKEN, map_unique, taken},
    },
    entities::{automation_rule, automation_run, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
    sla::types::parse_target,
    tickets::commands::parse_tags,
    validation::Checks,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;

pub const NAME_MAX_CHARS: usize = 100;
pub const TEXT_MAX_CHARS: usize = 10_000;
pub const MAX_RULES: usize = 200;
/// The shortest wait a schedule rule may have.
pub const IDLE_MIN_MINUTES: u32 = 5;

/// The placeholders a note or reply may use.
pub const PLACEHOLDERS: [&str; 7] =
    ["ticket.reference", "ticket.subject", "ticket.status", "ticket.url", "customer.name", "agent.name", "team.name"];

/// A rule as the form sends it.
#[derive(Debug, Clone, Default)]
pub struct AutomationInput {
    pub name: String,
    pub trigger: Option<Trigger>,
    pub conditions: String,
    /// Schedule rules: how long unchanged ("5d", "4h").
    pub idle: String,
    pub actions: ActionsInput,
    pub active: bool,
}

/// The actions as the form sends them (tags as typed).
#[derive(Debug, Clone, Default)]
pub struct ActionsInput {
    pub status_id: Option<i64>,
    pub priority_id: Option<i64>,
    pub category_id: Option<i64>,
    pub team_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub unassign: bool,
    pub add_tags: String,
    pub remove_tags: String,
    pub note: String,
    pub reply: String,
    pub notify: NotifyWhom,
    pub escalate: bool,
}

struct Checked {
    name: String,
    trigger: Trigger,
    conditions: String,
    idle_minutes: Option<i32>,
    actions: Actions,
}

fn check_text(checks: &mut Checks, field: &str, text: &str) -> String {
    let text = text.trim();
    if text.chars().count() > TEXT_MAX_CHARS {
        checks.add(field, "Use at most 10,000 characters");
    }
    let unknown = crate::email::templates::unknown_in(text, &PLACEHOLDERS);
    if !unknown.is_empty() {
        let known = PLACEHOLDERS.map(|p| format!("{{{{{p}}}}}")).join(", ");
        checks.add(field, &format!("Unknown placeholder {}: use {known}", unknown.join(", ")));
    }
    text.to_owned()
}

async fn check(
    db: &impl ConnectionTrait,
    config: &Config,
    rows: &[automation_rule::Model],
    input: &AutomationInput,
    id: Option<i64>,
) -> Result<Checked, DomainError> {
    let mut checks = Checks::new();
    let name = checks.check("name", parse_label(&input.name, NAME_MAX_CHARS));
    if let Some(name) = &name
        && taken(rows.iter().map(|r| (r.id, r.name.as_str())), name, id)
    {
        checks.add("name", TAKEN);
    }
    if id.is_none() && rows.len() >= MAX_RULES {
        checks.add("name", "A desk has at most 200 automation rules");
    }
    let trigger = input.trigger;
    if trigger.is_none() {
        checks.add("trigger", "Choose when the rule runs");
    }
    let conditions = input.conditions.trim().to_owned();
    let filter = checks.check("conditions", matching::parse(&conditions));
    let idle_minutes = match trigger {
        Some(Trigger::Schedule) => match parse_target(&input.idle) {
            Ok(m) if m >= IDLE_MIN_MINUTES => Some(i32::try_from(m).unwrap_or(i32::MAX)),
            Ok(_) => {
                checks.add("idle", "Wait at least 5 minutes");
                None
            }
            Err(message) => {
                checks.add("idle", &message);
                None
            }
        },
        _ => None,
    };
    let a = &input.actions;
    if a.status_id.is_some_and(|id| !config.statuses.iter().any(|s| s.id == id && s.active)) {
        checks.add("status_id", "Choose one of the statuses");
    }
    if a.priority_id.is_some_and(|id| !config.priorities.iter().any(|p| p.id == id && p.active)) {
        checks.add("priority_id", "Choose one of the priorities");
    }
    if a.category_id.is_some_and(|id| !config.categories.iter().any(|c| c.id == id && c.active)) {
        checks.add("category_id", "Choose one of the categories");
    }
    if a.team_id.is_some_and(|id| !config.teams.iter().any(|t| t.id == id)) {
        checks.add("team_id", "Choose one of the teams");
    }
    if let Some(agent) = a.assignee_id {
        let found = user::Entity::find_by_id(agent).one(db).await?;
        if !found.is_some_and(|u| u.active && u.role.is_staff()) {
            checks.add("assignee_id", "Choose an active agent");
        }
        if a.unassign {
            checks.add("assignee_id", "Assign an agent or take the assignee off, not both");
        }
    }
    if a.escalate && a.team_id.is_some() {
        checks.add("team_id", "Move to a team or escalate to the next tier, not both");
    }
    let add_tags = checks.check("add_tags", parse_tags(&a.add_tags));
    let remove_tags = checks.check("remove_tags", parse_tags(&a.remove_tags));
    let note = check_text(&mut checks, "note", &a.note);
    let reply = check_text(&mut checks, "reply", &a.reply);
    let actions = Actions {
        status_id: a.status_id,
        priority_id: a.priority_id,
        category_id: a.category_id,
        team_id: a.team_id,
        assignee_id: a.assignee_id,
        unassign: a.unassign,
        add_tags: add_tags.unwrap_or_default(),
        remove_tags: remove_tags.unwrap_or_default(),
        note,
        reply,
        notify: a.notify,
        escalate: a.escalate,
    };
    if actions.is_empty() {
        checks.add("actions", "Choose at least one thing the rule does");
    }
    checks.finish()?;
    if let Some(filter) = &filter {
        matching::check_names(db, config, filter).await?;
    }
    let (Some(name), Some(trigger)) = (name, trigger) else { return Err(DomainError::Internal) };
    Ok(Checked { name, trigger, conditions, idle_minutes, actions })
}

fn detail(c: &Checked, active: bool) -> serde_json::Value {
    json!({
        "name": c.name, "trigger": c.trigger.as_str(), "conditions": c.conditions, "idle_minutes": c.idle_minutes,
        "actions": c.actions, "active": active,
    })
}

async fn all(db: &impl ConnectionTrait) -> Result<Vec<automation_rule::Model>, DomainError> {
    Ok(automation_rule::Entity::find()
        .order_by_asc(automation_rule::Column::Position)
        .order_by_asc(automation_rule::Column::Id)
        .all(db)
        .await?)
}

fn actions_json(actions: &Actions) -> Result<String, DomainError> {
    serde_json::to_string(actions).map_err(|_| DomainError::Internal)
}

pub async fn create(db: &DatabaseConnection, actor: &Actor, input: AutomationInput) -> Result<i64, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let config = Config::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let rows = all(&*txn).await?;
    let checked = check(&*txn, &config, &rows, &input, None).await?;
    let now = crate::clock::now();
    let row = automation_rule::ActiveModel {
        name: Set(checked.name.clone()),
        position: Set(rows.last().map_or(1, |r| r.position + 1)),
        active: Set(input.active),
        trigger: Set(checked.trigger),
        conditions: Set(checked.conditions.clone()),
        idle_minutes: Set(checked.idle_minutes),
        actions: Set(actions_json(&checked.actions)?),
        next_run_at: Set((checked.trigger == Trigger::Schedule).then_some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await
    .map_err(map_unique)?;
    let detail = detail(&checked, input.active);
    audit::record(&*txn, actor, "automation.create", ("automation_rule", Some(row.id)), detail).await?;
    cache::changed(&*txn).await?;
    txn.commit().await?;
    Ok(row.id)
}

pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: AutomationInput,
) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let config = Config::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let rows = all(&*txn).await?;
    let row = rows.iter().find(|r| r.id == id).cloned().ok_or(DomainError::NotFound)?;
    let checked = check(&*txn, &config, &rows, &input, Some(id)).await?;
    let now = crate::clock::now();
    let mut changes = row.into_active_model();
    changes.name = Set(checked.name.clone());
    changes.trigger = Set(checked.trigger);
    changes.conditions = Set(checked.conditions.clone());
    changes.idle_minutes = Set(checked.idle_minutes);
    changes.actions = Set(actions_json(&checked.actions)?);
    changes.active = Set(input.active);
    changes.next_run_at = Set((checked.trigger == Trigger::Schedule).then_some(now));
    changes.updated_at = Set(now);
    changes.update(&*txn).await.map_err(map_unique)?;
    let detail = detail(&checked, input.active);
    audit::record(&*txn, actor, "automation.update", ("automation_rule", Some(id)), detail).await?;
    cache::changed(&*txn).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn delete(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let row = automation_rule::Entity::find_by_id(id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    automation_run::Entity::delete_many().filter(automation_run::Column::RuleId.eq(id)).exec(&*txn).await?;
    automation_rule::Entity::delete_by_id(id).exec(&*txn).await?;
    audit::record(&*txn, actor, "automation.delete", ("automation_rule", Some(id)), json!({ "name": row.name }))
        .await?;
    cache::changed(&*txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Switches a rule on or off.
pub async fn set_active(db: &DatabaseConnection, actor: &Actor, id: i64, active: bool) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let row = automation_rule::Entity::find_by_id(id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    if row.active != active {
        let now = crate::clock::now();
        let schedule = row.trigger == Trigger::Schedule;
        let mut changes = row.into_active_model();
        changes.active = Set(active);
        if schedule {
            changes.next_run_at = Set(Some(now));
        }
        changes.updated_at = Set(now);
        changes.update(&*txn).await?;
        let action = if active { "automation.activate" } else { "automation.deactivate" };
        audit::record(&*txn, actor, action, ("automation_rule", Some(id)), json!({})).await?;
        cache::changed(&*txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Moves a rule one place earlier (`up`) or later: rules on the same event run in this order.
pub async fn move_rule(db: &DatabaseConnection, actor: &Actor, id: i64, up: bool) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let rows = all(&*txn).await?;
    let positions =
        crate::desk_config::order::moved(&rows.iter().map(|r| (r.id, r.position)).collect::<Vec<_>>(), id, up)?;
    if positions.is_empty() {
        return Ok(());
    }
    for (row, position) in positions {
        automation_rule::Entity::update_many()
            .col_expr(automation_rule::Column::Position, sea_orm::sea_query::Expr::value(position))
            .filter(automation_rule::Column::Id.eq(row))
            .exec(&*txn)
            .await?;
    }
    let detail = json!({ "direction": if up { "up" } else { "down" } });
    audit::record(&*txn, actor, "automation.move", ("automation_rule", Some(id)), detail).await?;
    cache::changed(&*txn).await?;
    txn.commit().await?;
    Ok(())
}

/// A stored rule's actions (an unreadable one does nothing).
pub fn actions_of(row: &automation_rule::Model) -> Actions {
    serde_json::from_str(&row.actions).unwrap_or_default()
}
