//! Sign-in throttling per account and per client address (GCRA via `governor`), so that
//! guessing passwords is slow both against one account and across many.

use crate::error::DomainError;
use governor::{
    DefaultKeyedRateLimiter, Quota, RateLimiter,
    clock::{Clock, DefaultClock},
};
use std::{net::IpAddr, num::NonZeroU32, time::Duration};

pub struct SignInThrottle {
    by_account: DefaultKeyedRateLimiter<String>,
    by_address: DefaultKeyedRateLimiter<IpAddr>,
}

/// Attempts allowed at once, and the pace at which they come back.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub account_burst: u32,
    pub account_every: Duration,
    pub address_burst: u32,
    pub address_every: Duration,
}

impl Default for Limits {
    /// 10 tries per account, then one every 90 s; 60 per address, then one every 6 s.
    fn default() -> Self {
        Limits {
            account_burst: 10,
            account_every: Duration::from_secs(90),
            address_burst: 60,
            address_every: Duration::from_secs(6),
        }
    }
}

fn quota(burst: u32, every: Duration) -> Quota {
    let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(every).unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN)).allow_burst(burst)
}

impl SignInThrottle {
    pub fn new(limits: Limits) -> Self {
        SignInThrottle {
            by_account: RateLimiter::keyed(quota(limits.account_burst, limits.account_every)),
            by_address: RateLimiter::keyed(quota(limits.address_burst, limits.address_every)),
        }
    }

    /// Spends one attempt for this account and this address, or says how long to wait.
    pub fn attempt(&self, email: &str, address: Option<IpAddr>) -> Result<(), DomainError> {
        let now = DefaultClock::default().now();
        let wait = |not_until: governor::NotUntil<_>| DomainError::RateLimited {
            retry_after_secs: not_until.wait_time_from(now).as_secs().max(1),
        };
        if let Some(ip) = address {
            self.by_address.check_key(&ip).map_err(wait)?;
        }
        self.by_account.check_key(&email.to_lowercase()).map_err(wait)?;
        if self.by_account.len() > 100_000 {
            self.by_account.retain_recent();
            self.by_address.retain_recent();
        }
        Ok(())
    }
}

impl Default for SignInThrottle {
    fn default() -> Self {
        Self::new(Limits::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tight() -> SignInThrottle {
        SignInThrottle::new(Limits {
            account_burst: 3,
            account_every: Duration::from_secs(3600),
            address_burst: 5,
            address_every: Duration::from_secs(3600),
        })
    }

    #[test]
    fn limits_one_account() {
        let t = tight();
        let ip: IpAddr = [10, 0, 0, 1].into();
        for _ in 0..3 {
            assert!(t.attempt("a@x.io", Some(ip)).is_ok());
        }
        assert!(matches!(t.attempt("A@X.io", Some(ip)), Err(DomainError::RateLimited { .. })));
        assert!(t.attempt("b@x.io", Some(ip)).is_ok(), "other accounts unaffected");
    }

    #[test]
    fn limits_one_address_across_accounts() {
        let t = tight();
        let ip: IpAddr = [10, 0, 0, 2].into();
        for i in 0..5 {
            assert!(t.attempt(&format!("u{i}@x.io"), Some(ip)).is_ok());
        }
        let err = t.attempt("fresh@x.io", Some(ip)).unwrap_err();
        assert!(matches!(err, DomainError::RateLimited { retry_after_secs } if retry_after_secs > 0));
        assert!(t.attempt("fresh@x.io", Some([10, 0, 0, 3].into())).is_ok());
    }
}
