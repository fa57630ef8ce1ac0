//! `/agent/at-risk`: open tickets likely to breach a target before it falls due, most likely
//! first, each with the estimate and its reason, from the desk's own history.

use crate::{
    api::sla::at_risk_tickets,
    components::{
        format::{DueText, StatusBadge},
        require_role::RequireRole,
    },
};
use domain::{Role, sla::types::AtRiskView};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AtRiskPage() -> impl IntoView {
    view! {
        <Title text="At risk"/>
        <RequireRole allow=Role::is_staff>
            <AtRiskBody/>
        </RequireRole>
    }
}

#[component]
fn AtRiskBody() -> impl IntoView {
    let list = Resource::new(|| (), |_| at_risk_tickets());
    view! {
        <main class="page">
            <div class="page-header">
                <div>
                    <p><a href="/agent">"Workspace"</a></p>
                    <h1>"At risk"</h1>
                    <p class="muted">
                        "Open tickets likely to miss a target, judged by how long similar tickets (same category and priority) took here, "
                        "the assignee's open load and the business time left. Breached tickets are in the queues under \u{201c}Due soonest\u{201d}."
                    </p>
                </div>
            </div>
            <Transition fallback=|| view! { <p class="muted">"Weighing the open tickets…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(items) if items.is_empty() => view! {
                            <div class="empty-state">
                                <p>"Nothing looks likely to breach. Tickets show here once the desk has a history of solved tickets under an SLA policy."</p>
                            </div>
                        }
                        .into_any(),
                        Ok(items) => view! { <RiskTable items/> }.into_any(),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn RiskTable(items: Vec<AtRiskView>) -> impl IntoView {
    let rows = items
        .into_iter()
        .map(|item| {
            let t = item.ticket;
            view! {
                <tr>
                    <td class="small">{t.reference}</td>
                    <td><a href=format!("/agent/tickets/{}", t.id)>{t.subject}</a></td>
                    <td><StatusBadge status=t.status/></td>
                    <td>{item.metric.label()}</td>
                    <td><strong>{format!("{}\u{a0}%", item.prediction.percent)}</strong></td>
                    <td class="small">{item.prediction.reason()}</td>
                    <td>{t.assignee.map(|a| a.name).unwrap_or_else(|| "Unassigned".into())}</td>
                    <td class="small"><DueText due=t.due_at overdue=t.overdue/></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="sr-only">"Tickets at risk of breaching"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Ref"</th>
                        <th scope="col">"Subject"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Target"</th>
                        <th scope="col">"Chance of a breach"</th>
                        <th scope="col">"Why"</th>
                        <th scope="col">"Assignee"</th>
                        <th scope="col">"Due"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
