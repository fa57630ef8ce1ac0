//! Which tickets a policy applies to: its conditions in the filter language that search and
//! views use, limited to the fields that describe a request (priority, category, team,
//! organization, channel, tags), and matched against a ticket in memory by today's names, as
//! search resolves them. Values of one field are alternatives; different fields must all hold.

use crate::{ticket_filter::TicketFilter, ticket_types::Channel};

/// The fields a policy may name.
pub const FIELDS: &str = "priority, category, team, org, channel and tag";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditions {
    pub priority: Vec<String>,
    pub category: Vec<String>,
    pub team: Vec<String>,
    pub organization: Vec<String>,
    pub channel: Vec<Channel>,
    pub tag: Vec<String>,
}

/// A ticket as the conditions read it: names lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub priority: String,
    pub category: Option<String>,
    pub team: Option<String>,
    pub organization: Option<String>,
    pub channel: Channel,
    pub tags: Vec<String>,
}

impl Conditions {
    pub fn parse(text: &str) -> Result<Conditions, String> {
        Conditions::from_filter(TicketFilter::parse(text)?, "A policy")
    }

    /// The request fields of a parsed filter; any other part is refused, naming `what` the
    /// conditions belong to ("A policy matches on …").
    pub fn from_filter(f: TicketFilter, what: &str) -> Result<Conditions, String> {
        let other = !f.text.is_empty()
            || !f.status.is_empty()
            || !f.assignee.is_empty()
            || !f.requester.is_empty()
            || !f.sla.is_empty()
            || f.breached.is_some()
            || f.due_within.is_some()
            || f.due_beyond.is_some()
            || f.created_from.is_some()
            || f.created_before.is_some()
            || f.updated_from.is_some()
            || f.updated_before.is_some();
        if other {
            return Err(format!("{what} matches on {FIELDS} only"));
        }
        // Custom fields are matched by the search (views, automation rules) and by routing rules
        // (`routing::conditions`), not by policies: refused plainly rather than ignored.
        if !f.fields.is_empty() {
            return Err(format!("{what} cannot match custom fields yet: an automation or routing rule can"));
        }
        let channel = f
            .channel
            .iter()
            .map(|c| {
                Channel::parse(c)
                    .ok_or_else(|| format!("No channel called \u{201c}{c}\u{201d}: use web, email, api, phone or chat"))
            })
            .collect::<Result<_, _>>()?;
        Ok(Conditions {
            priority: f.priority,
            category: f.category,
            team: f.team,
            organization: f.organization,
            channel,
            tag: f.tag,
        })
    }

    pub fn uses_organization(&self) -> bool {
        !self.organization.is_empty()
    }

    pub fn matches(&self, facts: &Facts) -> bool {
        fn one_of(wanted: &[String], value: Option<&str>) -> bool {
            wanted.is_empty() || value.is_some_and(|v| wanted.iter().any(|w| w == v))
        }
        one_of(&self.priority, Some(&facts.priority))
            && one_of(&self.category, facts.category.as_deref())
            && one_of(&self.team, facts.team.as_deref())
            && one_of(&self.organization, facts.organization.as_deref())
            && (self.channel.is_empty() || self.channel.contains(&facts.channel))
            && (self.tag.is_empty() || self.tag.iter().any(|t| facts.tags.contains(t)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts {
            priority: "urgent".into(),
            category: Some("billing".into()),
            team: None,
            organization: Some("acme".into()),
            channel: Channel::Email,
            tags: vec!["vip".into(), "invoice".into()],
        }
    }

    #[test]
    fn matching() {
        // (conditions, matches the facts above)
        let table = [
            ("", true),
            ("priority:urgent", true),
            ("priority:Urgent priority:high", true),
            ("priority:high", false),
            ("priority:urgent org:acme channel:email tag:vip", true),
            ("team:support", false),
            ("category:billing channel:web channel:phone", false),
            ("tag:vip tag:other", true),
            ("tag:other", false),
        ];
        for (text, expected) in table {
            assert_eq!(Conditions::parse(text).unwrap().matches(&facts()), expected, "{text}");
        }
    }

    #[test]
    fn only_request_fields() {
        for bad in [
            "printer",
            "status:open",
            "assignee:me",
            "created>2026-01-01",
            "channel:fax",
            "sla:gold",
            "field:devices>2",
        ] {
            assert!(Conditions::parse(bad).is_err(), "{bad}");
        }
    }
}
