//! The command line: `serve` (default), `migrate`, `admin create`, `demo`, `automations run`,
//! `classifier train`, `audit verify`, `bench seed`, `backup`, `restore`.

mod admin;
mod audit;
mod automations;
mod bench;
mod bench_mail;
mod classifier;

use crate::{
    args::{CommonArgs, ServeArgs},
    config::Config,
    startup,
};
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "docket", version, about = "Docket: an open-source helpdesk in one binary")]
pub struct Cli {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app and API (the default command)
    Serve(ServeArgs),
    /// Apply pending database migrations and exit
    Migrate,
    /// Manage accounts from the shell
    #[command(subcommand)]
    Admin(admin::AdminCommand),
    /// Seed demo data (organizations, customers, agents, an admin, teams); safe to repeat
    Demo,
    /// Automation rules: run the schedule rules now
    #[command(subcommand)]
    Automations(automations::AutomationsCommand),
    /// The suggested category and priority: train now
    #[command(subcommand)]
    Classifier(classifier::ClassifierCommand),
    /// Benchmark data for the load harness
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// The audit log: check its hash chain
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Copy a SQLite desk (database and files) into one archive, while it serves
    Backup {
        /// The archive to write (a gzipped tar), replaced if it exists
        file: std::path::PathBuf,
    },
    /// Put a backup archive back (stop the server first)
    Restore {
        /// The archive `docket backup` wrote
        file: std::path::PathBuf,
        /// Move a database already at the target aside (`<name>.before-restore-<time>`) and restore over it
        #[arg(long)]
        replace: bool,
    },
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let command = match cli.command {
        Some(command) => command,
        None => Command::Serve(ServeArgs::from_env()?),
    };
    match command {
        Command::Serve(args) => {
            let config = Config::new(&cli.common, Some(&args))?;
            startup::serve(config, args.demo).await
        }
        Command::Migrate => {
            let config = Config::new(&cli.common, None)?;
            startup::open_database(&config).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Admin(command) => {
            let config = Config::new(&cli.common, None)?;
            let db = startup::open_database(&config).await?;
            admin::run(&db, command).await
        }
        Command::Automations(command) => {
            let config = Config::new(&cli.common, None)?;
            let db = startup::open_database(&config).await?;
            automations::run(&db, command).await
        }
        Command::Classifier(command) => {
            let config = Config::new(&cli.common, None)?;
            let db = startup::open_database(&config).await?;
            classifier::run(&db, command).await
        }
        Command::Bench(command) => {
            let config = Config::new(&cli.common, None)?;
            let db = startup::open_database(&config).await?;
            bench::run(&db, &config.data_dir, command).await
        }
        Command::Audit(command) => {
            let config = Config::new(&cli.common, None)?;
            let db = startup::open_database(&config).await?;
            audit::run(&db, command).await
        }
        Command::Backup { file } => {
            let config = Config::new(&cli.common, None)?;
            let summary = crate::backup::backup(&config.database_url, &config.data_dir, &file).await?;
            println!("backed up to {}: {summary}", file.display());
            Ok(())
        }
        Command::Restore { file, replace } => {
            let config = Config::new(&cli.common, None)?;
            let summary =
                crate::backup::restore::restore(&config.database_url, &config.data_dir, &file, replace).await?;
            println!("restored from {}: {summary}", file.display());
            Ok(())
        }
        Command::Demo => {
            let config = Config::new(&cli.common, None)?;
            let db = startup::open_database(&config).await?;
            startup::seed_demo(&db, true, Some(&startup::file_store(&config))).await
        }
    }
}
