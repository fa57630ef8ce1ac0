//! Property tests: whatever customers and agents type into subjects, names and bodies, the mail
//! Docket composes has exactly its own header fields, and addresses with line breaks are refused.

use domain::email::compose::{Outgoing, compose};
use proptest::prelude::*;

const EXPECTED: [&str; 12] = [
    "from",
    "reply-to",
    "to",
    "subject",
    "message-id",
    "x-docket-loop",
    "in-reply-to",
    "references",
    "auto-submitted",
    "x-auto-response-suppress",
    "content-type",
    "content-transfer-encoding",
];

/// Text that likes header syntax: line breaks, colons, header names and encoded-word markers.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("\r\n".to_owned()),
        Just("\n".to_owned()),
        Just("\r".to_owned()),
        Just("Bcc: victim@evil.test".to_owned()),
        Just(": ".to_owned()),
        Just("=?utf-8?q?x=0D=0ABcc:_a@b.c?=".to_owned()),
        Just("\r\n\r\n".to_owned()),
        Just(".\r\n".to_owned()),
        Just("\0".to_owned()),
        "[ -~]{0,12}",
        "\\PC{0,8}",
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn no_header_injection(subject in hostile(), name in hostile(), body in hostile(), from_name in hostile()) {
        let thread = vec!["a@x.test".to_owned()];
        let mail = Outgoing {
            from_name: &from_name,
            from_address: "help@acme.test",
            reply_to: "help+t1u2kabc@acme.test",
            to_name: Some(&name),
            to_address: "ann@example.com",
            subject: &subject,
            text: &body,
            message_id: "dkt.1.x@acme.test",
            thread: &thread,
            auto_submitted: Some("auto-replied"),
            desk_id: "acme.test",
        };
        let raw = compose(&mail).expect("composes");
        let parsed = mail_parser::MessageParser::default().parse(raw.as_bytes()).expect("parses");
        for header in parsed.headers() {
            let name = header.name().to_ascii_lowercase();
            prop_assert!(EXPECTED.contains(&name.as_str()) || name == "date" || name == "mime-version", "unexpected header {name} in {raw:?}");
        }
        let to: Vec<&str> = parsed.to().into_iter().flat_map(|a| a.iter()).filter_map(|a| a.address()).collect();
        prop_assert_eq!(to, vec!["ann@example.com"]);
        prop_assert!(parsed.bcc().is_none());
        let words = |s: &str| s.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        // A subject that itself spells an encoded word is shown decoded, as every mail reader would.
        if !subject.contains("=?") {
            prop_assert_eq!(words(parsed.subject().unwrap_or_default()), words(&subject));
        }
    }

    #[test]
    fn addresses_with_line_breaks_are_refused(local in "[a-z]{1,8}", injected in "(\r\n|\n|\r)(RCPT TO:<x@evil.test>|Bcc: x@evil.test)") {
        let to = format!("{local}@example.com{injected}");
        let mail = Outgoing {
            from_name: "Desk",
            from_address: "help@acme.test",
            reply_to: "help@acme.test",
            to_name: None,
            to_address: &to,
            subject: "s",
            text: "t",
            message_id: "dkt.1.x@acme.test",
            thread: &[],
            auto_submitted: None,
            desk_id: "acme.test",
        };
        prop_assert!(compose(&mail).is_err());
    }
}
