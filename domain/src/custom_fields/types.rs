//! Wasm-safe custom-field vocabulary: the kinds of field a desk can define, the rules a value
//! must keep (required for customers or agents, bounds, a pattern), a field's definition, a
//! value, and reading a value from what a form or the API sent. The same functions check a value
//! in the browser and on the server. The pattern rule is not checked here: it needs a
//! regular-expression engine, which the server will bring.

use chrono::NaiveDate;
#[cfg(feature = "server")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

pub const NAME_MAX_CHARS: usize = 80;
pub const HELP_MAX_CHARS: usize = 300;
/// Characters in a one-line text value, and in a long one.
pub const TEXT_MAX_CHARS: usize = 500;
pub const LONG_TEXT_MAX_CHARS: usize = 10_000;
pub const OPTIONS_MAX: usize = 200;
pub const OPTION_MAX_CHARS: usize = 80;
pub const PATTERN_MAX_CHARS: usize = 200;
/// Fields one desk may define (retired ones included).
pub const FIELDS_MAX: usize = 500;
/// Fields shown as columns in queues and on board cards.
pub const LIST_COLUMNS_MAX: usize = 4;

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    #[cfg_attr(feature = "server", sea_orm(string_value = "text"))]
    Text,
    #[cfg_attr(feature = "server", sea_orm(string_value = "long_text"))]
    LongText,
    #[cfg_attr(feature = "server", sea_orm(string_value = "number"))]
    Number,
    #[cfg_attr(feature = "server", sea_orm(string_value = "date"))]
    Date,
    #[cfg_attr(feature = "server", sea_orm(string_value = "select"))]
    Select,
    #[cfg_attr(feature = "server", sea_orm(string_value = "multi_select"))]
    MultiSelect,
    #[cfg_attr(feature = "server", sea_orm(string_value = "checkbox"))]
    Checkbox,
}

impl FieldKind {
    pub const ALL: [FieldKind; 7] = [
        FieldKind::Text,
        FieldKind::LongText,
        FieldKind::Number,
        FieldKind::Date,
        FieldKind::Select,
        FieldKind::MultiSelect,
        FieldKind::Checkbox,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::LongText => "long_text",
            FieldKind::Number => "number",
            FieldKind::Date => "date",
            FieldKind::Select => "select",
            FieldKind::MultiSelect => "multi_select",
            FieldKind::Checkbox => "checkbox",
        }
    }

    pub fn parse(text: &str) -> Option<FieldKind> {
        FieldKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            FieldKind::Text => "Text",
            FieldKind::LongText => "Long text",
            FieldKind::Number => "Number",
            FieldKind::Date => "Date",
            FieldKind::Select => "Single select",
            FieldKind::MultiSelect => "Multi select",
            FieldKind::Checkbox => "Checkbox",
        }
    }

    /// Whether the value is one or more of the field's options.
    pub fn has_options(self) -> bool {
        matches!(self, FieldKind::Select | FieldKind::MultiSelect)
    }

    /// What `min` and `max` bound, if anything.
    pub fn bounds(self) -> Option<&'static str> {
        match self {
            FieldKind::Text | FieldKind::LongText => Some("characters"),
            FieldKind::Number => Some("value"),
            FieldKind::MultiSelect => Some("choices"),
            FieldKind::Date | FieldKind::Select | FieldKind::Checkbox => None,
        }
    }

    /// Whether a pattern may constrain the value.
    pub fn takes_pattern(self) -> bool {
        self == FieldKind::Text
    }

    fn max_chars(self) -> usize {
        if self == FieldKind::LongText { LONG_TEXT_MAX_CHARS } else { TEXT_MAX_CHARS }
    }
}

/// What a value must keep.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldRules {
    /// A customer must fill it in where their form shows it (a checkbox: must tick it).
    pub required_for_customers: bool,
    /// An agent must fill it in before solving the ticket.
    pub required_for_agents: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// A regular expression the whole text must match (text fields).
    pub pattern: Option<String>,
    /// Shown with the pattern's error ("Contract numbers look like A-123").
    pub pattern_hint: Option<String>,
}

