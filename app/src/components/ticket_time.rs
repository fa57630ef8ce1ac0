//! A ticket's time on its page (staff): the total, each entry (one's own to change or delete),
//! and "Log time" with a timer. The timer lives with the page, not the card, so a live redraw
//! of the sidebar does not stop it; without JavaScript the time is typed.

use crate::{
    api::time::{DeleteTimeEntry, LogTime, UpdateTimeEntry},
    components::form_feedback::{FieldMessage, FormBanner, action_error, invalid},
    error::AppError,
};
use domain::time_tracking::types::{TicketTimeView, TimeEntryView, format_duration, typed_duration};
use leptos::prelude::*;

/// The page's time actions and timer; the ticket refetches after any action.
#[derive(Clone, Copy)]
pub struct TimeActions {
    pub log: ServerAction<LogTime>,
    pub update: ServerAction<UpdateTimeEntry>,
    pub delete: ServerAction<DeleteTimeEntry>,
    pub timer: Timer,
}

impl TimeActions {
    /// Made with the page (the sidebar's redraws keep it), like the timer.
    pub fn create() -> Self {
        let actions = TimeActions {
            log: ServerAction::new(),
            update: ServerAction::new(),
            delete: ServerAction::new(),
            timer: Timer::create(),
        };
        // A logged entry starts the next one from nothing.
        Effect::new(move |_| {
            if matches!(actions.log.value().get(), Some(Ok(_))) {
                actions.timer.reset();
            }
        });
        actions
    }

    pub fn version(&self) -> usize {
        self.log.version().get() + self.update.version().get() + self.delete.version().get()
    }

    fn error(&self) -> Signal<Option<AppError>> {
        let (update, delete) = (self.update, self.delete);
        Signal::derive(move || action_error(update).get().or_else(|| action_error(delete).get()))
    }
}

/// A stopwatch for the time spent: started and stopped by hand; stopping puts the minutes
/// (rounded up) into "Time spent".
#[derive(Clone, Copy)]
pub struct Timer {
    /// Seconds counted so far, while running or stopped.
    seconds: RwSignal<u64>,
    running: RwSignal<bool>,
    /// What the "Time spent" input holds.
    pub duration: RwSignal<String>,
    tick: StoredValue<Option<IntervalHandle>>,
}

impl Timer {
    fn create() -> Self {
        let timer = Timer {
            seconds: RwSignal::new(0),
            running: RwSignal::new(false),
            duration: RwSignal::new(String::new()),
            tick: StoredValue::new(None),
        };
        on_cleanup(move || timer.halt());
        timer
    }

    fn halt(self) {
        if let Some(Some(tick)) = self.tick.try_get_value() {
            tick.clear();
        }
        self.tick.try_set_value(None);
    }

    fn toggle(self) {
        if self.running.get_untracked() {
            self.halt();
            self.running.set(false);
            let minutes = self.seconds.get_untracked().div_ceil(60).max(1);
            self.duration.set(typed_duration(minutes as i64));
        } else {
            self.running.set(true);
            let seconds = self.seconds;
            let tick = set_interval_with_handle(move || seconds.update(|s| *s += 1), std::time::Duration::from_secs(1));
            self.tick.set_value(tick.ok());
        }
    }

    fn reset(self) {
        self.halt();
        self.running.set(false);
        self.seconds.set(0);
        self.duration.set(String::new());
    }

