//! Wasm-safe vocabulary of reports: the period and filters asked for, and every figure of the
//! report with the same figure for the period before it, so pages and CSV files show both.

use crate::ticket_types::Channel;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest period a report covers at once.
pub const MAX_DAYS: i64 = 400;

/// What a report covers: whole days from `from` to `to` (both included, UTC) and the tickets
/// that match every filter given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFilter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub team_id: Option<i64>,
    pub category_id: Option<i64>,
    pub priority_id: Option<i64>,
    pub channel: Option<Channel>,
    pub organization_id: Option<i64>,
    /// Custom-field terms in the search syntax (`field:"Contract"=A-123 field:"Devices">3`),
    /// checked when the filter is read; empty for none.
    #[serde(default)]
    pub fields: String,
}

impl ReportFilter {
    /// Days in the period.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The period of the same length just before this one.
    pub fn previous(&self) -> ReportFilter {
        let days = chrono::Duration::days(self.days());
        ReportFilter { from: self.from - days, to: self.to - days, ..self.clone() }
    }
}

/// A figure in the period, and in the period before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Compared<T> {
    pub now: T,
    pub before: T,
}

/// Durations of a set of tickets, in minutes (business minutes where an SLA calendar measured
/// them): how many, the median and the 90th percentile (nearest rank).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DurationStats {
    pub count: u64,
    pub median_minutes: Option<i64>,
    pub p90_minutes: Option<i64>,
}

/// A share: `part` of `whole` (met of decided clocks, reopened of solved, satisfied of answered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Share {
    pub part: u64,
    pub whole: u64,
}

impl Share {
    /// The share in whole percent, none when there is nothing to share.
    pub fn percent(&self) -> Option<u32> {
        (self.whole > 0).then(|| ((self.part as f64 / self.whole as f64) * 100.0).round() as u32)
    }
}

/// One day of the period: tickets created and solved that day, and those still open at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayRow {
    pub day: NaiveDate,
    pub created: u64,
    pub solved: u64,
    pub backlog: u64,
}

/// A count under a name (a channel's tickets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountRow {
    pub name: String,
    pub count: u64,
}

/// An agent's or a team's load: open tickets assigned now, tickets solved in the period, and the
/// time logged in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkloadRow {
    pub name: String,
    pub open: u64,
    pub solved: u64,
    pub minutes: i64,
}

/// Satisfaction answers under a name (an agent, a team, a category).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsatRow {
    pub name: String,
    pub satisfied: Share,
}

/// Time logged under a name, on how many tickets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRow {
    pub name: String,
    pub minutes: i64,
    pub tickets: u64,
}

/// The desk's report for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub filter: ReportFilter,
    pub created: Compared<u64>,
    pub solved: Compared<u64>,
    pub first_response: Compared<DurationStats>,
    pub resolution: Compared<DurationStats>,
    /// SLA clocks decided in the period: met of all decided.
    pub sla: Compared<Share>,
    /// Tickets reopened in the period, of those solved in it.
    pub reopened: Compared<Share>,
    /// Satisfied answers of all answers given in the period.
    pub csat: Compared<Share>,
    pub days: Vec<DayRow>,
    pub channels: Vec<CountRow>,
    pub agents: Vec<WorkloadRow>,
    pub teams: Vec<WorkloadRow>,
    pub csat_by_agent: Vec<CsatRow>,
    pub csat_by_team: Vec<CsatRow>,
    pub csat_by_category: Vec<CsatRow>,
    pub time_by_agent: Vec<TimeRow>,
    pub time_by_team: Vec<TimeRow>,
    pub time_by_organization: Vec<TimeRow>,
    pub time_by_category: Vec<TimeRow>,
}

/// The desk today (UTC days), live on the reports page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub open: u64,
    pub unassigned: u64,
    pub waiting_on_customer: u64,
    /// Running SLA clocks past their breach time.
    pub overdue: u64,
    pub created_today: u64,
    pub solved_today: u64,
    pub satisfied_today: Share,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// What the filters offer (the channels are `Channel::ALL`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ReportOptions {
    pub teams: Vec<crate::ticket_types::OptionView>,
    pub categories: Vec<crate::ticket_types::OptionView>,
    pub priorities: Vec<crate::ticket_types::OptionView>,
    pub organizations: Vec<crate::ticket_types::OptionView>,
}

/// An agent an admin may allow to see reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewerChoice {
    pub id: i64,
    pub name: String,
    pub allowed: bool,
}

/// The reports page: the report, the filters' options, and for admins who else may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPage {
    pub report: ReportView,
    pub options: ReportOptions,
    /// Admins only: the agents and whether each may see reports.
    pub viewers: Option<Vec<ViewerChoice>>,
}

/// The value at the nearest rank `ceil(p × n)` of sorted values (`p` in hundredths).
pub fn nearest_rank(sorted: &[i64], percent: u32) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let n = sorted.len();
    let rank = (n * percent as usize).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// Durations' summary.
pub fn duration_stats(mut minutes: Vec<i64>) -> DurationStats {
    minutes.sort_unstable();
    DurationStats {
        count: minutes.len() as u64,
        median_minutes: nearest_rank(&minutes, 50),
        p90_minutes: nearest_rank(&minutes, 90),
    }
}

/// Durations' summary from a histogram of (minutes, how many), exactly as `duration_stats` of
/// the values it counts.
pub fn histogram_stats(mut counts: Vec<(i64, u64)>) -> DurationStats {
    counts.sort_unstable();
    let n: u64 = counts.iter().map(|(_, c)| c).sum();
    let at_rank = |percent: u64| -> Option<i64> {
        if n == 0 {
            return None;
        }
        let rank = (n * percent).div_ceil(100).max(1);
        let mut seen = 0;
        counts
            .iter()
            .find(|(_, c)| {
                seen += c;
                seen >= rank
            })
            .map(|(minutes, _)| *minutes)
    };
    DurationStats { count: n, median_minutes: at_rank(50), p90_minutes: at_rank(90) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        assert_eq!(nearest_rank(&[], 50), None);
        assert_eq!(nearest_rank(&[7], 90), Some(7));
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!((nearest_rank(&ten, 50), nearest_rank(&ten, 90)), (Some(5), Some(9)));
        let four = [10, 20, 30, 40];
        assert_eq!((nearest_rank(&four, 50), nearest_rank(&four, 90)), (Some(20), Some(40)));
        assert_eq!(Share { part: 1, whole: 3 }.percent(), Some(33));
        for values in [vec![], vec![7], (1..=10).collect(), vec![10, 20, 30, 40], vec![5, 5, 5, 1, 9, 9, 2, 2, 2, 2, 8]]
        {
            let mut counts: Vec<(i64, u64)> = Vec::new();
            for v in &values {
                match counts.iter_mut().find(|(m, _)| m == v) {
                    Some(entry) => entry.1 += 1,
                    None => counts.push((*v, 1)),
                }
            }
            assert_eq!(histogram_stats(counts), duration_stats(values.clone()), "{values:?}");
        }
        assert_eq!(Share::default().percent(), None);
        let june = ReportFilter {
            from: NaiveDate::from_ymd_opt(2026, 6, 1).expect("day"),
            to: NaiveDate::from_ymd_opt(2026, 6, 30).expect("day"),
            team_id: None,
            category_id: None,
            priority_id: None,
            channel: None,
            organization_id: None,
            fields: String::new(),
        };
        let may = june.previous();
        assert_eq!(
            (may.from.to_string(), may.to.to_string(), may.days()),
            ("2026-05-02".into(), "2026-05-31".into(), 30)
        );
    }
}
