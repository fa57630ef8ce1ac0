//! Counting where the rows are: each of the report's ticket figures as one grouped SQL query over
//! the period's rows (days, channels, workload, duration histograms, SLA clocks, reopenings), so
//! a report over a large desk moves counts, not tickets, into memory. The same SQL serves SQLite
//! and PostgreSQL; only day and duration arithmetic differ.

use super::{
    field_terms::{FieldTerms, Term},
    types::ReportFilter,
};
use crate::{custom_fields::filter::Wanted, ticket_filter::FieldOp};
use crate::{
    desk_config::Config,
    error::DomainError,
    sla::types::{ClockState, Metric},
    ticket_types::Channel,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveEnum, ConnectionTrait, DbBackend, QueryResult, Statement, Value};
use std::collections::{BTreeMap, HashMap};

/// What narrows the counted tickets: the filter's dimensions and its custom-field terms.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub filter: &'a ReportFilter,
    pub terms: &'a FieldTerms,
}

/// A statement being written: its text and the values bound to it, in order.
struct Sql {
    backend: DbBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn new(backend: DbBackend) -> Sql {
        Sql { backend, text: String::new(), values: Vec::new() }
    }

    /// Binds `value` and returns its placeholder.
    fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        if self.backend == DbBackend::Postgres { format!("${}", self.values.len()) } else { "?".to_owned() }
    }

    fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// ` AND …` for each of the filter's dimensions and custom-field terms, on the tickets
    /// aliased `t`.
    fn filter(&mut self, scope: Scope) {
        let filter = scope.filter;
        let dimensions = [
            ("t.team_id", filter.team_id),
            ("t.category_id", filter.category_id),
            ("t.priority_id", filter.priority_id),
            ("t.organization_id", filter.organization_id),
        ];
        for (column, wanted) in dimensions {
            if let Some(id) = wanted {
                let at = self.bind(id);
                self.push(&format!(" AND {column} = {at}"));
            }
        }
        if let Some(channel) = filter.channel {
            let at = self.bind(channel.to_value());
            self.push(&format!(" AND t.channel = {at}"));
        }
        for any in &scope.terms.all {
            let alternatives: Vec<String> = any.iter().map(|term| self.term(term)).collect();
            self.push(&format!(" AND ({})", alternatives.join(" OR ")));
        }
    }

    /// A custom-field term as a predicate on `t`.
    fn term(&mut self, term: &Term) -> String {
        let field = self.bind(term.field_id);
        let of_field = format!("SELECT ticket_id FROM ticket_field_values WHERE field_id = {field}");
        let (column, op, value): (&str, FieldOp, Value) = match &term.wanted {
            Wanted::Ticked(true) => return format!("t.id IN ({of_field})"),
            Wanted::Ticked(false) => return format!("t.id NOT IN ({of_field})"),
            Wanted::Folded(text) => ("value_folded", FieldOp::Eq, text.clone().into()),
            Wanted::Number(op, n) => ("value_number", *op, (*n).into()),
            Wanted::Date(op, day) => ("value_date", *op, (*day).into()),
        };
        let op = match op {
            FieldOp::Eq => "=",
            FieldOp::Lt => "<",
            FieldOp::Le => "<=",
            FieldOp::Gt => ">",
            FieldOp::Ge => ">=",
        };
        let value = self.bind(value);
        format!("t.id IN ({of_field} AND {column} {op} {value})")
    }

    /// The UTC day of a timestamp column, as `YYYY-MM-DD`.
    fn day(&self, column: &str) -> String {
        match self.backend {
            DbBackend::Postgres => format!("to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')"),
            _ => format!("substr({column}, 1, 10)"),
        }
    }

    /// Whole minutes from `from` to `to` (truncated, as `chrono`'s `num_minutes`).
    fn minutes(&self, from: &str, to: &str) -> String {
        match self.backend {
            DbBackend::Postgres => format!("CAST(TRUNC(EXTRACT(EPOCH FROM ({to} - {from})) / 60) AS BIGINT)"),
            _ => format!("CAST(ROUND((julianday({to}) - julianday({from})) * 86400000.0) AS INTEGER) / 60000"),
        }
    }

    async fn rows(self, db: &impl ConnectionTrait) -> Result<Vec<QueryResult>, DomainError> {
        Ok(db.query_all_raw(Statement::from_sql_and_values(self.backend, self.text, self.values)).await?)
    }
}

