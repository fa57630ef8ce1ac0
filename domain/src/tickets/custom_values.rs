//! Changing a ticket's custom-field values (staff who may edit it): each value read and checked
//! by its field's rules, the changed ones written, one history line each ("Contract: A-123 (was
//! A-1)"), and a `FieldsChanged` event, so automations, live views and the rest react as to any
//! field.

use super::{
    commands::{TicketChanges, update_in},
    writing::{Changed, HistoryLine, events},
};
use crate::{
    custom_fields::{
        catalog::Fields,
        input::{FieldInputs, read_all},
        types::{FieldDefinition, FieldValue},
        values,
    },
    desk_config::Config,
    error::DomainError,
    live,
    policy::{Actor, TicketAction, can_on_ticket},
    reactions::{self, FieldChange, Happened, TicketEvent},
    ticket_access,
    validation::Checks,
};
use sea_orm::{ActiveModelTrait, DatabaseConnection, DatabaseTransaction, IntoActiveModel, Set};

/// What people read for a value; an unticked box reads as nothing, as an empty field does.
fn shown(value: Option<&FieldValue>) -> Option<String> {
    value.filter(|v| v.is_filled() || !matches!(v, FieldValue::Checkbox(_))).map(FieldValue::display)
}

/// Sets the fields named in `inputs` (others stay); an empty input clears a field. Errors are
/// field errors under `label(field)`; a field that does not exist or is retired, under `fields`.
pub async fn set(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    inputs: FieldInputs,
    label: impl Fn(&FieldDefinition) -> String,
) -> Result<Changed, DomainError> {
    let config = Config::load(db).await?;
    let catalog = Fields::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let changed = set_in(&txn, &config, &catalog, actor, ticket_id, &inputs, &label).await?;
    live::commit(txn).await?;
    Ok(changed)
}

/// Sets custom fields and changes the ticket's other fields in one transaction (the API's
/// PATCH): a value required before solving can come with the change that solves.
pub async fn update_with_fields(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    changes: TicketChanges,
    inputs: FieldInputs,
    label: impl Fn(&FieldDefinition) -> String,
) -> Result<Changed, DomainError> {
    let config = Config::load(db).await?;
    let catalog = Fields::load(db).await?;
    let txn = crate::db::begin_write(db).await?;
    if !inputs.is_empty() {
        set_in(&txn, &config, &catalog, actor, ticket_id, &inputs, &label).await?;
    }
    let changed = update_in(&txn, &config, actor, ticket_id, changes).await?;
    live::commit(txn).await?;
    Ok(changed)
}

async fn set_in(
    txn: &DatabaseTransaction,
    config: &Config,
    catalog: &Fields,
    actor: &Actor,
    ticket_id: i64,
    inputs: &FieldInputs,
    label: &impl Fn(&FieldDefinition) -> String,
) -> Result<Changed, DomainError> {
    let (row, facts) = ticket_access::visible_ticket(txn, actor, ticket_id).await?;
    if !can_on_ticket(actor, TicketAction::Edit, &facts) {
        return Err(DomainError::Forbidden);
    }
    let mut checks = Checks::new();
    let mut targets: Vec<&FieldDefinition> = Vec::new();
    for id in inputs.keys() {
        match catalog.get(*id).filter(|f| f.active) {
            Some(field) => targets.push(field),
            None => checks.add("fields", "That field does not exist or is retired"),
        }
    }
    targets.sort_by_key(|f| (f.position, f.id));
    let read = read_all(&targets, inputs, None, label, &mut checks);
    checks.finish()?;
    let current = values::of_ticket(txn, catalog, row.id).await?;
    let now = crate::clock::now();
    let mut lines = Vec::new();
    let mut changes = Vec::new();
    for (field, value) in read {
        let (old, new) = (shown(current.get(&field.id)), shown(value.as_ref()));
        if old == new {
            continue;
        }
        values::replace(txn, row.id, field, value.as_ref()).await?;
        let none = || "none".to_owned();
        let line = match &old {
            Some(was) => format!("{}: {} (was {was})", field.name, new.clone().unwrap_or_else(none)),
            None => format!("{}: {}", field.name, new.clone().unwrap_or_else(none)),
        };
        lines.push(HistoryLine::new(actor, "custom_field", line));
        changes.push(FieldChange { field: field.name.clone(), old, new });
    }
    if !changes.is_empty() {
        events(txn, row.id, now, lines).await?;
        let mut edit = row.clone().into_active_model();
        edit.updated_at = Set(now);
        let updated = edit.update(txn).await?;
        let happened = Happened::new(&updated, facts, actor, now).with(TicketEvent::FieldsChanged { changes });
        reactions::emit(txn, &happened).await?;
    }
    Ok(Changed { id: row.id, reference: config.reference(row.number) })
}
