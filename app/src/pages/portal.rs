//! `/portal`: the customer's home, listing their requests (and their organization's, when it
//! shares them), newest activity first.

use crate::{
    api::tickets::my_requests,
    components::{require_role::RequireRole, ticket_table::TicketTable},
};
use domain::Role;
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
                <Requests/>
            </main>
        </RequireRole>
    }
}

#[component]
fn Requests() -> impl IntoView {
    let query = use_query_map();
    let after = move || query.read().get("after");
    let requests = Resource::new(after, my_requests);
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading requests…"</p> }>
            {move || Suspend::new(async move {
                match requests.await {
                    Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                    Ok(page) if page.items.is_empty() => view! {
                        <div class="empty-state">
                            <p>"You have no requests yet."</p>
                            <a class="btn btn-primary" href="/portal/new">"Raise your first request"</a>
                        </div>
                    }
                    .into_any(),
                    Ok(page) => view! {
                        <TicketTable tickets=page.items link_base="/portal/tickets"/>
                        {page.next_cursor.map(|c| view! {
                            <p><a class="btn btn-secondary" href=format!("/portal?after={c}")>"Older requests"</a></p>
                        })}
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}
