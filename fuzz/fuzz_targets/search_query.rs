//! The search and filter language: `TicketFilter::parse` on any text, then what the server
//! builds from a filter without a database: the full-text match (`search::matching`, SQLite FTS5
//! and PostgreSQL, both scopes, rendered to SQL) and the custom-field terms read by each field's
//! kind (`custom_fields::filter::condition`, rendered to SQL, and `matching::resolve` + `holds`
//! as routing rules use them) against one field of every kind.
//! Checks: no panic; a parsed filter keeps its limits (at most 20 words and 10 field terms, no
//! empty value) and round-trips: `parse(to_query())` gives the same filter back, as `to_query`
//! promises (saved views and links store that text).
#![no_main]

use docket_fuzz::fields;
use domain::{
    custom_fields::{
        catalog::Fields,
        filter::condition,
        matching::{holds, resolve},
        types::FieldValue,
        values::Values,
    },
    entities::ticket,
    search::{Scope, matching},
    ticket_filter::{MAX_FIELD_TERMS, MAX_TERMS, TicketFilter},
};
use libfuzzer_sys::fuzz_target;
use sea_orm::{
    DbBackend, EntityTrait, QueryFilter, QueryTrait,
    sea_query::{PostgresQueryBuilder, SqliteQueryBuilder},
};

fuzz_target!(|bytes: &[u8]| {
    let Ok(input) = std::str::from_utf8(bytes) else { return };
    let Ok(filter) = TicketFilter::parse(input) else { return };
    assert!(filter.text.len() <= MAX_TERMS && filter.fields.len() <= MAX_FIELD_TERMS);
    assert!(filter.text.iter().all(|t| !t.text.trim().is_empty()), "an empty word from {input:?}");
    assert!(filter.fields.iter().all(|t| !t.field.is_empty() && !t.value.is_empty()), "{input:?}");
    let canonical = filter.to_query();
    match TicketFilter::parse(&canonical) {
        Ok(again) => assert_eq!(again, filter, "{input:?} → {canonical:?} reads back differently"),
        Err(error) => panic!("{input:?} → {canonical:?} does not read back: {error}"),
    }

    for scope in [Scope::Public, Scope::All] {
        if let Some(select) = matching(DbBackend::Sqlite, &filter.text, scope) {
            let _ = select.to_string(SqliteQueryBuilder);
        }
        if let Some(select) = matching(DbBackend::Postgres, &filter.text, scope) {
            let _ = select.to_string(PostgresQueryBuilder);
        }
    }

    let fields = Fields { all: fields(), forms: Default::default() };
    for customer in [false, true] {
        if let Ok(cond) = condition(&fields, &filter.fields, customer) {
            let query = ticket::Entity::find().filter(cond);
            let _ = query.clone().build(DbBackend::Sqlite).to_string();
            let _ = query.build(DbBackend::Postgres).to_string();
        }
    }
    if let Ok(checks) = resolve(&fields, &filter.fields) {
        let mut values = Values::new();
        let _ = holds(&checks, &values);
        values.insert(1, FieldValue::Text("A-123".into()));
        values.insert(3, FieldValue::Number(3.0));
        values.insert(4, FieldValue::Date(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date")));
        values.insert(6, FieldValue::Choices(vec!["Red".into(), "Dark blue".into()]));
        values.insert(7, FieldValue::Checkbox(true));
        let _ = holds(&checks, &values);
    }
});
