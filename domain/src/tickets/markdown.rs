//! Message bodies: Markdown rendered to HTML and sanitised (ammonia), once, when written; every
//! image gets an `alt` (screen readers and accessibility checks need one).

use pulldown_cmark::{Options, Parser, html};

pub const BODY_MAX_CHARS: usize = 100_000;

/// Renders Markdown to HTML that is safe to put in a page: no scripts, no event handlers, no
/// styles; links open safely and carry `rel="noopener noreferrer nofollow"`.
pub fn render(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_TASKLISTS);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    let clean = ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(&raw)
        .to_string();
    give_images_alt(&clean)
}

/// Adds `alt` to every `<img>` that has none (raw HTML in a message; Markdown images always have
/// one): the file name from its `src`, or empty. Reads ammonia's serialised output, where text
/// never holds a bare `<` (it is `&lt;`) and every attribute value is double-quoted with `"`
/// escaped, so a tag ends at the first `>` outside quotes.
fn give_images_alt(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag = &rest[start..];
        let mut quoted = false;
        let end = tag
            .char_indices()
            .find(|&(_, c)| {
                quoted ^= c == '"';
                c == '>' && !quoted
            })
            .map_or(tag.len(), |(i, _)| i);
        let (head, tail) = tag.split_at(end);
        out.push_str(head);
        if let Some(attributes) = head.strip_prefix("<img")
            && (attributes.is_empty() || attributes.starts_with(' '))
            && attribute_value(attributes, "alt").is_none()
        {
            let src = attribute_value(attributes, "src").unwrap_or_default();
            let file = src.split(['?', '#']).next().unwrap_or_default().rsplit('/').next().unwrap_or_default();
            out.push_str(&format!(" alt=\"{file}\""));
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// The (still escaped) value of attribute `name` in a serialised tag's attribute text: split at
/// the quotes, the even pieces are outside values, and a value follows the piece ending ` name=`.
fn attribute_value<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=");
    let pieces: Vec<&str> = attributes.split('"').collect();
    pieces.chunks(2).find(|pair| pair[0].ends_with(&key)).and_then(|pair| pair.get(1).copied())
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn renders_markdown() {
        assert_eq!(render("**bold** and `code`").trim(), "<p><strong>bold</strong> and <code>code</code></p>");
        assert!(render("- a\n- b").contains("<li>a</li>"));
    }

    #[test]
    fn strips_dangerous_html() {
        let table = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=https://evil.example></iframe>",
            "<div style=\"background:url(x)\">x</div>",
            "<svg><script>alert(1)</script></svg>",
        ];
        for input in table {
            let html = render(input).to_lowercase();
            for bad in ["<script", "onerror", "javascript:", "<iframe", "style=", "<svg"] {
                assert!(!html.contains(bad), "{input} gave {html}");
            }
        }
        assert!(render("[site](https://example.com)").contains("rel=\"noopener noreferrer nofollow\""));
    }

    #[test]
    fn every_image_has_an_alt() {
        assert!(render("![A chart](https://x.test/c.png)").contains("alt=\"A chart\""));
        assert!(render("![](https://x.test/c.png)").contains("alt=\"\""));
        let raw = render("<img src=\"https://x.test/shots/screen%201.png?v=2\">");
        assert!(raw.contains("alt=\"screen%201.png\""), "{raw}");
        let titled = render("<img title=\"a > b alt=x\" src=\"https://x.test/a.png\"> text <b>bold</b>");
        assert!(titled.contains("alt=\"a.png\"") && titled.contains("<b>bold</b>"), "{titled}");
        assert_eq!(render("<img alt=\"kept\" src=\"https://x.test/a.png\">").matches("alt=").count(), 1);
        assert!(render("<img title=\"see alt=\" src=\"https://x.test/b.png\">").contains(" alt=\"b.png\""));
        assert_eq!(render("a &lt; b").trim(), "<p>a &lt; b</p>");
    }
}
