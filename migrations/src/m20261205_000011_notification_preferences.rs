//! Step 11: how each agent wants to hear of each kind of notification (in the app, by email,
//! both, or not at all). A missing row means the kind's default, so upgrading changes nothing
//! for anyone until they choose.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("notification_preferences")
                .col(big_integer("user_id"))
                .col(string_len("kind", 24))
                .col(string_len("channels", 8))
                .primary_key(Index::create().col("user_id").col("kind"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_notification_preferences_user")
                        .from("notification_preferences", "user_id")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("notification_preferences").take()).await
    }
}
