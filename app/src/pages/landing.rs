//! `/`: what Docket is, for visitors; signed-in users go straight to their home page.

use crate::auth::Auth;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

#[component]
pub fn LandingPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    view! {
        <Title text=""/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match auth.user.await.ok().flatten() {
                    Some(user) => view! { <Redirect path=user.role.home_path()/> }.into_any(),
                    None => view! { <Landing/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Landing() -> impl IntoView {
    view! {
        <main class="page">
            <section class="hero">
                <h1>"Help that keeps up."</h1>
                <p class="lead">
                    "Docket is the helpdesk your customers reach by portal, email or API, and your team works in one live workspace."
                </p>
                <div class="row">
                    <a class="btn btn-primary" href="/signup">"Create an account"</a>
                    <a class="btn btn-secondary" href="/signin">"Sign in"</a>
                </div>
            </section>
            <ul class="features">
                <li>
                    <h3>"One place for every request"</h3>
                    <p>"Raise a request once and follow it to the answer, with every reply in one thread."</p>
                </li>
                <li>
                    <h3>"Built for teams"</h3>
                    <p>"Agents work in teams with clear ownership, and admins keep the keys to settings."</p>
                </li>
                <li>
                    <h3>"Yours to run"</h3>
                    <p>"One binary with an embedded database on a laptop, PostgreSQL when you grow."</p>
                </li>
            </ul>
        </main>
    }
}
