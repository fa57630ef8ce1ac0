//! The ticket page's "Service level" card: the policy, each target's due time, met or breached
//! and when, and a countdown in business time that ticks in the browser (standing still while
//! the desk is closed), with the one-click "Escalate" to the next tier.

use crate::{
    api::sla::EscalateTicket,
    components::{
        form_feedback::{FormBanner, action_error},
        format::when,
    },
};
use chrono::{DateTime, Utc};
use domain::sla::types::{ClockState, ClockView, OpenSpan, TicketSlaView, format_minutes, format_span};
use leptos::prelude::*;

/// How often the countdown is brought up to date.
#[cfg(feature = "hydrate")]
const TICK_SECONDS: u64 = 30;

/// Business seconds between `from` and `to` within the open spans.
fn open_seconds(spans: &[OpenSpan], from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    spans
        .iter()
        .map(|s| {
            let (start, end) = (s.from.max(from), s.until.min(to));
            if end > start { (end - start).num_seconds() } else { 0 }
        })
        .sum()
}

/// What one clock says at `now`.
fn status_line(clock: &ClockView, now: DateTime<Utc>) -> String {
    let breached = clock.breach_at.filter(|at| *at <= now);
    match clock.state {
        ClockState::Met => match (clock.met_at, breached) {
            (Some(met), Some(breach)) => format!("Met late, {} (breached {})", when(met), when(breach)),
            (Some(met), None) => format!("Met {}", when(met)),
            (None, _) => "Met".to_owned(),
        },
        ClockState::Paused => match breached {
            Some(breach) => format!("Paused while waiting on the customer; breached {}", when(breach)),
            None => format!(
                "Paused while waiting on the customer: {} of business time left",
                format_span(clock.remaining_seconds.max(0))
            ),
        },
        ClockState::Running => {
            let left = clock.remaining_seconds - open_seconds(&clock.open_spans, clock.computed_at, now);
            let due = clock.due_at.map(when).unwrap_or_else(|| "no opening hours ahead".to_owned());
            match breached {
                Some(breach) => format!(
                    "Breached {} ({} ago); was due {due}",
                    when(breach),
                    format_span((now - breach).num_seconds())
                ),
                None if left <= 0 => format!("Due now ({due})"),
                None => {
                    let open_now = clock.open_spans.iter().any(|s| s.from <= now && now < s.until);
                    let closed = if open_now { "" } else { ", counting again when business hours start" };
                    format!("{} of business time left{closed}; due {due}", format_span(left))
                }
            }
        }
    }
}

fn css_state(clock: &ClockView, now: DateTime<Utc>) -> &'static str {
    match clock.state {
        _ if clock.breach_at.is_some_and(|at| at <= now) => "sla-breached",
        ClockState::Met => "sla-met",
        ClockState::Paused => "sla-paused",
        ClockState::Running => "sla-running",
    }
}

#[component]
pub fn SlaCard(ticket_id: i64, sla: Option<TicketSlaView>, escalate: ServerAction<EscalateTicket>) -> impl IntoView {
    // Rendered at the time the server computed, so that the page hydrates as it was sent; the
    // browser then moves the time on.
    let start = sla.as_ref().and_then(|s| s.clocks.first()).map_or_else(|| DateTime::<Utc>::MIN_UTC, |c| c.computed_at);
    let now = RwSignal::new(start);
    #[cfg(feature = "hydrate")]
    if sla.is_some() {
        Effect::new(move |_| now.set(Utc::now()));
        let tick = set_interval_with_handle(
            move || {
                now.try_set(Utc::now());
            },
            std::time::Duration::from_secs(TICK_SECONDS),
        )
        .ok();
        on_cleanup(move || {
            if let Some(tick) = tick {
                tick.clear();
            }
        });
    }
    let body = match sla {
        None => view! { <p class="muted small">"No SLA policy applies to this ticket."</p> }.into_any(),
        Some(sla) => {
            let rows = sla
                .clocks
                .into_iter()
                .map(|clock| {
                    let title = format!(
                        "{}{}: {} ({})",
                        clock.metric.label(),
                        if clock.cycle > 1 { format!(" #{}", clock.cycle) } else { String::new() },
                        format_minutes(clock.target_minutes),
                        clock.calendar
                    );
                    let shown = clock.clone();
                    let risk = clock.prediction.clone().map(|p| {
                        let class = if p.at_risk { "small sla-risk" } else { "small muted" };
                        let head = if p.at_risk { "At risk" } else { "Likely in time" };
                        view! { <div class=class>{format!("{head}: {}\u{a0}% chance of a breach. {}", p.percent, p.reason())}</div> }
                    });
                    view! {
                        <li class=move || format!("sla-clock {}", css_state(&shown, now.get()))>
                            <div class="small"><strong>{title}</strong></div>
                            <div class="small" aria-live="off">{move || status_line(&clock, now.get())}</div>
                            {risk}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <p class="small">"Policy: " <strong>{sla.policy}</strong></p>
                <ul class="plain stack" aria-label="SLA targets">{rows}</ul>
            }
            .into_any()
        }
    };
    let error = action_error(escalate);
    view! {
        <section class="card" aria-labelledby="sla-heading">
            <h2 id="sla-heading">"Service level"</h2>
            {body}
            <FormBanner error/>
            {move || escalate.value().get().and_then(Result::ok).map(|team| view! {
                <p class="notice notice-success" role="status">{format!("Escalated to {team}.")}</p>
            })}
            <ActionForm action=escalate attr:class="inline">
                <input type="hidden" name="ticket_id" value=ticket_id.to_string()/>
                <button type="submit" class="btn btn-secondary btn-small">"Escalate to the next tier"</button>
            </ActionForm>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn the_countdown_stands_still_outside_business_hours() {
        let spans = [
            OpenSpan { from: at("2026-12-07T09:00:00Z"), until: at("2026-12-07T17:00:00Z") },
            OpenSpan { from: at("2026-12-08T09:00:00Z"), until: at("2026-12-08T17:00:00Z") },
        ];
        assert_eq!(open_seconds(&spans, at("2026-12-07T16:00:00Z"), at("2026-12-08T08:00:00Z")), 3600);
        assert_eq!(open_seconds(&spans, at("2026-12-07T16:00:00Z"), at("2026-12-08T10:00:00Z")), 7200);
        assert_eq!(open_seconds(&spans, at("2026-12-07T18:00:00Z"), at("2026-12-07T20:00:00Z")), 0);
    }
}
