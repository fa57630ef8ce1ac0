//! Applying the routing rules to a ticket, pure: every matching rule in order; a field keeps the
//! value of the first rule that sets it, tags and needed skills add up. The outcome says which
//! rule set what, for the ticket's history.

use super::{conditions::RuleFacts, setup::Rule};

/// What the rules decided.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Routed {
    pub team_id: Option<i64>,
    pub category_id: Option<i64>,
    pub priority_id: Option<i64>,
    /// Tags to add (not already on the ticket).
    pub tags: Vec<String>,
    pub skills: Vec<String>,
    /// The rules that matched and set something, by name, with what each set.
    pub applied: Vec<(String, Vec<Setting>)>,
}

/// One field a rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    Team(i64),
    Category(i64),
    Priority(i64),
    Tags(Vec<String>),
    Skills(Vec<String>),
}

impl Routed {
    pub fn is_empty(&self) -> bool {
        self.applied.is_empty()
    }
}

/// Applies `rules` (those for a change only when `changing`) to a ticket with `facts` and
/// `current_tags`.
pub fn route<'a>(
    rules: impl IntoIterator<Item = &'a Rule>,
    facts: &RuleFacts,
    current_tags: &[String],
    changing: bool,
) -> Routed {
    let mut out = Routed::default();
    for rule in rules.into_iter().filter(|r| !changing || r.on_change) {
        if !rule.conditions.matches(facts) {
            continue;
        }
        let mut set = Vec::new();
        if let Some(team) = rule.team_id.filter(|_| out.team_id.is_none()) {
            out.team_id = Some(team);
            set.push(Setting::Team(team));
        }
        if let Some(category) = rule.category_id.filter(|_| out.category_id.is_none()) {
            out.category_id = Some(category);
            set.push(Setting::Category(category));
        }
        if let Some(priority) = rule.priority_id.filter(|_| out.priority_id.is_none()) {
            out.priority_id = Some(priority);
            set.push(Setting::Priority(priority));
        }
        let tags: Vec<String> =
            rule.tags.iter().filter(|t| !current_tags.contains(t) && !out.tags.contains(t)).cloned().collect();
        if !tags.is_empty() {
            out.tags.extend(tags.iter().cloned());
            set.push(Setting::Tags(tags));
        }
        let skills: Vec<String> = rule.skills.iter().filter(|s| !out.skills.contains(s)).cloned().collect();
        if !skills.is_empty() {
            out.skills.extend(skills.iter().cloned());
            set.push(Setting::Skills(skills));
        }
        if !set.is_empty() {
            out.applied.push((rule.name.clone(), set));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        routing::conditions::{RuleConditions, words},
        sla::conditions::Facts,
        ticket_types::Channel,
    };

    fn rule(name: &str, conditions: &str, team: Option<i64>, priority: Option<i64>, tags: &[&str]) -> Rule {
        Rule {
            id: 0,
            name: name.into(),
            on_change: false,
            conditions: RuleConditions::parse(conditions).unwrap(),
            team_id: team,
            category_id: None,
            priority_id: priority,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            skills: vec![],
        }
    }

    fn facts(text: &str) -> RuleFacts {
        let fields = Facts {
            priority: "normal".into(),
            category: None,
            team: None,
            organization: None,
            channel: Channel::Web,
            tags: vec![],
        };
        RuleFacts { fields, text: words(text), mailbox: None, custom: Default::default() }
    }

    #[test]
    fn the_first_rule_to_set_a_field_wins_and_tags_add_up() {
        let rules = [
            rule("VPN", "vpn", Some(7), None, &["vpn"]),
            rule("Urgent words", "down", Some(9), Some(3), &["outage", "vpn"]),
            rule("Printers", "printer", Some(5), None, &["printer"]),
        ];
        let routed = route(&rules, &facts("VPN is down"), &[], false);
        assert_eq!(routed.team_id, Some(7));
        assert_eq!(routed.priority_id, Some(3));
        assert_eq!(routed.tags, ["vpn", "outage"]);
        assert_eq!(routed.applied.len(), 2);
        assert_eq!(
            routed.applied[1],
            ("Urgent words".to_owned(), vec![Setting::Priority(3), Setting::Tags(vec!["outage".into()])])
        );
        assert!(route(&rules, &facts("Invoice question"), &[], false).is_empty());
    }

    #[test]
    fn changes_use_only_the_rules_for_changes_and_skip_tags_already_there() {
        let mut on_change = rule("Tag VPN", "vpn", None, None, &["vpn"]);
        on_change.on_change = true;
        let rules = [rule("VPN team", "vpn", Some(7), None, &[]), on_change];
        let routed = route(&rules, &facts("vpn"), &[], true);
        assert_eq!((routed.team_id, routed.tags.clone()), (None, vec!["vpn".to_owned()]));
        assert!(route(&rules, &facts("vpn"), &["vpn".to_owned()], true).is_empty());
    }
}
