//! Reading mail that is not quite right the way a person would, instead of quarantining what
//! someone would still answer: a sender found in Reply-To, Sender or Return-Path when From has no
//! usable address; an address with a trailing dot, without angle brackets, or at a domain with
//! no dot (a local network's); header text in raw 8-bit bytes of the legacy charset the body
//! declares. Each recovery says how it read the mail, for the mail log.

use mail_parser::{Addr, HeaderName, HeaderValue, Message, MimeHeaders};

/// An address as a person would read it: trimmed, lowercased, without angle brackets or a
/// trailing dot; `None` when it is not one.
pub fn address(text: &str) -> Option<(String, Option<&'static str>)> {
    let mut email = text.trim().trim_matches(['<', '>']).trim().to_lowercase();
    let mut how = None;
    if email.ends_with('.') {
        email = email.trim_end_matches('.').to_owned();
        how = Some("the sender's address ended in a dot");
    }
    let (local, domain) = email.split_once('@')?;
    let valid = email.len() <= 254
        && !local.is_empty()
        && !domain.is_empty()
        && !domain.contains('@')
        && !domain.starts_with('.')
        && !domain.contains("..")
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | '"' | '(' | ')' | ';'));
    if !valid {
        return None;
    }
    if how.is_none() && !domain.contains('.') {
        how = Some("the sender's domain has no dot (a local network's)");
    }
    Some((email, how))
}

fn first_usable(
    addresses: Option<&mail_parser::Address<'_>>,
) -> Option<(String, Option<String>, Option<&'static str>)> {
    let addr: &Addr<'_> = addresses?.first()?;
    let (email, how) = address(addr.address()?)?;
    let name = addr.name().map(super::parse::one_line).filter(|n| !n.is_empty()).map(|n| n.chars().take(100).collect());
    Some((email, name, how))
}

/// An address written without angle brackets among other words (`Ana Silva ana@example.com`,
/// `ana@example.com (Ana)`): the one word that reads as an address.
fn bare_address(header: &str) -> Option<(String, Option<String>)> {
    let words: Vec<&str> = header.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')')).collect();
    let found: Vec<(String, Option<&'static str>)> =
        words.iter().filter(|w| w.contains('@')).filter_map(|w| address(w)).collect();
    let [(email, _)] = found.as_slice() else { return None };
    let name = words
        .iter()
        .filter(|w| !w.contains('@') && !w.is_empty())
        .map(|w| w.trim_matches(['"', '\'']))
        .collect::<Vec<_>>()
        .join(" ");
    Some((email.clone(), Some(name).filter(|n| !n.is_empty())))
}

/// Who to answer: From's address, read kindly; or, without one, Reply-To, Sender, then
/// Return-Path. With how it was found when it was not plain From.
pub fn sender(message: &Message<'_>) -> Option<(String, Option<String>, Option<String>)> {
    if let Some((email, name, how)) = first_usable(message.from()) {
        return Some((email, name, how.map(str::to_owned)));
    }
    if let Some(raw) = message.header_raw(HeaderName::From)
        && let Some((email, name)) = bare_address(raw)
    {
        return Some((email, name, Some("the sender's address was written without angle brackets".into())));
    }
    let fallbacks = [("Reply-To", message.reply_to()), ("Sender", message.sender())];
    for (header, addresses) in fallbacks {
        if let Some((email, name, _)) = first_usable(addresses) {
            return Some((email, name, Some(format!("From had no usable address; answered at its {header} address"))));
        }
    }
    let return_path = match message.return_path() {
        HeaderValue::Text(text) => Some(text.as_ref()),
        HeaderValue::TextList(list) => list.first().map(|t| t.as_ref()),
        _ => None,
    };
    let (email, _) = address(return_path?)?;
    Some((email, None, Some("From had no usable address; answered at its Return-Path address".into())))
}

/// The charset the body declares (the message's, or its first text part's).
fn declared_charset<'a>(message: &'a Message<'_>) -> Option<&'a str> {
    let of = |part: &'a mail_parser::MessagePart<'_>| part.content_type().and_then(|c| c.attribute("charset"));
    of(message.root_part())
        .or_else(|| message.text_body.first().and_then(|id| message.parts.get(*id as usize)).and_then(of))
}

