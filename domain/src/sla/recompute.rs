//! Recomputing every open ticket's clocks after a policy or calendar edit, as a background job:
//! the edit requests it in its own transaction (one job, moved if several edits follow), and the
//! job walks the open tickets by id in batches of 500, each batch in a transaction of its own
//! that also records how far it got, so that the admin pages show progress and a job taken over
//! after a crash goes on where it stopped.

use super::{apply, setup::Setup, timeline, types::RecomputeProgress};
use crate::{
    desk_config::Config,
    entities::{job, setting, sla_clock, sla_firing, sla_mark, ticket},
    error::DomainError,
    jobs::{JobOutcome, NewJob, schedule},
    ticket_types::StatusCategory,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, sea_query::OnConflict,
};
use serde_json::json;
use std::collections::{HashMap, HashSet};

pub const JOB_KIND: &str = "sla.recompute";
const SETTING: &str = "sla_recompute";
const BATCH: u64 = 500;

async fn save(db: &impl ConnectionTrait, progress: &RecomputeProgress) -> Result<(), DomainError> {
    let row = setting::ActiveModel {
        key: Set(SETTING.to_owned()),
        value: Set(serde_json::to_string(progress).map_err(|_| DomainError::Internal)?),
        updated_at: Set(crate::clock::now()),
    };
    setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(setting::Column::Key)
                .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// How the last recomputation went, if there was one.
pub async fn progress(db: &impl ConnectionTrait) -> Result<Option<RecomputeProgress>, DomainError> {
    let row = setting::Entity::find_by_id(SETTING.to_owned()).one(db).await?;
    Ok(row.and_then(|r| serde_json::from_str(&r.value).ok()))
}

/// Asks for a recomputation, in the transaction of the edit that needs it.
pub async fn request(db: &impl ConnectionTrait) -> Result<(), DomainError> {
    let now = crate::clock::now();
    let job = NewJob { kind: JOB_KIND, payload: json!({}), due_at: now, dedupe_key: Some("sla:recompute".into()) };
    schedule(db, job, now).await?;
    save(db, &RecomputeProgress { requested_at: now, done: 0, total: None, finished_at: None }).await
}

/// The job: every open ticket, batch by batch.
pub async fn run(db: DatabaseConnection, _job: job::Model) -> JobOutcome {
    match recompute_open(&db).await {
        Ok(_) => JobOutcome::Done,
        Err(error) => JobOutcome::Retry(error.to_string()),
    }
}

/// Recomputes the clocks of every open ticket; returns how many.
pub async fn recompute_open(db: &DatabaseConnection) -> Result<u64, DomainError> {
    let config = Config::load(db).await?;
    recompute_where(db, config.status_ids(StatusCategory::is_active)).await
}

/// Rebuilds every ticket's timeline from its public messages and status history, then
/// recomputes every ticket's clocks, solved ones included: for data written around the
/// commands (the demo's back-dated history, an import). Returns how many tickets.
pub async fn rebuild_all(db: &DatabaseConnection) -> Result<u64, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    sla_mark::Entity::delete_many().exec(&*txn).await?;
    for sql in [
        "INSERT INTO sla_marks (ticket_id, at, mark)
         SELECT ticket_id, created_at,
                CASE author_kind WHEN 'customer' THEN 'customer_message' ELSE 'agent_reply' END
         FROM ticket_messages
         WHERE visibility = 'public' AND author_kind IN ('customer', 'agent')
         ORDER BY created_at, id",
        "INSERT INTO sla_marks (ticket_id, at, mark)
         SELECT e.ticket_id, e.at,
                CASE s.category WHEN 'pending' THEN 'paused' WHEN 'solved' THEN 'stopped'
                     WHEN 'closed' THEN 'stopped' ELSE 'running' END
         FROM ticket_events e LEFT JOIN statuses s ON s.name = e.new_value
         WHERE e.field = 'status'
         ORDER BY e.at, e.id",
    ] {
        txn.execute_unprepared(sql).await?;
    }
    txn.commit().await?;
    let config = Config::load(db).await?;
    recompute_where(db, config.statuses.iter().map(|s| s.id).collect()).await
}

