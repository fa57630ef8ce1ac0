//! `/agent`: the agent's workspace: search and filters, saved views, the queues with their
//! counts, the tickets of the chosen queue or search with bulk changes, and the agent's teams.

use crate::{
    api::{
        search::{BulkUpdateTickets, DeleteView, SaveView, list_saved_views, search_tickets},
        tickets::{load_ticket_options, queue_counts, queue_tickets},
        workspace::my_teams,
    },
    components::{
        bulk_report::BulkReport,
        form_feedback::{FieldMessage, FormBanner, action_error, action_succeeded},
        require_role::RequireRole,
        shortcuts::Shortcuts,
        ticket_search::{SearchBar, compose_query, is_search, search_href},
        ticket_table::TicketTable,
    },
    live::{refreshed, use_live},
};
use domain::{
    Role,
    ticket_filter::Sort,
    ticket_types::{OptionView, TicketOptions, TicketSummary},
    views::Page,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::collections::HashSet;

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
                        <a class="btn btn-secondary" href="/agent/at-risk">"At risk"</a>
                        <a class="btn btn-secondary" href="/agent/board">"Board"</a>
                        <a class="btn btn-primary" href="/agent/new">"New ticket"</a>
                    </div>
                </div>
                <Tickets/>
                <p class="muted small">"Press " <kbd>"?"</kbd> " for keyboard shortcuts."</p>
                <Shortcuts/>
                <h2>"Your teams"</h2>
                <MyTeams/>
            </main>
        </RequireRole>
    }
}

