//! How rare each word is on this desk (`words::Idf`), learnt from its most recent requests
//! (subject and description) and read again at most once an hour per database.

use super::{
    tickets::first_messages,
    words::{Idf, Terms},
};
use crate::{desk_config::cache, entities::ticket, error::DomainError};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder, QuerySelect};
use std::{
    collections::HashMap,
    sync::{Arc, LazyLock, Mutex},
    time::{Duration, Instant},
};

/// Requests the word counts are learnt from.
pub const SAMPLE: u64 = 2_000;
const REUSE: Duration = Duration::from_secs(3600);

type Reads = HashMap<Option<i64>, (Instant, Arc<Idf>)>;
static READS: LazyLock<Mutex<Reads>> = LazyLock::new(Mutex::default);

/// The desk's word rarity, from the last read when it is under an hour old (per configuration
/// version, which tells databases apart).
pub async fn idf(db: &impl ConnectionTrait) -> Result<Arc<Idf>, DomainError> {
    let version = cache::version(db).await?;
    if let Ok(reads) = READS.lock()
        && let Some((at, read)) = reads.get(&version)
        && at.elapsed() < REUSE
    {
        return Ok(read.clone());
    }
    let read = Arc::new(read_idf(db).await?);
    if let Ok(mut reads) = READS.lock() {
        if reads.len() > 64 {
            reads.clear();
        }
        reads.insert(version, (Instant::now(), read.clone()));
    }
    Ok(read)
}

/// Learns the word counts now from the latest `SAMPLE` requests.
pub async fn read_idf(db: &impl ConnectionTrait) -> Result<Idf, DomainError> {
    let rows: Vec<(i64, String)> = ticket::Entity::find()
        .select_only()
        .column(ticket::Column::Id)
        .column(ticket::Column::Subject)
        .order_by_desc(ticket::Column::Id)
        .limit(SAMPLE)
        .into_tuple()
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|(id, _)| *id).collect();
    let bodies = first_messages(db, &ids).await?;
    let documents: Vec<Terms> = rows
        .iter()
        .map(|(id, subject)| Terms::of(subject, bodies.get(id).map(String::as_str).unwrap_or_default()))
        .collect();
    Ok(Idf::from_documents(&documents))
}
