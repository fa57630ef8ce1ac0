//! Server functions for organizations: the list, one organization, creating and editing them
//! (name, sharing, email domains), and their members.

use crate::error::AppError;
use domain::views::OrganizationView;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::organizations::{self, OrganizationInput},
};

#[server(prefix = "/fn", endpoint = "list_organizations")]
pub async fn list_organizations() -> Result<Vec<OrganizationView>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    organizations::list(&desk.db, &actor).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "get_organization")]
pub async fn get_organization(organization_id: i64) -> Result<OrganizationView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    organizations::detail(&desk.db, &actor, organization_id).await.map_err(fail)
}

/// Creates an organization and opens its page, which says how many people joined by domain.
#[server(prefix = "/fn", endpoint = "create_organization")]
pub async fn create_organization(
    name: String,
    domains: Option<String>,
    shares_tickets: Option<String>,
) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let input =
        OrganizationInput { name, shares_tickets: shares_tickets.is_some(), domains: domains.unwrap_or_default() };
    let (id, joined) = organizations::create(&desk.db, &actor, input).await.map_err(fail)?;
    leptos_axum::redirect(&format!("/admin/organizations/{id}?created=1&joined={joined}"));
    Ok(id)
}

/// Saves an organization; returns how many people joined by a domain added now.
#[server(prefix = "/fn", endpoint = "update_organization")]
pub async fn update_organization(
    organization_id: i64,
    name: String,
    domains: Option<String>,
    shares_tickets: Option<String>,
) -> Result<u64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let input =
        OrganizationInput { name, shares_tickets: shares_tickets.is_some(), domains: domains.unwrap_or_default() };
    organizations::update(&desk.db, &actor, organization_id, input).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "add_organization_member")]
pub async fn add_organization_member(organization_id: i64, email: String) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    organizations::add_member(&desk.db, &actor, organization_id, &email).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "remove_organization_member")]
pub async fn remove_organization_member(organization_id: i64, user_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    organizations::remove_member(&desk.db, &actor, organization_id, user_id).await.map_err(fail)
}
