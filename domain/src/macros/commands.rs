//! Keeping macros: any agent makes, changes and deletes their own; admins also the shared ones.
//! Names are unique per owner (and among the shared). Every change is audited.

use super::types::{MacroAssign, PLACEHOLDERS};
use crate::{
    audit,
    desk_config::{Config, types::parse_label},
    entities::{macro_row, user},
    error::DomainError,
    policy::{Action, Actor, authorize, can},
    tickets::commands::parse_tags,
    validation::Checks,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use serde_json::json;

pub const NAME_MAX_CHARS: usize = 100;
pub const BODY_MAX_CHARS: usize = 10_000;
/// Macros one agent may have (and shared ones).
pub const MAX_MACROS: usize = 300;

/// A macro as the form sends it.
#[derive(Debug, Clone, Default)]
pub struct MacroInput {
    pub name: String,
    pub body: String,
    pub status_id: Option<i64>,
    /// Comma or space separated.
    pub tags: String,
    pub assign: MacroAssign,
    pub shared: bool,
}

fn me(actor: &Actor) -> Result<i64, DomainError> {
    Ok(actor.principal().ok_or(DomainError::Unauthenticated)?.user_id)
}

/// Who may change a macro: its owner, and admins for shared ones.
fn may_edit(actor: &Actor, row: &macro_row::Model) -> bool {
    match row.owner_id {
        Some(owner) => actor.principal().is_some_and(|p| p.user_id == owner),
        None => can(actor, Action::ConfigureDesk),
    }
}

async fn check(
    db: &impl ConnectionTrait,
    config: &Config,
    actor: &Actor,
    input: &MacroInput,
    id: Option<i64>,
) -> Result<(String, String, Vec<String>), DomainError> {
    let mut checks = Checks::new();
    let name = checks.check("name", parse_label(&input.name, NAME_MAX_CHARS));
    let body = input.body.trim().to_owned();
    if body.is_empty() {
        checks.add("body", "Write the text the macro inserts");
    } else if body.chars().count() > BODY_MAX_CHARS {
        checks.add("body", "Use at most 10,000 characters");
    }
    let unknown = crate::email::templates::unknown_in(&body, &PLACEHOLDERS);
    if !unknown.is_empty() {
        let known = PLACEHOLDERS.map(|p| format!("{{{{{p}}}}}")).join(", ");
        checks.add("body", &format!("Unknown placeholder {}: use {known}", unknown.join(", ")));
    }
    if input.status_id.is_some_and(|id| !config.statuses.iter().any(|s| s.id == id && s.active)) {
        checks.add("status_id", "Choose one of the statuses");
    }
    let tags = checks.check("tags", parse_tags(&input.tags));
    if let MacroAssign::Agent(agent) = input.assign {
        let found = user::Entity::find_by_id(agent).one(db).await?;
        if !found.is_some_and(|u| u.active && u.role.is_staff()) {
            checks.add("assign", "Choose an active agent");
        }
    }
    if input.shared && !can(actor, Action::ConfigureDesk) {
        checks.add("shared", "Only admins share macros with every agent");
    }
    let owner = if input.shared { None } else { Some(me(actor)?) };
    let siblings = macro_row::Entity::find()
        .filter(match owner {
            Some(o) => macro_row::Column::OwnerId.eq(o),
            None => macro_row::Column::OwnerId.is_null(),
        })
        .all(db)
        .await?;
    if let Some(name) = &name
        && siblings.iter().any(|m| Some(m.id) != id && m.name.to_lowercase() == name.to_lowercase())
    {
        checks.add("name", "You already have a macro with this name");
    }
    if id.is_none() && siblings.len() >= MAX_MACROS {
        checks.add("name", "At most 300 macros each");
    }
    checks.finish()?;
    let (Some(name), Some(tags)) = (name, tags) else { return Err(DomainError::Internal) };
    Ok((name, body, tags))
}

fn assign_columns(assign: MacroAssign) -> (bool, Option<i64>) {
    match assign {
        MacroAssign::Nobody => (false, None),
        MacroAssign::Me => (true, None),
        MacroAssign::Agent(id) => (false, Some(id)),
    }
}

fn tags_json(tags: &[String]) -> Result<String, DomainError> {
    serde_json::to_string(tags).map_err(|_| DomainError::Internal)
}

pub async fn create(db: &DatabaseConnection, actor: &Actor, input: MacroInput) -> Result<i64, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let config = Config::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let (name, body, tags) = check(&*txn, &config, actor, &input, None).await?;
    let (assign_me, assignee_id) = assign_columns(input.assign);
    let now = crate::clock::now();
    let row = macro_row::ActiveModel {
        owner_id: Set(if input.shared { None } else { Some(me(actor)?) }),
        name: Set(name.clone()),
        body: Set(body),
        status_id: Set(input.status_id),
        add_tags: Set(tags_json(&tags)?),
        assign_me: Set(assign_me),
        assignee_id: Set(assignee_id),
        usage_count: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    let detail = json!({ "name": name, "shared": input.shared });
    audit::record(&*txn, actor, "macro.create", ("macro", Some(row.id)), detail).await?;
    txn.commit().await?;
    Ok(row.id)
}

pub async fn update(db: &DatabaseConnection, actor: &Actor, id: i64, input: MacroInput) -> Result<(), DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let config = Config::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let row = macro_row::Entity::find_by_id(id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    if !may_edit(actor, &row) {
        return Err(if row.owner_id.is_some() { DomainError::NotFound } else { DomainError::Forbidden });
    }
    let (name, body, tags) = check(&*txn, &config, actor, &input, Some(id)).await?;
    let (assign_me, assignee_id) = assign_columns(input.assign);
    let mut changes = row.into_active_model();
    changes.owner_id = Set(if input.shared { None } else { Some(me(actor)?) });
    changes.name = Set(name.clone());
    changes.body = Set(body);
    changes.status_id = Set(input.status_id);
    changes.add_tags = Set(tags_json(&tags)?);
    changes.assign_me = Set(assign_me);
    changes.assignee_id = Set(assignee_id);
    changes.updated_at = Set(crate::clock::now());
    changes.update(&*txn).await?;
    let detail = json!({ "name": name, "shared": input.shared });
    audit::record(&*txn, actor, "macro.update", ("macro", Some(id)), detail).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn delete(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<(), DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    let txn = crate::db::begin_write(db).await?;
    let row = macro_row::Entity::find_by_id(id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    if !may_edit(actor, &row) {
        return Err(if row.owner_id.is_some() { DomainError::NotFound } else { DomainError::Forbidden });
    }
    macro_row::Entity::delete_by_id(id).exec(&*txn).await?;
    audit::record(&*txn, actor, "macro.delete", ("macro", Some(id)), json!({ "name": row.name })).await?;
    txn.commit().await?;
    Ok(())
}
