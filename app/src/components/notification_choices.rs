//! The account page's "Notifications" card: for each kind of agent notification, whether it
//! appears under the bell, arrives by email, both, or neither. Shown to agents and admins only.

use crate::{
    api::notifications::SaveNotificationPreferences,
    components::form_feedback::{FieldMessage, FormBanner, action_error, action_succeeded},
    error::AppError,
};
use domain::notifications::types::{Channels, Preference};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `choices` is `None` for callers without notifications (customers): nothing is shown.
#[component]
pub fn NotificationChoices(
    action: ServerAction<SaveNotificationPreferences>,
    choices: Resource<Option<Result<Vec<Preference>, AppError>>>,
) -> impl IntoView {
    let error = action_error(action);
    let succeeded = action_succeeded(action);
    // Without JavaScript the form reloads the page; the server marks success in the address.
    let query = use_query_map();
    let saved = move || succeeded.get() || query.read().get("notifications").is_some();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let choices = choices.await?;
                Some(view! {
                    <section class="card" aria-labelledby="notifications-title">
                        <h2 id="notifications-title">"Notifications"</h2>
                        <p class="muted">
                            "For each kind, choose whether it appears under the bell, arrives by email, both, or neither. "
                            "Every mail links straight to the ticket, and replying to it answers the customer."
                        </p>
                        <FormBanner error/>
                        <Show when=saved>
                            <div class="notice notice-success" role="status">"Notification choices saved."</div>
                        </Show>
                        {match choices {
                            Ok(list) => view! { <ChoicesForm action list error/> }.into_any(),
                            Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        }}
                    </section>
                })
            })}
        </Suspense>
    }
}

#[component]
fn ChoicesForm(
    action: ServerAction<SaveNotificationPreferences>,
    list: Vec<Preference>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <ActionForm action attr:class="form">
            {list
                .into_iter()
                .map(|choice| {
                    let name = choice.kind.as_str();
                    let id = format!("notify-{name}");
                    view! {
                        <div class="field">
                            <label for=id.clone()>{choice.kind.label()}</label>
                            <select id=id name=name>
                                {Channels::ALL
                                    .into_iter()
                                    .map(|c| view! { <option value=c.as_str() selected=c == choice.channels>{c.label()}</option> })
                                    .collect_view()}
                            </select>
                            <FieldMessage error field=name/>
                        </div>
                    }
                })
                .collect_view()}
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>
                    "Save notification choices"
                </button>
            </div>
        </ActionForm>
    }
}
