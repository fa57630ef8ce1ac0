//! Wire types every part of the API shares: named options, statuses, and the error body.

use domain::ticket_types::{OptionView, StatusView};
use serde::Serialize;
use utoipa::ToSchema;

/// Something with an id and a name: a priority, category, team, agent or organization.
#[derive(Debug, Serialize, ToSchema)]
pub struct Named {
    #[schema(example = 2)]
    pub id: i64,
    #[schema(example = "Normal")]
    pub name: String,
}

impl From<OptionView> for Named {
    fn from(o: OptionView) -> Self {
        Named { id: o.id, name: o.name }
    }
}

/// A configurable status and the fixed category it stands for.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusDto {
    #[schema(example = 2)]
    pub id: i64,
    #[schema(example = "Open")]
    pub name: String,
    /// One of `new`, `open`, `pending`, `solved`, `closed`.
    #[schema(example = "open")]
    pub category: String,
}

impl From<StatusView> for StatusDto {
    fn from(s: StatusView) -> Self {
        StatusDto { id: s.id, name: s.name, category: s.category.as_str().to_owned() }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatusList {
    pub items: Vec<StatusDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OptionList {
    pub items: Vec<Named>,
}

/// Every error: a stable code, a message for people, and the fields that need attention.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// `bad_request`, `unauthenticated`, `forbidden`, `not_found`, `method_not_allowed`,
    /// `conflict`, `too_large`, `validation`, `invalid_transition`, `rate_limited` or `internal`.
    #[schema(example = "validation")]
    pub code: String,
    #[schema(example = "some fields need attention")]
    pub message: String,
    pub fields: Vec<FieldErrorBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldErrorBody {
    #[schema(example = "subject")]
    pub field: String,
    #[schema(example = "Enter a subject")]
    pub message: String,
}
