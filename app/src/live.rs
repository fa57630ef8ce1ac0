//! The live desk in the browser: the state the stream updates (`Live`), the connection that
//! feeds it, and `refreshed`, the resource pattern pages use to refetch when something changed.
//!
//! Events carry ids only. A burst of events is gathered for a moment and then bumps the
//! counters that resources are keyed on, so a page refetches once through its server functions.

use domain::live::wire::{LiveKind, WireEvent};
use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};
use std::{collections::HashMap, future::Future};

/// Where the stream stands, for the discreet indicator in the top bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveStatus {
    /// Not connected: signed out, or the page is not hydrated.
    Off,
    Connected,
    /// The connection dropped; the browser is trying again.
    Reconnecting,
}

impl LiveStatus {
    /// For the top bar's `data-live` attribute (what tests wait on before changing things).
    pub fn as_str(self) -> &'static str {
        match self {
            LiveStatus::Off => "off",
            LiveStatus::Connected => "connected",
            LiveStatus::Reconnecting => "reconnecting",
        }
    }
}

#[derive(Clone, Copy)]
pub struct Live {
    /// Moves on every change the user may see, and on a full refresh.
    everything: RwSignal<u64>,
    /// Moves on every change to one ticket.
    tickets: RwSignal<HashMap<i64, u64>>,
    /// Moves when the stream says events were missed: everything is refetched.
    resets: RwSignal<u64>,
    /// Moves on every presence event of one ticket (someone opened it, typed, or left).
    presence: RwSignal<HashMap<i64, u64>>,
    /// Moves when agents were notified of something (the bell refetches; pages need not).
    notified: RwSignal<u64>,
    pub status: RwSignal<LiveStatus>,
    /// The latest ticket event, as it arrived (not gathered), for pages that care who did what.
    pub latest: RwSignal<Option<WireEvent>>,
    /// Moves with `latest`: how many events arrived on this page so far.
    pub arrivals: RwSignal<u64>,
    pending: StoredValue<Vec<i64>>,
    scheduled: StoredValue<bool>,
}

impl Live {
    fn new() -> Live {
        Live {
            everything: RwSignal::new(0),
            tickets: RwSignal::new(HashMap::new()),
            resets: RwSignal::new(0),
            presence: RwSignal::new(HashMap::new()),
            notified: RwSignal::new(0),
            status: RwSignal::new(LiveStatus::Off),
            latest: RwSignal::new(None),
            arrivals: RwSignal::new(0),
            pending: StoredValue::new(Vec::new()),
            scheduled: StoredValue::new(false),
        }
    }

    /// Changes so far to anything the user may see (tracked).
    pub fn any(&self) -> u64 {
        self.everything.get()
    }

    /// Changes so far to one ticket (tracked).
    pub fn ticket(&self, id: i64) -> u64 {
        self.resets.get() + self.tickets.with(|changes| changes.get(&id).copied().unwrap_or(0))
    }

    /// Notifications written so far for any agent, and full refreshes (tracked).
    pub fn notified(&self) -> u64 {
        self.resets.get() + self.notified.get()
    }

    /// Presence events so far on one ticket (tracked).
    pub fn presence(&self, id: i64) -> u64 {
        self.presence.with(|seen| seen.get(&id).copied().unwrap_or(0))
    }

    /// Takes one event; the counters move once the burst it belongs to is over. Presence events
    /// change no data, so they only move the ticket's presence counter, at once.
    #[cfg_attr(not(feature = "hydrate"), expect(dead_code, reason = "only the browser receives events"))]
    fn receive(&self, event: WireEvent) {
        if event.kind.is_presence() {
            self.presence.update(|seen| *seen.entry(event.id).or_default() += 1);
            return;
        }
        if event.kind == LiveKind::Notified {
            self.notified.update(|n| *n += 1);
            return;
        }
        self.pending.update_value(|ids| ids.push(event.id));
        self.latest.set(Some(event));
        self.arrivals.update(|n| *n += 1);
        if !self.scheduled.get_value() {
            self.scheduled.set_value(true);
            let live = *self;
            set_timeout(move || live.flush(), std::time::Duration::from_millis(GATHER_MS));
        }
    }

    fn flush(&self) {
        self.scheduled.set_value(false);
        let ids = self.pending.try_update_value(std::mem::take).unwrap_or_default();
        if ids.is_empty() {
            return;
        }
        self.tickets.update(|changes| {
            for id in ids {
                *changes.entry(id).or_default() += 1;
            }
        });
        self.everything.update(|n| *n += 1);
    }

    #[cfg_attr(not(feature = "hydrate"), expect(dead_code, reason = "only the browser receives events"))]
    fn reset(&self) {
        self.resets.update(|n| *n += 1);
        self.everything.update(|n| *n += 1);
    }
}

/// How long a burst of events is gathered before pages refetch.
const GATHER_MS: u64 = 120;

