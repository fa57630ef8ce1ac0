//! `docket automations run`: runs every active schedule rule at once, optionally as if the time
//! were later (`--in 5d`), to see what a rule does to the desk's tickets without waiting for
//! the scheduler (which runs each rule every few minutes while `docket serve` runs). What they
//! change is dated at that later time: a way to try rules (the journeys' test clock), not one
//! for a desk in use.

use anyhow::{Context, bail};
use clap::Subcommand;
use domain::clock::Clock;
use sea_orm::DatabaseConnection;

#[derive(Debug, Subcommand)]
pub enum AutomationsCommand {
    /// Run every active schedule rule now
    Run {
        /// Run as if this much time had passed (such as 5d or 4h), to try a rule's wait
        #[arg(long = "in", value_name = "TIME")]
        ahead: Option<String>,
    },
}

pub async fn run(db: &DatabaseConnection, command: AutomationsCommand) -> anyhow::Result<()> {
    match command {
        AutomationsCommand::Run { ahead } => {
            let minutes = match ahead.as_deref() {
                None => 0,
                Some(text) => match domain::sla::types::parse_target(text) {
                    Ok(minutes) => minutes,
                    Err(message) => bail!("--in: {message}"),
                },
            };
            let at = domain::clock::now() + chrono::Duration::minutes(i64::from(minutes));
            let clock = Clock::manual(at);
            let acted = clock
                .scope(domain::automation::schedule::run_all(db, at))
                .await
                .context("running the schedule rules")?;
            println!("{acted} tickets acted on as of {}", at.to_rfc3339());
            Ok(())
        }
    }
}
