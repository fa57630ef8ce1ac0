//! Step 13: service levels. Business-hours calendars (a time zone, weekly hours as JSON, or none
//! for the built-in 24/7 calendar) and their holidays; SLA policies (ordered, with conditions in
//! the filter language), their targets and their warning and breach rules; each team's tier;
//! and per ticket the SLA timeline (`sla_marks`, what the clocks count from), the clocks (with when
//! their next rule falls due, for the scheduler's sweep), the rules already fired, and the policy and next due time on the ticket row for the queues.
//! The timeline of existing tickets is filled from their public messages and status history.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    name: &str,
    from: (&'static str, &'static str),
    to: (&'static str, &'static str),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(on_delete).take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("business_calendars")
                .col(big_pk_auto("id"))
                .col(string_len_uniq("name", 100))
                .col(string_len("time_zone", 64))
                // JSON: seven lists (Monday first) of `{start, end}` minutes; NULL: always open.
                .col(text_null("weekly_hours"))
                .col(boolean("builtin").default(false))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO business_calendars (name, time_zone, weekly_hours, builtin, created_at, updated_at)
                 VALUES ('Around the clock (24/7)', 'UTC', NULL, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
            )
            .await?;
        m.create_table(
            Table::create()
                .table("calendar_holidays")
                .col(big_pk_auto("id"))
                .col(big_integer("calendar_id"))
                .col(string_len("name", 100))
                .col(date("day"))
                .col(boolean("yearly").default(false))
                .foreign_key(&mut fk(
                    "fk_calendar_holidays_calendar",
                    ("calendar_holidays", "calendar_id"),
                    ("business_calendars", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_calendar_holidays_day")
                .table("calendar_holidays")
                .col("calendar_id")
                .col("day")
                .unique()
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("sla_policies")
                .col(big_pk_auto("id"))
                .col(string_len_uniq("name", 100))
                .col(integer("position"))
                .col(boolean("active").default(true))
                .col(string_len("conditions", 500))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("sla_targets")
                .col(big_integer("policy_id"))
                .col(string_len("metric", 16))
                .col(integer("minutes"))
                .col(big_integer("calendar_id"))
                .primary_key(Index::create().col("policy_id").col("metric"))
                .foreign_key(&mut fk(
                    "fk_sla_targets_policy",
                    ("sla_targets", "policy_id"),
                    ("sla_policies", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_sla_targets_calendar",
                    ("sla_targets", "calendar_id"),
                    ("business_calendars", "id"),
                    ForeignKeyAction::Restrict,
                ))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("sla_escalations")
                .col(big_pk_auto("id"))
                .col(big_integer("policy_id"))
                // NULL: every target of the policy.
                .col(string_len_null("metric", 16))
                // Of the target: below 100 warns, 100 is the breach, above is a later level.
                .col(integer("percent"))
                .col(boolean("notify_assignee").default(false))
                .col(boolean("notify_team").default(false))
                // JSON list of user ids.
                .col(text("notify_user_ids"))
                .col(boolean("escalate_tier").default(false))
                .col(big_integer_null("reassign_team_id"))
                .col(boolean("raise_priority").default(false))
                .col(string_len_null("add_tag", 64))
                .foreign_key(&mut fk(
                    "fk_sla_escalations_policy",
                    ("sla_escalations", "policy_id"),
                    ("sla_policies", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_sla_escalations_team",
                    ("sla_escalations", "reassign_team_id"),
                    ("teams", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("sla_marks")
                .col(big_pk_auto("id"))
                .col(big_integer("ticket_id"))
                .col(timestamp_with_time_zone("at"))
                .col(string_len("mark", 16))
                .foreign_key(&mut fk(
                    "fk_sla_marks_ticket",
                    ("sla_marks", "ticket_id"),
                    ("tickets", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_sla_marks_ticket").table("sla_marks").col("ticket_id").col("id").take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("sla_clocks")
                .col(big_integer("ticket_id"))
                .col(string_len("metric", 16))
                .col(big_integer("policy_id"))
                .col(big_integer("calendar_id"))
                .col(integer("target_minutes"))
                .col(integer("cycle"))
                .col(string_len("state", 8))
                .col(timestamp_with_time_zone("started_at"))
                .col(timestamp_with_time_zone_null("running_since"))
                .col(big_integer("elapsed_seconds"))
                .col(timestamp_with_time_zone_null("due_at"))
                .col(timestamp_with_time_zone_null("met_at"))
                .col(timestamp_with_time_zone_null("breach_at"))
                // When the clock's next warning or breach rule falls due.
                .col(timestamp_with_time_zone_null("next_check_at"))
                .primary_key(Index::create().col("ticket_id").col("metric"))
                .foreign_key(&mut fk(
                    "fk_sla_clocks_ticket",
                    ("sla_clocks", "ticket_id"),
                    ("tickets", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("ix_sla_clocks_breach").table("sla_clocks").col("breach_at").take())
            .await?;
        m.create_index(
            Index::create().name("ix_sla_clocks_policy").table("sla_clocks").col("policy_id").col("metric").take(),
        )
        .await?;
        m.create_index(
            Index::create().name("ix_sla_clocks_next_check").table("sla_clocks").col("next_check_at").take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("sla_firings")
                .col(big_integer("ticket_id"))
                .col(string_len("metric", 16))
                .col(integer("cycle"))
                .col(big_integer("escalation_id"))
                .col(timestamp_with_time_zone("fired_at"))
                .primary_key(Index::create().col("ticket_id").col("metric").col("cycle").col("escalation_id"))
                .foreign_key(&mut fk(
                    "fk_sla_firings_ticket",
                    ("sla_firings", "ticket_id"),
                    ("tickets", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_sla_firings_escalation",
                    ("sla_firings", "escalation_id"),
                    ("sla_escalations", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;

        m.alter_table(Table::alter().table("tickets").add_column(big_integer_null("sla_policy_id")).take()).await?;
        m.alter_table(Table::alter().table("tickets").add_column(timestamp_with_time_zone_null("sla_due_at")).take())
            .await?;
        m.create_index(Index::create().name("ix_tickets_sla_due").table("tickets").col("sla_due_at").col("id").take())
            .await?;
        m.alter_table(Table::alter().table("teams").add_column(integer_null("tier")).take()).await?;

        // The timeline of the tickets there are: public messages, then status changes read
        // through today's status names (a status renamed since counts as open).
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO sla_marks (ticket_id, at, mark)
                 SELECT ticket_id, created_at,
                        CASE author_kind WHEN 'customer' THEN 'customer_message' ELSE 'agent_reply' END
                 FROM ticket_messages
                 WHERE visibility = 'public' AND author_kind IN ('customer', 'agent')
                 ORDER BY created_at, id",
            )
            .await?;
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO sla_marks (ticket_id, at, mark)
                 SELECT e.ticket_id, e.at,
                        CASE s.category WHEN 'pending' THEN 'paused' WHEN 'solved' THEN 'stopped'
                             WHEN 'closed' THEN 'stopped' ELSE 'running' END
                 FROM ticket_events e LEFT JOIN statuses s ON s.name = e.new_value
                 WHERE e.field = 'status'
                 ORDER BY e.at, e.id",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("teams").drop_column("tier").take()).await?;
        m.drop_index(Index::drop().name("ix_tickets_sla_due").table("tickets").to_owned()).await?;
        m.alter_table(Table::alter().table("tickets").drop_column("sla_due_at").take()).await?;
        m.alter_table(Table::alter().table("tickets").drop_column("sla_policy_id").take()).await?;
        for table in [
            "sla_firings",
            "sla_clocks",
            "sla_marks",
            "sla_escalations",
            "sla_targets",
            "sla_policies",
            "calendar_holidays",
            "business_calendars",
        ] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
