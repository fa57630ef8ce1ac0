//! `outbox`: mail to send, written in the transaction of the change it tells about.

use crate::email_types::{DeliveryState, MailEvent};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `email`.
    pub kind: String,
    /// The template's event.
    pub event: MailEvent,
    pub mailbox_id: Option<i64>,
    pub ticket_id: Option<i64>,
    pub ticket_message_id: Option<i64>,
    /// Envelope sender (the mailbox's address).
    pub sender: String,
    pub recipient: String,
    /// Without angle brackets.
    pub message_id: String,
    /// The whole rendered message, sent as is on every attempt.
    pub payload: String,
    pub automatic: bool,
    pub state: DeliveryState,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub claimed_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
