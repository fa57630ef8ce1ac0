//! `/portal/tickets/:id` and `/agent/tickets/:id`: one ticket with its conversation and history.
//! Customers reply, solve and reopen; agents also write internal notes and change fields.

use crate::api::kb_tickets::{KnowledgeOnTicket, ticket_knowledge};
use crate::components::csat_card::CsatCard;
use crate::{
    api::{
        relations::load_ticket_relations,
        tickets::{
            AddMessageWithFiles, AssignToMe, ReopenTicket, SolveTicket, UpdateTicket, get_ticket, load_ticket_options,
        },
    },
    components::{
        child_override::ChildOverride,
        form_feedback::{FieldMessage, FormBanner, action_error},
        format::{StatusBadge, when},
        merge_form::MergeCard,
        merged_banner::MergedBanner,
        multipart_form::Submission,
        presence_line::{PresenceLine, track_presence},
        relation_actions::RelationActions,
        reply_form::ReplyForm,
        require_role::RequireRole,
        ticket_followers::FollowersCard,
        ticket_links::LinksCard,
        timeline::Timeline,
    },
    live::{refreshed, use_live},
    pages::not_found::NotFoundPage,
};
use domain::{
    ErrorCode, Role,
    link_types::TicketRelations,
    ticket_types::{OptionView, StatusCategory, TicketOptions, TicketView},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use server_fn::ServerFn;

#[component]
pub fn CustomerTicketPage() -> impl IntoView {
    view! {
        <RequireRole allow=|role| role == Role::Customer link_ok=true>
            <crate::components::link_banner::LinkBanner/>
            <TicketScreen staff=false/>
        </RequireRole>
    }
}

#[component]
pub fn AgentTicketPage() -> impl IntoView {
    view! {
        <RequireRole allow=Role::is_staff>
            <TicketScreen staff=true/>
            <crate::components::shortcuts::Shortcuts/>
        </RequireRole>
    }
}

/// The actions of the ticket page; the ticket refetches after any of them.
#[derive(Clone, Copy)]
struct Actions {
    reply: Submission<()>,
    update: ServerAction<UpdateTicket>,
    assign: ServerAction<AssignToMe>,
    solve: ServerAction<SolveTicket>,
    reopen: ServerAction<ReopenTicket>,
    escalate: ServerAction<crate::api::sla::EscalateTicket>,
    relations: RelationActions,
    fields: Submission<()>,
    time: crate::components::ticket_time::TimeActions,
    rate: ServerAction<crate::api::csat::RateTicket>,
    held: crate::components::held_mail::HeldMailActions,
}

impl Actions {
    fn version(&self) -> usize {
        self.reply.version.get()
            + self.update.version().get()
            + self.assign.version().get()
            + self.solve.version().get()
            + self.reopen.version().get()
            + self.escalate.version().get()
            + self.relations.version()
            + self.fields.version.get()
            + self.time.version()
            + self.rate.version().get()
            + self.held.version()
    }
}

#[component]
fn TicketScreen(staff: bool) -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok());
    let actions = Actions {
        reply: Submission::new(AddMessageWithFiles::PATH),
        update: ServerAction::new(),
        assign: ServerAction::new(),
        solve: ServerAction::new(),
        reopen: ServerAction::new(),
        escalate: ServerAction::new(),
        relations: RelationActions::create(),
        fields: Submission::new(crate::api::custom_fields::SetTicketFields::PATH),
        time: crate::components::ticket_time::TimeActions::create(),
        rate: ServerAction::new(),
        held: crate::components::held_mail::HeldMailActions::create(),
    };
    let ticket = Resource::new(
        move || (id(), actions.version()),
        |(id, _)| async move {
            match id {
                Some(id) => get_ticket(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let relations = Resource::new(
        move || (id(), actions.version()),
        |(id, _)| async move {
            match id {
                Some(id) => load_ticket_relations(id).await,
                None => Ok(TicketRelations::default()),
            }
        },
    );
    // The knowledge base's view of the ticket (possible duplicates, whether its answer may become
    // an article), for staff: loaded with the page and handed down, since the sidebar is rebuilt
    // on every live change and a resource of its own would be disposed while still loading.
    let knowledge = Resource::new(
        move || (id(), actions.version()),
        move |(id, _)| async move {
            match id {
                Some(id) if staff => ticket_knowledge(id).await.ok(),
                _ => None,
            }
        },
    );
    // The agent's macros, their texts filled in for this ticket, for the reply box (built once).
    let macros = Resource::new(id, move |id| async move {
        match id {
            Some(id) if staff => crate::api::macros::macros_for_ticket(id).await.unwrap_or_default(),
            _ => Vec::new(),
        }
    });
    let options = Resource::new(
        move || actions.version(),
        move |_| async move { if staff { load_ticket_options().await.map(Some) } else { Ok(None) } },
    );
    // What live changes to this ticket (by anyone) bring; the page was rendered from the above.
    let live = use_live();
    let changes = move || id().map_or(0, |id| live.ticket(id));
    let refreshed_ticket = refreshed(
        move || (id(), actions.version()),
        changes,
        |(id, _)| async move {
            let id = id?;
            let (view, relations) = (get_ticket(id).await.ok()?, load_ticket_relations(id).await.ok()?);
            Some((view, relations))
        },
    );
    let latest = Signal::derive(move || refreshed_ticket.get().flatten().flatten());
    let change_error = Signal::derive(move || {
        action_error(actions.update)
            .get()
            .or_else(|| action_error(actions.assign).get())
            .or_else(|| action_error(actions.solve).get())
            .or_else(|| action_error(actions.reopen).get())
    });
    view! {
        <Transition fallback=|| view! { <main class="page"><p class="muted">"Loading the ticket…"</p></main> }>
            {move || Suspend::new(async move {
                let knowledge = knowledge.await;
                let macros = macros.await;
                match (ticket.await, options.await, relations.await) {
                    (Ok(Some(view)), Ok(options), Ok(relations)) => {
                        view! { <TicketLayout view options relations knowledge macros latest staff actions change_error/> }.into_any()
                    }
                    (Ok(None), _, _) => view! { <NotFoundPage/> }.into_any(),
                    (Err(err), _, _) | (_, Err(err), _) | (_, _, Err(err)) if err.code == ErrorCode::NotFound => {
                        view! { <NotFoundPage/> }.into_any()
                    }
                    (Err(err), _, _) | (_, Err(err), _) | (_, _, Err(err)) => view! {
                        <main class="page"><div class="form-error" role="alert">{err.message}</div></main>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn TicketLayout(
    view: TicketView,
    options: Option<TicketOptions>,
    relations: TicketRelations,
    knowledge: Option<KnowledgeOnTicket>,
    /// The agent's macros for the reply box.
    macros: Vec<domain::macros::types::MacroChoice>,
    /// The ticket as live changes left it, once there were any.
    latest: Signal<Option<(TicketView, TicketRelations)>>,
    staff: bool,
    actions: Actions,
    change_error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let id = view.summary.id;
    let closed_at_load = view.summary.status.category == StatusCategory::Closed;
    // Everything but the reply form follows live changes; the form is built once, so nobody's
    // draft or focus is lost when someone else changes the ticket. While the page is torn down
    // (the user navigating away), a last redraw may still ask for the ticket, so the loaded one
    // is held by the closures themselves rather than by a reactive value that is gone by then.
    let loaded = std::sync::Arc::new((view, relations));
    let current = move || latest.try_get().flatten().unwrap_or_else(|| (*loaded).clone());
    let title = {
        let current = current.clone();
        move || {
            let (view, _) = current();
            format!("{} {}", view.summary.reference, view.summary.subject)
        }
    };
    let (header, timeline, sidebar) = (current.clone(), current.clone(), current);
    let presence = staff.then(|| track_presence(id));
    view! {
        <Title text=title/>
        <main class="page">
            {move || {
                let (view, relations) = header();
                view! {
                    <div class="page-header">
                        <div>
                            <p class="muted small">{view.summary.reference.clone()}</p>
                            <h1>{view.summary.subject.clone()}</h1>
                        </div>
                        <div class="actions">
                            {view.tags.iter().map(|t| view! { <span class="badge badge-tag">{format!("#{t}")}</span> }).collect_view()}
                            <StatusBadge status=view.summary.status.clone()/>
                        </div>
                    </div>
                    {relations.merged_into.map(|target| view! { <MergedBanner target staff/> })}
                }
            }}
            {presence.map(|(others, _)| view! { <PresenceLine others/> })}
            <FormBanner error=change_error/>
            <div class="ticket-layout">
                <div class="stack">
                    {move || view! { <Timeline ticket_id=id entries=timeline().0.timeline held=actions.held/> }}
                    {if closed_at_load {
                        view! { <div class="notice">"This request is closed. Open a new one to continue."</div> }.into_any()
                    } else {
                        let typing = presence.map(|(_, typing)| typing);
                        view! { <ReplyForm ticket_id=id staff action=actions.reply typing macros/> }.into_any()
                    }}
                </div>
                <aside class="stack">
                    {move || {
                        let (view, relations) = sidebar();
                        match options.clone() {
                            Some(options) => {
                                let knowledge = knowledge.clone();
                                view! { <AgentSidebar view options relations knowledge actions/> }.into_any()
                            }
                            None => view! { <CustomerSidebar view actions/> }.into_any(),
                        }
                    }}
                </aside>
            </div>
        </main>
    }
}

#[component]
fn CustomerSidebar(view: TicketView, actions: Actions) -> impl IntoView {
    let id = view.summary.id;
    let category = view.summary.status.category;
    let survey =
        view.csat.clone().map(|survey| view! { <CsatCard ticket_id=id survey staff=false action=actions.rate/> });
    view! {
        {survey}
        <section class="card">
            <h2>"Details"</h2>
            <dl>
                <dt class="muted small">"Status"</dt>
                <dd>{view.summary.status.name.clone()}</dd>
                <dt class="muted small">"Opened"</dt>
                <dd>{when(view.created_at)}</dd>
                <dt class="muted small">"Category"</dt>
                <dd>{view.category.map(|c| c.name).unwrap_or_else(|| "Not set".into())}</dd>
                {crate::components::ticket_fields::customer_lines(&view.fields)}
            </dl>
            {category.is_active().then(|| view! {
                <ActionForm action=actions.solve attr:class="inline">
                    <input type="hidden" name="ticket_id" value=id.to_string()/>
                    <button type="submit" class="btn btn-secondary">"Mark as solved"</button>
                </ActionForm>
                <FieldMessage error=action_error(actions.solve) field="status_id"/>
            })}
            {(category == StatusCategory::Solved).then(|| view! {
                <ActionForm action=actions.reopen attr:class="inline">
                    <input type="hidden" name="ticket_id" value=id.to_string()/>
                    <button type="submit" class="btn btn-secondary">"Reopen"</button>
                </ActionForm>
            })}
        </section>
    }
}

fn select(
    name: &'static str,
    label: &'static str,
    current: Option<i64>,
    choices: Vec<OptionView>,
    none: Option<&'static str>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let options = choices
        .into_iter()
        .map(|o| view! { <option value=o.id.to_string() selected=Some(o.id) == current>{o.name}</option> })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                {none.map(|text| view! { <option value="" selected=current.is_none()>{text}</option> })}
                {options}
            </select>
        </div>
    }
}

/// The calendar at the month of the due date (or this month).
fn calendar_link(due_on: Option<chrono::NaiveDate>) -> String {
    due_on.map_or_else(|| "/agent/calendar".to_owned(), |day| format!("/agent/calendar?date={day}"))
}

#[component]
fn AgentSidebar(
    view: TicketView,
    options: TicketOptions,
    relations: TicketRelations,
    knowledge: Option<KnowledgeOnTicket>,
    actions: Actions,
) -> impl IntoView {
    let id = view.summary.id;
    let open = view.summary.status.category != StatusCategory::Closed;
    let reference = view.summary.reference.clone();
    let statuses = options.statuses.into_iter().map(|s| OptionView { id: s.id, name: s.name }).collect();
    let error = action_error(actions.update);
    let suggestions = knowledge.as_ref().map(|k| k.suggestions.clone()).unwrap_or_default();
    // Each card is erased to `AnyView`: one nested view type for the whole sidebar
    // overflows the compiler's query depth in the optimised WebAssembly build.
    let ticket_card = view! {
        <section class="card">
            <h2>"Ticket"</h2>
            <ActionForm action=actions.update attr:class="form">
                <input type="hidden" name="ticket_id" value=id.to_string()/>
                {select("status_id", "Status", Some(view.summary.status.id), statuses, None)}
                {select("priority_id", "Priority", Some(view.summary.priority.id), options.priorities, None)}
                {select("category_id", "Category", view.category.as_ref().map(|c| c.id), options.categories, Some("None"))}
                {select("team_id", "Team", view.summary.team.as_ref().map(|t| t.id), options.teams, Some("No team"))}
                {select("assignee_id", "Assignee", view.summary.assignee.as_ref().map(|a| a.id), options.agents, Some("Unassigned"))}
                <div class="field">
                    <label for="field-tags">"Tags"</label>
                    <input id="field-tags" name="tags" value=view.tags.join(", ")/>
                    <p class="hint">"Separate with commas or spaces."</p>
                    <FieldMessage error field="tags"/>
                </div>
                <div class="field">
                    <label for="field-due_on">"Due date"</label>
                    <input id="field-due_on" name="due_on" type="date" min="2000-01-01" max="2099-12-31"
                        value=view.due_on.map(|day| day.to_string()).unwrap_or_default()/>
                    <p class="hint"><a href=calendar_link(view.due_on)>"Open the calendar"</a></p>
                    <FieldMessage error field="due_on"/>
                </div>
                <ChildOverride open_children=relations.open_children can_override=relations.can_override_children/>
                <FieldMessage error field="status_id"/>
                <FieldMessage error field="assignee_id"/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary btn-small">"Save changes"</button>
                </div>
            </ActionForm>
            <ActionForm action=actions.assign attr:class="inline">
                <input type="hidden" name="ticket_id" value=id.to_string()/>
                <button type="submit" class="btn btn-secondary btn-small" data-shortcut="assign">"Assign to me"</button>
            </ActionForm>
            <crate::components::suggestions::Suggestions ticket_id=id suggestions update=actions.update/>
        </section>
    }
    .into_any();
    let time_card = view
        .time
        .clone()
        .map(|time| view! { <crate::components::ticket_time::TimeCard ticket_id=id time actions=actions.time/> });
    let knowledge_card = knowledge.map(|knowledge| view! {
        <crate::components::ticket_knowledge::KnowledgeCard ticket_id=id status=view.summary.status.category knowledge actions=actions.relations/>
    });
    let work_cards = vec![
        view! { <crate::components::ticket_fields::FieldsCard ticket_id=id fields=view.fields.clone() submission=actions.fields/> }.into_any(),
        time_card.into_any(),
        view! { <crate::components::sla_card::SlaCard ticket_id=id sla=view.sla.clone() escalate=actions.escalate/> }.into_any(),
        view.csat.clone().map(|survey| view! { <CsatCard ticket_id=id survey staff=true action=actions.rate/> }).into_any(),
        knowledge_card.into_any(),
        view! { <LinksCard ticket_id=id links=relations.links actions=actions.relations/> }.into_any(),
        view! { <FollowersCard ticket_id=id followers=relations.followers following=relations.following actions=actions.relations/> }.into_any(),
        open.then(|| view! { <MergeCard ticket_id=id reference actions=actions.relations/> }).into_any(),
    ];
    let requester_cards = view! {
        <section class="card">
            <h2>"Requester"</h2>
            <p>{view.summary.requester.name}</p>
            <p class="muted small">{view.requester_email}</p>
            {view.organization.map(|o| view! { <p class="small">{o.name}</p> })}
            <p class="muted small">{format!("Via {} · opened {}", view.channel.as_str(), when(view.created_at))}</p>
            <crate::components::revoke_links::RevokeLinksForm user_id=view.summary.requester.id/>
        </section>
        <section class="card">
            <h2>"Other requests"</h2>
            {if view.other_tickets.is_empty() {
                view! { <p class="muted small">"None."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain stack" aria-label="Other requests from this requester">
                        {view.other_tickets.into_iter().map(|t| view! {
                            <li>
                                <a href=format!("/agent/tickets/{}", t.id)>{t.subject}</a>
                                " "
                                <StatusBadge status=t.status/>
                                <div class="muted small">{format!("{} · {}", t.reference, when(t.updated_at))}</div>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
    .into_any();
    view! { {ticket_card} {work_cards} {requester_cards} }
}
