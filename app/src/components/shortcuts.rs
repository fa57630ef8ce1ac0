//! Keyboard shortcuts of the agent workspace, with a help dialog (`?`). They act on marked
//! elements of the page (`tr.ticket-row`, `[data-shortcut-target]`, `[data-shortcut]`), so pages
//! stay plain HTML and work without JavaScript; the shortcuts are an extra.

use leptos::prelude::*;

/// (keys, what they do), as the help dialog lists them.
pub const SHORTCUTS: [(&str, &str); 8] = [
    ("j / k", "Next / previous ticket in a list"),
    ("o or Enter", "Open the highlighted ticket"),
    ("x", "Select the highlighted ticket for a bulk change"),
    ("/", "Search"),
    ("r", "Reply to the customer"),
    ("n", "Write an internal note"),
    ("a", "Assign the ticket to me"),
    ("?", "Show or hide this help"),
];

#[component]
pub fn Shortcuts() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::keydown, keys::on_key);
        on_cleanup(move || handle.remove());
    }
    view! {
        <dialog id="shortcut-help" class="card" aria-labelledby="shortcut-help-title">
            <h2 id="shortcut-help-title">"Keyboard shortcuts"</h2>
            <dl class="shortcut-list">
                {SHORTCUTS.iter().map(|(k, what)| view! { <dt><kbd>{*k}</kbd></dt><dd>{*what}</dd> }).collect_view()}
            </dl>
            <form method="dialog"><button class="btn btn-secondary btn-small">"Close"</button></form>
        </dialog>
    }
}

#[cfg(feature = "hydrate")]
mod keys {
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement, KeyboardEvent};

    fn document() -> Option<web_sys::Document> {
        web_sys::window()?.document()
    }

    fn find(selector: &str) -> Option<HtmlElement> {
        document()?.query_selector(selector).ok()??.dyn_into::<HtmlElement>().ok()
    }

    fn rows() -> Vec<Element> {
        let Some(list) = document().and_then(|d| d.query_selector_all("tr.ticket-row").ok()) else { return vec![] };
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
    }

    fn typing(ev: &KeyboardEvent) -> bool {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return false };
        matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || target.has_attribute("contenteditable")
    }

    fn move_focus(step: i32) {
        let rows = rows();
        if rows.is_empty() {
            return;
        }
        let current = rows.iter().position(|r| r.class_list().contains("is-focused"));
        let next = match current {
            None => 0,
            Some(i) => (i as i32 + step).clamp(0, rows.len() as i32 - 1) as usize,
        };
        for (i, row) in rows.iter().enumerate() {
            let _ =
                if i == next { row.class_list().add_1("is-focused") } else { row.class_list().remove_1("is-focused") };
        }
        rows[next].scroll_into_view_with_bool(false);
    }

    fn focused_row_part(selector: &str) -> Option<HtmlElement> {
        rows()
            .into_iter()
            .find(|r| r.class_list().contains("is-focused"))?
            .query_selector(selector)
            .ok()??
            .dyn_into()
            .ok()
    }

    fn write(visibility: &str) -> bool {
        let Some(body) = find("[data-shortcut-target=reply]") else { return false };
        if let Some(radio) = find(&format!("input[name=visibility][value={visibility}]")) {
            radio.click();
        }
        body.focus().is_ok()
    }

    pub fn on_key(ev: KeyboardEvent) {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing(&ev) {
            return;
        }
        let handled = match ev.key().as_str() {
            "j" => {
                move_focus(1);
                true
            }
            "k" => {
                move_focus(-1);
                true
            }
            "o" | "Enter" => focused_row_part("a").map(|a| a.click()).is_some(),
            "x" => focused_row_part("input[type=checkbox]").map(|c| c.click()).is_some(),
            "/" => find("[data-shortcut-target=search]").is_some_and(|s| s.focus().is_ok()),
            "r" => write("public"),
            "n" => write("internal"),
            "a" => find("[data-shortcut=assign]").map(|b| b.click()).is_some(),
            "?" => {
                if let Some(dialog) =
                    find("#shortcut-help").and_then(|d| d.dyn_into::<web_sys::HtmlDialogElement>().ok())
                {
                    if dialog.open() {
                        dialog.close()
                    } else {
                        let _ = dialog.show_modal();
                    }
                }
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    }
}
