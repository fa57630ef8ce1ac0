//! `/admin/business-hours`: the calendars service-level targets count on. Each has a time zone,
//! opening hours per weekday (several intervals, over midnight too) and holidays, added one by
//! one or imported from an `.ics` file; the 24/7 calendar is built in.

use crate::{
    api::sla::{
        CalendarsPage, CreateCalendar, DeleteCalendar, ICS_MAX_BYTES, RemoveHoliday, UpdateCalendar, import_holidays,
        load_calendars,
    },
    components::{
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        multipart_form::Submission,
        recompute_status::RecomputeStatus,
        require_role::RequireRole,
        saved_counter::Saved,
    },
    error::AppError,
};
use domain::{
    Role,
    sla::types::{CalendarView, WEEKDAYS},
};
use leptos::prelude::*;
use leptos_meta::Title;

/// The form fields of the weekdays, Monday first, and their error keys.
const DAY_FIELDS: [(&str, &str); 7] = [
    ("monday", "hours_0"),
    ("tuesday", "hours_1"),
    ("wednesday", "hours_2"),
    ("thursday", "hours_3"),
    ("friday", "hours_4"),
    ("saturday", "hours_5"),
    ("sunday", "hours_6"),
];

#[component]
pub fn AdminBusinessHoursPage() -> impl IntoView {
    view! {
        <Title text="Business hours"/>
        <RequireRole allow=|role| role == Role::Admin>
            <BusinessHoursBody/>
        </RequireRole>
    }
}

#[component]
fn BusinessHoursBody() -> impl IntoView {
    let saved = Saved::new();
    let create = ServerAction::<CreateCalendar>::new();
    saved.after(create);
    let page = Resource::new(move || saved.0.get(), |_| load_calendars());
    view! {
        <main class="page">
            <div class="page-header">
                <p><a href="/admin/sla">"SLA policies"</a></p>
                <h1>"Business hours"</h1>
                <p class="muted">
                    "The hours SLA targets count in. A target on a calendar stands still outside its opening hours and on its holidays."
                </p>
            </div>
            <Transition fallback=|| view! { <p class="muted">"Loading calendars…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(CalendarsPage { calendars, zones, progress }) => view! {
                            <RecomputeStatus progress/>
                            <datalist id="time-zones">
                                {zones.into_iter().map(|z| view! { <option value=z/> }).collect_view()}
                            </datalist>
                            {calendars.into_iter().map(|calendar| view! { <CalendarCard calendar saved/> }).collect_view()}
                        }
                        .into_any(),
                    }
                })}
            </Transition>
            <section class="card">
                <h2>"Add a calendar"</h2>
                <FormBanner error=action_error(create)/>
                <ActionForm action=create attr:class="form" attr:novalidate=true>
                    <CalendarFields error=action_error(create) calendar=None/>
                </ActionForm>
            </section>
        </main>
    }
}

#[component]
fn CalendarCard(calendar: CalendarView, saved: Saved) -> impl IntoView {
    let id = calendar.id;
    let heading = format!("calendar-{id}-heading");
    let labelled_by = heading.clone();
    let used = if calendar.used_by.is_empty() {
        "No policy counts on it yet.".to_owned()
    } else {
        format!("Used by: {}.", calendar.used_by.join(", "))
    };
    if calendar.builtin {
        return view! {
            <section class="card" aria-labelledby=labelled_by>
                <h2 id=heading>{calendar.name}</h2>
                <p class="muted">"Built in: open every hour of every day, with no holidays. " {used}</p>
            </section>
        }
        .into_any();
    }
    let update = ServerAction::<UpdateCalendar>::new();
    let delete = ServerAction::<DeleteCalendar>::new();
    let remove = ServerAction::<RemoveHoliday>::new();
    let add = ServerAction::<crate::api::sla::AddHoliday>::new();
    saved.after(update);
    saved.after(delete);
    saved.after(remove);
    saved.after(add);
    let name = calendar.name.clone();
    let zone_line = format!("Time zone {}. ", calendar.time_zone);
    let (for_edit, for_holidays) = (calendar.clone(), calendar);
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=heading>{name.clone()}</h2>
            <p class="muted">{zone_line} {used}</p>
            <details>
                <summary>{format!("Edit {name}")}</summary>
                <FormBanner error=action_error(update)/>
                <ActionForm action=update attr:class="form" attr:novalidate=true>
                    <CalendarFields error=action_error(update) calendar=Some(for_edit)/>
                </ActionForm>
                <FormBanner error=action_error(delete)/>
                <ActionForm action=delete attr:class="inline">
                    <input type="hidden" name="calendar_id" value=id.to_string()/>
                    <button type="submit" class="btn btn-danger btn-small">{format!("Delete {name}")}</button>
                </ActionForm>
            </details>
            <h3>"Holidays"</h3>
            <HolidayList calendar=for_holidays remove/>
            <AddHolidayForm calendar_id=id action=add/>
            <ImportHolidaysForm calendar_id=id saved/>
        </section>
    }
    .into_any()
}

