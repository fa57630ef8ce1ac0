//! `docket bench mail`: generated inbound mail (`seed::bench::mail`) parsed, threaded and
//! posted through the same ingest as every mail door, timed, with the parse step alone for scale.

use anyhow::Context;
use domain::{
    Actor,
    attachments::store::FileStore,
    desk::Desk,
    email::{ingest, limits::Limits, mailboxes, parse},
    email_types::MailboxInput,
    entities::mailbox,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::{collections::BTreeMap, path::Path, sync::Arc, time::Instant};

pub async fn run(db: &DatabaseConnection, data_dir: &Path, messages: u64, concurrency: u64) -> anyhow::Result<()> {
    seed::demo::seed(db).await.context("seeding the demo desk")?;
    let desk = Desk::new(db.clone(), FileStore::new(data_dir.join("files"), 25 * 1024 * 1024));
    let mailbox = bench_mailbox(db).await?;
    let raw = seed::bench::mail::messages(messages as usize, 1);
    let bytes: usize = raw.iter().map(Vec::len).sum();

    let started = Instant::now();
    for message in &raw {
        parse::parse(message, &Limits::default(), None).ok();
    }
    let parse_secs = started.elapsed().as_secs_f64();

    let raw = Arc::new(raw);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (desk, mailbox, raw, next) = (desk.clone(), mailbox.clone(), raw.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut outcomes: BTreeMap<&'static str, u64> = BTreeMap::new();
            loop {
                let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(message) = raw.get(n) else { break };
                let received = ingest::Received {
                    mailbox: &mailbox,
                    via: "smtp",
                    raw: message,
                    envelope_sender: None,
                    envelope_recipient: None,
                };
                let outcome = ingest::ingest(&desk, received).await?;
                *outcomes.entry(outcome.outcome.as_str()).or_default() += 1;
            }
            Ok::<_, domain::DomainError>(outcomes)
        }));
    }
    let mut outcomes: BTreeMap<&'static str, u64> = BTreeMap::new();
    for worker in workers {
        for (outcome, n) in worker.await.context("an ingest worker stopped")?.context("ingesting")? {
            *outcomes.entry(outcome).or_default() += n;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "ingested {messages} messages ({:.1} MB) in {secs:.2} s at {concurrency} at once: {:.0} messages/s; outcomes {outcomes:?}",
        bytes as f64 / 1e6,
        messages as f64 / secs
    );
    println!("parsing alone: {:.0} messages/s", messages as f64 / parse_secs);
    Ok(())
}

async fn bench_mailbox(db: &DatabaseConnection) -> anyhow::Result<mailbox::Model> {
    let address = "help@bench.example";
    if let Some(found) = mailbox::Entity::find().filter(mailbox::Column::Address.eq(address)).one(db).await? {
        return Ok(found);
    }
    let input = MailboxInput {
        name: "Bench Support".into(),
        address: address.into(),
        inbound: "smtp".into(),
        smtp_host: "127.0.0.1".into(),
        smtp_security: "none".into(),
        active: true,
        ..Default::default()
    };
    let view = mailboxes::create(db, &Actor::System, input).await.context("creating the bench mailbox")?;
    mailbox::Entity::find_by_id(view.id).one(db).await?.context("the bench mailbox")
}
