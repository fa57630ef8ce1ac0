//! Holidays from an iCalendar (`.ics`) file, as public-holiday calendars publish them: each
//! all-day event is a closed day (an event over several days closes each of them, up to a
//! month), named by its summary, and yearly when it repeats every year.

use super::types::HOLIDAY_NAME_MAX_CHARS;
use chrono::{Duration, NaiveDate};
use icalendar::{Component, DatePerhapsTime};

/// At most this many days come from one file.
pub const IMPORT_MAX: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub name: String,
    pub day: NaiveDate,
    pub yearly: bool,
}

fn date_of(value: DatePerhapsTime) -> Option<NaiveDate> {
    match value {
        DatePerhapsTime::Date(day) => Some(day),
        DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Floating(at)) => Some(at.date()),
        DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(at)) => Some(at.date_naive()),
        DatePerhapsTime::DateTime(icalendar::CalendarDateTime::WithTimezone { date_time, .. }) => {
            Some(date_time.date())
        }
    }
}

/// The holidays in an `.ics` text, in the order of the file.
pub fn holidays(text: &str) -> Result<Vec<Imported>, String> {
    let calendar: icalendar::Calendar =
        text.parse().map_err(|_| "This is not an iCalendar file: export the calendar as .ics".to_owned())?;
    let mut out = Vec::new();
    for event in calendar.components.iter().filter_map(|c| c.as_event()) {
        let Some(first) = event.get_start().and_then(date_of) else { continue };
        // DTEND of an all-day event is the day after the last one.
        let last = event.get_end().and_then(date_of).map_or(first, |end| (end - Duration::days(1)).max(first));
        let last = last.min(first + Duration::days(30));
        let name: String =
            event.get_summary().unwrap_or("Holiday").trim().chars().take(HOLIDAY_NAME_MAX_CHARS).collect();
        let name = if name.is_empty() { "Holiday".to_owned() } else { name };
        let yearly = event.property_value("RRULE").is_some_and(|rule| rule.to_uppercase().contains("FREQ=YEARLY"));
        let mut day = first;
        while day <= last {
            out.push(Imported { name: name.clone(), day, yearly });
            day += Duration::days(1);
        }
        if out.len() > IMPORT_MAX {
            return Err(format!("The file has more than {IMPORT_MAX} days: import a year at a time"));
        }
    }
    if out.is_empty() {
        return Err("The file has no events with dates".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_public_holidays() {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261227\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:2\r\nDTSTART;VALUE=DATE:20270101\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:New Year\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:3\r\nDTSTART:20270405T000000Z\r\nSUMMARY:\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
        let days = holidays(text).unwrap();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            days,
            vec![
                Imported { name: "Christmas".into(), day: day(2026, 12, 25), yearly: false },
                Imported { name: "Christmas".into(), day: day(2026, 12, 26), yearly: false },
                Imported { name: "New Year".into(), day: day(2027, 1, 1), yearly: true },
                Imported { name: "Holiday".into(), day: day(2027, 4, 5), yearly: false },
            ]
        );
        assert!(holidays("not a calendar").is_err());
        assert!(holidays("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n").is_err());
    }
}
