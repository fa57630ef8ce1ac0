//! Request guards and response headers that protect every route: cross-site mutations are
//! refused (Origin / Sec-Fetch-Site), and every response carries the security headers.

use super::error::ApiError;
use axum::{
    extract::Request,
    http::{HeaderMap, HeaderValue, Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use domain::DomainError;

/// Refuses any non-safe request that a browser marks as coming from another site.
pub async fn refuse_cross_site_mutations(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && is_cross_site(req.headers()) {
        tracing::warn!(method = %req.method(), path = req.uri().path(), "cross-site mutation refused");
        return ApiError(DomainError::Forbidden).into_response();
    }
    next.run(req).await
}

/// The multipart server functions get a multipart body with a boundary, or a 400 before any
/// parsing (the parser would otherwise fail without a clean error).
pub async fn require_multipart_bodies(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let claims_multipart = content_type.trim_start().to_ascii_lowercase().starts_with("multipart/");
    let needs_multipart = app::api::MULTIPART_ENDPOINTS.contains(&path);
    if (needs_multipart || claims_multipart) && (!claims_multipart || !has_boundary(content_type)) {
        let body = serde_json::json!({ "error": {
            "code": domain::ErrorCode::BadRequest.as_str(),
            "message": "Send this form as multipart/form-data with a boundary",
            "fields": [],
        }});
        return (axum::http::StatusCode::BAD_REQUEST, axum::Json(body)).into_response();
    }
    next.run(req).await
}

fn has_boundary(content_type: &str) -> bool {
    content_type.split(';').skip(1).any(|p| {
        p.trim().split_once('=').is_some_and(|(k, v)| k.trim().eq_ignore_ascii_case("boundary") && !v.trim().is_empty())
    })
}

/// True when the browser says the request comes from elsewhere. Requests without either
/// header (curl, API clients) carry no ambient browser credentials to abuse and pass.
pub fn is_cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let Ok(origin) = origin.to_str() else {
        return true;
    };
    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match (origin_host, host) {
        (Some(o), Some(h)) => !o.eq_ignore_ascii_case(h),
        _ => true,
    }
}

/// Mints the nonce of an HTML page's policy before the page renders (`app::ssr::use_request_nonce`
/// reads it), and sets that policy on the HTML response unless the route set its own (downloads
/// keep their sandbox). Set here rather than during the render, so no path through the renderer
/// can leave a page under the closed default policy.
pub async fn page_content_security(mut req: Request, next: Next) -> Response {
    let nonce = leptos::nonce::Nonce::new();
    req.extensions_mut().insert(nonce.clone());
    let mut res = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("text/html"));
    if is_html
        && !res.headers().contains_key(header::CONTENT_SECURITY_POLICY)
        && let Ok(value) = HeaderValue::from_str(&app::ssr::page_csp(&nonce))
    {
        res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
    }
    res
}

const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=()";
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

pub async fn add_security_headers(https: bool, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    let set = |headers: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    };
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set(headers, header::CONTENT_SECURITY_POLICY, DEFAULT_CSP);
    set(headers, header::HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    set(headers, header::HeaderName::from_static("permissions-policy"), PERMISSIONS_POLICY);
    if https {
        set(headers, header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn decides_cross_site() {
        let table: [(&[(&str, &str)], bool); 9] = [
            (&[], false),
            (&[("sec-fetch-site", "same-origin")], false),
            (&[("sec-fetch-site", "none")], false),
            (&[("sec-fetch-site", "cross-site")], true),
            (&[("sec-fetch-site", "same-site")], true),
            (&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")], false),
            (&[("origin", "https://evil.example"), ("host", "127.0.0.1:3000")], true),
            (&[("origin", "null"), ("host", "127.0.0.1:3000")], true),
            (&[("sec-fetch-site", "same-origin"), ("origin", "https://evil.example"), ("host", "a")], false),
        ];
        for (pairs, expected) in table {
            assert_eq!(is_cross_site(&headers(pairs)), expected, "{pairs:?}");
        }
    }
}
