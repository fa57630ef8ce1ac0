//! Access gates for pages: sign-in redirect for visitors, a 403 page for the wrong role.

use crate::auth::Auth;
use domain::Role;
use leptos::prelude::*;
use leptos_router::{components::Redirect, hooks::use_location, location::Url};

/// Renders `children` only for a signed-in user whose role passes `allow`. A session opened by a
/// ticket's magic link passes only where `link_ok` (the customer's ticket page); elsewhere it is
/// asked to sign in.
///
/// The gate is one `Suspend`, not a closure returning one: Suspense walks a closure child
/// several times while rendering on the server (each walk calls it again), which would build
/// `children` and create their resources several times per request. The client would then
/// hydrate against the data of one build and the HTML of another, a panic whenever the data
/// changed in between. A single `Suspend` runs `children` once.
#[component]
pub fn RequireRole(allow: fn(Role) -> bool, #[prop(optional)] link_ok: bool, children: ChildrenFn) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let location = use_location();
    view! {
        <Suspense fallback=|| view! { <main class="page"><p class="muted">"Loading…"</p></main> }>
            {Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(user)) if allow(user.role) && (link_ok || user.link_ticket_id.is_none()) => {
                        children().into_any()
                    }
                    Ok(Some(user)) if user.link_ticket_id.is_none() => view! { <AccessDenied/> }.into_any(),
                    Ok(_) => {
                        let here = location.pathname.get_untracked();
                        let next = Url::escape(&here);
                        view! { <Redirect path=format!("/signin?next={next}")/> }.into_any()
                    }
                    Err(err) => view! {
                        <main class="page"><div class="form-error" role="alert">{err.message}</div></main>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// The 403 page.
#[component]
pub fn AccessDenied() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(http::StatusCode::FORBIDDEN);
    }
    view! {
        <leptos_meta::Title text="Access denied"/>
        <main class="page error-page">
            <p class="error-code">"403"</p>
            <h1>"Access denied"</h1>
            <p>"Your account does not have access to this page."</p>
            <a class="btn btn-primary" href="/">"Go to your home page"</a>
        </main>
    }
}
