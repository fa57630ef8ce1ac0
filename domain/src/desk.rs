//! `Desk`: the handle to a running helpdesk (database and shared limiters) that the web
//! adapters, server functions and jobs are given.

use crate::accounts::SignInThrottle;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone)]
pub struct Desk {
    pub db: DatabaseConnection,
    pub sign_in_throttle: Arc<SignInThrottle>,
}

impl Desk {
    pub fn new(db: DatabaseConnection) -> Self {
        Desk { db, sign_in_throttle: Arc::new(SignInThrottle::default()) }
    }
}
