//! "Revoke email links" for a ticket's requester (staff): every magic link in the mail they have
//! been sent stops working at once, and the pages opened from them close; their next mail about a
//! ticket carries a new link.

use crate::{
    api::access::RevokeTicketLinks,
    components::form_feedback::{FormBanner, action_error},
};
use leptos::prelude::*;

#[component]
pub fn RevokeLinksForm(user_id: i64) -> impl IntoView {
    let action = ServerAction::<RevokeTicketLinks>::new();
    let error = action_error(action);
    let revoked = move || action.value().get().and_then(Result::ok);
    view! {
        <FormBanner error/>
        {move || revoked().map(|n| view! {
            <p class="notice notice-success small" role="status">
                {match n {
                    0 => "They held no working links.".to_owned(),
                    1 => "1 link revoked. Their next email carries a new one.".to_owned(),
                    n => format!("{n} links revoked. Their next email carries a new one."),
                }}
            </p>
        })}
        <ActionForm action attr:class="inline">
            <input type="hidden" name="user_id" value=user_id.to_string()/>
            <button type="submit" class="btn btn-secondary btn-small">"Revoke email links"</button>
        </ActionForm>
    }
}
