//! `/portal`: the customer's home, listing their requests (and their organization's, when it
//! shares them), newest activity first.

use crate::{
    api::{search::search_tickets, tickets::my_requests},
    components::{
        require_role::RequireRole,
        ticket_search::{SearchBar, compose_query, is_search, search_href},
        ticket_table::TicketTable,
    },
    live::{refreshed, use_live},
};
use domain::{Role, ticket_filter::Sort, ticket_types::TicketSummary, views::Page};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PortalPage() -> impl IntoView {
    view! {
        <Title text="My requests"/>
        <RequireRole allow=|role| role == Role::Customer>
            <main class="page">
                <div class="page-header">
                    <div>
                        <h1>"My requests"</h1>
                        <p class="muted">"Every request you raise, and where it stands."</p>
                    </div>
                    <div class="actions">
                        <a class="btn btn-primary" href="/portal/new">"New request"</a>
                    </div>
                </div>
                <crate::components::verification_notice::VerificationNotice/>
                <AnsweredNotice/>
                <crate::pages::help::HelpSearchForm query=""/>
                <Requests/>
            </main>
        </RequireRole>
    }
}

/// After "This answered my question": no request was opened.
#[component]
fn AnsweredNotice() -> impl IntoView {
    let query = use_query_map();
    move || {
        query.read().get("answered").is_some().then(|| {
            view! { <div class="notice notice-success" role="status">"Glad that helped. No request was opened."</div> }
        })
    }
}

#[component]
fn Requests() -> impl IntoView {
    let query = use_query_map();
    let after = move || query.read().get("after");
    let searching = move || is_search(&query.read());
    let composed = move || compose_query(&query.read());
    let sort = move || query.read().get("sort").and_then(|s| Sort::parse(&s)).unwrap_or_default();
    let live = use_live();
    let key = move || (searching(), composed(), sort(), after());
    // As first loaded (the search bar shows its errors), and as refetched on live changes.
    let requests = Resource::new(key, load_requests);
    let refreshed_requests = refreshed(key, move || live.any(), load_requests);
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let error = match requests.await {
                    Err(err) if searching() => Some(err.field("q").unwrap_or(err.message)),
                    _ => None,
                };
                let text = if searching() { composed().unwrap_or_default() } else { String::new() };
                view! { <SearchBar action="/portal" query=text sort=sort() options=None error/> }
            })}
        </Transition>
        <Transition fallback=|| view! { <p class="muted">"Loading requests…"</p> }>
            {move || Suspend::new(async move {
                let shown = match refreshed_requests.await {
                    Some(fresh) => fresh,
                    None => requests.await,
                };
                match shown {
                    Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                    Ok(page) if page.items.is_empty() && searching() => view! {
                        <div class="empty-state"><p>"None of your requests match."</p></div>
                    }
                    .into_any(),
                    Ok(page) if page.items.is_empty() => view! {
                        <div class="empty-state">
                            <p>"You have no requests yet."</p>
                            <a class="btn btn-primary" href="/portal/new">"Raise your first request"</a>
                        </div>
                    }
                    .into_any(),
                    Ok(page) => {
                        let base = if searching() {
                            format!("{}&", search_href("/portal", &composed().unwrap_or_default(), sort()))
                        } else {
                            "/portal?".to_owned()
                        };
                        view! {
                            <TicketTable tickets=page.items link_base="/portal/tickets"/>
                            {page.next_cursor.map(|c| view! {
                                <p><a class="btn btn-secondary" href=format!("{base}after={c}")>"Older requests"</a></p>
                            })}
                        }
                        .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// One page of the customer's requests, or of search results when the address holds a search.
async fn load_requests(
    (searching, composed, sort, after): (bool, Result<String, String>, Sort, Option<String>),
) -> Result<Page<TicketSummary>, crate::error::AppError> {
    match (searching, composed) {
        (true, Ok(q)) => search_tickets(q, Some(sort.as_str().to_owned()), after).await,
        (true, Err(message)) => Err(crate::error::AppError::new(domain::ErrorCode::Validation, message)),
        (false, _) => my_requests(after).await,
    }
}
