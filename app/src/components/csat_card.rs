//! A ticket's satisfaction survey: the rating choices (shared with the rating page a mail's link
//! opens), and the sidebar card where staff read the answer and the requester gives or changes
//! it, in a plain form that works without JavaScript.

use crate::{
    api::csat::RateTicket,
    components::{
        form_feedback::{FieldMessage, FormBanner, action_error},
        format::when,
    },
    error::AppError,
};
use domain::csat::types::{COMMENT_MAX_CHARS, CsatView};
use leptos::prelude::*;

/// The rating radio buttons (best first) under the survey's question, and the comment box.
#[component]
pub fn RatingInputs(survey: CsatView, error: Signal<Option<AppError>>) -> impl IntoView {
    let scale = survey.scale;
    let chosen = survey.rating;
    view! {
        <fieldset class="field rating-choices">
            <legend>{survey.question.clone()}</legend>
            {scale.choices().into_iter().rev().map(|(points, words)| {
                view! {
                    <label class="choice">
                        <input type="radio" name="rating" value=points.to_string() checked=chosen == Some(points) required/>
                        {format!(" {words}")}
                    </label>
                }
            }).collect_view()}
            <FieldMessage error field="rating"/>
        </fieldset>
        <div class="field">
            <label for="rating-comment">"Comment (optional)"</label>
            <textarea id="rating-comment" name="comment" rows="3" maxlength=COMMENT_MAX_CHARS.to_string()>{survey.comment.clone().unwrap_or_default()}</textarea>
            <FieldMessage error field="comment"/>
        </div>
    }
}

/// What the answer was, in words: "Good (4 of 5)".
pub fn answer_words(survey: &CsatView) -> Option<String> {
    let rating = survey.rating?;
    Some(format!("{} ({rating} of {})", survey.scale.label(rating), survey.scale.points()))
}

#[component]
pub fn CsatCard(ticket_id: i64, survey: CsatView, staff: bool, action: ServerAction<RateTicket>) -> impl IntoView {
    let body = if staff {
        staff_view(&survey)
    } else if survey.due {
        requester_form(ticket_id, survey, action)
    } else {
        return None;
    };
    Some(view! {
        <section class="card" aria-labelledby="csat-heading">
            <h2 id="csat-heading">"Satisfaction"</h2>
            {body}
        </section>
    })
}

fn staff_view(survey: &CsatView) -> AnyView {
    match (answer_words(survey), survey.answered_at) {
        (Some(words), Some(at)) => view! {
            <p><strong>{words}</strong></p>
            {survey.comment.clone().map(|c| view! { <blockquote class="csat-comment">{c}</blockquote> })}
            <p class="muted small">{format!("Answered {}", when(at))}</p>
        }
        .into_any(),
        _ if survey.due => view! { <p class="muted">"Asked; no answer yet."</p> }.into_any(),
        _ => view! { <p class="muted">"The customer is asked once the set delay after solving has passed."</p> }
            .into_any(),
    }
}

fn requester_form(ticket_id: i64, survey: CsatView, action: ServerAction<RateTicket>) -> AnyView {
    let error = action_error(action);
    let thanks = answer_words(&survey).map(|words| format!("Thank you. You rated this: {words}."));
    let button = if survey.rating.is_some() { "Change my rating" } else { "Send my rating" };
    view! {
        {thanks.map(|t| view! { <p role="status">{t}</p> })}
        <FormBanner error/>
        <ActionForm action attr:class="form" attr:aria-label="Rate the support">
            <input type="hidden" name="ticket_id" value=ticket_id.to_string()/>
            <RatingInputs survey error/>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary btn-small">{button}</button>
            </div>
        </ActionForm>
    }
    .into_any()
}
