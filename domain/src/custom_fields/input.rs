//! Reading custom-field values from what a form or the API sent: each value parsed by its
//! field's kind and bounds (`types::parse_value`), text checked against the field's pattern
//! here on the server, and the required rules of whoever fills it in. Errors are field errors
//! under the name the caller's form uses for the field.

use super::types::{FieldDefinition, FieldKind, FieldValue, Filler, check_required, parse_value};
use crate::validation::Checks;
use std::collections::HashMap;

/// What was sent, by field id: one string, or one per chosen option of a multi select.
pub type FieldInputs = HashMap<i64, Vec<String>>;

/// How big a compiled pattern may grow: a pattern is an admin's, but it runs on every save.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// Compiles a field's pattern so that it must match the whole value.
pub fn compile_pattern(pattern: &str) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(&format!("^(?:{pattern})$"))
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
        .map_err(|_| "This is not a pattern Docket can read: check the brackets and backslashes".to_owned())
}

/// Whether a text value keeps the field's pattern.
pub fn check_pattern(field: &FieldDefinition, value: &FieldValue) -> Result<(), String> {
    let (Some(pattern), FieldValue::Text(text), FieldKind::Text) = (&field.rules.pattern, value, field.kind) else {
        return Ok(());
    };
    let matches = compile_pattern(pattern).map(|re| re.is_match(text)).unwrap_or(false);
    if matches {
        return Ok(());
    }
    Err(match field.rules.pattern_hint.as_deref().filter(|h| !h.trim().is_empty()) {
        Some(hint) => hint.to_owned(),
        None => format!("{} is not in the expected form", field.name),
    })
}

/// One field's value from its inputs, every rule checked. `filler` applies the required rule
/// of a customer's form or of an agent who solves; `None` checks none (an agent's edit).
pub fn read_one(
    field: &FieldDefinition,
    inputs: &[String],
    filler: Option<Filler>,
) -> Result<Option<FieldValue>, String> {
    let value = parse_value(field, inputs)?;
    if let Some(value) = &value {
        check_pattern(field, value)?;
    }
    if let Some(filler) = filler {
        check_required(field, filler, value.as_ref())?;
    }
    Ok(value)
}

/// Reads the values of `fields` from `inputs`, recording each error under `label(field)`.
/// Fields missing from `inputs` count as left empty.
pub fn read_all<'f>(
    fields: &[&'f FieldDefinition],
    inputs: &FieldInputs,
    filler: Option<Filler>,
    label: impl Fn(&FieldDefinition) -> String,
    checks: &mut Checks,
) -> Vec<(&'f FieldDefinition, Option<FieldValue>)> {
    let mut out = Vec::with_capacity(fields.len());
    for field in fields {
        let sent = inputs.get(&field.id).map_or(&[][..], Vec::as_slice);
        if let Some(value) = checks.check(&label(field), read_one(field, sent, filler)) {
            out.push((*field, value));
        }
    }
    out
}

/// The form's name for a field's input, and for its error.
pub fn form_name(field: &FieldDefinition) -> String {
    super::input_name(field.id)
}

/// Picks the custom-field inputs out of a form's values (`field_<id>` names).
pub fn from_form<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> FieldInputs {
    let mut inputs = FieldInputs::new();
    for (name, value) in pairs {
        if let Some(id) = name.strip_prefix("field_").and_then(|id| id.parse::<i64>().ok()) {
            inputs.entry(id).or_default().push(value.to_owned());
        }
    }
    inputs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::custom_fields::types::FieldRules;

    fn contract() -> FieldDefinition {
        FieldDefinition {
            id: 7,
            key: "contract".into(),
            name: "Contract".into(),
            help: String::new(),
            kind: FieldKind::Text,
            options: Vec::new(),
            rules: FieldRules {
                required_for_customers: true,
                pattern: Some("[A-Z]-[0-9]{3}".into()),
                pattern_hint: Some("Contract numbers look like A-123".into()),
                ..FieldRules::default()
            },
            customers_see: true,
            show_in_lists: false,
            active: true,
            position: 0,
        }
    }

    #[test]
    fn patterns_match_the_whole_value() {
        let field = contract();
        let read = |text: &str| read_one(&field, &[text.to_owned()], Some(Filler::Customer));
        assert_eq!(read("A-123"), Ok(Some(FieldValue::Text("A-123".into()))));
        assert_eq!(read("xA-123"), Err("Contract numbers look like A-123".into()));
        assert_eq!(read("A-1234"), Err("Contract numbers look like A-123".into()));
        assert_eq!(read(""), Err("Fill in Contract".into()));
        assert_eq!(read_one(&field, &[], None), Ok(None));
        assert!(compile_pattern("(unclosed").is_err());
        assert!(compile_pattern(&format!("a{{{}}}", 100_000)).is_err(), "a pattern too big to compile is refused");
    }

    #[test]
    fn form_inputs_by_field_id() {
        let pairs =
            [("field_7", "A-123"), ("subject", "Hi"), ("field_9", "Red"), ("field_9", "Blue"), ("field_x", "?")];
        let inputs = from_form(pairs.into_iter());
        assert_eq!(inputs.get(&7), Some(&vec!["A-123".to_owned()]));
        assert_eq!(inputs.get(&9), Some(&vec!["Red".to_owned(), "Blue".to_owned()]));
        assert_eq!(inputs.len(), 2);
        let mut checks = Checks::new();
        let field = contract();
        let read = read_all(&[&field], &FieldInputs::new(), Some(Filler::Customer), form_name, &mut checks);
        assert!(read.is_empty());
        assert!(checks.has("field_7"));
    }
}
