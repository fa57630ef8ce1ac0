//! Suggesting: the trained models and the admin's threshold, read once per configuration version
//! (training and the setting change it); a ticket's suggestions for agents; the values that
//! apply themselves to a new ticket; and the settings view.

use super::{
    features::{features, stemmer},
    model::Model,
    settings,
    types::{ClassifierView, Kind, ModelView, Suggestion},
};
use crate::{
    desk_config::{Config, cache},
    entities::{classifier_model, ticket_message},
    error::DomainError,
    policy::{Action, Actor, TicketAction, authorize, can_on_ticket},
    ticket_access,
    ticket_types::Visibility,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::sync::Arc;

static COPIES: cache::Copies<Arc<Loaded>> = cache::Copies::new();

/// The models and the threshold, as one configuration version has them.
#[derive(Default)]
pub struct Loaded {
    pub category: Option<Model>,
    pub priority: Option<Model>,
    pub apply_above: Option<u8>,
}

pub fn view_of(row: &classifier_model::Model) -> ModelView {
    ModelView {
        kind: row.kind,
        trained_at: row.trained_at,
        samples: u64::try_from(row.samples).unwrap_or(0),
        held_out: u64::try_from(row.held_out).unwrap_or(0),
        accuracy: row.accuracy,
        baseline: row.baseline,
        training_ms: u32::try_from(row.training_ms).unwrap_or(0),
    }
}

pub async fn loaded(db: &impl ConnectionTrait, config: &Config) -> Result<Arc<Loaded>, DomainError> {
    if let Some(copy) = config.version.and_then(|v| COPIES.get(v)) {
        return Ok(copy);
    }
    let mut out = Loaded { apply_above: settings::apply_above(db).await?, ..Default::default() };
    for row in classifier_model::Entity::find().all(db).await? {
        let model: Option<Model> = serde_json::from_str(&row.model).ok();
        match row.kind {
            Kind::Category => out.category = model,
            Kind::Priority => out.priority = model,
        }
    }
    let out = Arc::new(out);
    if let Some(version) = config.version {
        COPIES.put(version, &out);
    }
    Ok(out)
}

fn percent(p: f32) -> u8 {
    (p * 100.0).round().clamp(0.0, 100.0) as u8
}

/// The most likely category and priority of a text, with their confidence (percent), among the
/// values that are still active.
pub fn guess(loaded: &Loaded, config: &Config, subject: &str, body: &str) -> (Option<(i64, u8)>, Option<(i64, u8)>) {
    if loaded.category.is_none() && loaded.priority.is_none() {
        return (None, None);
    }
    let f = features(&stemmer(), subject, body);
    let one = |model: &Option<Model>| model.as_ref().and_then(|m| m.predict(&[&f]).pop().flatten());
    let category = one(&loaded.category).filter(|(id, _)| config.categories.iter().any(|c| c.id == *id && c.active));
    let priority = one(&loaded.priority).filter(|(id, _)| config.priorities.iter().any(|p| p.id == *id && p.active));
    (category.map(|(id, p)| (id, percent(p))), priority.map(|(id, p)| (id, percent(p))))
}

/// What the models suggest for a ticket that differs from what it has (agents only).
pub async fn for_ticket(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ticket_id: i64,
) -> Result<Vec<Suggestion>, DomainError> {
    let (t, facts) = ticket_access::visible_ticket(db, actor, ticket_id).await?;
    if !can_on_ticket(actor, TicketAction::SeeNotes, &facts) {
        return Err(DomainError::Forbidden);
    }
    let config = Config::load(db).await?;
    let loaded = loaded(db, &config).await?;
    if loaded.category.is_none() && loaded.priority.is_none() {
        return Ok(Vec::new());
    }
    let body = ticket_message::Entity::find()
        .filter(ticket_message::Column::TicketId.eq(t.id))
        .filter(ticket_message::Column::Visibility.eq(Visibility::Public))
        .order_by_asc(ticket_message::Column::Id)
        .one(db)
        .await?
        .map(|m| m.body)
        .unwrap_or_default();
    let (category, priority) = guess(&loaded, &config, &t.subject, &body);
    let mut out = Vec::new();
    if let Some((id, confidence)) = category.filter(|(id, _)| Some(*id) != t.category_id) {
        let name = config.category(Some(id)).map(|c| c.name).unwrap_or_default();
        out.push(Suggestion { kind: Kind::Category, id, name, confidence });
    }
    if let Some((id, confidence)) = priority.filter(|(id, _)| *id != t.priority_id) {
        out.push(Suggestion { kind: Kind::Priority, id, name: config.priority(id).name, confidence });
    }
    Ok(out)
}

/// The classifier's settings: the models and how well they did, the threshold, whether a
/// training is on its way.
pub async fn settings_view(db: &impl ConnectionTrait, actor: &Actor) -> Result<ClassifierView, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let rows = classifier_model::Entity::find().order_by_asc(classifier_model::Column::Kind).all(db).await?;
    Ok(ClassifierView {
        models: rows.iter().map(view_of).collect(),
        apply_above: settings::apply_above(db).await?,
        training: super::train::pending(db).await?,
    })
}
