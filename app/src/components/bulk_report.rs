//! What the last bulk change did: how many tickets changed, and why the others did not.

use crate::api::search::BulkUpdateTickets;
use leptos::prelude::*;

#[component]
pub fn BulkReport(bulk: ServerAction<BulkUpdateTickets>) -> impl IntoView {
    move || {
        bulk.value().get().and_then(Result::ok).map(|r| {
            let failed = r.failed.clone();
            let class = if failed.is_empty() { "notice" } else { "notice notice-warning" };
            view! {
                <div class=class role="status">
                    {format!("Changed {} ticket{}.", r.changed, if r.changed == 1 { "" } else { "s" })}
                    {(!failed.is_empty()).then(|| view! {
                        <ul class="small">{failed.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
                    })}
                </div>
            }
        })
    }
}
