//! Rendering one outgoing mail to the bytes the outbox keeps and sends: lettre builds and encodes
//! every header (so names, subjects and bodies cannot inject headers), Docket adds its threading
//! headers, its loop header and `Auto-Submitted` on automatic mail.

use super::{automatic::LOOP_HEADER, parse::one_line};
use lettre::{
    Address, Message,
    message::{
        Mailbox, SinglePart,
        header::{ContentType, Header, HeaderName, HeaderValue},
    },
};

pub struct Outgoing<'a> {
    pub from_name: &'a str,
    pub from_address: &'a str,
    pub reply_to: &'a str,
    pub to_name: Option<&'a str>,
    pub to_address: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    /// Without angle brackets.
    pub message_id: &'a str,
    /// Earlier Message-IDs of the thread, oldest first, without angle brackets.
    pub thread: &'a [String],
    /// `auto-replied` (answering a message) or `auto-generated`; `None` for a person's mail.
    pub auto_submitted: Option<&'static str>,
    /// Names this desk in the loop header.
    pub desk_id: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComposeError {
    #[error("not a usable email address: {0}")]
    Address(String),
    #[error("the message cannot be built: {0}")]
    Build(String),
}

macro_rules! text_header {
    ($type:ident, $name:expr) => {
        #[derive(Clone)]
        struct $type(String);
        impl Header for $type {
            fn name() -> HeaderName {
                HeaderName::new_from_ascii_str($name)
            }
            fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
                Ok(Self(s.to_owned()))
            }
            fn display(&self) -> HeaderValue {
                HeaderValue::new(Self::name(), self.0.clone())
            }
        }
    };
}

text_header!(AutoSubmitted, "Auto-Submitted");
text_header!(LoopHeader, LOOP_HEADER);
text_header!(SuppressAutoReply, "X-Auto-Response-Suppress");

fn address(s: &str) -> Result<Address, ComposeError> {
    s.trim().parse::<Address>().map_err(|_| ComposeError::Address(one_line(s)))
}

/// A message id is `local@domain` of visible ASCII without brackets or spaces.
fn msg_id(id: &str) -> Option<String> {
    let ok = !id.is_empty()
        && id.len() <= 250
        && id.contains('@')
        && id.bytes().all(|b| b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b'"' | b'\\' | b','));
    ok.then(|| format!("<{id}>"))
}

pub fn compose(mail: &Outgoing<'_>) -> Result<String, ComposeError> {
    let from = Mailbox::new(Some(one_line(mail.from_name)).filter(|n| !n.is_empty()), address(mail.from_address)?);
    let to = Mailbox::new(mail.to_name.map(one_line).filter(|n| !n.is_empty()), address(mail.to_address)?);
    let reply_to = Mailbox::new(from.name.clone(), address(mail.reply_to)?);
    let id = msg_id(mail.message_id).ok_or_else(|| ComposeError::Build("invalid Message-ID".into()))?;
    let mut builder = Message::builder()
        .from(from)
        .reply_to(reply_to)
        .to(to)
        .subject(one_line(mail.subject))
        .message_id(Some(id))
        .header(LoopHeader(one_line(mail.desk_id)));
    let thread: Vec<String> = mail.thread.iter().filter_map(|t| msg_id(t)).collect();
    if let Some(parent) = thread.last() {
        builder = builder.in_reply_to(parent.clone()).references(thread.join(" "));
    }
    if let Some(kind) = mail.auto_submitted {
        builder = builder.header(AutoSubmitted(kind.to_owned())).header(SuppressAutoReply("All".to_owned()));
    }
    // Bare CRs could end a line for some readers: keep only real line breaks.
    let text: String = mail.text.replace("\r\n", "\n").replace('\r', "\n");
    let part = SinglePart::builder().header(ContentType::TEXT_PLAIN).body(text);
    let message = builder.singlepart(part).map_err(|e| ComposeError::Build(e.to_string()))?;
    String::from_utf8(message.formatted()).map_err(|e| ComposeError::Build(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::{Outgoing, compose};
    use mail_parser::MessageParser;

    fn sample<'a>(subject: &'a str, name: &'a str, thread: &'a [String]) -> Outgoing<'a> {
        Outgoing {
            from_name: "Acme Support",
            from_address: "help@acme.test",
            reply_to: "help+t1u2kabc@acme.test",
            to_name: Some(name),
            to_address: "ann@example.com",
            subject,
            text: "Hello\n.\nBye",
            message_id: "dkt.1.abc@acme.test",
            thread,
            auto_submitted: Some("auto-replied"),
            desk_id: "acme",
        }
    }

    #[test]
    fn carries_threading_and_loop_headers() {
        let thread = vec!["first@x.test".to_owned(), "second@x.test".to_owned()];
        let raw = compose(&sample("Café ☕ [DKT-1]", "Ann Ö", &thread)).expect("composes");
        let parsed = MessageParser::default().parse(raw.as_bytes()).expect("parses");
        assert_eq!(parsed.subject(), Some("Café ☕ [DKT-1]"));
        assert_eq!(parsed.message_id(), Some("dkt.1.abc@acme.test"));
        assert_eq!(parsed.in_reply_to().as_text(), Some("second@x.test"));
        assert_eq!(parsed.header_raw("Auto-Submitted").map(str::trim), Some("auto-replied"));
        assert_eq!(parsed.header_raw("X-Docket-Loop").map(str::trim), Some("acme"));
        assert_eq!(parsed.from().and_then(|a| a.first()).and_then(|a| a.name()), Some("Acme Support"));
        let body = parsed.body_text(0).unwrap_or_default().replace("\r\n", "\n");
        assert!(body.contains("Hello\n.\nBye"), "{body:?} in {raw}");
    }

    #[test]
    fn refuses_bad_addresses() {
        let mut mail = sample("s", "n", &[]);
        mail.to_address = "ann@example.com\r\nBcc: x@evil.test";
        assert!(compose(&mail).is_err());
    }
}
