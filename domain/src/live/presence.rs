//! Presence: which agents have a ticket open, and who is typing on it. Heartbeats travel as
//! live events, so every process (and so every agent, whichever process serves them) learns of
//! them through its own hub; each process keeps the picture in memory, and it expires by itself.

use super::{
    event::LiveEvent,
    hub::LiveHub,
    wire::{LiveKind, PRESENCE_HEARTBEAT_SECONDS},
};
use crate::{
    accounts::people::people,
    db::begin_write,
    error::DomainError,
    policy::{Actor, TicketAction, can_on_ticket},
    ticket_access,
    views::PresenceView,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex, MutexGuard},
};
use tokio::{sync::broadcast::error::RecvError, task::JoinHandle};

/// Someone is shown as viewing this long after their last heartbeat (two missed beats).
const VIEWING_FOR: Duration = Duration::seconds(PRESENCE_HEARTBEAT_SECONDS as i64 * 2 + 5);
/// Someone is shown as typing this long after their last keystroke was reported.
const TYPING_FOR: Duration = Duration::seconds(8);

#[derive(Debug, Clone, Copy)]
struct Seen {
    until: DateTime<Utc>,
    typing_until: Option<DateTime<Utc>>,
}

/// The presence picture of one process.
#[derive(Clone, Default)]
pub struct Presence {
    tickets: Arc<Mutex<HashMap<i64, HashMap<i64, Seen>>>>,
}

impl Presence {
    fn tickets(&self) -> MutexGuard<'_, HashMap<i64, HashMap<i64, Seen>>> {
        // Every change is a single insert or removal, so a poisoned map is still whole.
        self.tickets.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Takes one live event: a heartbeat, a departure, or a message that ends someone's typing.
    pub fn apply(&self, event: &LiveEvent) {
        let Some(user) = event.actor_id else { return };
        let mut tickets = self.tickets();
        match event.kind {
            LiveKind::Viewing | LiveKind::Typing => {
                let seen = tickets
                    .entry(event.ticket_id)
                    .or_default()
                    .entry(user)
                    .or_insert(Seen { until: event.at, typing_until: None });
                seen.until = seen.until.max(event.at + VIEWING_FOR);
                if event.kind == LiveKind::Typing {
                    seen.typing_until = Some(event.at + TYPING_FOR);
                }
            }
            LiveKind::Left => {
                if let Some(viewers) = tickets.get_mut(&event.ticket_id) {
                    viewers.remove(&user);
                }
            }
            LiveKind::Message | LiveKind::Note => {
                if let Some(seen) = tickets.get_mut(&event.ticket_id).and_then(|v| v.get_mut(&user)) {
                    seen.typing_until = None;
                }
            }
            _ => {}
        }
    }

    /// Who is on a ticket at `now` (user id, typing), dropping whoever has gone quiet.
    pub fn on(&self, ticket_id: i64, now: DateTime<Utc>) -> Vec<(i64, bool)> {
        let mut tickets = self.tickets();
        let Some(viewers) = tickets.get_mut(&ticket_id) else { return Vec::new() };
        viewers.retain(|_, seen| seen.until > now);
        let mut here: Vec<(i64, bool)> =
            viewers.iter().map(|(user, seen)| (*user, seen.typing_until.is_some_and(|t| t > now))).collect();
        if viewers.is_empty() {
            tickets.remove(&ticket_id);
        }
        here.sort_unstable();
        here
    }

    /// Keeps the picture up to date from `hub` for as long as the process runs.
    pub fn follow(&self, hub: &LiveHub) -> JoinHandle<()> {
        let presence = self.clone();
        let mut receiver = hub.subscribe(None).receiver;
        tokio::spawn(async move {
            loop {
                match receiver.recv().await {
                    Ok(event) => presence.apply(&event),
                    // Heartbeats repeat, so whatever was missed is made good by the next ones.
                    Err(RecvError::Lagged(_)) => {}
                    Err(RecvError::Closed) => return,
                }
            }
        })
    }
}

/// Records that `actor` is viewing, typing on, or leaving a ticket (with `kind`; without, only
/// reads), and returns the other agents on it. Only those who may read the ticket's notes take
/// part.
pub async fn heartbeat(
    db: &DatabaseConnection,
    presence: &Presence,
    actor: &Actor,
    ticket_id: i64,
    kind: Option<LiveKind>,
) -> Result<Vec<PresenceView>, DomainError> {
    if kind.is_some_and(|k| !k.is_presence()) {
        return Err(DomainError::field("state", "Choose viewing, typing or left"));
    }
    let (row, facts) = ticket_access::visible_ticket(db, actor, ticket_id).await?;
    if !can_on_ticket(actor, TicketAction::SeeNotes, &facts) {
        return Err(DomainError::Forbidden);
    }
    let me = actor.principal().map(|p| p.user_id);
    if let Some(kind) = kind {
        let txn = begin_write(db).await?;
        super::record(&txn, &row, &facts, kind, actor).await?;
        super::commit(txn).await?;
    }
    let others: Vec<(i64, bool)> =
        presence.on(ticket_id, crate::clock::now()).into_iter().filter(|(user, _)| Some(*user) != me).collect();
    let names = people(db, others.iter().map(|(user, _)| *user).collect()).await?;
    Ok(others
        .into_iter()
        .filter_map(|(user_id, typing)| {
            names.get(&user_id).map(|u| PresenceView { user_id, name: u.name.clone(), typing })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::TicketFacts;

    fn beat(kind: LiveKind, user: i64, at: DateTime<Utc>) -> LiveEvent {
        LiveEvent {
            seq: 1,
            ticket_id: 9,
            kind,
            staff_only: true,
            audience: TicketFacts { ticket_id: 9, requester_id: 1, organization_id: None, organization_shares: false },
            team_id: None,
            assignee_id: None,
            actor_id: Some(user),
            at,
        }
    }

    #[test]
    fn viewers_expire_typing_ends_and_leaving_is_at_once() {
        let presence = Presence::default();
        let start = crate::clock::now();
        presence.apply(&beat(LiveKind::Viewing, 1, start));
        presence.apply(&beat(LiveKind::Typing, 2, start));
        assert_eq!(presence.on(9, start), [(1, false), (2, true)]);
        assert_eq!(presence.on(10, start), []);
        // Typing fades on its own, and at once when the typist sends.
        assert_eq!(presence.on(9, start + Duration::seconds(10)), [(1, false), (2, false)]);
        presence.apply(&beat(LiveKind::Typing, 2, start + Duration::seconds(11)));
        presence.apply(&beat(LiveKind::Message, 2, start + Duration::seconds(12)));
        assert_eq!(presence.on(9, start + Duration::seconds(12)), [(1, false), (2, false)]);
        // A departure is immediate; silence takes two missed heartbeats.
        presence.apply(&beat(LiveKind::Left, 2, start + Duration::seconds(13)));
        assert_eq!(presence.on(9, start + Duration::seconds(13)), [(1, false)]);
        assert_eq!(presence.on(9, start + VIEWING_FOR + Duration::seconds(1)), []);
    }

    #[test]
    fn an_old_heartbeat_replayed_late_does_not_bring_anyone_back() {
        let presence = Presence::default();
        let now = crate::clock::now();
        presence.apply(&beat(LiveKind::Viewing, 1, now - Duration::minutes(5)));
        assert_eq!(presence.on(9, now), []);
    }
}