#[component]
fn Tickets() -> impl IntoView {
    let query = use_query_map();
    let bulk = ServerAction::<BulkUpdateTickets>::new();
    let save = ServerAction::<SaveView>::new();
    let remove = ServerAction::<DeleteView>::new();
    let searching = move || is_search(&query.read());
    let composed = move || compose_query(&query.read());
    let sort = move || query.read().get("sort").and_then(|s| Sort::parse(&s)).unwrap_or_default();
    let selected = move || query.read().get("queue").unwrap_or_else(|| DEFAULT_QUEUE.to_owned());
    let after = move || query.read().get("after");
    let options = Resource::new(|| (), |_| load_ticket_options());
    let views = Resource::new(move || (save.version().get(), remove.version().get()), |_| list_saved_views());
    let live = use_live();
    let counts = Resource::new(move || (bulk.version().get(), live.any()), |_| queue_counts());
    let list_key = move || (searching(), composed(), sort(), selected(), after(), bulk.version().get());
    // The list as first loaded (the search bar shows its errors), and as refetched on live changes.
    let tickets = Resource::new(list_key, load_list);
    let refreshed_tickets = refreshed(list_key, move || live.any(), load_list);
    let selection = RwSignal::new(HashSet::<i64>::new());
    Effect::new(move |_| {
        bulk.version().track();
        selection.set(HashSet::new());
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let options = options.await.ok();
                let text = if searching() { composed().unwrap_or_default() } else { String::new() };
                let error = match tickets.await {
                    Err(err) if searching() => Some(err.field("q").unwrap_or(err.message)),
                    _ => None,
                };
                view! { <SearchBar action="/agent" query=text sort=sort() options error/> }
            })}
        </Suspense>
        <div class="workspace-nav">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let counts = counts.await.unwrap_or_default();
                    let current = (!searching()).then(selected);
                    let tabs = counts
                        .into_iter()
                        .map(|q| {
                            let here = (Some(&q.key) == current.as_ref()).then_some("page");
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
            <SavedViews views remove/>
        </div>
        {move || (!searching()).then(|| {
            let queue = selected();
            let by_due = sort() == Sort::Due;
            view! {
                <nav class="queue-sort small" aria-label="Order of the queue">
                    "Order: "
                    <a href=format!("/agent?queue={queue}") aria-current=(!by_due).then_some("page")>"Recently updated"</a>
                    " · "
                    <a href=format!("/agent?queue={queue}&sort=due") aria-current=by_due.then_some("page")>"Due soonest"</a>
                </nav>
            }
        })}
        {move || searching().then(|| view! { <SaveViewForm save query=composed().unwrap_or_default() sort=sort()/> })}
        <Transition fallback=|| view! { <p class="muted">"Loading tickets…"</p> }>
            {move || Suspend::new(async move {
                let options = options.await.ok();
                let shown = match refreshed_tickets.await {
                    Some(fresh) => fresh,
                    None => tickets.await,
                };
                match shown {
                    Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                    Ok(page) if page.items.is_empty() => {
                        let text = if searching() { "No tickets match." } else { "Nothing in this queue." };
                        view! { <div class="empty-state"><p>{text}</p></div> }.into_any()
                    }
                    Ok(page) => {
                        let next = next_href(&query.read(), &page);
                        view! {
                            <BulkForm bulk options page=page.items selection/>
                            {next.map(|href| view! { <p><a class="btn btn-secondary" href=href>"Next page"</a></p> })}
                        }
                        .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// One page of a queue, or of search results when the address holds a search.
async fn load_list(
    (searching, composed, sort, queue, after, _): (bool, Result<String, String>, Sort, String, Option<String>, usize),
) -> Result<Page<TicketSummary>, crate::error::AppError> {
    match (searching, composed) {
        (true, Ok(q)) => search_tickets(q, Some(sort.as_str().to_owned()), after).await,
        (true, Err(message)) => Err(crate::error::AppError::new(domain::ErrorCode::Validation, message)),
        (false, _) => {
            let order = if sort == Sort::Due { "due" } else { "updated" };
            queue_tickets(queue, after, Some(order.to_owned())).await
        }
    }
}

/// The address of the next page: the same list, starting after the last row.
fn next_href(params: &leptos_router::params::ParamsMap, page: &Page<TicketSummary>) -> Option<String> {
    let cursor = page.next_cursor.as_ref()?;
    Some(if is_search(params) {
        let sort = params.get("sort").and_then(|s| Sort::parse(&s)).unwrap_or_default();
        format!("{}&after={cursor}", search_href("/agent", &compose_query(params).unwrap_or_default(), sort))
    } else {
        let queue = params.get("queue").unwrap_or_else(|| DEFAULT_QUEUE.to_owned());
        let due = if params.get("sort").as_deref() == Some("due") { "&sort=due" } else { "" };
        format!("/agent?queue={queue}{due}&after={cursor}")
    })
}

fn bulk_select(
    name: &'static str,
    label: &'static str,
    choices: Vec<OptionView>,
    extra: Option<(&str, &str)>,
) -> impl IntoView {
    let id = format!("bulk-{name}");
    view! {
        <label for=id.clone() class="sr-only">{label}</label>
        <select id=id name=name>
            <option value="">{format!("{label}: keep")}</option>
            {extra.map(|(v, t)| view! { <option value=v.to_owned()>{t.to_owned()}</option> })}
            {choices.into_iter().map(|o| view! { <option value=o.id.to_string()>{o.name}</option> }).collect_view()}
        </select>
    }
}

/// The list with a checkbox per row and a bar to change the selected tickets at once.
#[component]
fn BulkForm(
    bulk: ServerAction<BulkUpdateTickets>,
    options: Option<TicketOptions>,
    page: Vec<TicketSummary>,
    selection: RwSignal<HashSet<i64>>,
) -> impl IntoView {
    let error = action_error(bulk);
    let bar = options.map(|o| {
        let statuses = o.statuses.into_iter().map(|s| OptionView { id: s.id, name: s.name }).collect();
        view! {
            <div class="bulk-bar row" aria-label="Change selected tickets">
                {bulk_select("status_id", "Status", statuses, None)}
                {bulk_select("priority_id", "Priority", o.priorities, None)}
                {bulk_select("assignee_id", "Assignee", o.agents, Some(("none", "Unassigned")))}
                <button type="submit" class="btn btn-secondary btn-small" disabled=move || bulk.pending().get()>
                    "Apply to selected"
                </button>
            </div>
        }
    });
    view! {
        <ActionForm action=bulk attr:class="bulk-form" attr:aria-label="Tickets">
            <FormBanner error/>
            <FieldMessage error field="ticket_ids"/>
            <FieldMessage error field="change"/>
            <BulkReport bulk/>
            {bar}
            <TicketTable tickets=page link_base="/agent/tickets" staff=true selectable=true selected=selection/>
        </ActionForm>
    }
}

#[component]
fn SaveViewForm(save: ServerAction<SaveView>, query: String, sort: Sort) -> impl IntoView {
    let error = action_error(save);
    let saved = action_succeeded(save);
    view! {
        <details class="save-view">
            <summary>"Save this search as a view"</summary>
            <ActionForm action=save attr:class="row">
                <input type="hidden" name="q" value=query/>
                <input type="hidden" name="sort" value=sort.as_str()/>
                <label for="view-name" class="sr-only">"View name"</label>
                <input id="view-name" name="name" placeholder="View name" maxlength="80" required/>
                <label><input type="checkbox" name="shared"/>" Share with all agents"</label>
                <button type="submit" class="btn btn-secondary btn-small">"Save view"</button>
            </ActionForm>
            <FieldMessage error field="name"/>
            <FieldMessage error field="q"/>
            {move || saved.get().then(|| view! { <p class="small" role="status">"Saved."</p> })}
        </details>
    }
}

#[component]
fn SavedViews(
    views: Resource<Result<Vec<domain::ticket_filter::SavedView>, crate::error::AppError>>,
    remove: ServerAction<DeleteView>,
) -> impl IntoView {
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let list = views.await.unwrap_or_default();
                (!list.is_empty()).then(|| view! {
                    <nav class="saved-views" aria-label="Saved views">
                        <span class="muted small">"Views:"</span>
                        {list.into_iter().map(|v| {
                            let title = if v.shared { format!("Shared by {}", v.owner_name) } else { "Only you".to_owned() };
                            view! {
                                <span class="saved-view">
                                    <a class="tab" href=search_href("/agent", &v.query, v.sort) title=title>{v.name.clone()}</a>
                                    {v.can_delete.then(|| view! {
                                        <ActionForm action=remove attr:class="inline">
                                            <input type="hidden" name="id" value=v.id.to_string()/>
                                            <button type="submit" class="btn-link small" aria-label=format!("Delete view {}", v.name)>"×"</button>
                                        </ActionForm>
                                    })}
                                </span>
                            }
                        }).collect_view()}
                    </nav>
                })
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
