//! Keeping the desk's fields (admins): adding one, changing its name, help, options, rules and
//! where it shows, retiring it (never deleting: its values stay), and choosing which fields each
//! category's form shows customers and in which order. Every change is audited and changes the
//! configuration version, so every process reads the new definitions at once.

use super::{
    catalog::Fields,
    input::compile_pattern,
    types::{
        FIELDS_MAX, FieldKind, HELP_MAX_CHARS, NAME_MAX_CHARS, OPTION_MAX_CHARS, OPTIONS_MAX, PATTERN_MAX_CHARS,
        parse_number,
    },
};
use crate::{
    audit,
    desk_config::{
        cache,
        types::{parse_label, parse_order},
        unique::{TAKEN, map_unique, taken},
    },
    entities::{category, category_field, custom_field},
    error::DomainError,
    policy::{Action, Actor, authorize},
    validation::Checks,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use serde_json::json;

pub const KEY_MAX_CHARS: usize = 40;

/// A field as the admin's form sends it.
#[derive(Debug, Clone, Default)]
pub struct FieldInput {
    pub name: String,
    pub help: String,
    /// Only when adding: a field's kind never changes, so its values always read the same.
    pub kind: Option<FieldKind>,
    /// One option per line (selects).
    pub options: String,
    pub required_for_customers: bool,
    pub required_for_agents: bool,
    pub min: String,
    pub max: String,
    pub pattern: String,
    pub pattern_hint: String,
    pub customers_see: bool,
    pub show_in_lists: bool,
    pub active: bool,
    pub position: String,
}

/// The API key a name gives: lower-case letters, digits and `_`, starting with a letter.
pub fn key_from(name: &str) -> String {
    let mut key = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if !key.ends_with('_') && !key.is_empty() {
            key.push('_');
        }
    }
    let key = key.trim_end_matches('_');
    let key = if key.starts_with(|c: char| c.is_ascii_alphabetic()) { key.to_owned() } else { format!("f_{key}") };
    key.trim_end_matches('_').chars().take(KEY_MAX_CHARS).collect::<String>().trim_end_matches('_').to_owned()
}

/// A key not yet taken: `contract`, else `contract_2`, `contract_3`…
fn free_key(wanted: &str, taken: &[String]) -> String {
    if !taken.iter().any(|k| k == wanted) {
        return wanted.to_owned();
    }
    (2..)
        .map(|n| {
            let suffix = format!("_{n}");
            let stem: String = wanted.chars().take(KEY_MAX_CHARS - suffix.len()).collect();
            format!("{stem}{suffix}")
        })
        .find(|k| !taken.contains(k))
        .unwrap_or_default()
}

/// What the checked input writes.
struct Checked {
    name: String,
    help: String,
    options: Vec<String>,
    min: Option<f64>,
    max: Option<f64>,
    pattern: Option<String>,
    pattern_hint: Option<String>,
    position: i32,
}

fn parse_options(text: &str, checks: &mut Checks) -> Vec<String> {
    let mut options: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.chars().count() > OPTION_MAX_CHARS || line.chars().any(char::is_control) {
            checks.add(
                "options",
                &format!("Options are at most {OPTION_MAX_CHARS} characters, without control characters"),
            );
            return options;
        }
        if options.iter().any(|o| o.to_lowercase() == line.to_lowercase()) {
            checks.add("options", &format!("\u{201c}{line}\u{201d} is listed twice"));
            return options;
        }
        options.push(line.to_owned());
    }
    if options.is_empty() {
        checks.add("options", "List the choices, one per line");
    } else if options.len() > OPTIONS_MAX {
        checks.add("options", &format!("Use at most {OPTIONS_MAX} options"));
    }
    options
}

fn bound(field: &str, text: &str, checks: &mut Checks) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    checks.check(field, parse_number(text))
}

fn optional_text(field: &str, text: &str, max: usize, checks: &mut Checks) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.chars().count() > max {
        checks.add(field, &format!("Use at most {max} characters"));
    }
    Some(text.to_owned())
}

