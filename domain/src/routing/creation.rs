//! Routing a ticket as it is opened, before its row is written: the rules set what the person
//! asking left open (a mailbox's default team and category count as open), then the team's
//! strategy chooses an agent (and, when an admin allows it, the classifier fills in the category
//! and priority it is sure of). The history then says which rule set what and why the agent was
//! chosen (or why the ticket waits).

use super::{
    assign::{self, Decision},
    conditions::{RuleFacts, words},
    reaction::describe,
    route::{Setting, route},
    setup::Rules,
};
use crate::{
    desk_config::Config,
    entities::{organization, team, ticket},
    error::DomainError,
    policy::Actor,
    sla::conditions::Facts,
    ticket_types::Channel,
    tickets::writing::{HistoryLine, events},
};
use chrono::{DateTime, Utc};
use sea_orm::{DatabaseTransaction, EntityTrait};

/// What routing reads of a new request.
pub struct Request<'a> {
    pub subject: &'a str,
    pub body: &'a str,
    pub channel: Channel,
    pub organization_id: Option<i64>,
    pub mailbox: Option<(String, String)>,
    pub team_id: Option<i64>,
    pub category_id: Option<i64>,
    pub priority_id: i64,
    /// The team and category were chosen, not defaults.
    pub chosen: bool,
    pub priority_chosen: bool,
    /// The custom-field values it was asked with.
    pub custom: crate::custom_fields::values::Values,
}

/// The request's fields after the rules, and the history lines that say why.
#[derive(Debug, Clone)]
pub struct NewRouting {
    pub team_id: Option<i64>,
    pub category_id: Option<i64>,
    pub priority_id: i64,
    pub tags: Vec<String>,
    pub skills: Vec<String>,
    pub lines: Vec<String>,
}

pub async fn route_new(
    txn: &DatabaseTransaction,
    config: &Config,
    req: &Request<'_>,
) -> Result<NewRouting, DomainError> {
    let mut out = NewRouting {
        team_id: req.team_id,
        category_id: req.category_id,
        priority_id: req.priority_id,
        tags: Vec::new(),
        skills: Vec::new(),
        lines: Vec::new(),
    };
    let rules = Rules::load(txn, config.version).await?;
    if !rules.is_empty() {
        apply_rules(txn, config, req, &rules, &mut out).await?;
    }
    classify(txn, config, req, &mut out).await?;
    Ok(out)
}

/// The classifier's guesses apply themselves, at or above the admin's confidence, to what the
/// person asking and the rules left open.
async fn classify(
    txn: &DatabaseTransaction,
    config: &Config,
    req: &Request<'_>,
    out: &mut NewRouting,
) -> Result<(), DomainError> {
    let loaded = crate::classifier::suggest::loaded(txn, config).await?;
    let Some(threshold) = loaded.apply_above else { return Ok(()) };
    let (category, priority) = crate::classifier::suggest::guess(&loaded, config, req.subject, req.body);
    if let Some((id, sure)) = category.filter(|(_, sure)| *sure >= threshold)
        && out.category_id.is_none()
    {
        out.category_id = Some(id);
        let name = config.category(Some(id)).map(|c| c.name).unwrap_or_default();
        out.lines.push(format!("Classifier: category {name} ({sure} % sure)"));
    }
    let rules_set_priority = out.priority_id != req.priority_id;
    if let Some((id, sure)) = priority.filter(|(id, sure)| *sure >= threshold && *id != out.priority_id)
        && !req.priority_chosen
        && !rules_set_priority
    {
        out.priority_id = id;
        out.lines.push(format!("Classifier: priority {} ({sure} % sure)", config.priority(id).name));
    }
    Ok(())
}

