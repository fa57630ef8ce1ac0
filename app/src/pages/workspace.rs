//! `/agent`: the agent's workspace: their teams and colleagues.

use crate::{api::workspace::my_teams, components::require_role::RequireRole};
use domain::Role;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WorkspacePage() -> impl IntoView {
    view! {
        <Title text="Workspace"/>
        <RequireRole allow=Role::is_staff>
            <main class="page">
                <div class="page-header">
                    <h1>"Workspace"</h1>
                    <p class="muted">"Your teams and the colleagues you work with."</p>
                </div>
                <MyTeams/>
            </main>
        </RequireRole>
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
