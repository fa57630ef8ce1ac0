//! Server functions for one's own API tokens: list, create (the secret is returned once) and
//! revoke. With JavaScript off the new secret cannot ride back on the form's redirect (a URL
//! would leak it to history and logs), so it waits in the server-side session: the redirect names
//! the new token's id (`/account?created=7`), the page at that address shows the secret (a page
//! may load its data more than once while rendering, so reading does not consume it), and the
//! next account page without that address drops it, as do five minutes.

use crate::error::AppError;
use domain::api_tokens::{ApiScope, CreatedToken, TokenView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    crate::{
        response,
        ssr::{self, fail, session_error},
    },
    domain::{
        DomainError,
        api_tokens::{commands, queries},
        policy::token_permits,
    },
};

/// The caller's tokens, a token made just now by a plain form post, and the scopes the caller
/// may give a new token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenList {
    pub tokens: Vec<TokenView>,
    pub created: Option<CreatedToken>,
    pub scopes: Vec<ApiScope>,
}

#[cfg(feature = "ssr")]
const FLASH_KEY: &str = "new_api_token";
#[cfg(feature = "ssr")]
const FLASH_SECONDS: i64 = 300;

#[cfg(feature = "ssr")]
#[derive(Serialize, Deserialize)]
struct Flash {
    token: CreatedToken,
    at: chrono::DateTime<chrono::Utc>,
}

/// `created`: the id in the address after a plain form made a token.
#[server(prefix = "/fn", endpoint = "list_api_tokens")]
pub async fn list_api_tokens(created: Option<i64>) -> Result<TokenList, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let tokens = queries::mine(&desk.db, &actor).await.map_err(fail)?;
    let role = actor.role().ok_or_else(|| fail(DomainError::Unauthenticated))?;
    let scopes = ApiScope::ALL.into_iter().filter(|s| token_permits(role, *s, *s)).collect();
    let session = ssr::session().await?;
    let Some(flash) = session.get::<Flash>(FLASH_KEY).await.map_err(session_error)? else {
        return Ok(TokenList { tokens, created: None, scopes });
    };
    let fresh = flash.at > chrono::Utc::now() - chrono::Duration::seconds(FLASH_SECONDS);
    let id = flash.token.token.id;
    if fresh && created == Some(id) && tokens.iter().any(|t| t.id == id) {
        return Ok(TokenList { tokens, created: Some(flash.token), scopes });
    }
    session.remove_value(FLASH_KEY).await.map_err(session_error)?;
    Ok(TokenList { tokens, created: None, scopes })
}

#[server(prefix = "/fn", endpoint = "create_api_token")]
pub async fn create_api_token(
    name: String,
    scope: String,
    expires_in_days: Option<String>,
) -> Result<Option<CreatedToken>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let scope = domain::api_tokens::ApiScope::parse(scope.trim())
        .ok_or_else(|| fail(DomainError::field("scope", "Choose a scope")))?;
    let expires_in_days = match expires_in_days.as_deref().map(str::trim) {
        None | Some("") | Some("never") => None,
        Some(days) => Some(
            days.parse::<u32>()
                .map_err(|_| fail(DomainError::field("expires_in_days", "Choose when the token expires")))?,
        ),
    };
    let input = commands::NewToken { name, scope, expires_in_days };
    let created = commands::create(&desk.db, &actor, input).await.map_err(fail)?;
    if !response::is_form_post() {
        return Ok(Some(created));
    }
    let session = ssr::session().await?;
    let target = format!("/account?created={}#api-tokens", created.token.id);
    let flash = Flash { token: created, at: chrono::Utc::now() };
    session.insert(FLASH_KEY, flash).await.map_err(session_error)?;
    leptos_axum::redirect(&target);
    Ok(None)
}

#[server(prefix = "/fn", endpoint = "revoke_api_token")]
pub async fn revoke_api_token(token_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    commands::revoke(&desk.db, &actor, token_id).await.map_err(fail)
}
