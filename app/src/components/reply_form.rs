//! The reply / note form of a ticket page. It is built once per page load and kept while live
//! changes redraw the rest of the page; when someone else adds to the conversation while the
//! user has a draft, it says so before they send.

use crate::{
    api::tickets::{AddMessageWithFiles, add_message_with_files},
    auth::Auth,
    components::{
        attachments_field::AttachmentsField,
        form_feedback::{FieldMessage, FormBanner, invalid},
        macro_picker::{MacroPicker, MacroPreviewForm, insert_text},
        multipart_form::Submission,
        presence_line::TypingReporter,
    },
    live::use_live,
};
use domain::{live::wire::LiveKind, macros::types::MacroChoice};
use leptos::{html::Textarea, prelude::*};
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn ReplyForm(
    ticket_id: i64,
    staff: bool,
    action: Submission<()>,
    /// Tells the other agents on the ticket that this one is typing.
    #[prop(optional_no_strip)]
    typing: Option<TypingReporter>,
    /// The macros the agent may use here, their texts filled in for this ticket.
    #[prop(optional)]
    macros: Vec<MacroChoice>,
) -> impl IntoView {
    // After a successful send the form is reset; after an error the text stays for another try.
    let error = action.error();
    let draft = NodeRef::<Textarea>::new();
    let overtaken = overtaken_while_typing(ticket_id, draft);
    // A macro chosen without JavaScript (`?macro=`) is in the message when the page arrives.
    let query = use_query_map();
    let by_id = {
        let macros = macros.clone();
        move |id: Option<i64>| id.and_then(|id| macros.iter().find(|m| m.id == id).cloned())
    };
    let wanted = move || query.read().get("macro").and_then(|m| m.parse::<i64>().ok());
    let chosen = RwSignal::new(by_id(wanted()));
    let initial = chosen.get_untracked().map(|m| m.text).unwrap_or_default();
    // The same after the router changes the address in the browser.
    Effect::new(move |previous: Option<Option<i64>>| {
        let now = wanted();
        if previous.is_some_and(|p| p != now)
            && let Some(m) = by_id(now)
        {
            if let Some(area) = draft.get_untracked() {
                area.set_value("");
            }
            insert_text(draft, &m.text);
            chosen.set(Some(m));
        }
        now
    });
    // A sent message takes its macro with it.
    Effect::new(move |sent: Option<usize>| {
        let now = action.version.get();
        if sent.is_some_and(|s| s != now) {
            chosen.set(None);
        }
        now
    });
    let current = chosen.get_untracked().map(|m| m.id);
    // Type-erased: the form's view type is deep enough as it is.
    let preview_form = staff.then(|| view! { <MacroPreviewForm macros=macros.clone() current/> }.into_any());
    let picker = staff.then(|| view! { <MacroPicker macros=macros.clone() draft chosen/> }.into_any());
    // "/" in an empty message goes to the macro search.
    let slash = move |ev: leptos::ev::KeyboardEvent| {
        let empty = draft.get_untracked().is_some_and(|t| t.value().is_empty());
        if ev.key() == "/"
            && empty
            && let Some(search) = document().get_element_by_id("macro-search")
        {
            ev.prevent_default();
            if let Ok(search) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(search) {
                let _ = search.focus();
            }
        }
    };
    view! {
        <section class="card">
            <h2>{if staff { "Respond" } else { "Reply" }}</h2>
            {preview_form}
            <FormBanner error/>
            <form method="post" action=AddMessageWithFiles::PATH enctype="multipart/form-data" class="form" novalidate
                on:submit=move |ev| action.submit(ev, add_message_with_files)>
                <input type="hidden" name="ticket_id" value=ticket_id.to_string()/>
                {staff.then(|| view! {
                    <fieldset class="row">
                        <legend class="sr-only">"Who sees this"</legend>
                        <label><input type="radio" name="visibility" value="public" checked/>" Reply to customer"</label>
                        <label><input type="radio" name="visibility" value="internal"/>" Internal note"</label>
                    </fieldset>
                })}
                <div class="field">
                    <label for="reply-body">"Message"</label>
                    <textarea id="reply-body" name="body" rows="6" required data-shortcut-target="reply" node_ref=draft
                        on:keydown=slash
                        on:input=move |_| if let Some(typing) = typing { typing.typed() }>{initial}</textarea>
                    <FieldMessage error field="body"/>
                </div>
                {picker}
                {staff.then(|| view! { <crate::components::article_inserter::ArticleInserter draft/> })}
                {move || overtaken.get().then(|| view! {
                    <div class="notice notice-warning" role="alert">
                        "Someone added to this conversation while you were typing. Read it above before you send."
                    </div>
                })}
                <AttachmentsField error/>
                {staff.then(|| view! {
                    <div class="field field-narrow">
                        <label for="reply-time">"Time spent (optional)"</label>
                        <input id="reply-time" name="time_spent" placeholder="15m, 1h 30m" aria-invalid=invalid(error, "duration")/>
                        <FieldMessage error field="duration"/>
                    </div>
                })}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || action.pending.get()>"Send"</button>
                </div>
            </form>
        </section>
    }
}

/// True once another user's reply or note reached this ticket while the draft held text.
fn overtaken_while_typing(ticket_id: i64, draft: NodeRef<Textarea>) -> ReadSignal<bool> {
    let (overtaken, set_overtaken) = signal(false);
    let live = use_live();
    let me = expect_context::<Auth>().user;
    let arrived_before = live.arrivals.get_untracked();
    Effect::new(move |_| {
        let arrivals = live.arrivals.get();
        let Some(event) = live.latest.get_untracked() else { return };
        let me = me.get_untracked().and_then(|u| u.ok().flatten()).map(|u| u.id);
        let conversation = matches!(event.kind, LiveKind::Message | LiveKind::Note);
        let typing = draft.get_untracked().is_some_and(|t| !t.value().trim().is_empty());
        if arrivals > arrived_before && event.id == ticket_id && conversation && event.actor != me && typing {
            set_overtaken.set(true);
        }
    });
    overtaken
}
