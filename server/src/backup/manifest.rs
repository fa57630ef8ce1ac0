//! The manifest at the head of a backup archive: what made it, when, and what it holds, so
//! that a restore can check the archive before it touches anything.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The archive layout this binary writes and reads.
pub const FORMAT: u32 = 1;
pub const MANIFEST: &str = "manifest.json";
pub const DATABASE: &str = "database.sqlite";
/// The file store's folder inside the archive.
pub const FILES: &str = "files";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// The version of the `docket` binary that wrote it.
    pub docket_version: String,
    pub created_at: DateTime<Utc>,
    /// The last migration applied to the database copy.
    pub schema: String,
    pub tickets: i64,
    pub files: u64,
    pub file_bytes: u64,
    /// SHA-256 of the database copy, checked before it is put in place.
    pub database_sha256: String,
}

/// Whether `name` is a file-store path as the store writes them (`ab/cd/<64 hex>`, the first two
/// pairs of the hash), so that nothing in an archive can write outside the store.
pub fn is_store_path(name: &str) -> bool {
    let parts: Vec<&str> = name.split('/').collect();
    let hex = |s: &str| s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    matches!(parts.as_slice(), [a, b, sha] if sha.len() == 64 && hex(sha) && sha[..2] == **a && sha[2..4] == **b)
}

#[cfg(test)]
mod tests {
    use super::is_store_path;

    #[test]
    fn only_store_paths() {
        let sha = "ab".repeat(32);
        assert!(is_store_path(&format!("ab/ab/{sha}")));
        assert!(!is_store_path(&format!("ab/cd/{sha}")), "the folders are the hash's first pairs");
        assert!(!is_store_path(&format!("../ab/{sha}")));
        assert!(!is_store_path(&format!("ab/ab/../{sha}")));
        assert!(!is_store_path("ab/ab/.upload-1-2"));
        assert!(!is_store_path(&format!("/ab/ab/{sha}")));
    }
}
