//! Tickets that linked an article: the synchronous reaction that reads a new message for
//! help-center addresses (`/help/<category>/<slug>`, relative or under any host) and records
//! each article it names once per ticket, for the writers' counts.

use crate::{
    entities::{kb_article, kb_article_ticket, kb_category, ticket_message},
    reactions::{Happened, TicketEvent, dispatch::ReactionFuture},
};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set, sea_query::OnConflict};

/// The `(category, slug)` pairs of the help-center addresses in `text`, each once, in order.
pub fn article_paths(text: &str) -> Vec<(String, String)> {
    let slug = |s: &str| -> String {
        s.chars().take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-').collect()
    };
    let mut out: Vec<(String, String)> = Vec::new();
    for (at, _) in text.match_indices("/help/") {
        let rest = &text[at + "/help/".len()..];
        let category = slug(rest);
        let Some(after) = rest[category.len()..].strip_prefix('/') else { continue };
        let article = slug(after);
        if category.is_empty() || article.is_empty() || category == "search" {
            continue;
        }
        let pair = (category, article);
        if !out.contains(&pair) {
            out.push(pair);
        }
    }
    out
}

pub fn record_linked_articles<'a>(txn: &'a DatabaseTransaction, happened: &'a Happened) -> ReactionFuture<'a> {
    Box::pin(async move {
        for event in &happened.events {
            let TicketEvent::MessageAdded { message_id, .. } = event else { continue };
            let Some(message) = ticket_message::Entity::find_by_id(*message_id).one(txn).await? else { continue };
            for (category, slug) in article_paths(&message.body) {
                let Some(category) =
                    kb_category::Entity::find().filter(kb_category::Column::Slug.eq(category)).one(txn).await?
                else {
                    continue;
                };
                let article = kb_article::Entity::find()
                    .filter(kb_article::Column::CategoryId.eq(category.id))
                    .filter(kb_article::Column::Slug.eq(slug))
                    .one(txn)
                    .await?;
                let Some(article) = article else { continue };
                let row = kb_article_ticket::ActiveModel {
                    article_id: Set(article.id),
                    ticket_id: Set(happened.ticket.id),
                    created_at: Set(happened.at),
                };
                kb_article_ticket::Entity::insert(row)
                    .on_conflict(
                        OnConflict::columns([
                            kb_article_ticket::Column::ArticleId,
                            kb_article_ticket::Column::TicketId,
                        ])
                        .do_nothing()
                        .to_owned(),
                    )
                    .exec_without_returning(txn)
                    .await?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::article_paths;

    #[test]
    fn finds_help_center_addresses_once() {
        let text = "See [this](https://desk.example/help/troubleshooting/vpn-keeps-disconnecting) and \
                    /help/troubleshooting/vpn-keeps-disconnecting?x=1 or /help/billing-and-invoices/get-a-corrected-invoice. \
                    Not /help/search?q=x nor /help/troubleshooting alone, nor /help//x.";
        assert_eq!(
            article_paths(text),
            [
                ("troubleshooting".to_owned(), "vpn-keeps-disconnecting".to_owned()),
                ("billing-and-invoices".to_owned(), "get-a-corrected-invoice".to_owned()),
            ]
        );
    }
}
