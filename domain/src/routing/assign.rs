//! Choosing an agent for a team's ticket. `decide` is the pure choice among the team's members
//! (who is available and online, below capacity, with the skills, then by turn or by load);
//! `pick` reads the members and their loads in the caller's transaction, holding the team's row
//! on PostgreSQL so that two processes never choose from the same picture, and moves the turn.

use super::types::{Availability, Strategy};
use crate::{
    desk_config::Config,
    entities::{assignment, team, team_member, user},
    error::DomainError,
    ticket_types::StatusCategory,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, QueryFilter, Set,
    Statement, Value,
};
use std::collections::HashMap;

/// An agent counts as online this long after Docket last saw a page of theirs.
pub const ONLINE_FOR: Duration = Duration::minutes(3);

/// A member of the team as the choice reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    pub availability: Availability,
    pub online: bool,
    pub capacity: Option<u32>,
    pub skills: Vec<String>,
    /// The team's turn count at their last automatic ticket (0: never).
    pub last_turn: i64,
    /// New and open tickets assigned to them.
    pub load: u64,
}

impl Candidate {
    pub fn takes_tickets(&self) -> bool {
        self.online && self.availability == Availability::Available
    }

    pub fn has_room(&self) -> bool {
        self.capacity.is_none_or(|c| self.load < u64::from(c))
    }

    pub fn has_skills(&self, needs: &[String]) -> bool {
        needs.iter().all(|n| self.skills.contains(n))
    }
}

/// The choice, with the reason the history shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Assign { user_id: i64, name: String, reason: String },
    Wait { reason: String },
}

pub fn capacity_text(load: u64, capacity: Option<u32>) -> String {
    match capacity {
        Some(c) => format!("{load} open, capacity {c}"),
        None => format!("{load} open, no capacity set"),
    }
}

/// Chooses among a team's members for a ticket that needs `needs` (read only by `Skills`).
pub fn decide(strategy: Strategy, team: &str, members: &[Candidate], needs: &[String]) -> Decision {
    let wait = |why: String| Decision::Wait { reason: format!("Waiting in {team}\u{2019}s queue: {why}") };
    let available: Vec<&Candidate> = members.iter().filter(|c| c.takes_tickets()).collect();
    if available.is_empty() {
        return wait("nobody is available".into());
    }
    let mut free: Vec<&Candidate> = available.iter().copied().filter(|c| c.has_room()).collect();
    if free.is_empty() {
        return wait("everyone available is at capacity".into());
    }
    if strategy == Strategy::Skills {
        free.retain(|c| c.has_skills(needs));
        if free.is_empty() {
            return wait(format!("nobody available with room has the skills {}", needs.join(", ")));
        }
    }
    let (chosen, reason) = match strategy {
        Strategy::Manual => return wait("the team assigns by hand".into()),
        Strategy::RoundRobin => {
            let Some(c) = free.iter().min_by_key(|c| (c.last_turn, c.id)) else { return wait(String::new()) };
            (c, format!("Round-robin in {team}: next in turn of {} available", free.len()))
        }
        Strategy::LeastLoaded | Strategy::Skills => {
            let Some(c) = free.iter().min_by_key(|c| (c.load, c.last_turn, c.id)) else { return wait(String::new()) };
            let load = capacity_text(c.load, c.capacity);
            if strategy == Strategy::Skills && !needs.is_empty() {
                (c, format!("Skills in {team} ({}): least loaded, {load}", needs.join(", ")))
            } else {
                (c, format!("Least loaded in {team}: {load}"))
            }
        }
    };
    Decision::Assign { user_id: chosen.id, name: chosen.name.clone(), reason }
}

/// The statuses whose tickets count as an agent's load and wait in a queue: new and open.
pub fn active_statuses(config: &Config) -> Vec<i64> {
    config.status_ids(counts)
}

/// Whether tickets of a status category count as load and wait in queues.
pub fn counts(category: StatusCategory) -> bool {
    matches!(category, StatusCategory::New | StatusCategory::Open)
}

/// Whether a status is one of `active_statuses`.
pub fn is_active(config: &Config, status_id: i64) -> bool {
    config.statuses.iter().any(|s| s.id == status_id && counts(s.category))
}

