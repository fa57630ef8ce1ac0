//! `/admin/mail-templates`: the subject and text of each mail the desk sends (to customers about
//! tickets, and to anyone about their account), with the placeholders each may use, the way back
//! to the built-in text, and how long the links in customer mail hold.

use crate::{
    api::mail::{ResetMailTemplate, SaveMailTemplate, list_mail_templates},
    components::{
        form_feedback::{FormBanner, action_error},
        mail_admin_nav::MailAdminNav,
        require_role::RequireRole,
    },
    error::AppError,
};
use domain::{
    Role,
    email_types::{MailEvent, TemplateView},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminMailTemplatesPage() -> impl IntoView {
    view! {
        <Title text="Mail templates"/>
        <RequireRole allow=|role| role == Role::Admin>
            <TemplatesBody/>
        </RequireRole>
    }
}

#[component]
fn TemplatesBody() -> impl IntoView {
    let save = ServerAction::<SaveMailTemplate>::new();
    let reset = ServerAction::<ResetMailTemplate>::new();
    // The last save or reset that worked, whichever came last: its form shows the notice.
    let done = RwSignal::new(None::<Done>);
    Effect::new(move |_| {
        if let Some(Ok(view)) = save.value().get() {
            done.set(Some(Done { event: view.event, reset: false }));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(view)) = reset.value().get() {
            done.set(Some(Done { event: view.event, reset: true }));
        }
    });
    // Reloaded only after a change that worked: a form whose save failed keeps what was typed.
    let templates = Resource::new(move || done.get(), |_| list_mail_templates());
    let banner = Signal::derive(move || action_error(save).get().or_else(|| action_error(reset).get()));
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Mail templates"</h1>
                <p class="muted">
                    "What the desk sends by email. Placeholders in double braces, like {{ticket.reference}}, are filled in when a mail is sent."
                </p>
            </div>
            <MailAdminNav current="/admin/mail-templates"/>
            <crate::components::ticket_link_days_form::TicketLinkDaysForm/>
            <FormBanner error=banner/>
            <Transition fallback=|| view! { <p class="muted">"Loading templates…"</p> }>
                {move || Suspend::new(async move {
                    match templates.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(list) => list
                            .into_iter()
                            .map(|template| view! { <TemplateEditor template save reset done=done.read_only()/> })
                            .collect_view()
                            .into_any(),
                    }
                })}
            </Transition>
        </main>
    }
}

/// A template changed by the hydrated app: which one, and whether it was put back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Done {
    event: MailEvent,
    reset: bool,
}

/// The error line under one field of one template's form (field errors name the event).
fn field_line(error: Signal<Option<AppError>>, key: String) -> impl IntoView {
    move || {
        error.get().and_then(|e| e.field(&key)).map(|message| {
            view! { <p class="field-error" id=format!("{key}-error")>{message}</p> }
        })
    }
}

#[component]
fn TemplateEditor(
    template: TemplateView,
    save: ServerAction<SaveMailTemplate>,
    reset: ServerAction<ResetMailTemplate>,
    done: ReadSignal<Option<Done>>,
) -> impl IntoView {
    let event = template.event;
    let key = event.as_str();
    let error = action_error(save);
    let query = use_query_map();
    // Without JavaScript the form reloads the page; the server names the template in the address.
    let notice = move |was_reset: bool| match done.get() {
        Some(done) => done == Done { event, reset: was_reset },
        None => {
            let mark = if was_reset { "reset" } else { "saved" };
            save.value().get().is_none() && query.read().get(mark).as_deref() == Some(key)
        }
    };
    let (subject_key, body_key) = (format!("{key}.subject"), format!("{key}.body"));
    let invalid =
        move |field: &'static str| move || error.get().and_then(|e| e.field(&format!("{key}.{field}"))).map(|_| "true");
    let placeholders =
        event.placeholders().iter().map(|p| view! { <li><code>{format!("{{{{{p}}}}}")}</code></li> }).collect_view();
    view! {
        <section class="card" id=format!("template-{key}") aria-labelledby=format!("template-{key}-title")>
            <h2 id=format!("template-{key}-title")>{event.label()}</h2>
            <p class="muted small">{if template.customized { "Edited here" } else { "The built-in text" }}</p>
            <Show when=move || notice(false)>
                <div class="notice notice-success" role="status">"Template saved."</div>
            </Show>
            <Show when=move || notice(true)>
                <div class="notice notice-success" role="status">"The built-in text is back."</div>
            </Show>
            <div class="grid-2">
                <ActionForm action=save attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="event" value=key/>
                    <div class="field">
                        <label for=format!("template-{key}-subject")>"Subject"</label>
                        <input id=format!("template-{key}-subject") name="subject" value=template.subject required
                            maxlength="300" aria-invalid=invalid("subject")/>
                        {field_line(error, subject_key)}
                    </div>
                    <div class="field">
                        <label for=format!("template-{key}-body")>"Text"</label>
                        <textarea id=format!("template-{key}-body") name="body" rows="10" required
                            aria-invalid=invalid("body")>{template.body}</textarea>
                        {field_line(error, body_key)}
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=move || save.pending().get()>"Save template"</button>
                    </div>
                </ActionForm>
                <aside aria-label=format!("Placeholders of {}", event.label())>
                    <h3>"Placeholders"</h3>
                    <ul class="plain">{placeholders}</ul>
                </aside>
            </div>
            <ActionForm action=reset attr:class="inline">
                <input type="hidden" name="event" value=key/>
                <button type="submit" class="btn btn-secondary btn-small">"Reset to default"</button>
            </ActionForm>
        </section>
    }
}