/// Whether the scope names any dimension of the tickets.
fn narrows(scope: Scope) -> bool {
    let filter = scope.filter;
    !scope.terms.is_empty()
        || filter.team_id.is_some()
        || filter.category_id.is_some()
        || filter.priority_id.is_some()
        || filter.channel.is_some()
        || filter.organization_id.is_some()
}

fn count(row: &QueryResult, at: usize) -> Result<u64, DomainError> {
    Ok(u64::try_from(row.try_get_by_index::<i64>(at)?).unwrap_or(0))
}

fn flag(row: &QueryResult, at: usize) -> Result<bool, DomainError> {
    Ok(row.try_get_by_index::<i32>(at)? != 0)
}

fn day(row: &QueryResult, at: usize) -> Result<NaiveDate, DomainError> {
    let text: String = row.try_get_by_index(at)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| DomainError::Internal)
}

/// Tickets by the day of a moment (creation or solve) from `since` on, and how many of them
/// meet a further condition.
#[derive(Debug, Default)]
pub struct DayCounts {
    pub by_day: BTreeMap<NaiveDate, u64>,
    pub marked: u64,
}

/// Counts by the day of `moment` (a column of `t`) from `since` on; `mark` writes the further
/// condition, binding its values first, as they come first in the statement.
async fn by_day(
    db: &impl ConnectionTrait,
    scope: Scope<'_>,
    moment: &str,
    since: DateTime<Utc>,
    mark: impl FnOnce(&mut Sql) -> String,
) -> Result<DayCounts, DomainError> {
    let mut sql = Sql::new(db.get_database_backend());
    let day_of = sql.day(moment);
    let marked = mark(&mut sql);
    sql.push(&format!("SELECT {day_of}, CASE WHEN {marked} THEN 1 ELSE 0 END, COUNT(*) FROM tickets t WHERE 1 = 1"));
    sql.filter(scope);
    let from = sql.bind(since);
    sql.push(&format!(" AND {moment} >= {from} GROUP BY 1, 2"));
    let mut out = DayCounts::default();
    for row in sql.rows(db).await? {
        let n = count(&row, 2)?;
        *out.by_day.entry(day(&row, 0)?).or_default() += n;
        if flag(&row, 1)? {
            out.marked += n;
        }
    }
    Ok(out)
}

/// Tickets created from `since` on, by day; marked: those created from `start` on that are
/// open now.
pub async fn created(
    db: &impl ConnectionTrait,
    scope: Scope<'_>,
    since: DateTime<Utc>,
    start: DateTime<Utc>,
) -> Result<DayCounts, DomainError> {
    by_day(db, scope, "t.created_at", since, |sql| {
        let start = sql.bind(start);
        format!("t.solved_at IS NULL AND t.created_at >= {start}")
    })
    .await
}

/// Tickets solved (and not reopened since) from `since` on, by day; marked: those solved from
/// `start` on that were created before it.
pub async fn solved(
    db: &impl ConnectionTrait,
    scope: Scope<'_>,
    since: DateTime<Utc>,
    start: DateTime<Utc>,
) -> Result<DayCounts, DomainError> {
    by_day(db, scope, "t.solved_at", since, |sql| {
        let (created, solved) = (sql.bind(start), sql.bind(start));
        format!("t.created_at < {created} AND t.solved_at >= {solved}")
    })
    .await
}

/// How many tickets one (assignee, team) pair holds.
pub type OwnerCount = (Option<i64>, Option<i64>, u64);
/// Counts of tickets by (assignee, team).
pub type ByOwner = Vec<OwnerCount>;

