//! How long the magic links in customer mail hold, on the mail templates page.

use crate::{
    api::access::{SetTicketLinkDays, ticket_link_days},
    components::form_feedback::{FieldMessage, FormBanner, action_error, invalid},
};
use leptos::prelude::*;

#[component]
pub fn TicketLinkDaysForm() -> impl IntoView {
    let action = ServerAction::<SetTicketLinkDays>::new();
    let error = action_error(action);
    let saved = move || action.value().get().and_then(Result::ok);
    let days = Resource::new(|| (), |_| ticket_link_days());
    view! {
        <section class="card" aria-labelledby="link-days-heading">
            <h2 id="link-days-heading">"Links in customer mail"</h2>
            <p class="muted">"Every mail about a ticket carries a link that opens the ticket without a password. Links hold this many days; staff can revoke a person's links from a ticket's requester card."</p>
            <FormBanner error/>
            {move || saved().map(|days| view! {
                <div class="notice notice-success" role="status">{format!("New links now hold {days} days.")}</div>
            })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let days = days.await.unwrap_or(30);
                    view! {
                        <ActionForm action attr:class="form" attr:novalidate=true>
                            <div class="field">
                                <label for="ticket-link-days">"Links hold (days)"</label>
                                <input id="ticket-link-days" name="ticket_link_days" type="number" min="1" max="365" step="1" inputmode="numeric" value=days.to_string() required aria-invalid=invalid(error, "ticket_link_days")/>
                                <p class="hint">"1 to 365. Links already sent keep their time."</p>
                                <FieldMessage error field="ticket_link_days"/>
                            </div>
                            <div class="form-actions">
                                <button type="submit" class="btn btn-primary">"Save"</button>
                            </div>
                        </ActionForm>
                    }
                })}
            </Suspense>
        </section>
    }
}
