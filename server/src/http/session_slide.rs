//! Sliding sessions: a signed-in session's expiry moves with activity, so an agent who works
//! every day stays signed in. tower-sessions saves a session (and sends its cookie again, with a
//! fresh lifetime) only when it changed, so a signed-in request marks it as touched, at most once
//! an hour per session: one write an hour, not one per request.

use app::ssr::USER_ID_KEY;
use axum::{extract::Request, middleware::Next, response::Response};
use tower_sessions::Session;

/// When this session was last marked as touched (seconds since the epoch).
const TOUCHED_KEY: &str = "touched_at";
/// How often an active session's expiry moves.
const EVERY_SECONDS: i64 = 3600;

pub async fn slide(session: Session, request: Request, next: Next) -> Response {
    // Static files carry the cookie too; they are no sign of activity worth a session read.
    if !request.uri().path().starts_with("/pkg/") {
        touch(&session).await;
    }
    next.run(request).await
}

async fn touch(session: &Session) {
    let signed_in = matches!(session.get::<i64>(USER_ID_KEY).await, Ok(Some(_)));
    if !signed_in {
        return;
    }
    let now = domain::clock::now().timestamp();
    let touched = session.get::<i64>(TOUCHED_KEY).await.ok().flatten();
    if touched.is_none_or(|at| now - at >= EVERY_SECONDS)
        && let Err(err) = session.insert(TOUCHED_KEY, now).await
    {
        tracing::warn!(error = %err, "could not move a session's expiry");
    }
}
