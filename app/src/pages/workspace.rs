//! `/agent`: the agent's workspace: the queues with their counts, the tickets of the chosen
//! queue, and the agent's teams.

use crate::{
    api::{
        tickets::{queue_counts, queue_tickets},
        workspace::my_teams,
    },
    components::{require_role::RequireRole, ticket_table::TicketTable},
};
use domain::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const DEFAULT_QUEUE: &str = "unassigned";

#[component]
pub fn WorkspacePage() -> impl IntoView {
    view! {
        <Title text="Workspace"/>
        <RequireRole allow=Role::is_staff>
            <main class="page">
                <div class="page-header">
                    <div>
                        <h1>"Workspace"</h1>
                        <p class="muted">"The queues of the desk, and the teams you work in."</p>
                    </div>
                    <div class="actions">
                        <a class="btn btn-primary" href="/agent/new">"New ticket"</a>
                    </div>
                </div>
                <Queues/>
                <h2>"Your teams"</h2>
                <MyTeams/>
            </main>
        </RequireRole>
    }
}

#[component]
fn Queues() -> impl IntoView {
    let query = use_query_map();
    let selected = move || query.read().get("queue").unwrap_or_else(|| DEFAULT_QUEUE.to_owned());
    let after = move || query.read().get("after");
    let counts = Resource::new(|| (), |_| queue_counts());
    let tickets = Resource::new(move || (selected(), after()), |(queue, after)| queue_tickets(queue, after));
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let counts = counts.await.unwrap_or_default();
                let current = selected();
                let tabs = counts
                    .into_iter()
                    .map(|q| {
                        let here = (q.key == current).then_some("page");
                        view! {
                            <a class="tab" href=format!("/agent?queue={}", q.key) aria-current=here>
                                {q.label} " " <span class="count">{q.count}</span>
                            </a>
                        }
                    })
                    .collect_view();
                view! { <nav class="queue-tabs" aria-label="Queues">{tabs}</nav> }
            })}
        </Transition>
        <Transition fallback=|| view! { <p class="muted">"Loading tickets…"</p> }>
            {move || Suspend::new(async move {
                match tickets.await {
                    Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                    Ok(page) if page.items.is_empty() => view! {
                        <div class="empty-state"><p>"Nothing in this queue."</p></div>
                    }
                    .into_any(),
                    Ok(page) => {
                        let queue = selected();
                        view! {
                            <TicketTable tickets=page.items link_base="/agent/tickets" staff=true/>
                            {page.next_cursor.map(|c| view! {
                                <p><a class="btn btn-secondary" href=format!("/agent?queue={queue}&after={c}")>"Next page"</a></p>
                            })}
                        }
                        .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn MyTeams() -> impl IntoView {
    let teams = Resource::new(|| (), |_| my_teams());
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading teams…"</p> }>
            {move || Suspend::new(async move {
                match teams.await {
                    Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <div class="empty-state">
                            <p>"You are not in a team yet. An admin can add you under Admin → Teams."</p>
                        </div>
                    }
                    .into_any(),
                    Ok(list) => view! {
                        <div class="grid-2">
                            {list
                                .into_iter()
                                .map(|team| view! {
                                    <section class="card">
                                        <h2>{team.name}</h2>
                                        <p class="muted">{team.description}</p>
                                        <ul class="member-list">
                                            {team
                                                .members
                                                .into_iter()
                                                .map(|m| view! {
                                                    <li>
                                                        <span>{m.name}</span>
                                                        " "
                                                        <span class="muted small">{m.email}</span>
                                                    </li>
                                                })
                                                .collect_view()}
                                        </ul>
                                    </section>
                                })
                                .collect_view()}
                        </div>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
