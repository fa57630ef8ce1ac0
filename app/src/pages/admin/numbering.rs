//! `/admin/numbering`: the prefix of ticket references (`DKT` in `DKT-1042`).

use crate::{
    api::desk_config::{SetTicketPrefix, load_desk_config},
    components::{
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        require_role::RequireRole,
    },
};
use domain::Role;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminNumberingPage() -> impl IntoView {
    view! {
        <Title text="Ticket numbers"/>
        <RequireRole allow=|role| role == Role::Admin>
            <NumberingBody/>
        </RequireRole>
    }
}

#[component]
fn NumberingBody() -> impl IntoView {
    let action = ServerAction::<SetTicketPrefix>::new();
    let config = Resource::new(move || action.version().get(), |_| load_desk_config());
    let error = action_error(action);
    let saved = move || action.value().get().and_then(Result::ok);
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Ticket numbers"</h1>
                <p class="muted">"Tickets are numbered in order; the prefix comes before the number everywhere."</p>
            </div>
            <section class="card">
                <FormBanner error/>
                {move || saved().map(|prefix| view! {
                    <div class="notice notice-success" role="status">{format!("Tickets are now {prefix}-1042 and so on.")}</div>
                })}
                <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        match config.await {
                            Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                            Ok(config) => view! {
                                <ActionForm action attr:class="form" attr:novalidate=true>
                                    <div class="field">
                                        <label for="ticket-prefix">"Prefix"</label>
                                        <input id="ticket-prefix" name="ticket_prefix" value=config.ticket_prefix.clone() required maxlength="10" aria-invalid=invalid(error, "ticket_prefix")/>
                                        <p class="hint">"1 to 10 capital letters or digits. Changing it renames every ticket, old ones too."</p>
                                        <FieldMessage error field="ticket_prefix"/>
                                    </div>
                                    <p class="muted small">{format!("Now: {}-1042", config.ticket_prefix)}</p>
                                    <div class="form-actions">
                                        <button type="submit" class="btn btn-primary">"Save prefix"</button>
                                    </div>
                                </ActionForm>
                            }
                            .into_any(),
                        }
                    })}
                </Transition>
            </section>
        </main>
    }
}
