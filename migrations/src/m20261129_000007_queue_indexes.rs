//! Step 7: speed at scale. Indexes that let the agent queues count their tickets from the index
//! alone (each agent's and each team's tickets by status), and the configuration's version row,
//! which lets processes keep the statuses, priorities, categories and teams in memory.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str); 2] =
    [("ix_tickets_assignee_status", "assignee_id"), ("ix_tickets_team_status", "team_id")];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, column) in INDEXES {
            m.create_index(Index::create().name(name).table("tickets").col(column).col("status_id").take()).await?;
        }
        // Any value will do; every change to the configuration replaces it with a random one.
        let version = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| (d.as_nanos() % i64::MAX as u128) as i64);
        m.exec_stmt(
            Query::insert()
                .into_table("counters")
                .columns(["name", "value"])
                .values_panic(["config_version".into(), version.into()])
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.exec_stmt(Query::delete().from_table("counters").and_where(Expr::col("name").eq("config_version")).take())
            .await?;
        for (name, _) in INDEXES {
            m.drop_index(Index::drop().name(name).table("tickets").to_owned()).await?;
        }
        Ok(())
    }
}
