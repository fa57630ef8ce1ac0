//! Wasm-safe service-level vocabulary: the targets a policy sets, weekly opening hours and target
//! lengths as admins type them, and the clock views that pages and the API show.

use chrono::{DateTime, Utc};
#[cfg(feature = "server")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// What a service-level target measures (stored as its `as_str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// From the request to the first public answer by an agent.
    #[cfg_attr(feature = "server", sea_orm(string_value = "first_response"))]
    FirstResponse,
    /// From each customer message that waits for an answer (after the first) to the agent's answer.
    #[cfg_attr(feature = "server", sea_orm(string_value = "next_response"))]
    NextResponse,
    /// From the request to solved.
    #[cfg_attr(feature = "server", sea_orm(string_value = "resolution"))]
    Resolution,
}

impl Metric {
    pub const ALL: [Metric; 3] = [Self::FirstResponse, Self::NextResponse, Self::Resolution];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::FirstResponse => "first_response",
            Self::NextResponse => "next_response",
            Self::Resolution => "resolution",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::FirstResponse => "First response",
            Self::NextResponse => "Next response",
            Self::Resolution => "Resolution",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// Minutes in a day: opening intervals are minutes from the local midnight.
pub const DAY_MINUTES: u16 = 1440;
/// The weekdays, Monday first, as the weekly hours are ordered.
pub const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// An opening interval of one weekday, in minutes from that day's local midnight. `end` is after
/// `start`, and past 1440 when the interval runs over midnight into the next day
/// (`22:00-02:00` is 1320..1560).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    pub start: u16,
    pub end: u16,
}

/// Opening intervals per weekday, Monday first.
pub type WeekHours = [Vec<Interval>; 7];

fn clock_time(text: &str) -> Option<u16> {
    let text = text.trim();
    let (h, m) = match text.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        None => (text, "00"),
    };
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    if h.to_string().len() > 2 || m >= 60 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

fn hhmm(minutes: u16) -> String {
    let minutes = minutes % DAY_MINUTES;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// One day's opening hours as typed: `09:00-12:00, 13:00-17:00`; empty or `closed` for none;
/// `22:00-02:00` runs over midnight; `00:00-24:00` is the whole day. Hours may be written
/// without minutes (`9-17`) and with an en dash.
pub fn parse_day_hours(input: &str) -> Result<Vec<Interval>, String> {
    let text = input.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("closed") {
        return Ok(Vec::new());
    }
    let mut out: Vec<Interval> = Vec::new();
    for part in text.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
        let Some((from, to)) = part.split_once(['-', '\u{2013}']) else {
            return Err(format!("Write each interval as 09:00-17:00 (got \u{201c}{part}\u{201d})"));
        };
        let (Some(start), Some(end)) = (clock_time(from), clock_time(to)) else {
            return Err(format!("Write times as HH:MM from 00:00 to 24:00 (got \u{201c}{part}\u{201d})"));
        };
        if start == DAY_MINUTES {
            return Err(format!("An interval cannot start at 24:00 (got \u{201c}{part}\u{201d})"));
        }
        if start == end {
            return Err(format!("An interval needs a length (got \u{201c}{part}\u{201d})"));
        }
        let end = if end < start { end + DAY_MINUTES } else { end };
        out.push(Interval { start, end });
    }
    out.sort_by_key(|i| i.start);
    for pair in out.windows(2) {
        if pair[1].start < pair[0].end {
            return Err(format!("The intervals {} and {} overlap", format_interval(pair[0]), format_interval(pair[1])));
        }
    }
    if out.len() > 6 {
        return Err("Use at most 6 intervals a day".into());
    }
    Ok(out)
}

fn format_interval(i: Interval) -> String {
    let end = if i.end == DAY_MINUTES { "24:00".to_owned() } else { hhmm(i.end) };
    format!("{}-{end}", hhmm(i.start))
}

/// The text `parse_day_hours` reads back to the same intervals (empty for a closed day).
pub fn format_day_hours(intervals: &[Interval]) -> String {
    intervals.iter().map(|i| format_interval(*i)).collect::<Vec<_>>().join(", ")
}

