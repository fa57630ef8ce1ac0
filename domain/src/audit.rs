//! The audit log: every administrative change is written with who did it, in the same
//! transaction as the change.

use crate::{entities::audit_log, policy::Actor};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

pub async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: &str,
    target: (&str, Option<i64>),
    detail: serde_json::Value,
) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        at: Set(crate::clock::now()),
        actor_user_id: Set(actor.principal().map(|p| p.user_id)),
        action: Set(action.to_owned()),
        target_kind: Set(target.0.to_owned()),
        target_id: Set(target.1),
        detail: Set(detail.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
