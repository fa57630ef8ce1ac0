//! `AppError`: the error every server function returns, wasm-safe, with field errors for forms.

use domain::{ErrorCode, FieldError};
use serde::{Deserialize, Serialize};
use server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default)]
    pub fields: Vec<FieldError>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError { code, message: message.into(), fields: Vec::new() }
    }

    /// The message for one form field, if the error names it.
    pub fn field(&self, name: &str) -> Option<String> {
        self.fields.iter().find(|f| f.field == name).map(|f| f.message.clone())
    }

    /// The message, followed by each field's message: for one line in a list of outcomes.
    pub fn message_with_fields(&self) -> String {
        if self.fields.is_empty() {
            return self.message.clone();
        }
        self.fields.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join("; ")
    }

    /// The message to show above a form: field errors are shown beside their fields instead.
    pub fn banner(&self) -> Option<String> {
        match self.code {
            ErrorCode::Validation | ErrorCode::TooLarge if !self.fields.is_empty() => None,
            _ => Some(self.message.clone()),
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let code = match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_) => {
                ErrorCode::BadRequest
            }
            _ => ErrorCode::Internal,
        };
        let message = match code {
            ErrorCode::BadRequest => "The request was not understood; check the form and try again".to_owned(),
            _ => "Docket could not be reached or failed; try again".to_owned(),
        };
        #[cfg(feature = "ssr")]
        crate::response::set_status(code);
        AppError::new(code, message)
    }
}

impl From<domain::DomainError> for AppError {
    fn from(err: domain::DomainError) -> Self {
        let code = err.code();
        let message = match &err {
            domain::DomainError::Validation(_) => "Some fields need attention".to_owned(),
            domain::DomainError::NotFound => "Not found".to_owned(),
            domain::DomainError::Forbidden => "You do not have access to this".to_owned(),
            domain::DomainError::Unauthenticated => "Sign in to continue".to_owned(),
            other => {
                let text = other.to_string();
                let mut chars = text.chars();
                chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or(text)
            }
        };
        AppError { code, message, fields: err.fields().to_vec() }
    }
}
