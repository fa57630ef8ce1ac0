//! `/admin/teams`: admins create teams, choose which tickets each sees, rename and staff them;
//! managers rename and staff the teams they belong to.

use crate::{
    api::{
        admin::list_users,
        teams::{AddTeamMember, CreateTeam, RemoveTeamMember, SetTeamTicketScope, UpdateTeam, teams_to_run},
    },
    components::{
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        require_role::RequireRole,
    },
};
use domain::{
    Role,
    team_types::TicketScope,
    views::{TeamView, UserView},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminTeamsPage() -> impl IntoView {
    view! {
        <Title text="Teams"/>
        <RequireRole allow=|role| matches!(role, Role::Admin | Role::Manager)>
            <TeamsBody/>
        </RequireRole>
    }
}

/// The actions of this page, shared by every team card.
#[derive(Clone, Copy)]
struct TeamActions {
    update: ServerAction<UpdateTeam>,
    add: ServerAction<AddTeamMember>,
    remove: ServerAction<RemoveTeamMember>,
    scope: ServerAction<SetTeamTicketScope>,
    tier: ServerAction<crate::api::sla::SetTeamTier>,
}

async fn staff() -> Result<Vec<UserView>, crate::error::AppError> {
    let mut people = Vec::new();
    for role in ["agent", "manager", "admin"] {
        people.extend(list_users(Some(role.into()), None, None, None).await?.items);
    }
    people.retain(|u| u.active);
    people.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()));
    Ok(people)
}

