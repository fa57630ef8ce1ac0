//! The notice on a merged request: where its conversation went.

use domain::link_types::LinkedTicket;
use leptos::prelude::*;

#[component]
pub fn MergedBanner(target: LinkedTicket, staff: bool) -> impl IntoView {
    let area = if staff { "agent" } else { "portal" };
    view! {
        <div class="notice" role="status">
            "This request was merged into "
            <a href=format!("/{area}/tickets/{}", target.id)>{target.reference}</a>
            " (" {target.subject} "). The conversation continues there."
        </div>
    }
}
