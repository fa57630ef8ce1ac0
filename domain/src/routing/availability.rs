//! Whether an agent takes tickets: the status they set in the top bar (available, away, off
//! shift), and whether Docket has seen a page of theirs in the last few minutes (each live
//! stream says so about once a minute). The moment an agent becomes free (available again, back
//! online, or below capacity after a ticket left them) the tickets waiting in their teams'
//! queues are assigned to them, oldest first, up to their capacity (`catch_up`).

use super::{
    assign::{self, active_statuses, hold_team, loads, online, skills_of},
    types::{Availability, Strategy},
};
use crate::{
    audit,
    desk_config::Config,
    entities::{team, team_member, ticket, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
    tickets::commands::{TicketChanges, update_in},
    tickets::writing::event,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement,
};
use serde_json::json;

/// At most this many waiting tickets go to one agent at once (an agent without a capacity who
/// comes back to a long queue takes it in steps, one per change that frees them).
pub const CATCH_UP_MAX: u64 = 50;

/// Sets the caller's status; becoming available assigns them what waits for them.
pub async fn set(db: &DatabaseConnection, actor: &Actor, availability: Availability) -> Result<(), DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let me = actor.principal().ok_or(DomainError::Unauthenticated)?.user_id;
    let config = Config::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let now = crate::clock::now();
    let row = user::Entity::find_by_id(me).one(&*txn).await?.ok_or(DomainError::Unauthenticated)?;
    let backend = txn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "UPDATE users SET availability = $1, seen_at = $2 WHERE id = $3",
        _ => "UPDATE users SET availability = ?, seen_at = ? WHERE id = ?",
    };
    txn.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [availability.as_str().into(), now.into(), me.into()],
    ))
    .await?;
    if row.availability != availability {
        let detail = json!({ "old": row.availability.as_str(), "new": availability.as_str() });
        audit::record(&*txn, actor, "user.availability", ("user", Some(me)), detail).await?;
    }
    if availability == Availability::Available {
        catch_up(&txn, &config, me, "became available").await?;
    }
    crate::live::commit(txn).await?;
    Ok(())
}

/// Docket saw a page of the user's (a live stream): they count as online for a while. One who
/// was not online a moment ago takes what waits for them.
pub async fn seen(db: &DatabaseConnection, user_id: i64) -> Result<(), DomainError> {
    let now = crate::clock::now();
    let backend = db.get_database_backend();
    let (back, still) = match backend {
        DbBackend::Postgres => (
            "UPDATE users SET seen_at = $1 WHERE id = $2 AND (seen_at IS NULL OR seen_at <= $3)",
            "UPDATE users SET seen_at = $1 WHERE id = $2",
        ),
        _ => (
            "UPDATE users SET seen_at = ? WHERE id = ? AND (seen_at IS NULL OR seen_at <= ?)",
            "UPDATE users SET seen_at = ? WHERE id = ?",
        ),
    };
    let config = Config::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let stale = now - assign::ONLINE_FOR;
    let came_back = txn
        .execute_raw(Statement::from_sql_and_values(backend, back, [now.into(), user_id.into(), stale.into()]))
        .await?
        .rows_affected()
        > 0;
    if came_back {
        catch_up(&txn, &config, user_id, "came online").await?;
    } else {
        txn.execute_raw(Statement::from_sql_and_values(backend, still, [now.into(), user_id.into()])).await?;
    }
    crate::live::commit(txn).await?;
    Ok(())
}

/// The user signed out: no longer online.
pub async fn gone(db: &DatabaseConnection, user_id: i64) -> Result<(), DomainError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "UPDATE users SET seen_at = NULL WHERE id = $1",
        _ => "UPDATE users SET seen_at = NULL WHERE id = ?",
    };
    let txn = crate::db::begin_write(db).await?;
    txn.execute_raw(Statement::from_sql_and_values(backend, sql, [user_id.into()])).await?;
    txn.commit().await?;
    Ok(())
}

/// Gives `user_id` the tickets waiting in their automatic teams' queues, oldest first, while
/// they take tickets and have room (at most `CATCH_UP_MAX`). `why` ends each history line
/// ("became available"). Returns how many they were given.
pub async fn catch_up(txn: &DatabaseTransaction, config: &Config, user_id: i64, why: &str) -> Result<u64, DomainError> {
    let now = crate::clock::now();
    let Some(agent) = user::Entity::find_by_id(user_id).one(txn).await? else { return Ok(0) };
    if !agent.active
        || !agent.role.is_staff()
        || agent.availability != Availability::Available
        || !online(agent.seen_at, now)
    {
        return Ok(0);
    }
    let member_of: Vec<i64> = team_member::Entity::find()
        .filter(team_member::Column::UserId.eq(user_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|m| m.team_id)
        .collect();
    let teams: Vec<&team::Model> =
        config.teams.iter().filter(|t| member_of.contains(&t.id) && t.assignment.is_automatic()).collect();
    let statuses = active_statuses(config);
    if teams.is_empty() || statuses.is_empty() {
        return Ok(0);
    }
    for t in &teams {
        hold_team(txn, t.id).await?;
    }
    let mut load = loads(txn, config, &[user_id]).await?.get(&user_id).copied().unwrap_or(0);
    let capacity = agent.ticket_capacity.and_then(|c| u64::try_from(c).ok());
    let room = |load: u64| capacity.is_none_or(|c| load < c);
    if !room(load) {
        return Ok(0);
    }
    let skills = skills_of(&agent.skills);
    let waiting = ticket::Entity::find()
        .filter(ticket::Column::TeamId.is_in(teams.iter().map(|t| t.id)))
        .filter(ticket::Column::AssigneeId.is_null())
        .filter(ticket::Column::StatusId.is_in(statuses))
        .order_by_asc(ticket::Column::Id)
        .limit(CATCH_UP_MAX * 4)
        .all(txn)
        .await?;
    let mut given = 0;
    for t in waiting {
        if given >= CATCH_UP_MAX || !room(load) {
            break;
        }
        let Some(team) = teams.iter().find(|team| Some(team.id) == t.team_id) else { continue };
        if team.assignment == Strategy::Skills
            && !assign::needs(config, t.category_id, &assign::skills_of(&t.required_skills))
                .iter()
                .all(|n| skills.contains(n))
        {
            continue;
        }
        let reason = format!(
            "From {}\u{2019}s queue: {} {why} ({})",
            team.name,
            agent.name,
            assign::capacity_text(load, agent.ticket_capacity.and_then(|c| u32::try_from(c).ok()))
        );
        give(txn, config, team, t.id, user_id, &reason, now).await?;
        load += 1;
        given += 1;
    }
    Ok(given)
}

/// Assigns a ticket as Docket, with the reason in its history, and counts the turn.
pub async fn give(
    txn: &DatabaseTransaction,
    config: &Config,
    team: &team::Model,
    ticket_id: i64,
    user_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let changes = TicketChanges { assignee_id: Some(Some(user_id)), ..Default::default() };
    update_in(txn, config, &Actor::System, ticket_id, changes).await?;
    event(txn, ticket_id, &Actor::System, now, "routing", None, Some(reason.to_owned())).await?;
    assign::record(txn, team, ticket_id, user_id, now).await
}
