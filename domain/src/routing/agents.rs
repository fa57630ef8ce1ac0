//! Admins' routing settings beyond the rules: each team's assignment strategy, each agent's
//! capacity and skills, and the skills a category's tickets need. Audited; a change that can
//! free someone (a team turned automatic, a capacity raised) hands out what waits at once.

use super::{availability::catch_up, types::Strategy};
use crate::{
    audit,
    desk_config::{Config, cache},
    entities::{category, team, team_member, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
    tickets::commands::parse_tags,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::json;

/// Skills as typed: lower-case words like tags, comma or space separated.
pub fn parse_skills(input: &str) -> Result<Vec<String>, String> {
    parse_tags(input).map_err(|m| m.replace("Tags", "Skills").replace("tags", "skills"))
}

fn skills_json(input: &str) -> Result<(Vec<String>, String), DomainError> {
    let skills = parse_skills(input).map_err(|m| DomainError::field("skills", m))?;
    let json = serde_json::to_string(&skills).map_err(|_| DomainError::Internal)?;
    Ok((skills, json))
}

/// Chooses how a team's tickets find an agent. Turning a team automatic hands its waiting
/// tickets to the members who take tickets now.
pub async fn set_strategy(
    db: &DatabaseConnection,
    actor: &Actor,
    team_id: i64,
    strategy: Strategy,
) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let row = team::Entity::find_by_id(team_id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    if row.assignment == strategy {
        return Ok(());
    }
    let old = row.assignment;
    let mut changes = row.into_active_model();
    changes.assignment = Set(strategy);
    changes.update(&*txn).await?;
    let detail = json!({ "old": old.as_str(), "new": strategy.as_str() });
    audit::record(&*txn, actor, "team.assignment", ("team", Some(team_id)), detail).await?;
    cache::changed(&*txn).await?;
    if strategy.is_automatic() {
        // The configuration as this transaction left it.
        let config = Config::load(&*txn).await?;
        let members = team_member::Entity::find().filter(team_member::Column::TeamId.eq(team_id)).all(&*txn).await?;
        for m in members {
            catch_up(&txn, &config, m.user_id, "takes tickets").await?;
        }
    }
    crate::live::commit(txn).await?;
    Ok(())
}

/// Sets an agent's capacity (`None`: no limit) and skills (comma or space separated).
pub async fn set_agent(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i64,
    capacity: Option<u32>,
    skills: &str,
) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let (list, json) = skills_json(skills)?;
    let config = Config::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let row = user::Entity::find_by_id(user_id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    if !row.role.is_staff() {
        return Err(DomainError::NotFound);
    }
    let old_capacity = row.ticket_capacity;
    let capacity = capacity.map(|c| i32::try_from(c).unwrap_or(i32::MAX));
    let mut changes = row.into_active_model();
    changes.ticket_capacity = Set(capacity);
    changes.skills = Set(json);
    changes.update(&*txn).await?;
    let detail = json!({ "old_capacity": old_capacity, "capacity": capacity, "skills": list });
    audit::record(&*txn, actor, "user.routing", ("user", Some(user_id)), detail).await?;
    catch_up(&txn, &config, user_id, "has more room").await?;
    crate::live::commit(txn).await?;
    Ok(())
}

/// Sets the skills a category's tickets need.
pub async fn set_category_skills(
    db: &DatabaseConnection,
    actor: &Actor,
    category_id: i64,
    skills: &str,
) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let (list, json) = skills_json(skills)?;
    let txn = crate::db::begin_write(db).await?;
    let row = category::Entity::find_by_id(category_id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    let mut changes = row.into_active_model();
    changes.skills = Set(json);
    changes.update(&*txn).await?;
    audit::record(&*txn, actor, "category.skills", ("category", Some(category_id)), json!({ "skills": list })).await?;
    cache::changed(&*txn).await?;
    txn.commit().await?;
    Ok(())
}