/// A field as the desk defines it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldDefinition {
    pub id: i64,
    /// The API's name for it (`contract_number`): set once from its first name, never changed.
    pub key: String,
    pub name: String,
    /// Shown under the input.
    pub help: String,
    pub kind: FieldKind,
    /// The choices of a select, in order.
    pub options: Vec<String>,
    pub rules: FieldRules,
    /// Customers see the value (on their ticket page and in their mail).
    pub customers_see: bool,
    /// Shown as a column in queues and on board cards.
    pub show_in_lists: bool,
    /// A retired field keeps its values but takes no new ones and leaves the forms.
    pub active: bool,
    pub position: i32,
}

/// A field's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum FieldValue {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    /// One option (a select) or several (a multi select), as the options spell them.
    Choices(Vec<String>),
    Checkbox(bool),
}

impl FieldValue {
    /// As people read it: "42", "2.5", "2026-12-07", "Red, Blue", "Yes".
    pub fn display(&self) -> String {
        match self {
            FieldValue::Text(text) => text.clone(),
            FieldValue::Number(n) => format_number(*n),
            FieldValue::Date(date) => date.format("%Y-%m-%d").to_string(),
            FieldValue::Choices(choices) => choices.join(", "),
            FieldValue::Checkbox(true) => "Yes".to_owned(),
            FieldValue::Checkbox(false) => "No".to_owned(),
        }
    }

    /// As a form's inputs carry it back (one string per chosen option).
    pub fn inputs(&self) -> Vec<String> {
        match self {
            FieldValue::Choices(choices) => choices.clone(),
            FieldValue::Checkbox(on) => vec![if *on { "on" } else { "" }.to_owned()],
            other => vec![other.display()],
        }
    }

    /// Whether the value counts as filled in (an unticked checkbox does not).
    pub fn is_filled(&self) -> bool {
        match self {
            FieldValue::Text(text) => !text.is_empty(),
            FieldValue::Choices(choices) => !choices.is_empty(),
            FieldValue::Checkbox(on) => *on,
            FieldValue::Number(_) | FieldValue::Date(_) => true,
        }
    }
}

/// A number as typed back: whole numbers without a decimal point.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// Who is filling the field in, for the required rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filler {
    Customer,
    Agent,
}

/// Reads a field's value from what was sent (one string, or one per option of a multi select).
/// Nothing typed is `None`, except a checkbox, which is then unticked. The required rules are
/// `check_required`'s; the pattern is checked on the server.
pub fn parse_value(field: &FieldDefinition, inputs: &[String]) -> Result<Option<FieldValue>, String> {
    let typed: Vec<&str> = inputs.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    let rules = &field.rules;
    let value = match field.kind {
        FieldKind::Checkbox => {
            return match typed.as_slice() {
                [] => Ok(Some(FieldValue::Checkbox(false))),
                [one] => parse_checkbox(one).map(|on| Some(FieldValue::Checkbox(on))),
                _ => Err("Send one value: yes or no".to_owned()),
            };
        }
        _ if typed.is_empty() => return Ok(None),
        kind if kind != FieldKind::MultiSelect && typed.len() > 1 => return Err("Send one value".to_owned()),
        FieldKind::Text | FieldKind::LongText => {
            let text = if field.kind == FieldKind::Text { typed[0].to_owned() } else { long_text(typed[0]) };
            if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
                return Err("Remove control characters".to_owned());
            }
            let length = text.chars().count();
            if length > field.kind.max_chars() {
                return Err(format!("Use at most {} characters", field.kind.max_chars()));
            }
            within(length as f64, rules, "characters")?;
            FieldValue::Text(text)
        }
        FieldKind::Number => {
            let n = parse_number(typed[0])?;
            within(n, rules, "")?;
            FieldValue::Number(n)
        }
        FieldKind::Date => FieldValue::Date(
            NaiveDate::parse_from_str(typed[0], "%Y-%m-%d")
                .map_err(|_| "Enter a date as YYYY-MM-DD, such as 2026-12-31".to_owned())?,
        ),
        FieldKind::Select | FieldKind::MultiSelect => {
            let mut chosen: Vec<String> = Vec::new();
            for one in &typed {
                let option = field
                    .options
                    .iter()
                    .find(|o| o.to_lowercase() == one.to_lowercase())
                    .ok_or_else(|| format!("Choose one of: {}", field.options.join(", ")))?;
                if !chosen.contains(option) {
                    chosen.push(option.clone());
                }
            }
            // In the options' order, whatever order they came in.
            chosen.sort_by_key(|c| field.options.iter().position(|o| o == c));
            if field.kind == FieldKind::MultiSelect {
                within(chosen.len() as f64, rules, "choices")?;
            }
            FieldValue::Choices(chosen)
        }
    };
    Ok(Some(value))
}

