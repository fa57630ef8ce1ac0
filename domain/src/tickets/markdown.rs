//! Message bodies: Markdown rendered to HTML and sanitised (ammonia), once, when written.

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
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(&raw)
        .to_string()
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
}
