//! A ticket's satisfaction survey: opened in the transaction that first solves it (when surveys
//! are on and the requester is a customer; never a second one, so a rated ticket is never asked
//! again), and answered by its requester, signed in or through the link in their mail. An answer
//! may be changed (the last one counts) and a comment added; it stays one answer.

use super::{
    settings,
    types::{COMMENT_MAX_CHARS, CsatView, Scale, check_rating},
};
use crate::{
    entities::{csat_survey, user},
    error::DomainError,
    reactions::{Happened, dispatch::ReactionFuture},
    ticket_types::StatusCategory,
    validation::Checks,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, Set, sea_query::OnConflict,
};

fn scale_of(row: &csat_survey::Model) -> Scale {
    if row.scale == 2 { Scale::Two } else { Scale::Five }
}

/// The reaction: a ticket solved for the first time gets its survey.
pub fn open_on_solve<'a>(txn: &'a DatabaseTransaction, happened: &'a Happened) -> ReactionFuture<'a> {
    Box::pin(async move {
        if happened.moved_to() != Some(StatusCategory::Solved) {
            return Ok(());
        }
        open(txn, &happened.ticket, happened.at).await?;
        Ok(())
    })
}

/// Opens the survey of a solved ticket unless surveys are off, the requester is staff, or the
/// ticket has one. Returns whether it opened one.
pub(crate) async fn open(
    db: &impl ConnectionTrait,
    ticket: &crate::entities::ticket::Model,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let settings = settings::load(db).await?;
    if !settings.enabled {
        return Ok(false);
    }
    let requester = user::Entity::find_by_id(ticket.requester_id).one(db).await?;
    if requester.is_none_or(|u| u.role.is_staff()) {
        return Ok(false);
    }
    let ask_at = now + Duration::hours(i64::from(settings.delay_hours));
    let existing = csat_survey::Entity::find().filter(csat_survey::Column::TicketId.eq(ticket.id)).one(db).await?;
    if let Some(existing) = existing {
        // Solved again before it was ever asked: asked from this solve on, about this work.
        if existing.asked_at.is_none() && existing.answered_at.is_none() {
            let mut moved = existing.into_active_model();
            moved.ask_at = Set(ask_at);
            moved.agent_id = Set(ticket.assignee_id);
            moved.team_id = Set(ticket.team_id);
            moved.category_id = Set(ticket.category_id);
            moved.update(db).await?;
            if settings.delay_hours > 0 {
                super::asking::schedule_ask(db, ticket.id, ask_at, now).await?;
            }
        }
        return Ok(false);
    }
    let row = csat_survey::ActiveModel {
        ticket_id: Set(ticket.id),
        requester_id: Set(ticket.requester_id),
        agent_id: Set(ticket.assignee_id),
        team_id: Set(ticket.team_id),
        category_id: Set(ticket.category_id),
        scale: Set(i16::from(settings.scale.points())),
        question: Set(settings.question),
        ask_at: Set(ask_at),
        asked_at: Set(None),
        rating: Set(None),
        comment: Set(None),
        answered_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    let inserted = csat_survey::Entity::insert(row)
        .on_conflict(OnConflict::column(csat_survey::Column::TicketId).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    if inserted > 0 && settings.delay_hours > 0 {
        super::asking::schedule_ask(db, ticket.id, ask_at, now).await?;
    }
    Ok(inserted > 0)
}

/// A ticket's survey as its page shows it (`None`: never asked).
pub async fn view_of(db: &impl ConnectionTrait, ticket_id: i64) -> Result<Option<CsatView>, DomainError> {
    let row = csat_survey::Entity::find().filter(csat_survey::Column::TicketId.eq(ticket_id)).one(db).await?;
    Ok(row.map(|r| CsatView {
        question: r.question.clone(),
        scale: scale_of(&r),
        rating: r.rating.and_then(|n| u8::try_from(n).ok()),
        comment: r.comment.clone(),
        answered_at: r.answered_at,
        due: r.ask_at <= crate::clock::now() || r.answered_at.is_some(),
    }))
}

/// Records the requester's answer on the ticket's survey. `None` keeps what was given before
/// (a comment added to a rating, or a rating changed without touching the comment).
pub(crate) async fn answer(
    db: &DatabaseConnection,
    ticket_id: i64,
    rating: Option<u8>,
    comment: Option<String>,
) -> Result<CsatView, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let row = csat_survey::Entity::find()
        .filter(csat_survey::Column::TicketId.eq(ticket_id))
        .one(&*txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let scale = scale_of(&row);
    let mut checks = Checks::new();
    let rating = match rating {
        Some(r) => checks.check("rating", check_rating(scale, r)),
        None if row.rating.is_none() => {
            checks.add("rating", "Choose a rating first");
            None
        }
        None => None,
    };
    let comment = comment.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
    if comment.as_ref().is_some_and(|c| c.chars().count() > COMMENT_MAX_CHARS) {
        checks.add("comment", &format!("Use at most {COMMENT_MAX_CHARS} characters"));
    }
    checks.finish()?;
    let now = crate::clock::now();
    let first = row.answered_at.is_none();
    let mut changes = row.into_active_model();
    if let Some(rating) = rating {
        changes.rating = Set(Some(i16::from(rating)));
    }
    if comment.is_some() {
        changes.comment = Set(comment);
    }
    if first {
        changes.answered_at = Set(Some(now));
    }
    changes.update(&*txn).await?;
    txn.commit().await?;
    view_of(db, ticket_id).await?.ok_or(DomainError::Internal)
}
