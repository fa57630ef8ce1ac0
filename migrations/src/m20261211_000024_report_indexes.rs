//! Step 24: indexes for reports over large desks. Tickets by when they were created and solved,
//! SLA clocks by when they were met, and status changes by when they happened, so a period's
//! figures read that period's rows rather than the whole table.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str, &[&str]); 4] = [
    ("ix_tickets_created_at", "tickets", &["created_at"]),
    ("ix_tickets_solved_at", "tickets", &["solved_at"]),
    ("ix_sla_clocks_met_at", "sla_clocks", &["met_at"]),
    ("ix_ticket_events_field_at", "ticket_events", &["field", "at"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in INDEXES {
            let mut index = Index::create().name(name).table(table).to_owned();
            for column in columns {
                index.col(*column);
            }
            m.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            m.drop_index(Index::drop().name(name).table(table).to_owned()).await?;
        }
        Ok(())
    }
}
