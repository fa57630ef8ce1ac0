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
    /// When they were read: "opened yesterday" counts from here.
    pub read_at: Option<DateTime<Utc>>,
}

/// "today", "yesterday", "3 days ago", "on 2026-11-02" (a month or more).
pub fn opened_phrase(created_at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match (now.date_naive() - created_at.date_naive()).num_days() {
        ..=0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        n @ 2..=30 => format!("{n} days ago"),
        _ => format!("on {}", created_at.format("%Y-%m-%d")),
    }
}

#[cfg(test)]
mod tests {
    use super::opened_phrase;
    use chrono::{TimeZone, Utc};

    #[test]
    fn opened_reads_like_speech() {
        let now = Utc.with_ymd_and_hms(2026, 12, 6, 9, 0, 0).unwrap();
        let at = |d, h| Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap();
        assert_eq!(opened_phrase(at(6, 1), now), "today");
        assert_eq!(opened_phrase(at(5, 23), now), "yesterday");
        assert_eq!(opened_phrase(at(1, 8), now), "5 days ago");
        assert_eq!(opened_phrase(Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap(), now), "on 2026-10-01");
    }
}
