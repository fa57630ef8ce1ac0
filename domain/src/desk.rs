//! `Desk`: the handle to a running helpdesk (database, file store and shared limiters) that the web
//! adapters, server functions and jobs are given.

use crate::{accounts::SignInThrottle, attachments::store::FileStore};
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone)]
pub struct Desk {
    pub db: DatabaseConnection,
    pub sign_in_throttle: Arc<SignInThrottle>,
    pub files: FileStore,
}

impl Desk {
    pub fn new(db: DatabaseConnection, files: FileStore) -> Self {
        Desk { db, sign_in_throttle: Arc::new(SignInThrottle::default()), files }
    }
}
