//! Changing tickets: reply or note, change status and fields (opening one is in `creation`).
//! Each command writes its rows and its history events in one transaction.

use super::lifecycle::{self, Side};
use crate::{
    accounts::people::{people, person},
    attachments::store::StoredFile,
    desk_config::Config,
    error::DomainError,
    live,
    policy::{Action, Actor, TicketAction, authorize, can_on_ticket},
    reactions::{self, FieldChange, Happened, TicketEvent},
    ticket_access,
    ticket_types::{Channel, StatusCategory, Visibility},
    validation::Checks,
};
use sea_orm::{ActiveModelTrait, DatabaseConnection, DatabaseTransaction, IntoActiveModel, Set};

use super::writing::{event, side};
pub use super::{
    creation::{create, create_in, create_queued},
    deletion::delete,
    posting::{Post, post_in},
    writing::{Changed, NewTicket, SUBJECT_MAX_CHARS},
};

/// A public reply or an internal note. A customer's reply reopens their solved request.
pub async fn add_message(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    visibility: Visibility,
    body: &str,
) -> Result<Changed, DomainError> {
    add_message_with_files(db, actor, ticket_id, visibility, body, Vec::new()).await
}

/// A reply or note with files (already in the file store) attached.
pub async fn add_message_with_files(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    visibility: Visibility,
    body: &str,
    files: Vec<StoredFile>,
) -> Result<Changed, DomainError> {
    add_message_with_time(db, actor, ticket_id, visibility, body, files, None).await
}

/// A message with the time its author spent, logged in the message's transaction (staff).
pub async fn add_message_with_time(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    visibility: Visibility,
    body: &str,
    files: Vec<StoredFile>,
    time: Option<crate::time_tracking::entries::EntryInput>,
) -> Result<Changed, DomainError> {
    let config = Config::load(db).await?;
    let post = Post { visibility, channel: Channel::Web, body: body.to_owned(), body_html: None, files };
    let txn = crate::db::begin_write(db).await?;
    let (changed, message_id) = post_in(&txn, &config, actor, ticket_id, post).await?;
    if let Some(time) = time {
        crate::time_tracking::entries::log_in(&txn, actor, ticket_id, &time, Some(message_id)).await?;
    }
    live::commit(txn).await?;
    Ok(changed)
}

/// Field changes an agent makes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketChanges {
    pub status_id: Option<i64>,
    pub priority_id: Option<i64>,
    /// `Some(None)` clears the field.
    pub category_id: Option<Option<i64>>,
    pub team_id: Option<Option<i64>>,
    pub assignee_id: Option<Option<i64>>,
    /// The whole new set of tags, as typed (comma or space separated).
    pub tags: Option<String>,
    /// The day it is due (`Some(None)` clears it).
    pub due_on: Option<Option<chrono::NaiveDate>>,
    /// Solve or close a parent while child tickets are still open: admins only, audited.
    pub override_children: bool,
}

pub const MAX_TAGS: usize = 20;
pub const TAG_MAX_CHARS: usize = 32;

/// Parses tags: lower-case words of letters, digits, `-` and `_`, separated by commas or spaces;
/// duplicates dropped, order kept.
pub fn parse_tags(input: &str) -> Result<Vec<String>, &'static str> {
    let mut tags: Vec<String> = Vec::new();
    for raw in input.split([',', ' ', '\n', '\t']).map(str::trim).filter(|t| !t.is_empty()) {
        let tag = raw.trim_start_matches('#').to_lowercase();
        if tag.is_empty() || tag.chars().count() > TAG_MAX_CHARS {
            return Err("Tags are at most 32 characters");
        }
        if !tag.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
            return Err("Tags use letters, digits, - and _ only");
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS { Err("Use at most 20 tags") } else { Ok(tags) }
}

pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    input: TicketChanges,
) -> Result<Changed, DomainError> {
    update_with(db, &Config::load(db).await?, actor, ticket_id, input).await
}

async fn update_with(
    db: &DatabaseConnection,
    config: &Config,
    actor: &Actor,
    ticket_id: i64,
    input: TicketChanges,
) -> Result<Changed, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let changed = update_in(&txn, config, actor, ticket_id, input).await?;
    live::commit(txn).await?;
    Ok(changed)
}