#[component]
fn HolidayList(calendar: CalendarView, remove: ServerAction<RemoveHoliday>) -> impl IntoView {
    if calendar.holidays.is_empty() {
        return view! { <p class="muted">"No holidays: the calendar is open on every day with hours."</p> }.into_any();
    }
    let rows = calendar
        .holidays
        .into_iter()
        .map(|h| {
            let label = format!("Remove {} ({})", h.name, h.day);
            let when = if h.yearly { format!("{} (every year)", h.day.format("%d %B")) } else { h.day.to_string() };
            view! {
                <tr>
                    <td>{h.name}</td>
                    <td>{when}</td>
                    <td>
                        <ActionForm action=remove attr:class="inline">
                            <input type="hidden" name="holiday_id" value=h.id.to_string()/>
                            <button type="submit" class="btn btn-link btn-small" aria-label=label>"Remove"</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <FormBanner error=action_error(remove)/>
        <div class="table-wrap">
            <table class="table">
                <caption class="sr-only">{format!("Holidays of {}", calendar.name)}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Holiday"</th>
                        <th scope="col">"Date"</th>
                        <th scope="col"><span class="sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The fields of a calendar's form: new (`calendar` is `None`) or an existing one's edit. The
/// caller wraps them in the form of its action.
#[component]
fn CalendarFields(error: Signal<Option<AppError>>, calendar: Option<CalendarView>) -> impl IntoView {
    let prefix = calendar.as_ref().map_or_else(|| "new-calendar".to_owned(), |c| format!("calendar-{}", c.id));
    let hours: Vec<String> = calendar.as_ref().map_or_else(
        || {
            let day = "09:00-17:00".to_owned();
            vec![day.clone(), day.clone(), day.clone(), day.clone(), day, String::new(), String::new()]
        },
        |c| c.hours.clone(),
    );
    let (name, zone) =
        calendar.as_ref().map_or((String::new(), "UTC".to_owned()), |c| (c.name.clone(), c.time_zone.clone()));
    let button = if calendar.is_some() { "Save calendar" } else { "Add calendar" };
    view! {
        {calendar.as_ref().map(|c| view! { <input type="hidden" name="calendar_id" value=c.id.to_string()/> })}
        <div class="field">
            <label for=format!("{prefix}-name")>"Name"</label>
            <input id=format!("{prefix}-name") name="name" value=name required maxlength="100" aria-invalid=invalid(error, "name")/>
            <FieldMessage error field="name"/>
        </div>
        <div class="field">
            <label for=format!("{prefix}-zone")>"Time zone"</label>
            <input id=format!("{prefix}-zone") name="time_zone" value=zone list="time-zones" required aria-invalid=invalid(error, "time_zone") aria-describedby=format!("{prefix}-zone-hint")/>
            <p class="hint" id=format!("{prefix}-zone-hint")>"A zone name such as Europe/Berlin: the hours below are its local time, through summer time changes."</p>
            <FieldMessage error field="time_zone"/>
        </div>
        <fieldset>
            <legend>"Opening hours"</legend>
            <p class="hint">"Per day, intervals such as 09:00-12:00, 13:00-17:00. 22:00-02:00 runs over midnight; leave a day empty when closed."</p>
            {DAY_FIELDS.iter().zip(WEEKDAYS).zip(hours).map(|(((field, key), day), value)| {
                let input_id = format!("{prefix}-{field}");
                view! {
                    <div class="field field-inline">
                        <label for=input_id.clone()>{day}</label>
                        <input id=input_id name=*field value=value placeholder="Closed" maxlength="120" aria-invalid=invalid(error, key)/>
                        <FieldMessage error field=key/>
                    </div>
                }
            }).collect_view()}
        </fieldset>
        <div class="form-actions">
            <button type="submit" class="btn btn-primary">{button}</button>
        </div>
    }
}

#[component]
fn AddHolidayForm(calendar_id: i64, action: ServerAction<crate::api::sla::AddHoliday>) -> impl IntoView {
    let error = action_error(action);
    let prefix = format!("calendar-{calendar_id}-holiday");
    view! {
        <h4>"Add a holiday"</h4>
        <FormBanner error/>
        <ActionForm action attr:class="row" attr:novalidate=true>
            <input type="hidden" name="calendar_id" value=calendar_id.to_string()/>
            <div class="field">
                <label for=format!("{prefix}-name")>"Holiday name"</label>
                <input id=format!("{prefix}-name") name="holiday_name" required maxlength="100" aria-invalid=invalid(error, "holiday_name")/>
                <FieldMessage error field="holiday_name"/>
            </div>
            <div class="field">
                <label for=format!("{prefix}-day")>"Date"</label>
                <input id=format!("{prefix}-day") name="day" type="date" required aria-invalid=invalid(error, "day")/>
                <FieldMessage error field="day"/>
            </div>
            <label><input type="checkbox" name="yearly" value="on"/>" Every year"</label>
            <button type="submit" class="btn btn-secondary">"Add holiday"</button>
        </ActionForm>
    }
}

#[component]
fn ImportHolidaysForm(calendar_id: i64, saved: Saved) -> impl IntoView {
    let submission = Submission::<(usize, usize)>::new("/fn/import_holidays");
    Effect::new(move |_| {
        if submission.version.get() > 0 {
            saved.0.update(|n| *n += 1);
        }
    });
    let error = submission.error();
    let input_id = format!("calendar-{calendar_id}-ics");
    let limit = domain::attachments::upload::human_size(ICS_MAX_BYTES as i64);
    view! {
        <h4>"Import holidays"</h4>
        <FormBanner error/>
        <form
            method="post"
            action="/fn/import_holidays"
            enctype="multipart/form-data"
            class="row"
            on:submit=move |ev| submission.submit(ev, import_holidays)
        >
            <input type="hidden" name="calendar_id" value=calendar_id.to_string()/>
            <div class="field">
                <label for=input_id.clone()>"Holiday calendar (.ics)"</label>
                <input id=input_id name="file" type="file" accept=".ics,text/calendar" required/>
                <p class="hint">{format!("All-day events become holidays; yearly ones repeat. At most {limit}.")}</p>
                <FieldMessage error field="file"/>
            </div>
            <button type="submit" class="btn btn-secondary">"Import"</button>
        </form>
        {move || submission.result.get().and_then(Result::ok).map(|(added, skipped)| view! {
            <p class="notice notice-success" role="status">
                {format!("{added} holidays added; {skipped} were there already.")}
            </p>
        })}
    }
}