/// The skills a ticket needs: its category's and its own (from routing rules).
pub fn needs(config: &Config, category_id: Option<i64>, own: &[String]) -> Vec<String> {
    let mut needs: Vec<String> = own.to_vec();
    if let Some(c) = category_id.and_then(|id| config.categories.iter().find(|c| c.id == id)) {
        for skill in serde_json::from_str::<Vec<String>>(&c.skills).unwrap_or_default() {
            if !needs.contains(&skill) {
                needs.push(skill);
            }
        }
    }
    needs
}

fn placeholders(backend: DbBackend, from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| if backend == DbBackend::Postgres { format!("${i}") } else { "?".to_owned() })
        .collect::<Vec<_>>()
        .join(", ")
}

/// New and open tickets assigned to each of `users`.
pub async fn loads(
    db: &impl ConnectionTrait,
    config: &Config,
    users: &[i64],
) -> Result<HashMap<i64, u64>, DomainError> {
    let statuses = active_statuses(config);
    if users.is_empty() || statuses.is_empty() {
        return Ok(HashMap::new());
    }
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT assignee_id, COUNT(*) FROM tickets WHERE assignee_id IN ({}) AND status_id IN ({}) GROUP BY assignee_id",
        placeholders(backend, 1, users.len()),
        placeholders(backend, users.len() + 1, statuses.len()),
    );
    let values: Vec<Value> = users.iter().chain(&statuses).map(|v| (*v).into()).collect();
    let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
    let mut out = HashMap::new();
    for row in rows {
        let id: i64 = row.try_get_by_index(0)?;
        let n: i64 = row.try_get_by_index(1)?;
        out.insert(id, u64::try_from(n).unwrap_or(0));
    }
    Ok(out)
}

/// Whether a user counts as online at `now`.
pub fn online(seen_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    seen_at.is_some_and(|at| at > now - ONLINE_FOR)
}

pub fn skills_of(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// A staff user as a candidate, with their load and turn.
pub fn candidate(u: &user::Model, last_turn: i64, load: u64, now: DateTime<Utc>) -> Candidate {
    Candidate {
        id: u.id,
        name: u.name.clone(),
        availability: u.availability,
        online: online(u.seen_at, now),
        capacity: u.ticket_capacity.and_then(|c| u32::try_from(c).ok()),
        skills: skills_of(&u.skills),
        last_turn,
        load,
    }
}

/// The team's active staff members as candidates.
pub async fn members(
    db: &impl ConnectionTrait,
    config: &Config,
    team_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Candidate>, DomainError> {
    let links = team_member::Entity::find().filter(team_member::Column::TeamId.eq(team_id)).all(db).await?;
    let turns: HashMap<i64, i64> = links.iter().map(|l| (l.user_id, l.last_turn)).collect();
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(turns.keys().copied()))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?;
    let users: Vec<user::Model> = users.into_iter().filter(|u| u.role.is_staff()).collect();
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    let loads = loads(db, config, &ids).await?;
    Ok(users
        .iter()
        .map(|u| candidate(u, turns.get(&u.id).copied().unwrap_or(0), loads.get(&u.id).copied().unwrap_or(0), now))
        .collect())
}

/// Holds the team's row until the transaction ends (PostgreSQL; SQLite's writer is one at a
/// time already), so that concurrent choices for one team take turns.
pub async fn hold_team(txn: &DatabaseTransaction, team_id: i64) -> Result<(), DomainError> {
    if txn.get_database_backend() == DbBackend::Postgres {
        let sql = "SELECT id FROM teams WHERE id = $1 FOR UPDATE";
        txn.query_one_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, [team_id.into()])).await?;
    }
    Ok(())
}

