//! The agent's card of who follows a ticket, with the button to follow or unfollow it.

use crate::components::{
    form_feedback::{FormBanner, action_error},
    relation_actions::RelationActions,
};
use domain::ticket_types::OptionView;
use leptos::prelude::*;

#[component]
pub fn FollowersCard(
    ticket_id: i64,
    followers: Vec<OptionView>,
    following: bool,
    actions: RelationActions,
) -> impl IntoView {
    let error =
        Signal::derive(move || action_error(actions.follow).get().or_else(|| action_error(actions.unfollow).get()));
    let list = if followers.is_empty() {
        view! { <p class="muted small">"Nobody follows this ticket yet."</p> }.into_any()
    } else {
        view! {
            <ul class="plain" aria-label="Followers">
                {followers.into_iter().map(|f| view! { <li>{f.name}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let button = if following {
        view! {
            <ActionForm action=actions.unfollow attr:class="inline">
                <input type="hidden" name="ticket_id" value=ticket_id.to_string()/>
                <button type="submit" class="btn btn-secondary btn-small">"Unfollow"</button>
            </ActionForm>
        }
        .into_any()
    } else {
        view! {
            <ActionForm action=actions.follow attr:class="inline">
                <input type="hidden" name="ticket_id" value=ticket_id.to_string()/>
                <button type="submit" class="btn btn-secondary btn-small">"Follow"</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <section class="card">
            <h2>"Followers"</h2>
            <p class="hint">"Followers hear when the customer replies."</p>
            <FormBanner error/>
            {list}
            {button}
        </section>
    }
}
