//! Who may see reports: admins and managers, and the agents an admin allows (kept as a list of
//! user ids in `settings.report_viewers`; changing it is audited).

use crate::{
    audit,
    entities::user,
    error::DomainError,
    policy::{Action, Actor, authorize},
    role::Role,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::json;

const KEY: &str = "report_viewers";

/// The agents an admin allowed to see reports.
pub async fn allowed_agents(db: &impl ConnectionTrait) -> Result<Vec<i64>, DomainError> {
    Ok(crate::settings_row::read(db, KEY).await?.unwrap_or_default())
}

/// Whether the caller may see reports.
pub async fn may_view(db: &impl ConnectionTrait, actor: &Actor) -> Result<bool, DomainError> {
    let Some(principal) = actor.principal() else { return Ok(false) };
    Ok(match actor.role() {
        Some(Role::Admin | Role::Manager) => true,
        Some(Role::Agent) => allowed_agents(db).await?.contains(&principal.user_id),
        _ => false,
    })
}

/// Refuses callers who may not see reports.
pub async fn check(db: &impl ConnectionTrait, actor: &Actor) -> Result<(), DomainError> {
    // A mailed ticket link opens its ticket only: anything else asks to sign in.
    if actor.principal().is_none() || matches!(actor, Actor::Link { .. }) {
        return Err(DomainError::Unauthenticated);
    }
    if may_view(db, actor).await? { Ok(()) } else { Err(DomainError::Forbidden) }
}

/// Sets which agents may see reports (admins only; ids of anyone but active agents are refused).
pub async fn set_allowed_agents(db: &DatabaseConnection, actor: &Actor, ids: Vec<i64>) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let mut ids = ids;
    ids.sort_unstable();
    ids.dedup();
    let agents: Vec<i64> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .filter(user::Column::Role.eq(Role::Agent))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    if agents.len() != ids.len() {
        return Err(DomainError::field("agents", "Choose agents from the list"));
    }
    let txn = crate::db::begin_write(db).await?;
    let value = serde_json::to_string(&ids).map_err(|_| DomainError::Internal)?;
    crate::settings_row::write(&*txn, KEY, value).await?;
    audit::record(&*txn, actor, "settings.report_viewers", ("setting", None), json!({ "agents": ids })).await?;
    txn.commit().await?;
    Ok(())
}
