//! Wire types of tickets: list rows, one ticket, and the bodies that open and change tickets.

use super::{
    common::{Named, StatusDto},
    custom_fields::{CustomValue, CustomValueOrNull, values_of},
};
use chrono::{DateTime, NaiveDate, Utc};
use domain::ticket_types::{TicketSummary, TicketView};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A row of a ticket list.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketSummaryDto {
    #[schema(example = 42)]
    pub id: i64,
    #[schema(example = "DKT-1042")]
    pub reference: String,
    #[schema(example = "VPN disconnects every hour")]
    pub subject: String,
    pub status: StatusDto,
    pub priority: Named,
    pub requester: Named,
    pub assignee: Option<Named>,
    pub team: Option<Named>,
    pub updated_at: DateTime<Utc>,
    /// When the ticket's next service-level target falls due (past when overdue); null when no
    /// clock runs.
    pub due_at: Option<DateTime<Utc>>,
}

impl From<TicketSummary> for TicketSummaryDto {
    fn from(t: TicketSummary) -> Self {
        TicketSummaryDto {
            id: t.id,
            reference: t.reference,
            subject: t.subject,
            status: t.status.into(),
            priority: t.priority.into(),
            requester: t.requester.into(),
            assignee: t.assignee.map(Into::into),
            team: t.team.map(Into::into),
            updated_at: t.updated_at,
            due_at: t.due_at,
        }
    }
}

/// One page of tickets; pass `next_cursor` back as `cursor` for the next one.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketPage {
    pub items: Vec<TicketSummaryDto>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PersonDto {
    #[schema(example = 6)]
    pub id: i64,
    #[schema(example = "Casey Customer")]
    pub name: String,
    #[schema(example = "customer@example.com")]
    pub email: String,
}

/// One ticket. Its conversation is at `/api/v1/tickets/{id}/messages`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketDto {
    #[schema(example = 42)]
    pub id: i64,
    #[schema(example = "DKT-1042")]
    pub reference: String,
    #[schema(example = "VPN disconnects every hour")]
    pub subject: String,
    pub status: StatusDto,
    pub priority: Named,
    pub category: Option<Named>,
    pub team: Option<Named>,
    pub assignee: Option<Named>,
    pub requester: PersonDto,
    pub organization: Option<Named>,
    /// How the request arrived: `web`, `email`, `api`, `phone` or `chat`.
    #[schema(example = "api")]
    pub channel: String,
    /// The agents' labels; always empty for customers.
    pub tags: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub solved_at: Option<DateTime<Utc>>,
    /// When the next service-level target falls due (past when overdue).
    pub due_at: Option<DateTime<Utc>>,
    /// The day an agent set it due (`YYYY-MM-DD`, on the calendar); null for customers.
    #[schema(example = "2026-12-18")]
    pub due_on: Option<NaiveDate>,
    /// The SLA policy and its clocks; null for customers and for tickets no policy measures.
    pub sla: Option<super::sla::SlaDto>,
    /// Custom-field values by the field's key (`GET /api/v1/custom_fields`); fields without a
    /// value are left out, and customers get only the fields shown to them.
    #[schema(example = json!({ "contract_number": "A-1042", "devices_affected": 3 }))]
    pub custom_fields: BTreeMap<String, CustomValue>,
    /// The satisfaction survey its first solve opened, and the answer; null when none was
    /// opened, and for anyone but staff and the requester.
    pub satisfaction: Option<SatisfactionDto>,
}

