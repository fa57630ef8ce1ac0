//! Bearer-token authentication. Every resource request names a live token in
//! `Authorization: Bearer …`; the token's user is the actor, its scope caps what the request may
//! do (read tokens only read), and its rate limit applies. Cookies are never looked at, so a
//! browser's session cannot be ridden into the API. Secrets are never logged.

use super::rate_limit::ApiRateLimit;
use crate::http::error::ApiError;
use axum::{
    extract::{FromRequestParts, Request, State},
    http::{HeaderMap, HeaderValue, Method, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};
use domain::{
    Actor, DomainError,
    api_tokens::{ApiScope, queries::Authenticated, queries::authenticate},
    desk::Desk,
    policy::token_permits,
};
use std::sync::Arc;

/// What the authentication layer needs.
#[derive(Clone)]
pub struct Gate {
    pub desk: Desk,
    pub limit: Arc<ApiRateLimit>,
}

/// The caller of an API request: a live token and the active user it acts for.
#[derive(Debug, Clone, Copy)]
pub struct Caller(pub Authenticated);

impl Caller {
    pub fn actor(&self) -> Actor {
        self.0.actor()
    }

    pub fn user_id(&self) -> i64 {
        self.0.principal.user_id
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// 401 with one message for every cause: missing, unknown, revoked, expired, or a deactivated user.
fn unauthenticated() -> Response {
    let mut res = ApiError::explained(
        DomainError::Unauthenticated,
        "Send a valid API token as `Authorization: Bearer <token>`; make one on your account page",
    );
    res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"docket\""));
    res
}

pub async fn authenticate_token(State(gate): State<Gate>, mut req: Request, next: Next) -> Response {
    let Some(secret) = bearer(req.headers()) else { return unauthenticated() };
    let found = match authenticate(&gate.desk.db, secret).await {
        Ok(Some(found)) => found,
        Ok(None) => return unauthenticated(),
        Err(err) => return ApiError(err).into_response(),
    };
    if let Err(err) = gate.limit.check(found.token_id) {
        return ApiError(err).into_response();
    }
    let needed = if matches!(*req.method(), Method::GET | Method::HEAD) { ApiScope::Read } else { ApiScope::Write };
    if !token_permits(found.principal.role, found.scope, needed) {
        return ApiError::explained(
            DomainError::Forbidden,
            "This token may only read; make a token with the write scope to change things",
        );
    }
    req.extensions_mut().insert(Caller(found));
    next.run(req).await
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        parts.extensions.get::<Caller>().copied().ok_or_else(unauthenticated)
    }
}

/// A caller whose token has the admin scope (and whose user is an admin): the admin endpoints.
pub struct AdminCaller(pub Caller);

impl<S: Send + Sync> FromRequestParts<S> for AdminCaller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let caller = Caller::from_request_parts(parts, state).await?;
        if token_permits(caller.0.principal.role, caller.0.scope, ApiScope::Admin) {
            Ok(AdminCaller(caller))
        } else {
            Err(ApiError::explained(
                DomainError::Forbidden,
                "This endpoint needs an admin's token with the admin scope",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::bearer;
    use axum::http::{HeaderMap, HeaderValue};

    #[test]
    fn reads_bearer_tokens_only() {
        let table = [
            ("Bearer dkt_abc", Some("dkt_abc")),
            ("bearer  dkt_abc ", Some("dkt_abc")),
            ("Basic dXNlcjpwYXNz", None),
            ("dkt_abc", None),
            ("", None),
        ];
        for (value, expected) in table {
            let mut headers = HeaderMap::new();
            headers.insert("authorization", HeaderValue::from_str(value).expect("header"));
            assert_eq!(bearer(&headers), expected, "{value:?}");
        }
        assert_eq!(bearer(&HeaderMap::new()), None);
    }
}
