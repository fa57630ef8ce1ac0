//! Server functions for routing: the settings page (rules, team strategies, agents' capacity
//! and skills, categories' skills, the distribution report) and an agent's own availability.

use crate::error::AppError;
use domain::routing::types::RoutingSettingsView;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::form::{checked, optional_id},
    crate::ssr::{self, fail},
    domain::{
        DomainError,
        routing::{
            agents, availability,
            rules::{self, RuleInput},
            types::{Availability, Strategy, parse_capacity},
        },
    },
};

#[server(prefix = "/fn", endpoint = "load_routing_settings")]
pub async fn load_routing_settings() -> Result<RoutingSettingsView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::routing::queries::settings(&desk.db, &actor).await.map_err(fail)
}

#[cfg(feature = "ssr")]
#[expect(clippy::too_many_arguments, reason = "one argument per form field, as the form posts them")]
fn rule_input(
    name: String,
    conditions: Option<String>,
    team_id: Option<String>,
    category_id: Option<String>,
    priority_id: Option<String>,
    tags: Option<String>,
    skills: Option<String>,
    on_change: Option<String>,
    active: Option<String>,
) -> Result<RuleInput, AppError> {
    Ok(RuleInput {
        name,
        conditions: conditions.unwrap_or_default(),
        team_id: optional_id("team_id", team_id.as_deref())?,
        category_id: optional_id("category_id", category_id.as_deref())?,
        priority_id: optional_id("priority_id", priority_id.as_deref())?,
        tags: tags.unwrap_or_default(),
        skills: skills.unwrap_or_default(),
        on_change: checked(on_change.as_deref()),
        active: checked(active.as_deref()),
    })
}

#[server(prefix = "/fn", endpoint = "create_routing_rule")]
#[expect(clippy::too_many_arguments, reason = "one argument per form field, as the form posts them")]
pub async fn create_routing_rule(
    name: String,
    conditions: Option<String>,
    team_id: Option<String>,
    category_id: Option<String>,
    priority_id: Option<String>,
    tags: Option<String>,
    skills: Option<String>,
    on_change: Option<String>,
    active: Option<String>,
) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    let input = rule_input(name, conditions, team_id, category_id, priority_id, tags, skills, on_change, active)?;
    rules::create(&desk.db, &actor, input).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "update_routing_rule")]
#[expect(clippy::too_many_arguments, reason = "one argument per form field, as the form posts them")]
pub async fn update_routing_rule(
    rule_id: i64,
    name: String,
    conditions: Option<String>,
    team_id: Option<String>,
    category_id: Option<String>,
    priority_id: Option<String>,
    tags: Option<String>,
    skills: Option<String>,
    on_change: Option<String>,
    active: Option<String>,
) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    let input = rule_input(name, conditions, team_id, category_id, priority_id, tags, skills, on_change, active)?;
    rules::update(&desk.db, &actor, rule_id, input).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "delete_routing_rule")]
pub async fn delete_routing_rule(rule_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    rules::delete(&desk.db, &actor, rule_id).await.map_err(fail)
}

/// Moves a rule one place `up` (tried earlier) or `down`.
#[server(prefix = "/fn", endpoint = "move_routing_rule")]
pub async fn move_routing_rule(rule_id: i64, direction: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let up = match direction.as_str() {
        "up" => true,
        "down" => false,
        _ => return Err(fail(DomainError::field("direction", "Choose up or down"))),
    };
    rules::move_rule(&desk.db, &actor, rule_id, up).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "set_team_assignment")]
pub async fn set_team_assignment(team_id: i64, strategy: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let strategy = Strategy::parse(strategy.trim())
        .ok_or_else(|| fail(DomainError::field("strategy", "Choose manual, round-robin, least loaded or skills")))?;
    agents::set_strategy(&desk.db, &actor, team_id, strategy).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "set_agent_routing")]
pub async fn set_agent_routing(user_id: i64, capacity: Option<String>, skills: Option<String>) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    let capacity =
        parse_capacity(capacity.as_deref().unwrap_or_default()).map_err(|m| fail(DomainError::field("capacity", m)))?;
    agents::set_agent(&desk.db, &actor, user_id, capacity, skills.as_deref().unwrap_or_default()).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "set_category_skills")]
pub async fn set_category_skills(category_id: i64, skills: Option<String>) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    agents::set_category_skills(&desk.db, &actor, category_id, skills.as_deref().unwrap_or_default())
        .await
        .map_err(fail)
}

/// The caller's own status: available, away or off shift.
#[server(prefix = "/fn", endpoint = "set_my_availability")]
pub async fn set_my_availability(availability: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let availability = Availability::parse(availability.trim())
        .ok_or_else(|| fail(DomainError::field("availability", "Choose available, away or off shift")))?;
    availability::set(&desk.db, &actor, availability).await.map_err(fail)
}

/// The suggested category and priority: the models, how well they did, and the threshold.
#[server(prefix = "/fn", endpoint = "load_classifier")]
pub async fn load_classifier() -> Result<domain::classifier::types::ClassifierView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::classifier::suggest::settings_view(&desk.db, &actor).await.map_err(fail)
}

/// Trains the classifier now, in the background (the scheduler's job).
#[server(prefix = "/fn", endpoint = "train_classifier")]
pub async fn train_classifier() -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::classifier::train::ask(&desk.db, &actor).await.map_err(fail)
}

/// The confidence (percent, blank for never) at which suggestions apply themselves.
#[server(prefix = "/fn", endpoint = "set_classifier_threshold")]
pub async fn set_classifier_threshold(apply_above: Option<String>) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    let percent = domain::classifier::settings::parse_percent(apply_above.as_deref().unwrap_or_default())
        .map_err(|m| fail(DomainError::field("apply_above", m)))?;
    domain::classifier::settings::set_apply_above(&desk.db, &actor, percent).await.map_err(fail)
}
