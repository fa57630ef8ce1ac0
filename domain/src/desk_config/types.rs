//! Wasm-safe rows of the desk configuration as the admin pages show them, and the parsing of
//! their inputs.

use crate::ticket_types::StatusCategory;
use serde::{Deserialize, Serialize};

pub const PREFIX_MAX_CHARS: usize = 10;
pub const STATUS_NAME_MAX_CHARS: usize = 64;
pub const PRIORITY_NAME_MAX_CHARS: usize = 64;
pub const CATEGORY_NAME_MAX_CHARS: usize = 100;
/// Positions and ranks run from 0 to this.
pub const ORDER_MAX: i32 = 999;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusRow {
    pub id: i64,
    pub name: String,
    pub category: StatusCategory,
    pub position: i32,
    pub active: bool,
    /// How many tickets have this status; a status in use cannot be deleted.
    pub tickets: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityRow {
    pub id: i64,
    pub name: String,
    pub rank: i32,
    pub is_default: bool,
    pub active: bool,
    pub tickets: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRow {
    pub id: i64,
    pub name: String,
    pub active: bool,
    pub tickets: u64,
}

/// Everything the admin configures about tickets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskConfigView {
    /// By position.
    pub statuses: Vec<StatusRow>,
    /// By rank.
    pub priorities: Vec<PriorityRow>,
    /// By name.
    pub categories: Vec<CategoryRow>,
    pub ticket_prefix: String,
    /// Days after which solved tickets close; 0 for never.
    pub auto_close_days: u32,
    /// Agents log time on a ticket before solving it.
    #[serde(default)]
    pub time_required: bool,
}

/// A ticket reference prefix: 1 to 10 capital letters or digits. Lower-case letters are
/// capitalised.
pub fn parse_prefix(input: &str) -> Result<String, &'static str> {
    let prefix = input.trim().to_ascii_uppercase();
    if prefix.is_empty() {
        Err("Enter a prefix")
    } else if prefix.chars().count() > PREFIX_MAX_CHARS {
        Err("Use at most 10 characters")
    } else if !prefix.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
        Err("Use only letters A-Z and digits")
    } else {
        Ok(prefix)
    }
}

/// The name of a status, priority or category: trimmed, not empty, at most `max` characters,
/// no control characters.
pub fn parse_label(input: &str, max: usize) -> Result<String, String> {
    let name = input.trim();
    if name.is_empty() {
        Err("Enter a name".to_owned())
    } else if name.chars().count() > max {
        Err(format!("Use at most {max} characters"))
    } else if name.chars().any(char::is_control) {
        Err("Remove control characters".to_owned())
    } else {
        Ok(name.to_owned())
    }
}

/// A position or rank as typed: a whole number from 0 to 999.
pub fn parse_order(input: &str) -> Result<i32, &'static str> {
    match input.trim().parse::<i32>() {
        Ok(n) if (0..=ORDER_MAX).contains(&n) => Ok(n),
        _ => Err("Enter a whole number from 0 to 999"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        // (input, parsed)
        let table = [
            ("DKT", Ok("DKT")),
            (" acme ", Ok("ACME")),
            ("HD2", Ok("HD2")),
            ("A", Ok("A")),
            ("ABCDEFGHIJ", Ok("ABCDEFGHIJ")),
            ("ABCDEFGHIJK", Err(())),
            ("", Err(())),
            ("  ", Err(())),
            ("AC-ME", Err(())),
            ("ÄBC", Err(())),
            ("A B", Err(())),
        ];
        for (input, parsed) in table {
            assert_eq!(parse_prefix(input).map_err(|_| ()), parsed.map(str::to_owned), "{input:?}");
        }
    }

    #[test]
    fn labels_and_orders() {
        assert_eq!(parse_label("  Waiting on vendor ", 64), Ok("Waiting on vendor".to_owned()));
        assert!(parse_label(" ", 64).is_err());
        assert!(parse_label(&"x".repeat(65), 64).is_err());
        assert!(parse_label("a\tb", 64).is_err());
        assert_eq!(parse_order(" 10 "), Ok(10));
        for bad in ["-1", "1000", "", "1.5", "ten"] {
            assert!(parse_order(bad).is_err(), "{bad}");
        }
    }
}
