//! Inbound mail, the pure half of ingest: `email::parse::envelope` and `parse::parse` (default
//! and tight limits, with and without an SMTP envelope sender), then what ingest does with a
//! parsed mail before it needs the database: the reply token among the recipients, the ticket
//! number in the subject, the threading decision, and the ticket's text and HTML from
//! `body::render`; `quotes::split` also runs on the raw bytes as text.
//! Checks: no panic; a parsed mail keeps its promises (a one-line subject of at most 300
//! characters, no NUL in the text, a sender address without spaces or controls, at most 100
//! recipients, thread ids without controls); its sanitised HTML and the rendered ticket HTML can
//! run no script (no `<script`, no `on…=`, no URL but http, https and mailto); a quote split keeps
//! the new words as the start of the text.
#![no_main]

use docket_fuzz::assert_safe_html;
use domain::email::{
    body,
    ingest::subject_number,
    limits::Limits,
    parse::{self, InboundMail},
    quotes,
    threading::{self, Facts, Sender},
    token::TokenKey,
};
use libfuzzer_sys::fuzz_target;

const TIGHT: Limits = Limits { max_bytes: 64 * 1024, max_parts: 8, max_depth: 3, max_headers: 40, max_header_bytes: 8 * 1024 };

fuzz_target!(|raw: &[u8]| {
    let envelope = parse::envelope(raw);
    if let Some(subject) = &envelope.subject {
        assert!(subject.chars().count() <= 300 && !subject.contains('\n'), "{subject:?}");
    }
    for (limits, sender) in [(Limits::default(), None), (TIGHT, Some("bounce@lists.example.com"))] {
        if let Ok(mail) = parse::parse(raw, &limits, sender) {
            check(&mail, raw);
        }
    }
    if let Ok(text) = std::str::from_utf8(raw) {
        check_split(text);
    }
});

fn check(mail: &InboundMail, raw: &[u8]) {
    assert!(mail.subject.chars().count() <= 300, "subject too long from {raw:?}");
    assert!(!mail.subject.chars().any(char::is_control), "a control character in {:?}", mail.subject);
    assert!(!mail.text.contains('\0'), "NUL in the text from {raw:?}");
    assert!(mail.from.contains('@') && !mail.from.chars().any(|c| c.is_whitespace() || c.is_control()), "{:?}", mail.from);
    assert!(mail.recipients.len() <= 100);
    for id in mail.message_id.iter().chain(&mail.thread_ids) {
        assert!(id.chars().count() <= 250 && !id.chars().any(char::is_control), "{id:?}");
    }
    if let Some(html) = &mail.html {
        assert_safe_html(html, &raw);
    }
    if let Some(quoted) = &mail.quoted {
        assert!(!mail.text.trim().is_empty() && !quoted.is_empty());
    }
    // What ingest decides before it looks anything up.
    let key = TokenKey::new(b"fuzzing key, 32 bytes long......".to_vec());
    let token = key.find(&mail.recipients);
    let number = subject_number("DKT", &mail.subject);
    for sender in [Sender::Unknown, Sender::Customer { user_id: 7 }, Sender::Staff { user_id: 7 }, Sender::Inactive] {
        let facts = Facts {
            sender,
            token,
            by_headers: (!mail.thread_ids.is_empty()).then_some(1),
            by_subject_as_participant: number,
            reject_unknown: mail.files.is_empty(),
        };
        let _ = threading::decide(&facts);
    }
    let (text, html) = body::render(mail);
    assert!(!text.trim().is_empty());
    assert!(text.chars().count() <= domain::tickets::markdown::BODY_MAX_CHARS, "the ticket text is over the limit");
    assert_safe_html(&html, &raw);
}

fn check_split(text: &str) {
    let (new, quoted) = quotes::split(text);
    if quoted.is_some() && !text.contains('\r') {
        assert!(text.starts_with(&new), "the new words {new:?} are not the start of {text:?}");
    }
}
