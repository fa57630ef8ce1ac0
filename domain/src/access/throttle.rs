//! How often links may be mailed on request (a sign-in link, a password reset, a fresh ticket
//! link, a claim on sign-up): per email address, so nobody can fill a person's inbox, and per
//! client, so nobody can mail the world. The same for addresses with and without an account, so
//! that being throttled reveals nothing either. GCRA via `governor`.

use crate::error::DomainError;
use governor::{
    DefaultKeyedRateLimiter, Quota, RateLimiter,
    clock::{Clock, DefaultClock},
};
use std::{net::IpAddr, num::NonZeroU32, time::Duration};

pub struct LinkThrottle {
    by_email: DefaultKeyedRateLimiter<String>,
    by_client: DefaultKeyedRateLimiter<IpAddr>,
}

/// Requests allowed at once, and the pace at which they come back.
#[derive(Debug, Clone, Copy)]
pub struct LinkLimits {
    pub email_burst: u32,
    pub email_every: Duration,
    pub client_burst: u32,
    pub client_every: Duration,
}

impl Default for LinkLimits {
    /// 5 mails per address, then one every 3 minutes; 30 per client, then one every 20 s.
    fn default() -> Self {
        LinkLimits {
            email_burst: 5,
            email_every: Duration::from_secs(180),
            client_burst: 30,
            client_every: Duration::from_secs(20),
        }
    }
}

fn quota(burst: u32, every: Duration) -> Quota {
    let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(every).unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN)).allow_burst(burst)
}

impl LinkThrottle {
    pub fn new(limits: LinkLimits) -> Self {
        LinkThrottle {
            by_email: RateLimiter::keyed(quota(limits.email_burst, limits.email_every)),
            by_client: RateLimiter::keyed(quota(limits.client_burst, limits.client_every)),
        }
    }

    /// Spends one request for this address and this client, or says how long to wait.
    pub fn request(&self, email: &str, client: Option<IpAddr>) -> Result<(), DomainError> {
        let now = DefaultClock::default().now();
        let wait = |not_until: governor::NotUntil<_>| DomainError::RateLimited {
            retry_after_secs: not_until.wait_time_from(now).as_secs().max(1),
        };
        if let Some(ip) = client {
            self.by_client.check_key(&ip).map_err(wait)?;
        }
        self.by_email.check_key(&email.trim().to_lowercase()).map_err(wait)?;
        if self.by_email.len() > 100_000 {
            self.by_email.retain_recent();
            self.by_client.retain_recent();
        }
        Ok(())
    }
}

impl Default for LinkThrottle {
    fn default() -> Self {
        Self::new(LinkLimits::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_each_address_and_each_client() {
        let t = LinkThrottle::new(LinkLimits {
            email_burst: 2,
            email_every: Duration::from_secs(3600),
            client_burst: 2,
            client_every: Duration::from_secs(3600),
        });
        let ip: IpAddr = [10, 0, 0, 1].into();
        assert!(t.request("a@x.io", Some(ip)).is_ok());
        assert!(t.request("A@x.io ", Some([10, 0, 0, 2].into())).is_ok());
        assert!(matches!(t.request("a@x.io", Some([10, 0, 0, 3].into())), Err(DomainError::RateLimited { .. })));
        assert!(t.request("b@x.io", Some(ip)).is_ok());
        assert!(matches!(t.request("c@x.io", Some(ip)), Err(DomainError::RateLimited { .. })), "the client's third");
    }
}
