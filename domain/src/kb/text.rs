//! An article's Markdown as plain text: what the search index holds and snippets quote.

use pulldown_cmark::{Event, Parser, TagEnd};

/// The words a reader sees, without Markdown syntax: blocks end with a new line, code and link
/// text are kept, images give their alt text, raw HTML is dropped.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock) => out.push('\n'),
            _ => {}
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn markdown_becomes_words() {
        let text = plain_text(
            "# Reset\n\nOpen **Settings** and [click here](https://x.example).\n\n- one\n- `two`\n\n<script>alert(1)</script>",
        );
        assert_eq!(text, "Reset\nOpen Settings and click here.\none\ntwo");
    }
}
