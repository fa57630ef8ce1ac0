//! Wasm-safe views of custom fields: the admin's Fields page, a ticket's fields as its page shows
//! them, and the forms of the new-ticket page.

use super::types::{FieldDefinition, FieldValue};
use serde::{Deserialize, Serialize};

/// One field on the admin's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminFieldRow {
    pub field: FieldDefinition,
    /// Tickets with a value.
    pub tickets: u64,
    /// The categories whose form shows it.
    pub forms: Vec<String>,
}

/// A category's form: which fields it shows customers, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryFormView {
    pub id: i64,
    pub name: String,
    pub active: bool,
    pub fields: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminFieldsView {
    pub fields: Vec<AdminFieldRow>,
    pub categories: Vec<CategoryFormView>,
}

/// One field on a ticket's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShownField {
    pub field: FieldDefinition,
    pub value: Option<FieldValue>,
    /// Agents must fill it before solving this ticket.
    pub required_to_solve: bool,
}

impl ShownField {
    /// The value as people read it ("—" when empty; an unticked box reads "No").
    pub fn display(&self) -> String {
        match &self.value {
            Some(value) => value.display(),
            None if self.field.kind == super::types::FieldKind::Checkbox => "No".to_owned(),
            None => "\u{2014}".to_owned(),
        }
    }
}

/// A ticket's fields: for staff every active field (and retired ones holding a value), for the
/// customer the filled ones they may see.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketFieldsView {
    pub fields: Vec<ShownField>,
    /// The viewer may change the values.
    pub editable: bool,
}

/// The fields a category's form shows on the new-ticket page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryFields {
    pub category_id: i64,
    pub fields: Vec<FieldDefinition>,
}
