//! `/admin/satisfaction`: the satisfaction survey's settings: whether solved tickets' customers
//! are asked, the question, the scale (2 or 5 points) and how long after solving.

use crate::{
    api::csat::{SaveCsatSettings, load_csat_settings},
    components::{
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        require_role::RequireRole,
    },
};
use domain::{
    Role,
    csat::types::{CsatSettings, DELAY_MAX_HOURS, QUESTION_MAX_CHARS, Scale},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminSatisfactionPage() -> impl IntoView {
    view! {
        <Title text="Satisfaction surveys"/>
        <RequireRole allow=|role| role == Role::Admin>
            <SatisfactionBody/>
        </RequireRole>
    }
}

#[component]
fn SatisfactionBody() -> impl IntoView {
    let action = ServerAction::<SaveCsatSettings>::new();
    let settings = Resource::new(move || action.version().get(), |_| load_csat_settings());
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Satisfaction surveys"</h1>
                <p class="muted">
                    "When an agent solves a ticket, its customer is asked once how the support was: in the solved email (one click rates, no sign-in) and on the ticket's page. Agents see the answer on the ticket; reports show it per agent, team and category."
                </p>
            </div>
            <Transition fallback=|| view! { <p class="muted">"Loading the settings…"</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(current) => view! { <SettingsForm current action/> }.into_any(),
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn SettingsForm(current: CsatSettings, action: ServerAction<SaveCsatSettings>) -> impl IntoView {
    let error = action_error(action);
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    let current_scale = current.scale;
    let scale_option = move |scale: Scale, label: &'static str| {
        view! { <option value=scale.points().to_string() selected=current_scale == scale>{label}</option> }
    };
    view! {
        <section class="card" aria-labelledby="survey-heading">
            <h2 id="survey-heading">"The survey"</h2>
            <FormBanner error/>
            {move || saved().then(|| view! { <div class="notice notice-success" role="status">"Saved."</div> })}
            <ActionForm action attr:class="form" attr:novalidate=true>
                <label class="choice">
                    <input type="checkbox" name="enabled" value="on" checked=current.enabled/>
                    " Ask customers to rate solved tickets"
                </label>
                <div class="field">
                    <label for="csat-question">"Question"</label>
                    <input id="csat-question" name="question" value=current.question.clone() maxlength=QUESTION_MAX_CHARS.to_string() required aria-invalid=invalid(error, "question")/>
                    <FieldMessage error field="question"/>
                </div>
                <div class="field">
                    <label for="csat-scale">"Scale"</label>
                    <select id="csat-scale" name="scale" aria-invalid=invalid(error, "scale")>
                        {scale_option(Scale::Five, "5 points: very poor to excellent")}
                        {scale_option(Scale::Two, "2 points: bad or good")}
                    </select>
                    <FieldMessage error field="scale"/>
                </div>
                <div class="field">
                    <label for="csat-delay">"Ask after solving (hours)"</label>
                    <input id="csat-delay" name="delay_hours" type="number" min="0" max=DELAY_MAX_HOURS.to_string() step="1" inputmode="numeric" value=current.delay_hours.to_string() aria-invalid=invalid(error, "delay_hours")/>
                    <p class="hint">{format!("0 asks in the solved email itself; up to {DELAY_MAX_HOURS} hours sends a survey email of its own later, unless the ticket was reopened.")}</p>
                    <FieldMessage error field="delay_hours"/>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">"Save survey settings"</button>
                </div>
            </ActionForm>
        </section>
    }
}
