//! Who else is on this ticket: the agents viewing it and who of them is typing. The page sends
//! a heartbeat while it is open and says when its agent types; others' heartbeats arrive as
//! live events, on which the line is read again (without a heartbeat, so pages never ping-pong).
//! Without JavaScript there is no line: presence needs a page that is still open.

use domain::views::PresenceView;
use leptos::prelude::*;

/// Reports this agent's typing to the other agents on the ticket (at most every few seconds).
#[derive(Clone, Copy)]
pub struct TypingReporter(Callback<()>);

impl TypingReporter {
    pub fn typed(&self) {
        self.0.run(());
    }
}

fn describe(others: &[PresenceView]) -> Option<String> {
    let names =
        |typing: bool| -> Vec<&str> { others.iter().filter(|p| p.typing == typing).map(|p| p.name.as_str()).collect() };
    let (typing, viewing) = (names(true), names(false));
    let mut parts = Vec::new();
    if !typing.is_empty() {
        let verb = if typing.len() == 1 { "is" } else { "are" };
        parts.push(format!("{} {verb} typing a reply…", typing.join(", ")));
    }
    if !viewing.is_empty() {
        let verb = if viewing.len() == 1 { "is" } else { "are" };
        parts.push(format!("{} {verb} also viewing this ticket.", viewing.join(", ")));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Starts taking part in a ticket's presence (in the browser) for as long as the calling
/// component lives: the others on the ticket, and the reporter for this agent's typing.
pub fn track_presence(ticket_id: i64) -> (RwSignal<Vec<PresenceView>>, TypingReporter) {
    let others = RwSignal::new(Vec::<PresenceView>::new());
    let reporter = TypingReporter(Callback::new(move |()| {
        #[cfg(feature = "hydrate")]
        browser::typed(ticket_id, others);
    }));
    #[cfg(feature = "hydrate")]
    browser::keep_present(ticket_id, others);
    #[cfg(not(feature = "hydrate"))]
    let _ = ticket_id;
    (others, reporter)
}

#[component]
pub fn PresenceLine(others: RwSignal<Vec<PresenceView>>) -> impl IntoView {
    view! {
        <p class="presence small" role="status" aria-live="polite">
            {move || others.with(|o| describe(o))}
        </p>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    //! The heartbeats, the reads on presence events, and the goodbye.

    use crate::{api::presence::ticket_presence, live::use_live};
    use domain::{live::wire::PRESENCE_HEARTBEAT_SECONDS, views::PresenceView};
    use leptos::{prelude::*, task::spawn_local};
    use std::time::Duration;

    /// Typing is reported at most this often.
    const TYPING_EVERY_MS: f64 = 4000.0;

    fn send(ticket_id: i64, state: Option<&'static str>, others: RwSignal<Vec<PresenceView>>) {
        spawn_local(async move {
            if let Ok(list) = ticket_presence(ticket_id, state.map(str::to_owned)).await {
                others.try_set(list);
            }
        });
    }

    pub fn keep_present(ticket_id: i64, others: RwSignal<Vec<PresenceView>>) {
        send(ticket_id, Some("viewing"), others);
        let beat = set_interval_with_handle(
            move || send(ticket_id, Some("viewing"), others),
            Duration::from_secs(PRESENCE_HEARTBEAT_SECONDS),
        )
        .ok();
        let live = use_live();
        let seen_at_start = live.presence(ticket_id);
        Effect::new(move |_| {
            if live.presence(ticket_id) > seen_at_start {
                send(ticket_id, None, others);
            }
        });
        on_cleanup(move || {
            if let Some(beat) = beat {
                beat.clear();
            }
            send(ticket_id, Some("left"), others);
        });
    }

    thread_local! {
        static LAST_TYPED: std::cell::Cell<f64> = const { std::cell::Cell::new(f64::MIN) };
    }

    pub fn typed(ticket_id: i64, others: RwSignal<Vec<PresenceView>>) {
        let Some(now) = web_sys::window().and_then(|w| w.performance()).map(|p| p.now()) else { return };
        if now - LAST_TYPED.get() >= TYPING_EVERY_MS {
            LAST_TYPED.set(now);
            send(ticket_id, Some("typing"), others);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::describe;
    use domain::views::PresenceView;

    fn agent(name: &str, typing: bool) -> PresenceView {
        PresenceView { user_id: 1, name: name.into(), typing }
    }

    #[test]
    fn the_line_names_typists_first() {
        assert_eq!(describe(&[]), None);
        assert_eq!(describe(&[agent("Sam", false)]).as_deref(), Some("Sam is also viewing this ticket."));
        assert_eq!(
            describe(&[agent("Sam", false), agent("Lee", true), agent("Kim", false)]).as_deref(),
            Some("Lee is typing a reply… Sam, Kim are also viewing this ticket.")
        );
    }
}
