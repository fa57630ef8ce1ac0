//! Step 12: an organization's email domains (any number, each belonging to one organization),
//! moved out of the single `organizations.domain` column; each team's ticket scope (whether its
//! agents see every ticket or only their teams'); and the team and assignee of each live event,
//! so that the stream tells a team-scoped agent only of the tickets they may see.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("organization_domains")
                .col(string_len("domain", 253).primary_key())
                .col(big_integer("organization_id"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_organization_domains_organization")
                        .from("organization_domains", "organization_id")
                        .to("organizations", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_organization_domains_organization")
                .table("organization_domains")
                .col("organization_id")
                .take(),
        )
        .await?;
        // The one domain each organization had moves over; two organizations that claimed the
        // same domain keep it on the older one.
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO organization_domains (domain, organization_id, created_at)
                 SELECT lower(domain), min(id), min(created_at) FROM organizations
                 WHERE domain IS NOT NULL AND domain <> '' GROUP BY lower(domain)",
            )
            .await?;
        m.alter_table(Table::alter().table("organizations").drop_column("domain").take()).await?;

        m.alter_table(Table::alter().table("teams").add_column(string_len("ticket_scope", 8).default("all")).take())
            .await?;
        m.alter_table(Table::alter().table("live_events").add_column(big_integer_null("team_id")).take()).await?;
        m.alter_table(Table::alter().table("live_events").add_column(big_integer_null("assignee_id")).take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("live_events").drop_column("assignee_id").take()).await?;
        m.alter_table(Table::alter().table("live_events").drop_column("team_id").take()).await?;
        m.alter_table(Table::alter().table("teams").drop_column("ticket_scope").take()).await?;
        m.alter_table(Table::alter().table("organizations").add_column(string_len_null("domain", 253)).take()).await?;
        m.get_connection()
            .execute_unprepared(
                "UPDATE organizations SET domain = (SELECT min(d.domain) FROM organization_domains d
                 WHERE d.organization_id = organizations.id)",
            )
            .await?;
        m.drop_table(Table::drop().table("organization_domains").take()).await
    }
}
