//! Step 27: a keyed API request records, in its own write's transaction, that it was applied
//! (`applied_at`) and what it made (`resource`, e.g. `ticket:42`). A request that committed but
//! whose server died before the response was kept is then never run again: a retry is answered
//! from the resource, or told the request was applied.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "api_idempotency_keys";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        let applied = ColumnDef::new("applied_at").timestamp_with_time_zone().null().to_owned();
        m.alter_table(Table::alter().table(TABLE).add_column(applied).to_owned()).await?;
        let resource = ColumnDef::new("resource").string_len(80).null().to_owned();
        m.alter_table(Table::alter().table(TABLE).add_column(resource).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(TABLE).drop_column("resource").to_owned()).await?;
        m.alter_table(Table::alter().table(TABLE).drop_column("applied_at").to_owned()).await
    }
}
