//! `docket`: parse the command line, set up logging, run the command.

use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of glibc's allocator: with a thread per SQLite connection, glibc's per-thread
/// arenas fragment and hold on to memory (the load harness measured a third more resident memory).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = server::cli::Cli::parse();
    server::startup::init_tracing(&cli.common);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("docket: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(server::cli::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("docket: {err:#}");
            ExitCode::FAILURE
        }
    }
}
