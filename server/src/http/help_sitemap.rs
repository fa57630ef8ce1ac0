//! `/sitemap.xml` and `/robots.txt`: the help center's public addresses for search engines
//! (published public articles and their categories), absolute under the desk's public URL.

use axum::{
    extract::State,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use domain::desk::Desk;

use super::error::ApiError;

/// Escapes text for XML character data.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn typed(body: String, content_type: &'static str) -> Response {
    let mut res = body.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    res
}

pub async fn sitemap(State(desk): State<Desk>) -> Result<Response, ApiError> {
    let base = domain::email::settings::public_url(&desk.db).await?;
    let base = base.trim_end_matches('/');
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    out.push_str(&format!("  <url><loc>{}</loc></url>\n", xml(&format!("{base}/help"))));
    for (path, updated) in domain::kb::queries::sitemap(&desk.db).await? {
        out.push_str(&format!(
            "  <url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            xml(&format!("{base}{path}")),
            updated.format("%Y-%m-%d")
        ));
    }
    out.push_str("</urlset>\n");
    Ok(typed(out, "application/xml; charset=utf-8"))
}

/// Everything but the help center is for signed-in people: crawlers keep to `/help`.
pub async fn robots(State(desk): State<Desk>) -> Result<Response, ApiError> {
    let base = domain::email::settings::public_url(&desk.db).await?;
    let body =
        format!("User-agent: *\nAllow: /help\nDisallow: /\nSitemap: {}/sitemap.xml\n", base.trim_end_matches('/'));
    Ok(typed(body, "text/plain; charset=utf-8"))
}
