//! The calendar's grid: a table of days, Monday first, with each day's due dates and SLA
//! deadlines. A due date moves by dragging its entry to another day, or by the entry's "Move"
//! form, which works from the keyboard and without JavaScript; both send `update_ticket` with the
//! new `due_on`, so a move is recorded in the ticket's history like any change.

use crate::{api::tickets::UpdateTicket, components::format::StatusBadge};
use chrono::NaiveDate;
use domain::calendar::types::{CalendarDay, CalendarEntry, CalendarPage, CalendarSpan, EntryKind};
use leptos::prelude::*;

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// The change that makes `ticket_id` due on `day`.
pub fn move_due(ticket_id: i64, day: NaiveDate) -> UpdateTicket {
    UpdateTicket {
        ticket_id,
        status_id: None,
        priority_id: None,
        category_id: None,
        team_id: None,
        assignee_id: None,
        tags: None,
        due_on: Some(day.to_string()),
        override_children: None,
    }
}

#[component]
pub fn CalendarGrid(page: CalendarPage, update: ServerAction<UpdateTicket>) -> impl IntoView {
    let span = page.span;
    let heads =
        WEEKDAYS.iter().map(|name| view! { <th scope="col"><abbr title=*name>{&name[..3]}</abbr></th> }).collect_view();
    let rows = page
        .weeks
        .into_iter()
        .map(|week| {
            let days = week.into_iter().map(|day| view! { <Day day span update/> }.into_any()).collect_view();
            view! { <tr>{days}</tr> }
        })
        .collect_view();
    // Erased to `AnyView` (here and per day and entry): one nested view type for the whole grid
    // overflows the compiler's query depth in the optimised WebAssembly build.
    view! {
        <table class=format!("calendar calendar-{}", span.as_str())>
            <caption class="sr-only">{page.title}</caption>
            <thead><tr>{heads}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
fn Day(day: CalendarDay, span: CalendarSpan, update: ServerAction<UpdateTicket>) -> impl IntoView {
    let over = RwSignal::new(false);
    let date = day.day;
    let label = date.format("%A %-d %B").to_string();
    let number = if span == CalendarSpan::Week || date.format("%d").to_string() == "01" {
        date.format("%-d %b").to_string()
    } else {
        date.format("%-d").to_string()
    };
    let count = day.entries.len();
    let entries = day.entries.into_iter().map(|entry| view! { <Entry entry update/> }.into_any()).collect_view();
    view! {
        <td
            class="calendar-day"
            class:calendar-outside=!day.in_period
            class:calendar-today=day.today
            class:drop-target=move || over.get()
            data-day=date.to_string()
            on:dragover=move |ev| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragleave=move |_| over.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                over.set(false);
                if let Some(id) = super::ticket_drag::dropped(&ev) {
                    update.dispatch(move_due(id, date));
                }
            }
        >
            <h3 class="calendar-date">
                <time datetime=date.to_string() aria-label=label.clone()>{number}</time>
                {day.today.then(|| view! { " " <span class="badge">"Today"</span> })}
            </h3>
            {(count > 0).then(|| view! {
                <ul class="plain calendar-entries" aria-label=format!("Due {label}")>{entries}</ul>
            })}
        </td>
    }
}

#[component]
fn Entry(entry: CalendarEntry, update: ServerAction<UpdateTicket>) -> impl IntoView {
    let id = entry.ticket_id;
    let reference = entry.reference.clone();
    let movable = entry.kind == EntryKind::Due;
    let kind = match (entry.kind, entry.at) {
        (EntryKind::Due, _) => "Due".to_owned(),
        (EntryKind::Sla, Some(at)) => format!("SLA {} UTC", at.format("%H:%M")),
        (EntryKind::Sla, None) => "SLA".to_owned(),
    };
    let input_id = format!("due-{id}");
    let (summary_label, form_label, input_label) = (
        format!("Move {reference}"),
        format!("Move the due date of {reference}"),
        format!("New due date for {reference}"),
    );
    let detail = format!(
        "{} · {} priority · {}",
        entry.status.name,
        entry.priority,
        entry.assignee.clone().unwrap_or_else(|| "Unassigned".into())
    );
    view! {
        <li
            class=if movable { "calendar-entry calendar-due" } else { "calendar-entry calendar-sla" }
            class:calendar-overdue=entry.overdue
            draggable=movable.then_some("true")
            data-ticket-id=id
            title=detail
            on:dragstart=move |ev| super::ticket_drag::start(&ev, id)
        >
            <span class="calendar-kind small">{kind}{entry.overdue.then_some(" · overdue")}</span>
            <a href=format!("/agent/tickets/{id}")>
                <span class="muted">{reference}</span> " " {entry.subject}
            </a>
            <StatusBadge status=entry.status/>
            {movable.then(|| view! {
                <details class="calendar-move">
                    <summary aria-label=summary_label>"Move"</summary>
                    <ActionForm action=update attr:class="inline-form" attr:aria-label=form_label>
                        <input type="hidden" name="ticket_id" value=id.to_string()/>
                        <label for=input_id.clone()>{input_label}</label>
                        <input id=input_id type="date" name="due_on" required min="2000-01-01" max="2099-12-31" value=entry.day.to_string()/>
                        <button type="submit" class="btn btn-secondary btn-small">"Move"</button>
                    </ActionForm>
                </details>
            })}
        </li>
    }
}
