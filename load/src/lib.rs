//! `docket-load`: the load harness. Seeds a large desk, serves it with the release `docket` on
//! loopback, and measures the main workloads next to the disk's and the database's ceilings.
//! `docket-load --help` lists the options; `--smoke` checks it all in well under a minute.
//!
//! A library as well as the binary, so that the server's smoke test runs it against the `docket`
//! its own build made (a test sees the binaries of its own package only).

mod args;
mod ceilings;
mod dataset;
mod first_load;
mod harness;
mod help;
mod limits;
mod live;
mod memory;
mod online;
mod pgbench;
mod report;
mod runner;
mod server;
mod stats;
mod workloads;

pub use args::Args;

use anyhow::Context;

/// Runs everything `args` asks for, prints the table and writes the JSON report; whether it all
/// went without errors.
pub async fn run(args: Args) -> anyhow::Result<bool> {
    let settings = args::Settings::resolve(args)?;
    let report = harness::run(&settings).await?;
    print!("{}", report.table());
    if let Some(path) = &settings.json {
        let text = serde_json::to_string_pretty(&report.json())?;
        std::fs::write(path, text + "\n").with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(!report.failed())
}
