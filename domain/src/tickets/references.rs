//! Finding a ticket by its human reference (`DKT-1042`, any letter case), for addresses and the
//! API. Only the id comes back: whoever asks still goes through the ticket's authorization.

use crate::{
    desk_config::Config,
    {entities::ticket, error::DomainError},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The id of the ticket with this reference, if there is one.
pub async fn id_of(db: &impl ConnectionTrait, reference: &str) -> Result<Option<i64>, DomainError> {
    let Some((prefix, number)) = reference.trim().rsplit_once('-') else { return Ok(None) };
    let Ok(number) = number.parse::<i64>() else { return Ok(None) };
    let config = Config::load(db).await?;
    if !prefix.eq_ignore_ascii_case(&config.prefix) {
        return Ok(None);
    }
    Ok(ticket::Entity::find().filter(ticket::Column::Number.eq(number)).one(db).await?.map(|t| t.id))
}
