//! Parsing one SMTP/LMTP command line (without its line end) into a `Command`.
//!
//! Done here rather than by mailin's parser, which answers 500 for malformed arguments as for
//! unknown verbs, requires a non-empty reverse-path (so it refuses the null sender `<>` that
//! bounces use), and rejects every MAIL parameter except BODY, SIZE and SMTPUTF8 included.

/// A command the session acts on.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Command {
    Hello {
        verb: Hello,
        domain: String,
    },
    /// `sender` is "" for the null sender; `size` is the client's SIZE= estimate.
    Mail {
        sender: String,
        size: Option<u64>,
    },
    Rcpt {
        recipient: String,
    },
    Data,
    Rset,
    Noop,
    Quit,
    Vrfy,
    /// A verb of some SMTP extension we do not offer (STARTTLS, AUTH, EXPN, …): 502, not 500.
    NotImplemented,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Hello {
    Helo,
    Ehlo,
    Lhlo,
}

/// Why a line is not a command we can act on, by the reply code it earns.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum ParseError {
    /// 500: no verb we know.
    Unknown,
    /// 501: a verb we know with arguments we cannot read.
    Syntax(&'static str),
    /// 555: a MAIL or RCPT parameter we do not support.
    Parameter,
}

const NOT_IMPLEMENTED: [&[u8]; 12] =
    [b"STARTTLS", b"AUTH", b"EXPN", b"HELP", b"TURN", b"ETRN", b"ATRN", b"BDAT", b"BURL", b"SEND", b"SOML", b"SAML"];

pub(super) fn parse(line: &[u8]) -> Result<Command, ParseError> {
    let (verb, rest) = match line.iter().position(|&b| b == b' ') {
        Some(space) => (&line[..space], &line[space + 1..]),
        None => (line, &b""[..]),
    };
    let is = |name: &[u8]| verb.eq_ignore_ascii_case(name);
    if NOT_IMPLEMENTED.iter().any(|name| is(name)) {
        return Ok(Command::NotImplemented);
    }
    let hello = [(&b"HELO"[..], Hello::Helo), (b"EHLO", Hello::Ehlo), (b"LHLO", Hello::Lhlo)]
        .into_iter()
        .find_map(|(name, verb)| is(name).then_some(verb));
    let known =
        hello.is_some() || [&b"MAIL"[..], b"RCPT", b"DATA", b"RSET", b"NOOP", b"QUIT", b"VRFY"].iter().any(|n| is(n));
    if !known {
        return Err(ParseError::Unknown);
    }
    let rest = std::str::from_utf8(rest).map_err(|_| ParseError::Syntax("arguments must be UTF-8"))?.trim();
    if let Some(verb) = hello {
        return match rest.split_ascii_whitespace().next() {
            Some(domain) => Ok(Command::Hello { verb, domain: domain.to_owned() }),
            None => Err(ParseError::Syntax("a domain or address literal is required")),
        };
    }
    if is(b"MAIL") {
        mail(rest)
    } else if is(b"RCPT") {
        rcpt(rest)
    } else if is(b"NOOP") {
        Ok(Command::Noop)
    } else if is(b"VRFY") {
        if rest.is_empty() { Err(ParseError::Syntax("VRFY needs an argument")) } else { Ok(Command::Vrfy) }
    } else if !rest.is_empty() {
        Err(ParseError::Syntax("this command takes no arguments"))
    } else if is(b"DATA") {
        Ok(Command::Data)
    } else if is(b"RSET") {
        Ok(Command::Rset)
    } else {
        Ok(Command::Quit)
    }
}

fn mail(rest: &str) -> Result<Command, ParseError> {
    let (sender, parameters) = path_after(rest, "FROM:")?;
    let mut size = None;
    for parameter in parameters.split_ascii_whitespace() {
        let (key, value) = parameter.split_once('=').map_or((parameter, None), |(k, v)| (k, Some(v)));
        if key.eq_ignore_ascii_case("SIZE") {
            let value = value.filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
            let value = value.ok_or(ParseError::Syntax("SIZE must be a number"))?;
            // All digits yet no u64: larger than any limit we could have.
            size = Some(value.parse().unwrap_or(u64::MAX));
        } else if key.eq_ignore_ascii_case("BODY") {
            if !value.is_some_and(|v| v.eq_ignore_ascii_case("7BIT") || v.eq_ignore_ascii_case("8BITMIME")) {
                return Err(ParseError::Parameter);
            }
        } else if !(key.eq_ignore_ascii_case("SMTPUTF8") && value.is_none()) {
            return Err(ParseError::Parameter);
        }
    }
    Ok(Command::Mail { sender: sender.to_owned(), size })
}

fn rcpt(rest: &str) -> Result<Command, ParseError> {
    let (recipient, parameters) = path_after(rest, "TO:")?;
    if recipient.is_empty() {
        return Err(ParseError::Syntax("the recipient cannot be empty"));
    }
    if !parameters.trim().is_empty() {
        return Err(ParseError::Parameter);
    }
    Ok(Command::Rcpt { recipient: recipient.to_owned() })
}

