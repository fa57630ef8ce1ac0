//! The tracing span of each request, with the path's secrets left out: link, rating and
//! calendar-feed addresses carry their key in the path (`/access/<64 hex>`), which must not
//! reach the logs.

use axum::http::Request;
use tracing::Span;

/// `path` with every segment that holds a long hexadecimal secret replaced by `<secret>`.
pub fn loggable_path(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            let key = segment.split('.').next().unwrap_or(segment);
            if key.len() >= 32 && key.bytes().all(|b| b.is_ascii_hexdigit()) { "<secret>" } else { segment }
        })
        .collect::<Vec<_>>()
        .join("/")
}

pub fn make_span<B>(req: &Request<B>) -> Span {
    tracing::debug_span!("request", method = %req.method(), path = %loggable_path(req.uri().path()))
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn secrets_stay_out_of_the_logs() {
        let secret = "ab".repeat(32);
        assert_eq!(loggable_path(&format!("/calendar/{secret}.ics")), "/calendar/<secret>");
        assert_eq!(loggable_path(&format!("/access/{secret}")), "/access/<secret>");
        assert_eq!(loggable_path("/agent/tickets/42"), "/agent/tickets/42");
        assert_eq!(loggable_path("/help/files/7/deadbeef.pdf"), "/help/files/7/deadbeef.pdf");
    }
}
