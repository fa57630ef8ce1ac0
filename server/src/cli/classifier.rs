//! `docket classifier train`: trains the suggested category and priority now (as the daily job
//! does) and prints how each model did on the tickets held out from its training.

use anyhow::Context;
use clap::Subcommand;
use sea_orm::DatabaseConnection;

#[derive(Debug, Subcommand)]
pub enum ClassifierCommand {
    /// Train on the desk's solved tickets now and print the held-out accuracy
    Train,
}

pub async fn run(db: &DatabaseConnection, command: ClassifierCommand) -> anyhow::Result<()> {
    match command {
        ClassifierCommand::Train => {
            let models = domain::classifier::train::train(db).await.context("training the classifier")?;
            if models.is_empty() {
                println!("nothing to learn from: no solved tickets with a category or priority");
            }
            for m in models {
                println!(
                    "{}: {} solved tickets, {} held out; right {:.1} %, always the most common {:.1} %; {:.1} s",
                    m.kind.as_str(),
                    m.samples,
                    m.held_out,
                    m.accuracy * 100.0,
                    m.baseline * 100.0,
                    f64::from(m.training_ms) / 1000.0
                );
            }
            Ok(())
        }
    }
}
