//! Business-hours calendars, as admins keep them: a name, a time zone and weekly hours, and their
//! holidays (added one by one or imported from an `.ics` file). The built-in 24/7 calendar
//! cannot change; a calendar a policy counts on cannot be deleted. Every change that moves
//! business time recomputes the open tickets' clocks in the background.

use super::{
    ics, recompute,
    types::{
        CALENDAR_NAME_MAX_CHARS, CalendarView, HOLIDAY_NAME_MAX_CHARS, HolidayView, WEEKDAYS, WeekHours,
        format_day_hours, parse_day_hours,
    },
};
use crate::{
    audit,
    desk_config::{
        cache,
        types::parse_label,
        unique::{TAKEN, map_unique, taken},
    },
    entities::{business_calendar, calendar_holiday, sla_policy, sla_target},
    error::DomainError,
    policy::{Action, Actor, authorize},
    validation::Checks,
};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, sea_query::OnConflict,
};
use serde_json::json;
use std::collections::HashMap;

/// A calendar as the form sends it: the seven days' hours as typed, Monday first.
#[derive(Debug, Clone, Default)]
pub struct CalendarInput {
    pub name: String,
    pub time_zone: String,
    pub hours: [String; 7],
}

/// A time zone by its IANA name, in any letter case (`europe/berlin`).
pub fn parse_zone(input: &str) -> Result<chrono_tz::Tz, &'static str> {
    let text = input.trim();
    text.parse::<chrono_tz::Tz>()
        .ok()
        .or_else(|| chrono_tz::TZ_VARIANTS.iter().find(|z| z.name().eq_ignore_ascii_case(text)).copied())
        .ok_or("Choose a time zone by its name, such as Europe/Berlin or America/New_York")
}

/// Every time zone name, for the form's suggestions.
pub fn zone_names() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect()
}

struct Checked {
    name: String,
    zone: chrono_tz::Tz,
    week: WeekHours,
}

async fn check(db: &impl ConnectionTrait, input: &CalendarInput, except: Option<i64>) -> Result<Checked, DomainError> {
    let mut checks = Checks::new();
    let name = checks.check("name", parse_label(&input.name, CALENDAR_NAME_MAX_CHARS));
    let zone = checks.check("time_zone", parse_zone(&input.time_zone));
    let mut week: WeekHours = Default::default();
    for (day, text) in input.hours.iter().enumerate() {
        let field = format!("hours_{day}");
        if let Some(intervals) =
            checks.check(&field, parse_day_hours(text).map_err(|m| format!("{}: {m}", WEEKDAYS[day])))
        {
            week[day] = intervals;
        }
    }
    if (0..7).all(|d| !checks.has(&format!("hours_{d}"))) && week.iter().all(Vec::is_empty) {
        checks.add("hours_0", "Give at least one day opening hours");
    }
    if let Some(name) = &name {
        let all = business_calendar::Entity::find().all(db).await?;
        if taken(all.iter().map(|c| (c.id, c.name.as_str())), name, except) {
            checks.add("name", TAKEN);
        }
    }
    checks.finish()?;
    match (name, zone) {
        (Some(name), Some(zone)) => Ok(Checked { name, zone, week }),
        _ => Err(DomainError::Internal),
    }
}

fn week_json(week: &WeekHours) -> Result<String, DomainError> {
    serde_json::to_string(week).map_err(|_| DomainError::Internal)
}

pub async fn create(db: &DatabaseConnection, actor: &Actor, input: CalendarInput) -> Result<i64, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let checked = check(&txn, &input, None).await?;
    let now = crate::clock::now();
    let row = business_calendar::ActiveModel {
        name: Set(checked.name.clone()),
        time_zone: Set(checked.zone.name().to_owned()),
        weekly_hours: Set(Some(week_json(&checked.week)?)),
        builtin: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(map_unique)?;
    audit::record(&txn, actor, "calendar.create", ("calendar", Some(row.id)), json!({ "name": checked.name })).await?;
    cache::changed(&txn).await?;
    txn.commit().await?;
    Ok(row.id)
}

async fn editable(db: &impl ConnectionTrait, id: i64) -> Result<business_calendar::Model, DomainError> {
    let row = business_calendar::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound)?;
    if row.builtin {
        return Err(DomainError::Conflict("The 24/7 calendar is built in and cannot change".into()));
    }
    Ok(row)
}

