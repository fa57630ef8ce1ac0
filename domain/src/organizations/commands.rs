//! Changing organizations: create, edit (name, sharing, domains), add and remove members. Every
//! change is audited. Adding a domain joins the verified customers already at it who belong to
//! no organization, as their next sign-in at it would have.

use super::domains::parse_list;
use crate::{
    audit,
    entities::{organization, organization_domain, user},
    error::DomainError,
    policy::{Action, Actor, authorize},
    role::Role,
    validation::{Checks, Email},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, Set, SqlErr, sea_query::Expr,
};
use serde_json::json;

const DUPLICATE_NAME: &str = "An organization with this name already exists";

/// What an admin sets on an organization.
#[derive(Debug, Clone, Default)]
pub struct OrganizationInput {
    pub name: String,
    pub shares_tickets: bool,
    /// As typed: separated by commas, spaces or new lines.
    pub domains: String,
}

struct Valid {
    name: String,
    shares_tickets: bool,
    domains: Vec<String>,
}

fn parse(input: &OrganizationInput) -> Result<Valid, DomainError> {
    let mut checks = Checks::new();
    let name = input.name.trim();
    if name.is_empty() {
        checks.add("name", "Enter an organization name");
    } else if name.chars().count() > 200 {
        checks.add("name", "Use at most 200 characters");
    }
    let domains = match parse_list(&input.domains, "domains") {
        Ok(domains) => domains,
        Err(err) => {
            for f in err.fields() {
                checks.add(&f.field, &f.message);
            }
            Vec::new()
        }
    };
    checks.finish()?;
    Ok(Valid { name: name.to_owned(), shares_tickets: input.shares_tickets, domains })
}

fn map_unique(err: DbErr) -> DomainError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => DomainError::field("name", DUPLICATE_NAME),
        _ => err.into(),
    }
}

async fn name_taken(db: &impl ConnectionTrait, name: &str, except: Option<i64>) -> Result<bool, DomainError> {
    let found = organization::Entity::find().filter(organization::Column::Name.eq(name)).one(db).await?;
    Ok(found.is_some_and(|o| Some(o.id) != except))
}

/// Refuses a domain another organization has.
async fn check_domains_free(
    txn: &DatabaseTransaction,
    domains: &[String],
    org: Option<i64>,
) -> Result<(), DomainError> {
    let taken = organization_domain::Entity::find()
        .filter(organization_domain::Column::Domain.is_in(domains.to_vec()))
        .all(txn)
        .await?;
    if let Some(other) = taken.into_iter().find(|d| Some(d.organization_id) != org) {
        let owner = organization::Entity::find_by_id(other.organization_id).one(txn).await?.map(|o| o.name);
        return Err(DomainError::field(
            "domains",
            format!("{} already belongs to {}", other.domain, owner.unwrap_or_else(|| "another organization".into())),
        ));
    }
    Ok(())
}

/// Makes `domains` the organization's, and joins the verified customers at the new ones who
/// belong nowhere. Returns the domains added and removed, and how many people joined.
async fn set_domains(
    txn: &DatabaseTransaction,
    org: i64,
    domains: &[String],
) -> Result<(Vec<String>, Vec<String>, u64), DomainError> {
    let had: Vec<String> = organization_domain::Entity::find()
        .filter(organization_domain::Column::OrganizationId.eq(org))
        .all(txn)
        .await?
        .into_iter()
        .map(|d| d.domain)
        .collect();
    let added: Vec<String> = domains.iter().filter(|d| !had.contains(d)).cloned().collect();
    let removed: Vec<String> = had.iter().filter(|d| !domains.contains(d)).cloned().collect();
    if !removed.is_empty() {
        organization_domain::Entity::delete_many()
            .filter(organization_domain::Column::Domain.is_in(removed.clone()))
            .exec(txn)
            .await?;
    }
    let now = crate::clock::now();
    let mut joined = 0;
    for domain in &added {
        organization_domain::ActiveModel {
            domain: Set(domain.clone()),
            organization_id: Set(org),
            created_at: Set(now),
        }
        .insert(txn)
        .await?;
        // A domain holds only [a-z0-9.-]: nothing in it is a LIKE wildcard.
        joined += user::Entity::update_many()
            .col_expr(user::Column::OrganizationId, Expr::value(org))
            .filter(user::Column::Role.eq(Role::Customer))
            .filter(user::Column::OrganizationId.is_null())
            .filter(user::Column::EmailVerifiedAt.is_not_null())
            .filter(user::Column::Email.like(format!("%@{domain}")))
            .exec(txn)
            .await?
            .rows_affected;
    }
    Ok((added, removed, joined))
}

