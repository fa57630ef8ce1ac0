//! The desk's option lists as any signed-in user may read them: the active statuses (with the
//! category each stands for), priorities (lowest first) and categories. Teams and agents are
//! the staff directory's, not these.

use crate::{
    desk_config::Config,
    error::DomainError,
    policy::{Action, Actor, authorize},
    ticket_types::{OptionView, StatusView},
};
use sea_orm::ConnectionTrait;

pub async fn statuses(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<StatusView>, DomainError> {
    authorize(actor, Action::CreateTicket)?;
    let config = Config::load(db).await?;
    config.statuses.iter().filter(|s| s.active).map(|s| config.status(s.id)).collect()
}

pub async fn priorities(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<OptionView>, DomainError> {
    authorize(actor, Action::CreateTicket)?;
    let config = Config::load(db).await?;
    Ok(config.priorities.iter().filter(|p| p.active).map(|p| OptionView { id: p.id, name: p.name.clone() }).collect())
}

pub async fn categories(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<OptionView>, DomainError> {
    authorize(actor, Action::CreateTicket)?;
    let config = Config::load(db).await?;
    Ok(config.categories.iter().filter(|c| c.active).map(|c| OptionView { id: c.id, name: c.name.clone() }).collect())
}
