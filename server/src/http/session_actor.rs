//! Who a site request (one with the session cookie) comes from, for the plain axum handlers
//! outside Leptos: attachment downloads and the live stream.

use crate::state::AppState;
use app::ssr::USER_ID_KEY;
use domain::{Actor, DomainError, accounts::queries};
use tower_sessions::Session;

/// The signed-in, active user of `session`, or `Actor::Anonymous`.
pub async fn session_actor(state: &AppState, session: &Session) -> Result<Actor, DomainError> {
    let user_id = session.get::<i64>(USER_ID_KEY).await.map_err(|_| DomainError::Internal)?;
    let Some(user_id) = user_id else { return Ok(Actor::Anonymous) };
    Ok(match queries::active_principal(&state.desk.db, user_id).await? {
        Some((principal, _)) => Actor::User(principal),
        None => Actor::Anonymous,
    })
}
