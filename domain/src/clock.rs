//! Time as the domain reads it: the system clock, or a manual one that tests set and advance,
//! so that "three days later" is tested in milliseconds.
//!
//! A `Clock` belongs to the `Desk`; work done for the desk (a request, a job, a test) runs inside
//! `Clock::scope`, and the domain asks `clock::now()`, which answers from the innermost scope and
//! from the system clock outside of any.

use chrono::{DateTime, Duration, Utc};
use std::{
    future::Future,
    sync::{Arc, Mutex},
};

tokio::task_local! {
    static CURRENT: Clock;
}

/// A source of the current time.
#[derive(Clone, Debug, Default)]
pub struct Clock(Option<Arc<Mutex<DateTime<Utc>>>>);

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock(None)
    }

    /// A clock that stands at `at` until it is set or advanced.
    pub fn manual(at: DateTime<Utc>) -> Clock {
        Clock(Some(Arc::new(Mutex::new(at))))
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &self.0 {
            None => Utc::now(),
            Some(at) => *at.lock().unwrap_or_else(|poisoned| poisoned.into_inner()),
        }
    }

    /// Moves a manual clock to `at`; the system clock cannot be set and ignores it.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Some(cell) = &self.0 {
            *cell.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = at;
        }
    }

    /// Moves a manual clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        self.set(self.now() + by);
    }

    pub fn is_manual(&self) -> bool {
        self.0.is_some()
    }

    /// Runs `work` with this clock as the one `clock::now()` answers from.
    pub async fn scope<F: Future>(&self, work: F) -> F::Output {
        CURRENT.scope(self.clone(), work).await
    }
}

/// The current time by the clock of the work in progress.
pub fn now() -> DateTime<Utc> {
    CURRENT.try_with(Clock::now).unwrap_or_else(|_| Utc::now())
}

/// The clock of the work in progress, to hand to work that runs elsewhere (a spawned task).
pub fn current() -> Clock {
    CURRENT.try_with(Clock::clone).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[tokio::test]
    async fn a_manual_clock_answers_inside_its_scope_only() {
        let start = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).single().expect("date");
        let clock = Clock::manual(start);
        clock.scope(async { assert_eq!(now(), start) }).await;
        clock.advance(Duration::days(3));
        let inner = clock.scope(async { (now(), current().now()) }).await;
        assert_eq!(inner, (start + Duration::days(3), start + Duration::days(3)));
        assert!(now() > start + Duration::days(30), "outside a scope the system clock answers");
        assert!(!current().is_manual());
    }
}
