//! Recognising automatic mail (RFC 3834 and the headers real autoresponders, lists and bounces
//! use), which Docket never answers automatically.

use mail_parser::{Message, MimeHeaders};

/// Docket's own header on every mail it sends; mail that carries it back is never answered.
pub const LOOP_HEADER: &str = "X-Docket-Loop";

/// Why this mail is automatic, or `None` for a person's mail. `envelope_sender` is the SMTP
/// MAIL FROM when known (`Some("")` is the null sender of bounces).
pub fn reason(message: &Message<'_>, envelope_sender: Option<&str>) -> Option<&'static str> {
    let header = |name: &str| message.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    if header(LOOP_HEADER).is_some() {
        return Some("it carries Docket's own loop header");
    }
    if let Some(value) = header("Auto-Submitted")
        && value.split(';').next().is_some_and(|v| v.trim() != "no")
    {
        return Some("Auto-Submitted says it is automatic");
    }
    if let Some(value) = header("Precedence")
        && matches!(value.as_str(), "bulk" | "junk" | "list")
    {
        return Some("Precedence says it is bulk or list mail");
    }
    if ["List-Id", "List-Unsubscribe", "List-Post"].iter().any(|h| header(h).is_some()) {
        return Some("it comes from a mailing list");
    }
    if header("X-Autoreply").is_some() || header("X-Autorespond").is_some() {
        return Some("X-Autoreply says it is automatic");
    }
    if header("X-Auto-Response-Suppress").is_some_and(|v| v.contains("all") || v.contains("autoreply")) {
        return Some("X-Auto-Response-Suppress asks for no automatic reply");
    }
    if envelope_sender.is_some_and(|s| s.trim().trim_matches(['<', '>']).is_empty()) {
        return Some("its envelope sender is empty (a bounce)");
    }
    if header("Return-Path").is_some_and(|v| v.trim_matches(['<', '>', ' ']).is_empty()) {
        return Some("its Return-Path is empty (a bounce)");
    }
    if message.content_type().is_some_and(|ct| {
        ct.c_type.eq_ignore_ascii_case("multipart")
            && ct.c_subtype.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("report"))
    }) {
        return Some("it is a delivery or read report");
    }
    let from = message.from().and_then(|a| a.first()).and_then(|a| a.address()).unwrap_or_default();
    let local = from.split('@').next().unwrap_or_default().to_ascii_lowercase();
    if matches!(local.as_str(), "mailer-daemon" | "postmaster" | "noreply" | "no-reply" | "do-not-reply" | "donotreply")
    {
        return Some("its sender is a mail system or a no-reply address");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::reason;
    use mail_parser::MessageParser;

    fn check(headers: &str, envelope: Option<&str>) -> Option<&'static str> {
        let raw = format!("From: Ann <ann@example.com>\r\nSubject: hi\r\n{headers}\r\nbody\r\n");
        let message = MessageParser::default().parse(raw.as_bytes()).expect("parses");
        reason(&message, envelope)
    }

    #[test]
    fn table() {
        let automatic = [
            "Auto-Submitted: auto-replied\r\n",
            "Auto-Submitted: auto-generated; owner-email=x@y\r\n",
            "Precedence: bulk\r\n",
            "Precedence: JUNK\r\n",
            "Precedence: list\r\n",
            "List-Id: <news.example.com>\r\n",
            "List-Unsubscribe: <mailto:u@example.com>\r\n",
            "X-Autoreply: yes\r\n",
            "X-Auto-Response-Suppress: All\r\n",
            "X-Docket-Loop: desk\r\n",
            "Return-Path: <>\r\n",
        ];
        for h in automatic {
            assert!(check(h, None).is_some(), "{h}");
        }
        assert!(check("", Some("")).is_some());
        assert!(check("", Some("<>")).is_some());
        for h in ["Auto-Submitted: no\r\n", "Precedence: first-class\r\n", ""] {
            assert_eq!(check(h, Some("ann@example.com")), None, "{h}");
        }
    }
}
