//! The top bar: brand, navigation for the user's role, the live stream's state, and sign-out.

use crate::{
    auth::Auth,
    components::availability_picker::AvailabilityPicker,
    components::notification_bell::{NotificationBell, unread_count},
    live::{LiveStatus, use_live},
};
use domain::Role;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn TopBar() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let unread = unread_count();
    let live = use_live();
    view! {
        <header class="topbar" data-live=move || live.status.get().as_str()>
            <a class="brand" href="/">"Docket"</a>
            {move || (live.status.get() == LiveStatus::Reconnecting).then(|| view! {
                <span class="live-status" role="status">"Reconnecting…"</span>
            })}
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let user = auth.user.await.ok().flatten();
                    let unread = unread.await.unwrap_or(0);
                    user.map(|user| {
                        let role = user.role;
                        if user.link_ticket_id.is_some() {
                            // A magic link's visitor: one ticket, no navigation beyond it.
                            return view! {
                                <div class="nav-user">
                                    <span class="nav-user-name">{user.name.clone()}</span>
                                    <a class="btn btn-link" href="/signin?next=/portal">"Sign in"</a>
                                </div>
                            }
                            .into_any();
                        }
                        view! {
                            <nav class="nav" aria-label="Main">
                                {(role == Role::Customer).then(|| view! { <A href="/portal">"My requests"</A> <A href="/help">"Help center"</A> })}
                                {role.is_staff().then(|| view! { <A href="/agent">"Workspace"</A> <A href="/agent/board">"Board"</A> <A href="/agent/calendar">"Calendar"</A> <A href="/agent/kb">"Knowledge base"</A> <A href="/agent/macros">"Macros"</A> })}
                                {role.is_staff().then(|| view! { <NotificationBell unread/> })}
                                {user.sees_reports.then(|| view! { <A href="/reports">"Reports"</A> })}
                                {(role == Role::Admin).then(|| view! { <A href="/admin">"Admin"</A> })}
                                {(role == Role::Manager).then(|| view! { <A href="/admin/teams">"My teams"</A> })}
                                <A href="/account">"Account"</A>
                            </nav>
                            <div class="nav-user">
                                {role.is_staff().then(|| view! { <AvailabilityPicker current=user.availability/> })}
                                <span class="nav-user-name">{user.name.clone()}</span>
                                <span class=format!("badge badge-{}", role.as_str())>{role.label()}</span>
                                <ActionForm action=auth.sign_out attr:class="inline">
                                    <button type="submit" class="btn btn-link">"Sign out"</button>
                                </ActionForm>
                            </div>
                        }
                        .into_any()
                    })
                })}
            </Transition>
        </header>
    }
}
