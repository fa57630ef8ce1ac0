//! Routing rules as admins keep them: ordered, named, switched on and off, with conditions in
//! the filter language and what they set (team, category, priority, tags to add, skills the
//! ticket needs), for new tickets and, when marked, for changed ones. Every change is audited
//! and changes the configuration version, so every process routes by the new rules at once.

use super::conditions::{FIELDS, RuleConditions};
use crate::{
    audit,
    desk_config::{
        Config, cache,
        types::parse_label,
        unique::{TAKEN, map_unique, taken},
    },
    entities::routing_rule,
    error::DomainError,
    policy::{Action, Actor, authorize},
    tickets::commands::parse_tags,
    validation::Checks,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use serde_json::json;

pub const NAME_MAX_CHARS: usize = 100;
pub const MAX_RULES: usize = 200;

/// A rule as the form sends it.
#[derive(Debug, Clone, Default)]
pub struct RuleInput {
    pub name: String,
    pub conditions: String,
    pub team_id: Option<i64>,
    pub category_id: Option<i64>,
    pub priority_id: Option<i64>,
    /// Comma or space separated.
    pub tags: String,
    pub skills: String,
    pub on_change: bool,
    pub active: bool,
}

struct Checked {
    name: String,
    conditions: String,
    tags: Vec<String>,
    skills: Vec<String>,
}

fn check(
    config: &Config,
    fields: &crate::custom_fields::catalog::Fields,
    rows: &[routing_rule::Model],
    input: &RuleInput,
    id: Option<i64>,
) -> Result<Checked, DomainError> {
    let mut checks = Checks::new();
    let name = checks.check("name", parse_label(&input.name, NAME_MAX_CHARS));
    if let Some(name) = &name
        && taken(rows.iter().map(|r| (r.id, r.name.as_str())), name, id)
    {
        checks.add("name", TAKEN);
    }
    let conditions = input.conditions.trim().to_owned();
    match RuleConditions::parse(&conditions).map(|mut parsed| parsed.resolve(fields)) {
        Err(message) => checks.add("conditions", &message),
        Ok(Err(refused)) => {
            let message = refused.fields().first().map_or("Check the custom-field terms", |f| f.message.as_str());
            checks.add("conditions", message);
        }
        Ok(Ok(())) => {}
    }
    if input.team_id.is_some_and(|id| !config.teams.iter().any(|t| t.id == id)) {
        checks.add("team_id", "Choose one of the teams");
    }
    if input.category_id.is_some_and(|id| !config.categories.iter().any(|c| c.id == id && c.active)) {
        checks.add("category_id", "Choose one of the categories");
    }
    if input.priority_id.is_some_and(|id| !config.priorities.iter().any(|p| p.id == id && p.active)) {
        checks.add("priority_id", "Choose one of the priorities");
    }
    let tags = checks.check("tags", parse_tags(&input.tags));
    let skills = checks.check("skills", super::agents::parse_skills(&input.skills));
    let sets_nothing = input.team_id.is_none()
        && input.category_id.is_none()
        && input.priority_id.is_none()
        && tags.as_ref().is_some_and(Vec::is_empty)
        && skills.as_ref().is_some_and(Vec::is_empty);
    if sets_nothing {
        checks.add("team_id", "Choose what the rule sets: a team, category, priority, tags or skills");
    }
    if id.is_none() && rows.len() >= MAX_RULES {
        checks.add("name", "A desk has at most 200 routing rules");
    }
    checks.finish()?;
    let (Some(name), Some(tags), Some(skills)) = (name, tags, skills) else { return Err(DomainError::Internal) };
    Ok(Checked { name, conditions, tags, skills })
}

fn json_list(list: &[String]) -> Result<String, DomainError> {
    serde_json::to_string(list).map_err(|_| DomainError::Internal)
}

fn detail(c: &Checked, input: &RuleInput) -> serde_json::Value {
    json!({
        "name": c.name, "conditions": c.conditions, "team_id": input.team_id, "category_id": input.category_id,
        "priority_id": input.priority_id, "tags": c.tags, "skills": c.skills, "on_change": input.on_change,
        "active": input.active,
    })
}

async fn all(db: &impl sea_orm::ConnectionTrait) -> Result<Vec<routing_rule::Model>, DomainError> {
    Ok(routing_rule::Entity::find()
        .order_by_asc(routing_rule::Column::Position)
        .order_by_asc(routing_rule::Column::Id)
        .all(db)
        .await?)
}

pub async fn create(db: &DatabaseConnection, actor: &Actor, input: RuleInput) -> Result<i64, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let config = Config::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let rows = all(&*txn).await?;
    let fields = crate::custom_fields::catalog::Fields::load(&*txn).await?;
    let checked = check(&config, &fields, &rows, &input, None)?;
    let now = crate::clock::now();
    let row = routing_rule::ActiveModel {
        name: Set(checked.name.clone()),
        position: Set(rows.last().map_or(1, |r| r.position + 1)),
        active: Set(input.active),
        on_change: Set(input.on_change),
        conditions: Set(checked.conditions.clone()),
        set_team_id: Set(input.team_id),
        set_category_id: Set(input.category_id),
        set_priority_id: Set(input.priority_id),
        add_tags: Set(json_list(&checked.tags)?),
        required_skills: Set(json_list(&checked.skills)?),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await
    .map_err(map_unique)?;
    audit::record(&*txn, actor, "routing_rule.create", ("routing_rule", Some(row.id)), detail(&checked, &input))
        .await?;
    cache::changed(&*txn).await?;
    txn.commit().await?;
    Ok(row.id)
}

pub async fn update(db: &DatabaseConnection, actor: &Actor, id: i64, input: RuleInput) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let config = Config::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let rows = all(&*txn).await?;
    let row = rows.iter().find(|r| r.id == id).cloned().ok_or(DomainError::NotFound)?;
    let fields = crate::custom_fields::catalog::Fields::load(&*txn).await?;
    let checked = check(&config, &fields, &rows, &input, Some(id))?;
    let mut changes = row.into_active_model();
    changes.name = Set(checked.name.clone());
    changes.conditions = Set(checked.conditions.clone());
    changes.active = Set(input.active);
    changes.on_change = Set(input.on_change);
    changes.set_team_id = Set(input.team_id);
    changes.set_category_id = Set(input.category_id);
    changes.set_priority_id = Set(input.priority_id);
    changes.add_tags = Set(json_list(&checked.tags)?);
    changes.required_skills = Set(json_list(&checked.skills)?);
    changes.updated_at = Set(crate::clock::now());
    changes.update(&*txn).await.map_err(map_unique)?;
    audit::record(&*txn, actor, "routing_rule.update", ("routing_rule", Some(id)), detail(&checked, &input)).await?;
    cache::changed(&*txn).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn delete(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let row = routing_rule::Entity::find_by_id(id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    routing_rule::Entity::delete_by_id(id).exec(&*txn).await?;
    audit::record(&*txn, actor, "routing_rule.delete", ("routing_rule", Some(id)), json!({ "name": row.name })).await?;
    cache::changed(&*txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a rule one place earlier (`up`) or later.
pub async fn move_rule(db: &DatabaseConnection, actor: &Actor, id: i64, up: bool) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let rows = all(&*txn).await?;
    let positions =
        crate::desk_config::order::moved(&rows.iter().map(|r| (r.id, r.position)).collect::<Vec<_>>(), id, up)?;
    if positions.is_empty() {
        return Ok(());
    }
    for (row, position) in positions {
        routing_rule::Entity::update_many()
            .col_expr(routing_rule::Column::Position, sea_orm::sea_query::Expr::value(position))
            .filter(routing_rule::Column::Id.eq(row))
            .exec(&*txn)
            .await?;
    }
    let detail = json!({ "direction": if up { "up" } else { "down" } });
    audit::record(&*txn, actor, "routing_rule.move", ("routing_rule", Some(id)), detail).await?;
    cache::changed(&*txn).await?;
    txn.commit().await?;
    Ok(())
}

/// What the conditions may name, for the form's hint.
pub fn fields_hint() -> &'static str {
    FIELDS
}
