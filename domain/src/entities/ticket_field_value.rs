//! `ticket_field_values`: a ticket's custom-field values, one row per field (one per chosen
//! option of a multi select), in the column its kind uses.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_field_values")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ticket_id: i64,
    pub field_id: i64,
    /// Text, long text, or one chosen option, as written.
    pub value_text: Option<String>,
    /// `value_text` lower-cased, for equality search (not kept for long text).
    pub value_folded: Option<String>,
    /// A number; a ticked checkbox is 1.
    pub value_number: Option<f64>,
    pub value_date: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
