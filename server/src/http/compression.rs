//! Which answers go out compressed: pages, server-function and API JSON, XML (the sitemap),
//! gzip when the client accepts it. Never live events, files (attachments keep their bytes and
//! their ranges) or what is already compressed (the site build's `.br` and `.gz` copies).

use axum::http::{Extensions, HeaderMap, StatusCode, Version, header};
use tower_http::compression::{
    CompressionLayer,
    predicate::{DefaultPredicate, Predicate},
};

pub fn layer() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new().gzip(true).compress_when(DefaultPredicate::new().and(is_text))
}

fn is_text(status: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions) -> bool {
    let kind = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let text = ["text/html", "application/json", "application/xml", "text/xml", "text/plain", "text/css"]
        .iter()
        .any(|t| kind.starts_with(t));
    text && !headers.contains_key(header::CONTENT_DISPOSITION) && status != StatusCode::PARTIAL_CONTENT
}
