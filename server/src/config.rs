//! Resolved configuration: flags and `DOCKET_*` variables checked and turned into what the
//! server needs, with one clear error for each thing that cannot work.

use crate::args::{CommonArgs, ServeArgs};
use anyhow::{Context, bail};
use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
};

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub data_dir: PathBuf,
    pub bind: SocketAddr,
    pub site_root: PathBuf,
    /// Served over https (per the public URL): Secure cookies and HSTS.
    pub https: bool,
    pub session_days: u16,
    pub attachment_max_bytes: u64,
    /// API requests per second per token, on average.
    pub api_rate_per_second: u32,
    /// Where users reach the desk (links in mail), without a trailing slash.
    pub public_url: String,
    pub smtp_listen: Option<SocketAddr>,
    pub lmtp_listen: Option<SocketAddr>,
    pub mail_poll: std::time::Duration,
    /// Opens `/metrics` beyond loopback.
    pub metrics_token: Option<crate::http::metrics::MetricsToken>,
}

impl Config {
    pub fn new(common: &CommonArgs, serve: Option<&ServeArgs>) -> anyhow::Result<Config> {
        let bind_text = serve.map_or("127.0.0.1:3000", |s| s.bind.as_str());
        let bind: SocketAddr = bind_text
            .parse()
            .with_context(|| format!("--bind {bind_text:?} is not an address:port such as 127.0.0.1:3000"))?;
        let https = match serve.and_then(|s| s.public_url.as_deref()) {
            None => false,
            Some(url) if url.starts_with("https://") => true,
            Some(url) if url.starts_with("http://") => false,
            Some(url) => bail!("--public-url {url:?} must start with http:// or https://"),
        };
        let listen = |flag: &str, value: Option<&String>| -> anyhow::Result<Option<SocketAddr>> {
            value
                .map(|v| {
                    v.parse().with_context(|| format!("{flag} {v:?} is not an address:port such as 127.0.0.1:2525"))
                })
                .transpose()
        };
        let smtp_listen = listen("--smtp-listen", serve.and_then(|s| s.smtp_listen.as_ref()))?;
        let lmtp_listen = listen("--lmtp-listen", serve.and_then(|s| s.lmtp_listen.as_ref()))?;
        let public_url = serve
            .and_then(|s| s.public_url.clone())
            .unwrap_or_else(|| format!("http://{bind}"))
            .trim_end_matches('/')
            .to_owned();
        prepare_data_dir(&common.data_dir)?;
        prepare_sqlite_file(&common.database_url)?;
        Ok(Config {
            database_url: common.database_url.clone(),
            data_dir: common.data_dir.clone(),
            bind,
            site_root: serve.map_or_else(|| PathBuf::from("target/site"), |s| s.site_root.clone()),
            https,
            session_days: serve.map_or(14, |s| s.session_days).max(1),
            attachment_max_bytes: u64::from(serve.map_or(25, |s| s.attachment_max_mb)) * 1024 * 1024,
            api_rate_per_second: serve.map_or(10, |s| s.api_rate).max(1),
            public_url,
            smtp_listen,
            lmtp_listen,
            mail_poll: std::time::Duration::from_secs(serve.map_or(60, |s| s.mail_poll_secs).max(1)),
            metrics_token: metrics_token(serve.and_then(|s| s.metrics_token.as_deref()))?,
        })
    }
}

/// Creates the data folder and proves it is writable, so a bad folder fails at start, not later.
fn prepare_data_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the data directory {}", dir.display()))?;
    let probe = dir.join(".docket-write-test");
    std::fs::write(&probe, b"ok").with_context(|| format!("the data directory {} is not writable", dir.display()))?;
    std::fs::remove_file(&probe).ok();
    Ok(())
}

/// The file of a `sqlite:` URL, if it names one.
pub fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

fn prepare_sqlite_file(url: &str) -> anyhow::Result<()> {
    if !url.starts_with("sqlite:") && !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
        bail!("the database URL must start with sqlite:// or postgres:// (got {:?})", redact(url));
    }
    if let Some(parent) = sqlite_path(url).as_deref().and_then(Path::parent).filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the database folder {}", parent.display()))?;
    }
    Ok(())
}

/// The URL without its password, for messages and logs.
/// The metrics token, when one is set: long enough that nobody guesses it.
fn metrics_token(value: Option<&str>) -> anyhow::Result<Option<crate::http::metrics::MetricsToken>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(token) if token.len() < 16 => bail!("--metrics-token must be at least 16 characters"),
        Some(token) => Ok(Some(crate::http::metrics::MetricsToken(token.to_owned()))),
    }
}

pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("sqlite://data/docket.db"), "sqlite://data/docket.db");
    }

    #[test]
    fn finds_sqlite_files() {
        assert_eq!(sqlite_path("sqlite://data/docket.db"), Some(PathBuf::from("data/docket.db")));
        assert_eq!(sqlite_path("sqlite:///tmp/x.db?mode=rwc"), Some(PathBuf::from("/tmp/x.db")));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://h/db"), None);
    }
}
