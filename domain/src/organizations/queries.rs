//! Reading organizations: the directory list and one organization.

use crate::{
    entities::{organization, organization_domain, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
    views::OrganizationView,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

#[derive(FromQueryResult)]
struct Count {
    organization_id: i64,
    members: i64,
}

/// Every organization, by name, with its domains and how many people belong to it.
pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<OrganizationView>, DomainError> {
    authorize(actor, Action::ViewDirectory)?;
    let rows = organization::Entity::find().order_by_asc(organization::Column::Name).all(db).await?;
    views(db, rows).await
}

/// One organization.
pub async fn detail(db: &impl ConnectionTrait, actor: &Actor, id: i64) -> Result<OrganizationView, DomainError> {
    authorize(actor, Action::ViewDirectory)?;
    let row = organization::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound)?;
    Ok(views(db, vec![row]).await?.remove(0))
}

async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<organization::Model>,
) -> Result<Vec<OrganizationView>, DomainError> {
    let ids: Vec<i64> = rows.iter().map(|o| o.id).collect();
    let mut domains: HashMap<i64, Vec<String>> = HashMap::new();
    for d in organization_domain::Entity::find()
        .filter(organization_domain::Column::OrganizationId.is_in(ids.clone()))
        .order_by_asc(organization_domain::Column::Domain)
        .all(db)
        .await?
    {
        domains.entry(d.organization_id).or_default().push(d.domain);
    }
    let members: HashMap<i64, i64> = user::Entity::find()
        .select_only()
        .column_as(user::Column::OrganizationId, "organization_id")
        .column_as(user::Column::Id.count(), "members")
        .filter(user::Column::OrganizationId.is_in(ids))
        .group_by(user::Column::OrganizationId)
        .into_model::<Count>()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.organization_id, c.members))
        .collect();
    Ok(rows
        .into_iter()
        .map(|o| OrganizationView {
            domains: domains.remove(&o.id).unwrap_or_default(),
            members: members.get(&o.id).copied().unwrap_or_default() as u64,
            id: o.id,
            name: o.name,
            shares_tickets: o.shares_tickets,
        })
        .collect())
}
