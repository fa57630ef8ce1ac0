//! Server-side plumbing for server functions: the desk, the session, the acting user and the
//! one mapping from domain errors to server-function errors (with their status, `response`).

use crate::{error::AppError, response::set_status};
use axum::extract::ConnectInfo;
use domain::{Actor, DomainError, accounts::queries, desk::Desk, views::UserView};
use http::request::Parts;
use leptos::prelude::*;
use std::net::{IpAddr, SocketAddr};
use tower_sessions::Session;

/// The session key holding the signed-in user's id.
pub const USER_ID_KEY: &str = "user_id";
/// The session key holding the magic link's token id when the session came from one: it then
/// opens that link's ticket only (`Actor::Link`), and only while the link holds.
pub const LINK_TOKEN_KEY: &str = "link_token";

pub fn desk() -> Result<Desk, AppError> {
    use_context::<Desk>().ok_or_else(|| internal("Desk missing from context"))
}

pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| internal(&format!("session layer missing: {e}")))
}

/// The address of the client, for sign-in throttling.
pub fn client_ip() -> Option<IpAddr> {
    use_context::<Parts>()
        .and_then(|parts| parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip()))
}

/// Who is calling: the signed-in, still active user of this session (limited to one ticket when
/// the session came from its magic link), or anonymous.
pub async fn current() -> Result<(Actor, Option<UserView>), AppError> {
    let session = session().await?;
    let read = |e: tower_sessions::session::Error| internal(&format!("session read: {e}"));
    let user_id = session.get::<i64>(USER_ID_KEY).await.map_err(read)?;
    let Some(user_id) = user_id else {
        return Ok((Actor::Anonymous, None));
    };
    let link = session.get::<i64>(LINK_TOKEN_KEY).await.map_err(read)?;
    let desk = desk()?;
    match queries::session_actor(&desk.db, user_id, link).await.map_err(fail)? {
        Some((actor, view)) => Ok((actor, Some(view))),
        None => {
            // The user was deactivated or deleted, or the link expired or was revoked: this
            // session is over.
            session.flush().await.map_err(|e| internal(&format!("session flush: {e}")))?;
            Ok((Actor::Anonymous, None))
        }
    }
}

/// Starts a signed-in session for `user_id` under a new id (so an id planted before is
/// worthless), dropping whatever the session held before, such as a magic link's scope.
pub async fn begin_session(session: &Session, user_id: i64) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    session.clear().await;
    session.insert(USER_ID_KEY, user_id).await.map_err(session_error)
}

pub async fn actor() -> Result<Actor, AppError> {
    Ok(current().await?.0)
}

/// Maps a domain error to the server function's error, and sets the HTTP status for fetch
/// callers (plain form posts keep the redirect back to the form).
pub fn fail(err: DomainError) -> AppError {
    let app = AppError::from(err);
    set_status(app.code);
    app
}

fn internal(what: &str) -> AppError {
    tracing::error!("{what}");
    fail(DomainError::Internal)
}

/// Maps session store failures (already logged by the store) to an internal error.
pub fn session_error(err: tower_sessions::session::Error) -> AppError {
    internal(&format!("session: {err}"))
}

/// Content Security Policy for HTML pages: scripts only from this origin or carrying this
/// response's nonce (the hydration loader), WebAssembly allowed, no framing. The server sets it on
/// every HTML response (`security::page_content_security`), outside the render.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Renders the page with the nonce the server minted for this request's policy (the request's
/// extensions carry it), so the policy and the page's scripts agree however the response is built.
pub fn use_request_nonce() {
    let nonce = use_context::<Parts>().and_then(|parts| parts.extensions.get::<leptos::nonce::Nonce>().cloned());
    if let Some(nonce) = nonce {
        provide_context(nonce);
    }
}
