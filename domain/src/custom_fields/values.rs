//! Storing and reading tickets' custom-field values: one row per ticket and field (one per
//! chosen option of a multi select), the value in the column its kind searches by. Values are
//! keyed by the field's id, so renaming or retiring a field leaves them as they are.

use super::{
    catalog::Fields,
    types::{FieldDefinition, FieldKind, FieldValue},
};
use crate::{entities::ticket_field_value, error::DomainError};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::{BTreeMap, HashMap};

/// A ticket's values by field id.
pub type Values = BTreeMap<i64, FieldValue>;

/// The rows that hold `value` (none for an unticked checkbox: unticked is the default).
fn rows(ticket_id: i64, field: &FieldDefinition, value: &FieldValue) -> Vec<ticket_field_value::ActiveModel> {
    let row = |text: Option<String>, number: Option<f64>, date| {
        let folded = text.as_ref().filter(|_| field.kind != FieldKind::LongText).map(|t| t.to_lowercase());
        ticket_field_value::ActiveModel {
            ticket_id: Set(ticket_id),
            field_id: Set(field.id),
            value_text: Set(text),
            value_folded: Set(folded),
            value_number: Set(number),
            value_date: Set(date),
            ..Default::default()
        }
    };
    match value {
        FieldValue::Text(text) => vec![row(Some(text.clone()), None, None)],
        FieldValue::Number(n) => vec![row(None, Some(*n), None)],
        FieldValue::Date(day) => vec![row(None, None, Some(*day))],
        FieldValue::Choices(choices) => choices.iter().map(|c| row(Some(c.clone()), None, None)).collect(),
        FieldValue::Checkbox(true) => vec![row(None, Some(1.0), None)],
        FieldValue::Checkbox(false) => Vec::new(),
    }
}

/// A field's value from its rows (in id order), read by the field's kind.
fn value_of(field: &FieldDefinition, rows: &[&ticket_field_value::Model]) -> Option<FieldValue> {
    let first = rows.first()?;
    Some(match field.kind {
        FieldKind::Text | FieldKind::LongText => FieldValue::Text(first.value_text.clone()?),
        FieldKind::Number => FieldValue::Number(first.value_number?),
        FieldKind::Date => FieldValue::Date(first.value_date?),
        FieldKind::Select | FieldKind::MultiSelect => {
            FieldValue::Choices(rows.iter().filter_map(|r| r.value_text.clone()).collect())
        }
        FieldKind::Checkbox => FieldValue::Checkbox(first.value_number.is_some_and(|n| n != 0.0)),
    })
}

/// The values of several tickets, limited to `only` fields when given (a list's columns).
pub async fn of_tickets(
    db: &impl ConnectionTrait,
    fields: &Fields,
    ticket_ids: &[i64],
    only: Option<&[i64]>,
) -> Result<HashMap<i64, Values>, DomainError> {
    if ticket_ids.is_empty() || only.is_some_and(<[i64]>::is_empty) {
        return Ok(HashMap::new());
    }
    let mut query =
        ticket_field_value::Entity::find().filter(ticket_field_value::Column::TicketId.is_in(ticket_ids.to_vec()));
    if let Some(only) = only {
        query = query.filter(ticket_field_value::Column::FieldId.is_in(only.to_vec()));
    }
    let rows = query.order_by_asc(ticket_field_value::Column::Id).all(db).await?;
    let mut grouped: HashMap<(i64, i64), Vec<&ticket_field_value::Model>> = HashMap::new();
    for row in &rows {
        grouped.entry((row.ticket_id, row.field_id)).or_default().push(row);
    }
    let mut out: HashMap<i64, Values> = HashMap::new();
    for ((ticket, field_id), rows) in grouped {
        if let Some(value) = fields.get(field_id).and_then(|f| value_of(f, &rows)) {
            out.entry(ticket).or_default().insert(field_id, value);
        }
    }
    Ok(out)
}

/// One ticket's values.
pub async fn of_ticket(db: &impl ConnectionTrait, fields: &Fields, ticket_id: i64) -> Result<Values, DomainError> {
    Ok(of_tickets(db, fields, &[ticket_id], None).await?.remove(&ticket_id).unwrap_or_default())
}

/// Writes a new ticket's values in one statement.
pub(crate) async fn insert_all(
    db: &impl ConnectionTrait,
    ticket_id: i64,
    values: &[(&FieldDefinition, FieldValue)],
) -> Result<(), DomainError> {
    let all: Vec<_> = values.iter().flat_map(|(field, value)| rows(ticket_id, field, value)).collect();
    if !all.is_empty() {
        ticket_field_value::Entity::insert_many(all).exec_without_returning(db).await?;
    }
    Ok(())
}

/// Replaces one field's value on a ticket (`None` clears it).
pub(crate) async fn replace(
    db: &impl ConnectionTrait,
    ticket_id: i64,
    field: &FieldDefinition,
    value: Option<&FieldValue>,
) -> Result<(), DomainError> {
    ticket_field_value::Entity::delete_many()
        .filter(ticket_field_value::Column::TicketId.eq(ticket_id))
        .filter(ticket_field_value::Column::FieldId.eq(field.id))
        .exec(db)
        .await?;
    insert_all(db, ticket_id, &value.map(|v| (field, v.clone())).into_iter().collect::<Vec<_>>()).await
}

/// Removes every value of a ticket (before the ticket itself is deleted).
pub(crate) async fn delete_ticket(db: &impl ConnectionTrait, ticket_id: i64) -> Result<(), DomainError> {
    ticket_field_value::Entity::delete_many()
        .filter(ticket_field_value::Column::TicketId.eq(ticket_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The names of the fields an agent must still fill before solving a ticket of `category_id`.
pub async fn missing_to_solve(
    db: &impl ConnectionTrait,
    fields: &Fields,
    ticket_id: i64,
    category_id: Option<i64>,
) -> Result<Vec<String>, DomainError> {
    let required = fields.required_of_agents(category_id);
    if required.is_empty() {
        return Ok(Vec::new());
    }
    let values = of_ticket(db, fields, ticket_id).await?;
    Ok(required
        .into_iter()
        .filter(|f| !values.get(&f.id).is_some_and(FieldValue::is_filled))
        .map(|f| f.name.clone())
        .collect())
}
