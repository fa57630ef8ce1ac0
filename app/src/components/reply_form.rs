//! The reply / note form of a ticket page. It is built once per page load and kept while live
//! changes redraw the rest of the page; when someone else adds to the conversation while the
//! user has a draft, it says so before they send.

use crate::{
    api::tickets::{AddMessageWithFiles, add_message_with_files},
    auth::Auth,
    components::{
        attachments_field::AttachmentsField,
        form_feedback::{FieldMessage, FormBanner},
        multipart_form::Submission,
        presence_line::TypingReporter,
    },
    live::use_live,
};
use domain::live::wire::LiveKind;
use leptos::{html::Textarea, prelude::*};
use server_fn::ServerFn;

#[component]
pub fn ReplyForm(
    ticket_id: i64,
    staff: bool,
    action: Submission<()>,
    /// Tells the other agents on the ticket that this one is typing.
    #[prop(optional_no_strip)]
    typing: Option<TypingReporter>,
) -> impl IntoView {
    // After a successful send the form is reset; after an error the text stays for another try.
    let error = action.error();
    let draft = NodeRef::<Textarea>::new();
    let overtaken = overtaken_while_typing(ticket_id, draft);
    view! {
        <section class="card">
            <h2>{if staff { "Respond" } else { "Reply" }}</h2>
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
                        on:input=move |_| if let Some(typing) = typing { typing.typed() }></textarea>
                    <FieldMessage error field="body"/>
                </div>
                {staff.then(|| view! { <crate::components::article_inserter::ArticleInserter draft/> })}
                {move || overtaken.get().then(|| view! {
                    <div class="notice notice-warning" role="alert">
                        "Someone added to this conversation while you were typing. Read it above before you send."
                    </div>
                })}
                <AttachmentsField error/>
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
