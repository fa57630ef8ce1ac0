//! The agent's card to merge a ticket into another one of the same customers.

use crate::components::{
    form_feedback::{FieldMessage, FormBanner, action_error, invalid},
    relation_actions::RelationActions,
};
use leptos::prelude::*;

#[component]
pub fn MergeCard(ticket_id: i64, reference: String, actions: RelationActions) -> impl IntoView {
    let error = action_error(actions.merge);
    view! {
        <section class="card">
            <h2>"Merge"</h2>
            <p class="hint">
                "Moves this conversation into another ticket of the same customer, and closes "
                {reference.clone()} "."
            </p>
            <ActionForm action=actions.merge attr:class="form" attr:novalidate=true>
                <input type="hidden" name="ticket_id" value=ticket_id.to_string()/>
                <div class="field">
                    <label for="merge-target">"Merge into"</label>
                    <input id="merge-target" name="target" placeholder="DKT-1042" required aria-invalid=invalid(error, "target")/>
                    <FieldMessage error field="target"/>
                </div>
                <div class="field">
                    <label>
                        <input type="checkbox" name="confirm" value="on"/>
                        {format!(" Close {reference} for good and move its messages")}
                    </label>
                    <FieldMessage error field="confirm"/>
                </div>
                <FormBanner error/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-danger btn-small">"Merge"</button>
                </div>
            </ActionForm>
        </section>
    }
}