/// Open tickets now by assignee and team; with `solved_in`, tickets solved in `[from, until)`.
pub async fn by_owner(
    db: &impl ConnectionTrait,
    scope: Scope<'_>,
    solved_in: Option<(DateTime<Utc>, DateTime<Utc>)>,
) -> Result<ByOwner, DomainError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT t.assignee_id, t.team_id, COUNT(*) FROM tickets t WHERE 1 = 1");
    sql.filter(scope);
    match solved_in {
        None => sql.push(" AND t.solved_at IS NULL"),
        Some((from, until)) => {
            let (from, until) = (sql.bind(from), sql.bind(until));
            sql.push(&format!(" AND t.solved_at >= {from} AND t.solved_at < {until}"));
        }
    }
    sql.push(" GROUP BY 1, 2");
    sql.rows(db)
        .await?
        .iter()
        .map(|row| Ok((row.try_get_by_index(0)?, row.try_get_by_index(1)?, count(row, 2)?)))
        .collect()
}

/// Tickets created in `[from, until)` by channel.
pub async fn channels(
    db: &impl ConnectionTrait,
    scope: Scope<'_>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<(Channel, u64)>, DomainError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT t.channel, COUNT(*) FROM tickets t WHERE 1 = 1");
    sql.filter(scope);
    let (from, until) = (sql.bind(from), sql.bind(until));
    sql.push(&format!(" AND t.created_at >= {from} AND t.created_at < {until} GROUP BY 1"));
    let mut out = Vec::new();
    for row in sql.rows(db).await? {
        let channel: String = row.try_get_by_index(0)?;
        out.push((Channel::try_from_value(&channel).map_err(|_| DomainError::Internal)?, count(&row, 1)?));
    }
    Ok(out)
}

/// A duration histogram: (minutes, how many) for each of the two periods.
#[derive(Debug, Default)]
pub struct Histograms {
    pub now: Vec<(i64, u64)>,
    pub before: Vec<(i64, u64)>,
}