/// Splits `FROM:<path> params` into the address inside the brackets and what follows them.
fn path_after<'a>(rest: &'a str, keyword: &str) -> Result<(&'a str, &'a str), ParseError> {
    let after = match rest.get(..keyword.len()) {
        Some(head) if head.eq_ignore_ascii_case(keyword) => &rest[keyword.len()..],
        _ => return Err(ParseError::Syntax("expected FROM:<address> or TO:<address>")),
    };
    // Some clients put a space after the colon; accepting it costs nothing.
    let after = after.trim_start();
    let Some(inside) = after.strip_prefix('<') else {
        return Err(ParseError::Syntax("the address must be in angle brackets"));
    };
    let end = closing_bracket(inside).ok_or(ParseError::Syntax("unterminated address"))?;
    let (path, parameters) = (&inside[..end], &inside[end + 1..]);
    if !(parameters.is_empty() || parameters.starts_with(' ')) {
        return Err(ParseError::Syntax("expected a space after the address"));
    }
    if path.chars().any(char::is_control) {
        return Err(ParseError::Syntax("control characters in the address"));
    }
    // A source route (`<@relay:user@example.com>`) is obsolete and must be ignored (RFC 5321 §3.3).
    let path = match path.strip_prefix('@') {
        Some(route) => {
            route.split_once(':').map(|(_, mailbox)| mailbox).ok_or(ParseError::Syntax("bad source route"))?
        }
        None => path,
    };
    Ok((path, parameters))
}

/// Where the path's `>` is, skipping any inside a quoted local part (`<"a>b"@example.com>`).
fn closing_bracket(inside: &str) -> Option<usize> {
    let (mut quoted, mut escaped) = (false, false);
    for (at, c) in inside.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '>' if !quoted => return Some(at),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(sender: &str, size: Option<u64>) -> Result<Command, ParseError> {
        Ok(Command::Mail { sender: sender.to_owned(), size })
    }

    #[test]
    fn reads_mail_from_with_its_parameters() {
        assert_eq!(parse(b"MAIL FROM:<a@example.com>"), mail("a@example.com", None));
        assert_eq!(
            parse(b"mail from: <a@example.com> SIZE=42 BODY=8BITMIME SMTPUTF8"),
            mail("a@example.com", Some(42))
        );
        assert_eq!(parse(b"MAIL FROM:<>"), mail("", None));
        assert_eq!(parse(b"MAIL FROM:<@relay.example:a@example.com>"), mail("a@example.com", None));
        assert_eq!(parse(b"MAIL FROM:<\"a> b\"@example.com>"), mail("\"a> b\"@example.com", None));
        assert_eq!(parse(b"MAIL FROM:<a@b> SIZE=99999999999999999999999"), mail("a@b", Some(u64::MAX)));
    }

    #[test]
    fn tells_bad_syntax_from_unsupported_parameters() {
        assert!(matches!(parse(b"MAIL FROM:a@example.com"), Err(ParseError::Syntax(_))));
        assert!(matches!(parse(b"MAIL TO:<a@example.com>"), Err(ParseError::Syntax(_))));
        assert!(matches!(parse(b"MAIL FROM:<a@example.com"), Err(ParseError::Syntax(_))));
        assert!(matches!(parse(b"MAIL FROM:<a@b> SIZE=lots"), Err(ParseError::Syntax(_))));
        assert!(matches!(parse(b"RCPT TO:<>"), Err(ParseError::Syntax(_))));
        assert!(matches!(parse(b"RCPT TO:<a\x01@b>"), Err(ParseError::Syntax(_))));
        assert!(matches!(parse(b"DATA now"), Err(ParseError::Syntax(_))));
        assert!(matches!(parse(b"EHLO"), Err(ParseError::Syntax(_))));
        assert!(matches!(parse(b"MAIL FROM:<\xff@b>"), Err(ParseError::Syntax(_))));
        assert_eq!(parse(b"MAIL FROM:<a@b> BODY=BINARYMIME"), Err(ParseError::Parameter));
        assert_eq!(parse(b"MAIL FROM:<a@b> RET=HDRS"), Err(ParseError::Parameter));
        assert_eq!(parse(b"RCPT TO:<a@b> NOTIFY=NEVER"), Err(ParseError::Parameter));
    }

    #[test]
    fn knows_the_verbs() {
        assert_eq!(parse(b"lhlo mta.example"), Ok(Command::Hello { verb: Hello::Lhlo, domain: "mta.example".into() }));
        assert_eq!(parse(b"RCPT TO:<Postmaster>"), Ok(Command::Rcpt { recipient: "Postmaster".into() }));
        assert_eq!(parse(b"NOOP anything"), Ok(Command::Noop));
        assert_eq!(parse(b"VRFY someone"), Ok(Command::Vrfy));
        assert_eq!(parse(b"STARTTLS"), Ok(Command::NotImplemented));
        assert_eq!(parse(b"QUIT"), Ok(Command::Quit));
        assert_eq!(parse(b"FROB"), Err(ParseError::Unknown));
        assert_eq!(parse(b""), Err(ParseError::Unknown));
        assert_eq!(parse(b"\x00\xff\xfe"), Err(ParseError::Unknown));
    }
}