async fn apply_rules(
    txn: &DatabaseTransaction,
    config: &Config,
    req: &Request<'_>,
    rules: &Rules,
    out: &mut NewRouting,
) -> Result<(), DomainError> {
    let lower = |name: Option<String>| name.map(|n| n.to_lowercase());
    let organization = match req.organization_id {
        Some(id) if rules.uses_organization() => {
            lower(organization::Entity::find_by_id(id).one(txn).await?.map(|o| o.name))
        }
        _ => None,
    };
    let facts = RuleFacts {
        fields: Facts {
            priority: config.priority(req.priority_id).name.to_lowercase(),
            category: lower(config.category(req.category_id).map(|c| c.name)),
            team: lower(config.team(req.team_id).map(|t| t.name)),
            organization,
            channel: req.channel,
            tags: Vec::new(),
        },
        text: words(&format!("{} {}", req.subject, req.body)),
        mailbox: req.mailbox.clone(),
        custom: req.custom.clone(),
    };
    let mut routed = route(&rules.rules, &facts, &[], false);
    // What the person asking chose stays theirs.
    let keep_team = req.chosen && req.team_id.is_some();
    let keep_category = req.chosen && req.category_id.is_some();
    if keep_team {
        routed.team_id = None;
    }
    if keep_category {
        routed.category_id = None;
    }
    if req.priority_chosen {
        routed.priority_id = None;
    }
    for (_, set) in &mut routed.applied {
        set.retain(|s| match s {
            Setting::Team(_) => !keep_team,
            Setting::Category(_) => !keep_category,
            Setting::Priority(_) => !req.priority_chosen,
            Setting::Tags(_) | Setting::Skills(_) => true,
        });
    }
    routed.applied.retain(|(_, set)| !set.is_empty());
    out.lines = describe(config, &routed);
    out.team_id = routed.team_id.or(out.team_id);
    out.category_id = routed.category_id.or(out.category_id);
    out.priority_id = routed.priority_id.unwrap_or(out.priority_id);
    out.tags = routed.tags;
    out.skills = routed.skills;
    Ok(())
}

/// Who the team's strategy chose for a new ticket.
#[derive(Debug, Clone)]
pub enum Chosen {
    Assigned { team: team::Model, user_id: i64, name: String, reason: String },
    Waiting { reason: String },
}

impl Chosen {
    pub fn assignee(&self) -> Option<i64> {
        match self {
            Chosen::Assigned { user_id, .. } => Some(*user_id),
            Chosen::Waiting { .. } => None,
        }
    }
}

/// Chooses an agent when the ticket's team assigns automatically.
pub async fn choose_agent(
    txn: &DatabaseTransaction,
    config: &Config,
    team_id: Option<i64>,
    routed: &NewRouting,
    now: DateTime<Utc>,
) -> Result<Option<Chosen>, DomainError> {
    let Some(team) = team_id.and_then(|id| config.teams.iter().find(|t| t.id == id)) else { return Ok(None) };
    if !team.assignment.is_automatic() {
        return Ok(None);
    }
    let needs = assign::needs(config, routed.category_id, &routed.skills);
    Ok(Some(match assign::pick(txn, config, team, &needs, now).await? {
        Decision::Assign { user_id, name, reason } => Chosen::Assigned { team: team.clone(), user_id, name, reason },
        Decision::Wait { reason } => Chosen::Waiting { reason },
    }))
}

/// The new ticket's routing history (after `history`, its first lines), written in one
/// statement, and the assignment counted; returns the assignee.
pub(crate) async fn explain(
    txn: &DatabaseTransaction,
    routed: &NewRouting,
    row: &ticket::Model,
    chosen: Option<Chosen>,
    mut history: Vec<HistoryLine>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DomainError> {
    let system = |field, line: &str| HistoryLine::new(&Actor::System, field, line.to_owned());
    history.extend(routed.lines.iter().map(|line| system("routing", line)));
    let assignee = match chosen {
        None => None,
        Some(Chosen::Waiting { reason }) => {
            history.push(system("routing", &reason));
            None
        }
        Some(Chosen::Assigned { team, user_id, name, reason }) => {
            history.push(system("assignee", &name));
            history.push(system("routing", &reason));
            assign::record(txn, &team, row.id, user_id, now).await?;
            Some(user_id)
        }
    };
    events(txn, row.id, now, history).await?;
    Ok(assignee)
}
