//! Step 2: tickets with their configurable statuses, priorities and categories; the
//! conversation (public replies and internal notes); the append-only event history; counters.

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

async fn index(m: &SchemaManager<'_>, name: &str, table: &'static str, cols: &[&'static str]) -> Result<(), DbErr> {
    let mut stmt = Index::create().name(name).table(table).take();
    for col in cols {
        stmt.col(*col);
    }
    m.create_index(stmt).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("counters")
                .col(string_len("name", 64).primary_key())
                .col(big_integer("value"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("statuses")
                .col(big_pk_auto("id"))
                .col(string_len_uniq("name", 64))
                .col(string_len("category", 16))
                .col(integer("position"))
                .col(boolean("active").default(true))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("priorities")
                .col(big_pk_auto("id"))
                .col(string_len_uniq("name", 64))
                .col(integer("rank"))
                .col(boolean("is_default").default(false))
                .col(boolean("active").default(true))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("categories")
                .col(big_pk_auto("id"))
                .col(string_len_uniq("name", 100))
                .col(boolean("active").default(true))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("tickets")
                .col(big_pk_auto("id"))
                .col(big_integer_uniq("number"))
                .col(string_len("subject", 200))
                .col(big_integer("requester_id"))
                .col(big_integer_null("organization_id"))
                .col(string_len("channel", 16))
                .col(big_integer("status_id"))
                .col(big_integer("priority_id"))
                .col(big_integer_null("category_id"))
                .col(big_integer_null("team_id"))
                .col(big_integer_null("assignee_id"))
                .col(text("tags").default("[]"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("first_response_at"))
                .col(timestamp_with_time_zone_null("solved_at"))
                .foreign_key(&mut fk(
                    "fk_tickets_requester",
                    ("tickets", "requester_id"),
                    ("users", "id"),
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_tickets_organization",
                    ("tickets", "organization_id"),
                    ("organizations", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    "fk_tickets_status",
                    ("tickets", "status_id"),
                    ("statuses", "id"),
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_tickets_priority",
                    ("tickets", "priority_id"),
                    ("priorities", "id"),
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_tickets_category",
                    ("tickets", "category_id"),
                    ("categories", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    "fk_tickets_team",
                    ("tickets", "team_id"),
                    ("teams", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    "fk_tickets_assignee",
                    ("tickets", "assignee_id"),
                    ("users", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;
        index(m, "ix_tickets_status_updated", "tickets", &["status_id", "updated_at"]).await?;
        index(m, "ix_tickets_requester", "tickets", &["requester_id", "updated_at"]).await?;
        index(m, "ix_tickets_organization", "tickets", &["organization_id", "updated_at"]).await?;
        index(m, "ix_tickets_assignee", "tickets", &["assignee_id", "updated_at"]).await?;
        index(m, "ix_tickets_team", "tickets", &["team_id", "updated_at"]).await?;

        m.create_table(
            Table::create()
                .table("ticket_messages")
                .col(big_pk_auto("id"))
                .col(big_integer("ticket_id"))
                .col(big_integer_null("author_id"))
                .col(string_len("author_kind", 16))
                .col(string_len("visibility", 16))
                .col(string_len("channel", 16))
                .col(text("body"))
                .col(text("body_html"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk(
                    "fk_messages_ticket",
                    ("ticket_messages", "ticket_id"),
                    ("tickets", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_messages_author",
                    ("ticket_messages", "author_id"),
                    ("users", "id"),
                    ForeignKeyAction::SetNull,
                ))
                .take(),
        )
        .await?;
        index(m, "ix_ticket_messages_ticket", "ticket_messages", &["ticket_id", "id"]).await?;

        m.create_table(
            Table::create()
                .table("ticket_events")
                .col(big_pk_auto("id"))
                .col(big_integer("ticket_id"))
                .col(big_integer_null("actor_id"))
                .col(timestamp_with_time_zone("at"))
                .col(string_len("field", 32))
                .col(text_null("old_value"))
                .col(text_null("new_value"))
                .foreign_key(&mut fk(
                    "fk_events_ticket",
                    ("ticket_events", "ticket_id"),
                    ("tickets", "id"),
                    ForeignKeyAction::Cascade,
                ))
                .take(),
        )
        .await?;
        index(m, "ix_ticket_events_ticket", "ticket_events", &["ticket_id", "id"]).await?;

        let seed = |table: &'static str, cols: Vec<&'static str>, rows: Vec<Vec<SimpleExpr>>| {
            let mut insert = Query::insert().into_table(table).columns(cols).take();
            for row in rows {
                insert.values_panic(row);
            }
            insert
        };
        let statuses =
            [("New", "new"), ("Open", "open"), ("Pending", "pending"), ("Solved", "solved"), ("Closed", "closed")];
        m.exec_stmt(seed(
            "statuses",
            vec!["name", "category", "position", "active"],
            statuses
                .iter()
                .enumerate()
                .map(|(i, (n, c))| vec![(*n).into(), (*c).into(), (i as i32).into(), true.into()])
                .collect(),
        ))
        .await?;
        let priorities = [("Low", 1, false), ("Normal", 2, true), ("High", 3, false), ("Urgent", 4, false)];
        m.exec_stmt(seed(
            "priorities",
            vec!["name", "rank", "is_default", "active"],
            priorities.iter().map(|(n, r, d)| vec![(*n).into(), (*r).into(), (*d).into(), true.into()]).collect(),
        ))
        .await?;
        let categories = ["General", "Account", "Billing", "Technical"];
        m.exec_stmt(seed(
            "categories",
            vec!["name", "active"],
            categories.iter().map(|n| vec![(*n).into(), true.into()]).collect(),
        ))
        .await?;
        m.exec_stmt(seed("counters", vec!["name", "value"], vec![vec!["ticket_number".into(), 1000i64.into()]]))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["ticket_events", "ticket_messages", "tickets", "categories", "priorities", "statuses", "counters"]
        {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