/// A header's text when its raw bytes are 8-bit text in the charset the body declares (not
/// valid UTF-8, which the parser would have read); `None` when the header is fine as parsed.
pub fn legacy_header(message: &Message<'_>, name: HeaderName<'_>) -> Option<String> {
    let header = message.root_part().headers.iter().find(|h| h.name == name)?;
    let raw = message.raw_message().get(header.offset_start as usize..header.offset_end as usize)?;
    if std::str::from_utf8(raw).is_ok() {
        return None;
    }
    let charset = declared_charset(message)?;
    let decode = mail_parser::decoders::charsets::map::charset_decoder(charset.as_bytes())?;
    Some(super::parse::one_line(&decode(raw)))
}

#[cfg(test)]
mod tests {
    use super::{address, sender};
    use mail_parser::MessageParser;

    fn from_of(raw: &[u8]) -> Option<(String, Option<String>, Option<String>)> {
        sender(&MessageParser::default().parse(raw).expect("parses"))
    }

    #[test]
    fn addresses_read_kindly() {
        assert_eq!(address(" <Ana@Example.COM> "), Some(("ana@example.com".into(), None)));
        assert_eq!(address("ana@example.com.").map(|a| a.0), Some("ana@example.com".into()));
        assert!(address("ana@example.com.").and_then(|a| a.1).is_some());
        assert_eq!(address("root@intranet").map(|a| a.0), Some("root@intranet".into()));
        for junk in ["", "no-at-sign", "@example.com", "ana@", "a b@example.com", "a@b@c", "a@.example.com"] {
            assert_eq!(address(junk), None, "{junk}");
        }
    }

    #[test]
    fn the_sender_is_found_where_a_person_would_look() {
        let plain = from_of(b"From: Ana <ana@example.com>\r\nSubject: s\r\n\r\nb").expect("from");
        assert_eq!((plain.0.as_str(), plain.2), ("ana@example.com", None));
        let bare = from_of(b"From: Ana Silva ana@example.com\r\nSubject: s\r\n\r\nb").expect("bare");
        assert_eq!((bare.0.as_str(), bare.1.as_deref()), ("ana@example.com", Some("Ana Silva")));
        assert!(bare.2.is_some_and(|h| h.contains("angle brackets")));
        let reply_to =
            from_of(b"From: Ana Silva\r\nReply-To: <ana@example.com>\r\nSubject: s\r\n\r\nb").expect("reply-to");
        assert_eq!(reply_to.0, "ana@example.com");
        assert!(reply_to.2.is_some_and(|h| h.contains("Reply-To")));
        let sender = from_of(b"From: Ana Silva\r\nSender: ana@example.com\r\nSubject: s\r\n\r\nb").expect("sender");
        assert!(sender.2.is_some_and(|h| h.contains("Sender")));
        let path = from_of(b"Return-Path: <ana@example.com>\r\nFrom: Ana\r\nSubject: s\r\n\r\nb").expect("path");
        assert!(path.2.is_some_and(|h| h.contains("Return-Path")));
        assert_eq!(from_of(b"Return-Path: <>\r\nFrom: Ana\r\nSubject: s\r\n\r\nb"), None, "nobody to answer");
        let dotted = from_of(b"From: <ana@example.com.>\r\nSubject: s\r\n\r\nb").expect("dot");
        assert_eq!(dotted.0, "ana@example.com");
    }

    #[test]
    fn raw_8bit_headers_in_the_declared_charset() {
        let mut raw = b"From: Jos\xe9 <jose@example.com>\r\nSubject: Caf\xe9 cr\xe8me\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nCaf\xe9\r\n".to_vec();
        let message = MessageParser::default().parse(&raw).expect("parses");
        assert_eq!(super::legacy_header(&message, mail_parser::HeaderName::Subject).as_deref(), Some("Café crème"));
        raw = b"Subject: Caf\xc3\xa9\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nx".to_vec();
        let message = MessageParser::default().parse(&raw).expect("parses");
        assert_eq!(super::legacy_header(&message, mail_parser::HeaderName::Subject), None, "valid UTF-8 is left alone");
    }
}
