//! `classifier_models`: the latest trained model of each kind (category, priority).

use crate::classifier::types::Kind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "classifier_models")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: Kind,
    pub trained_at: DateTimeUtc,
    pub samples: i64,
    pub held_out: i64,
    pub accuracy: f64,
    pub baseline: f64,
    pub training_ms: i32,
    /// JSON of the trained model.
    pub model: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
