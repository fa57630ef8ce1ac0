//! The live hub of one process: fans events out to its subscribers and keeps the latest ones
//! for subscribers that reconnect with `Last-Event-ID`.

use super::event::LiveEvent;
use std::{
    collections::VecDeque,
    sync::{Arc, Mutex, MutexGuard},
};
use tokio::sync::broadcast;

/// Events kept for reconnecting subscribers.
pub const REPLAY_CAPACITY: usize = 4096;
/// Events a slow subscriber may fall behind before it is told to refetch everything.
const CHANNEL_CAPACITY: usize = 1024;

#[derive(Clone)]
pub struct LiveHub {
    inner: Arc<Inner>,
}

struct Inner {
    sender: broadcast::Sender<Arc<LiveEvent>>,
    replay: Mutex<Replay>,
}

/// The replay buffer holds every event with a sequence number above `floor`.
struct Replay {
    events: VecDeque<Arc<LiveEvent>>,
    floor: i64,
}

/// A new subscription: what it missed (or `None` when that is more than the buffer holds), and
/// the live events from the moment it subscribed.
pub struct Subscription {
    pub missed: Option<Vec<Arc<LiveEvent>>>,
    pub receiver: broadcast::Receiver<Arc<LiveEvent>>,
}

impl Default for LiveHub {
    fn default() -> Self {
        LiveHub {
            inner: Arc::new(Inner {
                sender: broadcast::channel(CHANNEL_CAPACITY).0,
                replay: Mutex::new(Replay { events: VecDeque::new(), floor: 0 }),
            }),
        }
    }
}

impl LiveHub {
    fn replay(&self) -> MutexGuard<'_, Replay> {
        // A panic while holding the lock cannot leave the buffer half-written: every change is
        // one push or pop.
        self.inner.replay.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Starts the buffer after `floor`, before any event is published.
    pub(crate) fn reset_floor(&self, floor: i64) {
        let mut replay = self.replay();
        replay.events.clear();
        replay.floor = floor;
    }

    /// Hands `event` to every subscriber and keeps it for replay.
    pub fn publish(&self, event: LiveEvent) {
        let event = Arc::new(event);
        let mut replay = self.replay();
        if replay.events.len() == REPLAY_CAPACITY
            && let Some(oldest) = replay.events.pop_front()
        {
            replay.floor = replay.floor.max(oldest.seq);
        }
        replay.events.push_back(event.clone());
        // Sent under the lock, so a subscriber sees each event exactly once: in its replay or
        // on its receiver. No receivers is not an error.
        let _ = self.inner.sender.send(event);
    }

    /// Subscribes; `after` is the last sequence number the subscriber saw, if any.
    pub fn subscribe(&self, after: Option<i64>) -> Subscription {
        let replay = self.replay();
        let receiver = self.inner.sender.subscribe();
        let missed = match after {
            None => Some(Vec::new()),
            Some(after) if after < replay.floor => None,
            Some(after) => Some(replay.events.iter().filter(|e| e.seq > after).cloned().collect()),
        };
        Subscription { missed, receiver }
    }

    /// How many subscribers are connected to this process.
    pub fn subscribers(&self) -> usize {
        self.inner.sender.receiver_count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{live::wire::LiveKind, policy::TicketFacts};

    fn event(seq: i64) -> LiveEvent {
        LiveEvent {
            seq,
            ticket_id: seq,
            kind: LiveKind::Changed,
            staff_only: false,
            audience: TicketFacts { ticket_id: 1, requester_id: 1, organization_id: None, organization_shares: false },
            team_id: None,
            assignee_id: None,
            actor_id: None,
            at: crate::clock::now(),
        }
    }

    #[test]
    fn a_reconnecting_subscriber_gets_what_it_missed_or_is_told_to_refetch() {
        let hub = LiveHub::default();
        hub.reset_floor(10);
        for seq in 11..=15 {
            hub.publish(event(seq));
        }
        let missed = hub.subscribe(Some(13)).missed.expect("within the buffer");
        assert_eq!(missed.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![14, 15]);
        assert_eq!(hub.subscribe(Some(15)).missed.map(|m| m.len()), Some(0));
        assert!(hub.subscribe(Some(10)).missed.is_some_and(|m| m.len() == 5));
        assert!(hub.subscribe(Some(9)).missed.is_none(), "older than the buffer");
        assert_eq!(hub.subscribe(None).missed.map(|m| m.len()), Some(0));
    }

    #[test]
    fn the_buffer_is_bounded_and_its_floor_moves() {
        let hub = LiveHub::default();
        let total = REPLAY_CAPACITY as i64 + 10;
        for seq in 1..=total {
            hub.publish(event(seq));
        }
        assert!(hub.subscribe(Some(5)).missed.is_none());
        let missed = hub.subscribe(Some(10)).missed.expect("just inside");
        assert_eq!(missed.len(), REPLAY_CAPACITY);
    }

    #[tokio::test]
    async fn live_events_arrive_once() {
        let hub = LiveHub::default();
        hub.publish(event(1));
        let mut sub = hub.subscribe(Some(0));
        hub.publish(event(2));
        assert_eq!(sub.missed.take().expect("replay").iter().map(|e| e.seq).collect::<Vec<_>>(), vec![1]);
        assert_eq!(sub.receiver.recv().await.expect("live").seq, 2);
        assert!(sub.receiver.try_recv().is_err());
    }
}
