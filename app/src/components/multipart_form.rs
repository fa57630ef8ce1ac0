//! Forms that carry files: a plain multipart `<form>` posting to a server function, so it works
//! with JavaScript off (errors come back in the address), and, once hydrated, the same form sent
//! with `fetch` so the page stays put.

use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use server_fn::{codec::MultipartData, error::ServerFnUrlError};
use std::future::Future;

/// The state of one multipart form: its last result, whether it is sending, and how many
/// times it succeeded (resources key on that to refetch).
pub struct Submission<O: Send + Sync + 'static> {
    pub result: RwSignal<Option<Result<O, AppError>>>,
    pub pending: RwSignal<bool>,
    pub version: RwSignal<usize>,
    url_error: Signal<Option<AppError>>,
}

impl<O: Send + Sync + 'static> Clone for Submission<O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<O: Send + Sync + 'static> Copy for Submission<O> {}

impl<O: Clone + Send + Sync + 'static> Submission<O> {
    /// `path` is the server function's URL: a JavaScript-off post that failed comes back with
    /// its error in the address, tagged with that path.
    pub fn new(path: &'static str) -> Self {
        let query = use_query_map();
        let url_error = Signal::derive(move || {
            let query = query.read();
            (query.get("__path").as_deref() == Some(path))
                .then(|| query.get("__err"))
                .flatten()
                .map(|err| ServerFnUrlError::<AppError>::decode_err(&err))
        });
        Submission { result: RwSignal::new(None), pending: RwSignal::new(false), version: RwSignal::new(0), url_error }
    }

    /// The error to show: the last send's, or the one a JavaScript-off post came back with.
    pub fn error(self) -> Signal<Option<AppError>> {
        Signal::derive(move || match self.result.get() {
            Some(Err(err)) => Some(err),
            Some(Ok(_)) => None,
            None => self.url_error.get(),
        })
    }

    /// Sends the submitted form with `fetch` instead of a page load.
    pub fn submit<F, Fut>(self, ev: web_sys::SubmitEvent, call: F)
    where
        F: FnOnce(MultipartData) -> Fut + 'static,
        Fut: Future<Output = Result<O, AppError>> + 'static,
    {
        use wasm_bindgen::JsCast;
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else { return };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else { return };
        ev.prevent_default();
        if self.pending.get_untracked() {
            return;
        }
        self.pending.set(true);
        leptos::task::spawn_local(async move {
            let result = call(data.into()).await;
            if result.is_ok() {
                form.reset();
                self.version.update(|v| *v += 1);
            }
            self.result.set(Some(result));
            self.pending.set(false);
        });
    }
}
