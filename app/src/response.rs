//! The HTTP response to a server-function call, on the server: whether the caller is a plain HTML
//! form post, and the status a fetch caller gets for an error.

use domain::ErrorCode;
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

/// True for a plain HTML form post (JavaScript off), false for the hydrated app's fetch calls.
pub fn is_form_post() -> bool {
    use_context::<Parts>().is_some_and(|parts| {
        parts.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
    })
}

/// Sets the HTTP status of an error for fetch callers; plain form posts keep the redirect back to
/// the form.
pub(crate) fn set_status(code: ErrorCode) {
    if is_form_post() {
        return;
    }
    if let (Some(options), Ok(status)) =
        (use_context::<ResponseOptions>(), http::StatusCode::from_u16(code.http_status()))
    {
        options.set_status(status);
    }
}
