//! `custom_fields`: the fields a desk defines for its tickets, with their rules.

use crate::custom_fields::types::FieldKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "custom_fields")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The API's name for the field: set once, never changed.
    #[sea_orm(unique)]
    pub key: String,
    pub name: String,
    pub help: String,
    pub kind: FieldKind,
    /// JSON array of a select's options, in order.
    pub options: String,
    pub required_for_customers: bool,
    pub required_for_agents: bool,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub pattern: Option<String>,
    pub pattern_hint: Option<String>,
    pub customers_see: bool,
    pub show_in_lists: bool,
    pub active: bool,
    pub position: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
