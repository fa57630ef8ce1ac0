//! Server functions for accounts: who am I, sign in, sign up, sign out, change password, and
//! asking for the confirmation mail again.

use crate::error::AppError;
use domain::views::UserView;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, begin_session, fail, session_error},
    domain::accounts::{self, commands},
};

/// The signed-in user, or `None`.
#[server(prefix = "/fn", endpoint = "current_user")]
pub async fn current_user() -> Result<Option<UserView>, AppError> {
    let (actor, mut user) = ssr::current().await?;
    if let Some(user) = user.as_mut() {
        let desk = ssr::desk()?;
        user.sees_reports = domain::reports::access::may_view(&desk.db, &actor).await.map_err(ssr::fail)?
            && !matches!(actor, domain::Actor::Link { .. });
    }
    Ok(user)
}

#[server(prefix = "/fn", endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let session = ssr::session().await?;
    let user =
        commands::sign_in(&desk.db, &desk.sign_in_throttle, &email, &password, ssr::client_ip()).await.map_err(fail)?;
    begin_session(&session, user.id).await?;
    let target = super::safe_next(next.as_deref()).unwrap_or_else(|| user.role.home_path().to_owned());
    leptos_axum::redirect(&target);
    Ok(())
}

/// Signs up: a new account is signed in at once (its address still to be confirmed); an address
/// Docket knows from a customer without a password gets a link to claim that account instead.
#[server(prefix = "/fn", endpoint = "sign_up")]
pub async fn sign_up(name: String, email: String, password: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let session = ssr::session().await?;
    let input = accounts::SignUp { name, email, password };
    match commands::sign_up(&desk.db, &actor, &desk.link_throttle, input, ssr::client_ip()).await.map_err(fail)? {
        commands::SignedUp::Created(user) => {
            begin_session(&session, user.id).await?;
            leptos_axum::redirect(user.role.home_path());
        }
        commands::SignedUp::ClaimMailed => leptos_axum::redirect("/signup?claim=1"),
    }
    Ok(())
}

/// Mails the signed-in customer's address confirmation link again.
#[server(prefix = "/fn", endpoint = "resend_verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    commands::resend_verification(&desk.db, &actor, &desk.link_throttle, ssr::client_ip()).await.map_err(fail)?;
    leptos_axum::redirect("/portal?resent=1");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let session = ssr::session().await?;
    // A staff member who signs out no longer counts as online for routing.
    if let Ok(actor) = ssr::actor().await
        && actor.role().is_some_and(domain::Role::is_staff)
        && let Some(p) = actor.principal()
        && let Ok(desk) = ssr::desk()
        && let Err(err) = domain::routing::availability::gone(&desk.db, p.user_id).await
    {
        tracing::warn!(error = %err, "could not mark a signed-out agent offline");
    }
    session.flush().await.map_err(session_error)?;
    leptos_axum::redirect("/");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let session = ssr::session().await?;
    let keep = session.id().map(|id| id.to_string());
    commands::change_password(&desk.db, &actor, &current_password, &new_password, keep.as_deref())
        .await
        .map_err(fail)?;
    // The other sessions are gone; this one goes on under a new id.
    session.cycle_id().await.map_err(session_error)?;
    leptos_axum::redirect("/account?changed=1");
    Ok(())
}