/// Makes the live state for the pages, and in the browser keeps a stream open for `user`.
/// `recheck_user` asks the server again who is signed in: when the stream is refused, the
/// session may have ended (signed out elsewhere, deactivated, a revoked email link), and then
/// the pages learn it and the stream stops instead of knocking every few seconds.
pub fn provide_live(user: Memo<Option<i64>>, recheck_user: Callback<()>) -> Live {
    let live = Live::new();
    provide_context(live);
    #[cfg(feature = "hydrate")]
    stream::keep_connected(live, user, recheck_user);
    #[cfg(not(feature = "hydrate"))]
    let _ = (user, recheck_user);
    live
}

pub fn use_live() -> Live {
    expect_context::<Live>()
}

/// A resource for the live version of some data: `None`, at no cost, until `changes` first
/// moves (so the server and hydration load the data once, through the page's own resource),
/// then the data fetched again on every change. Pages show this when it is `Some`, and their
/// own resource otherwise; forms that must not be rebuilt mid-typing await only their own.
pub fn refreshed<K, T, Fut>(
    key: impl Fn() -> K + Send + Sync + 'static,
    changes: impl Fn() -> u64 + Send + Sync + 'static,
    fetch: impl Fn(K) -> Fut + Send + Sync + 'static,
) -> Resource<Option<T>>
where
    K: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new(
        move || (key(), changes()),
        move |(key, changes)| {
            let fetching = (changes > 0).then(|| fetch(key));
            async move {
                match fetching {
                    Some(fetching) => Some(fetching.await),
                    None => None,
                }
            }
        },
    )
}

#[cfg(feature = "hydrate")]
mod stream {
    //! The EventSource behind `Live`, reopened when the user changes or the browser gives up.

    use super::{Live, LiveStatus};
    use domain::live::wire::{RESET_EVENT, TICKET_EVENT, WireEvent};
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, closure::Closure};
    use web_sys::{Event, EventSource, MessageEvent};

    /// How long to wait before reopening a stream the browser closed for good.
    const REOPEN_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

    struct Connection {
        source: EventSource,
        _handlers: Vec<Closure<dyn FnMut(Event)>>,
    }

    impl Drop for Connection {
        fn drop(&mut self) {
            self.source.close();
        }
    }

    pub fn keep_connected(live: Live, user: Memo<Option<i64>>, recheck_user: Callback<()>) {
        let connection = StoredValue::new_local(None::<Connection>);
        let last_seen = StoredValue::new_local(None::<String>);
        let reopen = RwSignal::new(0u32);
        Effect::new(move |previous: Option<Option<i64>>| {
            let who = user.get();
            reopen.track();
            if previous.is_some_and(|p| p != who) {
                last_seen.set_value(None);
            }
            connection.set_value(None);
            live.status.set(LiveStatus::Off);
            if who.is_some() {
                let after = last_seen.get_value();
                connection.set_value(open(live, after, last_seen, reopen, recheck_user));
            }
            who
        });
    }

    fn open(
        live: Live,
        after: Option<String>,
        last_seen: StoredValue<Option<String>, LocalStorage>,
        reopen: RwSignal<u32>,
        recheck_user: Callback<()>,
    ) -> Option<Connection> {
        let url = match after {
            Some(after) => format!("/events?after={after}"),
            None => "/events".to_owned(),
        };
        let source = EventSource::new(&url).ok()?;
        let on_ticket = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            let Ok(message) = event.dyn_into::<MessageEvent>() else { return };
            let id = message.last_event_id();
            if !id.is_empty() {
                last_seen.set_value(Some(id));
            }
            let data = message.data().as_string().unwrap_or_default();
            if let Ok(event) = serde_json::from_str::<WireEvent>(&data) {
                live.receive(event);
            }
        });
        let on_reset = Closure::<dyn FnMut(Event)>::new(move |_| live.reset());
        // Back after a drop, the server replays what was missed (or says to refetch everything).
        let on_open = Closure::<dyn FnMut(Event)>::new(move |_| live.status.set(LiveStatus::Connected));
        let watched = source.clone();
        let on_error = Closure::<dyn FnMut(Event)>::new(move |_| {
            live.status.set(LiveStatus::Reconnecting);
            if watched.ready_state() == EventSource::CLOSED {
                // Refused, not dropped: if the session is over, the user becomes nobody and
                // the reopened stream is not opened at all.
                recheck_user.run(());
                set_timeout(move || reopen.update(|n| *n += 1), REOPEN_AFTER);
            }
        });
        let listen = |name: &str, handler: &Closure<dyn FnMut(Event)>| {
            source.add_event_listener_with_callback(name, handler.as_ref().unchecked_ref()).ok()
        };
        listen(TICKET_EVENT, &on_ticket)?;
        listen(RESET_EVENT, &on_reset)?;
        listen("open", &on_open)?;
        listen("error", &on_error)?;
        Some(Connection { source, _handlers: vec![on_ticket, on_reset, on_open, on_error] })
    }
}
