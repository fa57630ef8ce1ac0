//! Token secrets: 256 random bits from the operating system, written as `dkt_` and 64 hex digits,
//! and stored only as their SHA-256. A secret this strong needs no slow hash: nobody can guess
//! it, so a fast hash that lets the server look tokens up by hash is the right tool.

use crate::digest::{hex, sha256_hex};
use rand::{RngCore, rngs::OsRng};

pub const PREFIX: &str = "dkt_";
const SECRET_BYTES: usize = 32;
/// `dkt_` and the first 8 hex digits: enough to tell tokens apart, far too little to guess with.
const DISPLAY_CHARS: usize = PREFIX.len() + 8;

pub fn generate() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    OsRng.fill_bytes(&mut bytes);
    format!("{PREFIX}{}", hex(&bytes))
}

/// Lower-case hex SHA-256 of a secret: what the database keeps.
pub fn hash(secret: &str) -> String {
    sha256_hex(secret.as_bytes())
}

/// Whether two secrets are equal, in time that does not tell how much of them matched.
pub fn same_secret(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The part of a secret shown in lists.
pub fn display_prefix(secret: &str) -> String {
    secret.chars().take(DISPLAY_CHARS).collect()
}

/// True when the text has the shape of a secret, so junk never reaches the database.
pub fn well_formed(secret: &str) -> bool {
    secret.strip_prefix(PREFIX).is_some_and(|rest| {
        rest.len() == SECRET_BYTES * 2 && rest.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_well_formed_and_hashed() {
        let a = generate();
        let b = generate();
        assert_ne!(a, b);
        assert!(well_formed(&a), "{a}");
        assert_eq!(a.len(), 68);
        assert_eq!(hash(&a).len(), 64);
        assert_ne!(hash(&a), hash(&b));
        assert_eq!(hash(&a), hash(&a.clone()));
        assert_eq!(display_prefix(&a), a[..12]);
        for bad in ["", "dkt_", "dkt_XYZ", &a[..67], &format!("{a}0"), &a.to_uppercase(), &a.replace("dkt_", "abc_")] {
            assert!(!well_formed(bad), "{bad}");
        }
    }
}
