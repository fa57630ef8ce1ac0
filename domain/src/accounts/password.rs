//! Password hashing with argon2id. Hashing is slow on purpose, so it runs off the async threads.

use crate::error::DomainError;
use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};
use std::sync::OnceLock;

/// Hashes `password` into a PHC string (argon2id, the crate's OWASP-recommended defaults).
pub async fn hash(password: String) -> Result<String, DomainError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password)).await.map_err(|_| DomainError::Internal)?
}

fn hash_blocking(password: &str) -> Result<String, DomainError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|err| {
        tracing::error!(error = %err, "password hashing failed");
        DomainError::Internal
    })
}

/// Checks `password` against `stored`. With no stored hash it checks against a fixed dummy,
/// so that an unknown account costs the same time as a known one.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let dummy = dummy_hash();
        let (candidate, real) = match stored.as_deref() {
            Some(h) => (h, true),
            None => (dummy, false),
        };
        let ok = PasswordHash::new(candidate)
            .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false);
        ok && real
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("docket timing equaliser").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_differ() {
        let a = hash("correct horse battery".into()).await.unwrap();
        let b = hash("correct horse battery".into()).await.unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "salted");
        assert!(verify("correct horse battery".into(), Some(a.clone())).await);
        assert!(!verify("wrong horse battery".into(), Some(a)).await);
        assert!(!verify("docket timing equaliser".into(), None).await, "dummy never matches");
        assert!(!verify("x".into(), Some("not a phc string".into())).await);
    }
}
