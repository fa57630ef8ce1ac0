//! `notification_preferences`: how an agent hears of one kind of notification (`Channels`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_preferences")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// A `NotificationKind`'s `as_str`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    /// A `Channels`' `as_str`.
    pub channels: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
