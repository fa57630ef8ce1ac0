//! Turning raw RFC 5322 bytes into what a ticket needs: sender, subject, thread headers, the
//! new text with quoted history folded away, sanitised HTML, and files. Parsing is mail-parser's;
//! the limits, the folding and the sanitising are Docket's.

use super::{
    automatic, lenient,
    limits::{Limits, Rejection},
    quotes,
};
use mail_parser::{MessageParser, MimeHeaders, PartType};

/// A parsed inbound message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundMail {
    /// Without angle brackets.
    pub message_id: Option<String>,
    /// In-Reply-To then References, without angle brackets, nearest first.
    pub thread_ids: Vec<String>,
    /// Lowercased.
    pub from: String,
    pub from_name: Option<String>,
    /// Every address in To, Cc, Delivered-To and X-Original-To, lowercased.
    pub recipients: Vec<String>,
    /// One line: line breaks and control characters become spaces. May be empty.
    pub subject: String,
    /// The sender's new words.
    pub text: String,
    /// The quoted history, kept folded.
    pub quoted: Option<String>,
    /// The HTML body, sanitised, when the mail had one.
    pub html: Option<String>,
    pub files: Vec<InboundFile>,
    /// Why the mail is automatic (never answered automatically), or `None`.
    pub automatic: Option<&'static str>,
    /// How a mail that was not quite right was read anyway (`lenient`), for the mail log.
    pub recovered: Vec<String>,
}

#[derive(Clone, PartialEq, Eq)]
pub struct InboundFile {
    pub name: String,
    pub bytes: Vec<u8>,
    pub inline: bool,
}

impl std::fmt::Debug for InboundFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "InboundFile({}, {} bytes, inline: {})", self.name, self.bytes.len(), self.inline)
    }
}

/// Header facts that can be read even from a message that is then refused (for the ingest log).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Envelope {
    pub message_id: Option<String>,
    pub from: Option<String>,
    pub subject: Option<String>,
}

/// Reads what the ingest log shows of any message, parseable or not, cheaply.
pub fn envelope(raw: &[u8]) -> Envelope {
    let head = &raw[..raw.len().min(256 * 1024)];
    let Some(message) = contained(|| MessageParser::default().parse_headers(head)) else { return Envelope::default() };
    Envelope {
        message_id: message.message_id().map(clip_id),
        from: lenient::sender(&message).map(|(email, _, _)| email),
        subject: message.subject().map(one_line).map(|s| s.chars().take(300).collect()),
    }
}

/// Parses `raw` within `limits`. `envelope_sender` is SMTP's MAIL FROM when known.
pub fn parse(raw: &[u8], limits: &Limits, envelope_sender: Option<&str>) -> Result<InboundMail, Rejection> {
    limits.check_size(raw.len())?;
    let message = contained(|| MessageParser::default().parse(raw)).ok_or(Rejection::Unparseable)?;
    if message.root_part().headers.is_empty() {
        return Err(Rejection::Unparseable);
    }
    limits.check_structure(&message)?;
    let (from, mut from_name, how) = lenient::sender(&message).ok_or(Rejection::NoSender)?;
    let mut recovered: Vec<String> = how.into_iter().collect();
    let mut subject: String = message.subject().map(one_line).unwrap_or_default();
    if let Some(text) = lenient::legacy_header(&message, mail_parser::HeaderName::Subject) {
        subject = text;
        recovered.push("the subject was raw 8-bit text in the charset the body declares".into());
    }
    if from_name.is_some()
        && let Some(text) = lenient::legacy_header(&message, mail_parser::HeaderName::From)
    {
        from_name =
            text.split('<').next().map(|n| n.trim().trim_matches('"').trim().to_owned()).filter(|n| !n.is_empty());
        recovered.push("the sender's name was raw 8-bit text in the charset the body declares".into());
    }
    let subject: String = subject.chars().take(300).collect();
    let html = real_html(&message);
    let texts: Vec<&str> = message
        .text_body
        .iter()
        .filter_map(|id| match message.parts.get(*id as usize).map(|p| &p.body) {
            Some(PartType::Text(text)) => Some(text.as_ref()),
            _ => None,
        })
        .collect();
    let plain = match &html {
        // The parser's own conversion keeps script and style text; convert what is safe to show.
        Some(html) if texts.is_empty() => mail_parser::decoders::html::html_to_text(&sanitise(html)),
        _ => texts.join("\n\n"),
    };
    // NUL is not text (and PostgreSQL cannot store it in one).
    let plain = plain.replace("\r\n", "\n").replace('\0', "");
    let files = files(&message);
    let plain = if plain.trim().is_empty() && files.is_empty() {
        // A subject alone is still a request a person would answer.
        if subject.trim().is_empty() {
            return Err(Rejection::Empty);
        }
        recovered.push("it had no text; its subject stands as the text".into());
        subject.clone()
    } else {
        plain
    };
    let (text, quoted) = quotes::split(&plain);
    let mut thread_ids: Vec<String> = Vec::new();
    for value in [message.in_reply_to(), message.references()] {
        let ids = value.as_text_list().map(|l| l.iter().map(|c| c.to_string()).collect::<Vec<_>>());
        let ids = ids.or_else(|| value.as_text().map(|t| vec![t.to_owned()])).unwrap_or_default();
        // References lists the oldest first; the nearest ancestor is the best match.
        for id in ids.into_iter().rev().take(50) {
            let id = clip_id(&id);
            if !id.is_empty() && !thread_ids.contains(&id) {
                thread_ids.push(id);
            }
        }
    }
    Ok(InboundMail {
        message_id: message.message_id().map(clip_id),
        thread_ids,
        from,
        from_name,
        recipients: recipients(&message),
        subject,
        text,
        quoted,
        html: html.map(|h| sanitise(&h.replace('\0', ""))),
        files,
        automatic: automatic::reason(&message, envelope_sender),
        recovered,
    })
}

