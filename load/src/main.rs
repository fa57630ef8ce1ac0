//! The `docket-load` command: parses its arguments and runs the harness (`load::run`).

use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    match load::run(load::Args::parse()).await {
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
