//! `docket bench fields`: a desk with many custom fields on top of the bench desk. It adds
//! fields up to the asked number (every kind in turn, the first three shown in lists) and gives
//! every ticket a value in each new one, so W4's ticket page reads them all; then it times the
//! search on a custom field against the search on a built-in field that matches as many tickets.

use domain::{
    DomainError,
    custom_fields::{
        setup::{self, FieldInput},
        types::FieldKind,
    },
    entities::custom_field,
    policy::Actor,
    ticket_filter::{Sort, TicketFilter},
    tickets::filtering,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait, Statement, Value};
use std::time::{Duration, Instant};

const KINDS: [FieldKind; 7] = [
    FieldKind::Text,
    FieldKind::Number,
    FieldKind::Select,
    FieldKind::Date,
    FieldKind::Checkbox,
    FieldKind::MultiSelect,
    FieldKind::LongText,
];

/// Values of the first field, each on a tenth of the tickets, as the Low priority of the bench desk.
const SPREAD: i64 = 10;

pub fn field_name(n: usize) -> String {
    format!("Bench field {n}")
}

/// Adds fields until the desk has `count`, each with a value on every ticket. Returns how many
/// fields it added.
pub async fn seed(db: &DatabaseConnection, count: usize) -> Result<usize, DomainError> {
    let have = custom_field::Entity::find().count(db).await? as usize;
    for n in have + 1..=count {
        let kind = KINDS[(n - 1) % KINDS.len()];
        let input = FieldInput {
            name: field_name(n),
            kind: Some(kind),
            options: (0..SPREAD).map(|v| format!("Option {v}")).collect::<Vec<_>>().join("\n"),
            show_in_lists: n <= 3,
            active: true,
            ..Default::default()
        };
        let id = setup::create(db, &Actor::System, input).await?;
        fill(db, id, kind).await?;
    }
    Ok(count.saturating_sub(have))
}

/// One value of field `id` on every ticket, in the column its kind uses, from the ticket's id.
async fn fill(db: &DatabaseConnection, id: i64, kind: FieldKind) -> Result<(), DomainError> {
    let backend = db.get_database_backend();
    let text = |prefix: &str| format!("'{prefix}' || (id % {SPREAD})");
    let (value_text, value_folded, value_number, value_date) = match kind {
        FieldKind::Text => (text("code-"), text("code-"), "NULL".to_owned(), "NULL"),
        FieldKind::LongText => (text("Notes about this ticket, line "), "NULL".to_owned(), "NULL".to_owned(), "NULL"),
        FieldKind::Select | FieldKind::MultiSelect => (text("Option "), text("option "), "NULL".to_owned(), "NULL"),
        FieldKind::Number => ("NULL".to_owned(), "NULL".to_owned(), format!("(id % {SPREAD})"), "NULL"),
        FieldKind::Checkbox => ("NULL".to_owned(), "NULL".to_owned(), "1".to_owned(), "NULL"),
        FieldKind::Date => ("NULL".to_owned(), "NULL".to_owned(), "NULL".to_owned(), "__DATE__"),
    };
    let placeholder = if backend == DbBackend::Postgres { "$1" } else { "?" };
    let sql = format!(
        "INSERT INTO ticket_field_values (ticket_id, field_id, value_text, value_folded, value_number, value_date) \
         SELECT id, {id}, {value_text}, {value_folded}, {value_number}, {} FROM tickets",
        if value_date == "__DATE__" { placeholder } else { "NULL" },
    );
    let values: Vec<Value> = if value_date == "__DATE__" {
        vec![chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default().into()]
    } else {
        Vec::new()
    };
    db.execute_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
    Ok(())
}

/// One query's timing: how many tickets it matches and each run's time, fastest first.
#[derive(Debug, Clone)]
pub struct SearchTiming {
    pub query: String,
    pub runs: Vec<Duration>,
}

impl SearchTiming {
    /// The nearest-rank percentile (0.5 for the median).
    pub fn percentile(&self, share: f64) -> Duration {
        super::reports::nearest_rank(&self.runs, share)
    }
}

/// Times the first page of the agent's search for a built-in field (`priority:Low`) and for the
/// first bench field at the same share of tickets, in turn, as `agent@example.com`.
pub async fn time_search(db: &DatabaseConnection, runs: u32) -> Result<[SearchTiming; 2], DomainError> {
    let agent =
        domain::accounts::queries::find_by_email(db, "agent@example.com").await?.ok_or(DomainError::NotFound)?;
    let agent = Actor::User(domain::accounts::queries::principal_of(&agent));
    let queries = ["priority:Low".to_owned(), format!("field:\"{}\"=code-3", field_name(1))];
    let mut out = queries.map(|query| SearchTiming { query, runs: Vec::new() });
    let filters: Vec<TicketFilter> = out
        .iter()
        .map(|t| TicketFilter::parse(&t.query).map_err(|m| DomainError::field("q", m)))
        .collect::<Result<_, _>>()?;
    for filter in &filters {
        filtering::list(db, &agent, filter, Sort::Updated, None).await?;
    }
    for _ in 0..runs.max(1) {
        for (timing, filter) in out.iter_mut().zip(&filters) {
            let started = Instant::now();
            filtering::list(db, &agent, filter, Sort::Updated, None).await?;
            timing.runs.push(started.elapsed());
        }
    }
    for timing in &mut out {
        timing.runs.sort();
    }
    Ok(out)
}
