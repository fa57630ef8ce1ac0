//! Wire types of custom fields: a field's definition, a value as JSON (text, a number, a date as
//! `YYYY-MM-DD`, a choice, a list of choices, a checkbox's `true`/`false`), and the reading of
//! what a client sent into the form inputs the domain checks. Values travel keyed by the field's
//! `key`, which never changes.

use domain::{
    DomainError, FieldError,
    custom_fields::{
        catalog::Fields,
        input::FieldInputs,
        types::{FieldDefinition, FieldKind, FieldValue, format_number},
        views::TicketFieldsView,
    },
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A custom field's value: a string (text, a date as `YYYY-MM-DD`, a single choice), a number,
/// `true`/`false` (a checkbox), or a list of choices (a multi select).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum CustomValue {
    Flag(bool),
    Number(f64),
    Text(String),
    Choices(Vec<String>),
}

impl CustomValue {
    fn of(kind: FieldKind, value: &FieldValue) -> CustomValue {
        match value {
            FieldValue::Choices(choices) if kind == FieldKind::Select => {
                CustomValue::Text(choices.first().cloned().unwrap_or_default())
            }
            FieldValue::Choices(choices) => CustomValue::Choices(choices.clone()),
            FieldValue::Number(n) => CustomValue::Number(*n),
            FieldValue::Checkbox(on) => CustomValue::Flag(*on),
            other => CustomValue::Text(other.display()),
        }
    }

    fn inputs(self) -> Vec<String> {
        match self {
            CustomValue::Flag(on) => vec![if on { "yes" } else { "no" }.to_owned()],
            CustomValue::Number(n) => vec![format_number(n)],
            CustomValue::Text(text) => vec![text],
            CustomValue::Choices(choices) => choices,
        }
    }
}

/// A value to set, or `null` to clear the field (the OpenAPI schema of a change's values).
pub struct CustomValueOrNull;

impl utoipa::PartialSchema for CustomValueOrNull {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::{
            Ref,
            schema::{ObjectBuilder, OneOfBuilder, Type},
        };
        OneOfBuilder::new()
            .item(Ref::from_schema_name("CustomValue"))
            .item(ObjectBuilder::new().schema_type(Type::Null))
            .description(Some("A value to set, or null to clear the field"))
            .into()
    }
}

impl ToSchema for CustomValueOrNull {
    fn schemas(schemas: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)>) {
        schemas.push((CustomValue::name().into_owned(), <CustomValue as utoipa::PartialSchema>::schema()));
    }
}

/// A ticket's values by key (fields without a value are left out).
pub fn values_of(view: &TicketFieldsView) -> BTreeMap<String, CustomValue> {
    view.fields
        .iter()
        .filter_map(|f| f.value.as_ref().map(|v| (f.field.key.clone(), CustomValue::of(f.field.kind, v))))
        .collect()
}

/// The error name of a field in the API: `custom_fields.<key>`.
pub fn error_name(field: &FieldDefinition) -> String {
    format!("custom_fields.{}", field.key)
}

/// What a client sent, as the domain's inputs by field id (`null` clears a field). A key that
/// names no field is a field error.
pub fn inputs_of(fields: &Fields, sent: BTreeMap<String, Option<CustomValue>>) -> Result<FieldInputs, DomainError> {
    let mut inputs = FieldInputs::new();
    let mut unknown = Vec::new();
    for (key, value) in sent {
        match fields.by_key(&key) {
            Some(field) => {
                inputs.insert(field.id, value.map(CustomValue::inputs).unwrap_or_default());
            }
            None => unknown.push(FieldError::new(&format!("custom_fields.{key}"), "No custom field has this key")),
        }
    }
    if unknown.is_empty() { Ok(inputs) } else { Err(DomainError::Validation(unknown)) }
}

/// Renames the form's error names (`field_<id>`) to the API's (`custom_fields.<key>`).
pub fn api_errors(err: DomainError, fields: &Fields) -> DomainError {
    match err {
        DomainError::Validation(errors) => DomainError::Validation(
            errors
                .into_iter()
                .map(|mut e| {
                    let field =
                        e.field.strip_prefix("field_").and_then(|id| id.parse().ok()).and_then(|id| fields.get(id));
                    if let Some(field) = field {
                        e.field = error_name(field);
                    }
                    e
                })
                .collect(),
        ),
        other => other,
    }
}

/// What a field holds.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldKindDto {
    Text,
    LongText,
    Number,
    Date,
    Select,
    MultiSelect,
    Checkbox,
}

impl From<FieldKind> for FieldKindDto {
    fn from(kind: FieldKind) -> Self {
        match kind {
            FieldKind::Text => FieldKindDto::Text,
            FieldKind::LongText => FieldKindDto::LongText,
            FieldKind::Number => FieldKindDto::Number,
            FieldKind::Date => FieldKindDto::Date,
            FieldKind::Select => FieldKindDto::Select,
            FieldKind::MultiSelect => FieldKindDto::MultiSelect,
            FieldKind::Checkbox => FieldKindDto::Checkbox,
        }
    }
}

/// A custom field and its rules.
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomFieldDto {
    #[schema(example = 3)]
    pub id: i64,
    /// The name values travel under in tickets' `custom_fields`; it never changes.
    #[schema(example = "contract_number", pattern = "^[a-z][a-z0-9_]{0,39}$")]
    pub key: String,
    #[schema(example = "Contract number")]
    pub name: String,
    pub help: String,
    pub kind: FieldKindDto,
    /// The choices of a select or multi select, in order.
    pub options: Vec<String>,
    /// Customers must fill it on the forms of `categories`.
    pub required_for_customers: bool,
    /// Agents must fill it before solving tickets of `categories` (every ticket when empty).
    pub required_for_agents: bool,
    /// Bounds: characters of text, the value of a number, choices of a multi select.
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// A regular expression the whole text must match.
    #[schema(example = "[A-Z]-[0-9]{3,6}")]
    pub pattern: Option<String>,
    pub pattern_hint: Option<String>,
    pub customers_see: bool,
    /// A retired field keeps its values but takes no new ones.
    pub active: bool,
    /// The categories whose form shows the field to customers.
    pub categories: Vec<i64>,
}

impl CustomFieldDto {
    pub fn new(f: FieldDefinition, categories: Vec<i64>) -> Self {
        CustomFieldDto {
            id: f.id,
            key: f.key,
            name: f.name,
            help: f.help,
            kind: f.kind.into(),
            options: f.options,
            required_for_customers: f.rules.required_for_customers,
            required_for_agents: f.rules.required_for_agents,
            min: f.rules.min,
            max: f.rules.max,
            pattern: f.rules.pattern,
            pattern_hint: f.rules.pattern_hint,
            customers_see: f.customers_see,
            active: f.active,
            categories,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CustomFieldList {
    pub items: Vec<CustomFieldDto>,
}
