//! `docket bench reports`: times the reports page's figures (the whole report: every headline
//! figure against the period before, every chart) over the last N days of a seeded desk, as the
//! admin opens it, after one untimed run that warms the caches as a desk in use has them.

use domain::{DomainError, policy::Actor, reports::types::ReportFilter};
use sea_orm::DatabaseConnection;
use std::time::{Duration, Instant};

/// What one timing run found.
#[derive(Debug, Clone)]
pub struct ReportTiming {
    /// Tickets created and solved in the period (what the report counted).
    pub created: u64,
    pub solved: u64,
    /// Each run's time, fastest first.
    pub runs: Vec<Duration>,
}

impl ReportTiming {
    /// The nearest-rank percentile (0.5 for the median).
    pub fn percentile(&self, share: f64) -> Duration {
        nearest_rank(&self.runs, share)
    }
}

/// The nearest-rank percentile of run times sorted fastest first (0.5 for the median).
pub fn nearest_rank(runs: &[Duration], share: f64) -> Duration {
    let rank = ((runs.len() as f64 * share).ceil() as usize).clamp(1, runs.len().max(1));
    runs.get(rank - 1).copied().unwrap_or_default()
}

pub async fn time_reports(db: &DatabaseConnection, days: u32, runs: u32) -> Result<ReportTiming, DomainError> {
    let today = domain::clock::now().date_naive();
    let filter = ReportFilter {
        from: today - chrono::Duration::days(i64::from(days.max(1)) - 1),
        to: today,
        team_id: None,
        category_id: None,
        priority_id: None,
        channel: None,
        organization_id: None,
        fields: String::new(),
    };
    let admin =
        domain::accounts::queries::find_by_email(db, "admin@example.com").await?.ok_or(DomainError::NotFound)?;
    let admin = Actor::User(domain::accounts::queries::principal_of(&admin));
    let first = domain::reports::compute::report(db, &admin, filter.clone()).await?;
    let mut times = Vec::with_capacity(runs as usize);
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        domain::reports::compute::report(db, &admin, filter.clone()).await?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(ReportTiming { created: first.created.now, solved: first.solved.now, runs: times })
}