#[component]
fn TeamsBody() -> impl IntoView {
    let create = ServerAction::<CreateTeam>::new();
    let actions = TeamActions {
        update: ServerAction::new(),
        add: ServerAction::new(),
        remove: ServerAction::new(),
        scope: ServerAction::new(),
        tier: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                create.version().get(),
                actions.update.version().get(),
                actions.add.version().get(),
                actions.remove.version().get(),
                actions.scope.version().get(),
                actions.tier.version().get(),
            )
        },
        |_| async move {
            let (teams, manages) = teams_to_run().await?;
            Ok::<_, crate::error::AppError>((teams, manages, staff().await?))
        },
    );
    let change_error = Signal::derive(move || {
        action_error(actions.update)
            .get()
            .or_else(|| action_error(actions.add).get())
            .or_else(|| action_error(actions.remove).get())
            .or_else(|| action_error(actions.scope).get())
            .or_else(|| action_error(actions.tier).get())
    });
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Teams"</h1>
                <p class="muted">"Requests are routed to teams; agents work the teams they belong to."</p>
            </div>
            <FormBanner error=change_error/>
            <Transition fallback=|| view! { <p class="muted">"Loading teams…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok((teams, manages, staff)) => view! {
                            {match (teams.is_empty(), manages) {
                                (true, true) => view! {
                                    <div class="empty-state"><p>"No teams yet. Create the first one below."</p></div>
                                }
                                .into_any(),
                                (true, false) => view! {
                                    <div class="empty-state"><p>"You are not on any team yet; an admin adds you to one."</p></div>
                                }
                                .into_any(),
                                (false, _) => view! {
                                    <div class="grid-2">
                                        {teams
                                            .into_iter()
                                            .map(|team| view! { <TeamCard team staff=staff.clone() actions manages/> })
                                            .collect_view()}
                                    </div>
                                }
                                .into_any(),
                            }}
                            {manages.then(|| view! { <CreateTeamForm action=create/> })}
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn TeamCard(team: TeamView, staff: Vec<UserView>, actions: TeamActions, manages: bool) -> impl IntoView {
    let TeamView { id, name, description, ticket_scope, tier, members } = team;
    let candidates: Vec<UserView> = staff.into_iter().filter(|u| !members.iter().any(|m| m.user_id == u.id)).collect();
    let no_members = members.is_empty();
    let member_items = members
        .into_iter()
        .map(|m| {
            let label = format!("Remove {} from {}", m.name, name);
            view! {
                <li>
                    <span>{m.name} " " <span class="muted small">{m.email}</span></span>
                    <ActionForm action=actions.remove attr:class="inline">
                        <input type="hidden" name="team_id" value=id.to_string()/>
                        <input type="hidden" name="user_id" value=m.user_id.to_string()/>
                        <button type="submit" class="btn btn-link btn-small" aria-label=label.clone()>"Remove"</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    let add_form = (!candidates.is_empty()).then(|| {
        let options = candidates
            .into_iter()
            .map(|u| view! { <option value=u.id.to_string()>{format!("{} ({})", u.name, u.email)}</option> })
            .collect_view();
        view! {
            <ActionForm action=actions.add attr:class="row">
                <input type="hidden" name="team_id" value=id.to_string()/>
                <div class="field">
                    <label for=format!("team-{id}-add")>"Add an agent"</label>
                    <select id=format!("team-{id}-add") name="user_id">{options.clone()}</select>
                </div>
                <button type="submit" class="btn btn-secondary btn-small">"Add"</button>
            </ActionForm>
        }
    });
    let name_value = name.clone();
    let scope_label = format!("Save what {name} sees");
    let tier_label = format!("Save the tier of {name}");
    let tier_text = tier.map(|t| t.to_string()).unwrap_or_default();
    view! {
        <section class="card" aria-label=name.clone()>
            <h2>{name.clone()}</h2>
            <ActionForm action=actions.update attr:class="form">
                <input type="hidden" name="team_id" value=id.to_string()/>
                <div class="field">
                    <label for=format!("team-{id}-name")>"Name"</label>
                    <input id=format!("team-{id}-name") name="name" value=name_value required maxlength="100"/>
                </div>
                <div class="field">
                    <label for=format!("team-{id}-description")>"Description"</label>
                    <input id=format!("team-{id}-description") name="description" value=description maxlength="500"/>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-secondary btn-small">"Save"</button>
                </div>
            </ActionForm>
            {if manages {
                view! {
                    <ActionForm action=actions.scope attr:class="row">
                        <input type="hidden" name="team_id" value=id.to_string()/>
                        <div class="field">
                            <label for=format!("team-{id}-scope")>"Its agents see"</label>
                            <select id=format!("team-{id}-scope") name="ticket_scope" aria-describedby=format!("team-{id}-scope-hint")>
                                {TicketScope::ALL
                                    .into_iter()
                                    .map(|s| view! { <option value=s.as_str() selected=s == ticket_scope>{s.label()}</option> })
                                    .collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="btn btn-secondary btn-small" aria-label=scope_label>"Save"</button>
                    </ActionForm>
                    <p class="muted small" id=format!("team-{id}-scope-hint")>
                        "Only their teams' tickets: an agent whose every team says so sees their teams' tickets and the ones assigned to them. Admins see every ticket."
                    </p>
                    <ActionForm action=actions.tier attr:class="row">
                        <input type="hidden" name="team_id" value=id.to_string()/>
                        <div class="field">
                            <label for=format!("team-{id}-tier")>"Escalation tier"</label>
                            <input id=format!("team-{id}-tier") name="tier" value=tier_text inputmode="numeric" maxlength="1" placeholder="None" aria-describedby=format!("team-{id}-tier-hint")/>
                        </div>
                        <button type="submit" class="btn btn-secondary btn-small" aria-label=tier_label>"Save"</button>
                    </ActionForm>
                    <p class="muted small" id=format!("team-{id}-tier-hint")>
                        "1 for the first line, 2 and 3 above it: \u{201c}Escalate\u{201d} and SLA breach rules move a ticket to the team of the next tier. Leave empty for none."
                    </p>
                }
                .into_any()
            } else {
                view! { <p class="muted small">{format!("Its agents see: {}.", ticket_scope.label().to_lowercase())}</p> }.into_any()
            }}
            <h3>"Members"</h3>
            {no_members.then(|| view! { <p class="muted">"No members yet."</p> })}
            <ul class="member-list">{member_items}</ul>
            {add_form}
        </section>
    }
}

#[component]
fn CreateTeamForm(action: ServerAction<CreateTeam>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <section class="card">
            <h2>"Create a team"</h2>
            <FormBanner error/>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <div class="field">
                    <label for="team-name">"Team name"</label>
                    <input id="team-name" name="name" required maxlength="100" aria-invalid=invalid(error, "name")/>
                    <FieldMessage error field="name"/>
                </div>
                <div class="field">
                    <label for="team-description">"Description"</label>
                    <input id="team-description" name="description" maxlength="500"/>
                    <FieldMessage error field="description"/>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">"Create team"</button>
                </div>
            </ActionForm>
        </section>
    }
}
