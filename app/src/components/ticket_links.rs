//! The agent's card of a ticket's links: the linked tickets with their status, a way to add a
//! link by reference and to remove one.

use crate::components::{
    form_feedback::{FieldMessage, FormBanner, action_error, invalid},
    format::StatusBadge,
    relation_actions::RelationActions,
};
use domain::link_types::{LinkView, Relation};
use leptos::{html, prelude::*};

#[component]
pub fn LinksCard(ticket_id: i64, links: Vec<LinkView>, actions: RelationActions) -> impl IntoView {
    let add_error = action_error(actions.add_link);
    let remove_error = action_error(actions.remove_link);
    let form = NodeRef::<html::Form>::new();
    Effect::new(move || {
        if matches!(actions.add_link.value().get(), Some(Ok(())))
            && let Some(form) = form.get()
        {
            form.reset();
        }
    });
    let list = if links.is_empty() {
        view! { <p class="muted small">"No linked tickets."</p> }.into_any()
    } else {
        let items = links
            .into_iter()
            .map(|link| {
                let removable = !matches!(link.relation, Relation::MergedInto | Relation::MergedFrom);
                let label = format!("Remove the link to {}", link.ticket.reference);
                view! {
                    <li>
                        <div class="muted small">{link.relation.heading()}</div>
                        <a href=format!("/agent/tickets/{}", link.ticket.id)>{link.ticket.reference}</a>
                        " "
                        <span>{link.ticket.subject}</span>
                        " "
                        <StatusBadge status=link.ticket.status/>
                        {removable.then(|| view! {
                            <ActionForm action=actions.remove_link attr:class="inline">
                                <input type="hidden" name="ticket_id" value=ticket_id.to_string()/>
                                <input type="hidden" name="link_id" value=link.id.to_string()/>
                                " "
                                <button type="submit" class="btn btn-link btn-small" aria-label=label>"Remove"</button>
                            </ActionForm>
                        })}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="plain stack" aria-label="Linked tickets">{items}</ul> }.into_any()
    };
    let options =
        Relation::ADDABLE.into_iter().map(|r| view! { <option value=r.as_str()>{r.choice()}</option> }).collect_view();
    view! {
        <section class="card">
            <h2>"Linked tickets"</h2>
            <FormBanner error=remove_error/>
            {list}
            <ActionForm action=actions.add_link node_ref=form attr:class="form" attr:novalidate=true>
                <input type="hidden" name="ticket_id" value=ticket_id.to_string()/>
                <div class="field">
                    <label for="link-relation">"This ticket is"</label>
                    <select id="link-relation" name="relation">{options}</select>
                    <FieldMessage error=add_error field="relation"/>
                </div>
                <div class="field">
                    <label for="link-reference">"Ticket"</label>
                    <input id="link-reference" name="reference" placeholder="DKT-1042" required aria-invalid=invalid(add_error, "reference")/>
                    <FieldMessage error=add_error field="reference"/>
                </div>
                <FormBanner error=add_error/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-secondary btn-small">"Add link"</button>
                </div>
            </ActionForm>
        </section>
    }
}
