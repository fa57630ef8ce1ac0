//! Per-message limits of inbound mail, checked before and after parsing, so that one message can
//! never take unbounded memory or time.

use mail_parser::{Message, PartType};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_parts: usize,
    pub max_depth: usize,
    pub max_headers: usize,
    pub max_header_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 25 * 1024 * 1024,
            max_parts: 100,
            max_depth: 10,
            max_headers: 200,
            max_header_bytes: 256 * 1024,
        }
    }
}

/// Why a message was not turned into a ticket or reply: it goes to the quarantine with this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    TooLarge { bytes: usize, limit: usize },
    TooManyParts { parts: usize, limit: usize },
    TooDeep { depth: usize, limit: usize },
    TooManyHeaders { headers: usize, limit: usize },
    HeaderBlockTooLarge { bytes: usize, limit: usize },
    Unparseable,
    NoSender,
    Empty,
}

impl Rejection {
    pub fn reason(&self) -> String {
        match self {
            Self::TooLarge { bytes, limit } => format!("The message is {bytes} bytes; the limit is {limit}"),
            Self::TooManyParts { parts, limit } => format!("The message has {parts} MIME parts; the limit is {limit}"),
            Self::TooDeep { depth, limit } => format!("MIME parts are nested {depth} deep; the limit is {limit}"),
            Self::TooManyHeaders { headers, limit } => {
                format!("The message has {headers} header fields; the limit is {limit}")
            }
            Self::HeaderBlockTooLarge { bytes, limit } => {
                format!("The message's header is {bytes} bytes; the limit is {limit}")
            }
            Self::Unparseable => "The message cannot be parsed as email (RFC 5322)".to_owned(),
            Self::NoSender => "The message has no sender address in From".to_owned(),
            Self::Empty => "The message has no text and no attachments".to_owned(),
        }
    }
}

impl Limits {
    pub fn check_size(&self, bytes: usize) -> Result<(), Rejection> {
        if bytes > self.max_bytes {
            return Err(Rejection::TooLarge { bytes, limit: self.max_bytes });
        }
        Ok(())
    }

    /// Counts every part and header, nested messages included.
    pub fn check_structure(&self, message: &Message<'_>) -> Result<(), Rejection> {
        let parts = count_parts(message);
        if parts > self.max_parts {
            return Err(Rejection::TooManyParts { parts, limit: self.max_parts });
        }
        let depth = depth(message, 0, 0);
        if depth > self.max_depth {
            return Err(Rejection::TooDeep { depth, limit: self.max_depth });
        }
        let root = message.root_part();
        let headers = root.headers.len();
        if headers > self.max_headers {
            return Err(Rejection::TooManyHeaders { headers, limit: self.max_headers });
        }
        let bytes = root.offset_body.saturating_sub(root.offset_header) as usize;
        if bytes > self.max_header_bytes {
            return Err(Rejection::HeaderBlockTooLarge { bytes, limit: self.max_header_bytes });
        }
        Ok(())
    }
}

fn count_parts(message: &Message<'_>) -> usize {
    message
        .parts
        .iter()
        .map(|part| match &part.body {
            PartType::Message(inner) => 1 + count_parts(inner),
            _ => 1,
        })
        .sum()
}

/// The deepest multipart or message/rfc822 nesting under part `at`. Part ids come from the
/// parser, so a bad id is skipped rather than trusted; the walk also stops past a fixed bound.
fn depth(message: &Message<'_>, at: usize, level: usize) -> usize {
    if level > 64 {
        return level;
    }
    match message.parts.get(at).map(|p| &p.body) {
        Some(PartType::Multipart(children)) => children
            .iter()
            .filter(|&&child| child as usize != at)
            .map(|&child| depth(message, child as usize, level + 1))
            .max()
            .unwrap_or(level + 1),
        Some(PartType::Message(inner)) => depth(inner, 0, level + 1),
        _ => level,
    }
}
