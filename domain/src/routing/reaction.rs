//! The routing reaction, in the change's transaction. When a ticket changes (not when it is
//! created: opening a ticket routes and assigns it before its row is written):
//! 1. the routing rules marked "also when a ticket changes" apply; what they set is changed as
//!    Docket (one level deeper, which runs this reaction again for the new state);
//! 2. an unassigned new or open ticket of an automatic team is assigned (a ticket that just
//!    entered the queue, by a team change, an unassignment or a reopening, says so when nobody
//!    is free);
//! 3. an agent whom the change freed (a ticket of theirs reassigned, solved, pending or closed)
//!    takes what waits in their teams' queues.

use super::{
    assign::{self, Decision, is_active},
    availability::{catch_up, give},
    conditions::{RuleFacts, words},
    route::{Routed, route},
    setup::Rules,
};
use crate::{
    desk_config::Config,
    entities::{email_message, mailbox, organization, ticket, ticket_message},
    error::DomainError,
    policy::Actor,
    reactions::{Happened, TicketEvent, dispatch::ReactionFuture},
    sla::conditions::Facts,
    tickets::commands::{TicketChanges, update_in},
    tickets::writing::event,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder};

pub fn react<'a>(txn: &'a DatabaseTransaction, happened: &'a Happened) -> ReactionFuture<'a> {
    Box::pin(async move {
        let skip = happened
            .events
            .iter()
            .any(|e| matches!(e, TicketEvent::Created { .. } | TicketEvent::Deleted | TicketEvent::MergedInto { .. }));
        let changes_something = happened.events.iter().any(|e| {
            matches!(
                e,
                TicketEvent::FieldsChanged { .. }
                    | TicketEvent::Assigned { .. }
                    | TicketEvent::StatusChanged { .. }
                    | TicketEvent::MessageAdded { .. }
            )
        });
        if skip || !changes_something {
            return Ok(());
        }
        let config = Config::load(txn).await?;
        if apply_rules_on_change(txn, &config, happened).await? {
            // The rules' own change ran this reaction again for the ticket as they left it.
            return Ok(());
        }
        assign_if_waiting(txn, &config, happened).await?;
        for agent in freed(&config, happened) {
            catch_up(txn, &config, agent, "has room again").await?;
        }
        Ok(())
    })
}

/// The ticket's facts for the rules. The organization's name is read only when a rule needs it,
/// the first message only when a rule looks for words.
pub async fn rule_facts(
    db: &impl ConnectionTrait,
    config: &Config,
    rules: &Rules,
    t: &ticket::Model,
) -> Result<RuleFacts, DomainError> {
    let lower = |name: Option<String>| name.map(|n| n.to_lowercase());
    let organization = match t.organization_id {
        Some(id) if rules.uses_organization() => {
            lower(organization::Entity::find_by_id(id).one(db).await?.map(|o| o.name))
        }
        _ => None,
    };
    let needs_words = rules.rules.iter().any(|r| r.on_change && !r.conditions.words.is_empty());
    let body = if needs_words {
        ticket_message::Entity::find()
            .filter(ticket_message::Column::TicketId.eq(t.id))
            .order_by_asc(ticket_message::Column::Id)
            .one(db)
            .await?
            .map(|m| m.body)
            .unwrap_or_default()
    } else {
        String::new()
    };
    let needs_mailbox = rules.rules.iter().any(|r| r.on_change && !r.conditions.mailbox.is_empty());
    let mailbox = if needs_mailbox { mailbox_of(db, t.id).await? } else { None };
    let custom = if rules.uses_custom_fields(true) {
        let fields = crate::custom_fields::catalog::Fields::load(db).await?;
        crate::custom_fields::values::of_tickets(db, &fields, &[t.id], None).await?.remove(&t.id).unwrap_or_default()
    } else {
        Default::default()
    };
    Ok(RuleFacts {
        fields: Facts {
            priority: config.priority(t.priority_id).name.to_lowercase(),
            category: lower(config.category(t.category_id).map(|c| c.name)),
            team: lower(config.team(t.team_id).map(|c| c.name)),
            organization,
            channel: t.channel,
            tags: serde_json::from_str(&t.tags).unwrap_or_default(),
        },
        text: words(&format!("{} {body}", t.subject)),
        mailbox,
        custom,
    })
}

/// The mailbox (name and address, lower-cased) the ticket's first mail came in through.
async fn mailbox_of(db: &impl ConnectionTrait, ticket_id: i64) -> Result<Option<(String, String)>, DomainError> {
    let first = email_message::Entity::find()
        .filter(email_message::Column::TicketId.eq(ticket_id))
        .filter(email_message::Column::Direction.eq("in"))
        .order_by_asc(email_message::Column::Id)
        .one(db)
        .await?;
    let Some(id) = first.and_then(|m| m.mailbox_id) else { return Ok(None) };
    Ok(mailbox::Entity::find_by_id(id).one(db).await?.map(|m| (m.name.to_lowercase(), m.address.to_lowercase())))
}