/// Counts one automatic assignment in the team and gives the member the turn; logs it for the
/// distribution report.
pub async fn record(
    txn: &DatabaseTransaction,
    team: &team::Model,
    ticket_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let backend = txn.get_database_backend();
    let (bump, give) = match backend {
        DbBackend::Postgres => (
            "UPDATE teams SET assignment_turn = assignment_turn + 1 WHERE id = $1 RETURNING assignment_turn",
            "UPDATE team_members SET last_turn = $1 WHERE team_id = $2 AND user_id = $3",
        ),
        _ => (
            "UPDATE teams SET assignment_turn = assignment_turn + 1 WHERE id = ? RETURNING assignment_turn",
            "UPDATE team_members SET last_turn = ? WHERE team_id = ? AND user_id = ?",
        ),
    };
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(backend, bump, [team.id.into()]))
        .await?
        .ok_or(DomainError::NotFound)?;
    let turn: i64 = row.try_get_by_index(0)?;
    txn.execute_raw(Statement::from_sql_and_values(backend, give, [turn.into(), team.id.into(), user_id.into()]))
        .await?;
    assignment::ActiveModel {
        ticket_id: Set(ticket_id),
        team_id: Set(team.id),
        user_id: Set(user_id),
        strategy: Set(team.assignment),
        at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Chooses an agent of `team` for a ticket needing `needs`, reading in the caller's transaction.
pub async fn pick(
    txn: &DatabaseTransaction,
    config: &Config,
    team: &team::Model,
    needs: &[String],
    now: DateTime<Utc>,
) -> Result<Decision, DomainError> {
    hold_team(txn, team.id).await?;
    let members = members(txn, config, team.id, now).await?;
    Ok(decide(team.assignment, &team.name, &members, needs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent(id: i64, load: u64, capacity: Option<u32>, last_turn: i64) -> Candidate {
        Candidate {
            id,
            name: format!("Agent {id}"),
            availability: Availability::Available,
            online: true,
            capacity,
            skills: vec![],
            last_turn,
            load,
        }
    }

    fn chosen(d: &Decision) -> Option<i64> {
        match d {
            Decision::Assign { user_id, .. } => Some(*user_id),
            Decision::Wait { .. } => None,
        }
    }

    #[test]
    fn round_robin_takes_the_longest_waiting_turn() {
        let team = [agent(1, 0, None, 5), agent(2, 9, None, 3), agent(3, 0, None, 4)];
        let d = decide(Strategy::RoundRobin, "Support", &team, &[]);
        assert_eq!(chosen(&d), Some(2));
        assert!(
            matches!(d, Decision::Assign { reason, .. } if reason == "Round-robin in Support: next in turn of 3 available")
        );
    }

    #[test]
    fn least_loaded_respects_capacity_and_says_why() {
        let team = [agent(1, 2, Some(2), 0), agent(2, 3, Some(8), 0), agent(3, 5, None, 0)];
        let d = decide(Strategy::LeastLoaded, "Support", &team, &[]);
        assert_eq!(
            d,
            Decision::Assign {
                user_id: 2,
                name: "Agent 2".into(),
                reason: "Least loaded in Support: 3 open, capacity 8".into()
            }
        );
    }

    #[test]
    fn away_offline_and_full_agents_wait() {
        let mut away = agent(1, 0, None, 0);
        away.availability = Availability::Away;
        let mut offline = agent(2, 0, None, 0);
        offline.online = false;
        let d = decide(Strategy::RoundRobin, "Support", &[away.clone(), offline.clone()], &[]);
        assert_eq!(d, Decision::Wait { reason: "Waiting in Support\u{2019}s queue: nobody is available".into() });
        let full = agent(3, 4, Some(4), 0);
        let d = decide(Strategy::LeastLoaded, "Support", &[away, offline, full], &[]);
        assert!(matches!(d, Decision::Wait { reason } if reason.ends_with("everyone available is at capacity")));
    }

    #[test]
    fn skills_narrow_the_choice() {
        let mut network = agent(1, 4, None, 0);
        network.skills = vec!["vpn".into(), "network".into()];
        let team = [agent(2, 0, None, 0), network];
        let needs = vec!["vpn".to_owned()];
        let d = decide(Strategy::Skills, "Tier 2", &team, &needs);
        let reason = "Skills in Tier 2 (vpn): least loaded, 4 open, no capacity set".to_owned();
        assert_eq!(d, Decision::Assign { user_id: 1, name: "Agent 1".into(), reason });
        assert_eq!(chosen(&decide(Strategy::Skills, "Tier 2", &team, &[])), Some(2));
        assert_eq!(chosen(&decide(Strategy::Skills, "Tier 2", &team, &["printers".to_owned()])), None);
    }
}
