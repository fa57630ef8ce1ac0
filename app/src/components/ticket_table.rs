//! A list of tickets as a table, linking each to its page.

use crate::components::format::{DueText, StatusBadge, when};
use domain::ticket_types::TicketSummary;
use leptos::prelude::*;
use std::collections::HashSet;

#[component]
pub fn TicketTable(
    tickets: Vec<TicketSummary>,
    /// `/portal/tickets` or `/agent/tickets`.
    link_base: &'static str,
    /// Agents see who asked and who owns each ticket.
    #[prop(optional)]
    staff: bool,
    /// Each row gets a checkbox `ticket_ids[n]` for bulk changes (the table sits in their form).
    #[prop(optional)]
    selectable: bool,
    /// The rows ticked so far, kept when the list is refetched under the agent's hands.
    #[prop(optional)]
    selected: Option<RwSignal<HashSet<i64>>>,
) -> impl IntoView {
    // The custom fields admins show in lists (staff lists only; the same for every row).
    let listed: Vec<String> =
        tickets.first().map(|t| t.listed.iter().map(|f| f.name.clone()).collect()).unwrap_or_default();
    let listed_headers = listed.iter().map(|name| view! { <th scope="col">{name.clone()}</th> }).collect_view();
    let rows = tickets
        .into_iter()
        .enumerate()
        .map(|(n, t)| {
            let href = format!("{link_base}/{}", t.id);
            let label = format!("Select {}", t.reference);
            let id = t.id;
            view! {
                <tr data-ticket-id=t.id class="ticket-row">
                    {selectable.then(|| view! {
                        <td class="select-cell">
                            <input
                                type="checkbox"
                                name=format!("ticket_ids[{n}]")
                                value=t.id.to_string()
                                aria-label=label
                                prop:checked=move || selected.is_some_and(|s| s.with(|s| s.contains(&id)))
                                on:change=move |ev| {
                                    if let Some(selected) = selected {
                                        let on = event_target_checked(&ev);
                                        selected.update(|s| if on { s.insert(id); } else { s.remove(&id); });
                                    }
                                }
                            />
                        </td>
                    })}
                    <td class="small">{t.reference}</td>
                    <td><a href=href>{t.subject}</a></td>
                    <td><StatusBadge status=t.status/></td>
                    <td>{t.priority.name}</td>
                    {staff.then(|| view! {
                        <td>{t.requester.name}</td>
                        <td>{t.assignee.map(|a| a.name).unwrap_or_else(|| "Unassigned".into())}</td>
                        <td class="small"><DueText due=t.due_at overdue=t.overdue/></td>
                    })}
                    {t.listed.into_iter().map(|f| view! { <td class="small">{f.value.unwrap_or_default()}</td> }).collect_view()}
                    <td class="small">{when(t.updated_at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        {selectable.then(|| view! { <th scope="col"><span class="sr-only">"Select"</span></th> })}
                        <th scope="col">"Ref"</th>
                        <th scope="col">"Subject"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Priority"</th>
                        {staff.then(|| view! {
                            <th scope="col">"Requester"</th>
                            <th scope="col">"Assignee"</th>
                            <th scope="col">"Due"</th>
                        })}
                        {listed_headers}
                        <th scope="col">"Updated"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
