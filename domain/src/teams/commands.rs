//! Changing teams: create, rename, add and remove members, choose which tickets they see.
//! Admins do all of it; managers rename and staff the teams they belong to. Every change is
//! audited.

use crate::{
    audit,
    entities::{team, team_member, user},
    error::DomainError,
    policy::{Action, Actor, authorize, can},
    team_types::TicketScope,
    validation::Checks,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel, QueryFilter, Set, SqlErr,
    sea_query::OnConflict,
};
use serde_json::json;

const DUPLICATE_NAME: &str = "A team with this name already exists";

fn parse(name: &str, description: &str) -> Result<(String, String), DomainError> {
    let mut checks = Checks::new();
    let name = name.trim();
    let description = description.trim();
    if name.is_empty() {
        checks.add("name", "Enter a team name");
    } else if name.chars().count() > 100 {
        checks.add("name", "Use at most 100 characters");
    }
    if description.chars().count() > 500 {
        checks.add("description", "Use at most 500 characters");
    }
    checks.finish()?;
    Ok((name.to_owned(), description.to_owned()))
}

fn map_unique(err: DbErr) -> DomainError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => DomainError::field("name", DUPLICATE_NAME),
        _ => err.into(),
    }
}

/// Admins run every team; managers the teams they belong to.
async fn authorize_lead(db: &DatabaseConnection, actor: &Actor, team_id: i64) -> Result<(), DomainError> {
    if can(actor, Action::ManageTeams) {
        return Ok(());
    }
    authorize(actor, Action::LeadTeams)?;
    let me = actor.principal().map_or(0, |p| p.user_id);
    let member = team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team_id))
        .filter(team_member::Column::UserId.eq(me))
        .one(db)
        .await?;
    if member.is_some() { Ok(()) } else { Err(DomainError::Forbidden) }
}

async fn name_taken(db: &DatabaseConnection, name: &str, except: Option<i64>) -> Result<bool, DomainError> {
    let found = team::Entity::find().filter(team::Column::Name.eq(name)).one(db).await?;
    Ok(found.is_some_and(|t| Some(t.id) != except))
}

