//! Server functions: thin adapters from the browser to domain commands and queries.
//! All of them are POST, under `/fn/`.

pub mod access;
pub mod admin;
pub mod api_tokens;
pub mod audit;
pub mod auth;
pub mod automations;
pub mod board;
pub mod calendar;
pub mod csat;
pub mod custom_fields;
pub mod desk_config;
pub mod form;
pub mod help;
pub mod kb;
pub mod kb_files;
pub mod kb_tickets;
pub mod macros;
pub mod mail;
#[cfg(feature = "ssr")]
mod multipart;
pub mod notifications;
pub mod organizations;
pub mod outside_mail;
pub mod presence;
pub mod relations;
pub mod reports;
pub mod routing;
pub mod search;
pub mod self_service;
pub mod sla;
pub mod teams;
pub mod tickets;
pub mod time;
pub mod workspace;

/// Server functions that take multipart bodies; the router refuses other content types there
/// before the body is parsed.
pub const MULTIPART_ENDPOINTS: [&str; 4] =
    ["/fn/create_ticket_with_files", "/fn/add_message_with_files", "/fn/import_holidays", "/fn/upload_article_files"];

/// Only same-site relative paths may be redirect targets after sign-in (no open redirects).
pub fn safe_next(next: Option<&str>) -> Option<String> {
    let next = next?.trim();
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        && next.len() <= 1000;
    ok.then(|| next.to_owned())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths() {
        assert_eq!(safe_next(Some("/agent?x=1")), Some("/agent?x=1".into()));
        for bad in ["//evil.example", "https://evil.example", "/\\evil", "javascript:alert(1)", "", "/a\nb"] {
            assert_eq!(safe_next(Some(bad)), None, "{bad}");
        }
        assert_eq!(safe_next(None), None);
    }
}
