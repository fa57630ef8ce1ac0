//! `GET /access/{secret}`: a ticket's magic link from a customer's mail. A link that holds starts
//! a session limited to its ticket (`Actor::Link`) and goes to the ticket's page; one that does
//! not (expired, revoked, forged) goes to a page that says only that and offers a fresh link. Also
//! the old names of the sign-in and sign-up pages.

use crate::state::AppState;
use app::ssr::{LINK_TOKEN_KEY, USER_ID_KEY};
use axum::{
    extract::{Path, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use domain::access::{
    links::{self, Opened},
    secret::looks_like_secret,
};
use tower_sessions::Session;

pub async fn open(State(state): State<AppState>, session: Session, Path(secret): Path<String>) -> Response {
    let opened = match links::open(&state.desk.db, &secret).await {
        Ok(opened) => opened,
        Err(_) => return (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side.").into_response(),
    };
    let mut response = match opened {
        Opened::Ticket { token_id, user_id, ticket_id } => match start(&session, token_id, user_id).await {
            Ok(()) => Redirect::to(&format!("/portal/tickets/{ticket_id}")).into_response(),
            Err(err) => {
                tracing::error!(error = %err, "could not start a magic link's session");
                (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side.").into_response()
            }
        },
        // The page may offer a fresh link for this one; anything that is not even shaped like
        // a secret is not carried along.
        Opened::Invalid if looks_like_secret(&secret) => {
            Redirect::to(&format!("/link/expired?t={secret}")).into_response()
        }
        Opened::Invalid => Redirect::to("/link/expired").into_response(),
    };
    // The secret is in this URL: keep it out of caches and out of the next page's Referer.
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

/// The link's session. Someone already signed in as this person (with a password or a sign-in
/// link) keeps their full session; anyone else's session becomes the link's.
async fn start(session: &Session, token_id: i64, user_id: i64) -> Result<(), tower_sessions::session::Error> {
    let current = session.get::<i64>(USER_ID_KEY).await?;
    let by_link = session.get::<i64>(LINK_TOKEN_KEY).await?;
    if current == Some(user_id) && by_link.is_none() {
        return Ok(());
    }
    session.cycle_id().await?;
    session.clear().await;
    session.insert(USER_ID_KEY, user_id).await?;
    session.insert(LINK_TOKEN_KEY, token_id).await
}

/// `/login`, the name many sites use, is `/signin` here.
pub async fn login() -> Redirect {
    Redirect::permanent("/signin")
}

/// `/register` is `/signup`.
pub async fn register() -> Redirect {
    Redirect::permanent("/signup")
}
