//! `docket-load`: the load harness. Seeds a large desk, serves it with the release `docket` on
//! loopback, and measures the main workloads next to the disk's and the database's ceilings.
//! `docket-load --help` lists the options; `--smoke` checks it all in well under a minute.

mod args;
mod ceilings;
mod dataset;
mod harness;
mod limits;
mod live;
mod memory;
mod pgbench;
mod report;
mod runner;
mod server;
mod stats;
mod workloads;

use anyhow::Context;
use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("docket-load: some requests failed or an event reached a customer who may not see it");
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("docket-load: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs everything; whether it all went without errors.
async fn run() -> anyhow::Result<bool> {
    let settings = args::Settings::resolve(args::Args::parse())?;
    let report = harness::run(&settings).await?;
    print!("{}", report.table());
    if let Some(path) = &settings.json {
        let text = serde_json::to_string_pretty(&report.json())?;
        std::fs::write(path, text + "\n").with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(!report.failed())
}
