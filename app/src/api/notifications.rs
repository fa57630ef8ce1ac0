//! Server functions for agents' notifications: the bell's count, the list, marking read, and
//! how the agent hears of each kind (in the app, by email, both, or not at all).

use crate::error::AppError;
use domain::{
    notifications::types::{NotificationView, Preference},
    views::Page,
};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::{
        DomainError,
        notifications::{
            commands, preferences, queries,
            types::{Channels, NotificationKind},
        },
    },
};

/// The caller's unread count, or nothing for callers without notifications (visitors,
/// customers): the top bar asks on every page.
#[server(prefix = "/fn", endpoint = "notification_badge")]
pub async fn notification_badge() -> Result<Option<u64>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    queries::badge(&desk.db, &actor).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "list_notifications")]
pub async fn list_notifications(before: Option<String>) -> Result<Page<NotificationView>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let before = match before.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        None => None,
        Some(text) => {
            Some(text.parse::<i64>().map_err(|_| fail(DomainError::field("before", "Not a page of notifications")))?)
        }
    };
    queries::list(&desk.db, &actor, before).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "mark_notification_read")]
pub async fn mark_notification_read(notification_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    commands::mark_read(&desk.db, &actor, notification_id).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "mark_all_notifications_read")]
pub async fn mark_all_notifications_read() -> Result<u64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    commands::mark_all_read(&desk.db, &actor).await.map_err(fail)
}

/// How the caller hears of each kind of notification.
#[server(prefix = "/fn", endpoint = "notification_preferences")]
pub async fn notification_preferences() -> Result<Vec<Preference>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    preferences::mine(&desk.db, &actor).await.map_err(fail)
}

/// Saves how the caller hears of each kind: one field per kind (`assigned`, `customer_replied`,
/// `mentioned`, `team_ticket`, `sla_warning`, `sla_breach`, `automation`), each `both`, `in_app`, `email` or
/// `off`.
#[server(prefix = "/fn", endpoint = "save_notification_preferences")]
pub async fn save_notification_preferences(
    assigned: String,
    customer_replied: String,
    mentioned: String,
    team_ticket: String,
    sla_warning: String,
    sla_breach: String,
    automation: String,
) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let given = [
        (NotificationKind::Assigned, assigned),
        (NotificationKind::CustomerReplied, customer_replied),
        (NotificationKind::Mentioned, mentioned),
        (NotificationKind::TeamTicket, team_ticket),
        (NotificationKind::SlaWarning, sla_warning),
        (NotificationKind::SlaBreach, sla_breach),
        (NotificationKind::Automation, automation),
    ];
    let mut checks = domain::validation::Checks::new();
    let choices: Vec<Preference> = given
        .into_iter()
        .filter_map(|(kind, value)| {
            let channels = checks.check(kind.as_str(), Channels::parse(value.trim()).ok_or("Choose how to hear of it"));
            channels.map(|channels| Preference { kind, channels })
        })
        .collect();
    checks.finish().map_err(fail)?;
    preferences::save(&desk.db, &actor, &choices).await.map_err(fail)?;
    leptos_axum::redirect("/account?notifications=saved");
    Ok(())
}
