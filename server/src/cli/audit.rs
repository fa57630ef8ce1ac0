//! `docket audit verify`: walks the audit log's hash chain and reports the first broken link
//! (exit status 1), or how many entries hold.

use anyhow::{Context, bail};
use clap::Subcommand;
use sea_orm::DatabaseConnection;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the audit log's hash chain from its first entry to its last
    Verify,
}

pub async fn run(db: &DatabaseConnection, command: AuditCommand) -> anyhow::Result<()> {
    match command {
        AuditCommand::Verify => {
            let started = std::time::Instant::now();
            let checked = domain::audit::chain::verify(db).await.context("reading the audit log")?;
            let seconds = started.elapsed().as_secs_f32();
            match checked.broken {
                None => {
                    println!("audit log intact: {} entries, every link holds ({seconds:.1} s)", checked.entries);
                    Ok(())
                }
                Some(link) => bail!(
                    "audit log broken at entry {} (row id {}): {}; the {} entries before it hold",
                    link.seq,
                    link.id,
                    link.reason,
                    checked.entries
                ),
            }
        }
    }
}
