//! `docket bench seed`: fills an empty database with the load harness's deterministic desk.
//! `docket bench routing`: adds routing rules, agents and automatic assignment to it.
//! `docket bench mail`: times inbound mail parsed and threaded into tickets.
//! `docket bench reports`: times the reports page over the last N days.

use anyhow::Context;
use clap::Subcommand;
use sea_orm::DatabaseConnection;
use std::{path::PathBuf, time::Instant};

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Seed an empty database with N tickets, 5,000 customers, 20 more agents and a knowledge base (deterministic)
    Seed {
        /// How many tickets to write
        #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        tickets: u64,
        /// How many knowledge-base articles to write [default: a tenth of the tickets, at most 10,000]
        #[arg(long, value_parser = clap::value_parser!(u64).range(0..=1_000_000))]
        articles: Option<u64>,
        /// Write a write-scoped API token of agent@example.com to this file (mode 0600)
        #[arg(long)]
        token_file: Option<PathBuf>,
    },
    /// Ingest N generated messages (new tickets and threaded replies) and report messages per second
    Mail {
        /// How many messages to ingest
        #[arg(long, default_value_t = 5_000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
        messages: u64,
        /// Messages ingested at once (as parallel SMTP/LMTP deliveries would be)
        #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=64))]
        concurrency: u64,
    },
    /// Time the reports page (every figure and chart) over the last N days, as the admin opens it
    Reports {
        /// How many days the report covers (it also reads the same number of days before)
        #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=400))]
        days: u32,
        /// How many timed runs (after one untimed run)
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=1000))]
        runs: u32,
    },
    /// Add custom fields to a seeded bench desk up to N (a value of each on every ticket), then time the
    /// search on a custom field against a built-in one
    Fields {
        /// How many custom fields the desk should have
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=500))]
        count: u64,
        /// How many timed runs of each search (0: only add the fields)
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(0..=1000))]
        runs: u32,
    },
    /// Add routing to a seeded bench desk: agents up to M and, with N rules, every team assigning by itself
    Routing {
        /// How many routing rules to write (0: only the agents, teams stay manual)
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(0..=10_000))]
        rules: u64,
        /// How many bench agents the desk should have (20 are there already)
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(20..=10_000))]
        agents: u64,
        /// Keep the teams manual: the rules file tickets, nobody is assigned
        #[arg(long)]
        manual: bool,
    },
}

pub async fn run(db: &DatabaseConnection, data_dir: &std::path::Path, command: BenchCommand) -> anyhow::Result<()> {
    match command {
        BenchCommand::Reports { days, runs } => {
            let timing = seed::bench::reports::time_reports(db, days, runs).await.context("timing the reports")?;
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
            println!(
                "report over {days} days ({} created, {} solved in them): {runs} runs, p50 {:.1} ms, p90 {:.1} ms, max {:.1} ms",
                timing.created,
                timing.solved,
                ms(timing.percentile(0.5)),
                ms(timing.percentile(0.9)),
                ms(timing.percentile(1.0))
            );
            Ok(())
        }
        BenchCommand::Fields { count, runs } => {
            let started = Instant::now();
            let added = seed::bench::fields::seed(db, count as usize).await.context("adding custom fields")?;
            println!(
                "custom fields: {added} added ({count} in all, a value on every ticket) in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            if runs > 0 {
                let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
                for timing in seed::bench::fields::time_search(db, runs).await.context("timing the searches")? {
                    println!(
                        "search {}: {runs} runs, p50 {:.2} ms, p90 {:.2} ms, max {:.2} ms",
                        timing.query,
                        ms(timing.percentile(0.5)),
                        ms(timing.percentile(0.9)),
                        ms(timing.percentile(1.0))
                    );
                }
            }
            Ok(())
        }
        BenchCommand::Routing { rules, agents, manual } => {
            let seeded = seed::bench::routing::seed(db, rules as usize, agents as usize, manual)
                .await
                .context("adding routing to the bench desk")?;
            println!(
                "routing: {} rules, {} agents ({} added), {} teams assigning by themselves",
                seeded.rules, seeded.agents, seeded.agents_added, seeded.teams_automatic
            );
            Ok(())
        }
        BenchCommand::Mail { messages, concurrency } => {
            super::bench_mail::run(db, data_dir, messages, concurrency).await
        }
        BenchCommand::Seed { tickets, articles, token_file } => {
            let started = Instant::now();
            let total = tickets as usize;
            let articles = articles.map_or_else(|| seed::bench::default_articles(total), |n| n as usize);
            let step = (total / 10).max(1);
            let mut next_report = step;
            let mut progress = |written: usize| {
                if written >= next_report || written == total {
                    tracing::info!(written, total, seconds = started.elapsed().as_secs_f32(), "seeding tickets");
                    next_report = written + step;
                }
            };
            let seeded = seed::bench::seed_with_articles(db, total, articles, &mut progress)
                .await
                .context("seeding the bench desk")?;
            if let Some(path) = token_file {
                write_secret(&path, &seeded.token)?;
            }
            println!(
                "seeded {} tickets ({} open), {} messages, {} customers, {} agents, {} articles in {:.1} s",
                seeded.tickets,
                seeded.open,
                seeded.messages,
                seeded.customers,
                seeded.agents,
                seeded.articles,
                started.elapsed().as_secs_f32()
            );
            Ok(())
        }
    }
}

/// Writes the token readable by its owner only.
fn write_secret(path: &std::path::Path, secret: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(secret.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
