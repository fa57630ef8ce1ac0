//! `/help`: the help center. Server-rendered and served without the WebAssembly bundle (the
//! shell leaves out the hydration scripts under `/help`), so its pages load fast, work without
//! JavaScript and without an account, and search engines read them whole.

pub mod article;
pub mod category;
pub mod home;
pub mod search;

use crate::error::AppError;
use domain::ErrorCode;
use leptos::prelude::*;

/// A page's data, loaded where the page renders and never sent along with it: the help center
/// does not hydrate, so a `Resource` would only add a second, serialised copy of every page's
/// data to its HTML (two thirds of a long category page). Re-runs when the signals it reads
/// change (after a client-side navigation from a hydrated page).
pub fn unserialized<T, Fut>(load: impl Fn() -> Fut + Send + Sync + 'static) -> AsyncDerived<T>
where
    T: Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    AsyncDerived::new(load)
}

/// The help center's search box: a plain GET form to `/help/search`.
#[component]
pub fn HelpSearchForm(#[prop(into)] query: String, #[prop(optional)] error: Option<String>) -> impl IntoView {
    let invalid = error.is_some().then_some("true");
    view! {
        <form class="help-search" method="get" action="/help/search" role="search">
            <label for="help-q">"Search the help center"</label>
            <div class="help-search-row">
                <input
                    id="help-q"
                    name="q"
                    type="search"
                    value=query
                    maxlength="500"
                    placeholder="For example: reset password"
                    aria-invalid=invalid
                    aria-describedby=error.as_ref().map(|_| "help-q-error")
                />
                <button class="btn btn-primary" type="submit">"Search"</button>
            </div>
            {error.map(|e| view! { <p class="field-error" id="help-q-error">{e}</p> })}
        </form>
    }
}

/// What a help page shows when its load failed: "not found" for what the reader may not see
/// (with the status 404), the error otherwise.
pub fn load_failed(err: AppError) -> AnyView {
    if err.code == ErrorCode::NotFound {
        #[cfg(feature = "ssr")]
        if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
            options.set_status(http::StatusCode::NOT_FOUND);
        }
        return view! {
            <div class="empty-state">
                <p>"There is no article here. It may have moved, or you may need to sign in to read it."</p>
                <a class="btn btn-primary" href="/help">"Go to the help center"</a>
            </div>
        }
        .into_any();
    }
    view! { <div class="form-error" role="alert">{err.message}</div> }.into_any()
}

/// Help center › category, for the top of a page.
#[component]
pub fn Breadcrumbs(#[prop(optional)] category: Option<(String, String)>) -> impl IntoView {
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <a href="/help">"Help center"</a>
            {category.map(|(slug, name)| view! {
                <span aria-hidden="true">" › "</span>
                <a href=format!("/help/{slug}")>{name}</a>
            })}
        </nav>
    }
}
