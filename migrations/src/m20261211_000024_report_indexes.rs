//! Step 24: indexes for reports over large desks, each holding every column its report query
//! reads, so a period's figures read that period's index entries and never the rows: tickets by
//! when they were created and solved, SLA clocks by when they were met or breached (the breach
//! index, used by the SLA engine too, gains the columns), a clock's measured time by ticket, and
//! status changes by time.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str, &[&str]); 6] = [
    ("ix_tickets_created_at", "tickets", &["created_at", "solved_at", "first_response_at", "channel"]),
    ("ix_tickets_solved_at", "tickets", &["solved_at", "created_at"]),
    ("ix_sla_clocks_met_at", "sla_clocks", &["met_at", "state", "breach_at"]),
    ("ix_sla_clocks_breach", "sla_clocks", &["breach_at", "state", "met_at"]),
    ("ix_sla_clocks_measured", "sla_clocks", &["ticket_id", "metric", "state", "elapsed_seconds"]),
    ("ix_ticket_events_field_at", "ticket_events", &["field", "at"]),
];

fn index(name: &str, table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create().name(name).table(table).to_owned();
    for column in columns {
        index.col(*column);
    }
    index
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("ix_sla_clocks_breach").table("sla_clocks").to_owned()).await?;
        for (name, table, columns) in INDEXES {
            m.create_index(index(name, table, columns)).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            m.drop_index(Index::drop().name(name).table(table).to_owned()).await?;
        }
        m.create_index(index("ix_sla_clocks_breach", "sla_clocks", &["breach_at"])).await
    }
}