/// The change inside the caller's write transaction (a job that changes a ticket as part of its
/// own work); the caller commits through `live::commit`.
pub(crate) async fn update_in(
    txn: &DatabaseTransaction,
    config: &Config,
    actor: &Actor,
    ticket_id: i64,
    input: TicketChanges,
) -> Result<Changed, DomainError> {
    let (row, facts) = ticket_access::visible_ticket(txn, actor, ticket_id).await?;
    let edits_fields = input.tags.is_some()
        || input.priority_id.is_some()
        || input.category_id.is_some()
        || input.team_id.is_some()
        || input.assignee_id.is_some()
        || input.due_on.is_some();
    if edits_fields && !can_on_ticket(actor, TicketAction::Edit, &facts) {
        return Err(DomainError::Forbidden);
    }
    if input.override_children && !can_on_ticket(actor, TicketAction::OverrideChildRule, &facts) {
        return Err(DomainError::Forbidden);
    }
    let now = crate::clock::now();
    let mut changes = row.clone().into_active_model();
    let mut checks = Checks::new();
    let mut events: Vec<(&str, Option<String>, Option<String>)> = Vec::new();
    let mut moved_to = None;

    if let Some(status_id) = input.status_id.filter(|id| *id != row.status_id) {
        match config.statuses.iter().find(|s| s.id == status_id && s.active) {
            None => checks.add("status_id", "Choose one of the statuses"),
            Some(_) => {
                let from = config.status(row.status_id)?;
                let to = config.status(status_id)?;
                lifecycle::check_status_change(side(actor), from.category, to.category)?;
                super::child_rule::enforce(txn, config, actor, &row, &to, input.override_children, now).await?;
                changes.status_id = Set(status_id);
                changes.solved_at = Set(matches!(to.category, StatusCategory::Solved | StatusCategory::Closed)
                    .then(|| row.solved_at.unwrap_or(now)));
                moved_to = Some((from.category, to.category));
                events.push(("status", Some(from.name), Some(to.name)));
            }
        }
    }
    if let Some(priority_id) = input.priority_id.filter(|id| *id != row.priority_id) {
        if config.priorities.iter().any(|p| p.id == priority_id && p.active) {
            changes.priority_id = Set(priority_id);
            events.push((
                "priority",
                Some(config.priority(row.priority_id).name),
                Some(config.priority(priority_id).name),
            ));
        } else {
            checks.add("priority_id", "Choose one of the priorities");
        }
    }
    if let Some(category_id) = input.category_id.filter(|id| *id != row.category_id) {
        if category_id.is_none_or(|id| config.categories.iter().any(|c| c.id == id && c.active)) {
            changes.category_id = Set(category_id);
            let name = |id| config.category(id).map(|c| c.name);
            events.push(("category", name(row.category_id), name(category_id)));
        } else {
            checks.add("category_id", "Choose one of the categories");
        }
    }
    if let Some(team_id) = input.team_id.filter(|id| *id != row.team_id) {
        if team_id.is_none_or(|id| config.teams.iter().any(|t| t.id == id)) {
            changes.team_id = Set(team_id);
            let name = |id| config.team(id).map(|t| t.name);
            events.push(("team", name(row.team_id), name(team_id)));
        } else {
            checks.add("team_id", "Choose one of the teams");
        }
    }
    if let Some(assignee_id) = input.assignee_id.filter(|id| *id != row.assignee_id) {
        let ids = [row.assignee_id, assignee_id].into_iter().flatten().collect();
        let people = people(txn, ids).await?;
        let staff = |id: i64| people.get(&id).is_some_and(|u| u.active && u.role.is_staff());
        if assignee_id.is_none_or(staff) {
            changes.assignee_id = Set(assignee_id);
            let name = |id: Option<i64>| id.map(|id| person(&people, id).name);
            events.push(("assignee", name(row.assignee_id), name(assignee_id)));
        } else {
            checks.add("assignee_id", "Choose an active agent");
        }
    }
    if let Some(text) = input.tags.as_deref() {
        match parse_tags(text) {
            Err(message) => checks.add("tags", message),
            Ok(tags) => {
                let old: Vec<String> = serde_json::from_str(&row.tags).unwrap_or_default();
                if tags != old {
                    changes.tags = Set(serde_json::to_string(&tags).map_err(|_| DomainError::Internal)?);
                    let joined = |list: &[String]| (!list.is_empty()).then(|| list.join(", "));
                    events.push(("tags", joined(&old), joined(&tags)));
                }
            }
        }
    }
    if let Some(due_on) = input.due_on.filter(|day| *day != row.due_on) {
        match due_on.map(super::due_dates::check).transpose() {
            Err(message) => checks.add("due_on", message),
            Ok(due_on) => {
                changes.due_on = Set(due_on);
                let day = |day: Option<chrono::NaiveDate>| day.map(|d| d.format("%Y-%m-%d").to_string());
                events.push(("due date", day(row.due_on), day(due_on)));
            }
        }
    }
    // Staff who solve or close fill the fields required of agents first (Docket's own changes,
    // such as auto-close, do not wait for them).
    if let Some((_, to)) = moved_to
        && matches!(to, StatusCategory::Solved | StatusCategory::Closed)
        && side(actor) == Side::Staff
        && !matches!(actor, Actor::System)
    {
        let category = input.category_id.unwrap_or(row.category_id);
        let fields = crate::custom_fields::catalog::Fields::load(txn).await?;
        let missing = crate::custom_fields::values::missing_to_solve(txn, &fields, row.id, category).await?;
        if !missing.is_empty() {
            checks.add("status_id", &format!("Fill in {} before solving", missing.join(", ")));
        }
        if crate::time_tracking::rule::required(txn).await?
            && !crate::time_tracking::rule::any_logged(txn, row.id).await?
        {
            checks.add("status_id", "Log the time spent before solving");
        }
    }
    checks.finish()?;
    if !events.is_empty() {
        let mut happened_events = Vec::new();
        if let Some((from, to)) = moved_to {
            happened_events.push(TicketEvent::StatusChanged { from, to });
        }
        if let Some(to) = input.assignee_id.filter(|id| *id != row.assignee_id) {
            happened_events.push(TicketEvent::Assigned { from: row.assignee_id, to });
        }
        let fields: Vec<FieldChange> = events
            .iter()
            .filter(|(field, _, _)| !matches!(*field, "status" | "assignee"))
            .map(|(field, old, new)| FieldChange { field: (*field).to_owned(), old: old.clone(), new: new.clone() })
            .collect();
        if !fields.is_empty() {
            happened_events.push(TicketEvent::FieldsChanged { changes: fields });
        }
        for (field, old, new) in events {
            event(txn, row.id, actor, now, field, old, new).await?;
        }
        changes.updated_at = Set(now);
        let updated = changes.update(txn).await?;
        let mut happened = Happened::new(&updated, facts, actor, now);
        happened.events = happened_events;
        reactions::emit(txn, &happened).await?;
    }
    Ok(Changed { id: row.id, reference: config.reference(row.number) })
}

