//! The suggested category and priority on an agent's ticket page: what the desk's classifier
//! guesses from the ticket's words, with its confidence, each applied with one click (a plain
//! form: it works without JavaScript).

use crate::api::tickets::UpdateTicket;
use domain::classifier::types::{Kind, Suggestion};
use leptos::prelude::*;

#[component]
pub fn Suggestions(ticket_id: i64, suggestions: Vec<Suggestion>, update: ServerAction<UpdateTicket>) -> impl IntoView {
    (!suggestions.is_empty()).then(|| {
        let items = suggestions
            .into_iter()
            .map(|s| {
                let field = match s.kind {
                    Kind::Category => "category_id",
                    Kind::Priority => "priority_id",
                };
                let text = format!("{}: {} ({} % sure)", s.kind.label(), s.name, s.confidence);
                let label = format!("Use {} {}", s.kind.label().to_lowercase(), s.name);
                view! {
                    <li class="config-row">
                        <span>{text}</span>
                        <ActionForm action=update attr:class="inline">
                            <input type="hidden" name="ticket_id" value=ticket_id.to_string()/>
                            <input type="hidden" name=field value=s.id.to_string()/>
                            <button type="submit" class="btn btn-link btn-small" aria-label=label>"Use"</button>
                        </ActionForm>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="suggestions">
                <h3 class="small">"Suggested from similar solved tickets"</h3>
                <ul class="plain config-list">{items}</ul>
            </div>
        }
    })
}
