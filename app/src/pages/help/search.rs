//! `/help/search?q=`: ranked results with the matching words marked, twenty to a page.

use super::{Breadcrumbs, HelpSearchForm, load_failed, unserialized};
use crate::{api::help::search_articles, components::ticket_search::urlencode};
use domain::kb::types::{ArticleSearchPage, Highlight};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// Text with the search's matches in `<mark>`.
#[component]
pub fn Highlighted(pieces: Vec<Highlight>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|p| if p.hit { view! { <mark>{p.text}</mark> }.into_any() } else { p.text.into_any() })
        .collect_view()
}

#[component]
pub fn HelpSearchPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u64>().ok()).unwrap_or(0);
    let results = unserialized(move || search_articles(q(), page()));
    view! {
        <Title text="Search · Help center"/>
        <Meta name="robots" content="noindex"/>
        <main class="page help">
            <Breadcrumbs/>
            <h1>"Search"</h1>
            <Suspense fallback=|| view! { <p class="muted">"Searching…"</p> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Err(err) if err.field("q").is_some() => {
                            view! { <HelpSearchForm query=q() error=err.field("q").unwrap_or_default()/> }.into_any()
                        }
                        Err(err) => load_failed(err),
                        Ok(found) => view! {
                            <HelpSearchForm query=q()/>
                            <Results found q=q()/>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Results(found: ArticleSearchPage, q: String) -> impl IntoView {
    if q.trim().is_empty() {
        return view! { <p class="muted">"Type a few words to search the articles."</p> }.into_any();
    }
    if found.hits.is_empty() {
        return view! {
            <div class="empty-state">
                <p>"No articles match. Try other words, or ask us directly."</p>
                <a class="btn" href="/portal/new">"Ask a question"</a>
            </div>
        }
        .into_any();
    }
    let count = match found.total {
        1 => "1 article".to_owned(),
        n => format!("{n} articles"),
    };
    let encoded = urlencode(&q);
    let prev = (found.page > 0).then(|| format!("/help/search?q={encoded}&page={}", found.page - 1));
    let next = found.has_next().then(|| format!("/help/search?q={encoded}&page={}", found.page + 1));
    view! {
        <p class="muted" role="status">{count}</p>
        <ol class="help-results">
            {found.hits.into_iter().map(|hit| view! {
                <li>
                    <h2><a href=hit.article.path()><Highlighted pieces=hit.title/></a></h2>
                    <p class="muted small">{hit.article.category_name.clone()}</p>
                    <p><Highlighted pieces=hit.snippet/></p>
                </li>
            }).collect_view()}
        </ol>
        <nav class="pager" aria-label="Result pages">
            {prev.map(|href| view! { <a class="btn" href=href rel="prev">"Previous"</a> })}
            {next.map(|href| view! { <a class="btn" href=href rel="next">"Next"</a> })}
        </nav>
    }
    .into_any()
}
