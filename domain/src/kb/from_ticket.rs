//! Turning a solved ticket's answer into a draft article in one step: the subject becomes the
//! title, the customer's description the summary's source, and the last public answer by an
//! agent the body; the draft remembers its ticket and opens in the editor for the writer to
//! make general (names and account details are theirs to remove before publishing).

use crate::{
    entities::{kb_category, ticket_message},
    error::DomainError,
    kb::{
        articles::{self, ArticleInput},
        types::{ArticleState, ArticleVisibility, SUMMARY_MAX_CHARS, TITLE_MAX_CHARS, slugify},
        writers::authorize_writer,
    },
    policy::{Actor, TicketAction, can_on_ticket},
    reactions::AuthorKind,
    ticket_access,
    ticket_types::{StatusCategory, Visibility},
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

/// Makes the draft; returns its id.
pub async fn draft_from_ticket(db: &DatabaseConnection, actor: &Actor, ticket_id: i64) -> Result<i64, DomainError> {
    authorize_writer(db, actor).await?;
    let (ticket, facts) = ticket_access::visible_ticket(db, actor, ticket_id).await?;
    if !can_on_ticket(actor, TicketAction::SeeNotes, &facts) {
        return Err(DomainError::Forbidden);
    }
    let config = crate::desk_config::Config::load(db).await?;
    let solved = config
        .statuses
        .iter()
        .find(|s| s.id == ticket.status_id)
        .is_some_and(|s| matches!(s.category, StatusCategory::Solved | StatusCategory::Closed));
    if !solved {
        return Err(DomainError::InvalidTransition("Only a solved ticket's answer can become an article".into()));
    }
    let public = ticket_message::Entity::find()
        .filter(ticket_message::Column::TicketId.eq(ticket_id))
        .filter(ticket_message::Column::Visibility.eq(Visibility::Public))
        .order_by_asc(ticket_message::Column::Id)
        .all(db)
        .await?;
    let answer = public.iter().rev().find(|m| m.author_kind == AuthorKind::Agent).ok_or_else(|| {
        DomainError::InvalidTransition("This ticket has no answer from an agent to turn into an article".into())
    })?;
    let question = public.first().map(|m| m.body.as_str()).unwrap_or_default();
    let category =
        kb_category::Entity::find().order_by_asc(kb_category::Column::Position).one(db).await?.ok_or_else(|| {
            DomainError::Conflict("Add a knowledge-base category first: every article lives in one".into())
        })?;
    let title: String = ticket.subject.chars().take(TITLE_MAX_CHARS).collect();
    let summary: String =
        crate::kb::text::plain_text(question).replace('\n', " ").chars().take(SUMMARY_MAX_CHARS).collect();
    // The ticket's number keeps the address unique while the writer finds a better one.
    let slug = format!("{}-{}", slugify(&title).chars().take(100).collect::<String>(), ticket_id)
        .trim_start_matches('-')
        .to_owned();
    let input = ArticleInput {
        title,
        slug,
        summary,
        body: answer.body.clone(),
        category_id: category.id,
        visibility: ArticleVisibility::Public,
        state: ArticleState::Draft,
        ..Default::default()
    };
    articles::create(db, actor, input, Some(ticket_id)).await
}