    fn shown(self) -> String {
        let s = self.seconds.get();
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

#[component]
pub fn TimeCard(ticket_id: i64, time: TicketTimeView, actions: TimeActions) -> impl IntoView {
    let log_error = action_error(actions.log);
    let timer = actions.timer;
    let total = if time.entries.is_empty() {
        view! { <p class="muted small">"No time logged yet."</p> }.into_any()
    } else {
        view! { <p>"Total: " <strong>{format_duration(time.total_minutes)}</strong></p> }.into_any()
    };
    let entries = time.entries.into_iter().map(|entry| view! { <EntryItem entry actions/> }).collect_view();
    view! {
        <section class="card" aria-labelledby="time-heading">
            <h2 id="time-heading">"Time"</h2>
            {total}
            {time.required_to_solve.then(|| view! { <p class="hint">"Log time before solving this ticket."</p> })}
            <FormBanner error=actions.error()/>
            <ul class="plain stack" aria-label="Time entries">{entries}</ul>
            <ActionForm action=actions.log attr:class="form" attr:novalidate=true attr:aria-label="Log time">
                <input type="hidden" name="ticket_id" value=ticket_id.to_string()/>
                <div class="row">
                    <div class="field field-narrow">
                        <label for="time-duration">"Time spent"</label>
                        <input id="time-duration" name="duration" placeholder="15m, 1h 30m" aria-invalid=invalid(log_error, "duration")
                            prop:value=move || timer.duration.get() on:input=move |ev| timer.duration.set(event_target_value(&ev))/>
                        <FieldMessage error=log_error field="duration"/>
                    </div>
                    <div class="field">
                        <label for="time-day">"Day"</label>
                        <input id="time-day" name="worked_on" type="date" aria-invalid=invalid(log_error, "worked_on")/>
                        <FieldMessage error=log_error field="worked_on"/>
                    </div>
                </div>
                <div class="field">
                    <label for="time-note">"What you did (optional)"</label>
                    <input id="time-note" name="note" maxlength="200" aria-invalid=invalid(log_error, "note")/>
                    <FieldMessage error=log_error field="note"/>
                </div>
                <div class="form-actions">
                    <span class="js-only timer">
                        <button type="button" class="btn btn-secondary btn-small" on:click=move |_| timer.toggle()>
                            {move || if timer.running.get() { "Stop timer" } else { "Start timer" }}
                        </button>
                        " " <span class="muted small" role="timer" aria-label="Timer">{move || timer.shown()}</span>
                    </span>
                    <button type="submit" class="btn btn-primary btn-small">"Log time"</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn EntryItem(entry: TimeEntryView, actions: TimeActions) -> impl IntoView {
    let id = entry.id;
    let shown = format_duration(entry.minutes);
    let line = format!("{} · {} · {}", entry.agent_name, shown, entry.worked_on.format("%Y-%m-%d"));
    let note = (!entry.note.is_empty()).then(|| view! { <div class="small">{entry.note.clone()}</div> });
    let with_reply = entry.message_id.is_some().then(|| view! { <span class="muted small">" (with a message)"</span> });
    let edit = entry.editable.then(|| {
        let field = move |name: &str| format!("time-{id}-{name}");
        view! {
            <details>
                <summary>{format!("Change {shown} entry")}</summary>
                <ActionForm action=actions.update attr:class="form" attr:novalidate=true attr:aria-label=format!("Change {shown} entry")>
                    <input type="hidden" name="entry_id" value=id.to_string()/>
                    <div class="row">
                        <div class="field field-narrow">
                            <label for=field("duration")>"Time spent"</label>
                            <input id=field("duration") name="duration" value=typed_duration(entry.minutes)/>
                        </div>
                        <div class="field">
                            <label for=field("day")>"Day"</label>
                            <input id=field("day") name="worked_on" type="date" value=entry.worked_on.format("%Y-%m-%d").to_string()/>
                        </div>
                    </div>
                    <div class="field">
                        <label for=field("note")>"What you did (optional)"</label>
                        <input id=field("note") name="note" value=entry.note.clone() maxlength="200"/>
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-secondary btn-small">"Save entry"</button>
                    </div>
                </ActionForm>
                <ActionForm action=actions.delete attr:class="inline">
                    <input type="hidden" name="entry_id" value=id.to_string()/>
                    <button type="submit" class="btn btn-danger btn-small">"Delete entry"</button>
                </ActionForm>
            </details>
        }
    });
    view! {
        <li>
            <div class="small">{line}{with_reply}</div>
            {note}
            {edit}
        </li>
    }
}
