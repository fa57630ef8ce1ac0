//! The text and HTML a mail is posted with: the new words as the message, the quoted history
//! and the sender's own formatting kept below them, folded.

use super::parse::InboundMail;
use crate::tickets::markdown::BODY_MAX_CHARS;

/// `(text, html)` for a ticket message made from `mail`.
pub fn render(mail: &InboundMail) -> (String, String) {
    let mut text = mail.text.trim_end().to_owned();
    if text.trim().is_empty() {
        text = "(The email had no text; see the attached files.)".to_owned();
    }
    if text.chars().count() > BODY_MAX_CHARS {
        let kept: String = text.chars().take(BODY_MAX_CHARS - 100).collect();
        text = format!("{kept}\n\n(The email was shortened here; the whole message is kept in the mail log.)");
    }
    let mut html = format!("<div class=\"mail-text\">{}</div>", paragraphs(&text));
    if let Some(quoted) = &mail.quoted {
        html.push_str("<details class=\"mail-quoted\"><summary>Quoted text</summary>");
        html.push_str(&paragraphs(&quoted.chars().take(BODY_MAX_CHARS).collect::<String>()));
        html.push_str("</details>");
    }
    if let Some(formatted) = mail.html.as_deref().filter(|h| !h.trim().is_empty()) {
        html.push_str("<details class=\"mail-html\"><summary>Formatted email</summary>");
        html.push_str(formatted);
        html.push_str("</details>");
    }
    (text, html)
}

fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", escape(p.trim_matches('\n')).replace('\n', "<br>")))
        .collect()
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::render;
    use crate::email::parse::InboundMail;

    #[test]
    fn escapes_and_folds() {
        let mail = InboundMail {
            message_id: None,
            thread_ids: vec![],
            from: "a@b.test".into(),
            from_name: None,
            recipients: vec![],
            subject: "s".into(),
            text: "Hi <b>there</b>\nline two\n\nnext".into(),
            quoted: Some("> old".into()),
            html: Some("<p>formatted</p>".into()),
            files: vec![],
            automatic: None,
            recovered: vec![],
        };
        let (text, html) = render(&mail);
        assert_eq!(text, "Hi <b>there</b>\nline two\n\nnext");
        assert!(
            html.starts_with(
                "<div class=\"mail-text\"><p>Hi &lt;b&gt;there&lt;/b&gt;<br>line two</p><p>next</p></div>"
            )
        );
        assert!(
            html.contains("<details class=\"mail-quoted\"><summary>Quoted text</summary><p>&gt; old</p></details>")
        );
        assert!(html.contains("<p>formatted</p></details>"));
    }
}
