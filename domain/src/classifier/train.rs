//! Training: the desk's solved and closed tickets, a page at a time by id, every tenth held out
//! to measure the model; each page's other tickets teach the category and the priority model a
//! batch. The models replace the previous ones in one transaction and the configuration version
//! changes, so every process suggests with them at once. The `classifier.train` job trains
//! daily (and when an admin asks), and schedules its next day.

use super::{
    features::{features, stemmer},
    model::{Model, Trainer},
    types::{Kind, ModelView},
};
use crate::{
    desk_config::{Config, cache},
    entities::{classifier_model, ticket, ticket_message},
    error::DomainError,
    jobs::{JobOutcome, NewJob, schedule},
    ticket_types::{StatusCategory, Visibility},
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::HashMap;

pub const JOB_KIND: &str = "classifier.train";
const DEDUPE: &str = "classifier:train";
/// Tickets read (and taught) at once.
const PAGE: u64 = 500;
/// One ticket in this many is held out.
const HOLD_OUT_EVERY: i64 = 10;

/// What one field's training needs to remember.
struct Learning {
    trainer: Trainer,
    samples: u64,
    counts: HashMap<i64, u64>,
    held_out: Vec<(Vec<(u16, f32)>, i64)>,
}

impl Learning {
    fn new() -> Learning {
        Learning { trainer: Trainer::new(), samples: 0, counts: HashMap::new(), held_out: Vec::new() }
    }

    /// The held-out share the model and always guessing the most common value get right.
    fn measure(&self, model: &Model) -> (f64, f64) {
        let total = self.held_out.len();
        if total == 0 {
            return (0.0, 0.0);
        }
        let mut right = 0usize;
        for chunk in self.held_out.chunks(PAGE as usize) {
            let rows: Vec<&[(u16, f32)]> = chunk.iter().map(|(f, _)| f.as_slice()).collect();
            for (guess, (_, truth)) in model.predict(&rows).into_iter().zip(chunk) {
                if guess.is_some_and(|(id, _)| id == *truth) {
                    right += 1;
                }
            }
        }
        let common = self.counts.iter().max_by_key(|(id, n)| (**n, -**id)).map(|(id, _)| *id);
        let baseline = self.held_out.iter().filter(|(_, truth)| Some(*truth) == common).count();
        (right as f64 / total as f64, baseline as f64 / total as f64)
    }
}

/// Trains both models on the desk's solved tickets and stores them; returns what they are.
pub async fn train(db: &DatabaseConnection) -> Result<Vec<ModelView>, DomainError> {
    let started = std::time::Instant::now();
    let config = Config::load(db).await?;
    let finished = config.status_ids(|c| matches!(c, StatusCategory::Solved | StatusCategory::Closed));
    let stemmer = stemmer();
    let mut category = Learning::new();
    let mut priority = Learning::new();
    let mut after = 0i64;
    loop {
        let page = ticket::Entity::find()
            .filter(ticket::Column::StatusId.is_in(finished.clone()))
            .filter(ticket::Column::Id.gt(after))
            .order_by_asc(ticket::Column::Id)
            .limit(PAGE)
            .all(db)
            .await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let bodies = first_messages(db, page.iter().map(|t| t.id).collect()).await?;
        let rows: Vec<(i64, Vec<(u16, f32)>, Option<i64>, i64)> = page
            .iter()
            .map(|t| {
                let body = bodies.get(&t.id).map_or("", String::as_str);
                (t.id, features(&stemmer, &t.subject, body), t.category_id, t.priority_id)
            })
            .collect();
        let mut category_batch = Vec::new();
        let mut priority_batch = Vec::new();
        for (id, f, cat, pri) in &rows {
            if id % HOLD_OUT_EVERY == 0 {
                if let Some(cat) = cat {
                    category.held_out.push((f.clone(), *cat));
                }
                priority.held_out.push((f.clone(), *pri));
                continue;
            }
            if let Some(cat) = cat {
                category_batch.push((f.as_slice(), *cat));
                *category.counts.entry(*cat).or_default() += 1;
            }
            priority_batch.push((f.as_slice(), *pri));
            *priority.counts.entry(*pri).or_default() += 1;
        }
        category.samples += category_batch.len() as u64;
        priority.samples += priority_batch.len() as u64;
        category.trainer.learn(&category_batch).map_err(DomainError::BadRequest)?;
        priority.trainer.learn(&priority_batch).map_err(DomainError::BadRequest)?;
    }
    let now = crate::clock::now();
    let training_ms = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
    let txn = crate::db::begin_write(db).await?;
    let mut views = Vec::new();
    for (kind, mut learning) in [(Kind::Category, category), (Kind::Priority, priority)] {
        classifier_model::Entity::delete_many().filter(classifier_model::Column::Kind.eq(kind)).exec(&*txn).await?;
        let trainer = std::mem::take(&mut learning.trainer);
        let Some(model) = trainer.finish().map_err(DomainError::BadRequest)? else { continue };
        let (accuracy, baseline) = learning.measure(&model);
        let row = classifier_model::ActiveModel {
            kind: Set(kind),
            trained_at: Set(now),
            samples: Set(i64::try_from(learning.samples).unwrap_or(i64::MAX)),
            held_out: Set(i64::try_from(learning.held_out.len()).unwrap_or(i64::MAX)),
            accuracy: Set(accuracy),
            baseline: Set(baseline),
            training_ms: Set(i32::try_from(training_ms).unwrap_or(i32::MAX)),
            model: Set(serde_json::to_string(&model).map_err(|_| DomainError::Internal)?),
            ..Default::default()
        }
        .insert(&*txn)
        .await?;
        views.push(super::suggest::view_of(&row));
    }
    cache::changed(&*txn).await?;
    txn.commit().await?;
    tracing::info!(ms = training_ms, "the classifier was trained");
    Ok(views)
}

/// The first public message of each ticket (its description).
async fn first_messages(db: &impl ConnectionTrait, ids: Vec<i64>) -> Result<HashMap<i64, String>, DomainError> {
    let rows: Vec<(i64, String)> = ticket_message::Entity::find()
        .select_only()
        .column(ticket_message::Column::TicketId)
        .column(ticket_message::Column::Body)
        .filter(ticket_message::Column::TicketId.is_in(ids))
        .filter(ticket_message::Column::Visibility.eq(Visibility::Public))
        .order_by_asc(ticket_message::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut out = HashMap::new();
    for (ticket, body) in rows {
        out.entry(ticket).or_insert(body);
    }
    Ok(out)
}

/// Asks for a training now (an admin's "Train now").
pub async fn request(db: &impl ConnectionTrait) -> Result<(), DomainError> {
    let now = crate::clock::now();
    schedule(
        db,
        NewJob { kind: JOB_KIND, payload: serde_json::json!({}), due_at: now, dedupe_key: Some(DEDUPE.into()) },
        now,
    )
    .await
}

/// An admin asks for a training now.
pub async fn ask(db: &DatabaseConnection, actor: &crate::Actor) -> Result<(), DomainError> {
    crate::authorize(actor, crate::Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    request(&*txn).await?;
    crate::audit::record(&*txn, actor, "classifier.train", ("setting", None), serde_json::json!({})).await?;
    txn.commit().await?;
    Ok(())
}

/// Makes sure a training is scheduled (at start-up): tomorrow unless one is already due.
pub async fn schedule_daily(db: &DatabaseConnection) -> Result<(), DomainError> {
    let queued =
        crate::entities::job::Entity::find().filter(crate::entities::job::Column::DedupeKey.eq(DEDUPE)).one(db).await?;
    if queued.is_some() {
        return Ok(());
    }
    let now = crate::clock::now();
    let txn = crate::db::begin_write(db).await?;
    let job = NewJob {
        kind: JOB_KIND,
        payload: serde_json::json!({}),
        due_at: next_day(now),
        dedupe_key: Some(DEDUPE.into()),
    };
    schedule(&*txn, job, now).await?;
    txn.commit().await?;
    Ok(())
}

fn next_day(now: DateTime<Utc>) -> DateTime<Utc> {
    now + Duration::days(1)
}

/// Whether a training is queued or running.
pub async fn pending(db: &impl ConnectionTrait) -> Result<bool, DomainError> {
    let now = crate::clock::now();
    let job =
        crate::entities::job::Entity::find().filter(crate::entities::job::Column::DedupeKey.eq(DEDUPE)).one(db).await?;
    Ok(job.is_some_and(|j| j.due_at <= now))
}

/// The job: train, then again in a day.
pub async fn run(db: DatabaseConnection, _job: crate::entities::job::Model) -> JobOutcome {
    match train(&db).await {
        Ok(_) => JobOutcome::Later(next_day(crate::clock::now())),
        Err(error) => JobOutcome::Retry(error.to_string()),
    }
}
