//! `/help`: the search box and the categories, each with its first articles.

use super::{HelpSearchForm, load_failed, unserialized};
use crate::api::help::help_categories;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn HelpHomePage() -> impl IntoView {
    let categories = unserialized(help_categories);
    view! {
        <Title text="Help center"/>
        <Meta name="description" content="Answers to common questions: guides, how-tos and troubleshooting."/>
        <main class="page help">
            <div class="help-hero">
                <h1>"How can we help?"</h1>
                <HelpSearchForm query=String::new()/>
            </div>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match categories.await {
                        Err(err) => load_failed(err),
                        Ok(list) if list.is_empty() => view! {
                            <div class="empty-state"><p>"There are no articles here yet."</p></div>
                        }
                        .into_any(),
                        Ok(list) => view! {
                            <section aria-labelledby="help-categories">
                                <h2 id="help-categories" class="sr-only">"Categories"</h2>
                                <ul class="help-categories">
                                    {list.into_iter().map(|c| {
                                        let count = match c.articles {
                                            1 => "1 article".to_owned(),
                                            n => format!("{n} articles"),
                                        };
                                        view! {
                                            <li class="card">
                                                <h3><a href=format!("/help/{}", c.slug)>{c.name}</a></h3>
                                                <p class="muted">{c.description}</p>
                                                <p class="muted small">{count}</p>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </section>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}
