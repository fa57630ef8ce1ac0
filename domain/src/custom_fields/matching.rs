//! Custom-field terms matched in memory, for routing rules (which decide before a new ticket's
//! values are stored): each term is read by its field's kind as the search reads it
//! (`filter::wanted`), then compared with the ticket's values. Values of one field compared by
//! `=` are alternatives; every other term must hold, as in the search.

use super::{
    catalog::Fields,
    filter::{Wanted, wanted},
    types::FieldValue,
    values::Values,
};
use crate::{
    error::DomainError,
    ticket_filter::{FieldOp, FieldTerm},
};
use std::cmp::Ordering;

/// One term, resolved to its field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldCheck {
    pub field_id: i64,
    pub wanted: Wanted,
}

/// The terms resolved against today's fields (a retired field still matches its values); a
/// field that does not exist or a value its kind cannot hold is an error on `q`.
pub fn resolve(fields: &Fields, terms: &[FieldTerm]) -> Result<Vec<FieldCheck>, DomainError> {
    terms
        .iter()
        .map(|t| {
            let field = fields
                .find(&t.field)
                .ok_or_else(|| DomainError::field("q", format!("No field called \u{201c}{}\u{201d}", t.field)))?;
            Ok(FieldCheck { field_id: field.id, wanted: wanted(field, t)? })
        })
        .collect()
}

fn compared(op: FieldOp, ordering: Option<Ordering>) -> bool {
    match (op, ordering) {
        (_, None) => false,
        (FieldOp::Eq, Some(o)) => o == Ordering::Equal,
        (FieldOp::Lt, Some(o)) => o == Ordering::Less,
        (FieldOp::Le, Some(o)) => o != Ordering::Greater,
        (FieldOp::Gt, Some(o)) => o == Ordering::Greater,
        (FieldOp::Ge, Some(o)) => o != Ordering::Less,
    }
}

/// Whether one value (none when the field is empty) meets one term.
fn meets(wanted: &Wanted, value: Option<&FieldValue>) -> bool {
    match (wanted, value) {
        (Wanted::Folded(w), Some(FieldValue::Text(text))) => text.to_lowercase() == *w,
        (Wanted::Folded(w), Some(FieldValue::Choices(chosen))) => chosen.iter().any(|c| c.to_lowercase() == *w),
        (Wanted::Number(op, w), Some(FieldValue::Number(n))) => compared(*op, n.partial_cmp(w)),
        (Wanted::Date(op, w), Some(FieldValue::Date(day))) => compared(*op, Some(day.cmp(w))),
        (Wanted::Ticked(w), value) => *w == matches!(value, Some(FieldValue::Checkbox(true))),
        _ => false,
    }
}

/// Whether a ticket's values meet every check.
pub fn holds(checks: &[FieldCheck], values: &Values) -> bool {
    let equal = |c: &FieldCheck| {
        matches!(c.wanted, Wanted::Folded(_) | Wanted::Ticked(_))
            || matches!(c.wanted, Wanted::Number(FieldOp::Eq, _) | Wanted::Date(FieldOp::Eq, _))
    };
    checks.iter().all(|check| {
        if equal(check) {
            // Any `=` term of the same field will do.
            checks
                .iter()
                .filter(|other| other.field_id == check.field_id && equal(other))
                .any(|other| meets(&other.wanted, values.get(&other.field_id)))
        } else {
            meets(&check.wanted, values.get(&check.field_id))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn check(field_id: i64, wanted: Wanted) -> FieldCheck {
        FieldCheck { field_id, wanted }
    }

    #[test]
    fn values_meet_terms_as_the_search_reads_them() {
        let day = |text| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
        let values: Values = [
            (1, FieldValue::Text("A-1042".into())),
            (2, FieldValue::Number(12.0)),
            (3, FieldValue::Date(day("2027-01-15"))),
            (4, FieldValue::Choices(vec!["Windows".into(), "Linux".into()])),
            (5, FieldValue::Checkbox(true)),
        ]
        .into_iter()
        .collect();
        let table = [
            (vec![check(1, Wanted::Folded("a-1042".into()))], true),
            (vec![check(1, Wanted::Folded("a-1043".into()))], false),
            (vec![check(1, Wanted::Folded("a-1043".into())), check(1, Wanted::Folded("a-1042".into()))], true),
            (vec![check(2, Wanted::Number(FieldOp::Gt, 3.0))], true),
            (vec![check(2, Wanted::Number(FieldOp::Gt, 3.0)), check(2, Wanted::Number(FieldOp::Lt, 10.0))], false),
            (vec![check(2, Wanted::Number(FieldOp::Ge, 12.0)), check(2, Wanted::Number(FieldOp::Le, 12.0))], true),
            (vec![check(3, Wanted::Date(FieldOp::Lt, day("2027-02-01")))], true),
            (vec![check(3, Wanted::Date(FieldOp::Eq, day("2027-01-16")))], false),
            (vec![check(4, Wanted::Folded("linux".into()))], true),
            (vec![check(4, Wanted::Folded("macos".into()))], false),
            (vec![check(5, Wanted::Ticked(true))], true),
            (vec![check(5, Wanted::Ticked(false))], false),
            // An empty field meets only "not ticked".
            (vec![check(6, Wanted::Ticked(false))], true),
            (vec![check(6, Wanted::Folded("x".into()))], false),
            (vec![check(6, Wanted::Number(FieldOp::Lt, 100.0))], false),
            (vec![check(1, Wanted::Folded("a-1042".into())), check(2, Wanted::Number(FieldOp::Lt, 5.0))], false),
        ];
        for (checks, expected) in table {
            assert_eq!(holds(&checks, &values), expected, "{checks:?}");
        }
    }
}
