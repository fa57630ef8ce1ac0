//! The knowledge base on an agent's ticket page: possible duplicates among the same customers'
//! open tickets, each with a one-click merge of this ticket into it; and, once the ticket is
//! solved, turning its answer into a draft article (for writers).

use crate::{
    api::kb_tickets::{DraftArticleFromTicket, KnowledgeOnTicket},
    components::{
        form_feedback::{FormBanner, action_error},
        relation_actions::RelationActions,
    },
};
use domain::{similar::types::opened_phrase, ticket_types::StatusCategory};
use leptos::prelude::*;

/// `knowledge` is loaded with the ticket page (the sidebar is rebuilt on live changes).
#[component]
pub fn KnowledgeCard(
    ticket_id: i64,
    status: StatusCategory,
    knowledge: KnowledgeOnTicket,
    actions: RelationActions,
) -> impl IntoView {
    let draft = ServerAction::<DraftArticleFromTicket>::new();
    let draft_error = action_error(draft);
    let merge_error = action_error(actions.merge);
    let KnowledgeOnTicket { duplicates, can_write_articles, read_at, .. } = knowledge;
    let duplicates = if status.is_active() { duplicates } else { Vec::new() };
    let drafting = can_write_articles && matches!(status, StatusCategory::Solved | StatusCategory::Closed);
    (!duplicates.is_empty() || drafting).then(|| view! {
        <section class="card" aria-labelledby="knowledge-heading">
            <h2 id="knowledge-heading">{if duplicates.is_empty() { "Knowledge base" } else { "Possible duplicates" }}</h2>
            <FormBanner error=merge_error/>
            <ul class="plain stack">
                {duplicates.into_iter().map(|d| {
                    let reference = d.ticket.reference.clone();
                    view! {
                        <li>
                            <a href=format!("/agent/tickets/{}", d.ticket.id)>{d.ticket.subject.clone()}</a>
                            <div class="muted small">
                                {format!("{reference} · opened {} · {}% alike", opened_phrase(d.created_at, read_at), d.similarity)}
                            </div>
                            <ActionForm action=actions.merge attr:class="inline">
                                <input type="hidden" name="ticket_id" value=ticket_id.to_string()/>
                                <input type="hidden" name="target" value=reference.clone()/>
                                <input type="hidden" name="confirm" value="on"/>
                                <button type="submit" class="btn btn-secondary btn-small">{format!("Merge into {reference}")}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {drafting.then(|| view! {
                <FormBanner error=draft_error/>
                <ActionForm action=draft attr:class="inline">
                    <input type="hidden" name="ticket_id" value=ticket_id.to_string()/>
                    <button type="submit" class="btn btn-secondary btn-small">"Turn the answer into an article"</button>
                </ActionForm>
            })}
        </section>
    })
}
