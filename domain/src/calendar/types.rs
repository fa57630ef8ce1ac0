//! What the calendar shows and how its address names it: the scope (mine, my teams, a saved
//! view), the span (month or week, Monday first), and the entries on each day.

use crate::ticket_types::{OptionView, StatusView};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Whose tickets the calendar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CalendarScope {
    Mine,
    MyTeams,
    /// A saved view the agent may use (their own or a shared one).
    View(i64),
}

impl CalendarScope {
    /// `mine`, `teams` or `view-<id>`, as the address carries it.
    pub fn as_param(self) -> String {
        match self {
            Self::Mine => "mine".into(),
            Self::MyTeams => "teams".into(),
            Self::View(id) => format!("view-{id}"),
        }
    }

    pub fn parse(text: &str) -> Option<CalendarScope> {
        match text {
            "" | "mine" => Some(Self::Mine),
            "teams" => Some(Self::MyTeams),
            other => other.strip_prefix("view-")?.parse().ok().map(Self::View),
        }
    }
}

/// How much of the calendar one page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CalendarSpan {
    #[default]
    Month,
    Week,
}

impl CalendarSpan {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Month => "month",
            Self::Week => "week",
        }
    }

    pub fn parse(text: &str) -> Option<CalendarSpan> {
        match text {
            "" | "month" => Some(Self::Month),
            "week" => Some(Self::Week),
            _ => None,
        }
    }

    /// The first and last day shown around `anchor`: whole weeks, Monday to Sunday.
    pub fn days(self, anchor: NaiveDate) -> (NaiveDate, NaiveDate) {
        let monday = |day: NaiveDate| day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
        match self {
            Self::Week => (monday(anchor), monday(anchor) + Duration::days(6)),
            Self::Month => {
                let first = anchor.with_day(1).unwrap_or(anchor);
                let last = next_month(first).pred_opt().unwrap_or(first);
                (monday(first), monday(last) + Duration::days(6))
            }
        }
    }

    /// The anchor of the page before (`forward` false) or after this one.
    pub fn step(self, anchor: NaiveDate, forward: bool) -> NaiveDate {
        match (self, forward) {
            (Self::Week, true) => anchor + Duration::days(7),
            (Self::Week, false) => anchor - Duration::days(7),
            (Self::Month, true) => next_month(anchor.with_day(1).unwrap_or(anchor)),
            (Self::Month, false) => {
                anchor.with_day(1).and_then(|d| d.pred_opt()).and_then(|d| d.with_day(1)).unwrap_or(anchor)
            }
        }
    }

    /// The page's heading: "December 2026", or "Week of 7 December 2026".
    pub fn title(self, anchor: NaiveDate) -> String {
        match self {
            Self::Month => anchor.format("%B %Y").to_string(),
            Self::Week => format!("Week of {}", self.days(anchor).0.format("%-d %B %Y")),
        }
    }

    /// Whether `day` belongs to the period itself (a month grid also shows its neighbours' days).
    pub fn holds(self, anchor: NaiveDate, day: NaiveDate) -> bool {
        match self {
            Self::Week => true,
            Self::Month => day.year() == anchor.year() && day.month() == anchor.month(),
        }
    }
}

fn next_month(first: NaiveDate) -> NaiveDate {
    let (year, month) = if first.month() == 12 { (first.year() + 1, 1) } else { (first.year(), first.month() + 1) };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(first)
}

/// What puts a ticket on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryKind {
    /// The due date an agent set; it can be moved.
    Due,
    /// The next deadline of the ticket's SLA (moves only with the SLA).
    Sla,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarEntry {
    pub ticket_id: i64,
    pub reference: String,
    pub subject: String,
    pub kind: EntryKind,
    pub day: NaiveDate,
    /// The SLA deadline's moment (none for a due date, which is a whole day).
    pub at: Option<DateTime<Utc>>,
    pub status: StatusView,
    pub priority: String,
    pub assignee: Option<String>,
    /// Past its day (a due date) or its moment (an SLA deadline).
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub day: NaiveDate,
    /// In the month shown (a month grid's leading and trailing days are not).
    pub in_period: bool,
    pub today: bool,
    pub entries: Vec<CalendarEntry>,
}

/// One page of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarPage {
    pub scope: CalendarScope,
    pub span: CalendarSpan,
    pub anchor: NaiveDate,
    pub title: String,
    pub previous: NaiveDate,
    pub next: NaiveDate,
    pub today: NaiveDate,
    /// Monday to Sunday rows.
    pub weeks: Vec<Vec<CalendarDay>>,
    /// The saved views the agent may show instead.
    pub views: Vec<OptionView>,
    /// More tickets fell in the period than one page shows (narrow the scope).
    pub capped: bool,
}

/// The agent's live feed, if any (its address was shown once, when it was made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedStatus {
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_month_is_whole_weeks_from_monday() {
        // December 2026 starts on a Tuesday and ends on a Thursday.
        assert_eq!(CalendarSpan::Month.days(day("2026-12-17")), (day("2026-11-30"), day("2027-01-03")));
        // February 2027 starts on a Monday and ends on a Sunday: exactly four weeks.
        assert_eq!(CalendarSpan::Month.days(day("2027-02-10")), (day("2027-02-01"), day("2027-02-28")));
        assert_eq!(CalendarSpan::Week.days(day("2026-12-10")), (day("2026-12-07"), day("2026-12-13")));
        assert_eq!(CalendarSpan::Week.days(day("2026-12-07")), (day("2026-12-07"), day("2026-12-13")));
    }

    #[test]
    fn steps_cross_years_and_titles_read_well() {
        assert_eq!(CalendarSpan::Month.step(day("2026-12-31"), true), day("2027-01-01"));
        assert_eq!(CalendarSpan::Month.step(day("2026-01-31"), false), day("2025-12-01"));
        assert_eq!(CalendarSpan::Week.step(day("2026-12-31"), true), day("2027-01-07"));
        assert_eq!(CalendarSpan::Month.title(day("2026-12-07")), "December 2026");
        assert_eq!(CalendarSpan::Week.title(day("2026-12-10")), "Week of 7 December 2026");
        assert!(CalendarSpan::Month.holds(day("2026-12-07"), day("2026-12-31")));
        assert!(!CalendarSpan::Month.holds(day("2026-12-07"), day("2027-01-01")));
    }

    #[test]
    fn scopes_round_trip_through_the_address() {
        for scope in [CalendarScope::Mine, CalendarScope::MyTeams, CalendarScope::View(12)] {
            assert_eq!(CalendarScope::parse(&scope.as_param()), Some(scope));
        }
        assert_eq!(CalendarScope::parse(""), Some(CalendarScope::Mine));
        assert_eq!(CalendarScope::parse("view-x"), None);
        assert_eq!(CalendarScope::parse("everyone"), None);
    }
}
