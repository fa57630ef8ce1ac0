//! Business time: a calendar's open intervals in its own time zone (weekly hours, holidays, or
//! always open), and the two sums service levels need: how much business time lies between two
//! instants, and when a given amount of business time has passed. Pure; every instant is UTC.
//!
//! Local times become instants through the zone's rules (`chrono-tz`): an interval that starts
//! in the hour a spring change skips starts when the clock jumps; one that ends in the hour an
//! autumn change repeats ends the second time round. An interval belongs to the local day it
//! starts on, so a holiday closes the intervals that start on it, including one that runs over
//! midnight.

use super::types::{DAY_MINUTES, Interval, WeekHours};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::HashSet;

/// How far ahead `add_business` looks for opening hours before it gives up.
pub const HORIZON_DAYS: i64 = 400;

/// A holiday: one date, or the same day every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub yearly: bool,
}

#[derive(Debug, Clone)]
pub struct Calendar {
    zone: Tz,
    /// `None`: open all the time (the built-in 24/7 calendar).
    week: Option<WeekHours>,
    dates: HashSet<NaiveDate>,
    yearly: HashSet<(u32, u32)>,
}

/// An instant range `[from, until)`.
pub type Span = (DateTime<Utc>, DateTime<Utc>);

impl Calendar {
    pub fn always_open() -> Calendar {
        Calendar { zone: Tz::UTC, week: None, dates: HashSet::new(), yearly: HashSet::new() }
    }

    pub fn new(zone: Tz, week: WeekHours, holidays: &[Holiday]) -> Calendar {
        let dates = holidays.iter().filter(|h| !h.yearly).map(|h| h.date).collect();
        let yearly = holidays.iter().filter(|h| h.yearly).map(|h| (h.date.month(), h.date.day())).collect();
        Calendar { zone, week: Some(week), dates, yearly }
    }

    pub fn zone(&self) -> Tz {
        self.zone
    }

    fn is_holiday(&self, day: NaiveDate) -> bool {
        self.dates.contains(&day) || self.yearly.contains(&(day.month(), day.day()))
    }

