//! Sending a reply or note written with a macro: the message, then the macro's actions (status,
//! tags, assignee) as the same agent, in one transaction, and the macro's use counted.

use super::queries::{assign_of, tags_of, usable};
use super::types::MacroAssign;
use crate::{
    attachments::store::StoredFile,
    desk_config::Config,
    entities::macro_row,
    error::DomainError,
    policy::Actor,
    ticket_types::{Channel, Visibility},
    tickets::commands::{Changed, Post, TicketChanges, post_in, update_in},
};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};

/// A reply or note, and when `macro_id` names one of the caller's macros, its actions.
pub async fn send(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    visibility: Visibility,
    body: &str,
    files: Vec<StoredFile>,
    macro_id: Option<i64>,
    time: Option<crate::time_tracking::entries::EntryInput>,
) -> Result<Changed, DomainError> {
    let config = Config::load(db).await?;
    let used = match macro_id {
        None => None,
        Some(id) => Some(
            usable(db, actor)
                .await?
                .into_iter()
                .find(|m| m.id == id)
                .ok_or_else(|| DomainError::field("macro_id", "That macro is not one you can use"))?,
        ),
    };
    let post = Post { visibility, channel: Channel::Web, body: body.to_owned(), body_html: None, files };
    let txn = crate::db::begin_write(db).await?;
    let (changed, message_id) = post_in(&txn, &config, actor, ticket_id, post).await?;
    if let Some(time) = time {
        crate::time_tracking::entries::log_in(&txn, actor, ticket_id, &time, Some(message_id)).await?;
    }
    if let Some(m) = used {
        let me = actor.principal().map(|p| p.user_id);
        let tags = tags_of(&m);
        let changes = TicketChanges {
            status_id: m.status_id,
            assignee_id: match assign_of(&m) {
                MacroAssign::Nobody => None,
                MacroAssign::Me => Some(me),
                MacroAssign::Agent(id) => Some(Some(id)),
            },
            tags: if tags.is_empty() {
                None
            } else {
                let (row, _) = crate::ticket_access::visible_ticket(&*txn, actor, ticket_id).await?;
                let mut all: Vec<String> = serde_json::from_str(&row.tags).unwrap_or_default();
                for tag in tags {
                    if !all.contains(&tag) {
                        all.push(tag);
                    }
                }
                Some(all.join(", "))
            },
            ..Default::default()
        };
        if changes != TicketChanges::default() {
            update_in(&txn, &config, actor, ticket_id, changes).await?;
        }
        macro_row::Entity::update_many()
            .col_expr(macro_row::Column::UsageCount, Expr::col(macro_row::Column::UsageCount).add(1))
            .filter(macro_row::Column::Id.eq(m.id))
            .exec(&*txn)
            .await?;
    }
    crate::live::commit(txn).await?;
    Ok(changed)
}
