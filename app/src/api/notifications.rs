//! Server functions for agents' notifications: the bell's count, the list, marking read.

use crate::error::AppError;
use domain::{notifications::types::NotificationView, views::Page};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::{
        DomainError,
        notifications::{commands, queries},
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