/// The history lines of what the rules set ("Routing rule “VPN”: team Network, tags vpn").
pub fn describe(config: &Config, routed: &Routed) -> Vec<String> {
    use super::route::Setting;
    routed
        .applied
        .iter()
        .map(|(rule, set)| {
            let parts: Vec<String> = set
                .iter()
                .map(|s| match s {
                    Setting::Team(id) => {
                        format!("team {}", config.team(Some(*id)).map_or_else(String::new, |t| t.name))
                    }
                    Setting::Category(id) => {
                        format!("category {}", config.category(Some(*id)).map_or_else(String::new, |c| c.name))
                    }
                    Setting::Priority(id) => format!("priority {}", config.priority(*id).name),
                    Setting::Tags(tags) => format!("tags {}", tags.join(", ")),
                    Setting::Skills(skills) => format!("needs {}", skills.join(", ")),
                })
                .collect();
            format!("Routing rule \u{201c}{rule}\u{201d}: {}", parts.join(", "))
        })
        .collect()
}

async fn apply_rules_on_change(
    txn: &DatabaseTransaction,
    config: &Config,
    happened: &Happened,
) -> Result<bool, DomainError> {
    let rules = Rules::load(txn, config.version).await?;
    if !rules.any_on_change() {
        return Ok(false);
    }
    let t = &happened.ticket;
    let facts = rule_facts(txn, config, &rules, t).await?;
    let mut routed = route(&rules.rules, &facts, &facts.fields.tags, true);
    // Only what differs from the ticket is a change.
    routed.team_id = routed.team_id.filter(|id| Some(*id) != t.team_id);
    routed.category_id = routed.category_id.filter(|id| Some(*id) != t.category_id);
    routed.priority_id = routed.priority_id.filter(|id| *id != t.priority_id);
    let own: Vec<String> = assign::skills_of(&t.required_skills);
    routed.skills.retain(|s| !own.contains(s));
    if routed.team_id.is_none()
        && routed.category_id.is_none()
        && routed.priority_id.is_none()
        && routed.tags.is_empty()
        && routed.skills.is_empty()
    {
        return Ok(false);
    }
    let now = crate::clock::now();
    if !routed.skills.is_empty() {
        let mut all = own;
        all.extend(routed.skills.iter().cloned());
        set_skills(txn, t.id, &all).await?;
    }
    let tags = (!routed.tags.is_empty()).then(|| {
        let mut all = facts.fields.tags.clone();
        all.extend(routed.tags.iter().cloned());
        all.join(", ")
    });
    for line in describe(config, &routed) {
        event(txn, t.id, &Actor::System, now, "routing", None, Some(line)).await?;
    }
    let changes = TicketChanges {
        team_id: routed.team_id.map(Some),
        category_id: routed.category_id.map(Some),
        priority_id: routed.priority_id,
        tags,
        ..Default::default()
    };
    update_in(txn, config, &Actor::System, t.id, changes).await?;
    Ok(true)
}

/// Stores the skills a ticket needs.
pub async fn set_skills(txn: &DatabaseTransaction, ticket_id: i64, skills: &[String]) -> Result<(), DomainError> {
    use sea_orm::{ActiveModelTrait, Set};
    let json = serde_json::to_string(skills).map_err(|_| DomainError::Internal)?;
    let row = ticket::ActiveModel { id: Set(ticket_id), required_skills: Set(json), ..Default::default() };
    row.update(txn).await?;
    Ok(())
}

/// Whether the change just put the ticket in its team's queue.
fn entered_queue(happened: &Happened) -> bool {
    happened.events.iter().any(|e| match e {
        TicketEvent::FieldsChanged { changes } => changes.iter().any(|c| c.field == "team"),
        TicketEvent::Assigned { to: None, .. } => true,
        TicketEvent::StatusChanged { from, .. } => !assign::counts(*from),
        _ => false,
    })
}

async fn assign_if_waiting(txn: &DatabaseTransaction, config: &Config, happened: &Happened) -> Result<(), DomainError> {
    let t = &happened.ticket;
    if t.assignee_id.is_some() || !is_active(config, t.status_id) {
        return Ok(());
    }
    let Some(team) = t.team_id.and_then(|id| config.teams.iter().find(|team| team.id == id)) else { return Ok(()) };
    if !team.assignment.is_automatic() {
        return Ok(());
    }
    let now = crate::clock::now();
    let needs = assign::needs(config, t.category_id, &assign::skills_of(&t.required_skills));
    match assign::pick(txn, config, team, &needs, now).await? {
        Decision::Assign { user_id, reason, .. } => give(txn, config, team, t.id, user_id, &reason, now).await,
        Decision::Wait { reason } if entered_queue(happened) => {
            event(txn, t.id, &Actor::System, now, "routing", None, Some(reason)).await
        }
        Decision::Wait { .. } => Ok(()),
    }
}

/// Agents who had this ticket as part of their load and no longer do.
fn freed(config: &Config, happened: &Happened) -> Vec<i64> {
    let t = &happened.ticket;
    let mut out = Vec::new();
    for e in &happened.events {
        match e {
            TicketEvent::Assigned { from: Some(from), to } if Some(*from) != *to => out.push(*from),
            TicketEvent::StatusChanged { from, .. } if assign::counts(*from) && !is_active(config, t.status_id) => {
                out.extend(t.assignee_id);
            }
            _ => {}
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}
