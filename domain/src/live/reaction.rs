//! The live-events reaction: one entry in the live-event log per change, of the kind that tells
//! browsers what to refetch, for the ticket's audience.

use super::{record, wire::LiveKind};
use crate::{
    reactions::{Happened, TicketEvent, dispatch::ReactionFuture},
    ticket_types::Visibility,
};
use sea_orm::DatabaseTransaction;

/// The kind a change is announced as: the most telling of its events.
pub fn kind_of(events: &[TicketEvent]) -> LiveKind {
    let rank = |event: &TicketEvent| match event {
        TicketEvent::Deleted => (7, LiveKind::Deleted),
        TicketEvent::Created { .. } => (6, LiveKind::Created),
        TicketEvent::MergedInto { .. } | TicketEvent::MergedFrom { .. } => (5, LiveKind::Merged),
        TicketEvent::MessageAdded { visibility: Visibility::Public, .. } => (4, LiveKind::Message),
        TicketEvent::MessageAdded { visibility: Visibility::Internal, .. } => (3, LiveKind::Note),
        TicketEvent::FieldsChanged { .. }
        | TicketEvent::Assigned { .. }
        | TicketEvent::StatusChanged { .. }
        | TicketEvent::SlaFired { .. } => (2, LiveKind::Changed),
        TicketEvent::Linked { .. } | TicketEvent::Unlinked { .. } => (1, LiveKind::Linked),
        TicketEvent::FollowersChanged => (0, LiveKind::Followed),
    };
    events.iter().map(rank).max_by_key(|(r, _)| *r).map_or(LiveKind::Changed, |(_, kind)| kind)
}

pub fn announce<'a>(txn: &'a DatabaseTransaction, happened: &'a Happened) -> ReactionFuture<'a> {
    Box::pin(async move {
        if happened.events.is_empty() {
            return Ok(());
        }
        record(txn, &happened.ticket, &happened.audience, kind_of(&happened.events), &happened.actor).await
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{reactions::AuthorKind, ticket_types::Channel};

    #[test]
    fn a_change_is_announced_by_its_most_telling_event() {
        let reply = TicketEvent::MessageAdded {
            message_id: 1,
            visibility: Visibility::Public,
            author: AuthorKind::Agent,
            channel: Channel::Web,
        };
        let note = TicketEvent::MessageAdded {
            message_id: 2,
            visibility: Visibility::Internal,
            author: AuthorKind::Agent,
            channel: Channel::Web,
        };
        let solved = TicketEvent::StatusChanged {
            from: crate::ticket_types::StatusCategory::Open,
            to: crate::ticket_types::StatusCategory::Solved,
        };
        assert_eq!(kind_of(&[solved.clone(), reply]), LiveKind::Message);
        assert_eq!(kind_of(&[note.clone()]), LiveKind::Note, "a note stays staff-only");
        assert_eq!(kind_of(&[solved]), LiveKind::Changed);
        assert_eq!(kind_of(&[TicketEvent::Linked { other: 3 }]), LiveKind::Linked);
        assert_eq!(
            kind_of(&[TicketEvent::Created { channel: Channel::Web, first_message_id: 1, quiet: true }, note]),
            LiveKind::Created
        );
    }
}
