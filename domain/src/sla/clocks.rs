//! A ticket's service-level clocks from its timeline: when each target's clock started, the spans
//! of business time it counted (never while the ticket waits on the customer), whether it was
//! met, and when it is or was due. Pure: recomputing from the same timeline, targets and
//! calendars always gives the same clocks, which is how policy and calendar edits apply to open
//! tickets.
//!
//! - First response runs from the request to the first public answer by an agent.
//! - Next response runs, after that, from each customer message that finds no answer pending to
//!   the agent's next answer; each such wait is a cycle.
//! - Resolution runs from the request to solved, and on again if the ticket is reopened.
//!
//! Every clock stands still while the ticket is in a pending status; solving or closing a
//! ticket meets the response clocks (nothing waits for an answer any more).

use super::{
    calendar::Calendar,
    types::{ClockState, Metric},
};
use chrono::{DateTime, Utc};

/// Where a ticket's status category puts the clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// New or open: clocks run.
    Running,
    /// Pending (waiting on the customer or someone else): clocks stand still.
    Paused,
    /// Solved or closed.
    Stopped,
}

/// What happened to a ticket, as far as the clocks care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A public message from the customer (the request itself is `Timeline::opened_at`).
    CustomerMessage,
    /// A public answer from an agent.
    AgentReply,
    /// The status moved to a category with this phase.
    Phase(Phase),
}

/// A ticket's life, in order of time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub opened_at: DateTime<Utc>,
    /// Sorted by time; marks at the same instant apply in the order given.
    pub marks: Vec<(DateTime<Utc>, Mark)>,
}

/// One target of a policy, with the calendar it counts on.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub metric: Metric,
    pub seconds: i64,
    pub calendar: &'a Calendar,
}

/// A span of counting: closed, or still counting (`None`).
pub type CountSpan = (DateTime<Utc>, Option<DateTime<Utc>>);

/// One target's clock on one ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    pub metric: Metric,
    pub target_seconds: i64,
    /// 1 for first response and resolution; the answer cycle for next response.
    pub cycle: i32,
    pub started_at: DateTime<Utc>,
    pub state: ClockState,
    /// The current cycle's counting spans; the last is open while the clock runs.
    pub spans: Vec<CountSpan>,
    /// Business seconds counted in the closed spans.
    pub elapsed: i64,
    pub met_at: Option<DateTime<Utc>>,
    /// When the target falls due, while the clock runs (`None` with no opening hours ahead).
    pub due_at: Option<DateTime<Utc>>,
    /// The earliest breach of any cycle, or when the running cycle will breach.
    pub breach_at: Option<DateTime<Utc>>,
}

impl Clock {
    /// The instant at which this cycle has counted `seconds` of business time: in the past, ahead
    /// (while running), or `None` (stopped short of it, or no opening hours ahead).
    pub fn instant_after(&self, calendar: &Calendar, seconds: i64) -> Option<DateTime<Utc>> {
        instant_after(&self.spans, calendar, seconds)
    }

    /// The start of the span counting now, while the clock runs.
    pub fn running_since(&self) -> Option<DateTime<Utc>> {
        match self.spans.last() {
            Some((start, None)) => Some(*start),
            _ => None,
        }
    }

    /// Business seconds left at `now` (negative once overdue).
    pub fn remaining_at(&self, calendar: &Calendar, now: DateTime<Utc>) -> i64 {
        let running = self.running_since().map_or(0, |since| calendar.business_seconds(since, now));
        self.target_seconds - self.elapsed - running
    }
}

fn instant_after(spans: &[CountSpan], calendar: &Calendar, seconds: i64) -> Option<DateTime<Utc>> {
    let mut left = seconds;
    for &(start, end) in spans {
        match end {
            Some(end) => {
                let length = calendar.business_seconds(start, end);
                if length >= left {
                    return calendar.add_business(start, left);
                }
                left -= length;
            }
            None => return calendar.add_business(start, left),
        }
    }
    None
}

