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
use std::{convert::Infallible, net::IpAddr, net::SocketAddr};

/// A JSON request body.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Body<T>(pub T);

/// A query string.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Params<T>(pub T);

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
