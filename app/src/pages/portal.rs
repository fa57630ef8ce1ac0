//! `/portal`: the customer's home, listing their requests.

use crate::components::require_role::RequireRole;
use domain::Role;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PortalPage() -> impl IntoView {
    view! {
        <Title text="My requests"/>
        <RequireRole allow=|role| role == Role::Customer>
            <main class="page">
                <div class="page-header">
                    <h1>"My requests"</h1>
                    <p class="muted">"Every request you raise, and where it stands."</p>
                </div>
                <div class="empty-state">
                    <p>"You have no requests yet."</p>
                </div>
            </main>
        </RequireRole>
    }
}
