//! `/agent/board`: the Kanban board. Tickets as cards in columns by status, assignee or
//! priority, filtered with the search syntax, kept live, and moved by drag and drop or by each
//! card's "Move to" form (keyboard and JavaScript-off).

use crate::{
    api::{board::load_board, search::BulkUpdateTickets},
    components::{
        board_columns::BoardColumns,
        bulk_report::BulkReport,
        form_feedback::{FormBanner, action_error},
        require_role::RequireRole,
        ticket_search::urlencode,
    },
    live::{refreshed, use_live},
};
use domain::{Role, tickets::board::BoardGroup};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn board_href(group: BoardGroup, q: &str) -> String {
    let mut href = format!("/agent/board?group={}", group.as_str());
    if !q.trim().is_empty() {
        href.push_str("&q=");
        href.push_str(&urlencode(q));
    }
    href
}

#[component]
pub fn BoardPage() -> impl IntoView {
    view! {
        <Title text="Board"/>
        <RequireRole allow=Role::is_staff>
            <Board/>
        </RequireRole>
    }
}

#[component]
fn Board() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let group_text = move || query.read().get("group");
    let group = move || group_text().and_then(|g| BoardGroup::parse(&g)).unwrap_or_default();
    let bulk = ServerAction::<BulkUpdateTickets>::new();
    let error = action_error(bulk);
    let live = use_live();
    let sort = move || query.read().get("sort");
    let by_due = move || sort().as_deref() == Some("due");
    let key = move || (q(), group_text(), sort(), bulk.version().get());
    let load = |(q, group, sort, _): (String, Option<String>, Option<String>, usize)| load_board(q, group, sort);
    let board = Resource::new(key, load);
    let fresh = refreshed(key, move || live.any(), load);
    let tabs = move || {
        BoardGroup::ALL
            .into_iter()
            .map(|g| {
                let here = (g == group()).then_some("page");
                view! { <a class="tab" href=board_href(g, &q()) aria-current=here>{g.label()}</a> }
            })
            .collect_view()
    };
    view! {
        <main class="page page-wide">
            <div class="page-header">
                <div>
                    <h1>"Board"</h1>
                    <p class="muted">"Drag a card to another column, or use its Move menu."</p>
                </div>
                <div class="actions">
                    <a class="btn btn-secondary" href="/agent">"List"</a>
                    <a class="btn btn-primary" href="/agent/new">"New ticket"</a>
                </div>
            </div>
            <div class="workspace-nav">
                <nav class="queue-tabs" aria-label="Group cards by">
                    <span class="muted small">"Group by:"</span>
                    {tabs}
                </nav>
            </div>
            <form method="get" action="/agent/board" class="search-bar" role="search">
                <input type="hidden" name="group" prop:value=move || group().as_str()/>
                <div class="row">
                    <label for="board-filter" class="sr-only">"Filter the board"</label>
                    <input id="board-filter" name="q" type="search" prop:value=q
                        placeholder="Filter: words, priority:high team:support assignee:me tag:vpn"
                        data-shortcut-target="search"/>
                    <label for="board-sort" class="sr-only">"Order cards by"</label>
                    <select id="board-sort" name="sort">
                        <option value="updated" selected=move || !by_due()>"Recently updated"</option>
                        <option value="due" selected=by_due>"Due soonest"</option>
                    </select>
                    <button type="submit" class="btn btn-primary">"Filter"</button>
                </div>
            </form>
            <FormBanner error/>
            <BulkReport bulk/>
            <Transition fallback=|| view! { <p class="muted">"Loading the board…"</p> }>
                {move || Suspend::new(async move {
                    let shown = match fresh.await {
                        Some(fresh) => fresh,
                        None => board.await,
                    };
                    match shown {
                        Err(err) => {
                            let message = err.field("q").or_else(|| err.field("group")).unwrap_or(err.message);
                            view! { <div class="form-error" role="alert">{message}</div> }.into_any()
                        }
                        Ok(board) => view! { <BoardColumns board bulk/> }.into_any(),
                    }
                })}
            </Transition>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::board_href;
    use domain::tickets::board::BoardGroup;

    #[test]
    fn links_keep_the_filter_encoded() {
        assert_eq!(board_href(BoardGroup::Status, ""), "/agent/board?group=status");
        assert_eq!(
            board_href(BoardGroup::Priority, "tag:vpn \"a&b\""),
            "/agent/board?group=priority&q=tag%3Avpn+%22a%26b%22"
        );
    }
}
