//! The command line of `docket-load`, and the settings it resolves to (`--smoke` picks small ones).

use anyhow::{Context, bail};
use clap::{Parser, ValueEnum};
use std::{path::PathBuf, time::Duration};

#[derive(Debug, Parser)]
#[command(
    name = "docket-load",
    about = "Load harness: seeds a large desk, serves it with the release `docket` on loopback and measures \
             throughput, latency and memory of the main workloads next to the disk's and database's own ceilings"
)]
pub struct Args {
    /// The docket binary to measure [default: `docket` next to this program]
    #[arg(long)]
    pub docket: Option<PathBuf>,
    /// Tickets in the data set [default: 100000; 300 with --smoke]
    #[arg(long)]
    pub tickets: Option<usize>,
    /// Knowledge-base articles in the data set [default: a tenth of the tickets, at most 10000]
    #[arg(long)]
    pub articles: Option<usize>,
    /// A PostgreSQL server URL (postgres://USER@HOST:PORT/DB); a fresh docket_bench_* database is made on it.
    /// Without it, SQLite in the data directory.
    #[arg(long)]
    pub postgres: Option<String>,
    /// Keep the data set in this folder and reuse it while the ticket and article counts are the same
    /// [default: a temp folder]
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// The built site `docket` serves its stylesheet, scripts and WebAssembly from (what `cargo xtask build`
    /// writes) [default: target/site when it has pkg/]
    #[arg(long)]
    pub site: Option<PathBuf>,
    /// Warm-up seconds before each measured run [default: 5; 0 with --smoke]
    #[arg(long)]
    pub warmup: Option<f64>,
    /// Measured seconds per run [default: 20; 1 with --smoke]
    #[arg(long)]
    pub seconds: Option<f64>,
    /// Runs per workload and connection count; the median run is reported [default: 3; 1 with --smoke]
    #[arg(long)]
    pub runs: Option<usize>,
    /// Concurrent connections, comma-separated [default: 1,16; 1,4 with --smoke]
    #[arg(long, value_delimiter = ',')]
    pub connections: Option<Vec<usize>>,
    /// Workloads to run, comma-separated [default: all]
    #[arg(long, value_delimiter = ',')]
    pub workloads: Option<Vec<Workload>>,
    /// Event-stream subscribers for w6, comma-separated [default: 100,1000; 20 with --smoke]
    #[arg(long, value_delimiter = ',')]
    pub subscribers: Option<Vec<usize>>,
    /// Add 100 agents and this many routing rules to the data set (`docket bench routing`) and keep
    /// every bench agent online (signed in, with the live stream open) while the workloads run.
    /// With rules, every team assigns by itself; 0 is the same desk without routing (W1 before/after)
    #[arg(long)]
    pub routing: Option<usize>,
    /// With --routing: the rules file the tickets, but every team stays manual (nobody is assigned)
    #[arg(long, requires = "routing")]
    pub manual_teams: bool,
    /// Also write every figure to this JSON file
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// A quick check that everything works: tiny data, short runs (well under a minute)
    #[arg(long)]
    pub smoke: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum Workload {
    /// Create a ticket through the API
    W1,
    /// An agent's open queue page
    W2,
    /// Keyword search page
    W3,
    /// A ticket page with its thread
    W4,
    /// A mix: 60% w4, 20% w2, 10% w3, 5% API reply, 5% w1
    W5,
    /// Live-event latency with many subscribers
    W6,
    /// The open queue page in order of the next SLA due time
    W7,
    /// Suggestions while a signed-in customer types a new request
    W8,
    /// Help center pages, anonymous: 10% home, 15% category, 55% article, 20% search
    W9,
}

impl Workload {
    pub fn name(self) -> &'static str {
        match self {
            Workload::W1 => "w1",
            Workload::W2 => "w2",
            Workload::W3 => "w3",
            Workload::W4 => "w4",
            Workload::W5 => "w5",
            Workload::W6 => "w6",
            Workload::W7 => "w7",
            Workload::W8 => "w8",
            Workload::W9 => "w9",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Workload::W1 => "create ticket (API)",
            Workload::W2 => "open queue page",
            Workload::W3 => "keyword search page",
            Workload::W4 => "ticket page",
            Workload::W5 => "mix",
            Workload::W6 => "live events",
            Workload::W7 => "open queue page, due order",
            Workload::W8 => "suggestions while typing",
            Workload::W9 => "help center pages",
        }
    }
}

/// The routing `--routing` adds to the data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Routing {
    pub rules: usize,
    pub agents: usize,
    pub manual: bool,
}

