//! The automations page: the rules in order with what each does and how often it ran, the
//! choices its form offers, a rule's execution log, and the dry run ("would have matched").

use super::{
    matching,
    rules::actions_of,
    types::{Actions, AutomationSettingsView, AutomationView, DryRunView, RunView, Trigger},
};
use crate::{
    desk_config::Config,
    entities::{automation_rule, automation_run, ticket, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
    sla::types::format_minutes,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// The dry run looks this far back, and the run counts cover as much.
pub const DAYS: u32 = 30;
/// Lines of a rule's log.
pub const LOG_LINES: u64 = 50;
/// Lines of each rule's log on the automations page.
pub const RECENT_LINES: u64 = 10;

/// What the actions do, in words ("status Closed; tags +late; note").
pub fn describe(config: &Config, agents: &HashMap<i64, user::Model>, a: &Actions) -> String {
    let mut parts = Vec::new();
    if let Some(s) = a.status_id.and_then(|id| config.status(id).ok()) {
        parts.push(format!("status {}", s.name));
    }
    if let Some(p) = a.priority_id {
        parts.push(format!("priority {}", config.priority(p).name));
    }
    if let Some(c) = config.category(a.category_id) {
        parts.push(format!("category {}", c.name));
    }
    if let Some(t) = config.team(a.team_id) {
        parts.push(format!("team {}", t.name));
    }
    if a.escalate {
        parts.push("escalate to the next tier".into());
    }
    if let Some(agent) = a.assignee_id {
        parts.push(format!("assign {}", agents.get(&agent).map_or("an agent", |u| u.name.as_str())));
    }
    if a.unassign {
        parts.push("take the assignee off".into());
    }
    if !a.add_tags.is_empty() {
        parts.push(format!("add tags {}", a.add_tags.join(", ")));
    }
    if !a.remove_tags.is_empty() {
        parts.push(format!("remove tags {}", a.remove_tags.join(", ")));
    }
    if !a.note.is_empty() {
        parts.push("add an internal note".into());
    }
    if !a.reply.is_empty() {
        parts.push("reply to the customer".into());
    }
    match a.notify {
        super::types::NotifyWhom::Nobody => {}
        whom => parts.push(format!("notify {}", whom.label().to_lowercase())),
    }
    parts.join("; ")
}

pub async fn settings(db: &impl ConnectionTrait, actor: &Actor) -> Result<AutomationSettingsView, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let config = Config::load(db).await?;
    let rows = automation_rule::Entity::find()
        .order_by_asc(automation_rule::Column::Position)
        .order_by_asc(automation_rule::Column::Id)
        .all(db)
        .await?;
    let since = crate::clock::now() - chrono::Duration::days(i64::from(DAYS));
    let counts: Vec<(i64, i64)> = automation_run::Entity::find()
        .select_only()
        .column(automation_run::Column::RuleId)
        .column_as(automation_run::Column::Id.count(), "n")
        .filter(automation_run::Column::At.gte(since))
        .group_by(automation_run::Column::RuleId)
        .into_tuple()
        .all(db)
        .await?;
    let counts: HashMap<i64, u64> = counts.into_iter().map(|(r, n)| (r, u64::try_from(n).unwrap_or(0))).collect();
    let staff: Vec<user::Model> = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Role.is_in(crate::Role::STAFF))
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?;
    let agents: HashMap<i64, user::Model> = staff.iter().map(|u| (u.id, u.clone())).collect();
    let mut recent = HashMap::new();
    for r in &rows {
        recent.insert(r.id, runs_of(db, &config, r.id, RECENT_LINES).await?);
    }
    let rules = rows
        .into_iter()
        .map(|r| {
            let actions = actions_of(&r);
            AutomationView {
                recent: recent.remove(&r.id).unwrap_or_default(),
                summary: describe(&config, &agents, &actions),
                runs: counts.get(&r.id).copied().unwrap_or(0),
                idle: r
                    .idle_minutes
                    .filter(|_| r.trigger == Trigger::Schedule)
                    .map(|m| format_minutes(m.unsigned_abs())),
                id: r.id,
                name: r.name,
                position: r.position,
                active: r.active,
                trigger: r.trigger,
                conditions: r.conditions,
                actions,
            }
        })
        .collect();
    let choice = |id: i64, name: &str| crate::ticket_types::OptionView { id, name: name.to_owned() };
    Ok(AutomationSettingsView {
        rules,
        statuses: config.statuses.iter().filter(|s| s.active).map(|s| choice(s.id, &s.name)).collect(),
        priorities: config.priorities.iter().filter(|p| p.active).map(|p| choice(p.id, &p.name)).collect(),
        categories: config.categories.iter().filter(|c| c.active).map(|c| choice(c.id, &c.name)).collect(),
        teams: config.teams.iter().map(|t| choice(t.id, &t.name)).collect(),
        agents: staff.iter().map(|u| choice(u.id, &u.name)).collect(),
    })
}

/// A rule's latest runs, newest first.
pub async fn log(db: &impl ConnectionTrait, actor: &Actor, rule_id: i64) -> Result<Vec<RunView>, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    automation_rule::Entity::find_by_id(rule_id).one(db).await?.ok_or(DomainError::NotFound)?;
    let config = Config::load(db).await?;
    runs_of(db, &config, rule_id, LOG_LINES).await
}

async fn runs_of(
    db: &impl ConnectionTrait,
    config: &Config,
    rule_id: i64,
    lines: u64,
) -> Result<Vec<RunView>, DomainError> {
    let runs = automation_run::Entity::find()
        .filter(automation_run::Column::RuleId.eq(rule_id))
        .order_by_desc(automation_run::Column::Id)
        .limit(lines)
        .all(db)
        .await?;
    let numbers: HashMap<i64, i64> = ticket::Entity::find()
        .filter(ticket::Column::Id.is_in(runs.iter().map(|r| r.ticket_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.number))
        .collect();
    Ok(runs
        .into_iter()
        .map(|r| RunView {
            reference: numbers
                .get(&r.ticket_id)
                .map_or_else(|| "a deleted ticket".to_owned(), |n| config.reference(*n)),
            id: r.id,
            ticket_id: r.ticket_id,
            at: r.at,
            outcome: r.outcome,
            detail: r.detail,
        })
        .collect())
}

/// How many tickets changed in the last `DAYS` days the conditions select now ("this rule would
/// have matched 37 tickets in the last 30 days"), with the newest few. Conditions as typed, so
/// that a rule can be tried before it is saved.
pub async fn dry_run(db: &impl ConnectionTrait, actor: &Actor, conditions: &str) -> Result<DryRunView, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let filter = matching::parse(conditions).map_err(|m| DomainError::field("conditions", m))?;
    let config = Config::load(db).await?;
    let since = crate::clock::now() - chrono::Duration::days(i64::from(DAYS));
    let (matched, examples) = matching::recent(db, &config, &filter, since).await?;
    Ok(DryRunView {
        matched,
        days: DAYS,
        examples: examples.into_iter().map(|t| (t.id, config.reference(t.number), t.subject)).collect(),
    })
}
