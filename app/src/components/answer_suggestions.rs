//! Beside the portal's new-request form: articles that may answer the request being typed (each
//! with "This answered my question"), and the customer's open tickets that look like the same
//! problem (each with "Add this to that ticket instead", a button of the request form itself so
//! that what was typed goes with it).

use crate::pages::help::search::Highlighted;
use domain::similar::types::{Suggestions, opened_phrase};
use leptos::prelude::*;

#[component]
pub fn AnswerSuggestions(suggestions: Suggestions) -> impl IntoView {
    let Suggestions { articles, tickets, read_at } = suggestions;
    if articles.is_empty() && tickets.is_empty() {
        return None;
    }
    let now = read_at.unwrap_or_default();
    Some(view! {
        <div class="suggestions" role="region" aria-labelledby="suggestions-heading" aria-live="polite">
            <h2 id="suggestions-heading">"Before you send"</h2>
            {(!tickets.is_empty()).then(|| view! {
                <h3>"Already asked?"</h3>
                <ul class="plain-list">
                    {tickets.into_iter().map(|t| {
                        let reference = t.ticket.reference.clone();
                        let question = format!("Is this the same as {reference}, opened {}?", opened_phrase(t.created_at, now));
                        view! {
                            <li class="suggestion">
                                <p><strong>{question}</strong></p>
                                <p><a href=format!("/portal/tickets/{}", t.ticket.id) target="_blank" rel="noopener">{t.ticket.subject.clone()}</a>
                                    " · " {t.ticket.status.name.clone()}</p>
                                <button type="submit" class="btn" form="new-request" formaction="/fn/add_to_ticket"
                                    formenctype="application/x-www-form-urlencoded" formmethod="post" formnovalidate
                                    name="ticket_id" value=t.ticket.id.to_string()>
                                    {format!("Add this to {reference} instead")}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {(!articles.is_empty()).then(|| view! {
                <h3>"Articles that may answer it"</h3>
                <ul class="plain-list">
                    {articles.into_iter().map(|hit| view! {
                        <li class="suggestion">
                            <a href=hit.article.path() target="_blank" rel="noopener"><Highlighted pieces=hit.title/></a>
                            <p class="muted small"><Highlighted pieces=hit.snippet/></p>
                            <form method="post" action="/fn/deflect_request">
                                <input type="hidden" name="article_id" value=hit.article.id.to_string()/>
                                <button type="submit" class="btn btn-small" aria-label=format!("{} answered my question", hit.article.title)>
                                    "This answered my question"
                                </button>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </div>
    })
}
