//! Custom-field terms of the filter language (`field:"Contract"=A-123`, `field:devices>3`) as
//! conditions on tickets: each an `id IN (…)` over `ticket_field_values` that an index answers
//! (field and folded text, number or date), so a custom field searches like a built-in one.

use super::{
    catalog::Fields,
    types::{FieldDefinition, FieldKind, parse_number},
};
use crate::{
    entities::{ticket, ticket_field_value as value},
    error::DomainError,
    ticket_filter::{FieldOp, FieldTerm},
};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QuerySelect, QueryTrait};

fn bad(message: impl Into<String>) -> DomainError {
    DomainError::field("q", message)
}

/// Tickets with a row of `field` that also meets `cond`.
fn having(field: &FieldDefinition, cond: Condition) -> sea_orm::sea_query::SelectStatement {
    value::Entity::find()
        .select_only()
        .column(value::Column::TicketId)
        .filter(value::Column::FieldId.eq(field.id))
        .filter(cond)
        .into_query()
}

fn compare<C: ColumnTrait, V: Into<sea_orm::Value> + Clone>(column: C, op: FieldOp, v: V) -> Condition {
    Condition::all().add(match op {
        FieldOp::Eq => column.eq(v),
        FieldOp::Lt => column.lt(v),
        FieldOp::Le => column.lte(v),
        FieldOp::Gt => column.gt(v),
        FieldOp::Ge => column.gte(v),
    })
}

/// What a term asks of a field's value, read and checked by the field's kind: the search
/// compares it in the database, routing rules in memory (`matching`), so both read it alike.
#[derive(Debug, Clone, PartialEq)]
pub enum Wanted {
    /// A text equal to this (folded), or a choice among the chosen.
    Folded(String),
    Number(FieldOp, f64),
    Date(FieldOp, NaiveDate),
    /// A checkbox ticked (or not).
    Ticked(bool),
}

/// Reads one term for `field`, with the errors a person can act on.
pub fn wanted(field: &FieldDefinition, t: &FieldTerm) -> Result<Wanted, DomainError> {
    let name = &field.name;
    let only_equal = |what: &str| bad(format!("Compare {what} with =, such as field:\"{name}\"=value"));
    match field.kind {
        FieldKind::LongText => Err(bad(format!("\u{201c}{name}\u{201d} is long text, which is not searched by value"))),
        FieldKind::Text | FieldKind::Select | FieldKind::MultiSelect => {
            if t.op != FieldOp::Eq {
                return Err(only_equal(if field.kind == FieldKind::Text { "text" } else { "choices" }));
            }
            if field.kind.has_options() && !field.options.iter().any(|o| o.to_lowercase() == t.value) {
                return Err(bad(format!(
                    "\u{201c}{}\u{201d} is not a choice of {name}: use {}",
                    t.value,
                    field.options.join(", ")
                )));
            }
            Ok(Wanted::Folded(t.value.clone()))
        }
        FieldKind::Number => {
            let n = parse_number(&t.value).map_err(|m| bad(format!("{name}: {m}")))?;
            Ok(Wanted::Number(t.op, n))
        }
        FieldKind::Date => {
            let day = NaiveDate::parse_from_str(&t.value, "%Y-%m-%d")
                .map_err(|_| bad(format!("{name}: write dates as YYYY-MM-DD")))?;
            Ok(Wanted::Date(t.op, day))
        }
        FieldKind::Checkbox => {
            if t.op != FieldOp::Eq {
                return Err(only_equal("a checkbox"));
            }
            match t.value.as_str() {
                "yes" | "true" => Ok(Wanted::Ticked(true)),
                "no" | "false" => Ok(Wanted::Ticked(false)),
                _ => Err(bad(format!("Write field:\"{name}\"=yes or =no"))),
            }
        }
    }
}

/// One term's condition on tickets.
fn term(field: &FieldDefinition, t: &FieldTerm) -> Result<Condition, DomainError> {
    let inside = |cond: Condition| Condition::all().add(ticket::Column::Id.in_subquery(having(field, cond)));
    let ticked = || Condition::all().add(ticket::Column::Id.in_subquery(having(field, Condition::all())));
    Ok(match wanted(field, t)? {
        Wanted::Folded(value) => inside(compare(value::Column::ValueFolded, FieldOp::Eq, value)),
        Wanted::Number(op, n) => inside(compare(value::Column::ValueNumber, op, n)),
        Wanted::Date(op, day) => inside(compare(value::Column::ValueDate, op, day)),
        Wanted::Ticked(true) => ticked(),
        Wanted::Ticked(false) => ticked().not(),
    })
}

/// The condition of every field term: values of one field compared by `=` are alternatives,
/// everything else must hold. `customer` limits the fields to those customers see.
pub fn condition(fields: &Fields, terms: &[FieldTerm], customer: bool) -> Result<Condition, DomainError> {
    let mut all = Condition::all();
    let mut alternatives: Vec<(i64, Condition)> = Vec::new();
    for t in terms {
        let field = fields
            .find(&t.field)
            .filter(|f| !customer || f.customers_see)
            .ok_or_else(|| bad(format!("No field called \u{201c}{}\u{201d}", t.field)))?;
        let cond = term(field, t)?;
        if t.op == FieldOp::Eq {
            match alternatives.iter_mut().find(|(id, _)| *id == field.id) {
                Some((_, any)) => *any = std::mem::replace(any, Condition::any()).add(cond),
                None => alternatives.push((field.id, Condition::any().add(cond))),
            }
        } else {
            all = all.add(cond);
        }
    }
    Ok(alternatives.into_iter().fold(all, |all, (_, any)| all.add(any)))
}