pub async fn update(db: &DatabaseConnection, actor: &Actor, id: i64, input: CalendarInput) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let row = editable(&txn, id).await?;
    let checked = check(&txn, &input, Some(id)).await?;
    let hours = week_json(&checked.week)?;
    let moves_time = row.time_zone != checked.zone.name() || row.weekly_hours.as_deref() != Some(hours.as_str());
    let detail = json!({
        "old": { "name": row.name, "time_zone": row.time_zone, "weekly_hours": row.weekly_hours },
        "new": { "name": checked.name, "time_zone": checked.zone.name(), "weekly_hours": hours },
    });
    let mut changes = row.into_active_model();
    changes.name = Set(checked.name);
    changes.time_zone = Set(checked.zone.name().to_owned());
    changes.weekly_hours = Set(Some(hours));
    changes.updated_at = Set(crate::clock::now());
    changes.update(&txn).await.map_err(map_unique)?;
    audit::record(&txn, actor, "calendar.update", ("calendar", Some(id)), detail).await?;
    cache::changed(&txn).await?;
    if moves_time {
        recompute::request(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

pub async fn delete(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let row = editable(&txn, id).await?;
    let users = policies_using(&txn).await?;
    if let Some(names) = users.get(&id) {
        return Err(DomainError::Conflict(format!(
            "Policies count on this calendar ({}): give their targets another calendar first",
            names.join(", ")
        )));
    }
    calendar_holiday::Entity::delete_many().filter(calendar_holiday::Column::CalendarId.eq(id)).exec(&txn).await?;
    business_calendar::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, actor, "calendar.delete", ("calendar", Some(id)), json!({ "name": row.name })).await?;
    cache::changed(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// A holiday's date as typed: `YYYY-MM-DD`.
pub fn parse_day(input: &str) -> Result<NaiveDate, &'static str> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").map_err(|_| "Enter a date as YYYY-MM-DD")
}

pub async fn add_holiday(
    db: &DatabaseConnection,
    actor: &Actor,
    calendar_id: i64,
    name: &str,
    day: &str,
    yearly: bool,
) -> Result<i64, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let mut checks = Checks::new();
    let name = checks.check("holiday_name", parse_label(name, HOLIDAY_NAME_MAX_CHARS));
    let day = checks.check("day", parse_day(day));
    checks.finish()?;
    let (Some(name), Some(day)) = (name, day) else { return Err(DomainError::Internal) };
    let txn = crate::db::begin_write(db).await?;
    editable(&txn, calendar_id).await?;
    let exists = calendar_holiday::Entity::find()
        .filter(calendar_holiday::Column::CalendarId.eq(calendar_id))
        .filter(calendar_holiday::Column::Day.eq(day))
        .one(&txn)
        .await?;
    if exists.is_some() {
        return Err(DomainError::field("day", "This day is already a holiday"));
    }
    let row = calendar_holiday::ActiveModel {
        calendar_id: Set(calendar_id),
        name: Set(name.clone()),
        day: Set(day),
        yearly: Set(yearly),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let detail = json!({ "name": name, "day": day, "yearly": yearly });
    audit::record(&txn, actor, "calendar.holiday_add", ("calendar", Some(calendar_id)), detail).await?;
    cache::changed(&txn).await?;
    recompute::request(&txn).await?;
    txn.commit().await?;
    Ok(row.id)
}

pub async fn remove_holiday(db: &DatabaseConnection, actor: &Actor, holiday_id: i64) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let row = calendar_holiday::Entity::find_by_id(holiday_id).one(&txn).await?.ok_or(DomainError::NotFound)?;
    editable(&txn, row.calendar_id).await?;
    calendar_holiday::Entity::delete_by_id(holiday_id).exec(&txn).await?;
    let detail = json!({ "name": row.name, "day": row.day });
    audit::record(&txn, actor, "calendar.holiday_remove", ("calendar", Some(row.calendar_id)), detail).await?;
    cache::changed(&txn).await?;
    recompute::request(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Adds the holidays of an `.ics` file; days that are holidays already are skipped. Returns how
/// many were added and how many skipped.
pub async fn import_holidays(
    db: &DatabaseConnection,
    actor: &Actor,
    calendar_id: i64,
    ics_text: &str,
) -> Result<(usize, usize), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let days = ics::holidays(ics_text).map_err(|m| DomainError::field("file", m))?;
    let txn = crate::db::begin_write(db).await?;
    editable(&txn, calendar_id).await?;
    let before = calendar_holiday::Entity::find()
        .filter(calendar_holiday::Column::CalendarId.eq(calendar_id))
        .all(&txn)
        .await?
        .len();
    let rows = days.iter().map(|d| calendar_holiday::ActiveModel {
        calendar_id: Set(calendar_id),
        name: Set(d.name.clone()),
        day: Set(d.day),
        yearly: Set(d.yearly),
        ..Default::default()
    });
    calendar_holiday::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([calendar_holiday::Column::CalendarId, calendar_holiday::Column::Day])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    let after = calendar_holiday::Entity::find()
        .filter(calendar_holiday::Column::CalendarId.eq(calendar_id))
        .all(&txn)
        .await?
        .len();
    let added = after - before;
    let detail = json!({ "added": added, "in_file": days.len() });
    audit::record(&txn, actor, "calendar.holidays_import", ("calendar", Some(calendar_id)), detail).await?;
    cache::changed(&txn).await?;
    if added > 0 {
        recompute::request(&txn).await?;
    }
    txn.commit().await?;
    Ok((added, days.len() - added))
}

/// Policy names by the calendars their targets count on.
async fn policies_using(db: &impl ConnectionTrait) -> Result<HashMap<i64, Vec<String>>, DomainError> {
    let names: HashMap<i64, String> =
        sla_policy::Entity::find().all(db).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for t in sla_target::Entity::find().all(db).await? {
        if let Some(name) = names.get(&t.policy_id) {
            let list = out.entry(t.calendar_id).or_default();
            if !list.contains(name) {
                list.push(name.clone());
            }
        }
    }
    Ok(out)
}

/// Every calendar, the built-in one first, then by name.
pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<CalendarView>, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let mut holidays: HashMap<i64, Vec<HolidayView>> = HashMap::new();
    for h in calendar_holiday::Entity::find().order_by_asc(calendar_holiday::Column::Day).all(db).await? {
        holidays.entry(h.calendar_id).or_default().push(HolidayView {
            id: h.id,
            name: h.name,
            day: h.day,
            yearly: h.yearly,
        });
    }
    let mut users = policies_using(db).await?;
    let rows = business_calendar::Entity::find()
        .order_by_desc(business_calendar::Column::Builtin)
        .order_by_asc(business_calendar::Column::Name)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let week = super::setup::week_of(&row);
            CalendarView {
                hours: week.map_or_else(Vec::new, |w| w.iter().map(|d| format_day_hours(d)).collect()),
                holidays: holidays.remove(&row.id).unwrap_or_default(),
                used_by: users.remove(&row.id).unwrap_or_default(),
                id: row.id,
                name: row.name,
                time_zone: row.time_zone,
                builtin: row.builtin,
            }
        })
        .collect())
}
