//! Extractors whose refusals speak the API's error shape: JSON bodies, query strings, multipart
//! forms, the ids in paths (a ticket by id or by reference), and the client's address. Nothing a
//! client sends panics.

use crate::{http::error::ApiError, state::AppState};
use axum::extract::{ConnectInfo, Multipart, Request, multipart::MultipartRejection};
use axum::{
    extract::{
        FromRequest, FromRequestParts, Path,
        rejection::{JsonRejection, PathRejection, QueryRejection},
    },
    http::{StatusCode, request::Parts},
};
use domain::{DomainError, FieldError, tickets::references};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::{convert::Infallible, net::IpAddr, net::SocketAddr};

/// A JSON request body. A number with no fraction (`3.0`) reads as the integer it is, as JSON
/// Schema counts it, so a client whose JSON library writes integers that way is not refused.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let axum::Json(mut value) = axum::Json::<Value>::from_request(req, state).await?;
        if let Some(field) = nul_in(&value, "") {
            return Err(nul_refused(field));
        }
        integers_as_integers(&mut value);
        serde_json::from_value(value).map(Body).map_err(|err| {
            ApiError(DomainError::BadRequest(format!(
                "Failed to deserialize the JSON body into the target type: {err}"
            )))
        })
    }
}

fn integers_as_integers(value: &mut Value) {
    match value {
        Value::Number(number) => {
            if let Some(float) = number.as_f64().filter(|_| !number.is_i64() && !number.is_u64())
                && float.fract() == 0.0
                && float >= i64::MIN as f64
                && float < i64::MAX as f64
            {
                // In range and without a fraction: the cast is exact.
                *value = Value::from(float as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integers_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(integers_as_integers),
        _ => {}
    }
}

/// A query string.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        // A NUL can only come percent-encoded.
        let query = parts.uri.query().unwrap_or_default();
        if let Some(pair) = query.split('&').find(|pair| pair.to_ascii_lowercase().contains("%00")) {
            return Err(nul_refused(pair.split('=').next().unwrap_or_default().to_owned()));
        }
        let axum::extract::Query(params) = axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(Params(params))
    }
}

/// Text never holds U+0000: PostgreSQL cannot store it, and no person types it.
fn nul_refused(field: String) -> ApiError {
    ApiError(DomainError::Validation(vec![FieldError::new(field, "Remove the NUL character (U+0000)")]))
}

/// The first field (a dotted path) whose text, or name, holds a NUL character.
fn nul_in(value: &Value, path: &str) -> Option<String> {
    let within = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match value {
        Value::String(text) if text.contains('\0') => {
            Some(if path.is_empty() { "body".to_owned() } else { path.to_owned() })
        }
        Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| nul_in(item, &within(&i.to_string()))),
        Value::Object(fields) => fields.iter().find_map(|(key, item)| {
            if key.contains('\0') { Some(within(&key.replace('\0', ""))) } else { nul_in(item, &within(key)) }
        }),
        _ => None,
    }
}

/// A multipart form.
pub struct Form(pub Multipart);

impl<S: Send + Sync> FromRequest<S> for Form {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        Ok(Form(Multipart::from_request(req, state).await?))
    }
}

fn refused(status: StatusCode, text: String) -> ApiError {
    ApiError(if status == StatusCode::PAYLOAD_TOO_LARGE {
        DomainError::TooLarge(FieldError::new("body", "The request body is larger than this endpoint accepts"))
    } else {
        DomainError::BadRequest(text)
    })
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        refused(r.status(), r.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        refused(r.status(), r.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> Self {
        refused(r.status(), r.body_text())
    }
}

impl From<MultipartRejection> for ApiError {
    fn from(r: MultipartRejection) -> Self {
        refused(r.status(), r.body_text())
    }
}

/// A ticket named in the path by id (`42`) or by reference (`DKT-1042`). Whether the caller may
/// see it is the domain's question; a name that matches nothing is simply not found.
pub struct TicketId(pub i64);

impl FromRequestParts<AppState> for TicketId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state).await?;
        if let Ok(id) = raw.parse::<i64>() {
            return Ok(TicketId(id));
        }
        references::id_of(&state.desk.db, &raw).await?.map(TicketId).ok_or(ApiError(DomainError::NotFound))
    }
}

/// A numeric id in the path; anything else names nothing, so it is not found.
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state).await?;
        raw.parse().map(Id).map_err(|_| ApiError(DomainError::NotFound))
    }
}

/// The address the request came from, for limits per client. Unknown (`None`) only when the
/// router is served without connection info, as some tests do.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(ClientAddr(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip())))
    }
}

#[cfg(test)]
mod tests {
    use super::{integers_as_integers, nul_in};
    use serde_json::json;

    #[test]
    fn a_nul_is_found_with_its_field() {
        assert_eq!(nul_in(&json!({"body": "fine", "tags": ["a", "b\u{0}"]}), ""), Some("tags.1".into()));
        assert_eq!(nul_in(&json!({"custom_fields": {"x\u{0}": 1}}), ""), Some("custom_fields.x".into()));
        assert_eq!(nul_in(&json!("\u{0}"), ""), Some("body".into()));
        assert_eq!(nul_in(&json!({"body": "no nul here", "n": 0}), ""), None);
    }

    #[test]
    fn whole_floats_read_as_integers_and_nothing_else_changes() {
        let mut value = json!({"a": 3.0, "b": [-57942.0, 1.5, 7], "c": {"d": 1e300, "e": "2.0"}, "f": -0.0});
        integers_as_integers(&mut value);
        assert_eq!(value, json!({"a": 3, "b": [-57942, 1.5, 7], "c": {"d": 1e300, "e": "2.0"}, "f": 0}));
        assert!(value["a"].is_i64());
    }
}
