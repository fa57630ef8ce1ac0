//! The file store: attachment bytes under the data directory, addressed by their SHA-256, so a
//! file sent twice is stored once and a stored file never changes.

use super::upload::{Upload, clean_name, image_type};
use crate::error::{DomainError, FieldError};
use std::{
    io::Write,
    path::{Path, PathBuf},
};

/// The default largest attachment: 25 MB.
pub const DEFAULT_MAX_BYTES: u64 = 25 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
    max_bytes: u64,
}

/// A file whose bytes are safely in the store, ready to be attached to a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub is_image: bool,
}

impl FileStore {
    pub fn new(root: impl Into<PathBuf>, max_bytes: u64) -> FileStore {
        FileStore { root: root.into(), max_bytes }
    }

    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    /// Where the bytes of `sha256` live (`ab/cd/abcd…`); `None` for anything but 64 hex digits.
    pub fn path_of(&self, sha256: &str) -> Option<PathBuf> {
        let valid = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        valid.then(|| self.root.join(&sha256[..2]).join(&sha256[2..4]).join(sha256))
    }

    /// Checks uploads (at most `MAX_FILES`, none empty, none over the limit) and writes their
    /// bytes. Errors name the field `attachments`.
    pub async fn store(&self, uploads: Vec<Upload>) -> Result<Vec<StoredFile>, DomainError> {
        if uploads.len() > super::MAX_FILES {
            return Err(DomainError::field("attachments", "Attach at most 10 files"));
        }
        for upload in &uploads {
            let name = clean_name(&upload.file_name);
            if upload.bytes.is_empty() {
                return Err(DomainError::field("attachments", format!("{name} is empty")));
            }
            if upload.bytes.len() as u64 > self.max_bytes {
                let limit = super::upload::human_size(self.max_bytes as i64);
                return Err(DomainError::TooLarge(FieldError::new(
                    "attachments",
                    format!("{name} is larger than {limit}"),
                )));
            }
        }
        let root = self.clone();
        tokio::task::spawn_blocking(move || uploads.into_iter().map(|u| root.write(u)).collect())
            .await
            .map_err(|_| DomainError::Internal)?
    }

    fn write(&self, upload: Upload) -> Result<StoredFile, DomainError> {
        let sha256 = crate::digest::sha256_hex(&upload.bytes);
        let path = self.path_of(&sha256).ok_or(DomainError::Internal)?;
        if !path.exists() {
            write_atomically(&path, &upload.bytes).map_err(|e| {
                tracing::error!(error = %e, path = %path.display(), "cannot write an attachment");
                DomainError::Internal
            })?;
        }
        let file_name = clean_name(&upload.file_name);
        let detected = image_type(&upload.bytes);
        let content_type = detected.map(str::to_owned).unwrap_or_else(|| {
            let guess = mime_guess::from_path(&file_name).first_or_octet_stream();
            // Types a browser would run or render as a page are only ever downloaded as bytes.
            match guess.essence_str() {
                "text/html" | "image/svg+xml" | "application/xhtml+xml" | "text/xml" | "application/xml" => {
                    "application/octet-stream".to_owned()
                }
                other => other.to_owned(),
            }
        });
        Ok(StoredFile {
            file_name,
            content_type,
            size: upload.bytes.len() as i64,
            sha256,
            is_image: detected.is_some(),
        })
    }
}

/// Writes to a temporary file beside the target, syncs it, then renames it into place, so a
/// reader never sees half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().ok_or_else(|| std::io::Error::other("no parent folder"))?;
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile_in(dir)?;
    tmp.1.write_all(bytes)?;
    tmp.1.sync_all()?;
    std::fs::rename(&tmp.0, path)?;
    Ok(())
}

fn tempfile_in(dir: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    let name = format!(".upload-{}-{}", std::process::id(), rand::random::<u64>());
    let path = dir.join(name);
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path)?;
    Ok((path, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stores_by_content_and_checks_limits() {
        let dir = std::env::temp_dir().join(format!("docket-store-{}", rand::random::<u64>()));
        let store = FileStore::new(&dir, 10);
        let upload = |name: &str, bytes: &[u8]| Upload { file_name: name.into(), bytes: bytes.to_vec() };
        let stored = store.store(vec![upload("a.txt", b"hello"), upload("b.txt", b"hello")]).await.unwrap();
        assert_eq!(stored[0].sha256, stored[1].sha256);
        assert_eq!(stored[0].content_type, "text/plain");
        let path = store.path_of(&stored[0].sha256).unwrap();
        assert_eq!(std::fs::read(path).unwrap(), b"hello");
        assert!(matches!(store.store(vec![upload("e.txt", b"")]).await, Err(DomainError::Validation(_))));
        assert!(matches!(store.store(vec![upload("big.bin", &[0; 11])]).await, Err(DomainError::TooLarge(_))));
        let page = store.store(vec![upload("x.html", b"<script>")]).await.unwrap();
        assert_eq!(page[0].content_type, "application/octet-stream");
        assert!(store.path_of("../../etc/passwd").is_none());
        std::fs::remove_dir_all(dir).ok();
    }
}
