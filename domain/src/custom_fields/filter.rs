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

/// One term's condition on tickets.
fn term(field: &FieldDefinition, t: &FieldTerm) -> Result<Condition, DomainError> {
    let name = &field.name;
    let only_equal = |what: &str| bad(format!("Compare {what} with =, such as field:\"{name}\"=value"));
    let inside = |cond: Condition| Condition::all().add(ticket::Column::Id.in_subquery(having(field, cond)));
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
            Ok(inside(compare(value::Column::ValueFolded, FieldOp::Eq, t.value.clone())))
        }
        FieldKind::Number => {
            let n = parse_number(&t.value).map_err(|m| bad(format!("{name}: {m}")))?;
            Ok(inside(compare(value::Column::ValueNumber, t.op, n)))
        }
        FieldKind::Date => {
            let day = NaiveDate::parse_from_str(&t.value, "%Y-%m-%d")
                .map_err(|_| bad(format!("{name}: write dates as YYYY-MM-DD")))?;
            Ok(inside(compare(value::Column::ValueDate, t.op, day)))
        }
        FieldKind::Checkbox => {
            if t.op != FieldOp::Eq {
                return Err(only_equal("a checkbox"));
            }
            let ticked = Condition::all().add(ticket::Column::Id.in_subquery(having(field, Condition::all())));
            match t.value.as_str() {
                "yes" | "true" => Ok(ticked),
                "no" | "false" => Ok(ticked.not()),
                _ => Err(bad(format!("Write field:\"{name}\"=yes or =no"))),
            }
        }
    }
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
