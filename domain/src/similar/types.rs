//! Wasm-safe views of similar requests.

use crate::{kb::types::ArticleHit, ticket_types::TicketSummary};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An open ticket that looks like the same problem, with how alike the two read (percent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarTicket {
    pub ticket: TicketSummary,
    pub created_at: DateTime<Utc>,
    pub similarity: u8,
}

/// What the portal shows beside a request being typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestions {
    pub articles: Vec<ArticleHit>,
    pub tickets: Vec<SimilarTicket>,
}
