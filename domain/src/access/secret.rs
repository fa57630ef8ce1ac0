//! The secrets in mailed links: 192 random bits as hex, and the SHA-256 that is stored instead.
//! A slow hash is not needed: the secret is random, not chosen by a person, so the hash cannot be
//! reversed by guessing.

use crate::digest::{hex, sha256_hex};
use rand::RngCore;

/// Bytes of randomness in a secret (hex-encoded to twice as many characters).
const SECRET_BYTES: usize = 24;

/// A new secret for a link, and the hash to store.
pub fn new_secret() -> (String, String) {
    let mut bytes = [0u8; SECRET_BYTES];
    rand::thread_rng().fill_bytes(&mut bytes);
    let secret = hex(&bytes);
    let hash = hash_of(&secret);
    (secret, hash)
}

/// The stored form of a secret.
pub fn hash_of(secret: &str) -> String {
    sha256_hex(secret.as_bytes())
}

/// Whether `text` could be a secret this module made (so that nothing else reaches the database).
pub fn looks_like_secret(text: &str) -> bool {
    text.len() == SECRET_BYTES * 2 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_and_only_their_hash_matches() {
        let (a, hash_a) = new_secret();
        let (b, _) = new_secret();
        assert_ne!(a, b);
        assert!(looks_like_secret(&a), "{a}");
        assert_eq!(hash_of(&a), hash_a);
        assert_ne!(hash_a, a);
        assert!(!looks_like_secret("../etc/passwd"));
        assert!(!looks_like_secret(&a.to_uppercase()));
        assert!(!looks_like_secret(&a[1..]));
    }
}