    /// The instant of a local time; `latest` picks the second of a repeated hour.
    fn instant(&self, local: NaiveDateTime, latest: bool) -> DateTime<Utc> {
        match self.zone.from_local_datetime(&local) {
            chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
            chrono::LocalResult::Ambiguous(a, b) => if latest { b } else { a }.with_timezone(&Utc),
            chrono::LocalResult::None => {
                // Skipped by a spring change: read with the offset before it, which lands after
                // the jump (02:30 in a skipped 02:00-03:00 is 03:30).
                let before = self.zone.offset_from_utc_datetime(&(local - Duration::days(1))).fix();
                Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(before.local_minus_utc()))))
            }
        }
    }

    /// The open intervals within `[from, until)`, in order, merged where they touch.
    pub fn open_between(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> Vec<Span> {
        if from >= until {
            return Vec::new();
        }
        let Some(week) = &self.week else { return vec![(from, until)] };
        let first = from.with_timezone(&self.zone).date_naive() - Duration::days(1);
        let last = until.with_timezone(&self.zone).date_naive();
        let mut spans: Vec<Span> = Vec::new();
        let mut day = first;
        while day <= last {
            if !self.is_holiday(day) {
                let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
                for &Interval { start, end } in &week[day.weekday().num_days_from_monday() as usize] {
                    let s = self.instant(midnight + Duration::minutes(i64::from(start)), false).max(from);
                    let e = self.instant(midnight + Duration::minutes(i64::from(end)), true).min(until);
                    if s < e {
                        spans.push((s, e));
                    }
                }
            }
            day += Duration::days(1);
        }
        spans.sort();
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for (s, e) in spans {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        merged
    }

    /// Seconds of business time in `[from, until)`.
    pub fn business_seconds(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> i64 {
        self.open_between(from, until).iter().map(|(s, e)| (*e - *s).num_seconds()).sum()
    }

    /// The instant at which `seconds` of business time have passed since `from`; `None` when the
    /// calendar has no opening hours within `HORIZON_DAYS`.
    pub fn add_business(&self, from: DateTime<Utc>, seconds: i64) -> Option<DateTime<Utc>> {
        if seconds <= 0 {
            return Some(from);
        }
        if self.week.is_none() {
            return Some(from + Duration::seconds(seconds));
        }
        let mut left = seconds;
        let mut cursor = from;
        let horizon = from + Duration::days(HORIZON_DAYS);
        while cursor < horizon {
            let window_end = cursor + Duration::days(7);
            for (s, e) in self.open_between(cursor, window_end) {
                let length = (e - s).num_seconds();
                if left <= length {
                    return Some(s + Duration::seconds(left));
                }
                left -= length;
            }
            cursor = window_end;
        }
        None
    }

    /// True when at least one weekday has opening hours (a calendar without any never counts).
    pub fn has_hours(&self) -> bool {
        self.week.as_ref().is_none_or(|w| w.iter().any(|d| !d.is_empty()))
    }
}

/// Weekly hours that are the same on the given weekdays (0 = Monday) and closed on the others.
pub fn same_hours(days: &[usize], intervals: &[Interval]) -> WeekHours {
    let mut week: WeekHours = Default::default();
    for &d in days {
        if let Some(slot) = week.get_mut(d) {
            *slot = intervals.to_vec();
        }
    }
    week
}

/// The whole day, for days open around the clock.
pub const WHOLE_DAY: Interval = Interval { start: 0, end: DAY_MINUTES };

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn hours(start: u16, end: u16) -> Interval {
        Interval { start, end }
    }

    fn office(zone: Tz) -> Calendar {
        // Monday to Friday, 09:00-12:00 and 13:00-17:00.
        Calendar::new(zone, same_hours(&[0, 1, 2, 3, 4], &[hours(540, 720), hours(780, 1020)]), &[])
    }

    #[test]
    fn business_seconds_table() {
        let berlin = office(chrono_tz::Europe::Berlin);
        let night = Calendar::new(chrono_tz::Europe::Berlin, same_hours(&[4], &[hours(1320, 1560)]), &[]);
        let holidays = Calendar::new(
            chrono_tz::Europe::Berlin,
            same_hours(&[0, 1, 2, 3, 4], &[hours(540, 1020)]),
            &[
                Holiday { date: NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(), yearly: false },
                Holiday { date: NaiveDate::from_ymd_opt(2000, 12, 25).unwrap(), yearly: true },
            ],
        );
        let night_holiday = Calendar::new(
            chrono_tz::Europe::Berlin,
            same_hours(&[4], &[hours(1320, 1560)]),
            &[Holiday { date: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(), yearly: false }],
        );
        let auckland = office(chrono_tz::Pacific::Auckland);
        let new_york = Calendar::new(chrono_tz::America::New_York, same_hours(&[6], &[hours(0, 300)]), &[]);
        let always = Calendar::always_open();
        // (calendar, from, until, business hours)
        let table: [(&Calendar, &str, &str, f64, &str); 11] = [
            (&berlin, "2026-12-07T08:00:00Z", "2026-12-07T16:00:00Z", 7.0, "a winter Monday, UTC+1"),
            (&berlin, "2026-12-05T00:00:00Z", "2026-12-07T00:00:00Z", 0.0, "a weekend"),
            (&berlin, "2026-12-04T15:00:00Z", "2026-12-07T09:00:00Z", 2.0, "over a weekend"),
            (&berlin, "2026-07-06T07:00:00Z", "2026-07-06T15:00:00Z", 7.0, "a summer Monday, UTC+2"),
            (&night, "2026-12-04T00:00:00Z", "2026-12-06T00:00:00Z", 4.0, "Friday 22:00 to Saturday 02:00"),
            (&night_holiday, "2026-12-04T00:00:00Z", "2026-12-06T00:00:00Z", 0.0, "a holiday closes its night"),
            (&holidays, "2026-12-21T00:00:00Z", "2026-12-28T00:00:00Z", 24.0, "Christmas Eve and a yearly Christmas"),
            (&auckland, "2026-12-06T20:00:00Z", "2026-12-07T05:00:00Z", 7.0, "Auckland's Monday is UTC's Sunday"),
            // New York springs forward at 02:00 on 2026-03-08: 00:00-05:00 local is 4 hours.
            (&new_york, "2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z", 4.0, "spring forward"),
            // ... and falls back at 02:00 on 2026-11-01: 00:00-05:00 local is 6 hours.
            (&new_york, "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", 6.0, "fall back"),
            (&always, "2026-12-05T10:00:00Z", "2026-12-05T12:30:00Z", 2.5, "24/7"),
        ];
        for (calendar, from, until, expected, why) in table {
            let secs = calendar.business_seconds(at(from), at(until));
            assert_eq!(secs, (expected * 3600.0) as i64, "{why}");
        }
    }

    #[test]
    fn adding_business_time() {
        let berlin = office(chrono_tz::Europe::Berlin);
        // (from, business hours to add, due)
        let table = [
            ("2026-12-07T08:00:00Z", 2.0, "2026-12-07T10:00:00Z", "within the morning"),
            ("2026-12-07T08:00:00Z", 4.0, "2026-12-07T13:00:00Z", "over lunch"),
            ("2026-12-04T15:00:00Z", 3.0, "2026-12-07T10:00:00Z", "over the weekend"),
            ("2026-12-05T12:00:00Z", 0.5, "2026-12-07T08:30:00Z", "from a closed Saturday"),
            ("2026-12-07T08:00:00Z", 7.0, "2026-12-07T16:00:00Z", "exactly a day"),
            // Berlin springs forward on 2026-03-29: Friday 27th 16:00 UTC+1, one hour left, then Monday 30th at UTC+2.
            ("2026-03-27T15:00:00Z", 2.0, "2026-03-30T08:00:00Z", "over the spring change"),
        ];
        for (from, add, due, why) in table {
            assert_eq!(berlin.add_business(at(from), (add * 3600.0) as i64), Some(at(due)), "{why}");
        }
        let closed = Calendar::new(chrono_tz::UTC, Default::default(), &[]);
        assert_eq!(closed.add_business(at("2026-12-07T08:00:00Z"), 60), None);
        assert!(!closed.has_hours());
        assert_eq!(
            Calendar::always_open().add_business(at("2026-12-07T08:00:00Z"), 90),
            Some(at("2026-12-07T08:01:30Z"))
        );
    }

    #[test]
    fn skipped_and_repeated_hours() {
        // 02:30-04:00 in Berlin on the spring change (02:00 becomes 03:00): from 03:30 to 04:00 CEST.
        let spring = Calendar::new(chrono_tz::Europe::Berlin, same_hours(&[6], &[hours(150, 240)]), &[]);
        let spans = spring.open_between(at("2026-03-29T00:00:00Z"), at("2026-03-30T00:00:00Z"));
        assert_eq!(spans, vec![(at("2026-03-29T01:30:00Z"), at("2026-03-29T02:00:00Z"))]);
        // 00:00-02:30 in Berlin on the autumn change (03:00 becomes 02:00 again): until the second 02:30.
        let autumn = Calendar::new(chrono_tz::Europe::Berlin, same_hours(&[6], &[hours(0, 150)]), &[]);
        let spans = autumn.open_between(at("2026-10-24T12:00:00Z"), at("2026-10-26T00:00:00Z"));
        assert_eq!(spans, vec![(at("2026-10-24T22:00:00Z"), at("2026-10-25T01:30:00Z"))]);
        // A whole-day calendar merges midnight into one span.
        let whole = Calendar::new(chrono_tz::UTC, same_hours(&[0, 1], &[WHOLE_DAY]), &[]);
        assert_eq!(
            whole.open_between(at("2026-12-07T00:00:00Z"), at("2026-12-09T00:00:00Z")),
            vec![(at("2026-12-07T00:00:00Z"), at("2026-12-09T00:00:00Z"))]
        );
    }
}
