//! Reading the audit log (admins): entries newest first, filtered by who, what, which object
//! and when, a page at a time by their place in the chain.

use crate::{
    audit_types::{AuditActor, AuditEntry, AuditFilter, AuditPage, PER_PAGE},
    entities::{audit_log, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
};
use chrono::{Days, NaiveTime};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, LikeExpr},
};
use std::collections::HashMap;

/// `text` as a LIKE pattern that matches itself only (`\` escapes).
fn literal_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

pub async fn list(db: &DatabaseConnection, actor: &Actor, filter: &AuditFilter) -> Result<AuditPage, DomainError> {
    authorize(actor, Action::ReadAuditLog)?;
    let kinds: Vec<String> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::TargetKind)
        .distinct()
        .order_by_asc(audit_log::Column::TargetKind)
        .into_tuple()
        .all(db)
        .await?;
    let mut query = audit_log::Entity::find();
    match &filter.actor {
        None => {}
        Some(AuditActor::System) => query = query.filter(audit_log::Column::ActorUserId.is_null()),
        Some(AuditActor::Email(email)) => {
            let Some(person) = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(db).await?
            else {
                return Ok(AuditPage { kinds, ..Default::default() });
            };
            query = query.filter(audit_log::Column::ActorUserId.eq(person.id));
        }
    }
    if let Some(action) = &filter.action {
        let family = LikeExpr::new(format!("{}.%", literal_like(action))).escape('\\');
        query = query.filter(
            Condition::any()
                .add(audit_log::Column::Action.eq(action.as_str()))
                .add(Expr::col(audit_log::Column::Action).like(family)),
        );
    }
    if let Some(kind) = &filter.target_kind {
        query = query.filter(audit_log::Column::TargetKind.eq(kind.as_str()));
    }
    if let Some(id) = filter.target_id {
        query = query.filter(audit_log::Column::TargetId.eq(id));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_log::Column::At.gte(from.and_time(NaiveTime::MIN).and_utc()));
    }
    if let Some(to) = filter.to.and_then(|to| to.checked_add_days(Days::new(1))) {
        query = query.filter(audit_log::Column::At.lt(to.and_time(NaiveTime::MIN).and_utc()));
    }
    if let Some(before) = filter.before {
        query = query.filter(audit_log::Column::Seq.lt(before));
    }
    let mut rows = query.order_by_desc(audit_log::Column::Seq).limit(PER_PAGE + 1).all(db).await?;
    let next_before = (rows.len() as u64 > PER_PAGE).then(|| {
        rows.truncate(PER_PAGE as usize);
        rows.last().map_or(0, |r| r.seq)
    });
    let actor_ids: Vec<i64> = rows.iter().filter_map(|r| r.actor_user_id).collect();
    let people: HashMap<i64, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(actor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let entries = rows
        .into_iter()
        .map(|r| {
            let person = r.actor_user_id.and_then(|id| people.get(&id));
            AuditEntry {
                seq: r.seq,
                at: r.at,
                actor_id: r.actor_user_id,
                actor_name: person.map(|p| p.name.clone()),
                actor_email: person.map(|p| p.email.clone()),
                action: r.action,
                target_kind: r.target_kind,
                target_id: r.target_id,
                detail: r.detail,
                hash: r.hash,
            }
        })
        .collect();
    Ok(AuditPage { entries, next_before, kinds })
}
