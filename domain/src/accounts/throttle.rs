//! Sign-in throttling that counts failures, not visits: per account, so guessing one password is
//! slow, and per client address, so guessing across many accounts is too. A success clears the
//! account's failures and gives the address its attempt back, so people who sign in often, or an
//! office behind one address, are never held up. An attempt counts as a failure from the moment
//! it starts until it succeeds, so guesses sent side by side cannot slip past the limit.
//!
//! Each key has a leaky bucket: a failure adds one, and one drains away every `every`; at `burst`
//! the key waits until one has drained.

use crate::error::DomainError;
use std::{
    collections::HashMap,
    hash::Hash,
    net::IpAddr,
    sync::Mutex,
    time::{Duration, Instant},
};

/// Failures allowed at once, and the pace at which they drain.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub account_burst: u32,
    pub account_every: Duration,
    pub address_burst: u32,
    pub address_every: Duration,
}

impl Default for Limits {
    /// 10 failures per account, then one try every 90 s; 60 per address, then one every 6 s.
    fn default() -> Self {
        Limits {
            account_burst: 10,
            account_every: Duration::from_secs(90),
            address_burst: 60,
            address_every: Duration::from_secs(6),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    level: u32,
    /// When `level` was last drained to.
    at: Instant,
}

/// Buckets by key, with their limit.
struct Buckets<K> {
    burst: u32,
    every: Duration,
    map: Mutex<HashMap<K, Bucket>>,
}

impl<K: Eq + Hash + Clone> Buckets<K> {
    fn new(burst: u32, every: Duration) -> Self {
        Buckets { burst: burst.max(1), every: every.max(Duration::from_millis(1)), map: Mutex::new(HashMap::new()) }
    }

    fn drained(&self, bucket: Bucket, now: Instant) -> Bucket {
        let drops = (now.saturating_duration_since(bucket.at).as_nanos() / self.every.as_nanos()) as u64;
        let level = u64::from(bucket.level).saturating_sub(drops) as u32;
        let at = if level == 0 { now } else { bucket.at + self.every * drops as u32 };
        Bucket { level, at }
    }

    /// How long `key` must wait before it may try, if it must.
    fn wait(&self, key: &K, now: Instant) -> Option<Duration> {
        let map = self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let bucket = self.drained(*map.get(key)?, now);
        (bucket.level >= self.burst).then(|| {
            let drops_needed = bucket.level - self.burst + 1;
            (bucket.at + self.every * drops_needed).saturating_duration_since(now)
        })
    }

    fn add(&self, key: &K, now: Instant) {
        let mut map = self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let bucket = map.get(key).map_or(Bucket { level: 0, at: now }, |b| self.drained(*b, now));
        map.insert(key.clone(), Bucket { level: bucket.level.saturating_add(1), ..bucket });
        if map.len() > 100_000 {
            map.retain(|_, b| self.drained(*b, now).level > 0);
        }
    }

    fn take_back(&self, key: &K) {
        let mut map = self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(bucket) = map.get_mut(key) {
            bucket.level = bucket.level.saturating_sub(1);
        }
    }

    fn clear(&self, key: &K) {
        self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(key);
    }
}

pub struct SignInThrottle {
    by_account: Buckets<String>,
    by_address: Buckets<IpAddr>,
}

/// One sign-in attempt under way: a failure until `succeeded` says otherwise.
#[must_use = "say how the attempt ended"]
pub struct Attempt<'a> {
    throttle: &'a SignInThrottle,
    account: String,
    address: Option<IpAddr>,
}

impl Attempt<'_> {
    /// The password was wrong (or the account unusable): the failure stays counted.
    pub fn failed(self) {}

    /// Signed in: the account's failures are cleared and the address gets this attempt back.
    pub fn succeeded(self) {
        self.throttle.by_account.clear(&self.account);
        if let Some(ip) = self.address {
            self.throttle.by_address.take_back(&ip);
        }
    }
}

impl SignInThrottle {
    pub fn new(limits: Limits) -> Self {
        SignInThrottle {
            by_account: Buckets::new(limits.account_burst, limits.account_every),
            by_address: Buckets::new(limits.address_burst, limits.address_every),
        }
    }

