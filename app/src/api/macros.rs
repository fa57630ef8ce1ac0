//! Server functions for macros: the macros page (the agent's own and the shared ones), keeping
//! them, and the macros a ticket's reply box offers with their texts filled in.

use crate::error::AppError;
use domain::macros::types::{MacroChoice, MacrosPageView};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::form::checked,
    crate::ssr::{self, fail},
    domain::{
        DomainError,
        macros::{
            commands::{self, MacroInput},
            queries,
            types::MacroAssign,
        },
    },
};

#[server(prefix = "/fn", endpoint = "load_macros")]
pub async fn load_macros() -> Result<MacrosPageView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    queries::page(&desk.db, &actor).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "macros_for_ticket")]
pub async fn macros_for_ticket(ticket_id: i64) -> Result<Vec<MacroChoice>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    queries::for_ticket(&desk.db, &actor, ticket_id).await.map_err(fail)
}

#[cfg(feature = "ssr")]
fn input(
    name: String,
    body: String,
    status_id: Option<String>,
    tags: Option<String>,
    assign: Option<String>,
    shared: Option<String>,
) -> Result<MacroInput, AppError> {
    let status_id = match status_id.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => Some(v.parse().map_err(|_| fail(DomainError::field("status_id", "Choose one of the statuses")))?),
    };
    let assign = match assign.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => MacroAssign::Nobody,
        Some("me") => MacroAssign::Me,
        Some(v) => MacroAssign::Agent(v.parse().map_err(|_| fail(DomainError::field("assign", "Choose an agent")))?),
    };
    Ok(MacroInput { name, body, status_id, tags: tags.unwrap_or_default(), assign, shared: checked(shared.as_deref()) })
}

#[server(prefix = "/fn", endpoint = "create_macro")]
pub async fn create_macro(
    name: String,
    body: String,
    status_id: Option<String>,
    tags: Option<String>,
    assign: Option<String>,
    shared: Option<String>,
) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::UseAgentWorkspace).map_err(fail)?;
    commands::create(&desk.db, &actor, input(name, body, status_id, tags, assign, shared)?).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "update_macro")]
#[expect(clippy::too_many_arguments, reason = "one argument per form field, as the form posts them")]
pub async fn update_macro(
    macro_id: i64,
    name: String,
    body: String,
    status_id: Option<String>,
    tags: Option<String>,
    assign: Option<String>,
    shared: Option<String>,
) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::UseAgentWorkspace).map_err(fail)?;
    commands::update(&desk.db, &actor, macro_id, input(name, body, status_id, tags, assign, shared)?)
        .await
        .map_err(fail)
}

#[server(prefix = "/fn", endpoint = "delete_macro")]
pub async fn delete_macro(macro_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    commands::delete(&desk.db, &actor, macro_id).await.map_err(fail)
}
