//! Doing what a rule says to one ticket, as Docket, in the caller's transaction: fields, tags,
//! escalation and assignment in one change (so its history and reactions follow as for any
//! change), then the note, the reply to the customer and the notice to agents, and a history
//! line naming the rule.

use super::types::{Actions, NotifyWhom};
use crate::{
    accounts::people::{people, person},
    desk_config::Config,
    email::templates::render,
    entities::{team_member, ticket},
    error::DomainError,
    notifications::{types::NotificationKind, write},
    policy::Actor,
    ticket_types::{Channel, Visibility},
    tickets::{
        commands::{Post, TicketChanges, post_in, update_in},
        writing::event,
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// The team of the tier after the ticket's team's (the first tier when it has none).
fn next_tier(config: &Config, current: Option<i64>) -> Option<i64> {
    let level = current.and_then(|id| config.teams.iter().find(|t| t.id == id)).and_then(|t| t.tier).unwrap_or(0);
    config.teams.iter().filter(|t| t.tier.is_some_and(|tier| tier > level)).min_by_key(|t| (t.tier, t.id)).map(|t| t.id)
}

/// The field changes the actions make to `t` (`None` when they change nothing).
fn changes(config: &Config, actions: &Actions, t: &ticket::Model) -> Option<TicketChanges> {
    let mut c = TicketChanges {
        status_id: actions.status_id.filter(|id| *id != t.status_id),
        priority_id: actions.priority_id.filter(|id| *id != t.priority_id),
        category_id: actions.category_id.filter(|id| Some(*id) != t.category_id).map(Some),
        ..Default::default()
    };
    let team = if actions.escalate { next_tier(config, t.team_id) } else { actions.team_id };
    c.team_id = team.filter(|id| Some(*id) != t.team_id).map(Some);
    if actions.unassign && t.assignee_id.is_some() {
        c.assignee_id = Some(None);
    } else if let Some(agent) = actions.assignee_id.filter(|id| Some(*id) != t.assignee_id) {
        c.assignee_id = Some(Some(agent));
    }
    if !actions.add_tags.is_empty() || !actions.remove_tags.is_empty() {
        let old: Vec<String> = serde_json::from_str(&t.tags).unwrap_or_default();
        let mut tags: Vec<String> = old.iter().filter(|tag| !actions.remove_tags.contains(tag)).cloned().collect();
        for tag in &actions.add_tags {
            if !tags.contains(tag) {
                tags.push(tag.clone());
            }
        }
        if tags != old {
            c.tags = Some(tags.join(", "));
        }
    }
    (c != TicketChanges::default()).then_some(c)
}

/// The placeholders' values for a ticket.
async fn values(
    txn: &DatabaseTransaction,
    config: &Config,
    t: &ticket::Model,
) -> Result<HashMap<&'static str, String>, DomainError> {
    let ids = [Some(t.requester_id), t.assignee_id].into_iter().flatten().collect();
    let who = people(txn, ids).await?;
    Ok(HashMap::from([
        ("ticket.reference", config.reference(t.number)),
        ("ticket.subject", t.subject.clone()),
        ("ticket.status", config.status(t.status_id).map(|s| s.name).unwrap_or_default()),
        ("customer.name", person(&who, t.requester_id).name),
        ("agent.name", t.assignee_id.map(|id| person(&who, id).name).unwrap_or_default()),
        ("team.name", config.team(t.team_id).map(|t| t.name).unwrap_or_default()),
    ]))
}

/// Applies `actions` of the rule `name` to the ticket; returns what it did, in words.
pub async fn apply(
    txn: &DatabaseTransaction,
    config: &Config,
    name: &str,
    actions: &Actions,
    ticket_id: i64,
    now: DateTime<Utc>,
) -> Result<String, DomainError> {
    let system = Actor::System;
    let t = ticket::Entity::find_by_id(ticket_id).one(txn).await?.ok_or(DomainError::NotFound)?;
    let mut did = Vec::new();
    event(txn, ticket_id, &system, now, "automation", None, Some(format!("Rule \u{201c}{name}\u{201d} ran"))).await?;
    if let Some(c) = changes(config, actions, &t) {
        update_in(txn, config, &system, ticket_id, c).await?;
        did.push("changed the ticket");
    }
    let t = ticket::Entity::find_by_id(ticket_id).one(txn).await?.ok_or(DomainError::NotFound)?;
    let values = values(txn, config, &t).await?;
    for (text, visibility, what) in [
        (&actions.note, Visibility::Internal, "added a note"),
        (&actions.reply, Visibility::Public, "replied to the customer"),
    ] {
        if text.trim().is_empty() {
            continue;
        }
        let body = render(text, &values);
        let post = Post { visibility, channel: Channel::Web, body, body_html: None, files: Vec::new() };
        post_in(txn, config, &system, ticket_id, post).await?;
        did.push(what);
    }
    let recipients: Vec<i64> = match actions.notify {
        NotifyWhom::Nobody => Vec::new(),
        NotifyWhom::Assignee => t.assignee_id.into_iter().collect(),
        NotifyWhom::Team => match t.team_id {
            Some(team) => team_member::Entity::find()
                .filter(team_member::Column::TeamId.eq(team))
                .all(txn)
                .await?
                .into_iter()
                .map(|m| m.user_id)
                .collect(),
            None => Vec::new(),
        },
    };
    if !recipients.is_empty() {
        let text = Some(format!("The automation rule \u{201c}{name}\u{201d} points you to this ticket."));
        let notice = write::Notice {
            kind: NotificationKind::Automation,
            ticket: &t,
            actor: &system,
            at: now,
            message_id: None,
            text,
        };
        let told = write::notify(txn, notice, recipients).await?;
        if told > 0 {
            did.push("notified agents");
        }
    }
    Ok(if did.is_empty() { "Nothing to change".to_owned() } else { capitalise(&did.join(", ")) })
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::capitalise;

    #[test]
    fn sentences_start_with_a_capital() {
        assert_eq!(capitalise("changed the ticket, added a note"), "Changed the ticket, added a note");
        assert_eq!(capitalise(""), "");
    }
}
