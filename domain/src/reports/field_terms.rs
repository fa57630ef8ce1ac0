//! A report's custom-field terms, read against the desk's fields once per report: as plain
//! predicates for the counting SQL (`tallies`) and as a condition for the rows read one by one
//! (`facts`). Equal terms on one field are alternatives, as in search.

use super::types::ReportFilter;
use crate::{
    custom_fields::{
        catalog::Fields,
        filter::{self, Wanted},
    },
    error::{DomainError, FieldError},
    ticket_filter::{FieldOp, TicketFilter},
};
use sea_orm::{Condition, ConnectionTrait};

/// One term: which field, and what its value must be.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub field_id: i64,
    pub wanted: Wanted,
}

/// The filter's custom-field terms, resolved.
#[derive(Debug, Clone)]
pub struct FieldTerms {
    /// Terms that must all hold, each a set of alternatives (one term, or a field's equal terms).
    pub all: Vec<Vec<Term>>,
    /// The same as a condition on `tickets`.
    pub condition: Condition,
}

impl Default for FieldTerms {
    fn default() -> Self {
        FieldTerms { all: Vec::new(), condition: Condition::all() }
    }
}

impl FieldTerms {
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }
}

/// Errors name the report form's `fields` input.
fn on_fields(err: DomainError) -> DomainError {
    match err {
        DomainError::Validation(errors) => {
            DomainError::Validation(errors.into_iter().map(|e| FieldError::new("fields", e.message)).collect())
        }
        other => other,
    }
}

pub async fn resolve(db: &impl ConnectionTrait, filter: &ReportFilter) -> Result<FieldTerms, DomainError> {
    if filter.fields.trim().is_empty() {
        return Ok(FieldTerms::default());
    }
    let terms = TicketFilter::parse(&filter.fields).map_err(|m| DomainError::field("fields", m))?.fields;
    let fields = Fields::load(db).await?;
    let condition = filter::condition(&fields, &terms, false).map_err(on_fields)?;
    let mut all: Vec<(Option<i64>, Vec<Term>)> = Vec::new();
    for t in &terms {
        let field = fields.find(&t.field).ok_or_else(|| DomainError::field("fields", "No such field"))?;
        let term = Term { field_id: field.id, wanted: filter::wanted(field, t).map_err(on_fields)? };
        let alternative_of = (t.op == FieldOp::Eq).then_some(field.id);
        match all.iter_mut().find(|(of, _)| of.is_some() && *of == alternative_of) {
            Some((_, any)) => any.push(term),
            None => all.push((alternative_of, vec![term])),
        }
    }
    Ok(FieldTerms { all: all.into_iter().map(|(_, any)| any).collect(), condition })
}
