//! Step 19: the trained models of the suggested category and priority (the latest of each kind,
//! with how well it did on the tickets held out from its training).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("classifier_models")
                .col(big_pk_auto("id"))
                // category or priority
                .col(string_len("kind", 16))
                .col(timestamp_with_time_zone("trained_at"))
                .col(big_integer("samples"))
                .col(big_integer("held_out"))
                // Shares of the held-out tickets guessed right, by the model and by always
                // guessing the most common class.
                .col(double("accuracy"))
                .col(double("baseline"))
                .col(integer("training_ms"))
                // JSON of the trained model.
                .col(text("model"))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_classifier_models_kind").table("classifier_models").col("kind").col("id").take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("classifier_models").take()).await
    }
}
