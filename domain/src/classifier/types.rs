//! Wasm-safe vocabulary of the suggested category and priority: which field a model suggests,
//! how well it did, and what agents and admins are shown.

#[cfg(feature = "server")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// The field a model suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    #[cfg_attr(feature = "server", sea_orm(string_value = "category"))]
    Category,
    #[cfg_attr(feature = "server", sea_orm(string_value = "priority"))]
    Priority,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Category, Kind::Priority];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Category => "category",
            Kind::Priority => "priority",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Category => "Category",
            Kind::Priority => "Priority",
        }
    }
}

/// A trained model, as the settings show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelView {
    pub kind: Kind,
    pub trained_at: chrono::DateTime<chrono::Utc>,
    /// Solved tickets it learned from.
    pub samples: u64,
    /// Solved tickets held out to measure it.
    pub held_out: u64,
    /// Share of the held-out tickets it guessed right (0 to 1).
    pub accuracy: f64,
    /// Share that always guessing the most common value gets right.
    pub baseline: f64,
    pub training_ms: u32,
}

/// The classifier's settings and models.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassifierView {
    pub models: Vec<ModelView>,
    /// Suggestions at or above this confidence (percent) apply by themselves to new tickets.
    pub apply_above: Option<u8>,
    /// A training is queued or running.
    pub training: bool,
}

/// A suggested value for a ticket's field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub kind: Kind,
    pub id: i64,
    pub name: String,
    /// Percent.
    pub confidence: u8,
}
