//! Step 23: a due date on tickets, a plain calendar day an agent sets (apart from the SLA's
//! deadlines, which are instants), indexed for the calendar's month and week reads.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("tickets").add_column(date_null("due_on")).take()).await?;
        m.create_index(Index::create().name("ix_tickets_due_on").table("tickets").col("due_on").col("id").take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("ix_tickets_due_on").table("tickets").to_owned()).await?;
        m.alter_table(Table::alter().table("tickets").drop_column("due_on").take()).await
    }
}
