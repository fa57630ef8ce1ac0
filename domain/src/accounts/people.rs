//! People by id: one query for the users a page or a command names, then their names and roles.

use crate::{entities::user, error::DomainError, role::Role, ticket_types::OptionView};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};

/// Names (and roles) of users by id.
pub async fn people(db: &impl ConnectionTrait, ids: HashSet<i64>) -> Result<HashMap<i64, user::Model>, DomainError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|u| (u.id, u)).collect())
}

pub fn person(people: &HashMap<i64, user::Model>, id: i64) -> OptionView {
    OptionView { id, name: people.get(&id).map_or_else(|| "Deleted user".into(), |u| u.name.clone()) }
}

pub fn role_of(people: &HashMap<i64, user::Model>, id: Option<i64>) -> Role {
    id.and_then(|id| people.get(&id)).map_or(Role::Customer, |u| u.role)
}