/// Minutes to the first response of tickets created in `[from, until)` (`Metric::FirstResponse`)
/// or from creation to the solve of tickets solved in it (`Metric::Resolution`), in business
/// minutes where an SLA calendar measured them (a met clock), wall minutes otherwise. A ticket is
/// in the current period from `start` on.
pub async fn durations(
    db: &impl ConnectionTrait,
    scope: Scope<'_>,
    metric: Metric,
    from: DateTime<Utc>,
    start: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Histograms, DomainError> {
    let (moment, end) = match metric {
        Metric::Resolution => ("t.solved_at", "t.solved_at"),
        _ => ("t.created_at", "t.first_response_at"),
    };
    let mut sql = Sql::new(db.get_database_backend());
    let wall = sql.minutes("t.created_at", end);
    let now = sql.bind(start);
    let (metric, met) = (sql.bind(metric.to_value()), sql.bind(ClockState::Met.to_value()));
    sql.push(&format!(
        "SELECT CASE WHEN {moment} >= {now} THEN 1 ELSE 0 END, COALESCE(c.elapsed_seconds / 60, {wall}), COUNT(*) \
         FROM tickets t LEFT JOIN sla_clocks c ON c.ticket_id = t.id AND c.metric = {metric} AND c.state = {met} \
         WHERE {end} IS NOT NULL"
    ));
    sql.filter(scope);
    let (from, until) = (sql.bind(from), sql.bind(until));
    sql.push(&format!(" AND {moment} >= {from} AND {moment} < {until} GROUP BY 1, 2"));
    let mut out = Histograms::default();
    for row in sql.rows(db).await? {
        let minutes: i64 = row.try_get_by_index(1)?;
        let side = if flag(&row, 0)? { &mut out.now } else { &mut out.before };
        side.push((minutes, count(&row, 2)?));
    }
    Ok(out)
}

/// SLA clocks decided in `[from, until)`, each period's (met in time, of all). A clock counts
/// where it was met, or, breached and still unmet, where it breached (up to `now`). Two plain
/// sums, one per index (met, breached): no grouping to sort, no row read.
pub async fn clocks(
    db: &impl ConnectionTrait,
    scope: Scope<'_>,
    from: DateTime<Utc>,
    start: DateTime<Utc>,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<[(u64, u64); 2], DomainError> {
    let backend = db.get_database_backend();
    // Only a filtered report needs the tickets' dimensions.
    let tickets = if narrows(scope) { "JOIN tickets t ON t.id = c.ticket_id " } else { "" };
    let sum = |condition: String| format!("COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)");

    let mut met = Sql::new(backend);
    let (s1, s2, s3) = (met.bind(start), met.bind(start), met.bind(start));
    met.push(&format!(
        "SELECT {}, {}, {}, COUNT(*) FROM sla_clocks c {tickets}WHERE c.state = ",
        sum(format!("c.met_at >= {s1} AND c.breach_at IS NULL")),
        sum(format!("c.met_at >= {s2}")),
        sum(format!("c.met_at < {s3} AND c.breach_at IS NULL")),
    ));
    let (state, met_from, met_until) = (met.bind(ClockState::Met.to_value()), met.bind(from), met.bind(until));
    met.push(&format!("{state} AND c.met_at >= {met_from} AND c.met_at < {met_until}"));
    met.filter(scope);

    let mut breached = Sql::new(backend);
    let s4 = breached.bind(start);
    breached.push(&format!(
        "SELECT {}, COUNT(*) FROM sla_clocks c {tickets}WHERE c.state <> ",
        sum(format!("c.breach_at >= {s4}"))
    ));
    let (state, breach_from, breach_until) =
        (breached.bind(ClockState::Met.to_value()), breached.bind(from), breached.bind(until.min(now)));
    breached.push(&format!("{state} AND c.breach_at >= {breach_from} AND c.breach_at < {breach_until}"));
    breached.filter(scope);

    let mut out = [(0, 0); 2];
    if let Some(row) = met.rows(db).await?.first() {
        let (in_time_now, now_all, in_time_before, all) =
            (count(row, 0)?, count(row, 1)?, count(row, 2)?, count(row, 3)?);
        out[0] = (in_time_now, now_all);
        out[1] = (in_time_before, all.saturating_sub(now_all));
    }
    if let Some(row) = breached.rows(db).await?.first() {
        let (now_all, all) = (count(row, 0)?, count(row, 1)?);
        out[0].1 += now_all;
        out[1].1 += all.saturating_sub(now_all);
    }
    Ok(out)
}

/// Tickets reopened in `[from, until)` (a status change from a solved or closed status to an
/// active one): each ticket once per period, with whether it is in the current period (from
/// `start`) and when it was last solved.
pub async fn reopened(
    db: &impl ConnectionTrait,
    config: &Config,
    scope: Scope<'_>,
    from: DateTime<Utc>,
    start: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<(i64, bool, Option<DateTime<Utc>>)>, DomainError> {
    let done: Vec<&str> = config.statuses.iter().filter(|s| !s.category.is_active()).map(|s| s.name.as_str()).collect();
    if done.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(db.get_database_backend());
    let now = sql.bind(start);
    sql.push(&format!(
        "SELECT DISTINCT e.ticket_id, CASE WHEN e.at >= {now} THEN 1 ELSE 0 END, t.solved_at \
         FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.field = 'status'"
    ));
    let (from, until) = (sql.bind(from), sql.bind(until));
    sql.push(&format!(" AND e.at >= {from} AND e.at < {until} AND e.new_value IS NOT NULL"));
    for (column, negate) in [("e.old_value", ""), ("e.new_value", "NOT ")] {
        let list: Vec<String> = done.iter().map(|name| sql.bind(*name)).collect();
        sql.push(&format!(" AND {column} {negate}IN ({})", list.join(", ")));
    }
    sql.filter(scope);
    sql.rows(db)
        .await?
        .iter()
        .map(|row| Ok((row.try_get_by_index(0)?, flag(row, 1)?, row.try_get_by_index(2)?)))
        .collect()
}

/// Per-owner counts keyed by assignee or by team.
pub fn owners(rows: &ByOwner, key: fn(&OwnerCount) -> Option<i64>) -> HashMap<i64, u64> {
    let mut out = HashMap::new();
    for row in rows {
        if let Some(id) = key(row) {
            *out.entry(id).or_default() += row.2;
        }
    }
    out
}
