//! `/forms.css`: the rules that show, on the new-request form, the custom fields of the category
//! chosen, in its form's order. A stylesheet of its own rather than an inline `<style>`, which
//! the content security policy refuses; built from the in-memory forms, so it costs one read of
//! the configuration version.

use super::error::ApiError;
use axum::{
    extract::State,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use domain::{custom_fields::catalog::Fields, desk::Desk};

pub async fn stylesheet(State(desk): State<Desk>) -> Result<Response, ApiError> {
    let css = Fields::load(&desk.db).await?.form_css();
    let mut res = css.into_response();
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    // An admin's change to a form shows on the next page.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(res)
}
