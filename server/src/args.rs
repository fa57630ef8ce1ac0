//! The flags and `DOCKET_*` variables as parsed: the ones every command takes (`CommonArgs`) and
//! `serve`'s (`ServeArgs`). The command line (`cli`), the configuration (`config`) and start-up
//! (`startup`) all read them.

use clap::{Args, Parser, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// Database URL: sqlite://PATH (file and folder created if missing) or postgres://USER[:PASSWORD]@HOST[:PORT]/DB
    #[arg(long, env = "DOCKET_DATABASE_URL", default_value = "sqlite://data/docket.db", global = true)]
    pub database_url: String,
    /// Folder for attachments and other files Docket keeps (created if missing)
    #[arg(long, env = "DOCKET_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// Log format: `human` for people, `json` for log collectors
    #[arg(long, env = "DOCKET_LOG_FORMAT", value_enum, default_value_t = LogFormat::Human, global = true)]
    pub log_format: LogFormat,
    /// Log filter in tracing's EnvFilter syntax (e.g. `info`, `debug,sqlx=warn`)
    #[arg(long, env = "DOCKET_LOG", default_value = "info", global = true)]
    pub log: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on
    #[arg(long, env = "DOCKET_BIND", default_value = "127.0.0.1:3000")]
    pub bind: String,
    /// Folder with the built site (pkg/ with wasm, JS and CSS); `cargo xtask build` fills it
    #[arg(long, env = "DOCKET_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
    /// The address users reach Docket at; with https, cookies are marked Secure and HSTS is sent
    #[arg(long, env = "DOCKET_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Days of inactivity after which a session ends
    #[arg(long, env = "DOCKET_SESSION_DAYS", default_value_t = 14)]
    pub session_days: u16,
    /// The largest attachment, in megabytes
    #[arg(long, env = "DOCKET_ATTACHMENT_MAX_MB", default_value_t = 25, value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub attachment_max_mb: u32,
    /// API requests per second each token may make, on average (bursts of a minute's worth)
    #[arg(long, env = "DOCKET_API_RATE", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub api_rate: u32,
    /// Receive mail over SMTP on this address:port (for an MTA to deliver to; loopback or behind one)
    #[arg(long, env = "DOCKET_SMTP_LISTEN")]
    pub smtp_listen: Option<String>,
    /// Receive mail over LMTP on this address:port
    #[arg(long, env = "DOCKET_LMTP_LISTEN")]
    pub lmtp_listen: Option<String>,
    /// Seconds between IMAP polls of a mailbox whose server has no IDLE (with IDLE, the longest wait)
    #[arg(long, env = "DOCKET_MAIL_POLL_SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub mail_poll_secs: u64,
    /// A secret that opens /metrics to scrapers beyond loopback (`Authorization: Bearer …`);
    /// without it, only loopback callers may read the metrics
    #[arg(long, env = "DOCKET_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Seed demo data before serving
    #[arg(long, env = "DOCKET_DEMO")]
    pub demo: bool,
}

impl ServeArgs {
    /// The serve options when `docket` runs without a subcommand (flags come from the environment).
    pub(crate) fn from_env() -> anyhow::Result<ServeArgs> {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            serve: ServeArgs,
        }
        Ok(Only::try_parse_from(["docket"])?.serve)
    }
}
