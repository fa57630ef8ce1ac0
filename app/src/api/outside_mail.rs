//! Server functions for held mail from outside senders (`domain::tickets::outside`): an agent
//! makes it public on the ticket, or turns it into a ticket of its own.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::tickets::outside,
};

#[server(prefix = "/fn", endpoint = "make_outside_mail_public")]
pub async fn make_outside_mail_public(ticket_id: i64, message_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    outside::make_public(&desk.db, &actor, ticket_id, message_id).await.map_err(fail)?;
    Ok(())
}

/// Returns the new ticket's id; without JavaScript the browser goes to it.
#[server(prefix = "/fn", endpoint = "split_outside_mail")]
pub async fn split_outside_mail(ticket_id: i64, message_id: i64) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let opened = outside::split_off(&desk.db, &actor, ticket_id, message_id).await.map_err(fail)?;
    if crate::response::is_form_post() {
        leptos_axum::redirect(&format!("/agent/tickets/{}", opened.id));
    }
    Ok(opened.id)
}
