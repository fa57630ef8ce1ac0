//! The admin's writers card on `/agent/kb`: every member of staff and whether they may write
//! and publish articles, with a plain form per person to allow or stop it (works without
//! JavaScript; admins always write).

use crate::{
    api::kb::{SetArticleWriter, article_writers},
    components::form_feedback::{FormBanner, action_error},
};
use domain::kb::types::WriterView;
use leptos::prelude::*;

#[component]
pub fn WriterManager() -> impl IntoView {
    let change = ServerAction::<SetArticleWriter>::new();
    let writers = Resource::new(move || change.version().get(), |_| article_writers());
    let error = action_error(change);
    view! {
        <section class="card" aria-labelledby="kb-writers-heading">
            <h2 id="kb-writers-heading">"Writers"</h2>
            <p class="muted small">"Admins always write. Agents and managers you allow here may write and publish articles."</p>
            <FormBanner error/>
            <Transition fallback=|| view! { <p class="muted">"Loading staff…"</p> }>
                {move || Suspend::new(async move {
                    match writers.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(staff) => view! { <WriterTable staff change/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn WriterTable(staff: Vec<WriterView>, change: ServerAction<SetArticleWriter>) -> impl IntoView {
    view! {
        <table class="table">
            <caption class="sr-only">"Who writes articles"</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Email"</th>
                    <th scope="col">"Writes articles"</th>
                    <th scope="col"><span class="sr-only">"Change"</span></th>
                </tr>
            </thead>
            <tbody>
                {staff.into_iter().map(|w| {
                    let status = if w.always { "Always (admin)" } else if w.writes { "Yes" } else { "No" };
                    let action = (!w.always).then(|| {
                        let (label, allowed) = if w.writes {
                            (format!("Stop {} writing", w.name), None)
                        } else {
                            (format!("Let {} write", w.name), Some("on"))
                        };
                        view! {
                            <ActionForm action=change attr:class="inline">
                                <input type="hidden" name="user_id" value=w.user_id.to_string()/>
                                {allowed.map(|v| view! { <input type="hidden" name="allowed" value=v/> })}
                                <button class="btn" type="submit">{label}</button>
                            </ActionForm>
                        }
                    });
                    view! {
                        <tr>
                            <td>{w.name.clone()}</td>
                            <td>{w.email.clone()}</td>
                            <td>{status}</td>
                            <td>{action}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