/// The clock of one target, or `None` when it has not started (next response before any
/// customer message waits for an answer).
pub fn compute(timeline: &Timeline, target: &Target<'_>) -> Option<Clock> {
    let metric = target.metric;
    let mut phase = Phase::Running;
    // Whether this target waits for something right now.
    let mut active = metric != Metric::NextResponse;
    let mut first_answered = false;
    let mut cycle = i32::from(active);
    let mut started_at = timeline.opened_at;
    let mut spans: Vec<CountSpan> = Vec::new();
    let mut counting_since = active.then_some(timeline.opened_at);
    let mut met_at = None;
    let mut earlier_breach: Option<DateTime<Utc>> = None;

    for &(at, mark) in &timeline.marks {
        if let Some(since) = counting_since.take() {
            spans.push((since, Some(at)));
        }
        match mark {
            Mark::CustomerMessage => {
                if metric == Metric::NextResponse && first_answered && !active {
                    if cycle > 0 {
                        let breach = instant_after(&spans, target.calendar, target.seconds);
                        earlier_breach = earliest(earlier_breach, breach);
                    }
                    cycle += 1;
                    started_at = at;
                    spans.clear();
                    active = true;
                    met_at = None;
                }
            }
            Mark::AgentReply => {
                first_answered = true;
                if active && metric != Metric::Resolution {
                    active = false;
                    met_at = Some(at);
                }
            }
            Mark::Phase(next) => {
                if next == Phase::Stopped {
                    first_answered = true;
                    if active {
                        active = false;
                        met_at = Some(at);
                    }
                } else if metric == Metric::Resolution && phase == Phase::Stopped && !active {
                    // Reopened: resolution counts on from where it stopped.
                    active = true;
                    met_at = None;
                }
                phase = next;
            }
        }
        if active && phase == Phase::Running {
            counting_since = Some(at);
        }
    }
    if cycle == 0 {
        return None;
    }
    if let Some(since) = counting_since {
        spans.push((since, None));
    }
    let state = match (active, phase) {
        (false, _) => ClockState::Met,
        (true, Phase::Running) => ClockState::Running,
        (true, _) => ClockState::Paused,
    };
    let elapsed = spans.iter().filter_map(|(s, e)| e.map(|e| target.calendar.business_seconds(*s, e))).sum();
    let cycle_breach = instant_after(&spans, target.calendar, target.seconds);
    Some(Clock {
        metric,
        target_seconds: target.seconds,
        cycle,
        started_at,
        state,
        elapsed,
        met_at,
        due_at: if state == ClockState::Running { cycle_breach } else { None },
        breach_at: earliest(earlier_breach, cycle_breach),
        spans,
    })
}