/// The longest target: a year of minutes.
pub const TARGET_MAX_MINUTES: u32 = 525_600;

/// A target's length as typed: hours and minutes (`4h`, `90m`, `1h 30m`, `2h30m`), or days of
/// 24 hours (`3d`) of business time.
pub fn parse_target(input: &str) -> Result<u32, String> {
    let text: String = input.trim().to_lowercase().split_whitespace().collect();
    if text.is_empty() {
        return Err("Enter a time such as 4h or 30m".into());
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'd' => 1440,
            'h' => 60,
            'm' => 1,
            _ => return Err("Write the time with d, h and m, such as 1h 30m".into()),
        };
        let n: u64 = number.parse().map_err(|_| "Put a number before each d, h or m".to_owned())?;
        total = total.saturating_add(n.saturating_mul(unit));
        number.clear();
    }
    if !number.is_empty() {
        return Err("Add a unit to the last number: d, h or m".into());
    }
    match u32::try_from(total) {
        Ok(0) => Err("Use at least 1 minute".into()),
        Ok(m) if m <= TARGET_MAX_MINUTES => Ok(m),
        _ => Err("Use at most 365 days".into()),
    }
}

/// A number of minutes as `parse_target` reads it (`1h 30m`, `3d`).
pub fn format_minutes(minutes: u32) -> String {
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d}d"));
    }
    if h > 0 {
        parts.push(format!("{h}h"));
    }
    if m > 0 || parts.is_empty() {
        parts.push(format!("{m}m"));
    }
    parts.join(" ")
}

/// A span of seconds for people: `2 h 5 min`, `3 d 4 h`, `45 s`.
pub fn format_span(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    if d > 0 {
        if h > 0 { format!("{d} d {h} h") } else { format!("{d} d") }
    } else if h > 0 {
        if m > 0 { format!("{h} h {m} min") } else { format!("{h} h") }
    } else if m > 0 {
        format!("{m} min")
    } else {
        format!("{s} s")
    }
}

/// Where a ticket's clock for one target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// Counting towards its due time.
    #[cfg_attr(feature = "server", sea_orm(string_value = "running"))]
    Running,
    /// Stopped while the ticket waits on the customer (a pending status).
    #[cfg_attr(feature = "server", sea_orm(string_value = "paused"))]
    Paused,
    /// The target was reached (answered, solved).
    #[cfg_attr(feature = "server", sea_orm(string_value = "met"))]
    Met,
}

impl ClockState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Paused => "paused",
            Self::Met => "met",
        }
    }
}

/// One business-time interval in which a running clock counts: the browser counts down through
/// these, so that the countdown stands still while the desk is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenSpan {
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

/// One target's clock on a ticket, as the ticket page and the API show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockView {
    pub metric: Metric,
    pub target_minutes: u32,
    pub calendar: String,
    pub state: ClockState,
    /// Which answer cycle this is (next response only; 1 for the others).
    pub cycle: i32,
    /// When the target falls due, while the clock runs.
    pub due_at: Option<DateTime<Utc>>,
    pub met_at: Option<DateTime<Utc>>,
    /// When the target was exceeded (in the past), or will be if the clock keeps running.
    pub breach_at: Option<DateTime<Utc>>,
    /// Business seconds left at `computed_at` (negative once overdue).
    pub remaining_seconds: i64,
    pub computed_at: DateTime<Utc>,
    /// The open business hours between `computed_at` and the due time (at most a few dozen), so
    /// that the countdown counts business time in the browser.
    pub open_spans: Vec<OpenSpan>,
    /// How likely a running clock is to breach, when the desk's history says.
    #[serde(default)]
    pub prediction: Option<PredictionView>,
}

/// A breach prediction as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PredictionView {
    /// The chance of a breach, in percent.
    pub percent: u32,
    pub at_risk: bool,
    /// The median business time similar tickets took, scaled by the assignee's load.
    pub typical_seconds: i64,
    /// Business seconds left before the due time.
    pub left_seconds: i64,
    pub samples: usize,
    /// Which tickets count as similar: "the same category and priority", …
    pub basis: String,
    /// The assignee's open tickets, and the desk's average per agent.
    pub assignee_open: Option<u64>,
    pub average_open: u64,
}

