//! The one error type of the domain, and the wasm-safe error codes the UI and the API speak.

use serde::{Deserialize, Serialize};

/// What went wrong, as a stable snake_case code on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    Unauthenticated,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    TooLarge,
    Validation,
    InvalidTransition,
    RateLimited,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BadRequest => "bad_request",
            Self::Unauthenticated => "unauthenticated",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Conflict => "conflict",
            Self::TooLarge => "too_large",
            Self::Validation => "validation",
            Self::InvalidTransition => "invalid_transition",
            Self::RateLimited => "rate_limited",
            Self::Internal => "internal",
        }
    }

    /// The HTTP status this code maps to: the one mapping, used by the API and server functions.
    pub fn http_status(self) -> u16 {
        match self {
            Self::BadRequest => 400,
            Self::Unauthenticated => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::Conflict => 409,
            Self::TooLarge => 413,
            Self::Validation | Self::InvalidTransition => 422,
            Self::RateLimited => 429,
            Self::Internal => 500,
        }
    }
}

/// A message about one input field, keyed by the field's wire name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

/// Every way a command or query can fail.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A request that cannot be understood (malformed JSON, a parameter of the wrong type).
    #[error("{0}")]
    BadRequest(String),
    #[error("sign in first")]
    Unauthenticated,
    /// A failed sign-in. One message for every cause, so it reveals nothing about the account.
    #[error("Email or password is incorrect")]
    BadCredentials,
    #[error("you may not do that")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// The resource exists but does not answer this HTTP method.
    #[error("this method is not allowed here")]
    MethodNotAllowed,
    #[error("some fields need attention")]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    Conflict(String),
    /// An upload or body over its limit, with the field it came in.
    #[error("{}", .0.message)]
    TooLarge(FieldError),
    #[error("{0}")]
    InvalidTransition(String),
    #[error("too many attempts; try again in {retry_after_secs} seconds")]
    RateLimited { retry_after_secs: u64 },
    /// The cause is logged where it happens; users only ever see a generic message.
    #[error("something went wrong on our side")]
    Internal,
}

impl DomainError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::BadRequest(_) => ErrorCode::BadRequest,
            Self::Unauthenticated | Self::BadCredentials => ErrorCode::Unauthenticated,
            Self::Forbidden => ErrorCode::Forbidden,
            Self::NotFound => ErrorCode::NotFound,
            Self::MethodNotAllowed => ErrorCode::MethodNotAllowed,
            Self::Validation(_) => ErrorCode::Validation,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::TooLarge(_) => ErrorCode::TooLarge,
            Self::InvalidTransition(_) => ErrorCode::InvalidTransition,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Internal => ErrorCode::Internal,
        }
    }

    pub fn fields(&self) -> &[FieldError] {
        match self {
            Self::Validation(fields) => fields,
            Self::TooLarge(field) => std::slice::from_ref(field),
            _ => &[],
        }
    }

    /// One field error, the common case of a form with a single bad input.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }
}

#[cfg(feature = "server")]
impl From<sea_orm::DbErr> for DomainError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        Self::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_statuses() {
        let table = [
            (DomainError::BadRequest("x".into()), 400, "bad_request"),
            (DomainError::Unauthenticated, 401, "unauthenticated"),
            (DomainError::Forbidden, 403, "forbidden"),
            (DomainError::NotFound, 404, "not_found"),
            (DomainError::MethodNotAllowed, 405, "method_not_allowed"),
            (DomainError::field("email", "bad"), 422, "validation"),
            (DomainError::Conflict("x".into()), 409, "conflict"),
            (DomainError::TooLarge(FieldError::new("attachments", "big")), 413, "too_large"),
            (DomainError::RateLimited { retry_after_secs: 3 }, 429, "rate_limited"),
            (DomainError::Internal, 500, "internal"),
        ];
        for (err, status, code) in table {
            assert_eq!(err.code().http_status(), status, "{err:?}");
            assert_eq!(err.code().as_str(), code);
            let json = serde_json_like(err.code());
            assert_eq!(json, code);
        }
    }

    fn serde_json_like(code: ErrorCode) -> String {
        // The serde name must equal as_str so the wire and the docs agree.
        format!("{code:?}").chars().fold(String::new(), |mut out, c| {
            if c.is_uppercase() && !out.is_empty() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            out
        })
    }
}
