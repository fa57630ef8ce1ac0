//! Step 26: a ticket message can hold mail from an outside sender: someone not on the ticket
//! who wrote into its thread (its Message-ID, or someone else's reply address). Such mail is kept
//! as an internal note with the sender's address in `outside_sender`, until an agent makes it
//! public or turns it into a ticket of its own.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let column = ColumnDef::new("outside_sender").string_len(254).null().to_owned();
        m.alter_table(Table::alter().table("ticket_messages").add_column(column).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("ticket_messages").drop_column("outside_sender").to_owned()).await
    }
}
