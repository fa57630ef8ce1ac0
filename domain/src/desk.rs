//! `Desk`: the handle to a running helpdesk (database, group commit, file store, live hub and
//! shared limiters) that the web adapters, server functions and jobs are given.

use crate::{
    access::throttle::LinkThrottle,
    accounts::SignInThrottle,
    attachments::store::FileStore,
    group_commit::GroupCommit,
    kb::{feedback::FeedbackThrottle, views_counter::ViewCounter},
    live::{hub::LiveHub, presence::Presence},
};
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone)]
pub struct Desk {
    pub db: DatabaseConnection,
    /// Writes that share durable commits with other requests (opening tickets).
    pub writes: GroupCommit,
    pub sign_in_throttle: Arc<SignInThrottle>,
    /// Links mailed on request (sign-in links, resets, claims), per address and client.
    pub link_throttle: Arc<LinkThrottle>,
    pub files: FileStore,
    /// This process's live events; tailing starts with `live::tail::spawn`.
    pub live: LiveHub,
    /// Who is on which ticket, learnt from the live events (`Presence::follow`).
    pub presence: Presence,
    /// Help-center article views not yet written (`ViewCounter::spawn_flusher`).
    pub article_views: ViewCounter,
    /// "Was this helpful?" and "This answered my question", per client.
    pub feedback_throttle: Arc<FeedbackThrottle>,
}

impl Desk {
    pub fn new(db: DatabaseConnection, files: FileStore) -> Self {
        Desk {
            writes: GroupCommit::new(db.clone()),
            db,
            sign_in_throttle: Arc::new(SignInThrottle::default()),
            link_throttle: Arc::new(LinkThrottle::default()),
            files,
            live: LiveHub::default(),
            presence: Presence::default(),
            article_views: ViewCounter::default(),
            feedback_throttle: Arc::new(FeedbackThrottle::default()),
        }
    }
}
