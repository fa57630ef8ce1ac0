//! `/agent/kb`: every article (any state) with views, votes and answered requests, filtered by
//! state and category (a GET form), fifty to a page; writers also arrange the categories here,
//! and admins choose who writes.

use super::{categories::CategoryManager, writers::WriterManager};
use crate::{
    api::kb::{ArticleList, list_articles},
    components::{format::when, require_role::RequireRole},
};
use domain::{Role, kb::types::ArticleState};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn KnowledgeBasePage() -> impl IntoView {
    view! {
        <Title text="Knowledge base"/>
        <RequireRole allow=Role::is_staff>
            <main class="page">
                <KnowledgeBaseBody/>
            </main>
        </RequireRole>
    }
}

#[component]
fn KnowledgeBaseBody() -> impl IntoView {
    let query = use_query_map();
    let state = move || query.read().get("state").filter(|s| !s.is_empty());
    let category = move || query.read().get("category").and_then(|c| c.parse::<i64>().ok());
    let page = move || query.read().get("page").and_then(|p| p.parse::<u64>().ok());
    let changed = RwSignal::new(0u32);
    let list =
        Resource::new(move || (state(), category(), page(), changed.get()), |(s, c, p, _)| list_articles(s, c, p));
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading articles…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(err) => view! { <h1>"Knowledge base"</h1><div class="form-error" role="alert">{err.message}</div> }.into_any(),
                    Ok(list) => view! { <Listing list state=state() category=category() changed/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Listing(list: ArticleList, state: Option<String>, category: Option<i64>, changed: RwSignal<u32>) -> impl IntoView {
    let can_write = list.can_write;
    let categories = list.categories.clone();
    let link = |page: u64| {
        let mut href = format!("/agent/kb?page={page}");
        if let Some(s) = &state {
            href.push_str(&format!("&state={s}"));
        }
        if let Some(c) = category {
            href.push_str(&format!("&category={c}"));
        }
        href
    };
    let prev = (list.page > 0).then(|| link(list.page - 1));
    let next = ((list.page + 1) * list.per_page < list.total).then(|| link(list.page + 1));
    let empty = list.items.is_empty();
    view! {
        <div class="page-header">
            <div>
                <h1>"Knowledge base"</h1>
                <p class="muted">"Articles for the help center, and what readers made of them."</p>
            </div>
            <div class="actions">
                <a class="btn" href="/help">"Open the help center"</a>
                {can_write.then(|| view! { <a class="btn btn-primary" href="/agent/kb/new">"New article"</a> })}
            </div>
        </div>
        <form class="filters card" method="get" action="/agent/kb" aria-label="Filter articles">
            <label for="kb-state">"State"</label>
            <select id="kb-state" name="state">
                <option value="" selected=state.is_none()>"Any"</option>
                {ArticleState::ALL.into_iter().map(|s| view! {
                    <option value=s.as_str() selected=state.as_deref() == Some(s.as_str())>{s.label()}</option>
                }).collect_view()}
            </select>
            <label for="kb-category">"Category"</label>
            <select id="kb-category" name="category">
                <option value="" selected=category.is_none()>"Any"</option>
                {categories.iter().map(|c| view! {
                    <option value=c.id.to_string() selected=category == Some(c.id)>{c.name.clone()}</option>
                }).collect_view()}
            </select>
            <button class="btn" type="submit">"Filter"</button>
        </form>
        {if empty {
            view! { <div class="empty-state"><p>"No articles match."</p></div> }.into_any()
        } else {
            view! {
                <table class="table">
                    <caption class="sr-only">"Articles"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Title"</th>
                            <th scope="col">"Category"</th>
                            <th scope="col">"State"</th>
                            <th scope="col">"Readers"</th>
                            <th scope="col">"Views"</th>
                            <th scope="col">"Helpful"</th>
                            <th scope="col">"Answered requests"</th>
                            <th scope="col">"Linked tickets"</th>
                            <th scope="col">"Updated"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {list.items.into_iter().map(|(a, stats)| view! {
                            <tr>
                                <td><a href=format!("/agent/kb/{}", a.id)>{a.title.clone()}</a></td>
                                <td>{a.category_name.clone()}</td>
                                <td>{a.state.label()}</td>
                                <td>{a.visibility.label()}</td>
                                <td>{stats.views}</td>
                                <td>{format!("{} yes · {} no", stats.helpful_yes, stats.helpful_no)}</td>
                                <td>{stats.deflections}</td>
                                <td>{stats.linked_tickets}</td>
                                <td><time datetime=a.updated_at.to_rfc3339()>{when(a.updated_at)}</time></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }}
        <nav class="pager" aria-label="Article pages">
            {prev.map(|href| view! { <a class="btn" href=href rel="prev">"Previous"</a> })}
            {next.map(|href| view! { <a class="btn" href=href rel="next">"Next"</a> })}
        </nav>
        {can_write.then(|| view! { <CategoryManager categories=list.categories changed/> })}
        {list.can_manage_writers.then(|| view! { <WriterManager/> })}
    }
}