impl PredictionView {
    /// "Usually takes 6 h (median of 34 tickets of the same category and priority); 3 h of
    /// business time left." and a word on the assignee's load when it counts.
    pub fn reason(&self) -> String {
        let load = match self.assignee_open {
            None => " Nobody is assigned yet.".to_owned(),
            Some(n) if n > self.average_open => {
                format!(" The assignee has {n} open tickets (the desk's average is {}).", self.average_open)
            }
            Some(_) => String::new(),
        };
        format!(
            "Usually takes {} (median of {} tickets of {}); {} of business time left.{load}",
            format_span(self.typical_seconds),
            self.samples,
            self.basis,
            format_span(self.left_seconds.max(0)),
        )
    }
}

/// A ticket likely to breach, for the "At risk" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AtRiskView {
    pub ticket: crate::ticket_types::TicketSummary,
    pub metric: Metric,
    pub prediction: PredictionView,
}

impl ClockView {
    /// Breached, now or before (a past breach stays a breach after the target is met).
    pub fn breached(&self) -> bool {
        self.breach_at.is_some_and(|at| at <= self.computed_at)
    }
}

/// The service level of one ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketSlaView {
    pub policy_id: i64,
    pub policy: String,
    pub clocks: Vec<ClockView>,
}

pub const CALENDAR_NAME_MAX_CHARS: usize = 100;
pub const HOLIDAY_NAME_MAX_CHARS: usize = 100;
pub const POLICY_NAME_MAX_CHARS: usize = 100;

/// A holiday as the calendar page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayView {
    pub id: i64,
    pub name: String,
    pub day: chrono::NaiveDate,
    pub yearly: bool,
}

/// A business-hours calendar as the admin pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarView {
    pub id: i64,
    pub name: String,
    pub time_zone: String,
    /// The built-in 24/7 calendar (no hours, cannot change).
    pub builtin: bool,
    /// Monday first, as `format_day_hours` writes them (empty: closed).
    pub hours: Vec<String>,
    /// By date.
    pub holidays: Vec<HolidayView>,
    /// Policies with a target on this calendar.
    pub used_by: Vec<String>,
}

/// How the last recomputation of open tickets' clocks went (after a policy or calendar edit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecomputeProgress {
    pub requested_at: DateTime<Utc>,
    pub done: u64,
    /// Known once the job has started.
    pub total: Option<u64>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// One target of a policy as the admin page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetView {
    pub metric: Metric,
    pub minutes: u32,
    pub calendar_id: i64,
    pub calendar: String,
}

/// Who hears of a warning or breach, and what it changes on the ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationView {
    pub id: i64,
    /// `None`: every target of the policy.
    pub metric: Option<Metric>,
    /// Of the target: below 100 a warning, 100 the breach, above a later level.
    pub percent: u32,
    pub notify_assignee: bool,
    pub notify_team: bool,
    /// Named people, by name.
    pub notify_people: Vec<String>,
    /// Their emails, as the form takes them.
    pub notify_emails: Vec<String>,
    pub escalate_tier: bool,
    pub reassign_team: Option<String>,
    pub raise_priority: bool,
    pub add_tag: Option<String>,
}

impl EscalationView {
    /// "Warning at 75 %", "Breach", "Level 2: 150 %".
    pub fn title(&self) -> String {
        match self.percent {
            p if p < 100 => format!("Warning at {p}\u{a0}%"),
            100 => "At the breach".to_owned(),
            p => format!("After the breach, at {p}\u{a0}%"),
        }
    }

