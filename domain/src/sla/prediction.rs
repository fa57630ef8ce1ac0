//! Breach prediction: how likely a running clock is to breach, from how long similar tickets
//! (same category and priority, or failing enough of those, same priority, or the whole desk)
//! took on the same target in the desk's own history, scaled by the assignee's open load, given
//! how much business time has passed already: the share of similar tickets that took longer than
//! the target among those that took longer than this one has so far. Pure; the history and the
//! loads are read by `risk.rs`.

use std::collections::HashMap;

/// Fewer similar tickets than this and the next wider group is asked.
pub const MIN_SAMPLES: usize = 8;
/// A clock at or above this probability is "at risk".
pub const AT_RISK: f64 = 0.5;
/// How much longer an unassigned ticket is taken to need (it waits to be picked up first).
pub const UNASSIGNED_FACTOR: f64 = 1.25;

/// The group of tickets an estimate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    CategoryAndPriority,
    Priority,
    Desk,
}

impl Basis {
    pub fn label(self) -> &'static str {
        match self {
            Basis::CategoryAndPriority => "the same category and priority",
            Basis::Priority => "the same priority",
            Basis::Desk => "the whole desk",
        }
    }
}

/// How long tickets took on one target, in business seconds, sorted, by group.
#[derive(Debug, Clone, Default)]
pub struct History {
    by_kind: HashMap<(Option<i64>, i64), Vec<i64>>,
    by_priority: HashMap<i64, Vec<i64>>,
    all: Vec<i64>,
}

impl History {
    /// From (category, priority, business seconds taken) of tickets whose clock was met.
    pub fn new(samples: impl IntoIterator<Item = (Option<i64>, i64, i64)>) -> History {
        let mut h = History::default();
        for (category, priority, seconds) in samples {
            h.by_kind.entry((category, priority)).or_default().push(seconds);
            h.by_priority.entry(priority).or_default().push(seconds);
            h.all.push(seconds);
        }
        for list in h.by_kind.values_mut().chain(h.by_priority.values_mut()) {
            list.sort_unstable();
        }
        h.all.sort_unstable();
        h
    }

    pub fn len(&self) -> usize {
        self.all.len()
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    fn durations(&self, category: Option<i64>, priority: i64) -> Option<(&[i64], Basis)> {
        let enough = |list: &Vec<i64>| list.len() >= MIN_SAMPLES;
        if let Some(list) = self.by_kind.get(&(category, priority)).filter(|l| enough(l)) {
            return Some((list, Basis::CategoryAndPriority));
        }
        if let Some(list) = self.by_priority.get(&priority).filter(|l| enough(l)) {
            return Some((list, Basis::Priority));
        }
        enough(&self.all).then_some((self.all.as_slice(), Basis::Desk))
    }
}

/// How much longer than usual the assignee's open load makes a ticket take: the square root of
/// their open tickets against the desk's average per agent, kept between 0.8 and 1.5.
pub fn load_factor(assignee_open: Option<u64>, average_open: f64) -> f64 {
    match assignee_open {
        None => UNASSIGNED_FACTOR,
        Some(n) => ((n as f64 + 1.0) / (average_open.max(0.0) + 1.0)).sqrt().clamp(0.8, 1.5),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// The chance of a breach, 0 to 1.
    pub probability: f64,
    /// The median time similar tickets took, scaled by the load.
    pub typical_seconds: i64,
    pub samples: usize,
    pub basis: Basis,
    pub load_factor: f64,
}

impl Prediction {
    pub fn at_risk(&self) -> bool {
        self.probability >= AT_RISK
    }
}

/// The prediction for a clock that has counted `elapsed` of `target` business seconds, or `None`
/// without enough history.
pub fn predict(
    history: &History,
    category: Option<i64>,
    priority: i64,
    elapsed: i64,
    target: i64,
    load_factor: f64,
) -> Option<Prediction> {
    let (durations, basis) = history.durations(category, priority)?;
    let scaled = |d: i64| (d as f64 * load_factor) as i64;
    // Sorted, so the counts are searches: how many took longer than the time passed, and than
    // the target.
    let beyond = |limit: i64| durations.len() - durations.partition_point(|d| scaled(*d) <= limit);
    let still_going = beyond(elapsed);
    let late = beyond(target.max(elapsed));
    // Laplace's rule: a ticket that already took longer than every similar one is a coin toss,
    // not a certainty either way.
    let probability = (late as f64 + 0.5) / (still_going as f64 + 1.0);
    Some(Prediction {
        probability: probability.min(1.0),
        typical_seconds: scaled(durations[durations.len() / 2]),
        samples: durations.len(),
        basis,
        load_factor,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3600;

    fn history() -> History {
        // Billing (1) at high priority (3): 1 to 10 hours; everything else at priority 2: 20 h.
        let billing = (1..=10).map(|h| (Some(1), 3, h * HOUR));
        let others = (0..20).map(|_| (Some(2), 2, 20 * HOUR));
        History::new(billing.chain(others))
    }

    #[test]
    fn the_share_of_similar_tickets_that_took_longer() {
        let h = history();
        // A fresh billing ticket with an 8 h target: 2 of 10 similar ones took longer.
        let p = predict(&h, Some(1), 3, 0, 8 * HOUR, 1.0).unwrap();
        assert_eq!((p.basis, p.samples, p.typical_seconds), (Basis::CategoryAndPriority, 10, 6 * HOUR));
        assert!((p.probability - 2.5 / 11.0).abs() < 1e-9 && !p.at_risk());
        // Seven hours in, of the four that took longer than 7 h, two took longer than 8 h.
        let p = predict(&h, Some(1), 3, 7 * HOUR, 8 * HOUR, 1.0).unwrap();
        assert!((p.probability - 2.5 / 4.0).abs() < 1e-9 && p.at_risk());
        // A heavy load stretches every duration: at 1.5 times, 6 of 10 pass 8 h.
        let p = predict(&h, Some(1), 3, 0, 8 * HOUR, 1.5).unwrap();
        assert!(p.at_risk());
    }

    #[test]
    fn wider_groups_when_a_kind_is_rare_and_none_without_history() {
        let h = history();
        assert_eq!(predict(&h, Some(9), 2, 0, HOUR, 1.0).unwrap().basis, Basis::Priority);
        assert_eq!(predict(&h, None, 4, 0, HOUR, 1.0).unwrap().basis, Basis::Desk);
        assert_eq!(predict(&History::default(), None, 4, 0, HOUR, 1.0), None);
        // Past every similar ticket: neither sure nor safe.
        let p = predict(&h, Some(1), 3, 11 * HOUR, 12 * HOUR, 1.0).unwrap();
        assert!((p.probability - 0.5).abs() < 1e-9);
    }

    #[test]
    fn load_factors() {
        assert_eq!(load_factor(None, 5.0), UNASSIGNED_FACTOR);
        assert!((load_factor(Some(5), 5.0) - 1.0).abs() < 1e-9);
        assert_eq!(load_factor(Some(100), 5.0), 1.5);
        assert_eq!(load_factor(Some(0), 20.0), 0.8);
    }
}