fn earliest(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::{
        calendar::same_hours,
        types::{ClockState::*, Interval},
    };

    fn at(hour: f64) -> DateTime<Utc> {
        // Hours after Monday 2026-12-07 00:00 UTC.
        "2026-12-07T00:00:00Z".parse::<DateTime<Utc>>().unwrap() + chrono::Duration::seconds((hour * 3600.0) as i64)
    }

    fn timeline(marks: &[(f64, Mark)]) -> Timeline {
        Timeline { opened_at: at(9.0), marks: marks.iter().map(|(h, m)| (at(*h), *m)).collect() }
    }

    use Mark::{AgentReply as Reply, CustomerMessage as Customer};
    const PENDING: Mark = Mark::Phase(Phase::Paused);
    const OPEN: Mark = Mark::Phase(Phase::Running);
    const SOLVED: Mark = Mark::Phase(Phase::Stopped);

    struct Case {
        why: &'static str,
        metric: Metric,
        hours: f64,
        marks: Vec<(f64, Mark)>,
        state: Option<ClockState>,
        cycle: i32,
        due: Option<f64>,
        breach: Option<f64>,
        met: Option<f64>,
    }

    #[test]
    fn clocks_table() {
        let always = Calendar::always_open();
        let cases = vec![
            Case {
                why: "untouched: due after the target",
                metric: Metric::FirstResponse,
                hours: 4.0,
                marks: vec![],
                state: Some(Running),
                cycle: 1,
                due: Some(13.0),
                breach: Some(13.0),
                met: None,
            },
            Case {
                why: "answered in time",
                metric: Metric::FirstResponse,
                hours: 4.0,
                marks: vec![(11.0, Reply)],
                state: Some(Met),
                cycle: 1,
                due: None,
                breach: None,
                met: Some(11.0),
            },
            Case {
                why: "answered late",
                metric: Metric::FirstResponse,
                hours: 1.0,
                marks: vec![(11.0, Reply)],
                state: Some(Met),
                cycle: 1,
                due: None,
                breach: Some(10.0),
                met: Some(11.0),
            },
            Case {
                why: "a pending hour moves the due time",
                metric: Metric::FirstResponse,
                hours: 4.0,
                marks: vec![(10.0, PENDING), (11.0, Customer), (11.0, OPEN)],
                state: Some(Running),
                cycle: 1,
                due: Some(14.0),
                breach: Some(14.0),
                met: None,
            },
            Case {
                why: "paused: no due time",
                metric: Metric::Resolution,
                hours: 8.0,
                marks: vec![(10.0, Reply), (10.0, PENDING)],
                state: Some(Paused),
                cycle: 1,
                due: None,
                breach: None,
                met: None,
            },
            Case {
                why: "breached, then paused",
                metric: Metric::Resolution,
                hours: 1.0,
                marks: vec![(12.0, PENDING)],
                state: Some(Paused),
                cycle: 1,
                due: None,
                breach: Some(10.0),
                met: None,
            },
            Case {
                why: "solved meets resolution",
                metric: Metric::Resolution,
                hours: 8.0,
                marks: vec![(10.0, Reply), (12.0, SOLVED)],
                state: Some(Met),
                cycle: 1,
                due: None,
                breach: None,
                met: Some(12.0),
            },
            Case {
                why: "reopened resolution counts on",
                metric: Metric::Resolution,
                hours: 8.0,
                marks: vec![(12.0, SOLVED), (20.0, Customer), (20.0, OPEN)],
                state: Some(Running),
                cycle: 1,
                due: Some(25.0),
                breach: Some(25.0),
                met: None,
            },
            Case {
                why: "solving without an answer meets the first response",
                metric: Metric::FirstResponse,
                hours: 4.0,
                marks: vec![(10.0, SOLVED)],
                state: Some(Met),
                cycle: 1,
                due: None,
                breach: None,
                met: Some(10.0),
            },
            Case {
                why: "no next response before the first answer",
                metric: Metric::NextResponse,
                hours: 2.0,
                marks: vec![(10.0, Customer)],
                state: None,
                cycle: 0,
                due: None,
                breach: None,
                met: None,
            },
            Case {
                why: "next response waits from the customer's message",
                metric: Metric::NextResponse,
                hours: 2.0,
                marks: vec![(10.0, Reply), (12.0, Customer), (12.5, Customer)],
                state: Some(Running),
                cycle: 1,
                due: Some(14.0),
                breach: Some(14.0),
                met: None,
            },
            Case {
                why: "a second cycle; the first breached",
                metric: Metric::NextResponse,
                hours: 2.0,
                marks: vec![(10.0, Reply), (12.0, Customer), (15.0, Reply), (16.0, Customer)],
                state: Some(Running),
                cycle: 2,
                due: Some(18.0),
                breach: Some(14.0),
                met: None,
            },
            Case {
                why: "next response met",
                metric: Metric::NextResponse,
                hours: 2.0,
                marks: vec![(10.0, Reply), (12.0, Customer), (13.0, Reply)],
                state: Some(Met),
                cycle: 1,
                due: None,
                breach: None,
                met: Some(13.0),
            },
        ];
        for case in cases {
            let target = Target { metric: case.metric, seconds: (case.hours * 3600.0) as i64, calendar: &always };
            let clock = compute(&timeline(&case.marks), &target);
            assert_eq!(clock.as_ref().map(|c| c.state), case.state, "{}", case.why);
            let Some(clock) = clock else { continue };
            assert_eq!(clock.cycle, case.cycle, "{}", case.why);
            assert_eq!(clock.due_at, case.due.map(at), "{}: due", case.why);
            assert_eq!(clock.breach_at, case.breach.map(at), "{}: breach", case.why);
            assert_eq!(clock.met_at, case.met.map(at), "{}: met", case.why);
        }
    }

    #[test]
    fn business_hours_clock() {
        // Monday to Friday 09:00-17:00 UTC; a request at 09:00 Monday with a 12 h resolution target
        // falls due at 13:00 Tuesday; an hour pending on Monday moves it to 14:00.
        let office =
            Calendar::new(chrono_tz::UTC, same_hours(&[0, 1, 2, 3, 4], &[Interval { start: 540, end: 1020 }]), &[]);
        let target = Target { metric: Metric::Resolution, seconds: 12 * 3600, calendar: &office };
        let clock = compute(&timeline(&[]), &target).unwrap();
        assert_eq!(clock.due_at, Some(at(24.0 + 13.0)));
        let clock = compute(&timeline(&[(10.0, PENDING), (11.0, OPEN)]), &target).unwrap();
        assert_eq!(clock.due_at, Some(at(24.0 + 14.0)));
        assert_eq!(clock.elapsed, 3600);
        // At 16:00 Monday, 1 h counted before the pause and 5 h since: 6 h left.
        assert_eq!(clock.remaining_at(&office, at(16.0)), 6 * 3600);
        // Overnight nothing is counted.
        assert_eq!(clock.remaining_at(&office, at(24.0 + 8.0)), 5 * 3600);
        // Warnings: 75 % of the target is 9 h of business time.
        assert_eq!(clock.instant_after(&office, 9 * 3600), Some(at(24.0 + 11.0)));
    }
}
