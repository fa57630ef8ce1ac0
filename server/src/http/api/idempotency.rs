//! `Idempotency-Key` on POST: the first request with a key claims it before it acts; a retry
//! with the same key and body gets the first response again (marked `Idempotent-Replayed`), a
//! different body with the same key is refused (422), and a retry while the first still runs
//! gets 409. Only successes are remembered: a failed request changed nothing and may be retried.
//! A request that was applied but whose response was lost (the server stopped in between) is
//! answered from what it made, again marked as replayed, and is never run twice.

use super::{
    auth::Caller,
    schemas::{MessageDto, TicketDto},
};
use crate::http::error::ApiError;
use axum::{
    Json,
    body::{Body, to_bytes},
    extract::{Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use domain::{
    DomainError, FieldError,
    api_tokens::idempotency::{self, Claim, Resource},
    desk::Desk,
    tickets::{conversation, queries},
};

pub const HEADER: &str = "idempotency-key";
/// Responses to POSTs are small JSON documents.
const RESPONSE_LIMIT: usize = 4 << 20;

fn key_error(message: &str) -> Response {
    ApiError::explained(DomainError::Validation(vec![FieldError::new("Idempotency-Key", message)]), message)
}

pub async fn remember_posts(State((desk, body_limit)): State<(Desk, usize)>, req: Request, next: Next) -> Response {
    if req.method() != Method::POST {
        return next.run(req).await;
    }
    let Some(value) = req.headers().get(HEADER) else { return next.run(req).await };
    let Some(key) = value.to_str().ok().filter(|k| idempotency::valid_key(k)).map(str::to_owned) else {
        return ApiError::explained(
            DomainError::BadRequest(String::new()),
            "Idempotency-Key must be 1 to 255 visible ASCII characters",
        );
    };
    let Some(caller) = req.extensions().get::<Caller>().copied() else {
        return ApiError(DomainError::Unauthenticated).into_response();
    };
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, body_limit).await else {
        return ApiError(DomainError::TooLarge(FieldError::new("body", "The request body is too large")))
            .into_response();
    };
    let target = parts.uri.path_and_query().map_or("", |p| p.as_str());
    let hash = idempotency::request_hash(&[parts.method.as_str().as_bytes(), target.as_bytes(), &bytes]);
    let user = caller.user_id();
    match idempotency::claim(&desk.db, user, &key, &hash).await {
        Err(err) => ApiError(err).into_response(),
        Ok(Claim::Mismatch) => key_error("This Idempotency-Key was used for a different request"),
        Ok(Claim::InProgress) => ApiError::explained(
            DomainError::Conflict(String::new()),
            "A request with this Idempotency-Key is still running; retry in a moment",
        ),
        Ok(Claim::Replay { status, body }) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            let mut res = (status, body).into_response();
            let headers = res.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            replayed(res)
        }
        Ok(Claim::Applied { resource }) => match answer_applied(&desk, &caller, resource).await {
            Ok(res) => finish(&desk, user, &key, replayed(res)).await,
            Err(res) => res,
        },
        Ok(Claim::Fresh) => {
            let request = next.run(Request::from_parts(parts, Body::from(bytes)));
            let res = idempotency::run_claimed(user, &key, request).await;
            finish(&desk, user, &key, res).await
        }
    }
}

fn replayed(mut res: Response) -> Response {
    res.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
    res
}

/// The answer to a request that was applied but never answered: what it made, as its route
/// answers it (201 with the ticket or the message). A request that made nothing Docket can
/// show again gets 409, saying it was applied.
async fn answer_applied(desk: &Desk, caller: &Caller, resource: Option<Resource>) -> Result<Response, Response> {
    let actor = caller.actor();
    let made = match resource {
        Some(Resource::Ticket(id)) => queries::get(&desk.db, &actor, id).await.map(|view| {
            let location = format!("/api/v1/tickets/{id}");
            (StatusCode::CREATED, [(header::LOCATION, location)], Json(TicketDto::from(view))).into_response()
        }),
        Some(Resource::Message(id)) => conversation::message(&desk.db, &actor, id)
            .await
            .map(|view| (StatusCode::CREATED, Json(MessageDto::from(view))).into_response()),
        None => {
            return Err(ApiError::explained(
                DomainError::Conflict(String::new()),
                "A request with this Idempotency-Key was applied, but its answer was lost; read the resource to see it",
            ));
        }
    };
    made.map_err(|err| ApiError(err).into_response())
}

/// Keeps a success for replays; gives the key back after a failure.
async fn finish(desk: &Desk, user: i64, key: &str, res: Response) -> Response {
    if !res.status().is_success() {
        if let Err(err) = idempotency::release(&desk.db, user, key).await {
            tracing::error!(error = %err, "cannot release an idempotency key");
        }
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, RESPONSE_LIMIT).await else {
        tracing::error!("a response too large to remember for its idempotency key");
        return ApiError(DomainError::Internal).into_response();
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if let Err(err) = idempotency::complete(&desk.db, user, key, parts.status.as_u16(), text).await {
        tracing::error!(error = %err, "cannot store an idempotent response");
    }
    Response::from_parts(parts, Body::from(bytes))
}
