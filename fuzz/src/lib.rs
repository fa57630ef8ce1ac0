//! What the fuzz targets share: the check that sanitised HTML can run no script, and a set of
//! custom-field definitions (one of each kind) for the targets that read field terms and values.

use domain::custom_fields::types::{FieldDefinition, FieldKind, FieldRules};

/// One tag of serialised HTML: its lower-cased name (without a leading `/`) and its attributes
/// as (lower-cased name, raw value).
pub struct Tag<'a> {
    pub name: String,
    pub attributes: Vec<(String, &'a str)>,
}

/// The tags of `html` as ammonia serialises it: text never holds a bare `<`, and every
/// attribute value is in double quotes with `"` escaped, so a tag ends at the first `>` outside
/// quotes. Panics (a finding) where that shape does not hold: an unterminated tag or value.
pub fn tags(html: &str) -> Vec<Tag<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let tag = &rest[start + 1..];
        let mut quoted = false;
        let end = tag.char_indices().find(|&(_, c)| {
            quoted ^= c == '"';
            c == '>' && !quoted
        });
        let Some((end, _)) = end else { panic!("an unterminated tag in {html:?}") };
        let inner = &tag[..end];
        let body = inner.strip_prefix('/').unwrap_or(inner);
        let name_end = body.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(body.len());
        let name = body[..name_end].to_ascii_lowercase();
        let mut attributes = Vec::new();
        // Split at the quotes: even pieces are outside values, each value follows a piece that
        // ends with `name=`.
        let pieces: Vec<&str> = body[name_end..].split('"').collect();
        assert!(pieces.len() % 2 == 1, "an unterminated attribute value in {html:?}");
        for (i, piece) in pieces.iter().enumerate().step_by(2) {
            let words: Vec<&str> = piece.split_whitespace().collect();
            for (w, word) in words.iter().enumerate() {
                let valued = w + 1 == words.len() && word.ends_with('=') && i + 1 < pieces.len();
                let attribute = word.trim_end_matches('=').trim_end_matches('/').to_ascii_lowercase();
                if attribute.is_empty() {
                    continue;
                }
                attributes.push((attribute, if valued { pieces[i + 1] } else { "" }));
            }
        }
        out.push(Tag { name, attributes });
        rest = &tag[end + 1..];
    }
    out
}

/// Tags that must never come out of a sanitiser.
const FORBIDDEN_TAGS: [&str; 18] = [
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "form", "input",
    "button", "textarea", "select", "link", "meta", "base",
];

/// Attributes that hold a URL a browser may load or follow.
const URL_ATTRIBUTES: [&str; 8] = ["href", "src", "cite", "action", "formaction", "poster", "background", "srcset"];

/// The scheme of a URL as a browser reads it (after undoing the serialiser's escapes and
/// dropping what URL parsing ignores), or `None` for a relative one.
pub fn scheme(value: &str) -> Option<String> {
    let decoded = value.replace("&quot;", "\"").replace("&nbsp;", "\u{a0}").replace("&lt;", "<").replace("&gt;", ">");
    let decoded = decoded.replace("&amp;", "&");
    let cleaned: String = decoded
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let candidate = &cleaned[..colon];
    let mut chars = candidate.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| candidate.to_ascii_lowercase())
}

/// Panics unless `html` is safe to put in a page: no script-bearing tags, no event handler or
/// style attributes, and every URL relative or http, https or mailto.
pub fn assert_safe_html(html: &str, input: &dyn std::fmt::Debug) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "<script in {html:?} from {input:?}");
    for tag in tags(html) {
        assert!(!FORBIDDEN_TAGS.contains(&tag.name.as_str()), "<{}> in {html:?} from {input:?}", tag.name);
        for (attribute, value) in &tag.attributes {
            assert!(!attribute.starts_with("on"), "an event handler {attribute} in {html:?} from {input:?}");
            assert!(!matches!(attribute.as_str(), "style" | "srcdoc"), "{attribute} in {html:?} from {input:?}");
            if URL_ATTRIBUTES.contains(&attribute.as_str())
                && let Some(scheme) = scheme(value)
            {
                assert!(
                    matches!(scheme.as_str(), "http" | "https" | "mailto"),
                    "a {scheme}: URL in {attribute} in {html:?} from {input:?}"
                );
            }
        }
    }
}

/// One field of each kind, with bounds, options and a pattern, named so that search terms can
/// find them by name (`field:"Contract"=…`) or key (`field:devices>3`).
pub fn fields() -> Vec<FieldDefinition> {
    let field = |id: i64, key: &str, name: &str, kind: FieldKind, rules: FieldRules| FieldDefinition {
        id,
        key: key.into(),
        name: name.into(),
        help: String::new(),
        kind,
        options: if kind.has_options() { vec!["Red".into(), "Green".into(), "Dark blue".into()] } else { vec![] },
        rules,
        customers_see: id % 2 == 1,
        show_in_lists: false,
        active: true,
        position: id as i32,
    };
    let bounded = FieldRules { min: Some(1.0), max: Some(1000.0), ..FieldRules::default() };
    let pattern = FieldRules {
        required_for_customers: true,
        pattern: Some("[A-Z]-[0-9]{3}".into()),
        pattern_hint: Some("Contract numbers look like A-123".into()),
        ..FieldRules::default()
    };
    vec![
        field(1, "contract", "Contract", FieldKind::Text, pattern),
        field(2, "notes", "Notes", FieldKind::LongText, FieldRules::default()),
        field(3, "devices", "Devices", FieldKind::Number, bounded.clone()),
        field(4, "since", "Sign-up date", FieldKind::Date, FieldRules { required_for_agents: true, ..FieldRules::default() }),
        field(5, "colour", "Colour", FieldKind::Select, FieldRules::default()),
        field(6, "colours", "Colours", FieldKind::MultiSelect, FieldRules { max: Some(2.0), ..FieldRules::default() }),
        field(7, "vip", "VIP", FieldKind::Checkbox, FieldRules::default()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_and_schemes() {
        let tags = tags("<p>a &lt; b</p><a href=\"https://x.test/?a=1&amp;b\" rel=\"x\">l</a><br>");
        assert_eq!(tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["p", "p", "a", "a", "br"]);
        assert_eq!(tags[2].attributes[0], ("href".to_owned(), "https://x.test/?a=1&amp;b"));
        assert_eq!(scheme(" Java\tScript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme("/a:b"), None);
        assert_eq!(scheme("1a:b"), None);
    }
}
