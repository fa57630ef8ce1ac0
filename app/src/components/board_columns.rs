//! The board's columns and cards. A card moves by drag and drop, or by its "Move to" form,
//! which works from the keyboard and without JavaScript; both send `bulk_update_tickets` for
//! that one ticket, so a move goes through the same rules and history as any change.

use crate::{
    api::search::BulkUpdateTickets,
    components::format::{DueText, StatusBadge, when},
};
use domain::{
    ticket_types::TicketSummary,
    tickets::board::{Board, BoardColumn, BoardGroup},
};
use leptos::prelude::*;

/// The change that puts a ticket in the column holding `value`.
fn move_to(group: BoardGroup, ticket_id: i64, value: String) -> BulkUpdateTickets {
    let mut change =
        BulkUpdateTickets { ticket_ids: Some(vec![ticket_id]), status_id: None, priority_id: None, assignee_id: None };
    match group {
        BoardGroup::Status => change.status_id = Some(value),
        BoardGroup::Assignee => change.assignee_id = Some(value),
        BoardGroup::Priority => change.priority_id = Some(value),
    }
    change
}

#[component]
pub fn BoardColumns(board: Board, bulk: ServerAction<BulkUpdateTickets>) -> impl IntoView {
    let group = board.group;
    let targets: Vec<(String, String)> = board.columns.iter().map(|c| (c.value.clone(), c.title.clone())).collect();
    let columns = board
        .columns
        .into_iter()
        .map(|column| view! { <Column column group targets=targets.clone() bulk/> })
        .collect_view();
    view! { <div class="board" data-group=group.as_str()>{columns}</div> }
}

#[component]
fn Column(
    column: BoardColumn,
    group: BoardGroup,
    targets: Vec<(String, String)>,
    bulk: ServerAction<BulkUpdateTickets>,
) -> impl IntoView {
    let over = RwSignal::new(false);
    let value = column.value.clone();
    let heading_id = format!("column-{}-{}", group.as_str(), column.value);
    let shown = column.cards.len() as u64;
    let more =
        (column.total > shown).then(|| format!("Showing the {shown} most recently updated of {}.", column.total));
    let cards = if column.cards.is_empty() {
        view! { <p class="board-empty muted small">"No tickets"</p> }.into_any()
    } else {
        column
            .cards
            .into_iter()
            .map(|card| view! { <Card card group here=value.clone() targets=targets.clone() bulk/> })
            .collect_view()
            .into_any()
    };
    let drop_value = column.value.clone();
    view! {
        <section
            class="board-column"
            class:drop-target=move || over.get()
            data-column=column.value.clone()
            aria-labelledby=heading_id.clone()
            on:dragover=move |ev| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragleave=move |_| over.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                over.set(false);
                if let Some(id) = super::ticket_drag::dropped(&ev) {
                    bulk.dispatch(move_to(group, id, drop_value.clone()));
                }
            }
        >
            <h2 class="board-column-title" id=heading_id.clone()>
                {column.title} " " <span class="count">{column.total}</span>
            </h2>
            <div class="board-cards">{cards}</div>
            {more.map(|text| view! { <p class="muted small">{text}</p> })}
        </section>
    }
}

#[component]
fn Card(
    card: TicketSummary,
    group: BoardGroup,
    /// The value of the column the card is in.
    here: String,
    targets: Vec<(String, String)>,
    bulk: ServerAction<BulkUpdateTickets>,
) -> impl IntoView {
    let id = card.id;
    let select_id = format!("move-{id}");
    // The fields admins show in lists, where this ticket has a value.
    let filled: Vec<(String, String)> =
        card.listed.iter().filter_map(|f| f.value.clone().map(|v| (f.name.clone(), v))).collect();
    let options = targets
        .into_iter()
        .filter(|(value, _)| *value != here)
        .map(|(value, title)| view! { <option value=value>{title}</option> })
        .collect_view();
    view! {
        <article
            class="board-card"
            draggable="true"
            data-ticket-id=id
            on:dragstart=move |ev| super::ticket_drag::start(&ev, id)
        >
            <div class="board-card-head small">
                <span class="muted">{card.reference.clone()}</span>
                <StatusBadge status=card.status/>
            </div>
            <a class="board-card-subject" href=format!("/agent/tickets/{id}")>{card.subject}</a>
            <div class="board-card-meta small muted">
                <span>{card.requester.name}</span>
                " · "
                <span>{card.priority.name}</span>
                " · "
                <span>{card.assignee.map(|a| a.name).unwrap_or_else(|| "Unassigned".into())}</span>
            </div>
            {(!filled.is_empty()).then(|| view! {
                <dl class="board-card-fields small">
                    {filled.into_iter().map(|(name, value)| view! { <dt class="muted">{name}</dt><dd>{value}</dd> }).collect_view()}
                </dl>
            })}
            <div class="board-card-foot small">
                {match card.due_at {
                    Some(_) => view! { <DueText due=card.due_at overdue=card.overdue/> }.into_any(),
                    None => view! { <time class="muted">{when(card.updated_at)}</time> }.into_any(),
                }}
                <ActionForm action=bulk attr:class="board-move">
                    <input type="hidden" name="ticket_ids[0]" value=id.to_string()/>
                    <label for=select_id.clone() class="sr-only">{format!("Move {} to", card.reference)}</label>
                    <select id=select_id name=group.field()>{options}</select>
                    <button type="submit" class="btn btn-secondary btn-small" disabled=move || bulk.pending().get()>
                        "Move"
                    </button>
                </ActionForm>
            </div>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::move_to;
    use domain::tickets::board::BoardGroup;

    #[test]
    fn a_move_sets_only_the_grouped_field() {
        let change = move_to(BoardGroup::Assignee, 7, "none".into());
        assert_eq!(change.ticket_ids, Some(vec![7]));
        assert_eq!(change.assignee_id.as_deref(), Some("none"));
        assert_eq!((change.status_id, change.priority_id), (None, None));
        let change = move_to(BoardGroup::Status, 7, "3".into());
        assert_eq!(change.status_id.as_deref(), Some("3"));
    }
}
