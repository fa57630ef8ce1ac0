//! Which tickets a routing rule applies to: the filter language that search, views and SLA
//! policies use (priority, category, team, org, channel, tag), plus `mailbox:` (the mailbox a
//! mail came in through, by name or address) and words or "phrases" in the subject or the first
//! message, stemmed as search stems them (`-word` for words that must not appear). Matched in
//! memory by today's names. Values of one field are alternatives; different fields, and every
//! word, must all hold. Custom fields (`field:"Devices affected">3`) are read as the search reads
//! them and compared with the request's values (`custom_fields::matching`).

use rust_stemmers::{Algorithm, Stemmer};

use crate::{
    custom_fields::{
        catalog::Fields,
        matching::{self, FieldCheck},
        values::Values,
    },
    error::DomainError,
    sla::conditions::{Conditions, Facts},
    ticket_filter::{FieldTerm, TextTerm, TicketFilter, tokens},
};

/// What a routing rule may name.
pub const FIELDS: &str = "priority, category, team, org, channel, tag, mailbox, custom fields and words";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleConditions {
    pub fields: Conditions,
    pub words: Vec<TextTerm>,
    /// Mailbox names or addresses, lower-cased.
    pub mailbox: Vec<String>,
    /// Custom-field terms as written.
    pub custom_terms: Vec<FieldTerm>,
    /// The terms resolved against the fields (`resolve`); until then, or when a field is gone,
    /// a rule with custom-field terms matches nothing.
    pub custom: Option<Vec<FieldCheck>>,
}

/// A ticket as the rules read it.
#[derive(Debug, Clone)]
pub struct RuleFacts {
    pub fields: Facts,
    /// The subject and the first message, as `words` (see there).
    pub text: String,
    /// The mailbox's name and address, lower-cased, when it came by mail.
    pub mailbox: Option<(String, String)>,
    /// Its custom-field values (read only when a rule names a custom field).
    pub custom: Values,
}

/// Lower-cased, stemmed words (English, as search stems them: "invoices" is "invoic", like
/// "invoice") separated by single spaces, with a space at each end, so that a word is found as
/// ` word ` and a phrase as ` the words `.
pub fn words(text: &str) -> String {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        out.push_str(&stemmer.stem(&word.to_lowercase()));
        out.push(' ');
    }
    out
}

/// A prefix as typed (`tunn*`): lower-cased, not stemmed.
fn prefix(text: &str) -> String {
    format!(" {}", text.trim().to_lowercase())
}

impl RuleConditions {
    pub fn parse(text: &str) -> Result<RuleConditions, String> {
        let mut mailbox = Vec::new();
        let mut rest = Vec::new();
        for token in tokens(text)? {
            match token.strip_prefix("mailbox:") {
                Some(value) => {
                    let value = value.trim_matches('"').trim().to_lowercase();
                    if value.is_empty() {
                        return Err("Name a mailbox after mailbox: (its name or address)".into());
                    }
                    mailbox.push(value);
                }
                None => rest.push(token),
            }
        }
        let mut filter = TicketFilter::parse(&rest.join(" "))?;
        let words = std::mem::take(&mut filter.text);
        let custom_terms = std::mem::take(&mut filter.fields);
        let fields = Conditions::from_filter(filter, "A routing rule")
            .map_err(|_| format!("A routing rule matches on {FIELDS} only"))?;
        Ok(RuleConditions { fields, words, mailbox, custom_terms, custom: None })
    }

    /// Resolves the custom-field terms against today's fields.
    pub fn resolve(&mut self, fields: &Fields) -> Result<(), DomainError> {
        self.custom = Some(matching::resolve(fields, &self.custom_terms)?);
        Ok(())
    }

    pub fn uses_custom_fields(&self) -> bool {
        !self.custom_terms.is_empty()
    }

    /// Whether matching needs the ticket's organization name.
    pub fn uses_organization(&self) -> bool {
        self.fields.uses_organization()
    }

    pub fn matches(&self, facts: &RuleFacts) -> bool {
        let mailbox_ok = self.mailbox.is_empty()
            || facts
                .mailbox
                .as_ref()
                .is_some_and(|(name, address)| self.mailbox.iter().any(|m| m == name || m == address));
        let custom_ok = self.custom_terms.is_empty()
            || self.custom.as_ref().is_some_and(|checks| matching::holds(checks, &facts.custom));
        mailbox_ok
            && custom_ok
            && self.fields.matches(&facts.fields)
            && self.words.iter().all(|term| found(term, &facts.text))
    }
}

fn found(term: &TextTerm, text: &str) -> bool {
    let present = if term.prefix { text.contains(&prefix(&term.text)) } else { text.contains(&words(&term.text)) };
    present != term.negated
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ticket_types::Channel;

    fn facts() -> RuleFacts {
        RuleFacts {
            fields: Facts {
                priority: "normal".into(),
                category: Some("network".into()),
                team: None,
                organization: Some("acme".into()),
                channel: Channel::Email,
                tags: vec![],
            },
            text: words("VPN drops every hour\n\nThe tunnel to the Berlin office disconnects, since Monday."),
            mailbox: Some(("support".into(), "support@docket.example".into())),
            custom: Values::new(),
        }
    }

    #[test]
    fn matching() {
        // (conditions, matches the facts above)
        let table = [
            ("", true),
            ("vpn", true),
            ("VPN tunnel", true),
            ("vpn printer", false),
            ("\"berlin office\"", true),
            ("\"office berlin\"", false),
            ("tunn*", true),
            ("tunnels disconnecting", true),
            ("\"offices in berlin\"", false),
            ("tun", false),
            ("vpn -printer", true),
            ("vpn -tunnel", false),
            ("mailbox:support", true),
            ("mailbox:support@docket.example channel:email", true),
            ("mailbox:billing", false),
            ("category:network org:acme vpn", true),
            ("category:billing vpn", false),
        ];
        for (text, expected) in table {
            assert_eq!(RuleConditions::parse(text).unwrap().matches(&facts()), expected, "{text}");
        }
    }

    #[test]
    fn web_requests_have_no_mailbox() {
        let mut web = facts();
        web.mailbox = None;
        assert!(!RuleConditions::parse("mailbox:support").unwrap().matches(&web));
    }

    #[test]
    fn refuses_what_a_new_ticket_has_not() {
        for bad in ["status:open", "assignee:me", "mailbox:", "created>2026-01-01", "channel:fax", "\"open"] {
            assert!(RuleConditions::parse(bad).is_err(), "{bad}");
        }
    }
}