/// A ticket's satisfaction survey.
#[derive(Debug, Serialize, ToSchema)]
pub struct SatisfactionDto {
    #[schema(example = "How would you rate the support you received?")]
    pub question: String,
    /// How many points the scale has: 2 (bad, good) or 5 (very poor to excellent).
    #[schema(example = 5, minimum = 2, maximum = 5)]
    pub scale: u8,
    /// From 1 (worst) to `scale` (best); null until the customer answers.
    #[schema(example = 4, minimum = 1, maximum = 5)]
    pub rating: Option<u8>,
    /// The rating in words, such as "Good".
    #[schema(example = "Good")]
    pub rating_label: Option<String>,
    /// The customer's comment, as they wrote it.
    pub comment: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

impl From<domain::csat::types::CsatView> for SatisfactionDto {
    fn from(v: domain::csat::types::CsatView) -> Self {
        SatisfactionDto {
            rating_label: v.rating_label().map(str::to_owned),
            question: v.question,
            scale: v.scale.points(),
            rating: v.rating,
            comment: v.comment,
            answered_at: v.answered_at,
        }
    }
}

impl From<TicketView> for TicketDto {
    fn from(v: TicketView) -> Self {
        let s = v.summary;
        TicketDto {
            id: s.id,
            reference: s.reference,
            subject: s.subject,
            status: s.status.into(),
            priority: s.priority.into(),
            category: v.category.map(Into::into),
            team: s.team.map(Into::into),
            assignee: s.assignee.map(Into::into),
            requester: PersonDto { id: s.requester.id, name: s.requester.name, email: v.requester_email },
            organization: v.organization.map(Into::into),
            channel: v.channel.as_str().to_owned(),
            tags: v.tags,
            created_at: v.created_at,
            updated_at: s.updated_at,
            first_response_at: v.first_response_at,
            solved_at: v.solved_at,
            due_at: s.due_at,
            due_on: v.due_on,
            sla: v.sla.map(Into::into),
            custom_fields: values_of(&v.fields),
            satisfaction: v.csat.map(Into::into),
        }
    }
}

/// A new ticket. Customers open tickets for themselves; agents name the requester, who becomes a
/// customer if they are new. The description is Markdown.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTicketBody {
    /// Required: up to 200 characters once trimmed, no control characters.
    #[serde(default)]
    #[schema(example = "VPN disconnects every hour", min_length = 1, pattern = r"\S")]
    pub subject: String,
    /// Required: up to 100,000 characters of Markdown, not only spaces.
    #[serde(default)]
    #[schema(example = "Since Monday the VPN drops roughly every hour.", min_length = 1, pattern = r"\S")]
    pub body: String,
    pub category_id: Option<i64>,
    /// Agents only.
    pub priority_id: Option<i64>,
    /// Agents only, and required for them.
    #[schema(example = "customer@example.com")]
    pub requester_email: Option<String>,
    /// Agents only: the name of a requester who is new.
    pub requester_name: Option<String>,
    /// Custom-field values by key. Customers fill the fields of their category's form (and must
    /// fill its required ones); others they send are left out. Agents may fill any active field.
    #[schema(example = json!({ "contract_number": "A-1042" }), value_type = BTreeMap<String, CustomValueOrNull>)]
    #[serde(default)]
    pub custom_fields: BTreeMap<String, Option<CustomValue>>,
}

/// `null` means "clear this field", absence means "leave it".
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Changes to a ticket; fields left out stay as they are. Customers may only change the status
/// of their own request (solve it, or reopen it when solved).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketPatch {
    pub status_id: Option<i64>,
    pub priority_id: Option<i64>,
    /// `null` clears the category.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub category_id: Option<Option<i64>>,
    /// `null` takes the ticket off its team.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub team_id: Option<Option<i64>>,
    /// `null` unassigns the ticket.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub assignee_id: Option<Option<i64>>,
    /// The whole new set of tags (normalised to lower case; at most 20).
    #[schema(example = json!(["vpn", "urgent"]))]
    pub tags: Option<Vec<String>>,
    /// The day it is due, `YYYY-MM-DD` between 2000-01-01 and 2099-12-31 (staff); `null`
    /// clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>, example = "2026-12-18")]
    pub due_on: Option<Option<NaiveDate>>,
    /// Solve or close a parent while some of its child tickets are still open (admin tokens
    /// only; audited). Without it such a change is a 422 on `status_id`.
    #[serde(default)]
    pub override_children: bool,
    /// Custom-field values to change, by key (staff); `null` clears one, and fields left out
    /// stay as they are.
    #[schema(example = json!({ "devices_affected": 12, "operating_system": null }), value_type = BTreeMap<String, CustomValueOrNull>)]
    #[serde(default)]
    pub custom_fields: BTreeMap<String, Option<CustomValue>>,
}

/// A ticket list's order: `updated` recently updated first (the default), `oldest` least recently
/// updated first, `created` newest first, `priority` highest first, `relevance` best match first
/// (with words to look for), `due` the next SLA due time first (tickets without one last).
/// It only describes, in the OpenAPI document, the strings the `sort` parameter takes.
#[derive(Debug, Clone, Copy, ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum TicketSortName {
    Updated,
    Oldest,
    Created,
    Priority,
    Relevance,
    Due,
}