pub async fn create(db: &DatabaseConnection, actor: &Actor, name: &str, description: &str) -> Result<i64, DomainError> {
    authorize(actor, Action::ManageTeams)?;
    let (name, description) = parse(name, description)?;
    if name_taken(db, &name, None).await? {
        return Err(DomainError::field("name", DUPLICATE_NAME));
    }
    let txn = crate::db::begin_write(db).await?;
    let model = team::ActiveModel {
        name: Set(name.clone()),
        description: Set(description),
        ticket_scope: Set(TicketScope::All),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(map_unique)?;
    audit::record(&txn, actor, "team.create", ("team", Some(model.id)), json!({ "name": name })).await?;
    crate::desk_config::cache::changed(&txn).await?;
    txn.commit().await?;
    Ok(model.id)
}

pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    team_id: i64,
    name: &str,
    description: &str,
) -> Result<(), DomainError> {
    authorize_lead(db, actor, team_id).await?;
    let (name, description) = parse(name, description)?;
    if name_taken(db, &name, Some(team_id)).await? {
        return Err(DomainError::field("name", DUPLICATE_NAME));
    }
    let txn = crate::db::begin_write(db).await?;
    let model = team::Entity::find_by_id(team_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
    let old = model.name.clone();
    let mut row = model.into_active_model();
    row.name = Set(name.clone());
    row.description = Set(description);
    row.update(&txn).await.map_err(map_unique)?;
    audit::record(&txn, actor, "team.update", ("team", Some(team_id)), json!({ "old_name": old, "name": name }))
        .await?;
    crate::desk_config::cache::changed(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Chooses whether the team's agents see every ticket or only their teams' (and their own).
pub async fn set_ticket_scope(
    db: &DatabaseConnection,
    actor: &Actor,
    team_id: i64,
    scope: TicketScope,
) -> Result<(), DomainError> {
    authorize(actor, Action::ManageTeams)?;
    let txn = crate::db::begin_write(db).await?;
    let model = team::Entity::find_by_id(team_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
    let old = model.ticket_scope;
    if old != scope {
        let mut row = model.into_active_model();
        row.ticket_scope = Set(scope);
        row.update(&txn).await?;
        let detail = json!({ "old_ticket_scope": old.as_str(), "ticket_scope": scope.as_str() });
        audit::record(&txn, actor, "team.ticket_scope", ("team", Some(team_id)), detail).await?;
        crate::desk_config::cache::changed(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The highest escalation tier a team may have.
pub const TIER_MAX: i32 = 9;

/// A tier as typed: blank for none, or a whole number from 1 to 9.
pub fn parse_tier(input: &str) -> Result<Option<i32>, &'static str> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i32>() {
        Ok(n) if (1..=TIER_MAX).contains(&n) => Ok(Some(n)),
        _ => Err("Enter a tier from 1 to 9, or leave it blank"),
    }
}

/// Sets a team's escalation tier (admins): "escalate" moves a ticket to the team of the next
/// tier up. Two teams may share a tier; the older one is escalated to first.
pub async fn set_tier(
    db: &DatabaseConnection,
    actor: &Actor,
    team_id: i64,
    tier: Option<i32>,
) -> Result<(), DomainError> {
    authorize(actor, Action::ManageTeams)?;
    if tier.is_some_and(|t| !(1..=TIER_MAX).contains(&t)) {
        return Err(DomainError::field("tier", "Enter a tier from 1 to 9, or leave it blank"));
    }
    let txn = crate::db::begin_write(db).await?;
    let model = team::Entity::find_by_id(team_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
    let old = model.tier;
    if old != tier {
        let mut row = model.into_active_model();
        row.tier = Set(tier);
        row.update(&txn).await?;
        audit::record(&txn, actor, "team.tier", ("team", Some(team_id)), json!({ "old": old, "new": tier })).await?;
        crate::desk_config::cache::changed(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Adds an active agent or admin to a team; adding a member twice changes nothing.
pub async fn add_member(db: &DatabaseConnection, actor: &Actor, team_id: i64, user_id: i64) -> Result<(), DomainError> {
    authorize_lead(db, actor, team_id).await?;
    let txn = crate::db::begin_write(db).await?;
    team::Entity::find_by_id(team_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
    let member = user::Entity::find_by_id(user_id).one(&txn).await?;
    let staff = member.is_some_and(|u| u.active && u.role.is_staff());
    if !staff {
        return Err(DomainError::field("user_id", "Choose an active agent or admin"));
    }
    let inserted = team_member::Entity::insert(team_member::ActiveModel {
        team_id: Set(team_id),
        user_id: Set(user_id),
        last_turn: Set(0),
    })
    .on_conflict(
        OnConflict::columns([team_member::Column::TeamId, team_member::Column::UserId]).do_nothing().to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted > 0 {
        audit::record(&txn, actor, "team.add_member", ("team", Some(team_id)), json!({ "user_id": user_id })).await?;
    }
    txn.commit().await?;
    Ok(())
}

pub async fn remove_member(
    db: &DatabaseConnection,
    actor: &Actor,
    team_id: i64,
    user_id: i64,
) -> Result<(), DomainError> {
    authorize_lead(db, actor, team_id).await?;
    let txn = crate::db::begin_write(db).await?;
    let removed = team_member::Entity::delete_many()
        .filter(team_member::Column::TeamId.eq(team_id))
        .filter(team_member::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?
        .rows_affected;
    if removed == 0 {
        return Err(DomainError::NotFound);
    }
    audit::record(&txn, actor, "team.remove_member", ("team", Some(team_id)), json!({ "user_id": user_id })).await?;
    txn.commit().await?;
    Ok(())
}
