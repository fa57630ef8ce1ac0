//! `/help/<category>/<slug>`: an article, its related articles, "Was this helpful?" (a plain
//! form post that comes back here, so it works without JavaScript) and a way to ask further.

use super::{Breadcrumbs, load_failed, unserialized};
use crate::{
    api::help::{VoteArticle, help_article},
    components::{
        form_feedback::{FieldMessage, FormBanner, action_error},
        format::when,
    },
};
use domain::kb::types::{ArticlePage, ArticleState, ArticleVisibility};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HelpArticlePage() -> impl IntoView {
    let params = use_params_map();
    let address = move || {
        let p = params.read();
        (p.get("category").unwrap_or_default(), p.get("slug").unwrap_or_default())
    };
    let page = unserialized(move || {
        let (category, slug) = address();
        help_article(category, slug)
    });
    view! {
        <main class="page help">
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(err) => view! {
                            <Title text="Not found"/>
                            <Breadcrumbs/>
                            {load_failed(err)}
                        }
                        .into_any(),
                        Ok(page) => view! { <Article page/> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Article(page: ArticlePage) -> impl IntoView {
    let ArticlePage { article, related } = page;
    let s = article.summary.clone();
    let description = if s.summary.is_empty() { s.title.clone() } else { s.summary.clone() };
    let notice = match (s.state, s.visibility) {
        (ArticleState::Draft, _) => Some("This is a draft: only staff can read it."),
        (ArticleState::Archived, _) => Some("This article is archived: only staff can read it."),
        (_, ArticleVisibility::Agents) => Some("Internal article: only staff can read it."),
        (_, ArticleVisibility::Customers) => Some("Only signed-in customers and staff can read this article."),
        _ => None,
    };
    let edit = article.can_edit.then(|| format!("/agent/kb/{}", s.id));
    let updated = when(s.updated_at);
    view! {
        <Title text=format!("{} · Help center", s.title)/>
        <Meta name="description" content=description/>
        <Link rel="canonical" href=s.path()/>
        <Breadcrumbs category=(s.category_slug.clone(), s.category_name.clone())/>
        <article class="help-article" aria-labelledby="article-title">
            <header>
                <h1 id="article-title">{s.title.clone()}</h1>
                {(!s.summary.is_empty()).then(|| view! { <p class="lead">{s.summary.clone()}</p> })}
                <p class="muted small">
                    "Updated " <time datetime=s.updated_at.to_rfc3339()>{updated}</time>
                    {article.section_name.clone().map(|n| view! { " · " {n} })}
                </p>
                {notice.map(|n| view! { <p class="notice" role="note">{n}</p> })}
                {edit.map(|href| view! { <a class="btn" href=href>"Edit article"</a> })}
            </header>
            <div class="article-body" inner_html=article.html.clone()></div>
            {
                let downloads: Vec<_> = article.files.iter().filter(|f| !f.is_image).cloned().collect();
                (!downloads.is_empty()).then(|| view! {
                    <section aria-labelledby="downloads-heading">
                        <h2 id="downloads-heading">"Downloads"</h2>
                        <ul class="plain-list">
                            {downloads.into_iter().map(|f| view! {
                                <li>
                                    <a href=f.url()>{f.file_name.clone()}</a>
                                    <span class="muted small">{format!(" · {}", domain::attachments::upload::human_size(f.size))}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
            }
            {(!article.tags.is_empty()).then(|| view! {
                <ul class="tags" aria-label="Tags">
                    {article.tags.iter().map(|t| view! {
                        <li><a href=format!("/help/search?q=tag%3A{t}")>{t.clone()}</a></li>
                    }).collect_view()}
                </ul>
            })}
        </article>
        <Feedback article_id=s.id/>
        {(!related.is_empty()).then(|| view! {
            <section class="help-related" aria-labelledby="related-heading">
                <h2 id="related-heading">"Related articles"</h2>
                <ul>
                    {related.into_iter().map(|a| view! { <li><a href=a.path()>{a.title.clone()}</a></li> }).collect_view()}
                </ul>
            </section>
        })}
        <section class="help-more" aria-labelledby="more-heading">
            <h2 id="more-heading">"Still need help?"</h2>
            <p><a class="btn" href="/portal/new">"Ask us a question"</a></p>
        </section>
    }
}

/// "Was this helpful?": two buttons and an optional comment, posted as a plain form.
#[component]
fn Feedback(article_id: i64) -> impl IntoView {
    let vote = ServerAction::<VoteArticle>::new();
    let error = action_error(vote);
    let query = use_query_map();
    let thanked = move || query.read().get("voted").is_some() || matches!(vote.value().get(), Some(Ok(())));
    view! {
        <section id="feedback" class="help-feedback card" aria-labelledby="feedback-heading">
            <h2 id="feedback-heading">"Was this helpful?"</h2>
            {move || thanked().then(|| view! { <p role="status">"Thank you for your feedback."</p> })}
            <FormBanner error/>
            <form method="post" action="/fn/vote_article">
                <input type="hidden" name="article_id" value=article_id.to_string()/>
                <label for="feedback-comment">"Tell us more (optional)"</label>
                <textarea id="feedback-comment" name="comment" rows="2" maxlength="2000"></textarea>
                <FieldMessage error field="comment"/>
                <div class="actions">
                    <button class="btn" type="submit" name="helpful" value="yes">"Yes, it helped"</button>
                    <button class="btn" type="submit" name="helpful" value="no">"No"</button>
                </div>
            </form>
        </section>
    }
}
