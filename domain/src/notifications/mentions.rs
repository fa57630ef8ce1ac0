//! @mentions in internal notes. A mention is `@` followed by the part of an agent's email
//! address before the `@` (`@sam.rivera` for sam.rivera@example.com), in any letter case. The
//! `@` must start a word, so email addresses written in a note mention nobody.

/// Letters, digits and `.`, `_`, `+`, `-` make up a handle.
fn handle_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '+' | '-')
}

pub const HANDLE_MAX_CHARS: usize = 64;

/// The handles mentioned in a text, lower-cased, each once, in order of first mention.
pub fn handles(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        let starts_word = previous.is_none_or(|p| !handle_char(p) && p != '@');
        previous = Some(c);
        if c != '@' || !starts_word {
            continue;
        }
        let rest = &text[at + 1..];
        let end = rest.find(|c: char| !handle_char(c)).unwrap_or(rest.len());
        let handle = rest[..end].trim_end_matches(['.', '-', '+', '_']).to_ascii_lowercase();
        if !handle.is_empty() && handle.len() <= HANDLE_MAX_CHARS && !found.contains(&handle) {
            found.push(handle);
        }
    }
    found
}

/// The handle of an email address: its local part, lower-cased.
pub fn handle_of(email: &str) -> String {
    email.rsplit_once('@').map_or(email, |(local, _)| local).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_handles() {
        // (text, handles)
        let table: [(&str, &[&str]); 10] = [
            ("@sam.rivera can you look?", &["sam.rivera"]),
            ("Ask @Sam.Rivera and @priya.natarajan.", &["sam.rivera", "priya.natarajan"]),
            ("write to jane@example.com", &[]),
            ("(@jordan.lee) and @jordan.lee again", &["jordan.lee"]),
            ("@@double", &[]),
            ("@ alone", &[]),
            ("line one\n@agent: please", &["agent"]),
            ("trailing @sam-", &["sam"]),
            ("unicode @ünïcode", &[]),
            ("", &[]),
        ];
        for (text, expected) in table {
            assert_eq!(handles(text), expected, "{text:?}");
        }
    }

    #[test]
    fn handles_of_emails() {
        assert_eq!(handle_of("Sam.Rivera@Example.com"), "sam.rivera");
        assert_eq!(handle_of("odd"), "odd");
    }
}