fn check(
    all: &[custom_field::Model],
    kind: FieldKind,
    input: &FieldInput,
    id: Option<i64>,
) -> Result<Checked, DomainError> {
    let mut checks = Checks::new();
    let name = checks.check("name", parse_label(&input.name, NAME_MAX_CHARS));
    if let Some(name) = &name
        && taken(all.iter().map(|f| (f.id, f.name.as_str())), name, id)
    {
        checks.add("name", TAKEN);
    }
    let help = input.help.trim().to_owned();
    if help.chars().count() > HELP_MAX_CHARS || help.chars().any(|c| c.is_control()) {
        checks.add("help", &format!("Use at most {HELP_MAX_CHARS} characters, on one line"));
    }
    let options = if kind.has_options() { parse_options(&input.options, &mut checks) } else { Vec::new() };
    let (mut min, mut max) = (None, None);
    if kind.bounds().is_some() {
        min = bound("min", &input.min, &mut checks);
        max = bound("max", &input.max, &mut checks);
        if let (Some(low), Some(high)) = (min, max)
            && low > high
        {
            checks.add("max", "Make the largest at least the smallest");
        }
        let counts = kind != FieldKind::Number;
        if counts && [min, max].into_iter().flatten().any(|n| n < 0.0 || n.fract() != 0.0) {
            checks.add(
                if min.is_some_and(|n| n < 0.0 || n.fract() != 0.0) { "min" } else { "max" },
                "Use a whole number, 0 or more",
            );
        }
    }
    let (mut pattern, mut pattern_hint) = (None, None);
    if kind.takes_pattern() {
        pattern = optional_text("pattern", &input.pattern, PATTERN_MAX_CHARS, &mut checks);
        if let Some(p) = &pattern
            && !checks.has("pattern")
        {
            checks.check("pattern", compile_pattern(p));
        }
        pattern_hint = optional_text("pattern_hint", &input.pattern_hint, PATTERN_MAX_CHARS, &mut checks);
    }
    let position =
        checks.check("position", parse_order(if input.position.trim().is_empty() { "0" } else { &input.position }));
    checks.finish()?;
    let (Some(name), Some(position)) = (name, position) else { return Err(DomainError::Internal) };
    Ok(Checked { name, help, options, min, max, pattern, pattern_hint, position })
}

fn options_json(options: &[String]) -> Result<String, DomainError> {
    serde_json::to_string(options).map_err(|_| DomainError::Internal)
}

