//! The agent's choices on mail held from an outside sender: someone not on the ticket who wrote
//! into its thread. Make it public (it then reads as the sender's message) or turn it into a
//! ticket of its own; until then only agents see it. The actions belong to the ticket page (the
//! timeline they sit in is redrawn by live changes), which refetches after them.

use crate::{
    api::outside_mail::{MakeOutsideMailPublic, SplitOutsideMail},
    components::form_feedback::{FormBanner, action_error},
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[derive(Clone, Copy)]
pub struct HeldMailActions {
    pub publish: ServerAction<MakeOutsideMailPublic>,
    pub split: ServerAction<SplitOutsideMail>,
}

impl HeldMailActions {
    /// The actions, and a jump to the new ticket once one is made.
    pub fn create() -> Self {
        let actions = HeldMailActions { publish: ServerAction::new(), split: ServerAction::new() };
        let navigate = use_navigate();
        Effect::new(move |_| {
            if let Some(Ok(id)) = actions.split.value().get() {
                navigate(&format!("/agent/tickets/{id}"), Default::default());
            }
        });
        actions
    }

    pub fn version(&self) -> usize {
        self.publish.version().get() + self.split.version().get()
    }
}

#[component]
pub fn HeldMail(ticket_id: i64, message_id: i64, sender: String, actions: HeldMailActions) -> impl IntoView {
    let HeldMailActions { publish, split } = actions;
    let ids = move || {
        view! {
            <input type="hidden" name="ticket_id" value=ticket_id.to_string()/>
            <input type="hidden" name="message_id" value=message_id.to_string()/>
        }
    };
    view! {
        <div class="held-mail" role="group" aria-label=format!("Held mail from {sender}")>
            <p class="small">
                <strong>"From an outside sender: "</strong>{sender.clone()}
                " is not on this ticket, so this mail is held as an internal note."
            </p>
            <FormBanner error=action_error(publish)/>
            <FormBanner error=action_error(split)/>
            <div class="row">
                <ActionForm action=publish attr:class="inline">
                    {ids()}
                    <button type="submit" class="btn btn-secondary btn-small" disabled=move || publish.pending().get()>
                        "Make public"
                    </button>
                </ActionForm>
                <ActionForm action=split attr:class="inline">
                    {ids()}
                    <button type="submit" class="btn btn-secondary btn-small" disabled=move || split.pending().get()>
                        "Turn into a new ticket"
                    </button>
                </ActionForm>
            </div>
        </div>
    }
}
