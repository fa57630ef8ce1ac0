//! `/agent/calendar`: a month or week of due dates and SLA deadlines for my tickets, my teams'
//! or any saved view. The choices are a plain GET form and the previous/next links carry them,
//! so every page has its own address; the grid updates live when tickets change.

use crate::{
    api::{calendar::load_calendar, tickets::UpdateTicket},
    components::{
        calendar_grid::CalendarGrid,
        form_feedback::{FieldMessage, FormBanner, action_error},
        require_role::RequireRole,
    },
    error::AppError,
};
use chrono::NaiveDate;
use domain::{
    Role,
    calendar::types::{CalendarPage, CalendarScope, CalendarSpan},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CalendarPage() -> impl IntoView {
    view! {
        <Title text="Calendar"/>
        <RequireRole allow=Role::is_staff>
            <CalendarBody/>
        </RequireRole>
    }
}

/// The address of the calendar page showing `span` around `date` for `scope`.
fn address(scope: CalendarScope, span: CalendarSpan, date: NaiveDate) -> String {
    format!("/agent/calendar?scope={}&span={}&date={date}", scope.as_param(), span.as_str())
}

#[component]
fn CalendarBody() -> impl IntoView {
    let query = use_query_map();
    let update = ServerAction::<UpdateTicket>::new();
    let live = crate::live::use_live();
    let asked = move || {
        let query = query.read();
        ["scope", "span", "date"].map(|name| query.get(name).filter(|v| !v.trim().is_empty()))
    };
    let page = Resource::new(
        move || (asked(), update.version().get(), live.any()),
        |([scope, span, date], _, _)| load_calendar(scope, span, date),
    );
    let moved = action_error(update);
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Calendar"</h1>
                <p class="muted">"Due dates and SLA deadlines of open tickets, by UTC day. Drag a due date to another day, or use its Move button."</p>
            </div>
            <FormBanner error=moved/>
            <FieldMessage error=moved field="due_on"/>
            <Transition fallback=|| view! { <p class="muted">"Loading the calendar…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <Calendar page update/> }.into_any(),
                        Err(err) => {
                            let error = Signal::derive(move || Some(err.clone()));
                            view! { <Options page=None error/> }.into_any()
                        }
                    }
                })}
            </Transition>
            <p class="muted small">
                "Follow your own due dates and deadlines in your calendar application: "
                <a href="/account#calendar-feed">"make a private calendar feed"</a> "."
            </p>
        </main>
    }
}

#[component]
fn Calendar(page: CalendarPage, update: ServerAction<UpdateTicket>) -> impl IntoView {
    let (scope, span) = (page.scope, page.span);
    let unit = if span == CalendarSpan::Month { "month" } else { "week" };
    let empty = page.weeks.iter().flatten().all(|day| day.entries.is_empty());
    let capped = page.capped;
    let title = page.title.clone();
    let (previous, today, next) = (page.previous, page.today, page.next);
    let options = view! { <Options page=Some(page.clone()) error=Signal::derive(|| None::<AppError>)/> }.into_any();
    let grid = view! { <CalendarGrid page update/> }.into_any();
    view! {
        {options}
        <nav class="calendar-nav" aria-label="Calendar pages">
            <a class="btn btn-secondary btn-small" href=address(scope, span, previous)>{format!("Previous {unit}")}</a>
            <a class="btn btn-secondary btn-small" href=address(scope, span, today)>"Today"</a>
            <a class="btn btn-secondary btn-small" href=address(scope, span, next)>{format!("Next {unit}")}</a>
        </nav>
        <h2 class="calendar-title">{title}</h2>
        {empty.then(|| view! { <p class="muted" role="status">"Nothing is due in these days."</p> })}
        {capped.then(|| view! {
            <p class="notice" role="status">"More tickets fall in these days than one page shows: choose a narrower view or a week."</p>
        })}
        {grid}
    }
}

/// Whose tickets, month or week, and around which day.
#[component]
fn Options(page: Option<CalendarPage>, #[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let scope = page.as_ref().map_or(CalendarScope::Mine, |p| p.scope);
    let span = page.as_ref().map_or(CalendarSpan::Month, |p| p.span);
    let anchor = page.as_ref().map(|p| p.anchor.to_string()).unwrap_or_default();
    let views = page.map(|p| p.views).unwrap_or_default();
    let option = move |value: CalendarScope, label: String| {
        view! { <option value=value.as_param() selected=scope == value>{label}</option> }
    };
    view! {
        <form method="get" action="/agent/calendar" class="card form calendar-options" aria-label="Calendar options">
            <FormBanner error/>
            <div class="field">
                <label for="calendar-scope">"Show"</label>
                <select id="calendar-scope" name="scope">
                    {option(CalendarScope::Mine, "My tickets".into())}
                    {option(CalendarScope::MyTeams, "My teams' tickets".into())}
                    {(!views.is_empty()).then(|| view! {
                        <optgroup label="Saved views">
                            {views.into_iter().map(|v| option(CalendarScope::View(v.id), v.name)).collect_view()}
                        </optgroup>
                    })}
                </select>
                <FieldMessage error field="scope"/>
            </div>
            <div class="field">
                <label for="calendar-span">"Span"</label>
                <select id="calendar-span" name="span">
                    <option value="month" selected=span == CalendarSpan::Month>"Month"</option>
                    <option value="week" selected=span == CalendarSpan::Week>"Week"</option>
                </select>
            </div>
            <div class="field">
                <label for="calendar-date">"Around"</label>
                <input id="calendar-date" name="date" type="date" min="2000-01-01" max="2099-12-31" value=anchor/>
                <FieldMessage error field="date"/>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary btn-small">"Show"</button>
            </div>
        </form>
    }
}