    /// Starts an attempt for this account from this address, or says how long to wait.
    pub fn attempt(&self, email: &str, address: Option<IpAddr>) -> Result<Attempt<'_>, DomainError> {
        self.attempt_at(email, address, Instant::now())
    }

    fn attempt_at(&self, email: &str, address: Option<IpAddr>, now: Instant) -> Result<Attempt<'_>, DomainError> {
        let account = email.trim().to_lowercase();
        let wait = address
            .and_then(|ip| self.by_address.wait(&ip, now))
            .into_iter()
            .chain(self.by_account.wait(&account, now))
            .max();
        if let Some(wait) = wait {
            return Err(DomainError::RateLimited { retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64 });
        }
        if let Some(ip) = address {
            self.by_address.add(&ip, now);
        }
        self.by_account.add(&account, now);
        Ok(Attempt { throttle: self, account, address })
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
            account_every: Duration::from_secs(60),
            address_burst: 5,
            address_every: Duration::from_secs(60),
        })
    }

    fn limited(result: Result<Attempt<'_>, DomainError>) -> Option<u64> {
        match result {
            Err(DomainError::RateLimited { retry_after_secs }) => Some(retry_after_secs),
            _ => None,
        }
    }

    #[test]
    fn failures_lock_one_account_until_one_drains() {
        let t = tight();
        let ip: IpAddr = [10, 0, 0, 1].into();
        let start = Instant::now();
        for _ in 0..3 {
            t.attempt_at("a@x.io", Some(ip), start).unwrap().failed();
        }
        assert_eq!(limited(t.attempt_at("A@X.io", Some(ip), start)), Some(60));
        assert_eq!(limited(t.attempt_at("a@x.io", Some(ip), start + Duration::from_secs(45))), Some(15));
        t.attempt_at("b@x.io", Some(ip), start).unwrap().failed();
        t.attempt_at("a@x.io", Some(ip), start + Duration::from_secs(60)).expect("one failure drained").failed();
        assert!(limited(t.attempt_at("a@x.io", Some(ip), start + Duration::from_secs(61))).is_some());
    }

    #[test]
    fn successes_never_lock_and_clear_the_account() {
        let t = tight();
        let ip: IpAddr = [10, 0, 0, 2].into();
        let now = Instant::now();
        for _ in 0..50 {
            t.attempt_at("busy@x.io", Some(ip), now).unwrap().succeeded();
        }
        for _ in 0..2 {
            t.attempt_at("busy@x.io", Some(ip), now).unwrap().failed();
        }
        t.attempt_at("busy@x.io", Some(ip), now).unwrap().succeeded();
        for _ in 0..2 {
            t.attempt_at("busy@x.io", Some(ip), now).unwrap().failed();
        }
        assert!(t.attempt_at("busy@x.io", Some(ip), now).is_ok(), "the success cleared the earlier failures");
    }

    #[test]
    fn an_address_is_limited_by_its_failures_across_accounts() {
        let t = tight();
        let office: IpAddr = [10, 0, 0, 3].into();
        let now = Instant::now();
        for i in 0..100 {
            t.attempt_at(&format!("colleague{i}@x.io"), Some(office), now).unwrap().succeeded();
        }
        for i in 0..5 {
            t.attempt_at(&format!("u{i}@x.io"), Some(office), now).unwrap().failed();
        }
        assert!(limited(t.attempt_at("fresh@x.io", Some(office), now)).is_some());
        assert!(t.attempt_at("fresh@x.io", Some([10, 0, 0, 4].into()), now).is_ok(), "another address is free");
    }

    #[test]
    fn attempts_side_by_side_count_before_they_end() {
        let t = tight();
        let now = Instant::now();
        let running: Vec<_> = (0..3).map(|_| t.attempt_at("a@x.io", None, now).unwrap()).collect();
        assert!(limited(t.attempt_at("a@x.io", None, now)).is_some());
        running.into_iter().for_each(Attempt::failed);
    }
}
