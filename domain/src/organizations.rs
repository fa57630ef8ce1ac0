//! Organizations: the companies customers belong to.

use crate::{
    audit,
    entities::organization,
    error::DomainError,
    policy::{Action, Actor, authorize},
    views::OrganizationView,
};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder, Set};
use serde_json::json;

pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<OrganizationView>, DomainError> {
    authorize(actor, Action::ViewDirectory)?;
    Ok(organization::Entity::find()
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| OrganizationView { id: o.id, name: o.name, domain: o.domain, shares_tickets: o.shares_tickets })
        .collect())
}

pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    name: &str,
    domain: Option<&str>,
    shares_tickets: bool,
) -> Result<i64, DomainError> {
    authorize(actor, Action::ManageUsers)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(DomainError::field("name", "Enter an organization name"));
    }
    let txn = crate::db::begin_write(db).await?;
    let model = organization::ActiveModel {
        name: Set(name.to_owned()),
        domain: Set(domain.map(|d| d.trim().to_lowercase()).filter(|d| !d.is_empty())),
        shares_tickets: Set(shares_tickets),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, actor, "organization.create", ("organization", Some(model.id)), json!({ "name": name }))
        .await?;
    txn.commit().await?;
    Ok(model.id)
}
