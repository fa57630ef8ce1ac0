//! The bell in the top bar: a link to the notifications with the unread count, refetched on
//! every navigation, on live changes and notifications, and whenever the notifications page
//! marks some read.

use crate::{api::notifications::notification_badge, live::use_live};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

/// Bumped by the notifications page after it marks notifications read.
#[derive(Clone, Copy)]
pub struct NotificationsChanged(pub RwSignal<usize>);

/// Makes the bell and the notifications page share `NotificationsChanged`.
pub fn provide_notifications_changed() {
    provide_context(NotificationsChanged(RwSignal::new(0)));
}

#[component]
fn BellIcon() -> impl IntoView {
    view! {
        <svg class="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
            <path
                fill="currentColor"
                d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
            />
        </svg>
    }
}

/// The unread count, for anyone: nothing for visitors and customers. The top bar makes it once,
/// outside its Suspense, so that re-rendering the signed-in part does not fetch it again.
pub fn unread_count() -> Resource<Option<u64>> {
    let location = use_location();
    let changed = use_context::<NotificationsChanged>();
    let live = use_live();
    Resource::new(
        move || (location.pathname.get(), changed.map(|c| c.0.get()), live.any(), live.notified()),
        |_| async move { notification_badge().await.ok().flatten() },
    )
}

/// The bell itself, drawn inside the top bar's own Suspense. It holds no Suspense of its own: a
/// boundary made inside another boundary's async body takes its hydration id in whatever order
/// the bodies resolve, which differs between server and browser and breaks hydration.
#[component]
pub fn NotificationBell(unread: u64) -> impl IntoView {
    view! {
        <A href="/notifications">
            <BellIcon/>
            <span class="sr-only">"Notifications"</span>
            {(unread > 0).then(|| view! {
                <span class="bell-count">{unread}<span class="sr-only">" unread"</span></span>
            })}
        </A>
    }
}
