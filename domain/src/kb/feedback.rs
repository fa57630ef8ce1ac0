//! What readers tell us about an article: "Was this helpful?" (one answer per visitor, which a new
//! answer replaces, with an optional comment) and "This answered my question" on the portal's
//! new-request form (a request that was never opened). Both are throttled per client.

use crate::{
    entities::{kb_article, kb_deflection, kb_vote},
    error::DomainError,
    kb::types::COMMENT_MAX_CHARS,
    policy::{Actor, article_reading},
};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter, clock::Clock as _, clock::DefaultClock};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set,
    sea_query::{Expr, ExprTrait, OnConflict},
};
use std::{net::IpAddr, num::NonZeroU32, time::Duration};

/// Answers per client: 30 at once, then one every 6 seconds.
pub struct FeedbackThrottle {
    by_client: DefaultKeyedRateLimiter<IpAddr>,
}

impl Default for FeedbackThrottle {
    fn default() -> Self {
        let quota = Quota::with_period(Duration::from_secs(6))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(30).unwrap_or(NonZeroU32::MIN));
        FeedbackThrottle { by_client: RateLimiter::keyed(quota) }
    }
}

impl FeedbackThrottle {
    /// Spends one answer for this client, or says how long to wait.
    pub fn spend(&self, client: Option<IpAddr>) -> Result<(), DomainError> {
        let Some(ip) = client else { return Ok(()) };
        let now = DefaultClock::default().now();
        self.by_client.check_key(&ip).map_err(|not_until| DomainError::RateLimited {
            retry_after_secs: Ord::max(not_until.wait_time_from(now).as_secs(), 1),
        })?;
        if self.by_client.len() > 100_000 {
            self.by_client.retain_recent();
        }
        Ok(())
    }
}

/// Who is voting, as stored: a signed-in person by id; anyone else by a hash of their address
/// and browser (neither is stored as such).
pub fn visitor_key(actor: &Actor, client: Option<IpAddr>, user_agent: &str) -> String {
    match actor {
        Actor::User(p) => format!("user:{}", p.user_id),
        _ => {
            let seen = format!("{}|{user_agent}", client.map(|ip| ip.to_string()).unwrap_or_default());
            let digest = crate::digest::sha256_hex(seen.as_bytes());
            format!("visitor:{}", &digest[..32])
        }
    }
}

/// The published article `actor` may read, or not found.
async fn readable(db: &impl ConnectionTrait, actor: &Actor, article_id: i64) -> Result<kb_article::Model, DomainError> {
    let article = kb_article::Entity::find_by_id(article_id).one(db).await?.ok_or(DomainError::NotFound)?;
    let reading = article_reading(actor);
    if reading.allows(article.visibility, article.state) && article.state == crate::kb::types::ArticleState::Published {
        Ok(article)
    } else {
        Err(DomainError::NotFound)
    }
}

/// Records (or changes) `visitor`'s answer to "Was this helpful?" and recounts the article's.
pub async fn vote(
    db: &DatabaseConnection,
    actor: &Actor,
    article_id: i64,
    visitor: &str,
    helpful: bool,
    comment: &str,
) -> Result<(), DomainError> {
    let comment = comment.trim();
    if comment.chars().count() > COMMENT_MAX_CHARS {
        return Err(DomainError::field("comment", format!("Use at most {COMMENT_MAX_CHARS} characters")));
    }
    let txn = crate::db::begin_write(db).await?;
    readable(&*txn, actor, article_id).await?;
    let row = kb_vote::ActiveModel {
        article_id: Set(article_id),
        visitor: Set(visitor.to_owned()),
        helpful: Set(helpful),
        comment: Set((!comment.is_empty()).then(|| comment.to_owned())),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    };
    kb_vote::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([kb_vote::Column::ArticleId, kb_vote::Column::Visitor])
                .update_columns([kb_vote::Column::Helpful, kb_vote::Column::Comment, kb_vote::Column::CreatedAt])
                .to_owned(),
        )
        .exec_without_returning(&*txn)
        .await?;
    let count = |yes: bool| {
        kb_vote::Entity::find()
            .filter(kb_vote::Column::ArticleId.eq(article_id))
            .filter(kb_vote::Column::Helpful.eq(yes))
            .count(&*txn)
    };
    let (yes, no) = (count(true).await?, count(false).await?);
    kb_article::Entity::update_many()
        .col_expr(kb_article::Column::HelpfulYes, Expr::value(yes as i64))
        .col_expr(kb_article::Column::HelpfulNo, Expr::value(no as i64))
        .filter(kb_article::Column::Id.eq(article_id))
        .exec(&*txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Counts a request that was not opened because this article answered it.
pub async fn deflect(db: &DatabaseConnection, actor: &Actor, article_id: i64) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    readable(&*txn, actor, article_id).await?;
    kb_deflection::ActiveModel {
        article_id: Set(article_id),
        user_id: Set(actor.principal().map(|p| p.user_id)),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    kb_article::Entity::update_many()
        .col_expr(kb_article::Column::Deflections, Expr::col(kb_article::Column::Deflections).add(1))
        .filter(kb_article::Column::Id.eq(article_id))
        .exec(&*txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// The comments readers left with their answers, newest first (for the article's writers).
pub async fn comments(
    db: &impl ConnectionTrait,
    article_id: i64,
    limit: u64,
) -> Result<Vec<(bool, String, chrono::DateTime<chrono::Utc>)>, DomainError> {
    use sea_orm::{QueryOrder, QuerySelect};
    Ok(kb_vote::Entity::find()
        .filter(kb_vote::Column::ArticleId.eq(article_id))
        .filter(kb_vote::Column::Comment.is_not_null())
        .order_by_desc(kb_vote::Column::CreatedAt)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|v| v.comment.map(|c| (v.helpful, c, v.created_at)))
        .collect())
}
