//! The account page's calendar feed card (staff): make a private ICS address for one's own
//! calendar application (shown once), make a new one (the old stops working), or stop it.

use crate::{
    api::calendar::{CreateCalendarFeed, RevokeCalendarFeed, calendar_feed_status},
    components::{
        form_feedback::{FormBanner, action_error},
        format::when,
    },
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CalendarFeedCard() -> impl IntoView {
    let create = ServerAction::<CreateCalendarFeed>::new();
    let revoke = ServerAction::<RevokeCalendarFeed>::new();
    let query = use_query_map();
    let created = move || query.read().get("feed").as_deref() == Some("created");
    let status = Resource::new(
        move || (create.version().get(), revoke.version().get(), created()),
        |(_, _, created)| calendar_feed_status(created),
    );
    let error = Signal::derive(move || action_error(create).get().or_else(|| action_error(revoke).get()));
    // With JavaScript the new address comes back on the action; without, on the reloaded page.
    let just_made = move || create.value().get().and_then(Result::ok).flatten();
    view! {
        <section class="card" id="calendar-feed" aria-labelledby="calendar-feed-title">
            <h2 id="calendar-feed-title">"Calendar feed"</h2>
            <p class="muted">
                "Subscribe to this private address in your calendar application to see the due dates and SLA deadlines of your open tickets. Anyone with the address can read it: make a new one if it leaks."
            </p>
            <FormBanner error/>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let info = match status.await {
                        Ok(info) => info,
                        Err(err) => return view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                    };
                    let made = just_made().or(info.created_url);
                    view! {
                        {made.map(|url| view! {
                            <div class="notice notice-success" role="status">
                                <p>"Your calendar feed address. Copy it now: it will not be shown again."</p>
                                <p><code class="token-secret">{url}</code></p>
                            </div>
                        })}
                        {match info.live {
                            Some(live) => view! {
                                <p>{format!("A feed address is live: made {}, it works until {}.", when(live.created_at), live.expires_at.format("%-d %B %Y"))}</p>
                                <div class="form-actions">
                                    <ActionForm action=create attr:class="inline">
                                        <button type="submit" class="btn btn-secondary">"Make a new address"</button>
                                    </ActionForm>
                                    <ActionForm action=revoke attr:class="inline">
                                        <button type="submit" class="btn btn-danger">"Stop the feed"</button>
                                    </ActionForm>
                                </div>
                            }
                            .into_any(),
                            None => view! {
                                <p class="muted">"You have no calendar feed."</p>
                                <ActionForm action=create attr:class="inline">
                                    <button type="submit" class="btn btn-primary">"Make a calendar feed"</button>
                                </ActionForm>
                            }
                            .into_any(),
                        }}
                    }
                    .into_any()
                })}
            </Transition>
        </section>
    }
}
