//! The admin overview's "Service levels" card: per policy and target, how many were met in time
//! and breached over the last 7, 30, 90 or 365 days (chosen with a plain form, so it works
//! without JavaScript), and the share met.

use crate::api::sla::{ATTAINMENT_DAYS, sla_attainment};
use domain::sla::types::AttainmentView;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SlaAttainment() -> impl IntoView {
    let query = use_query_map();
    let days = move || {
        query
            .read()
            .get("sla_days")
            .and_then(|d| d.parse::<u32>().ok())
            .filter(|d| ATTAINMENT_DAYS.contains(d))
            .unwrap_or(30)
    };
    let data = Resource::new(days, sla_attainment);
    view! {
        <section class="card" aria-labelledby="attainment-heading">
            <h2 id="attainment-heading">"Service levels"</h2>
            <form method="get" action="/admin" class="row">
                <label for="sla-days">"Period"</label>
                <select id="sla-days" name="sla_days">
                    {move || ATTAINMENT_DAYS.map(|d| view! {
                        <option value=d.to_string() selected=d == days()>{format!("Last {d} days")}</option>
                    })}
                </select>
                <button type="submit" class="btn btn-secondary btn-small">"Show"</button>
            </form>
            <Transition fallback=|| view! { <p class="muted">"Counting…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(view) => view! { <AttainmentTable view/> }.into_any(),
                    }
                })}
            </Transition>
            <p class="small"><a href="/admin/sla">"SLA policies"</a> " · " <a href="/agent/at-risk">"Tickets at risk"</a></p>
        </section>
    }
}

#[component]
fn AttainmentTable(view: AttainmentView) -> impl IntoView {
    if view.rows.is_empty() {
        return view! { <p class="muted">"No targets were met or breached in this period."</p> }.into_any();
    }
    let rows = view
        .rows
        .into_iter()
        .map(|r| {
            let share = r.percent.map_or_else(|| "—".to_owned(), |p| format!("{p}\u{a0}%"));
            view! {
                <tr>
                    <td>{r.policy}</td>
                    <td>{r.metric.label()}</td>
                    <td>{r.met}</td>
                    <td>{r.breached}</td>
                    <td><strong>{share}</strong></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="sr-only">"SLA attainment by policy and target"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Policy"</th>
                        <th scope="col">"Target"</th>
                        <th scope="col">"Met in time"</th>
                        <th scope="col">"Breached"</th>
                        <th scope="col">"Attained"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