/// Creates an organization; returns its id and how many people joined it by their domain.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: OrganizationInput,
) -> Result<(i64, u64), DomainError> {
    authorize(actor, Action::ManageOrganizations)?;
    let valid = parse(&input)?;
    if name_taken(db, &valid.name, None).await? {
        return Err(DomainError::field("name", DUPLICATE_NAME));
    }
    let txn = crate::db::begin_write(db).await?;
    check_domains_free(&txn, &valid.domains, None).await?;
    let model = organization::ActiveModel {
        name: Set(valid.name.clone()),
        shares_tickets: Set(valid.shares_tickets),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(map_unique)?;
    let (_, _, joined) = set_domains(&txn, model.id, &valid.domains).await?;
    let detail = json!({ "name": valid.name, "shares_tickets": valid.shares_tickets, "domains": valid.domains, "joined": joined });
    audit::record(&txn, actor, "organization.create", ("organization", Some(model.id)), detail).await?;
    txn.commit().await?;
    Ok((model.id, joined))
}

/// Changes an organization's name, sharing and domains; returns how many people joined it by
/// a domain added now. People who joined by a domain that is removed stay members.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: OrganizationInput,
) -> Result<u64, DomainError> {
    authorize(actor, Action::ManageOrganizations)?;
    let valid = parse(&input)?;
    if name_taken(db, &valid.name, Some(id)).await? {
        return Err(DomainError::field("name", DUPLICATE_NAME));
    }
    let txn = crate::db::begin_write(db).await?;
    let model = organization::Entity::find_by_id(id).one(&txn).await?.ok_or(DomainError::NotFound)?;
    check_domains_free(&txn, &valid.domains, Some(id)).await?;
    let before = (model.name.clone(), model.shares_tickets);
    let mut row = model.into_active_model();
    row.name = Set(valid.name.clone());
    row.shares_tickets = Set(valid.shares_tickets);
    row.update(&txn).await.map_err(map_unique)?;
    let (added, removed, joined) = set_domains(&txn, id, &valid.domains).await?;
    let detail = json!({
        "old_name": before.0, "name": valid.name,
        "old_shares_tickets": before.1, "shares_tickets": valid.shares_tickets,
        "domains_added": added, "domains_removed": removed, "joined": joined,
    });
    audit::record(&txn, actor, "organization.update", ("organization", Some(id)), detail).await?;
    txn.commit().await?;
    Ok(joined)
}

/// Puts a customer, found by email, in the organization (moving them from another one). They
/// see its shared tickets once their address is proved.
pub async fn add_member(db: &DatabaseConnection, actor: &Actor, id: i64, email: &str) -> Result<i64, DomainError> {
    authorize(actor, Action::ManageOrganizations)?;
    let email = Email::parse(email).map_err(|m| DomainError::field("email", m))?;
    let txn = crate::db::begin_write(db).await?;
    organization::Entity::find_by_id(id).one(&txn).await?.ok_or(DomainError::NotFound)?;
    let person = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&txn).await?;
    let Some(person) = person else {
        return Err(DomainError::field("email", "Nobody has this address; add them on the Users page first"));
    };
    if person.role != Role::Customer {
        return Err(DomainError::field("email", "Only customers belong to organizations"));
    }
    if person.organization_id == Some(id) {
        return Ok(person.id);
    }
    let (user_id, from) = (person.id, person.organization_id);
    let mut row = person.into_active_model();
    row.organization_id = Set(Some(id));
    row.updated_at = Set(crate::clock::now());
    row.update(&txn).await?;
    let detail = json!({ "user_id": user_id, "from_organization_id": from });
    audit::record(&txn, actor, "organization.add_member", ("organization", Some(id)), detail).await?;
    txn.commit().await?;
    Ok(user_id)
}

/// Takes a person out of the organization; the tickets they opened in it stay its tickets.
pub async fn remove_member(db: &DatabaseConnection, actor: &Actor, id: i64, user_id: i64) -> Result<(), DomainError> {
    authorize(actor, Action::ManageOrganizations)?;
    let txn = crate::db::begin_write(db).await?;
    let removed = user::Entity::update_many()
        .col_expr(user::Column::OrganizationId, Expr::value(Option::<i64>::None))
        .col_expr(user::Column::UpdatedAt, Expr::value(crate::clock::now()))
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::OrganizationId.eq(id))
        .exec(&txn)
        .await?
        .rows_affected;
    if removed == 0 {
        return Err(DomainError::NotFound);
    }
    audit::record(&txn, actor, "organization.remove_member", ("organization", Some(id)), json!({ "user_id": user_id }))
        .await?;
    txn.commit().await?;
    Ok(())
}
