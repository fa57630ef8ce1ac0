//! The live events as a browser receives them: a topic, a kind and ids, never content. The
//! client refetches through server functions, so what it may read is decided in one place.

use serde::{Deserialize, Serialize};

/// What happened to a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LiveKind {
    Created,
    /// Status, priority, category, team, assignee or tags.
    Changed,
    /// A public reply.
    Message,
    /// An internal note (staff only).
    Note,
    /// A link added or removed (staff only).
    Linked,
    /// Merged into another ticket, or another ticket merged into it.
    Merged,
    /// A follower added or removed (staff only).
    Followed,
    Deleted,
}

impl LiveKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LiveKind::Created => "created",
            LiveKind::Changed => "changed",
            LiveKind::Message => "message",
            LiveKind::Note => "note",
            LiveKind::Linked => "linked",
            LiveKind::Merged => "merged",
            LiveKind::Followed => "followed",
            LiveKind::Deleted => "deleted",
        }
    }

    pub fn parse(text: &str) -> Option<LiveKind> {
        [
            LiveKind::Created,
            LiveKind::Changed,
            LiveKind::Message,
            LiveKind::Note,
            LiveKind::Linked,
            LiveKind::Merged,
            LiveKind::Followed,
            LiveKind::Deleted,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }

    /// Kinds only agents ever hear of: customers never learn of notes, links or followers.
    pub fn staff_only(self) -> bool {
        matches!(self, LiveKind::Note | LiveKind::Linked | LiveKind::Followed)
    }
}

/// The data of one `ticket` event: `{"topic":"ticket","kind":"message","id":42,"actor":7}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireEvent {
    pub topic: String,
    pub kind: LiveKind,
    /// The ticket's id.
    pub id: i64,
    /// The user whose change it was, so a page can tell another person's reply from its own.
    pub actor: Option<i64>,
}

/// The SSE event name of ticket events.
pub const TICKET_EVENT: &str = "ticket";
/// The SSE event name that tells a client it missed events and must refetch everything.
pub const RESET_EVENT: &str = "reset";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_notes_stay_with_staff() {
        for kind in [LiveKind::Created, LiveKind::Changed, LiveKind::Message, LiveKind::Note, LiveKind::Deleted] {
            assert_eq!(LiveKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(LiveKind::parse("nope"), None);
        assert!(LiveKind::Note.staff_only() && LiveKind::Linked.staff_only());
        assert!(!LiveKind::Message.staff_only() && !LiveKind::Changed.staff_only());
    }

    #[test]
    fn the_wire_shape_is_ids_only() {
        let event = WireEvent { topic: TICKET_EVENT.into(), kind: LiveKind::Message, id: 42, actor: Some(7) };
        let text = serde_json::to_string(&event).expect("serialise");
        assert_eq!(text, r#"{"topic":"ticket","kind":"message","id":42,"actor":7}"#);
    }
}
