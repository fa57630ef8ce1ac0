//! The suggested category and priority on `/admin/routing`: each model's training (when, on how
//! many solved tickets, how long), its accuracy on held-out tickets next to always guessing the
//! most common value, "Train now", and the confidence at which suggestions apply themselves.

use crate::{
    api::routing::{SetClassifierThreshold, TrainClassifier, load_classifier},
    components::{
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        format::when,
    },
};
use domain::classifier::types::{ClassifierView, ModelView};
use leptos::prelude::*;

#[component]
pub fn ClassifierCard() -> impl IntoView {
    let train = ServerAction::<TrainClassifier>::new();
    let threshold = ServerAction::<SetClassifierThreshold>::new();
    let data = Resource::new(move || (train.version().get(), threshold.version().get()), |_| load_classifier());
    let error = action_error(threshold);
    view! {
        <section class="card" aria-labelledby="classifier-heading">
            <h2 id="classifier-heading">"Suggested category and priority"</h2>
            <p class="muted">
                "Learned from this desk's solved tickets (their subject and first message), retrained every day. "
                "Agents see the suggestions on a ticket with how sure they are; above the confidence you choose, they apply themselves to new tickets."
            </p>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(view) => view! { <Models view train threshold error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

fn percent(share: f64) -> String {
    format!("{:.1} %", share * 100.0)
}

fn row(m: ModelView) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{m.kind.label()}</th>
            <td><time datetime=m.trained_at.to_rfc3339()>{when(m.trained_at)}</time></td>
            <td>{format!("{} ({} held out)", m.samples, m.held_out)}</td>
            <td>{percent(m.accuracy)}</td>
            <td>{percent(m.baseline)}</td>
            <td>{format!("{:.1} s", f64::from(m.training_ms) / 1000.0)}</td>
        </tr>
    }
}

#[component]
fn Models(
    view: ClassifierView,
    train: ServerAction<TrainClassifier>,
    threshold: ServerAction<SetClassifierThreshold>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let table = if view.models.is_empty() {
        view! { <p class="muted">"Not trained yet: it needs solved tickets with a category or priority."</p> }
            .into_any()
    } else {
        view! {
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Suggests"</th>
                        <th scope="col">"Trained"</th>
                        <th scope="col">"Solved tickets"</th>
                        <th scope="col">"Right on held-out tickets"</th>
                        <th scope="col">"Always the most common"</th>
                        <th scope="col">"Training took"</th>
                    </tr>
                </thead>
                <tbody>{view.models.into_iter().map(row).collect_view()}</tbody>
            </table>
        }
        .into_any()
    };
    let training =
        view.training.then(|| view! { <p role="status">"Training… reload in a moment to see the result."</p> });
    view! {
        {table}
        {training}
        <ActionForm action=train attr:class="inline">
            <button type="submit" class="btn btn-secondary btn-small">"Train now"</button>
        </ActionForm>
        <FormBanner error/>
        <ActionForm action=threshold attr:class="form">
            <div class="field">
                <label for="classifier-threshold">"Apply by itself at or above (% sure)"</label>
                <input id="classifier-threshold" name="apply_above" inputmode="numeric" size="4"
                    value=view.apply_above.map(|p| p.to_string()).unwrap_or_default()
                    aria-invalid=invalid(error, "apply_above") aria-describedby="classifier-threshold-hint"/>
                <p class="hint" id="classifier-threshold-hint">"From 50 to 100; blank to only suggest."</p>
                <FieldMessage error field="apply_above"/>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary btn-small">"Save confidence"</button>
            </div>
        </ActionForm>
    }
}
