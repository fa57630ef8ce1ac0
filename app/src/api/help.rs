//! Server functions of the help center, for anyone (articles as the caller may read them): the
//! categories, a category, an article (counting the view), search, and "Was this helpful?".

use crate::error::AppError;
use domain::kb::types::{ArticlePage, ArticleSearchPage, CategoryPage, CategoryView};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::kb::{
        feedback, queries,
        search::{ArticleQuery, Combine, search},
    },
};

/// Results per help-center search page.
pub const SEARCH_PAGE_SIZE: u64 = 20;

#[server(prefix = "/fn", endpoint = "help_categories")]
pub async fn help_categories() -> Result<Vec<CategoryView>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    queries::categories(&desk.db, &actor).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "help_category")]
pub async fn help_category(slug: String, page: Option<u64>) -> Result<CategoryPage, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let page = page.unwrap_or(0);
    let (category, articles) = queries::category(&desk.db, &actor, &slug, page).await.map_err(fail)?;
    Ok(CategoryPage { category, articles, page, per_page: queries::PAGE_SIZE })
}

/// An article by its address, with related ones; counts a view.
#[server(prefix = "/fn", endpoint = "help_article")]
pub async fn help_article(category: String, slug: String) -> Result<ArticlePage, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let article = queries::article_at(&desk.db, &actor, &category, &slug).await.map_err(fail)?;
    let related = queries::related(&desk.db, &actor, &article, 5).await.map_err(fail)?;
    desk.article_views.record(article.summary.id);
    Ok(ArticlePage { article, related })
}

/// Searches the articles the caller may read; `page` counts from 0.
#[server(prefix = "/fn", endpoint = "search_articles")]
pub async fn search_articles(q: String, page: u64) -> Result<ArticleSearchPage, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let query = ArticleQuery::parse(&q).map_err(fail)?;
    let page = page.min(500);
    let offset = page * SEARCH_PAGE_SIZE;
    let found = search(&desk.db, &actor, &query, Combine::All, SEARCH_PAGE_SIZE, offset, None).await.map_err(fail)?;
    Ok(ArticleSearchPage { hits: found.hits, total: found.total, page, per_page: SEARCH_PAGE_SIZE })
}

/// "Was this helpful?": one answer per visitor (a new one replaces it), throttled per client.
/// A plain form post goes back to the article, which then thanks the visitor.
#[server(prefix = "/fn", endpoint = "vote_article")]
pub async fn vote_article(article_id: i64, helpful: String, comment: Option<String>) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let helpful = match helpful.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(fail(domain::DomainError::field("helpful", "Answer yes or no"))),
    };
    let client = ssr::client_ip();
    desk.feedback_throttle.spend(client).map_err(fail)?;
    let agent = use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned))
        .unwrap_or_default();
    let visitor = feedback::visitor_key(&actor, client, &agent);
    feedback::vote(&desk.db, &actor, article_id, &visitor, helpful, comment.as_deref().unwrap_or_default())
        .await
        .map_err(fail)?;
    if crate::response::is_form_post() {
        let article = queries::article(&desk.db, &actor, article_id).await.map_err(fail)?;
        leptos_axum::redirect(&format!("{}?voted=1#feedback", article.summary.path()));
    }
    Ok(())
}
