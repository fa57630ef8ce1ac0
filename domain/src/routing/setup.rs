//! The routing rules a ticket is routed by, read once per configuration version and shared
//! (every rule edit changes the version), so that opening a ticket reads no rule tables.

use super::conditions::RuleConditions;
use crate::{desk_config::cache, entities::routing_rule, error::DomainError};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::sync::Arc;

static COPIES: cache::Copies<Arc<Rules>> = cache::Copies::new();

/// One active rule, ready to match.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: i64,
    pub name: String,
    pub on_change: bool,
    pub conditions: RuleConditions,
    pub team_id: Option<i64>,
    pub category_id: Option<i64>,
    pub priority_id: Option<i64>,
    pub tags: Vec<String>,
    pub skills: Vec<String>,
}

/// The active rules in order.
#[derive(Debug, Default)]
pub struct Rules {
    pub rules: Vec<Rule>,
}

impl Rules {
    /// The current rules: the shared copy while the configuration version `version` holds.
    pub async fn load(db: &impl ConnectionTrait, version: Option<i64>) -> Result<Arc<Rules>, DomainError> {
        if let Some(copy) = version.and_then(|v| COPIES.get(v)) {
            return Ok(copy);
        }
        let rules = Arc::new(Self::read(db).await?);
        if let Some(version) = version {
            COPIES.put(version, &rules);
        }
        Ok(rules)
    }

    async fn read(db: &impl ConnectionTrait) -> Result<Rules, DomainError> {
        let rows = routing_rule::Entity::find()
            .filter(routing_rule::Column::Active.eq(true))
            .order_by_asc(routing_rule::Column::Position)
            .order_by_asc(routing_rule::Column::Id)
            .all(db)
            .await?;
        let list = |json: &str| serde_json::from_str::<Vec<String>>(json).unwrap_or_default();
        let mut rules: Vec<Rule> = rows
            .into_iter()
            // A rule whose stored text no longer parses matches nothing.
            .filter_map(|r| {
                Some(Rule {
                    conditions: RuleConditions::parse(&r.conditions).ok()?,
                    id: r.id,
                    name: r.name,
                    on_change: r.on_change,
                    team_id: r.set_team_id,
                    category_id: r.set_category_id,
                    priority_id: r.set_priority_id,
                    tags: list(&r.add_tags),
                    skills: list(&r.required_skills),
                })
            })
            .collect();
        // Custom-field terms are resolved once here; a rule whose field is gone matches nothing.
        if rules.iter().any(|r| r.conditions.uses_custom_fields()) {
            let fields = crate::custom_fields::catalog::Fields::load(db).await?;
            for rule in &mut rules {
                if rule.conditions.uses_custom_fields() {
                    rule.conditions.resolve(&fields).ok();
                }
            }
        }
        Ok(Rules { rules })
    }

    /// Whether any rule (for changes only, when `on_change`) names a custom field.
    pub fn uses_custom_fields(&self, on_change: bool) -> bool {
        self.rules.iter().any(|r| (!on_change || r.on_change) && r.conditions.uses_custom_fields())
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub fn uses_organization(&self) -> bool {
        self.rules.iter().any(|r| r.conditions.uses_organization())
    }

    pub fn any_on_change(&self) -> bool {
        self.rules.iter().any(|r| r.on_change)
    }
}