/// Whether a value that is needed is there: customers must fill what is required of them on
/// their form, agents what is required of them before a ticket is solved.
pub fn check_required(field: &FieldDefinition, filler: Filler, value: Option<&FieldValue>) -> Result<(), String> {
    let required = match filler {
        Filler::Customer => field.rules.required_for_customers,
        Filler::Agent => field.rules.required_for_agents,
    };
    if required && !value.is_some_and(FieldValue::is_filled) {
        return Err(match field.kind {
            FieldKind::Checkbox => "Tick this box to go on".to_owned(),
            FieldKind::Select | FieldKind::MultiSelect => format!("Choose {}", field.name),
            _ => format!("Fill in {}", field.name),
        });
    }
    Ok(())
}

/// Keeps line breaks (normalised to `\n`) and trims the ends.
fn long_text(raw: &str) -> String {
    raw.replace("\r\n", "\n").trim().to_owned()
}

fn parse_checkbox(text: &str) -> Result<bool, String> {
    match text.to_lowercase().as_str() {
        "on" | "yes" | "true" | "1" => Ok(true),
        "off" | "no" | "false" | "0" => Ok(false),
        _ => Err("Send yes or no".to_owned()),
    }
}

/// A number as people type it: `42`, `-3`, `2.5`, `1 200` (spaces between thousands), not
/// `NaN`. A comma is refused rather than guessed at: `1,5` is one and a half in much of the
/// world and fifteen in the rest.
pub fn parse_number(text: &str) -> Result<f64, String> {
    if text.contains(',') {
        return Err("Use a point for decimals and no commas, such as 1200 or 2.5".to_owned());
    }
    let plain: String = text.chars().filter(|c| *c != ' ' && *c != '\u{a0}').collect();
    let valid = !plain.is_empty()
        && plain.chars().enumerate().all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+')))
        && plain.chars().filter(|c| *c == '.').count() <= 1
        && plain.chars().any(|c| c.is_ascii_digit());
    match plain.parse::<f64>() {
        Ok(n) if valid && n.is_finite() && n.abs() < 1e15 => Ok(n),
        _ => Err("Enter a number, such as 42 or 2.5".to_owned()),
    }
}