impl Routing {
    /// `rules` with 100 agents (25 in a smoke run).
    fn with(rules: usize, manual: bool, smoke: bool) -> Routing {
        Routing { rules, agents: if smoke { 25 } else { 100 }, manual }
    }
}

/// Everything a run needs to know, with the defaults (or the smoke sizes) filled in.
#[derive(Debug, Clone)]
pub struct Settings {
    pub docket: PathBuf,
    pub tickets: usize,
    pub articles: usize,
    pub postgres: Option<String>,
    pub data: Option<PathBuf>,
    /// The built site, when there is one.
    pub site: Option<PathBuf>,
    pub warmup: Duration,
    pub measure: Duration,
    pub runs: usize,
    pub connections: Vec<usize>,
    pub workloads: Vec<Workload>,
    pub subscribers: Vec<usize>,
    /// How long w6 creates tickets (at 10 a second).
    pub live: Duration,
    /// How long each of the fsync and SQLite ceilings runs.
    pub ceiling: Duration,
    /// Seconds of each pgbench run.
    pub pgbench_seconds: u32,
    /// Routing rules and agents added to the data set, when routing is measured.
    pub routing: Option<Routing>,
    pub json: Option<PathBuf>,
    pub smoke: bool,
}

/// The site given, or `target/site` when it was built; as an absolute path, since `docket` runs
/// in the data set's folder.
fn site(given: Option<PathBuf>) -> anyhow::Result<Option<PathBuf>> {
    match given {
        Some(dir) if dir.join("pkg").is_dir() => {
            Ok(Some(dir.canonicalize().with_context(|| format!("cannot resolve {}", dir.display()))?))
        }
        Some(dir) => bail!("--site {} has no pkg/ folder: build it with `cargo xtask build --release`", dir.display()),
        None => Ok(PathBuf::from("target/site").canonicalize().ok().filter(|dir| dir.join("pkg").is_dir())),
    }
}

fn seconds(value: f64, flag: &str) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(value).with_context(|| format!("--{flag} must be a number of seconds ≥ 0"))
}

impl Settings {
    pub fn resolve(args: Args) -> anyhow::Result<Settings> {
        let smoke = args.smoke;
        let pick = |given: Option<f64>, normal: f64, small: f64| given.unwrap_or(if smoke { small } else { normal });
        let docket = match args.docket {
            Some(path) => path,
            None => std::env::current_exe().context("cannot tell where docket-load is")?.with_file_name("docket"),
        };
        if !docket.is_file() {
            bail!(
                "no docket binary at {} (build it with `cargo build --release -p server --bins`, or pass --docket)",
                docket.display()
            );
        }
        let measure = seconds(pick(args.seconds, 20.0, 1.0), "seconds")?;
        let mut workloads = args.workloads.unwrap_or_else(|| Workload::value_variants().to_vec());
        workloads.sort_unstable();
        workloads.dedup();
        let tickets = args.tickets.unwrap_or(if smoke { 300 } else { 100_000 });
        let settings = Settings {
            docket,
            tickets,
            articles: args.articles.unwrap_or_else(|| seed::bench::default_articles(tickets)),
            postgres: args.postgres.filter(|url| !url.trim().is_empty()),
            data: args.data,
            site: site(args.site)?,
            warmup: seconds(pick(args.warmup, 5.0, 0.0), "warmup")?,
            measure,
            runs: args.runs.unwrap_or(if smoke { 1 } else { 3 }),
            connections: args.connections.unwrap_or_else(|| if smoke { vec![1, 4] } else { vec![1, 16] }),
            workloads,
            subscribers: args.subscribers.unwrap_or_else(|| if smoke { vec![20] } else { vec![100, 1000] }),
            live: if smoke { Duration::from_secs(2) } else { measure },
            ceiling: if smoke { Duration::from_millis(500) } else { Duration::from_secs(3) },
            pgbench_seconds: if smoke { 1 } else { 10 },
            routing: args.routing.map(|rules| Routing::with(rules, args.manual_teams, smoke)),
            json: args.json,
            smoke,
        };
        if settings.tickets == 0 || settings.runs == 0 || settings.measure.is_zero() {
            bail!("--tickets, --runs and --seconds must be above 0");
        }
        if settings.connections.is_empty() || settings.connections.contains(&0) {
            bail!("--connections takes counts above 0, e.g. 1,16");
        }
        if settings.subscribers.is_empty() || settings.subscribers.contains(&0) {
            bail!("--subscribers takes counts above 0, e.g. 100,1000");
        }
        if let Some(url) = &settings.postgres
            && !url.starts_with("postgres://")
            && !url.starts_with("postgresql://")
        {
            bail!("--postgres takes a postgres:// URL");
        }
        Ok(settings)
    }
}
