//! Server functions for one's own API tokens: list, create (the secret is returned once) and
//! revoke. With JavaScript off the new secret waits in the session (`secret_flash`): the
//! redirect names the new token's id (`/account?created=7`) and the page at that address shows
//! the secret.

use crate::error::AppError;
use domain::api_tokens::{ApiScope, CreatedToken, TokenView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    crate::{
        response, secret_flash,
        ssr::{self, fail},
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

/// `created`: the id in the address after a plain form made a token.
#[server(prefix = "/fn", endpoint = "list_api_tokens")]
pub async fn list_api_tokens(created: Option<i64>) -> Result<TokenList, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let tokens = queries::mine(&desk.db, &actor).await.map_err(fail)?;
    let role = actor.role().ok_or_else(|| fail(DomainError::Unauthenticated))?;
    let scopes = ApiScope::ALL.into_iter().filter(|s| token_permits(role, *s, *s)).collect();
    let wanted = |made: &CreatedToken| created == Some(made.token.id) && tokens.iter().any(|t| t.id == made.token.id);
    let created = secret_flash::read(FLASH_KEY, wanted).await?;
    Ok(TokenList { tokens, created, scopes })
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
    let target = format!("/account?created={}#api-tokens", created.token.id);
    secret_flash::keep(FLASH_KEY, created).await?;
    leptos_axum::redirect(&target);
    Ok(None)
}

#[server(prefix = "/fn", endpoint = "revoke_api_token")]
pub async fn revoke_api_token(token_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    commands::revoke(&desk.db, &actor, token_id).await.map_err(fail)
}
