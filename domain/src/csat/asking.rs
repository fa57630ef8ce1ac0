//! Asking the customer: the survey's question and one-click rating links, in the solved mail
//! when there is no delay, or in a survey mail of its own from the `csat.ask` job when the admin
//! set one. A survey is asked at most once; a reopened ticket is asked when it is solved again.

use super::{rating, types::Scale};
use crate::{
    email::notify::{self, Notice},
    entities::{csat_survey, job, ticket},
    error::DomainError,
    jobs::{JobOutcome, NewJob, schedule},
    ticket_types::StatusCategory,
    tickets::Config,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use serde_json::json;

pub const JOB_KIND: &str = "csat.ask";

/// The survey's part of a mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub question: String,
    /// One line per rating, best first: its words and the link that records it in one click.
    pub links: String,
}

/// The job that mails a delayed survey when its time comes (one per ticket, moved when the
/// ticket is solved again).
pub fn job_for(ticket_id: i64, due_at: DateTime<Utc>) -> NewJob {
    NewJob {
        kind: JOB_KIND,
        payload: json!({ "ticket_id": ticket_id }),
        due_at,
        dedupe_key: Some(format!("csat:{ticket_id}")),
    }
}

/// Asks the ticket's survey if it is due and was never asked nor answered: issues the rating
/// link, marks it asked, and returns what the mail says. `None`: nothing to ask now.
pub async fn ask_now(
    txn: &impl ConnectionTrait,
    ticket_id: i64,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<Option<Asked>, DomainError> {
    let Some(survey) = csat_survey::Entity::find().filter(csat_survey::Column::TicketId.eq(ticket_id)).one(txn).await?
    else {
        return Ok(None);
    };
    if survey.asked_at.is_some() || survey.answered_at.is_some() || survey.ask_at > now {
        return Ok(None);
    }
    let secret = rating::issue_link(txn, &survey).await?;
    let scale = if survey.scale == 2 { Scale::Two } else { Scale::Five };
    let base = public_url.trim_end_matches('/');
    let path = crate::access::requests::path_of(crate::entities::access_token::TokenPurpose::Rating, &secret);
    let links = scale
        .choices()
        .into_iter()
        .rev()
        .map(|(points, words)| format!("  {words}: {base}{path}?rating={points}"))
        .collect::<Vec<_>>()
        .join("\n");
    let question = survey.question.clone();
    let mut asked = survey.into_active_model();
    asked.asked_at = Set(Some(now));
    asked.update(txn).await?;
    Ok(Some(Asked { question, links }))
}

/// The job: mails the survey if the ticket is still solved (or closed) and nobody answered.
pub async fn run(db: DatabaseConnection, job: job::Model) -> JobOutcome {
    match mail_if_due(&db, &job).await {
        Ok(outcome) => outcome,
        Err(error) => JobOutcome::Retry(error.to_string()),
    }
}

async fn mail_if_due(db: &DatabaseConnection, job: &job::Model) -> Result<JobOutcome, DomainError> {
    let payload: serde_json::Value = serde_json::from_str(&job.payload).map_err(|_| DomainError::Internal)?;
    let Some(ticket_id) = payload["ticket_id"].as_i64() else {
        return Ok(JobOutcome::Fail("the payload names no ticket".into()));
    };
    let survey = csat_survey::Entity::find().filter(csat_survey::Column::TicketId.eq(ticket_id)).one(db).await?;
    let Some(survey) = survey.filter(|s| s.asked_at.is_none() && s.answered_at.is_none()) else {
        return Ok(JobOutcome::Done);
    };
    let now = crate::clock::now();
    if now < survey.ask_at {
        return Ok(JobOutcome::Later(survey.ask_at));
    }
    let Some(row) = ticket::Entity::find_by_id(ticket_id).one(db).await? else { return Ok(JobOutcome::Done) };
    let category = Config::load(db).await?.status(row.status_id)?.category;
    if !matches!(category, StatusCategory::Solved | StatusCategory::Closed) {
        // Reopened meanwhile: asked when it is solved again.
        return Ok(JobOutcome::Done);
    }
    let txn = crate::db::begin_write(db).await?;
    notify::notify(&*txn, &row, Notice::Survey, now).await?;
    txn.commit().await?;
    Ok(JobOutcome::Done)
}

/// Schedules the delayed survey's job.
pub(crate) async fn schedule_ask(
    db: &impl ConnectionTrait,
    ticket_id: i64,
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    schedule(db, job_for(ticket_id, due_at), now).await
}
