//! `/portal/new` and `/agent/new`: opening a ticket. Customers write their own request; agents
//! log one for a customer (a phone call), naming them by email.

use crate::{
    api::{
        custom_fields::load_category_forms,
        self_service::suggest_answers,
        tickets::{CreateTicketWithFiles, create_ticket_with_files, load_ticket_options},
    },
    components::{
        answer_suggestions::AnswerSuggestions,
        attachments_field::AttachmentsField,
        category_fields::CategoryFieldInputs,
        form_feedback::{FieldMessage, FormBanner, invalid},
        multipart_form::Submission,
        require_role::RequireRole,
    },
};
use domain::{
    Role,
    custom_fields::{NEW_REQUEST_FORM_ID, category_option_id},
    similar::types::Suggestions,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;
use std::time::Duration;

/// How long typing pauses before the suggestions are looked up.
const TYPING_PAUSE: Duration = Duration::from_millis(300);

#[component]
pub fn NewRequestPage() -> impl IntoView {
    view! {
        <Title text="New request"/>
        <RequireRole allow=|role| role == Role::Customer>
            <NewTicketForm staff=false/>
        </RequireRole>
    }
}

#[component]
pub fn NewTicketPage() -> impl IntoView {
    view! {
        <Title text="New ticket"/>
        <RequireRole allow=Role::is_staff>
            <NewTicketForm staff=true/>
        </RequireRole>
    }
}

#[component]
fn NewTicketForm(staff: bool) -> impl IntoView {
    let submission = Submission::<i64>::new(CreateTicketWithFiles::PATH);
    let error = submission.error();
    let options = Resource::new(|| (), |_| load_ticket_options());
    let forms = Resource::new(|| (), |_| load_category_forms());
    // What was typed: from the address when "Check for answers" came back (JavaScript off),
    // then as typed, looked up once typing pauses.
    let query = use_query_map();
    let (start_subject, start_body, start_category) = {
        let q = query.read_untracked();
        let category = q.get("category_id").and_then(|c| c.parse::<i64>().ok());
        (q.get("subject").unwrap_or_default(), q.get("body").unwrap_or_default(), category)
    };
    let typed = RwSignal::new((start_subject.clone(), start_body.clone()));
    let pause: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let on_typing = move |_| {
        if staff {
            return;
        }
        if let Some(handle) = pause.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                use wasm_bindgen::JsCast;
                let document = document();
                let element = |id: &str| document.get_element_by_id(id);
                let subject = element("subject")
                    .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .map(|i| i.value())
                    .unwrap_or_default();
                let body = element("body")
                    .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                    .map(|t| t.value())
                    .unwrap_or_default();
                typed.set((subject, body));
            },
            TYPING_PAUSE,
        )
        .ok();
        pause.set_value(handle);
    };
    let suggestions = Resource::new(
        move || typed.get(),
        move |(subject, body)| async move {
            if staff || (subject.trim().is_empty() && body.trim().is_empty()) {
                return Ok(Suggestions::default());
            }
            suggest_answers(subject, body).await
        },
    );
    let (title, intro) = if staff {
        ("New ticket", "Log a request on a customer's behalf, such as a phone call.")
    } else {
        ("New request", "Tell us what you need; we reply here and by notification.")
    };
    view! {
        <main class="page">
            <div class="page-header">
                <h1>{title}</h1>
                <p class="muted">{intro}</p>
            </div>
            <div class=if staff { "" } else { "with-aside" }>
            <section class="card">
                <FormBanner error/>
                <form id=NEW_REQUEST_FORM_ID method="post" action=CreateTicketWithFiles::PATH enctype="multipart/form-data" class="form"
                    novalidate on:submit=move |ev: web_sys::SubmitEvent| {
                        // A button with a form action of its own ("add this to that ticket") posts
                        // the form there, as the browser does.
                        let elsewhere = ev.submitter().is_some_and(|b| b.has_attribute("formaction"));
                        if !elsewhere {
                            submission.submit(ev, create_ticket_with_files)
                        }
                    }>
                    {staff.then(|| view! {
                        <div class="grid-2">
                            <div class="field">
                                <label for="requester_email">"Customer email"</label>
                                <input id="requester_email" name="requester_email" type="email" required
                                    aria-invalid=invalid(error, "requester_email")/>
                                <FieldMessage error field="requester_email"/>
                            </div>
                            <div class="field">
                                <label for="requester_name">"Customer name"</label>
                                <input id="requester_name" name="requester_name" maxlength="100"/>
                                <p class="hint">"Only needed for someone new."</p>
                                <FieldMessage error field="requester_name"/>
                            </div>
                        </div>
                    })}
                    <div class="field">
                        <label for="subject">"Subject"</label>
                        <input id="subject" name="subject" required maxlength="200" aria-invalid=invalid(error, "subject")
                            value=start_subject on:input=on_typing/>
                        <FieldMessage error field="subject"/>
                    </div>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            let options = options.await.ok()?;
                            let forms = forms.await.unwrap_or_default();
                            let categories = options.categories.into_iter().map(|c| view! {
                                <option id=category_option_id(c.id) value=c.id.to_string() selected=Some(c.id) == start_category>{c.name}</option>
                            }).collect_view();
                            let priorities = (!options.priorities.is_empty()).then(|| {
                                let list = options.priorities.into_iter().map(|p| {
                                    let selected = p.name == "Normal";
                                    view! { <option value=p.id.to_string() selected=selected>{p.name}</option> }
                                }).collect_view();
                                view! {
                                    <div class="field">
                                        <label for="priority_id">"Priority"</label>
                                        <select id="priority_id" name="priority_id">{list}</select>
                                        <FieldMessage error field="priority_id"/>
                                    </div>
                                }
                            });
                            Some(view! {
                                <div class="grid-2">
                                    <div class="field">
                                        <label for="category_id">"Category"</label>
                                        <select id="category_id" name="category_id">
                                            <option value="">"Not sure"</option>
                                            {categories}
                                        </select>
                                        <FieldMessage error field="category_id"/>
                                    </div>
                                    {priorities}
                                </div>
                                <CategoryFieldInputs forms staff error/>
                                <FieldMessage error field="fields"/>
                            })
                        })}
                    </Suspense>
                    <div class="field">
                        <label for="body">"Description"</label>
                        <textarea id="body" name="body" rows="8" required aria-invalid=invalid(error, "body")
                            on:input=on_typing>{start_body}</textarea>
                        <p class="hint">"Markdown works: **bold**, lists, `code`, links."</p>
                        <FieldMessage error field="body"/>
                    </div>
                    <AttachmentsField error/>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=move || submission.pending.get()>
                            {if staff { "Create ticket" } else { "Send request" }}
                        </button>
                        {(!staff).then(|| view! {
                            // Without JavaScript nothing is looked up while typing: this asks.
                            <noscript>
                                <button type="submit" class="btn" formaction="/portal/new" formmethod="get" formnovalidate>
                                    "Check for answers first"
                                </button>
                            </noscript>
                        })}
                    </div>
                </form>
            </section>
            {(!staff).then(|| view! {
                <aside class="aside">
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            suggestions.await.ok().map(|suggestions| view! { <AnswerSuggestions suggestions/> })
                        })}
                    </Transition>
                </aside>
            })}
            </div>
        </main>
    }
}
