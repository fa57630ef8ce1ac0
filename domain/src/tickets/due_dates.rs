//! The rule for a ticket's due date: a calendar day in a range a desk can mean (this century),
//! and its text form in forms, URLs and history (`YYYY-MM-DD`).

use chrono::{Datelike, NaiveDate};

pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2099;

/// The day if a desk can mean it.
pub fn check(day: NaiveDate) -> Result<NaiveDate, &'static str> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&day.year()) {
        Ok(day)
    } else {
        Err("Choose a due date between 2000 and 2099")
    }
}

/// A day typed in a form or URL: empty is none, otherwise `YYYY-MM-DD` in range.
pub fn parse(text: &str) -> Result<Option<NaiveDate>, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| "Enter the due date as YYYY-MM-DD")?;
    check(day).map(Some)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn days_are_read_and_checked() {
        assert_eq!(parse(" 2026-12-31 ").unwrap().unwrap().to_string(), "2026-12-31");
        assert_eq!(parse("").unwrap(), None);
        assert!(parse("2026-02-30").is_err());
        assert!(parse("31/12/2026").is_err());
        assert!(parse("1999-12-31").is_err());
        assert!(parse("2100-01-01").is_err());
    }
}
