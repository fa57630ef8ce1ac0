//! `/rate/:token`: the page a survey mail's rating link opens, without signing in. The rating in
//! the link is recorded as the page opens (the customer's one click); the page thanks them and
//! lets them change the rating or add a comment. A link that no longer works says so and points
//! to the ticket's page, where a signed-in requester can still answer.

use crate::{
    api::csat::{RateWithLink, open_rating_link},
    components::{
        csat_card::{RatingInputs, answer_words},
        form_feedback::{FormBanner, action_error},
    },
};
use domain::ErrorCode;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn RatePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let secret = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let rating = Memo::new(move |_| query.read().get("rating"));
    let saved = Memo::new(move |_| query.read().get("saved").is_some());
    let action = ServerAction::<RateWithLink>::new();
    let page = Resource::new(move || (secret.get(), rating.get()), |(secret, rating)| open_rating_link(secret, rating));
    let error = action_error(action);
    view! {
        <Title text="Rate the support you received"/>
        <main class="page auth">
            <section class="card auth-card">
                <h1>"Rate the support you received"</h1>
                <Suspense fallback=|| view! { <p class="muted">"Recording your answer…"</p> }>
                    {move || Suspend::new(async move {
                        match page.await {
                            Ok(found) => {
                                let thanks = answer_words(&found.survey)
                                    .map(|words| format!("Thank you. You rated {}: {words}.", found.ticket));
                                let comment_saved = saved.get() || matches!(action.value().get(), Some(Ok(_)));
                                view! {
                                    {thanks.map(|t| view! { <div class="notice notice-success" role="status">{t}</div> })}
                                    {comment_saved.then(|| view! { <p class="muted">"Your answer is saved."</p> })}
                                    <FormBanner error/>
                                    <ActionForm action attr:class="form" attr:aria-label="Your rating">
                                        <input type="hidden" name="secret" value=secret.get_untracked()/>
                                        <RatingInputs survey=found.survey error/>
                                        <div class="form-actions">
                                            <button type="submit" class="btn btn-primary">"Save my answer"</button>
                                        </div>
                                    </ActionForm>
                                }
                                .into_any()
                            }
                            Err(err) if err.code == ErrorCode::NotFound => view! {
                                <p role="alert">"This rating link does not work any more: it may have expired."</p>
                                <p>"Sign in to rate the request on its page, or reply to our last email."</p>
                                <p><a class="btn btn-secondary" href="/signin">"Sign in"</a></p>
                            }
                            .into_any(),
                            Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </main>
    }
}