/// Runs mail-parser on outside input, taking a panic in it as "unparseable": one malformed
/// message must not end the listener's session or stall a mailbox's polling on every retry.
/// (Found by fuzzing: a `message/rfc822` part nested in another inside an unterminated
/// multipart trips a `debug_assert!` in mail-parser 0.11, which builds with debug assertions
/// turn into a panic; release builds recover.)
fn contained<'a>(
    parse: impl FnOnce() -> Option<mail_parser::Message<'a>> + std::panic::UnwindSafe,
) -> Option<mail_parser::Message<'a>> {
    std::panic::catch_unwind(parse).ok().flatten()
}

/// The first real HTML body part (the parser also offers text parts converted to HTML).
fn real_html(message: &mail_parser::Message<'_>) -> Option<String> {
    message.html_body.iter().find_map(|id| match message.parts.get(*id as usize).map(|p| &p.body) {
        Some(PartType::Html(html)) => Some(html.to_string()),
        _ => None,
    })
}

fn recipients(message: &mail_parser::Message<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let listed = message.to().into_iter().chain(message.cc()).flat_map(|a| a.iter()).filter_map(|a| a.address());
    let delivered = ["Delivered-To", "X-Original-To", "Envelope-To"].into_iter().filter_map(|h| message.header_raw(h));
    for address in listed.map(str::to_owned).chain(delivered.map(|v| v.trim().trim_matches(['<', '>']).to_owned())) {
        let address = address.trim().to_lowercase();
        if !address.is_empty() && !out.contains(&address) && out.len() < 100 {
            out.push(address);
        }
    }
    out
}

/// Real attachments and inline images; text and HTML parts that are the body are not files.
fn files(message: &mail_parser::Message<'_>) -> Vec<InboundFile> {
    let mut out = Vec::new();
    for (index, part) in message.attachments().enumerate() {
        let bytes = match &part.body {
            PartType::Message(inner) => inner.raw_message().to_vec(),
            _ => part.contents().to_vec(),
        };
        if bytes.is_empty() {
            continue;
        }
        let inline = part.content_id().is_some()
            && part.content_disposition().is_none_or(|d| !d.c_type.eq_ignore_ascii_case("attachment"));
        let name = part.attachment_name().map(one_line).filter(|n| !n.trim().is_empty());
        let name = name.unwrap_or_else(|| default_name(part, index));
        out.push(InboundFile { name, bytes, inline });
    }
    out
}

fn default_name(part: &mail_parser::MessagePart<'_>, index: usize) -> String {
    let ext = match part.content_type().map(|c| (c.c_type.to_ascii_lowercase(), c.c_subtype.clone())) {
        Some((t, _)) if t == "message" => "eml".to_owned(),
        Some((_, Some(sub))) => sub.chars().filter(char::is_ascii_alphanumeric).take(10).collect(),
        _ => "bin".to_owned(),
    };
    format!("attachment-{}.{ext}", index + 1)
}

fn clip_id(id: &str) -> String {
    id.trim().trim_matches(['<', '>']).chars().filter(|c| !c.is_control()).take(250).collect()
}

/// One line of text: line breaks, tabs and other control characters become single spaces.
pub fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_control() || c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Sanitises mail HTML for showing inside the agent's page: no scripts, styles, forms, frames or
/// remote-fetching tricks; links open safely.
pub fn sanitise(html: &str) -> String {
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .rm_tags(["img"])
        .add_clean_content_tags(["title"])
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing (fuzz/ `mail_parse`): mail-parser panics on this in builds with debug
    /// assertions. Refused (or, in release, parsed and refused for want of a sender), never a panic.
    #[test]
    fn nested_messages_in_an_unterminated_multipart_are_refused_not_a_panic() {
        let raw = b"Content-Type:multipart;boundary=outer\n\n--outerContent-Type:message/rfc822\n\n\
                    Content-Type:message/rfc822\n\n\n--outer--";
        assert!(parse(raw, &Limits::default(), None).is_err());
        assert_eq!(envelope(raw).from, None);
    }
}
