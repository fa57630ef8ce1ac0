//! Server functions where tickets meet the knowledge base, for staff: a ticket's possible
//! duplicates (to merge) and whether its answer may become an article, making that draft, and
//! the article links the reply box inserts.

use crate::error::AppError;
use chrono::{DateTime, Utc};
use domain::similar::types::SimilarTicket;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::kb::{
        from_ticket,
        search::{ArticleQuery, Combine, top},
        writers,
    },
};

/// What the knowledge base offers on a ticket's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnowledgeOnTicket {
    pub duplicates: Vec<SimilarTicket>,
    /// The suggested category and priority, where they differ from the ticket's.
    #[serde(default)]
    pub suggestions: Vec<domain::classifier::types::Suggestion>,
    pub can_write_articles: bool,
    pub read_at: DateTime<Utc>,
}

/// An article to link in a reply: its title, category and full address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleLink {
    pub title: String,
    pub category: String,
    pub url: String,
}

/// Article links offered at most, and how many matches are read to find them.
#[cfg(feature = "ssr")]
const LINKS_SHOWN: usize = 8;
#[cfg(feature = "ssr")]
const LINKS_SEARCHED: u64 = 24;

#[server(prefix = "/fn", endpoint = "ticket_knowledge")]
pub async fn ticket_knowledge(ticket_id: i64) -> Result<KnowledgeOnTicket, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::UseAgentWorkspace).map_err(fail)?;
    let duplicates = domain::similar::tickets::for_ticket(&desk.db, &actor, ticket_id).await.map_err(fail)?;
    let can_write_articles = writers::may_write(&desk.db, &actor).await.map_err(fail)?;
    let suggestions = domain::classifier::suggest::for_ticket(&desk.db, &actor, ticket_id).await.map_err(fail)?;
    Ok(KnowledgeOnTicket { duplicates, suggestions, can_write_articles, read_at: Utc::now() })
}

/// Turns the solved ticket's answer into a draft article and opens it in the editor.
#[server(prefix = "/fn", endpoint = "draft_article_from_ticket")]
pub async fn draft_article_from_ticket(ticket_id: i64) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let id = from_ticket::draft_from_ticket(&desk.db, &actor, ticket_id).await.map_err(fail)?;
    leptos_axum::redirect(&format!("/agent/kb/{id}?saved=1"));
    Ok(id)
}

/// Published articles matching what was typed, as links a reply can carry (full addresses,
/// since replies are mailed). Agents-only articles are left out: customers could not open them.
#[server(prefix = "/fn", endpoint = "article_links")]
pub async fn article_links(q: String) -> Result<Vec<ArticleLink>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::UseAgentWorkspace).map_err(fail)?;
    let query = ArticleQuery::from_typing(&q.chars().take(200).collect::<String>());
    // Staff also find drafts and agents-only articles, which are left out below: ask for more.
    let found = top(&desk.db, &actor, &query, Combine::Any, LINKS_SEARCHED, None).await.map_err(fail)?;
    let base = domain::email::settings::public_url(&desk.db).await.map_err(fail)?;
    Ok(found
        .hits
        .into_iter()
        .map(|h| h.article)
        .filter(|a| {
            a.state == domain::kb::types::ArticleState::Published
                && a.visibility != domain::kb::types::ArticleVisibility::Agents
        })
        .take(LINKS_SHOWN)
        .map(|a| ArticleLink {
            url: format!("{}{}", base.trim_end_matches('/'), a.path()),
            title: a.title,
            category: a.category_name,
        })
        .collect())
}
