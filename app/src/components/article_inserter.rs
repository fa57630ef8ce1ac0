//! In the agent's reply box: search the help center as you type and insert an article's link
//! (`[title](full address)`) where the cursor is. It needs JavaScript, so it appears only once
//! the page is live; without it, agents paste the address from the help center.

use crate::api::kb_tickets::article_links;
use leptos::{html::Textarea, prelude::*};
use std::time::Duration;

#[component]
pub fn ArticleInserter(draft: NodeRef<Textarea>) -> impl IntoView {
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let typed = RwSignal::new(String::new());
    let pause: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let links = Resource::new(
        move || typed.get(),
        |q| async move { if q.trim().chars().count() < 3 { Ok(Vec::new()) } else { article_links(q).await } },
    );
    let insert = move |title: String, url: String| {
        let Some(area) = draft.get_untracked() else { return };
        let text = area.value();
        // The cursor counts UTF-16 units, as the browser does.
        let units: Vec<u16> = text.encode_utf16().collect();
        let at = area.selection_start().ok().flatten().map_or(units.len(), |i| (i as usize).min(units.len()));
        let (before, after) = (String::from_utf16_lossy(&units[..at]), String::from_utf16_lossy(&units[at..]));
        let link = format!("[{title}]({url})");
        area.set_value(&format!("{before}{link}{after}"));
        let _ = area.focus();
    };
    move || {
        live.get().then(|| view! {
            <div class="field article-inserter">
                <label for="insert-article">"Insert an article link"</label>
                <input id="insert-article" type="search" autocomplete="off" placeholder="Search the help center"
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        if let Some(handle) = pause.get_value() {
                            handle.clear();
                        }
                        let handle = set_timeout_with_handle(move || typed.set(value), Duration::from_millis(250)).ok();
                        pause.set_value(handle);
                    }/>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let found = links.await.unwrap_or_default();
                        (!found.is_empty()).then(|| view! {
                            <ul class="plain-list" aria-label="Articles to link">
                                {found.into_iter().map(|l| {
                                    let (title, url) = (l.title.clone(), l.url.clone());
                                    view! {
                                        <li>
                                            <button type="button" class="btn btn-link btn-small"
                                                on:click=move |_| insert(title.clone(), url.clone())>
                                                {format!("Insert {}", l.title)}
                                            </button>
                                            <span class="muted small">{l.category}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        })
                    })}
                </Transition>
            </div>
        })
    }
}