fn within(n: f64, rules: &FieldRules, unit: &str) -> Result<(), String> {
    let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
    match (rules.min, rules.max) {
        (Some(min), Some(max)) if n < min || n > max => {
            Err(format!("Use {} to {}{unit}", format_number(min), format_number(max)))
        }
        (Some(min), _) if n < min => Err(format!("Use at least {}{unit}", format_number(min))),
        (_, Some(max)) if n > max => Err(format!("Use at most {}{unit}", format_number(max))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: FieldKind) -> FieldDefinition {
        FieldDefinition {
            id: 1,
            key: "devices".into(),
            name: "Devices".into(),
            help: String::new(),
            kind,
            options: vec!["Red".into(), "Green".into(), "Blue".into()],
            rules: FieldRules::default(),
            customers_see: true,
            show_in_lists: false,
            active: true,
            position: 0,
        }
    }

    fn parse(f: &FieldDefinition, inputs: &[&str]) -> Result<Option<FieldValue>, String> {
        parse_value(f, &inputs.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn numbers_with_bounds() {
        let mut devices = field(FieldKind::Number);
        devices.rules.min = Some(1.0);
        devices.rules.max = Some(500.0);
        assert_eq!(parse(&devices, &[" 42 "]), Ok(Some(FieldValue::Number(42.0))));
        assert_eq!(parse(&devices, &["2.5"]), Ok(Some(FieldValue::Number(2.5))));
        assert_eq!(parse(&devices, &["1 200"]), Err("Use 1 to 500".into()));
        assert!(parse(&devices, &["1,5"]).is_err_and(|e| e.contains("no commas")));
        assert_eq!(parse(&devices, &["0"]), Err("Use 1 to 500".into()));
        for bad in ["NaN", "inf", "1e400", "12abc", "--1", "1.2.3", "-", "."] {
            assert!(parse(&devices, &[bad]).is_err(), "{bad}");
        }
        assert_eq!(parse(&devices, &["", "  "]), Ok(None));
        assert_eq!(FieldValue::Number(3.0).display(), "3");
        assert_eq!(FieldValue::Number(-2.25).display(), "-2.25");
    }

    #[test]
    fn text_length_and_control_characters() {
        let mut contract = field(FieldKind::Text);
        contract.rules.min = Some(3.0);
        assert_eq!(parse(&contract, &[" A-123 "]), Ok(Some(FieldValue::Text("A-123".into()))));
        assert_eq!(parse(&contract, &["A1"]), Err("Use at least 3 characters".into()));
        assert!(parse(&contract, &["bad\u{7}bell"]).is_err());
        assert!(parse(&contract, &[&"x".repeat(TEXT_MAX_CHARS + 1)]).is_err());
        let notes = field(FieldKind::LongText);
        assert_eq!(parse(&notes, &["one\r\ntwo\n"]), Ok(Some(FieldValue::Text("one\ntwo".into()))));
    }

    #[test]
    fn selects_take_options_only_in_their_order() {
        let colour = field(FieldKind::Select);
        assert_eq!(parse(&colour, &["green"]), Ok(Some(FieldValue::Choices(vec!["Green".into()]))));
        assert!(parse(&colour, &["Purple"]).is_err());
        assert_eq!(parse(&colour, &["Red", "Blue"]), Err("Send one value".into()));
        let mut colours = field(FieldKind::MultiSelect);
        colours.rules.max = Some(2.0);
        assert_eq!(
            parse(&colours, &["Blue", "red", "Blue"]),
            Ok(Some(FieldValue::Choices(vec!["Red".into(), "Blue".into()])))
        );
        assert_eq!(parse(&colours, &["Blue", "Red", "Green"]), Err("Use at most 2 choices".into()));
    }

    #[test]
    fn dates_and_checkboxes() {
        let due = field(FieldKind::Date);
        let day = NaiveDate::from_ymd_opt(2026, 12, 31).map(FieldValue::Date);
        assert_eq!(parse(&due, &["2026-12-31"]), Ok(day));
        assert!(parse(&due, &["31/12/2026"]).is_err());
        assert!(parse(&due, &["2026-02-30"]).is_err());
        let agree = field(FieldKind::Checkbox);
        assert_eq!(parse(&agree, &[]), Ok(Some(FieldValue::Checkbox(false))));
        assert_eq!(parse(&agree, &["on"]), Ok(Some(FieldValue::Checkbox(true))));
        assert!(parse(&agree, &["maybe"]).is_err());
    }

    #[test]
    fn required_for_whom() {
        let mut contract = field(FieldKind::Text);
        contract.name = "Contract".into();
        contract.rules.required_for_customers = true;
        assert_eq!(check_required(&contract, Filler::Customer, None), Err("Fill in Contract".into()));
        assert_eq!(check_required(&contract, Filler::Agent, None), Ok(()));
        let filled = FieldValue::Text("A-1".into());
        assert_eq!(check_required(&contract, Filler::Customer, Some(&filled)), Ok(()));
        let mut agree = field(FieldKind::Checkbox);
        agree.rules.required_for_customers = true;
        let unticked = FieldValue::Checkbox(false);
        assert!(check_required(&agree, Filler::Customer, Some(&unticked)).is_err());
    }

    #[test]
    fn kinds_round_trip() {
        for kind in FieldKind::ALL {
            assert_eq!(FieldKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(FieldKind::parse("blob"), None);
    }
}