    /// What the rule does, in words.
    pub fn actions(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.notify_assignee {
            out.push("notify the assignee".to_owned());
        }
        if self.notify_team {
            out.push("notify the team".to_owned());
        }
        if !self.notify_people.is_empty() {
            out.push(format!("notify {}", self.notify_people.join(", ")));
        }
        if self.escalate_tier {
            out.push("escalate to the next tier".to_owned());
        }
        if let Some(team) = &self.reassign_team {
            out.push(format!("move to {team}"));
        }
        if self.raise_priority {
            out.push("raise the priority".to_owned());
        }
        if let Some(tag) = &self.add_tag {
            out.push(format!("tag {tag}"));
        }
        out
    }
}

/// An SLA policy as the admin page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyView {
    pub id: i64,
    pub name: String,
    pub position: i32,
    pub active: bool,
    pub conditions: String,
    /// Names in the conditions that no longer exist (renamed or deleted): the policy matches
    /// no ticket through them.
    pub stale_names: Vec<String>,
    pub targets: Vec<TargetView>,
    pub escalations: Vec<EscalationView>,
    /// Open tickets under it now.
    pub open_tickets: u64,
}

/// The SLA settings page: policies in order, the calendars targets may count on, and how the
/// last recomputation went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaSettingsView {
    pub policies: Vec<PolicyView>,
    /// (id, name), the 24/7 calendar first.
    pub calendars: Vec<(i64, String)>,
    /// (id, name, tier) of every team, for escalation rules.
    pub teams: Vec<(i64, String, Option<i32>)>,
    pub progress: Option<RecomputeProgress>,
}

/// One policy's target over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttainmentRow {
    pub policy_id: i64,
    pub policy: String,
    pub metric: Metric,
    /// Met in time.
    pub met: u64,
    /// Breached (met late, or not met and past due).
    pub breached: u64,
    /// The share met in time, in percent; `None` when nothing was decided.
    pub percent: Option<u32>,
}

/// SLA attainment over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttainmentView {
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    pub rows: Vec<AttainmentRow>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(start: u16, end: u16) -> Interval {
        Interval { start, end }
    }

    #[test]
    fn day_hours() {
        let table: [(&str, Result<Vec<Interval>, ()>); 12] = [
            ("", Ok(vec![])),
            ("Closed", Ok(vec![])),
            ("09:00-17:00", Ok(vec![iv(540, 1020)])),
            ("9-17", Ok(vec![iv(540, 1020)])),
            ("13:00\u{2013}17:00, 09:00-12:00", Ok(vec![iv(540, 720), iv(780, 1020)])),
            ("22:00-02:00", Ok(vec![iv(1320, 1560)])),
            ("00:00-24:00", Ok(vec![iv(0, 1440)])),
            ("09:00-12:00, 11:00-13:00", Err(())),
            ("09:00-09:00", Err(())),
            ("25:00-26:00", Err(())),
            ("9:5-10", Err(())),
            ("nine to five", Err(())),
        ];
        for (input, expected) in table {
            assert_eq!(parse_day_hours(input).map_err(|_| ()), expected, "{input:?}");
        }
        for text in ["09:00-12:00, 13:00-17:00", "22:00-02:00", "00:00-24:00", ""] {
            assert_eq!(format_day_hours(&parse_day_hours(text).unwrap()), text);
        }
    }

    #[test]
    fn targets() {
        let table = [
            ("4h", Ok(240)),
            ("90m", Ok(90)),
            ("1h 30m", Ok(90)),
            ("2H30M", Ok(150)),
            ("3d", Ok(4320)),
            ("", Err(())),
            ("4", Err(())),
            ("h", Err(())),
            ("0m", Err(())),
            ("366d", Err(())),
            ("4 hours", Err(())),
        ];
        for (input, expected) in table {
            assert_eq!(parse_target(input).map_err(|_| ()), expected, "{input:?}");
        }
        for minutes in [1, 59, 60, 90, 1440, 4380] {
            assert_eq!(parse_target(&format_minutes(minutes)), Ok(minutes));
        }
        assert_eq!(format_span(7500), "2 h 5 min");
        assert_eq!(format_span(-45), "45 s");
        assert_eq!(format_span(3 * 86_400 + 4 * 3600 + 60), "3 d 4 h");
    }
}
