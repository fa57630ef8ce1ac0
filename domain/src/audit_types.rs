//! The audit log as pages and the API see it: an entry, the filter (who, what, which object,
//! when) with its checks, and one page of entries, newest first.

use crate::{error::DomainError, validation::Checks};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Entries per page.
pub const PER_PAGE: u64 = 50;

/// The filter as typed into the page's form or the API's query (all text, all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilterInput {
    /// Who: an email address, or `system` for changes no person made.
    pub actor: Option<String>,
    /// What: an action (`ticket.delete`) or a family of them (`ticket`).
    pub action: Option<String>,
    /// Which object: its kind (`ticket`, `user`, …).
    pub target_kind: Option<String>,
    /// … and its id.
    pub target_id: Option<String>,
    /// When: the first and last day (UTC), as YYYY-MM-DD.
    pub from: Option<String>,
    pub to: Option<String>,
    /// The next page: entries before this place in the chain.
    pub before: Option<String>,
}

/// Whose entries: a person's (by email) or the system's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditActor {
    Email(String),
    System,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub actor: Option<AuditActor>,
    pub action: Option<String>,
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub before: Option<i64>,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Lower-case letters, digits, `_` and `.`: the shape of every action and object kind.
fn is_name(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
}

impl AuditFilterInput {
    /// The filter, or an error for each field that does not hold.
    pub fn parse(&self) -> Result<AuditFilter, DomainError> {
        let mut checks = Checks::new();
        let actor = given(&self.actor).and_then(|text| {
            if text.eq_ignore_ascii_case("system") {
                Some(AuditActor::System)
            } else {
                let valid =
                    text.len() <= 254 && text.split_once('@').is_some_and(|(l, d)| !l.is_empty() && !d.is_empty());
                checks.check(
                    "actor",
                    if valid {
                        Ok(AuditActor::Email(text.to_lowercase()))
                    } else {
                        Err("Enter an email address, or system")
                    },
                )
            }
        });
        let action = given(&self.action).and_then(|text| {
            let text = text.to_lowercase();
            let valid = text.len() <= 64 && is_name(&text);
            checks
                .check("action", if valid { Ok(text) } else { Err("Enter an action such as ticket.delete, or ticket") })
        });
        let target_kind = given(&self.target_kind).and_then(|text| {
            let text = text.to_lowercase();
            let valid = text.len() <= 32 && is_name(&text);
            checks.check("target_kind", if valid { Ok(text) } else { Err("Choose a kind of object") })
        });
        let target_id = given(&self.target_id).and_then(|text| {
            checks.check(
                "target_id",
                text.parse::<i64>().ok().filter(|id| *id > 0).ok_or("Enter the object's number (id)"),
            )
        });
        if target_id.is_some() && target_kind.is_none() && !checks.has("target_kind") {
            checks.add("target_kind", "Choose the kind of object the id belongs to");
        }
        let date = |checks: &mut Checks, field: &str, value: &Option<String>| {
            given(value).and_then(|text| {
                checks
                    .check(field, NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| "Enter a date as YYYY-MM-DD"))
            })
        };
        let from = date(&mut checks, "from", &self.from);
        let to = date(&mut checks, "to", &self.to);
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            checks.add("to", "The last day comes before the first");
        }
        let before = given(&self.before).and_then(|text| {
            checks
                .check("before", text.parse::<i64>().ok().filter(|seq| *seq > 0).ok_or("This page link is out of date"))
        });
        checks.finish()?;
        Ok(AuditFilter { actor, action, target_kind, target_id, from, to, before })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// The entry's place in the chain, from 1.
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    /// The actor's name and email; `None` for the system, or a person since deleted.
    pub actor_name: Option<String>,
    pub actor_email: Option<String>,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<i64>,
    /// A JSON object with the details of the change.
    pub detail: String,
    /// The entry's hash in the chain.
    pub hash: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` for the next (older) page; `None` on the last page.
    pub next_before: Option<i64>,
    /// The kinds of object the log names, for the filter's choices.
    pub kinds: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::{AuditActor, AuditFilterInput};

    fn input(pairs: &[(&str, &str)]) -> AuditFilterInput {
        let mut input = AuditFilterInput::default();
        for (key, value) in pairs {
            let slot = match *key {
                "actor" => &mut input.actor,
                "action" => &mut input.action,
                "target_kind" => &mut input.target_kind,
                "target_id" => &mut input.target_id,
                "from" => &mut input.from,
                "to" => &mut input.to,
                _ => &mut input.before,
            };
            *slot = Some((*value).to_owned());
        }
        input
    }

    fn error_fields(pairs: &[(&str, &str)]) -> Vec<String> {
        let err = input(pairs).parse().expect_err("refused");
        err.fields().iter().map(|f| f.field.clone()).collect()
    }

    #[test]
    fn reads_and_checks_the_filter() {
        let filter = input(&[
            ("actor", " Admin@Example.com "),
            ("action", "Ticket"),
            ("target_kind", "ticket"),
            ("target_id", "7"),
        ])
        .parse()
        .expect("valid");
        assert_eq!(filter.actor, Some(AuditActor::Email("admin@example.com".into())));
        assert_eq!((filter.action.as_deref(), filter.target_id), (Some("ticket"), Some(7)));
        assert_eq!(input(&[("actor", "SYSTEM")]).parse().expect("valid").actor, Some(AuditActor::System));
        assert_eq!(input(&[]).parse().expect("empty"), Default::default());
        assert_eq!(error_fields(&[("actor", "nobody")]), ["actor"]);
        assert_eq!(error_fields(&[("action", "drop table;")]), ["action"]);
        assert_eq!(error_fields(&[("target_id", "12")]), ["target_kind"]);
        assert_eq!(error_fields(&[("target_kind", "ticket"), ("target_id", "-1")]), ["target_id"]);
        assert_eq!(error_fields(&[("from", "2026-12-08"), ("to", "2026-12-01")]), ["to"]);
        assert_eq!(error_fields(&[("from", "yesterday"), ("before", "x")]), ["from", "before"]);
    }
}
