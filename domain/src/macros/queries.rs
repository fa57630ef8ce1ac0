//! Reading macros: the macros page (the viewer's own and the shared ones, most used first), and
//! the macros a ticket's reply box offers, each with its text filled in for that ticket.

use super::types::{MacroAssign, MacroChoice, MacroView, MacrosPageView};
use crate::{
    accounts::people::{people, person},
    desk_config::Config,
    email::templates::render,
    entities::{macro_row, ticket, user},
    error::DomainError,
    policy::{Action, Actor, TicketAction, authorize, can, can_on_ticket},
    ticket_access,
    ticket_types::OptionView,
};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The macros `actor` may use: their own and the shared ones, most used first.
pub async fn usable(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<macro_row::Model>, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let me = actor.principal().ok_or(DomainError::Unauthenticated)?.user_id;
    Ok(macro_row::Entity::find()
        .filter(Condition::any().add(macro_row::Column::OwnerId.is_null()).add(macro_row::Column::OwnerId.eq(me)))
        .order_by_desc(macro_row::Column::UsageCount)
        .order_by_asc(macro_row::Column::Name)
        .all(db)
        .await?)
}

pub fn assign_of(row: &macro_row::Model) -> MacroAssign {
    match (row.assign_me, row.assignee_id) {
        (true, _) => MacroAssign::Me,
        (false, Some(id)) => MacroAssign::Agent(id),
        (false, None) => MacroAssign::Nobody,
    }
}

pub fn tags_of(row: &macro_row::Model) -> Vec<String> {
    serde_json::from_str(&row.add_tags).unwrap_or_default()
}

/// What a macro does besides its text, in words.
pub fn actions_of(config: &Config, names: &HashMap<i64, user::Model>, row: &macro_row::Model) -> String {
    let mut parts = Vec::new();
    if let Some(s) = row.status_id.and_then(|id| config.status(id).ok()) {
        parts.push(format!("status {}", s.name));
    }
    let tags = tags_of(row);
    if !tags.is_empty() {
        parts.push(format!("add tags {}", tags.join(", ")));
    }
    match assign_of(row) {
        MacroAssign::Nobody => {}
        MacroAssign::Me => parts.push("assign to you".into()),
        MacroAssign::Agent(id) => parts.push(format!("assign to {}", person(names, id).name)),
    }
    parts.join("; ")
}

pub async fn page(db: &impl ConnectionTrait, actor: &Actor) -> Result<MacrosPageView, DomainError> {
    let rows = usable(db, actor).await?;
    let config = Config::load(db).await?;
    let ids = rows.iter().flat_map(|m| [m.owner_id, m.assignee_id]).flatten();
    let names = people(db, ids.collect()).await?;
    let admin = can(actor, Action::ConfigureDesk);
    let me = actor.principal().map(|p| p.user_id);
    let macros = rows
        .iter()
        .map(|m| MacroView {
            id: m.id,
            name: m.name.clone(),
            body: m.body.clone(),
            shared: m.owner_id.is_none(),
            editable: if m.owner_id.is_none() { admin } else { m.owner_id == me },
            owner_name: m.owner_id.map(|id| person(&names, id).name),
            status_id: m.status_id,
            tags: tags_of(m),
            assign: assign_of(m),
            usage: u64::try_from(m.usage_count).unwrap_or(0),
            actions: actions_of(&config, &names, m),
        })
        .collect();
    let agents = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Role.is_in(crate::Role::STAFF))
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|u| OptionView { id: u.id, name: u.name })
        .collect();
    let statuses =
        config.statuses.iter().filter(|s| s.active).map(|s| OptionView { id: s.id, name: s.name.clone() }).collect();
    Ok(MacrosPageView { macros, statuses, agents, can_share: admin })
}

fn first_name(name: &str) -> String {
    name.split_whitespace().next().unwrap_or(name).to_owned()
}

/// The placeholders' values for `t`, used by `agent`.
pub async fn values(
    db: &impl ConnectionTrait,
    config: &Config,
    t: &ticket::Model,
    agent: i64,
) -> Result<HashMap<&'static str, String>, DomainError> {
    let who = people(db, [t.requester_id, agent].into_iter().collect()).await?;
    let customer = who.get(&t.requester_id);
    let customer_name = customer.map(|u| u.name.clone()).unwrap_or_default();
    let agent_name = person(&who, agent).name;
    Ok(HashMap::from([
        ("customer.first_name", first_name(&customer_name)),
        ("customer.name", customer_name),
        ("customer.email", customer.map(|u| u.email.clone()).unwrap_or_default()),
        ("ticket.reference", config.reference(t.number)),
        ("ticket.subject", t.subject.clone()),
        ("ticket.status", config.status(t.status_id).map(|s| s.name).unwrap_or_default()),
        ("ticket.priority", config.priority(t.priority_id).name),
        ("ticket.category", config.category(t.category_id).map(|c| c.name).unwrap_or_default()),
        ("team.name", config.team(t.team_id).map(|c| c.name).unwrap_or_default()),
        ("agent.first_name", first_name(&agent_name)),
        ("agent.name", agent_name),
    ]))
}

/// The macros the caller may use on a ticket, their texts filled in for it.
pub async fn for_ticket(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ticket_id: i64,
) -> Result<Vec<MacroChoice>, DomainError> {
    let rows = usable(db, actor).await?;
    let (t, facts) = ticket_access::visible_ticket(db, actor, ticket_id).await?;
    if !can_on_ticket(actor, TicketAction::Reply, &facts) {
        return Err(DomainError::Forbidden);
    }
    let me = actor.principal().ok_or(DomainError::Unauthenticated)?.user_id;
    let config = Config::load(db).await?;
    let values = values(db, &config, &t, me).await?;
    let names = people(db, rows.iter().filter_map(|m| m.assignee_id).collect()).await?;
    Ok(rows
        .iter()
        .map(|m| MacroChoice {
            id: m.id,
            name: m.name.clone(),
            shared: m.owner_id.is_none(),
            text: render(&m.body, &values),
            actions: actions_of(&config, &names, m),
        })
        .collect())
}
