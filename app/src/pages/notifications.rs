//! `/notifications`: an agent's notifications, newest first, in pages; each links to its ticket
//! and can be marked read, or all at once.

use crate::{
    api::notifications::{MarkAllNotificationsRead, MarkNotificationRead, list_notifications},
    components::{
        form_feedback::{FormBanner, action_error},
        format::when,
        notification_bell::NotificationsChanged,
        require_role::RequireRole,
    },
};
use domain::{Role, notifications::types::NotificationView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    view! {
        <Title text="Notifications"/>
        <RequireRole allow=Role::is_staff>
            <NotificationsBody/>
        </RequireRole>
    }
}

#[component]
fn NotificationsBody() -> impl IntoView {
    let mark_one = ServerAction::<MarkNotificationRead>::new();
    let mark_all = ServerAction::<MarkAllNotificationsRead>::new();
    let query = use_query_map();
    let before = move || query.read().get("before");
    // New notifications appear as they are written (a live event follows each batch).
    let live = crate::live::use_live();
    let page = Resource::new(
        move || (before(), mark_one.version().get(), mark_all.version().get(), live.notified()),
        |(before, _, _, _)| list_notifications(before),
    );
    // The bell in the top bar counts again after marking.
    if let Some(changed) = use_context::<NotificationsChanged>() {
        Effect::new(move || {
            let bumps = mark_one.version().get() + mark_all.version().get();
            if bumps > 0 {
                changed.0.set(bumps);
            }
        });
    }
    let error = Signal::derive(move || action_error(mark_one).get().or_else(|| action_error(mark_all).get()));
    view! {
        <main class="page">
            <div class="page-header">
                <div>
                    <h1>"Notifications"</h1>
                    <p class="muted">"Tickets assigned to you, customers' replies on tickets you follow, and @mentions."</p>
                </div>
                <div class="actions">
                    <ActionForm action=mark_all attr:class="inline">
                        <button type="submit" class="btn btn-secondary">"Mark all as read"</button>
                    </ActionForm>
                </div>
            </div>
            <FormBanner error/>
            <Transition fallback=|| view! { <p class="muted">"Loading notifications…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(page) if page.items.is_empty() && before().is_none() => view! {
                            <div class="empty-state">
                                <p>"No notifications yet."</p>
                                <p class="small">
                                    "You will hear here when a ticket is assigned to you, when a customer replies on a ticket you follow, and when someone mentions you in a note."
                                </p>
                            </div>
                        }
                        .into_any(),
                        Ok(page) if page.items.is_empty() => view! {
                            <div class="empty-state">
                                <p>"No older notifications."</p>
                                <p><a href="/notifications">"Back to the newest"</a></p>
                            </div>
                        }
                        .into_any(),
                        Ok(page) => view! {
                            <ul class="plain notification-list" aria-label="Notifications">
                                {page.items.into_iter().map(|n| view! { <NotificationItem notification=n mark=mark_one/> }).collect_view()}
                            </ul>
                            {page.next_cursor.map(|c| view! {
                                <p><a class="btn btn-secondary" href=format!("/notifications?before={c}")>"Older notifications"</a></p>
                            })}
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn NotificationItem(notification: NotificationView, mark: ServerAction<MarkNotificationRead>) -> impl IntoView {
    let sentence = notification.sentence();
    let class = if notification.read { "notification" } else { "notification notification-unread" };
    view! {
        <li class=class>
            <div>
                <a href=format!("/agent/tickets/{}", notification.ticket_id)>{sentence.clone()}</a>
                {(!notification.read).then(|| view! { <span class="badge badge-agent">"New"</span> })}
                <div class="muted small">{format!("{} · {}", notification.ticket_subject, when(notification.created_at))}</div>
            </div>
            {(!notification.read).then(|| view! {
                <ActionForm action=mark attr:class="inline">
                    <input type="hidden" name="notification_id" value=notification.id.to_string()/>
                    <button type="submit" class="btn btn-link btn-small" aria-label=format!("Mark read: {sentence}")>"Mark read"</button>
                </ActionForm>
            })}
        </li>
    }
}
