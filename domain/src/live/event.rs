//! One live event as the server holds it: the wire data plus the ticket's audience, so that each
//! subscriber can be asked, through the one authorization policy, whether it may hear of it.

use super::wire::{LiveKind, TICKET_EVENT, WireEvent};
use crate::{
    entities::live_event,
    policy::{Actor, Reach, TicketAction, TicketFacts, can_on_ticket},
};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveEvent {
    /// The log row's id: increasing, shared by every process on the database, and the SSE id.
    pub seq: i64,
    pub ticket_id: i64,
    pub kind: LiveKind,
    pub staff_only: bool,
    pub audience: TicketFacts,
    /// The ticket's team and assignee after the change: an agent narrowed to their teams hears
    /// of the tickets within reach.
    pub team_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub actor_id: Option<i64>,
    /// When it was committed (by the writing process's clock).
    pub at: DateTime<Utc>,
}

impl LiveEvent {
    /// `None` for a row whose kind this build does not know (written by a newer process).
    pub fn from_row(row: live_event::Model) -> Option<LiveEvent> {
        Some(LiveEvent {
            seq: row.id,
            ticket_id: row.ticket_id,
            kind: LiveKind::parse(&row.kind)?,
            staff_only: row.staff_only,
            audience: TicketFacts {
                ticket_id: row.ticket_id,
                requester_id: row.requester_id,
                organization_id: row.organization_id,
                organization_shares: row.organization_shares,
            },
            team_id: row.team_id,
            assignee_id: row.assignee_id,
            actor_id: row.actor_id,
            at: row.created_at,
        })
    }

    /// Whether `actor`, whose reach is `reach`, may hear of this event: it may see the ticket,
    /// and, for notes, links and followers, it may see those too.
    pub fn visible_to(&self, actor: &Actor, reach: &Reach) -> bool {
        reach.covers(self.team_id, self.assignee_id)
            && can_on_ticket(actor, TicketAction::View, &self.audience)
            && (!self.staff_only || can_on_ticket(actor, TicketAction::SeeNotes, &self.audience))
    }

    pub fn wire(&self) -> WireEvent {
        WireEvent { topic: TICKET_EVENT.to_owned(), kind: self.kind, id: self.ticket_id, actor: self.actor_id }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Principal, Role};

    fn user(user_id: i64, role: Role, organization_id: Option<i64>) -> Actor {
        Actor::User(Principal { user_id, role, organization_id })
    }

    fn event(kind: LiveKind, shares: bool) -> LiveEvent {
        LiveEvent {
            seq: 1,
            ticket_id: 9,
            kind,
            staff_only: kind.staff_only(),
            audience: TicketFacts {
                ticket_id: 9,
                requester_id: 10,
                organization_id: Some(5),
                organization_shares: shares,
            },
            team_id: None,
            assignee_id: None,
            actor_id: Some(2),
            at: crate::clock::now(),
        }
    }

    #[test]
    fn customers_hear_only_of_tickets_they_may_read_and_never_of_notes() {
        let requester = user(10, Role::Customer, Some(5));
        let colleague = user(11, Role::Customer, Some(5));
        let stranger = user(12, Role::Customer, Some(6));
        let agent = user(2, Role::Agent, None);
        let reply = event(LiveKind::Message, false);
        assert!(reply.visible_to(&requester, &Reach::Everything));
        assert!(!reply.visible_to(&colleague, &Reach::Everything), "the organization does not share");
        assert!(event(LiveKind::Message, true).visible_to(&colleague, &Reach::Everything));
        assert!(!event(LiveKind::Message, true).visible_to(&stranger, &Reach::Everything));
        assert!(!reply.visible_to(&Actor::Anonymous, &Reach::Everything));
        for kind in [LiveKind::Note, LiveKind::Linked, LiveKind::Followed] {
            assert!(!event(kind, true).visible_to(&requester, &Reach::Everything), "{kind:?} reached the requester");
            assert!(event(kind, true).visible_to(&agent, &Reach::Everything));
        }
        assert!(reply.visible_to(&agent, &Reach::Everything));
        // An agent kept to their teams hears of their teams' tickets and their own.
        let narrowed = Reach::Teams { user_id: 2, teams: vec![3] };
        assert!(!reply.visible_to(&agent, &narrowed), "no team, not theirs");
        assert!(LiveEvent { team_id: Some(3), ..reply.clone() }.visible_to(&agent, &narrowed));
        assert!(LiveEvent { assignee_id: Some(2), ..reply.clone() }.visible_to(&agent, &narrowed));
        assert!(!LiveEvent { team_id: Some(4), ..reply }.visible_to(&agent, &narrowed));
    }
}