/// At most this many tickets change in one bulk action.
pub const BULK_MAX: usize = 100;

/// What a bulk change did: how many tickets changed, and why the others did not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkOutcome {
    pub changed: Vec<Changed>,
    pub failed: Vec<(i64, DomainError)>,
}

/// The same change on many tickets (status, priority, team, assignee), each in its own
/// transaction through the same rules and history as a single change.
pub async fn bulk_update(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_ids: &[i64],
    input: TicketChanges,
) -> Result<BulkOutcome, DomainError> {
    authorize(actor, Action::UseAgentWorkspace)?;
    if ticket_ids.is_empty() {
        return Err(DomainError::field("ticket_ids", "Select at least one ticket"));
    }
    if ticket_ids.len() > BULK_MAX {
        return Err(DomainError::field("ticket_ids", "Select at most 100 tickets"));
    }
    let nothing = input.status_id.is_none()
        && input.priority_id.is_none()
        && input.team_id.is_none()
        && input.assignee_id.is_none()
        && input.category_id.is_none();
    if nothing || input.tags.is_some() {
        return Err(DomainError::field("change", "Choose a status, priority, team or assignee to set"));
    }
    let config = Config::load(db).await?;
    let mut outcome = BulkOutcome { changed: Vec::new(), failed: Vec::new() };
    let mut seen = std::collections::HashSet::new();
    for &id in ticket_ids.iter().filter(|id| seen.insert(**id)) {
        match update_with(db, &config, actor, id, input.clone()).await {
            Ok(changed) => outcome.changed.push(changed),
            Err(err @ (DomainError::Internal | DomainError::Unauthenticated)) => return Err(err),
            Err(err) => outcome.failed.push((id, err)),
        }
    }
    Ok(outcome)
}

/// Moves a ticket to the first status of a category: how customers solve and reopen.
pub async fn move_to(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    category: StatusCategory,
) -> Result<Changed, DomainError> {
    let config = Config::load(db).await?;
    let status_id = config.first_status(category)?;
    update_with(db, &config, actor, ticket_id, TicketChanges { status_id: Some(status_id), ..Default::default() }).await
}

#[cfg(test)]
mod tests {
    use super::parse_tags;

    #[test]
    fn tags_are_normalised() {
        assert_eq!(parse_tags(" VPN, #urgent  vpn,\nbilling_q4 ").unwrap(), ["vpn", "urgent", "billing_q4"]);
        assert_eq!(parse_tags("").unwrap(), Vec::<String>::new());
        assert!(parse_tags("<script>").is_err());
        assert!(parse_tags(&"x".repeat(33)).is_err());
        let many: Vec<String> = (0..21).map(|n| format!("t{n}")).collect();
        assert!(parse_tags(&many.join(",")).is_err());
    }
}
