//! The Kanban board's shape: tickets as cards in columns by status, assignee or priority.

use crate::ticket_types::TicketSummary;
use serde::{Deserialize, Serialize};

/// At most this many cards show in a column (the most recently updated); the column's total
/// counts them all.
pub const CARDS_PER_COLUMN: u64 = 50;

/// The field a board's columns stand for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BoardGroup {
    #[default]
    Status,
    Assignee,
    Priority,
}

impl BoardGroup {
    pub const ALL: [BoardGroup; 3] = [Self::Status, Self::Assignee, Self::Priority];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Status => "status",
            Self::Assignee => "assignee",
            Self::Priority => "priority",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Status => "Status",
            Self::Assignee => "Assignee",
            Self::Priority => "Priority",
        }
    }

    pub fn parse(text: &str) -> Option<BoardGroup> {
        Self::ALL.into_iter().find(|g| g.as_str() == text)
    }

    /// The form field that moves a card between columns (`bulk_update_tickets` takes it).
    pub fn field(self) -> &'static str {
        match self {
            Self::Status => "status_id",
            Self::Assignee => "assignee_id",
            Self::Priority => "priority_id",
        }
    }
}

/// One column: its value (an id, or `none` for unassigned), its title, and its cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardColumn {
    pub value: String,
    pub title: String,
    pub total: u64,
    pub cards: Vec<TicketSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub group: BoardGroup,
    pub columns: Vec<BoardColumn>,
}

#[cfg(test)]
mod tests {
    use super::BoardGroup;

    #[test]
    fn groups_round_trip_and_name_their_field() {
        for group in BoardGroup::ALL {
            assert_eq!(BoardGroup::parse(group.as_str()), Some(group));
        }
        assert_eq!(BoardGroup::parse("team"), None);
        assert_eq!(BoardGroup::Assignee.field(), "assignee_id");
    }
}
