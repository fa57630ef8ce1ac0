//! Article views, counted in memory and written in one statement per article every few seconds,
//! so that reading the help center never waits for a write. A process that dies loses at most
//! the views since its last flush.

use crate::{entities::kb_article, error::DomainError};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

/// How often counted views are written.
pub const FLUSH_EVERY: Duration = Duration::from_secs(5);

/// This process's views not yet written, by article.
#[derive(Clone, Default)]
pub struct ViewCounter {
    pending: Arc<Mutex<HashMap<i64, i64>>>,
}

impl ViewCounter {
    pub fn record(&self, article_id: i64) {
        if let Ok(mut pending) = self.pending.lock() {
            *pending.entry(article_id).or_default() += 1;
        }
    }

    /// Writes the counted views (one transaction); returns how many articles it touched. Views
    /// that cannot be written are counted again for the next flush.
    pub async fn flush(&self, db: &DatabaseConnection) -> Result<usize, DomainError> {
        let taken: HashMap<i64, i64> = match self.pending.lock() {
            Ok(mut pending) => std::mem::take(&mut *pending),
            Err(_) => return Ok(0),
        };
        if taken.is_empty() {
            return Ok(0);
        }
        let txn = crate::db::begin_write(db).await?;
        let mut result = Ok(());
        for (&id, &n) in &taken {
            let update = kb_article::Entity::update_many()
                .col_expr(kb_article::Column::Views, Expr::col(kb_article::Column::Views).add(n))
                .filter(kb_article::Column::Id.eq(id))
                .exec(&*txn)
                .await;
            if let Err(err) = update {
                result = Err(err);
                break;
            }
        }
        let result = match result {
            Ok(()) => txn.commit().await,
            Err(err) => Err(err),
        };
        match result {
            Ok(()) => Ok(taken.len()),
            Err(err) => {
                if let Ok(mut pending) = self.pending.lock() {
                    for (id, n) in taken {
                        *pending.entry(id).or_default() += n;
                    }
                }
                Err(err.into())
            }
        }
    }

    /// Flushes every `FLUSH_EVERY` until the runtime stops.
    pub fn spawn_flusher(&self, db: DatabaseConnection) -> tokio::task::JoinHandle<()> {
        let counter = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(FLUSH_EVERY);
            loop {
                tick.tick().await;
                if let Err(err) = counter.flush(&db).await {
                    tracing::warn!(error = %err, "article views not written yet; trying again");
                }
            }
        })
    }
}
