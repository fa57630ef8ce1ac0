//! Folding quoted history out of a reply's text: the new words stay in the conversation, the
//! quoted history is kept beside them, collapsed.

/// What Docket puts above the quoted history of the mail it sends, so replies cut cleanly.
pub const REPLY_ABOVE: &str = "-- Reply above this line --";

/// Splits `text` into the new part and the quoted history (if any). If cutting would leave
/// nothing new, the whole text is the new part.
pub fn split(text: &str) -> (String, Option<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let Some(cut) = history_start(&lines) else { return (text.trim_end().to_owned(), None) };
    let new = lines[..cut].join("\n").trim_end().to_owned();
    let quoted = lines[cut..].join("\n").trim().to_owned();
    if new.trim().is_empty() || quoted.is_empty() {
        return (text.trim_end().to_owned(), None);
    }
    (new, Some(quoted))
}

fn history_start(lines: &[&str]) -> Option<usize> {
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        // A forward is the sender's point, not history: nothing below it is folded.
        if t.starts_with("---------- Forwarded message") || t.starts_with("Begin forwarded message") {
            return None;
        }
        if t.contains(REPLY_ABOVE)
            || is_attribution(t)
            || (i + 1 < lines.len() && is_attribution(&format!("{t} {}", lines[i + 1].trim())) && t.starts_with("On "))
            || t.eq_ignore_ascii_case("-----Original Message-----")
            || t.starts_with("-----Ursprüngliche Nachricht-----")
            || is_outlook_header(lines, i)
        {
            return Some(i);
        }
        if t.starts_with('>') && lines[i..].iter().all(|l| l.trim().is_empty() || l.trim_start().starts_with('>')) {
            return Some(i);
        }
    }
    None
}

/// "On Mon, 1 Jan 2026 at 10:00, Ann <ann@example.com> wrote:" and its common translations.
fn is_attribution(t: &str) -> bool {
    let ends = [" wrote:", " schrieb:", " a écrit :", " a écrit:", " escribió:", " ha scritto:", " schreef:"];
    let starts = ["On ", "Am ", "Le ", "El ", "Il ", "Op "];
    t.len() < 400 && starts.iter().any(|s| t.starts_with(s)) && ends.iter().any(|e| t.ends_with(e))
}

/// Outlook's "From: … / Sent: …" block, optionally under a line of underscores.
fn is_outlook_header(lines: &[&str], i: usize) -> bool {
    let t = lines[i].trim().trim_start_matches('*');
    if !(t.starts_with("From:") || t.starts_with("Von:") || t.starts_with("De :")) {
        return false;
    }
    lines[i + 1..].iter().take(4).any(|l| {
        let l = l.trim().trim_start_matches('*');
        l.starts_with("Sent:") || l.starts_with("Date:") || l.starts_with("Gesendet:") || l.starts_with("Envoyé :")
    })
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn folds_gmail_history() {
        let text = "Thanks, that worked.\n\nOn Mon, 2 Nov 2026 at 10:00, Desk <help@example.com> wrote:\n> Try turning it off\n> and on again.";
        let (new, quoted) = split(text);
        assert_eq!(new, "Thanks, that worked.");
        assert!(quoted.expect("quoted").contains("Try turning it off"));
    }

    #[test]
    fn folds_wrapped_attribution_outlook_and_marker() {
        let (new, q) = split("Yes\n\nOn Mon, 2 Nov 2026 at 10:00, A Long Name\n<help@example.com> wrote:\n> x");
        assert_eq!((new.as_str(), q.is_some()), ("Yes", true));
        let (new, q) = split("Fine\n\n________________\nFrom: Desk\nSent: Monday\nSubject: x\n\nold");
        assert_eq!((new.as_str(), q.is_some()), ("Fine\n\n________________", true));
        let (new, q) = split("Here\n-- Reply above this line --\nolder");
        assert_eq!((new.as_str(), q.as_deref()), ("Here", Some("-- Reply above this line --\nolder")));
    }

    #[test]
    fn keeps_interleaved_replies_and_all_quoted_text() {
        let text = "> question one\nanswer one\n> question two\nanswer two";
        assert_eq!(split(text), (text.to_owned(), None));
        let only = "> everything quoted";
        assert_eq!(split(only), (only.to_owned(), None));
        assert_eq!(split("plain"), ("plain".to_owned(), None));
    }
}
