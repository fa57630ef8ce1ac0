//! The agent's status in the top bar: available, away or off shift. Routing hands new tickets
//! only to agents who are available (and online); becoming available takes what waits.

use crate::api::routing::SetMyAvailability;
use domain::routing::types::Availability;
use leptos::prelude::*;

#[component]
pub fn AvailabilityPicker(current: Availability) -> impl IntoView {
    let action = ServerAction::<SetMyAvailability>::new();
    let failed = move || matches!(action.value().get(), Some(Err(_)));
    let options = Availability::ALL
        .map(|a| view! { <option value=a.as_str() selected=a == current>{a.label()}</option> })
        .collect_view();
    view! {
        <ActionForm action attr:class="availability">
            <label for="my-availability">"My status"</label>
            <select id="my-availability" name="availability">{options}</select>
            <button type="submit" class="btn btn-link btn-small">"Set my status"</button>
            {move || failed().then(|| view! { <span class="field-error" role="alert">"Could not set your status"</span> })}
        </ActionForm>
    }
}
