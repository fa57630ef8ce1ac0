//! SLA policies, as admins keep them: ordered (the first active one that matches a ticket
//! applies), with conditions in the filter language, up to three targets each on a calendar,
//! and warning and breach rules. Every change recomputes the open tickets' clocks in the
//! background.

use super::{
    conditions::{Conditions, FIELDS},
    recompute,
    types::{EscalationView, Metric, POLICY_NAME_MAX_CHARS, PolicyView, SlaSettingsView, TargetView, parse_target},
};
use crate::{
    audit,
    desk_config::{
        Config, cache,
        types::parse_label,
        unique::{TAKEN, map_unique, taken},
    },
    entities::{business_calendar, organization, sla_escalation, sla_policy, sla_target, team, ticket, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
    ticket_types::StatusCategory,
    validation::Checks,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
    sea_query::{Expr, ExprTrait, Func},
};
use serde_json::json;
use std::collections::HashMap;

pub const MAX_ESCALATIONS: usize = 10;
pub const PERCENT_MAX: u32 = 1000;

/// One target as the form sends it: a time (blank for none) and the calendar it counts on.
#[derive(Debug, Clone)]
pub struct TargetInput {
    pub metric: Metric,
    pub time: String,
    pub calendar_id: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct PolicyInput {
    pub name: String,
    pub conditions: String,
    pub active: bool,
    pub targets: Vec<TargetInput>,
}

#[derive(Debug, Clone, Default)]
pub struct EscalationInput {
    /// `None`: every target.
    pub metric: Option<Metric>,
    pub percent: String,
    pub notify_assignee: bool,
    pub notify_team: bool,
    /// Emails of agents, separated by commas or spaces.
    pub notify_emails: String,
    pub escalate_tier: bool,
    pub reassign_team_id: Option<i64>,
    pub raise_priority: bool,
    pub add_tag: String,
}

/// Names in the conditions that name nothing today.
async fn unknown_names(db: &impl ConnectionTrait, config: &Config, c: &Conditions) -> Result<Vec<String>, DomainError> {
    let mut out = Vec::new();
    let known = |names: Vec<String>, wanted: &[String], what: &str, out: &mut Vec<String>| {
        for w in wanted {
            if !names.iter().any(|n| n.to_lowercase() == *w) {
                out.push(format!("{what} \u{201c}{w}\u{201d}"));
            }
        }
    };
    known(config.priorities.iter().map(|p| p.name.clone()).collect(), &c.priority, "priority", &mut out);
    known(config.categories.iter().map(|p| p.name.clone()).collect(), &c.category, "category", &mut out);
    known(config.teams.iter().map(|p| p.name.clone()).collect(), &c.team, "team", &mut out);
    if !c.organization.is_empty() {
        let orgs = organization::Entity::find()
            .filter(Expr::expr(Func::lower(Expr::col(organization::Column::Name))).is_in(c.organization.clone()))
            .all(db)
            .await?;
        known(orgs.into_iter().map(|o| o.name).collect(), &c.organization, "organization", &mut out);
    }
    Ok(out)
}

struct Checked {
    name: String,
    conditions: String,
    targets: Vec<(Metric, u32, i64)>,
}

async fn check(db: &impl ConnectionTrait, input: &PolicyInput, except: Option<i64>) -> Result<Checked, DomainError> {
    let mut checks = Checks::new();
    let name = checks.check("name", parse_label(&input.name, POLICY_NAME_MAX_CHARS));
    if let Some(name) = &name {
        let all = sla_policy::Entity::find().all(db).await?;
        if taken(all.iter().map(|p| (p.id, p.name.as_str())), name, except) {
            checks.add("name", TAKEN);
        }
    }
    let conditions = input.conditions.trim().to_owned();
    match Conditions::parse(&conditions) {
        Err(message) => checks.add("conditions", &message),
        Ok(parsed) => {
            let config = Config::load(db).await?;
            let unknown = unknown_names(db, &config, &parsed).await?;
            if !unknown.is_empty() {
                checks.add("conditions", &format!("There is no {}", unknown.join(", no ")));
            }
        }
    }
    let calendars: Vec<i64> = business_calendar::Entity::find().all(db).await?.into_iter().map(|c| c.id).collect();
    let mut targets = Vec::new();
    for t in &input.targets {
        if t.time.trim().is_empty() {
            continue;
        }
        let field = t.metric.as_str();
        let minutes = checks.check(field, parse_target(&t.time));
        let calendar = t.calendar_id.filter(|id| calendars.contains(id));
        if calendar.is_none() {
            checks.add(&format!("{field}_calendar"), "Choose the calendar this target counts on");
        }
        if let (Some(minutes), Some(calendar)) = (minutes, calendar) {
            targets.push((t.metric, minutes, calendar));
        }
    }
    if input.targets.iter().all(|t| t.time.trim().is_empty()) {
        checks.add("first_response", "Set at least one target");
    }
    checks.finish()?;
    Ok(Checked { name: name.ok_or(DomainError::Internal)?, conditions, targets })
}

async fn write_targets(
    db: &impl ConnectionTrait,
    policy_id: i64,
    targets: &[(Metric, u32, i64)],
) -> Result<(), DomainError> {
    sla_target::Entity::delete_many().filter(sla_target::Column::PolicyId.eq(policy_id)).exec(db).await?;
    if targets.is_empty() {
        return Ok(());
    }
    let rows = targets.iter().map(|(metric, minutes, calendar_id)| sla_target::ActiveModel {
        policy_id: Set(policy_id),
        metric: Set(*metric),
        minutes: Set(i32::try_from(*minutes).unwrap_or(i32::MAX)),
        calendar_id: Set(*calendar_id),
    });
    sla_target::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

/// Commits an SLA change: the setup is read again everywhere, and open tickets are recomputed.
async fn finish(txn: crate::db::WriteTxn) -> Result<(), DomainError> {
    cache::changed(&*txn).await?;
    recompute::request(&*txn).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn create(db: &DatabaseConnection, actor: &Actor, input: PolicyInput) -> Result<i64, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let checked = check(&*txn, &input, None).await?;
    let last = sla_policy::Entity::find().order_by_desc(sla_policy::Column::Position).one(&*txn).await?;
    let now = crate::clock::now();
    let row = sla_policy::ActiveModel {
        name: Set(checked.name.clone()),
        position: Set(last.map_or(1, |p| p.position + 1)),
        active: Set(input.active),
        conditions: Set(checked.conditions.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await
    .map_err(map_unique)?;
    write_targets(&*txn, row.id, &checked.targets).await?;
    let detail =
        json!({ "name": checked.name, "conditions": checked.conditions, "targets": targets_json(&checked.targets) });
    audit::record(&*txn, actor, "sla_policy.create", ("sla_policy", Some(row.id)), detail).await?;
    finish(txn).await?;
    Ok(row.id)
}

fn targets_json(targets: &[(Metric, u32, i64)]) -> serde_json::Value {
    targets
        .iter()
        .map(|(m, minutes, cal)| json!({ "metric": m.as_str(), "minutes": minutes, "calendar_id": cal }))
        .collect()
}

pub async fn update(db: &DatabaseConnection, actor: &Actor, id: i64, input: PolicyInput) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let row = sla_policy::Entity::find_by_id(id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    let checked = check(&*txn, &input, Some(id)).await?;
    let detail = json!({
        "old": { "name": row.name, "conditions": row.conditions, "active": row.active },
        "new": { "name": checked.name, "conditions": checked.conditions, "active": input.active,
                 "targets": targets_json(&checked.targets) },
    });
    let mut changes = row.into_active_model();
    changes.name = Set(checked.name);
    changes.conditions = Set(checked.conditions);
    changes.active = Set(input.active);
    changes.updated_at = Set(crate::clock::now());
    changes.update(&*txn).await.map_err(map_unique)?;
    write_targets(&*txn, id, &checked.targets).await?;
    audit::record(&*txn, actor, "sla_policy.update", ("sla_policy", Some(id)), detail).await?;
    finish(txn).await
}

pub async fn delete(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let row = sla_policy::Entity::find_by_id(id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    // Solved tickets keep their clocks as history; the policy's name goes with it.
    sla_escalation::Entity::delete_many().filter(sla_escalation::Column::PolicyId.eq(id)).exec(&*txn).await?;
    sla_target::Entity::delete_many().filter(sla_target::Column::PolicyId.eq(id)).exec(&*txn).await?;
    sla_policy::Entity::delete_by_id(id).exec(&*txn).await?;
    audit::record(&*txn, actor, "sla_policy.delete", ("sla_policy", Some(id)), json!({ "name": row.name })).await?;
    finish(txn).await
}

/// Moves a policy one place earlier (`up`) or later in the order.
pub async fn move_policy(db: &DatabaseConnection, actor: &Actor, id: i64, up: bool) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let all = sla_policy::Entity::find()
        .order_by_asc(sla_policy::Column::Position)
        .order_by_asc(sla_policy::Column::Id)
        .all(&*txn)
        .await?;
    let positions =
        crate::desk_config::order::moved(&all.iter().map(|p| (p.id, p.position)).collect::<Vec<_>>(), id, up)?;
    if positions.is_empty() {
        return Ok(());
    }
    for (row, position) in positions {
        sla_policy::Entity::update_many()
            .col_expr(sla_policy::Column::Position, Expr::value(position))
            .filter(sla_policy::Column::Id.eq(row))
            .exec(&*txn)
            .await?;
    }
    let detail = json!({ "direction": if up { "up" } else { "down" } });
    audit::record(&*txn, actor, "sla_policy.move", ("sla_policy", Some(id)), detail).await?;
    finish(txn).await
}

/// A percent of a target: a whole number from 1 to 1000.
pub fn parse_percent(input: &str) -> Result<u32, &'static str> {
    match input.trim().trim_end_matches('%').trim().parse::<u32>() {
        Ok(p) if (1..=PERCENT_MAX).contains(&p) => Ok(p),
        _ => Err("Enter a whole percent from 1 to 1000 (100 is the breach)"),
    }
}

pub async fn add_escalation(
    db: &DatabaseConnection,
    actor: &Actor,
    policy_id: i64,
    input: EscalationInput,
) -> Result<i64, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    sla_policy::Entity::find_by_id(policy_id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    let existing =
        sla_escalation::Entity::find().filter(sla_escalation::Column::PolicyId.eq(policy_id)).count(&*txn).await?;
    let mut checks = Checks::new();
    if existing as usize >= MAX_ESCALATIONS {
        checks.add("percent", "A policy has at most 10 rules: remove one first");
    }
    let percent = checks.check("percent", parse_percent(&input.percent));
    let mut people = Vec::new();
    for email in input.notify_emails.split([',', ' ', ';', '\n']).map(str::trim).filter(|e| !e.is_empty()) {
        let found = user::Entity::find().filter(user::Column::Email.eq(email.to_lowercase())).one(&*txn).await?;
        match found.filter(|u| u.active && u.role.is_staff()) {
            Some(u) if !people.contains(&u.id) => people.push(u.id),
            Some(_) => {}
            None => checks.add("notify_emails", &format!("No active agent has the email {email}")),
        }
    }
    if let Some(team_id) = input.reassign_team_id
        && team::Entity::find_by_id(team_id).one(&*txn).await?.is_none()
    {
        checks.add("reassign_team_id", "Choose one of the teams");
    }
    let tag = input.add_tag.trim();
    let tag = if tag.is_empty() {
        None
    } else {
        match crate::tickets::commands::parse_tags(tag) {
            Ok(tags) if tags.len() == 1 => tags.into_iter().next(),
            _ => {
                checks.add("add_tag", "Enter one tag: letters, digits, - and _");
                None
            }
        }
    };
    let acts = input.notify_assignee
        || input.notify_team
        || !people.is_empty()
        || input.escalate_tier
        || input.reassign_team_id.is_some()
        || input.raise_priority
        || tag.is_some();
    if !acts && !checks.has("notify_emails") && !checks.has("add_tag") {
        checks.add("actions", "Choose at least one thing the rule does");
    }
    checks.finish()?;
    let row = sla_escalation::ActiveModel {
        policy_id: Set(policy_id),
        metric: Set(input.metric),
        percent: Set(i32::try_from(percent.ok_or(DomainError::Internal)?).unwrap_or(100)),
        notify_assignee: Set(input.notify_assignee),
        notify_team: Set(input.notify_team),
        notify_user_ids: Set(serde_json::to_string(&people).map_err(|_| DomainError::Internal)?),
        escalate_tier: Set(input.escalate_tier),
        reassign_team_id: Set(input.reassign_team_id),
        raise_priority: Set(input.raise_priority),
        add_tag: Set(tag),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    let detail = json!({ "policy_id": policy_id, "percent": row.percent, "metric": row.metric.map(Metric::as_str) });
    audit::record(&*txn, actor, "sla_escalation.create", ("sla_escalation", Some(row.id)), detail).await?;
    finish(txn).await?;
    Ok(row.id)
}

pub async fn remove_escalation(db: &DatabaseConnection, actor: &Actor, escalation_id: i64) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let row = sla_escalation::Entity::find_by_id(escalation_id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    sla_escalation::Entity::delete_by_id(escalation_id).exec(&*txn).await?;
    let detail = json!({ "policy_id": row.policy_id, "percent": row.percent });
    audit::record(&*txn, actor, "sla_escalation.delete", ("sla_escalation", Some(escalation_id)), detail).await?;
    finish(txn).await
}

/// Everything the SLA settings page shows.
pub async fn settings(db: &impl ConnectionTrait, actor: &Actor) -> Result<SlaSettingsView, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let config = Config::load(db).await?;
    let calendars: Vec<(i64, String)> = business_calendar::Entity::find()
        .order_by_desc(business_calendar::Column::Builtin)
        .order_by_asc(business_calendar::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let calendar_name = |id: i64| calendars.iter().find(|(c, _)| *c == id).map_or_else(String::new, |(_, n)| n.clone());
    let mut targets: HashMap<i64, Vec<TargetView>> = HashMap::new();
    for t in sla_target::Entity::find().all(db).await? {
        targets.entry(t.policy_id).or_default().push(TargetView {
            metric: t.metric,
            minutes: u32::try_from(t.minutes).unwrap_or(0),
            calendar_id: t.calendar_id,
            calendar: calendar_name(t.calendar_id),
        });
    }
    let escalation_rows = sla_escalation::Entity::find().order_by_asc(sla_escalation::Column::Percent).all(db).await?;
    let ids: std::collections::HashSet<i64> = escalation_rows
        .iter()
        .flat_map(|e| serde_json::from_str::<Vec<i64>>(&e.notify_user_ids).unwrap_or_default())
        .collect();
    let people = crate::accounts::people::people(db, ids).await?;
    let mut escalations: HashMap<i64, Vec<EscalationView>> = HashMap::new();
    for e in escalation_rows {
        let named: Vec<&user::Model> = serde_json::from_str::<Vec<i64>>(&e.notify_user_ids)
            .unwrap_or_default()
            .iter()
            .filter_map(|id| people.get(id))
            .collect();
        escalations.entry(e.policy_id).or_default().push(EscalationView {
            id: e.id,
            metric: e.metric,
            percent: u32::try_from(e.percent).unwrap_or(100),
            notify_assignee: e.notify_assignee,
            notify_team: e.notify_team,
            notify_people: named.iter().map(|u| u.name.clone()).collect(),
            notify_emails: named.iter().map(|u| u.email.clone()).collect(),
            escalate_tier: e.escalate_tier,
            reassign_team: config.team(e.reassign_team_id).map(|t| t.name),
            raise_priority: e.raise_priority,
            add_tag: e.add_tag,
        });
    }
    let open = config.status_ids(StatusCategory::is_active);
    let rows = sla_policy::Entity::find()
        .order_by_asc(sla_policy::Column::Position)
        .order_by_asc(sla_policy::Column::Id)
        .all(db)
        .await?;
    let mut policies = Vec::with_capacity(rows.len());
    for p in rows {
        let stale_names = match Conditions::parse(&p.conditions) {
            Ok(parsed) => unknown_names(db, &config, &parsed).await?,
            Err(_) => vec![format!("conditions that no longer read as {FIELDS}")],
        };
        let open_tickets = ticket::Entity::find()
            .filter(ticket::Column::SlaPolicyId.eq(p.id))
            .filter(ticket::Column::StatusId.is_in(open.clone()))
            .count(db)
            .await?;
        let mut targets = targets.remove(&p.id).unwrap_or_default();
        targets.sort_by_key(|t| t.metric);
        policies.push(PolicyView {
            id: p.id,
            name: p.name,
            position: p.position,
            active: p.active,
            conditions: p.conditions,
            stale_names,
            targets,
            escalations: escalations.remove(&p.id).unwrap_or_default(),
            open_tickets,
        });
    }
    let teams = team::Entity::find()
        .order_by_asc(team::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name, t.tier))
        .collect();
    Ok(SlaSettingsView { policies, calendars, teams, progress: recompute::progress(db).await? })
}
