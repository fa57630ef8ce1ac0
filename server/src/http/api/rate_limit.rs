//! A generous per-token request limit (GCRA via `governor`), so one runaway script cannot starve
//! the desk: by default bursts of 600 requests, refilled at 10 a second (`--api-rate`). Over it,
//! 429 with `Retry-After`.

use domain::DomainError;
use governor::{
    DefaultKeyedRateLimiter, Quota, RateLimiter,
    clock::{Clock, DefaultClock},
};
use std::{num::NonZeroU32, time::Duration};

pub struct ApiRateLimit {
    per_token: DefaultKeyedRateLimiter<i64>,
}

impl ApiRateLimit {
    pub fn new(burst: u32, every: Duration) -> Self {
        let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(every).unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN)).allow_burst(burst);
        ApiRateLimit { per_token: RateLimiter::keyed(quota) }
    }

    /// `rate` requests a second on average, with bursts of a minute's worth.
    pub fn per_second(rate: u32) -> Self {
        let rate = rate.max(1);
        Self::new(rate.saturating_mul(60), Duration::from_nanos(1_000_000_000 / u64::from(rate)))
    }

    /// Spends one request of this token, or says how long to wait.
    pub fn check(&self, token_id: i64) -> Result<(), DomainError> {
        let now = DefaultClock::default().now();
        self.per_token.check_key(&token_id).map_err(|not_until| DomainError::RateLimited {
            retry_after_secs: not_until.wait_time_from(now).as_secs().max(1),
        })?;
        if self.per_token.len() > 100_000 {
            self.per_token.retain_recent();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::error::ApiError;
    use axum::response::IntoResponse;

    #[test]
    fn limits_each_token_and_says_when_to_retry() {
        let limit = ApiRateLimit::new(3, Duration::from_secs(60));
        for _ in 0..3 {
            assert!(limit.check(1).is_ok());
        }
        let err = limit.check(1).expect_err("over the limit");
        assert!(matches!(err, DomainError::RateLimited { retry_after_secs } if retry_after_secs > 0));
        assert!(limit.check(2).is_ok(), "other tokens are unaffected");
        let res = ApiError(err).into_response();
        assert_eq!(res.status(), 429);
        let retry: u64 = res.headers()["retry-after"].to_str().expect("ascii").parse().expect("seconds");
        assert!((1..=60).contains(&retry), "{retry}");
    }

    #[test]
    fn a_rate_allows_a_minute_of_burst() {
        let limit = ApiRateLimit::per_second(2);
        for _ in 0..120 {
            assert!(limit.check(7).is_ok());
        }
        assert!(limit.check(7).is_err());
    }
}
