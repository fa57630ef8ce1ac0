//! The service-level setup a change is measured against: calendars (with holidays) ready for
//! business-time sums, and the policies in order with their conditions, targets and escalation
//! rules. Read once per configuration version and shared (every SLA edit changes the version),
//! so that the reaction to a ticket change reads no policy tables.

use super::{
    calendar::{Calendar, Holiday},
    conditions::{Conditions, Facts},
    types::{Metric, WeekHours},
};
use crate::{
    desk_config::cache,
    entities::{business_calendar, calendar_holiday, sla_escalation, sla_policy, sla_target},
    error::DomainError,
};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};
use std::{collections::HashMap, sync::Arc};

static COPIES: cache::Copies<Arc<Setup>> = cache::Copies::new();

#[derive(Debug, Clone)]
pub struct CalendarEntry {
    pub name: String,
    pub calendar: Calendar,
}

#[derive(Debug, Clone)]
pub struct TargetEntry {
    pub metric: Metric,
    pub minutes: i32,
    pub calendar_id: i64,
}

#[derive(Debug, Clone)]
pub struct PolicyEntry {
    pub id: i64,
    pub name: String,
    pub active: bool,
    /// `None` when the stored text no longer parses: the policy then matches nothing.
    pub conditions: Option<Conditions>,
    pub targets: Vec<TargetEntry>,
    /// By percent.
    pub escalations: Vec<sla_escalation::Model>,
}

impl PolicyEntry {
    pub fn target(&self, metric: Metric) -> Option<&TargetEntry> {
        self.targets.iter().find(|t| t.metric == metric)
    }

    /// The escalation rules that watch `metric`.
    pub fn escalations_for(&self, metric: Metric) -> impl Iterator<Item = &sla_escalation::Model> {
        self.escalations.iter().filter(move |e| e.metric.is_none_or(|m| m == metric))
    }
}

#[derive(Debug, Default)]
pub struct Setup {
    pub calendars: HashMap<i64, CalendarEntry>,
    /// By position, then id.
    pub policies: Vec<PolicyEntry>,
}

/// Weekly hours as stored; `None` (always open) when absent.
pub fn week_of(row: &business_calendar::Model) -> Option<WeekHours> {
    row.weekly_hours.as_deref().and_then(|json| serde_json::from_str(json).ok())
}

/// A calendar row with its holidays, ready for sums. A zone the build does not know counts as UTC.
pub fn calendar_of(row: &business_calendar::Model, holidays: &[Holiday]) -> Calendar {
    match week_of(row) {
        None => Calendar::always_open(),
        Some(week) => Calendar::new(row.time_zone.parse().unwrap_or(chrono_tz::UTC), week, holidays),
    }
}

impl Setup {
    /// The current setup: the shared copy while the configuration version holds.
    pub async fn load(db: &impl ConnectionTrait) -> Result<Arc<Setup>, DomainError> {
        let version = cache::version(db).await?;
        if let Some(copy) = version.and_then(|v| COPIES.get(v)) {
            return Ok(copy);
        }
        let setup = Arc::new(Self::read(db).await?);
        if let Some(version) = version {
            COPIES.put(version, &setup);
        }
        Ok(setup)
    }

    async fn read(db: &impl ConnectionTrait) -> Result<Setup, DomainError> {
        let mut holidays: HashMap<i64, Vec<Holiday>> = HashMap::new();
        for h in calendar_holiday::Entity::find().all(db).await? {
            holidays.entry(h.calendar_id).or_default().push(Holiday { date: h.day, yearly: h.yearly });
        }
        let calendars = business_calendar::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|row| {
                let calendar = calendar_of(&row, holidays.get(&row.id).map_or(&[], Vec::as_slice));
                (row.id, CalendarEntry { name: row.name, calendar })
            })
            .collect();
        let mut targets: HashMap<i64, Vec<TargetEntry>> = HashMap::new();
        for t in sla_target::Entity::find().all(db).await? {
            let entry = TargetEntry { metric: t.metric, minutes: t.minutes, calendar_id: t.calendar_id };
            targets.entry(t.policy_id).or_default().push(entry);
        }
        let mut escalations: HashMap<i64, Vec<sla_escalation::Model>> = HashMap::new();
        for e in sla_escalation::Entity::find().order_by_asc(sla_escalation::Column::Percent).all(db).await? {
            escalations.entry(e.policy_id).or_default().push(e);
        }
        let policies = sla_policy::Entity::find()
            .order_by_asc(sla_policy::Column::Position)
            .order_by_asc(sla_policy::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|p| {
                let mut targets = targets.remove(&p.id).unwrap_or_default();
                targets.sort_by_key(|t| t.metric);
                PolicyEntry {
                    id: p.id,
                    name: p.name,
                    active: p.active,
                    conditions: Conditions::parse(&p.conditions).ok(),
                    targets,
                    escalations: escalations.remove(&p.id).unwrap_or_default(),
                }
            })
            .collect();
        Ok(Setup { calendars, policies })
    }

    /// True when no active policy has a target: nothing to measure.
    pub fn measures_nothing(&self) -> bool {
        !self.policies.iter().any(|p| p.active && !p.targets.is_empty())
    }

    /// Whether matching needs the ticket's organization name.
    pub fn needs_organization(&self) -> bool {
        self.policies.iter().any(|p| p.active && p.conditions.as_ref().is_some_and(Conditions::uses_organization))
    }

    /// The first active policy with targets whose conditions hold.
    pub fn policy_for(&self, facts: &Facts) -> Option<&PolicyEntry> {
        self.policies
            .iter()
            .find(|p| p.active && !p.targets.is_empty() && p.conditions.as_ref().is_some_and(|c| c.matches(facts)))
    }

    pub fn policy(&self, id: i64) -> Option<&PolicyEntry> {
        self.policies.iter().find(|p| p.id == id)
    }

    /// The calendar by id; the 24/7 calendar stands in for one that is gone.
    pub fn calendar(&self, id: i64) -> &Calendar {
        static ALWAYS: std::sync::LazyLock<Calendar> = std::sync::LazyLock::new(Calendar::always_open);
        self.calendars.get(&id).map_or(&ALWAYS, |c| &c.calendar)
    }

    pub fn calendar_name(&self, id: i64) -> String {
        self.calendars.get(&id).map_or_else(|| "Around the clock (24/7)".to_owned(), |c| c.name.clone())
    }
}
