//! Writing notifications inside the transaction of the reaction to the ticket change that causes
//! them, through the channels each agent chose: a row for the bell, a mail, both or neither.
//! Only active staff who reach the ticket are notified, and never for their own doing.

use super::{mail::AgentMail, mentions, preferences, types::NotificationKind};
use crate::{
    entities::{notification, ticket, ticket_message, user},
    error::DomainError,
    policy::Actor,
    role::Role,
    ticket_types::Visibility,
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::BTreeSet;

/// One kind of notification about a ticket.
pub(crate) struct Notice<'a> {
    pub kind: NotificationKind,
    pub ticket: &'a ticket::Model,
    pub actor: &'a Actor,
    pub at: DateTime<Utc>,
    /// The message a mail quotes; `None` for the ticket's first public message.
    pub message_id: Option<i64>,
    /// What a mail says instead of quoting a message (an SLA warning).
    pub text: Option<String>,
}

/// Notifies `recipients`; the actor, customers and deactivated users are skipped. Returns how
/// many got a notification in the app.
pub(crate) async fn notify(
    db: &impl ConnectionTrait,
    notice: Notice<'_>,
    recipients: impl IntoIterator<Item = i64>,
) -> Result<usize, DomainError> {
    let me = notice.actor.principal().map(|p| p.user_id);
    let wanted: BTreeSet<i64> = recipients.into_iter().filter(|id| Some(*id) != me).collect();
    if wanted.is_empty() {
        return Ok(0);
    }
    let found = user::Entity::find()
        .filter(user::Column::Id.is_in(wanted))
        .filter(user::Column::Role.is_in(Role::STAFF))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?;
    // Nobody hears of a ticket beyond their reach (a mention by a colleague on another team).
    let them: Vec<Actor> = found.iter().map(|u| Actor::User(crate::accounts::queries::principal_of(u))).collect();
    let reaches = crate::ticket_access::reaches(db, &them).await?;
    let staff: Vec<user::Model> = found
        .into_iter()
        .zip(reaches)
        .filter(|(_, reach)| reach.covers(notice.ticket.team_id, notice.ticket.assignee_id))
        .map(|(person, _)| person)
        .collect();
    if staff.is_empty() {
        return Ok(0);
    }
    let channels = preferences::channels_of(db, notice.kind, staff.iter().map(|u| u.id)).await?;
    let wants =
        |u: &user::Model, pick: fn(super::types::Channels) -> bool| channels.get(&u.id).is_some_and(|c| pick(*c));
    let in_app: Vec<i64> = staff.iter().filter(|u| wants(u, |c| c.in_app())).map(|u| u.id).collect();
    let by_mail: Vec<&user::Model> = staff.iter().filter(|u| wants(u, |c| c.email())).collect();
    if !by_mail.is_empty() {
        mail(db, &notice, &by_mail).await?;
    }
    if in_app.is_empty() {
        return Ok(0);
    }
    let count = in_app.len();
    let rows = in_app.into_iter().map(|user_id| notification::ActiveModel {
        user_id: Set(user_id),
        kind: Set(notice.kind.as_str().to_owned()),
        ticket_id: Set(notice.ticket.id),
        actor_id: Set(me),
        created_at: Set(notice.at),
        read_at: Set(None),
        ..Default::default()
    });
    notification::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(count)
}

async fn mail(db: &impl ConnectionTrait, notice: &Notice<'_>, agents: &[&user::Model]) -> Result<(), DomainError> {
    let actor_name = match notice.actor.principal() {
        Some(p) => user::Entity::find_by_id(p.user_id).one(db).await?.map(|u| u.name),
        None => None,
    };
    let message = match (notice.message_id, &notice.text) {
        (_, Some(_)) => None,
        (Some(id), None) => ticket_message::Entity::find_by_id(id).one(db).await?,
        (None, None) => {
            ticket_message::Entity::find()
                .filter(ticket_message::Column::TicketId.eq(notice.ticket.id))
                .filter(ticket_message::Column::Visibility.eq(Visibility::Public))
                .order_by_asc(ticket_message::Column::Id)
                .one(db)
                .await?
        }
    };
    let body = notice.text.clone().or_else(|| message.map(|m| m.body)).unwrap_or_default();
    let actor_name = actor_name.unwrap_or_else(|| "Docket".to_owned());
    let Some(mail) = AgentMail::prepare(db, notice.kind, notice.ticket, &actor_name, &body).await? else {
        return Ok(());
    };
    for agent in agents {
        mail.send_to(db, agent, notice.at).await?;
    }
    Ok(())
}

/// The active agents and admins whose handles a text mentions.
pub(crate) async fn mentioned_staff(db: &impl ConnectionTrait, text: &str) -> Result<Vec<i64>, DomainError> {
    let handles = mentions::handles(text);
    if handles.is_empty() {
        return Ok(Vec::new());
    }
    let staff = user::Entity::find()
        .filter(user::Column::Role.is_in(Role::STAFF))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?;
    Ok(staff.into_iter().filter(|u| handles.contains(&mentions::handle_of(&u.email))).map(|u| u.id).collect())
}
