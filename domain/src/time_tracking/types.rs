//! Wasm-safe time-tracking vocabulary: reading a duration as agents type it ("1h 30m", "90",
//! "1:30", "2.5h"), showing one ("1 h 30 min"), and the views of a ticket's time entries.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The most one entry may hold: a working day and then some.
pub const ENTRY_MAX_MINUTES: u32 = 24 * 60;
pub const NOTE_MAX_CHARS: usize = 200;

/// Reads a duration in minutes: `90`, `90m`, `1h`, `1h 30m`, `1:30`, `2.5h`. Zero and more than
/// a day are refused.
pub fn parse_duration(text: &str) -> Result<u32, String> {
    let usage = || "Write the time as 45m, 1h 30m, 1:30 or 2.5h".to_owned();
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return Err("Enter the time spent".to_owned());
    }
    let minutes: f64 = if let Some((h, m)) = text.split_once(':') {
        let (h, m) = (h.trim().parse::<u32>().map_err(|_| usage())?, m.trim().parse::<u32>().map_err(|_| usage())?);
        if m >= 60 {
            return Err(usage());
        }
        f64::from(h * 60 + m)
    } else {
        let mut total = 0.0;
        let mut rest = text.replace(' ', "");
        if let Some((h, after)) = rest.split_once('h') {
            total += h.parse::<f64>().map_err(|_| usage())? * 60.0;
            rest = after.trim_start_matches("ours").trim_start_matches("our").to_owned();
        }
        let rest =
            rest.trim_end_matches("inutes").trim_end_matches("inute").trim_end_matches("in").trim_end_matches('m');
        if !rest.is_empty() {
            total += rest.parse::<f64>().map_err(|_| usage())?;
        }
        total
    };
    if !minutes.is_finite() || minutes < 0.0 {
        return Err(usage());
    }
    let minutes = minutes.round();
    if minutes < 1.0 {
        return Err("Log at least one minute".to_owned());
    }
    if minutes > f64::from(ENTRY_MAX_MINUTES) {
        return Err("One entry holds at most 24 hours".to_owned());
    }
    Ok(minutes as u32)
}

/// A duration as people read it: "45 min", "1 h", "1 h 30 min".
pub fn format_duration(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// A duration as it is typed back into a form: "1h 30m".
pub fn typed_duration(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h {m}m"),
    }
}

/// One entry on a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeEntryView {
    pub id: i64,
    pub agent_name: String,
    pub minutes: i64,
    pub note: String,
    /// The day the work was done.
    pub worked_on: NaiveDate,
    pub created_at: DateTime<Utc>,
    /// Logged with a reply or note.
    pub message_id: Option<i64>,
    /// The viewer may change or delete it (their own; any for admins).
    pub editable: bool,
}

/// A ticket's time: its entries, newest first, and their total.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketTimeView {
    pub entries: Vec<TimeEntryView>,
    pub total_minutes: i64,
    /// Agents must log time before solving (an admin's setting).
    pub required_to_solve: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_typed() {
        for (text, minutes) in [
            ("90", 90),
            ("45m", 45),
            ("45 min", 45),
            ("1h", 60),
            ("1h 30m", 90),
            ("1 h 30 min", 90),
            ("1:30", 90),
            ("2.5h", 150),
            ("0:05", 5),
            ("2 hours", 120),
        ] {
            assert_eq!(parse_duration(text), Ok(minutes), "{text}");
        }
        for bad in ["", "0", "soon", "1:75", "-5", "25h", "1h x", "NaN"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(format_duration(45), "45 min");
        assert_eq!(format_duration(120), "2 h");
        assert_eq!(format_duration(95), "1 h 35 min");
        assert_eq!(typed_duration(95), "1h 35m");
        assert_eq!(parse_duration(&typed_duration(95)), Ok(95));
    }
}
