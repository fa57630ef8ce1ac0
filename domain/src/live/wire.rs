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
    /// An agent has the ticket open (a heartbeat; staff only).
    Viewing,
    /// An agent is typing a reply or note on the ticket (staff only).
    Typing,
    /// An agent closed the ticket's page (staff only).
    Left,
    /// Agents were notified of a change to the ticket, after it committed (staff only): bells
    /// refetch, pages do not.
    Notified,
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
            LiveKind::Viewing => "viewing",
            LiveKind::Typing => "typing",
            LiveKind::Left => "left",
            LiveKind::Notified => "notified",
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
            LiveKind::Viewing,
            LiveKind::Typing,
            LiveKind::Left,
            LiveKind::Notified,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }

    /// Kinds only agents ever hear of: customers never learn of notes, links, followers or who
    /// is looking at their ticket.
    pub fn staff_only(self) -> bool {
        matches!(self, LiveKind::Note | LiveKind::Linked | LiveKind::Followed | LiveKind::Notified)
            || self.is_presence()
    }

    /// Presence kinds say who is on a ticket; they change nothing, so pages do not refetch.
    pub fn is_presence(self) -> bool {
        matches!(self, LiveKind::Viewing | LiveKind::Typing | LiveKind::Left)
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

/// An open ticket page sends a presence heartbeat this often.
pub const PRESENCE_HEARTBEAT_SECONDS: u64 = 15;

/// The SSE event name of ticket events.
pub const TICKET_EVENT: &str = "ticket";
/// The SSE event name that tells a client it missed events and must refetch everything.
pub const RESET_EVENT: &str = "reset";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_notes_stay_with_staff() {
        let all = [
            LiveKind::Created,
            LiveKind::Changed,
            LiveKind::Message,
            LiveKind::Note,
            LiveKind::Deleted,
            LiveKind::Viewing,
            LiveKind::Typing,
            LiveKind::Left,
            LiveKind::Notified,
        ];
        for kind in all {
            assert_eq!(LiveKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(LiveKind::parse("nope"), None);
        assert!(LiveKind::Note.staff_only() && LiveKind::Linked.staff_only() && LiveKind::Notified.staff_only());
        assert!(!LiveKind::Message.staff_only() && !LiveKind::Changed.staff_only());
        assert!(LiveKind::Typing.staff_only() && LiveKind::Typing.is_presence() && !LiveKind::Note.is_presence());
    }

    #[test]
    fn the_wire_shape_is_ids_only() {
        let event = WireEvent { topic: TICKET_EVENT.into(), kind: LiveKind::Message, id: 42, actor: Some(7) };
        let text = serde_json::to_string(&event).expect("serialise");
        assert_eq!(text, r#"{"topic":"ticket","kind":"message","id":42,"actor":7}"#);
    }
}
