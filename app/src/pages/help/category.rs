//! `/help/<category>`: a category's articles under its sections, in order.

use super::{Breadcrumbs, HelpSearchForm, load_failed, unserialized};
use crate::api::help::help_category;
use domain::kb::types::{ArticleSummary, CategoryPage};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HelpCategoryPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("category").unwrap_or_default();
    let query = use_query_map();
    let number = move || query.read().get("page").and_then(|p| p.parse::<u64>().ok());
    let page = unserialized(move || help_category(slug(), number()));
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
                        Ok(page) => view! { <Category page/> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Category(page: CategoryPage) -> impl IntoView {
    let CategoryPage { category, articles, page, per_page } = page;
    let link = |n: u64| format!("/help/{}?page={n}", category.slug);
    let prev = (page > 0).then(|| link(page - 1));
    let next = ((page + 1) * per_page < category.articles).then(|| link(page + 1));
    let description = if category.description.is_empty() {
        format!("Help articles about {}.", category.name)
    } else {
        category.description.clone()
    };
    let mut groups: Vec<(Option<String>, Vec<ArticleSummary>)> =
        category.sections.iter().map(|s| (Some(s.name.clone()), Vec::new())).collect();
    let mut loose = Vec::new();
    for a in articles {
        match a.section_id.and_then(|id| category.sections.iter().position(|s| s.id == id)) {
            Some(i) => groups[i].1.push(a),
            None => loose.push(a),
        }
    }
    let other = if groups.is_empty() { None } else { Some("More articles".to_owned()) };
    groups.push((other, loose));
    groups.retain(|(_, list)| !list.is_empty());
    let empty = groups.is_empty();
    view! {
        <Title text=format!("{} · Help center", category.name)/>
        <Meta name="description" content=description/>
        <Breadcrumbs/>
        <div class="page-header">
            <div>
                <h1>{category.name.clone()}</h1>
                <p class="muted">{category.description.clone()}</p>
            </div>
        </div>
        <HelpSearchForm query=format!("category:{} ", category.slug)/>
        {empty.then(|| view! { <div class="empty-state"><p>"This category has no articles yet."</p></div> })}
        {groups.into_iter().map(|(heading, list)| view! {
            <section class="help-section">
                {heading.map(|h| view! { <h2>{h}</h2> })}
                <ul class="help-articles">
                    {list.into_iter().map(|a| view! {
                        <li>
                            <a href=a.path()>{a.title.clone()}</a>
                            <p class="muted">{a.summary.clone()}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }).collect_view()}
        {(prev.is_some() || next.is_some()).then(|| view! {
            <nav class="pager" aria-label="Article pages">
                {prev.map(|href| view! { <a class="btn" href=href rel="prev">"Previous"</a> })}
                <span class="muted">{format!("Page {} of {}", page + 1, category.articles.div_ceil(per_page.max(1)))}</span>
                {next.map(|href| view! { <a class="btn" href=href rel="next">"Next"</a> })}
            </nav>
        })}
    }
}
