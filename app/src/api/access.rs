//! Server functions for access by mailed links: asking for a sign-in link or a password reset,
//! reading what a link is for, acting on it (signing in, setting a password, confirming an
//! address), a magic-link holder claiming their account, and staff revoking a person's links.

use crate::error::AppError;
use domain::views::{LinkDetails, LinkPurpose};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, begin_session, fail},
    domain::{
        DomainError,
        access::{TokenPurpose, completion, links, requests},
    },
};

/// Mails a sign-in link to the address, if an account has it. The answer is the same either way.
/// `from_link` is the secret of an expired magic link the request came from: the sign-in then
/// lands on that ticket.
#[server(prefix = "/fn", endpoint = "request_sign_in_link")]
pub async fn request_sign_in_link(email: String, from_link: Option<String>) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let from_link = from_link.filter(|s| !s.is_empty());
    requests::request(
        &desk.db,
        &desk.link_throttle,
        requests::Requested::SignIn,
        &email,
        ssr::client_ip(),
        from_link.as_deref(),
    )
    .await
    .map_err(fail)?;
    leptos_axum::redirect(if from_link.is_some() { "/link/expired?sent=1" } else { "/signin/link?sent=1" });
    Ok(())
}

/// Mails a password-reset link to the address, if an account has it. The answer is the same
/// either way.
#[server(prefix = "/fn", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    requests::request(
        &desk.db,
        &desk.link_throttle,
        requests::Requested::PasswordReset,
        &email,
        ssr::client_ip(),
        None,
    )
    .await
    .map_err(fail)?;
    leptos_axum::redirect("/password/forgot?sent=1");
    Ok(())
}

/// What a single-use link is for and whose it is, while it works; `None` when it does not.
#[server(prefix = "/fn", endpoint = "inspect_link")]
pub async fn inspect_link(purpose: LinkPurpose, token: String) -> Result<Option<LinkDetails>, AppError> {
    let desk = ssr::desk()?;
    let purposes: &[TokenPurpose] = match purpose {
        LinkPurpose::SignIn => &[TokenPurpose::SignIn],
        LinkPurpose::VerifyEmail => &[TokenPurpose::VerifyEmail],
        LinkPurpose::PasswordReset | LinkPurpose::Claim | LinkPurpose::Invitation => {
            &[TokenPurpose::PasswordReset, TokenPurpose::Claim, TokenPurpose::Invitation]
        }
    };
    let found = completion::inspect(&desk.db, purposes, &token).await.map_err(fail)?;
    Ok(found.map(|found| LinkDetails {
        purpose: match found.purpose {
            TokenPurpose::SignIn => LinkPurpose::SignIn,
            TokenPurpose::VerifyEmail => LinkPurpose::VerifyEmail,
            TokenPurpose::Claim => LinkPurpose::Claim,
            TokenPurpose::Invitation => LinkPurpose::Invitation,
            TokenPurpose::PasswordReset
            | TokenPurpose::TicketLink
            | TokenPurpose::Rating
            | TokenPurpose::CalendarFeed => LinkPurpose::PasswordReset,
        },
        name: found.name,
        email: found.email,
    }))
}

/// Signs in with a sign-in link, and goes where it leads.
#[server(prefix = "/fn", endpoint = "sign_in_with_link")]
pub async fn sign_in_with_link(token: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let session = ssr::session().await?;
    let signed_in = completion::sign_in_with_link(&desk.db, &token).await.map_err(fail)?;
    begin_session(&session, signed_in.user.id).await?;
    let target = match signed_in.landing_ticket_id {
        Some(id) if signed_in.user.role == domain::Role::Customer => format!("/portal/tickets/{id}"),
        Some(id) => format!("/agent/tickets/{id}"),
        None => signed_in.user.role.home_path().to_owned(),
    };
    leptos_axum::redirect(&target);
    Ok(())
}

/// Sets a password from a reset, claim or invitation link; every other session of the person
/// ends, and this one is signed in.
#[server(prefix = "/fn", endpoint = "set_password_with_link")]
pub async fn set_password_with_link(token: String, password: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let session = ssr::session().await?;
    let user = completion::set_password(&desk.db, &token, &password).await.map_err(fail)?;
    begin_session(&session, user.id).await?;
    leptos_axum::redirect(user.role.home_path());
    Ok(())
}

/// Confirms the address of a new account, and signs it in.
#[server(prefix = "/fn", endpoint = "verify_email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let session = ssr::session().await?;
    let user = completion::verify_email(&desk.db, &token).await.map_err(fail)?;
    begin_session(&session, user.id).await?;
    leptos_axum::redirect("/portal?verified=1");
    Ok(())
}

/// Someone on a ticket's page by its magic link asks for a link to set a password for their
/// account (claiming it, or resetting the password they forgot), mailed to their address.
#[server(prefix = "/fn", endpoint = "claim_account_from_link")]
pub async fn claim_account_from_link() -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let (actor, user) = ssr::current().await?;
    let (domain::Actor::Link { ticket_id, .. }, Some(user)) = (actor, user) else {
        // Signed-in people set their password on their account page.
        let refusal =
            if actor == domain::Actor::Anonymous { DomainError::Unauthenticated } else { DomainError::Forbidden };
        return Err(fail(refusal));
    };
    requests::request(
        &desk.db,
        &desk.link_throttle,
        requests::Requested::PasswordReset,
        &user.email,
        ssr::client_ip(),
        None,
    )
    .await
    .map_err(fail)?;
    leptos_axum::redirect(&format!("/portal/tickets/{ticket_id}?claim=1"));
    Ok(())
}

/// Staff revoke every magic link a person holds; returns how many were live.
#[server(prefix = "/fn", endpoint = "revoke_ticket_links")]
pub async fn revoke_ticket_links(user_id: i64) -> Result<u64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    links::revoke_all(&desk.db, &actor, user_id).await.map_err(fail)
}

/// How many days a ticket's magic link holds (admins).
#[server(prefix = "/fn", endpoint = "ticket_link_days")]
pub async fn ticket_link_days() -> Result<u32, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    links::days(&desk.db).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "set_ticket_link_days")]
pub async fn set_ticket_link_days(ticket_link_days: String) -> Result<u32, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    links::set_days(&desk.db, &actor, &ticket_link_days).await.map_err(fail)
}
