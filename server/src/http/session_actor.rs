//! Who a site request (one with the session cookie) comes from, for the plain axum handlers
//! outside Leptos: attachment downloads and the live stream.

use crate::state::AppState;
use app::ssr::{LINK_TOKEN_KEY, USER_ID_KEY};
use domain::{Actor, DomainError, accounts::queries};
use tower_sessions::Session;

/// The signed-in, active user of `session` (or the magic link's holder, on its ticket), or
/// `Actor::Anonymous`.
pub async fn session_actor(state: &AppState, session: &Session) -> Result<Actor, DomainError> {
    let user_id = session.get::<i64>(USER_ID_KEY).await.map_err(|_| DomainError::Internal)?;
    let Some(user_id) = user_id else { return Ok(Actor::Anonymous) };
    let link = session.get::<i64>(LINK_TOKEN_KEY).await.map_err(|_| DomainError::Internal)?;
    Ok(match queries::session_actor(&state.desk.db, user_id, link).await? {
        Some((actor, _)) => actor,
        None => Actor::Anonymous,
    })
}
