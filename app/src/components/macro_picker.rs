//! Macros in the agent's reply box. With JavaScript: "/" in an empty message (or the search
//! field) finds a macro by name or text as you type; choosing one puts its text, filled in for
//! this ticket, into the message to read and edit before sending, and its actions (status, tags,
//! assignee) happen on send. Without JavaScript: a "Use a macro" form above the reply reloads
//! the page with the macro's text in the message (`?macro=`).

use domain::macros::types::MacroChoice;
use leptos::{html::Textarea, prelude::*};

/// At most this many matches are listed.
const SHOWN: usize = 8;

/// Puts a macro's text into the draft: the whole draft when it is empty, else at the cursor.
pub fn insert_text(draft: NodeRef<Textarea>, text: &str) {
    let Some(area) = draft.get_untracked() else { return };
    let current = area.value();
    if current.trim().is_empty() {
        area.set_value(text);
    } else {
        let units: Vec<u16> = current.encode_utf16().collect();
        let at = area.selection_start().ok().flatten().map_or(units.len(), |i| (i as usize).min(units.len()));
        let (before, after) = (String::from_utf16_lossy(&units[..at]), String::from_utf16_lossy(&units[at..]));
        area.set_value(&format!("{before}{text}{after}"));
    }
    let _ = area.focus();
}

/// Whether a macro matches what was typed (name or text, any case).
fn matches(m: &MacroChoice, typed: &str) -> bool {
    let typed = typed.trim().to_lowercase();
    typed.is_empty() || m.name.to_lowercase().contains(&typed) || m.text.to_lowercase().contains(&typed)
}

/// The search inside the reply form, and what the chosen macro will also do.
#[component]
pub fn MacroPicker(
    macros: Vec<MacroChoice>,
    draft: NodeRef<Textarea>,
    chosen: RwSignal<Option<MacroChoice>>,
) -> impl IntoView {
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let typed = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let macros = StoredValue::new(macros);
    let found = move || {
        let typed = typed.get();
        macros.with_value(|all| all.iter().filter(|m| matches(m, &typed)).take(SHOWN).cloned().collect::<Vec<_>>())
    };
    let choose = move |m: MacroChoice| {
        insert_text(draft, &m.text);
        chosen.set(Some(m));
        open.set(false);
        typed.set(String::new());
    };
    let chosen_note = move || {
        chosen.get().map(|m| {
            let also = if m.actions.is_empty() { String::new() } else { format!(" On send it also does: {}.", m.actions) };
            view! {
                <div class="notice" role="status">
                    {format!("Macro \u{201c}{}\u{201d} is in the message.{also}", m.name)}" "
                    <button type="button" class="btn btn-link btn-small" on:click=move |_| chosen.set(None)>"Keep the text only"</button>
                </div>
            }
        })
    };
    view! {
        <input type="hidden" name="macro_id" value=move || chosen.get().map(|m| m.id.to_string()).unwrap_or_default()/>
        {chosen_note}
        {move || (live.get() && macros.with_value(|m| !m.is_empty())).then(|| view! {
            <div class="field macro-picker">
                <label for="macro-search">"Insert a macro"</label>
                <input id="macro-search" type="search" autocomplete="off" placeholder="Type / in an empty message, or search here"
                    aria-describedby="macro-search-hint"
                    prop:value=move || typed.get()
                    on:focus=move |_| open.set(true)
                    on:input=move |ev| { typed.set(event_target_value(&ev)); open.set(true); }
                    on:keydown=move |ev| match ev.key().as_str() {
                        // Enter picks the first match instead of sending the reply.
                        "Enter" => {
                            ev.prevent_default();
                            if let Some(first) = found().into_iter().next() {
                                choose(first);
                            }
                        }
                        "Escape" => {
                            open.set(false);
                            if let Some(area) = draft.get_untracked() {
                                let _ = area.focus();
                            }
                        }
                        _ => {}
                    }/>
                <p class="hint" id="macro-search-hint">"Enter uses the first match; Escape goes back to the message."</p>
                {move || open.get().then(|| view! {
                    <ul class="plain-list" aria-label="Macros">
                        {found().into_iter().map(|m| {
                            let label = format!("Use {}", m.name);
                            let preview: String = m.text.chars().take(120).collect();
                            let shared = if m.shared { "Shared" } else { "Yours" };
                            let pick = m.clone();
                            view! {
                                <li>
                                    <button type="button" class="btn btn-link btn-small" on:click=move |_| choose(pick.clone())>{label}</button>
                                    <span class="muted small">{format!("{shared}: {preview}")}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            </div>
        })}
    }
}

/// Without JavaScript: choose a macro and reload with its text in the message.
#[component]
pub fn MacroPreviewForm(macros: Vec<MacroChoice>, current: Option<i64>) -> impl IntoView {
    (!macros.is_empty()).then(|| {
        let options = macros
            .into_iter()
            .map(|m| view! { <option value=m.id.to_string() selected=current == Some(m.id)>{m.name}</option> })
            .collect_view();
        view! {
            <form method="get" class="row macro-preview">
                <div class="field">
                    <label for="macro-choice">"Use a macro"</label>
                    <select id="macro-choice" name="macro">{options}</select>
                </div>
                <button type="submit" class="btn btn-secondary btn-small">"Preview macro"</button>
            </form>
        }
    })
}
