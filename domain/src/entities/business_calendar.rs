//! `business_calendars`: the opening hours service-level targets count on: a time zone and
//! weekly hours, or the built-in calendar that is always open.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "business_calendars")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// An IANA zone name (`Europe/Berlin`).
    pub time_zone: String,
    /// JSON `sla::types::WeekHours`; `None` for always open.
    pub weekly_hours: Option<String>,
    /// The 24/7 calendar every desk has; it cannot be edited or deleted.
    pub builtin: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
