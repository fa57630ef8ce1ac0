//! The browser entry point: hydrates the server-rendered page, then marks the body so that
//! tests (and curious humans) can tell the page is interactive.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    if let Some(body) = leptos::prelude::document().body() {
        // Ignoring the result: the attribute is informational and cannot fail on a live body.
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