pub async fn create(db: &DatabaseConnection, actor: &Actor, input: FieldInput) -> Result<i64, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let kind = input.kind.ok_or_else(|| DomainError::field("kind", "Choose what the field holds"))?;
    let txn = crate::db::begin_write(db).await?;
    let all = custom_field::Entity::find().all(&*txn).await?;
    if all.len() >= FIELDS_MAX {
        return Err(DomainError::field(
            "name",
            format!("A desk has at most {FIELDS_MAX} fields, retired ones included"),
        ));
    }
    let c = check(&all, kind, &input, None)?;
    let keys: Vec<String> = all.iter().map(|f| f.key.clone()).collect();
    let key = free_key(&key_from(&c.name), &keys);
    let now = crate::clock::now();
    let row = custom_field::ActiveModel {
        key: Set(key.clone()),
        name: Set(c.name.clone()),
        help: Set(c.help),
        kind: Set(kind),
        options: Set(options_json(&c.options)?),
        required_for_customers: Set(input.required_for_customers),
        required_for_agents: Set(input.required_for_agents),
        min_value: Set(c.min),
        max_value: Set(c.max),
        pattern: Set(c.pattern),
        pattern_hint: Set(c.pattern_hint),
        customers_see: Set(input.customers_see),
        show_in_lists: Set(input.show_in_lists),
        active: Set(true),
        position: Set(c.position),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await
    .map_err(map_unique)?;
    let detail = json!({ "name": c.name, "key": key, "kind": kind.as_str() });
    audit::record(&*txn, actor, "custom_field.create", ("custom_field", Some(row.id)), detail).await?;
    cache::changed(&*txn).await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Changes a field; its kind and key stay. Retiring (`active` false) keeps every value.
pub async fn update(db: &DatabaseConnection, actor: &Actor, id: i64, input: FieldInput) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let txn = crate::db::begin_write(db).await?;
    let all = custom_field::Entity::find().all(&*txn).await?;
    let row = all.iter().find(|f| f.id == id).cloned().ok_or(DomainError::NotFound)?;
    if input.kind.is_some_and(|k| k != row.kind) {
        return Err(DomainError::field("kind", "A field's kind cannot change: add a new field instead"));
    }
    let c = check(&all, row.kind, &input, Some(id))?;
    let detail = json!({
        "old": { "name": row.name, "active": row.active },
        "new": { "name": c.name, "active": input.active },
    });
    let mut changes = row.into_active_model();
    changes.name = Set(c.name);
    changes.help = Set(c.help);
    changes.options = Set(options_json(&c.options)?);
    changes.required_for_customers = Set(input.required_for_customers);
    changes.required_for_agents = Set(input.required_for_agents);
    changes.min_value = Set(c.min);
    changes.max_value = Set(c.max);
    changes.pattern = Set(c.pattern);
    changes.pattern_hint = Set(c.pattern_hint);
    changes.customers_see = Set(input.customers_see);
    changes.show_in_lists = Set(input.show_in_lists);
    changes.active = Set(input.active);
    changes.position = Set(c.position);
    changes.updated_at = Set(crate::clock::now());
    changes.update(&*txn).await.map_err(map_unique)?;
    audit::record(&*txn, actor, "custom_field.update", ("custom_field", Some(id)), detail).await?;
    cache::changed(&*txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Sets which fields a category's form shows customers, in this order.
pub async fn set_form(
    db: &DatabaseConnection,
    actor: &Actor,
    category_id: i64,
    field_ids: &[i64],
) -> Result<(), DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let fields = Fields::load(db).await?;
    let mut chosen: Vec<i64> = Vec::new();
    for id in field_ids {
        if fields.get(*id).is_none_or(|f| !f.active) {
            return Err(DomainError::field("fields", "Choose among the active fields"));
        }
        if !chosen.contains(id) {
            chosen.push(*id);
        }
    }
    let txn = crate::db::begin_write(db).await?;
    let category = category::Entity::find_by_id(category_id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    category_field::Entity::delete_many()
        .filter(category_field::Column::CategoryId.eq(category_id))
        .exec(&*txn)
        .await?;
    let rows = chosen.iter().zip(0..).map(|(field_id, position)| category_field::ActiveModel {
        category_id: Set(category_id),
        field_id: Set(*field_id),
        position: Set(position),
    });
    if !chosen.is_empty() {
        category_field::Entity::insert_many(rows).exec_without_returning(&*txn).await?;
    }
    let names: Vec<&str> = chosen.iter().filter_map(|id| fields.get(*id)).map(|f| f.name.as_str()).collect();
    let detail = json!({ "category": category.name, "fields": names });
    audit::record(&*txn, actor, "category.form", ("category", Some(category_id)), detail).await?;
    cache::changed(&*txn).await?;
    txn.commit().await?;
    Ok(())
}

/// How many tickets have a value for each field (the admin page).
pub async fn value_counts(db: &impl ConnectionTrait) -> Result<std::collections::HashMap<i64, u64>, DomainError> {
    use sea_orm::{QuerySelect, sea_query::Expr};
    let rows: Vec<(i64, i64)> = crate::entities::ticket_field_value::Entity::find()
        .select_only()
        .column(crate::entities::ticket_field_value::Column::FieldId)
        .expr(Expr::cust("COUNT(DISTINCT ticket_id)"))
        .group_by(crate::entities::ticket_field_value::Column::FieldId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, n)| (id, u64::try_from(n).unwrap_or(0))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_from_names() {
        assert_eq!(key_from("Contract number"), "contract_number");
        assert_eq!(key_from("  Devices (count) "), "devices_count");
        assert_eq!(key_from("2FA enabled?"), "f_2fa_enabled");
        assert_eq!(key_from("Größe"), "gr_e");
        assert_eq!(key_from("!!!"), "f");
        assert_eq!(key_from(&"long ".repeat(20)).len(), KEY_MAX_CHARS - 1);
        let taken = vec!["contract".to_owned(), "contract_2".to_owned()];
        assert_eq!(free_key("contract", &taken), "contract_3");
        assert_eq!(free_key("devices", &taken), "devices");
    }
}
