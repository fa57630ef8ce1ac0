//! Step 20: custom fields. A desk's own fields (`custom_fields`), the per-category forms that
//! choose which of them customers fill and in which order (`category_fields`), and the values,
//! one row per ticket and field (one per chosen option of a multi select) in typed columns, so
//! no field needs a table or a column of its own and searching on one uses an index.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("custom_fields")
                .col(big_pk_auto("id"))
                // The API's name for the field, set once from its first name and never changed.
                .col(string_len_uniq("key", 40))
                .col(string_len("name", 80))
                .col(string_len("help", 300).default(""))
                .col(string_len("kind", 20))
                // JSON array of the options of a select, in order.
                .col(text("options").default("[]"))
                .col(boolean("required_for_customers").default(false))
                .col(boolean("required_for_agents").default(false))
                .col(double_null("min_value"))
                .col(double_null("max_value"))
                .col(string_len_null("pattern", 200))
                .col(string_len_null("pattern_hint", 200))
                .col(boolean("customers_see").default(true))
                .col(boolean("show_in_lists").default(false))
                .col(boolean("active").default(true))
                .col(integer("position").default(0))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("category_fields")
                .col(big_integer("category_id"))
                .col(big_integer("field_id"))
                .col(integer("position").default(0))
                .primary_key(Index::create().col("category_id").col("field_id"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_category_fields_category")
                        .from("category_fields", "category_id")
                        .to("categories", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_category_fields_field")
                        .from("category_fields", "field_id")
                        .to("custom_fields", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("ticket_field_values")
                .col(big_pk_auto("id"))
                .col(big_integer("ticket_id"))
                .col(big_integer("field_id"))
                // The value as written (text, long text, a chosen option).
                .col(text_null("value_text"))
                // Lower-cased text of at most 500 characters, for equality search (not long text).
                .col(string_len_null("value_folded", 500))
                .col(double_null("value_number"))
                .col(date_null("value_date"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_ticket_field_values_ticket")
                        .from("ticket_field_values", "ticket_id")
                        .to("tickets", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_ticket_field_values_field")
                        .from("ticket_field_values", "field_id")
                        .to("custom_fields", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        let indexes: [(&str, &[&str]); 4] = [
            ("ix_ticket_field_values_ticket", &["ticket_id", "field_id"]),
            ("ix_ticket_field_values_folded", &["field_id", "value_folded", "ticket_id"]),
            ("ix_ticket_field_values_number", &["field_id", "value_number", "ticket_id"]),
            ("ix_ticket_field_values_date", &["field_id", "value_date", "ticket_id"]),
        ];
        for (name, cols) in indexes {
            let mut index = Index::create().name(name).table("ticket_field_values").take();
            for col in cols {
                index.col(*col);
            }
            m.create_index(index).await?;
        }
        m.create_index(Index::create().name("ix_category_fields_field").table("category_fields").col("field_id").take())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["ticket_field_values", "category_fields", "custom_fields"] {
            m.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