async fn recompute_where(db: &DatabaseConnection, open: Vec<i64>) -> Result<u64, DomainError> {
    let config = Config::load(db).await?;
    let setup = Setup::load(db).await?;
    let total = ticket::Entity::find().filter(ticket::Column::StatusId.is_in(open.clone())).count(db).await?;
    let mut state = progress(db).await?.unwrap_or(RecomputeProgress {
        requested_at: crate::clock::now(),
        done: 0,
        total: None,
        finished_at: None,
    });
    state.total = Some(total);
    state.done = 0;
    state.finished_at = None;
    let mut after = 0_i64;
    loop {
        let txn = crate::db::begin_write(db).await?;
        let rows = ticket::Entity::find()
            .filter(ticket::Column::StatusId.is_in(open.clone()))
            .filter(ticket::Column::Id.gt(after))
            .order_by_asc(ticket::Column::Id)
            .limit(BATCH)
            .all(&*txn)
            .await?;
        let Some(last) = rows.last() else {
            state.finished_at = Some(crate::clock::now());
            save(&*txn, &state).await?;
            txn.commit().await?;
            break;
        };
        after = last.id;
        batch(&*txn, &setup, &config, &rows).await?;
        state.done += rows.len() as u64;
        save(&*txn, &state).await?;
        txn.commit().await?;
    }
    Ok(state.done)
}

/// One batch: clocks (with when their next rule falls due) replaced with three statements, and
/// tickets updated where their policy or due time moved.
async fn batch(
    db: &impl ConnectionTrait,
    setup: &Setup,
    config: &Config,
    rows: &[ticket::Model],
) -> Result<(), DomainError> {
    let refs: Vec<&ticket::Model> = rows.iter().collect();
    let lines = timeline::timelines(db, config, &refs).await?;
    let ids: Vec<i64> = rows.iter().map(|t| t.id).collect();
    let mut fired: HashMap<i64, HashSet<(super::types::Metric, i32, i64)>> = HashMap::new();
    if setup.policies.iter().any(|p| !p.escalations.is_empty()) {
        for f in sla_firing::Entity::find().filter(sla_firing::Column::TicketId.is_in(ids.clone())).all(db).await? {
            fired.entry(f.ticket_id).or_default().insert((f.metric, f.cycle, f.escalation_id));
        }
    }
    sla_clock::Entity::delete_many().filter(sla_clock::Column::TicketId.is_in(ids)).exec(db).await?;
    let mut new_rows = Vec::new();
    let none = HashSet::new();
    let not_before = crate::clock::now() - apply::RECOMPUTE_GRACE;
    for t in rows {
        let facts = apply::facts(db, setup, config, t).await?;
        let policy = setup.policy_for(&facts);
        let clocks = match (policy, lines.get(&t.id)) {
            (Some(p), Some(line)) => apply::clocks_for(setup, p, line),
            _ => Vec::new(),
        };
        if let Some(policy) = policy {
            let active = config.status(t.status_id).is_ok_and(|s| s.category.is_active());
            let checks = if active && !policy.escalations.is_empty() {
                apply::next_checks(setup, policy, &clocks, fired.get(&t.id).unwrap_or(&none), Some(not_before))
            } else {
                HashMap::new()
            };
            new_rows.extend(clocks.iter().map(|c| apply::row_of(t.id, policy, c, checks.get(&c.metric).copied())));
        }
        let (policy_id, due) = (policy.map(|p| p.id), apply::next_due(&clocks));
        if policy_id != t.sla_policy_id || due != t.sla_due_at {
            apply::set_ticket(db, t.id, policy_id, due).await?;
        }
    }
    for chunk in new_rows.chunks(1000) {
        sla_clock::Entity::insert_many(chunk.to_vec()).exec_without_returning(db).await?;
    }
    Ok(())
}
