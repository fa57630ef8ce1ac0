//! Server functions for the admin's desk configuration: statuses, priorities, categories, the
//! ticket reference prefix and when solved tickets close.

use crate::error::AppError;
use domain::desk_config::types::DeskConfigView;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::form::checked,
    crate::ssr::{self, fail},
    domain::{
        DomainError, auto_close,
        desk_config::{
            categories, prefix,
            priorities::{self, PriorityInput},
            queries,
            statuses::{self, StatusInput},
            types::parse_order,
        },
        ticket_types::StatusCategory,
    },
};

/// A position or rank field, with its error under `field`.
#[cfg(feature = "ssr")]
fn order(field: &str, value: &str) -> Result<i32, AppError> {
    parse_order(value).map_err(|m| fail(DomainError::field(field, m)))
}

#[server(prefix = "/fn", endpoint = "load_desk_config")]
pub async fn load_desk_config() -> Result<DeskConfigView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    queries::load(&desk.db, &actor).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "create_status")]
pub async fn create_status(name: String, category: String, position: String) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    let category = StatusCategory::parse(&category)
        .ok_or_else(|| fail(DomainError::field("category", "Choose one of the categories")))?;
    let position = order("position", &position)?;
    statuses::create(&desk.db, &actor, &name, category, position).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "update_status")]
pub async fn update_status(
    status_id: i64,
    name: String,
    position: String,
    active: Option<String>,
) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    let input = StatusInput { name, position: order("position", &position)?, active: checked(active.as_deref()) };
    statuses::update(&desk.db, &actor, status_id, input).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "delete_status")]
pub async fn delete_status(status_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    statuses::delete(&desk.db, &actor, status_id).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "create_priority")]
pub async fn create_priority(name: String, rank: String, is_default: Option<String>) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    let input =
        PriorityInput { name, rank: order("rank", &rank)?, is_default: checked(is_default.as_deref()), active: true };
    priorities::create(&desk.db, &actor, input).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "update_priority")]
pub async fn update_priority(
    priority_id: i64,
    name: String,
    rank: String,
    is_default: Option<String>,
    active: Option<String>,
) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    let input = PriorityInput {
        name,
        rank: order("rank", &rank)?,
        is_default: checked(is_default.as_deref()),
        active: checked(active.as_deref()),
    };
    priorities::update(&desk.db, &actor, priority_id, input).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "create_category")]
pub async fn create_category(name: String) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    categories::create(&desk.db, &actor, &name).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "update_category")]
pub async fn update_category(category_id: i64, name: String, active: Option<String>) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    categories::update(&desk.db, &actor, category_id, &name, checked(active.as_deref())).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "set_ticket_prefix")]
pub async fn set_ticket_prefix(ticket_prefix: String) -> Result<String, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    prefix::set(&desk.db, &actor, &ticket_prefix).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "set_auto_close_days")]
pub async fn set_auto_close_days(auto_close_days: String) -> Result<u32, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    auto_close::set_days(&desk.db, &actor, &auto_close_days).await.map_err(fail)
}
