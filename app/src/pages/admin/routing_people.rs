//! The people half of `/admin/routing`: each team's assignment strategy and queue, each agent's
//! status, load, capacity, skills and share of automatic assignments (the distribution report),
//! and the skills each category's tickets need. One small form per row.

use crate::{
    api::routing::{SetAgentRouting, SetCategorySkills, SetTeamAssignment},
    components::{
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        saved_counter::Saved,
    },
};
use domain::routing::types::{AgentRoutingView, CategorySkillsView, Strategy, TeamRoutingView};
use leptos::prelude::*;

#[component]
pub fn TeamStrategies(teams: Vec<TeamRoutingView>, saved: Saved) -> impl IntoView {
    let rows = teams.into_iter().map(|team| view! { <TeamRow team saved/> }).collect_view();
    view! {
        <section class="card" aria-labelledby="teams-heading">
            <h2 id="teams-heading">"How teams hand out tickets"</h2>
            <p class="muted">
                "Round-robin gives each available agent a ticket in turn; least loaded, the one with the fewest new and open tickets; "
                "skills, the least loaded of those with every skill the ticket needs. Only agents who are available, online and below "
                "their capacity receive tickets; the rest wait in the team's queue and go to the first agent who becomes free."
            </p>
            <table class="table">
                <thead><tr><th scope="col">"Team"</th><th scope="col">"Waiting"</th><th scope="col">"Assignment"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[component]
fn TeamRow(team: TeamRoutingView, saved: Saved) -> impl IntoView {
    let action = ServerAction::<SetTeamAssignment>::new();
    saved.after(action);
    let error = action_error(action);
    let select_id = format!("team-{}-strategy", team.id);
    let label = format!("Assignment for {}", team.name);
    let options = Strategy::ALL
        .map(|s| view! { <option value=s.as_str() selected=s == team.strategy>{s.label()}</option> })
        .collect_view();
    view! {
        <tr>
            <th scope="row">{team.name.clone()}</th>
            <td>{team.waiting}</td>
            <td>
                <FormBanner error/>
                <ActionForm action attr:class="inline">
                    <input type="hidden" name="team_id" value=team.id.to_string()/>
                    <label class="sr-only" for=select_id.clone()>{label}</label>
                    <select id=select_id name="strategy" aria-invalid=invalid(error, "strategy")>{options}</select>
                    " "
                    <button type="submit" class="btn btn-secondary btn-small">{format!("Save {}", team.name)}</button>
                </ActionForm>
            </td>
        </tr>
    }
}

#[component]
pub fn AgentsTable(agents: Vec<AgentRoutingView>, period_days: u32, saved: Saved) -> impl IntoView {
    let total: u64 = agents.iter().map(|a| a.assigned).sum();
    let rows = agents.into_iter().map(|agent| view! { <AgentRow agent total saved/> }).collect_view();
    view! {
        <section class="card" aria-labelledby="agents-heading">
            <h2 id="agents-heading">"Agents"</h2>
            <p class="muted">{format!(
                "Assigned: tickets Docket handed each agent in the last {period_days} days ({total} in all). Open: their new and open tickets now. \
                 Capacity: at most this many open tickets are assigned to them automatically (blank: no limit)."
            )}</p>
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Agent"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Open"</th>
                        <th scope="col">"Assigned"</th>
                        <th scope="col">"Capacity and skills"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[component]
fn AgentRow(agent: AgentRoutingView, total: u64, saved: Saved) -> impl IntoView {
    let action = ServerAction::<SetAgentRouting>::new();
    saved.after(action);
    let error = action_error(action);
    let status = if agent.online {
        agent.availability.label().to_owned()
    } else {
        format!("{} (offline)", agent.availability.label())
    };
    let share = if total == 0 { 0 } else { agent.assigned * 100 / total };
    let capacity_id = format!("agent-{}-capacity", agent.id);
    let skills_id = format!("agent-{}-skills", agent.id);
    let teams = agent.teams.join(", ");
    view! {
        <tr>
            <th scope="row">{agent.name.clone()}<br/><span class="muted">{teams}</span></th>
            <td>{status}</td>
            <td>{agent.open}</td>
            <td>{format!("{} ({share}%)", agent.assigned)}</td>
            <td>
                <FormBanner error/>
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="user_id" value=agent.id.to_string()/>
                    <label for=capacity_id.clone()>{format!("Capacity of {}", agent.name)}</label>
                    <input id=capacity_id name="capacity" inputmode="numeric" size="4" value=agent.capacity.map(|c| c.to_string()).unwrap_or_default() aria-invalid=invalid(error, "capacity")/>
                    <FieldMessage error field="capacity"/>
                    <label for=skills_id.clone()>{format!("Skills of {}", agent.name)}</label>
                    <input id=skills_id name="skills" maxlength="400" value=agent.skills.join(", ") aria-invalid=invalid(error, "skills")/>
                    <FieldMessage error field="skills"/>
                    <button type="submit" class="btn btn-secondary btn-small">{format!("Save {}", agent.name)}</button>
                </ActionForm>
            </td>
        </tr>
    }
}

#[component]
pub fn CategorySkills(categories: Vec<CategorySkillsView>, saved: Saved) -> impl IntoView {
    let rows = categories.into_iter().map(|category| view! { <CategoryRow category saved/> }).collect_view();
    view! {
        <section class="card" aria-labelledby="category-skills-heading">
            <h2 id="category-skills-heading">"Skills each category needs"</h2>
            <p class="muted">"Teams that assign by skills give a category's tickets only to agents with all of its skills."</p>
            <table class="table">
                <thead><tr><th scope="col">"Category"</th><th scope="col">"Skills"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[component]
fn CategoryRow(category: CategorySkillsView, saved: Saved) -> impl IntoView {
    let action = ServerAction::<SetCategorySkills>::new();
    saved.after(action);
    let error = action_error(action);
    let input_id = format!("category-{}-skills", category.id);
    view! {
        <tr>
            <th scope="row">{category.name.clone()}</th>
            <td>
                <FormBanner error/>
                <ActionForm action attr:class="inline">
                    <input type="hidden" name="category_id" value=category.id.to_string()/>
                    <label class="sr-only" for=input_id.clone()>{format!("Skills for {}", category.name)}</label>
                    <input id=input_id name="skills" maxlength="400" value=category.skills.join(", ") aria-invalid=invalid(error, "skills")/>
                    <FieldMessage error field="skills"/>
                    " "
                    <button type="submit" class="btn btn-secondary btn-small">{format!("Save {}", category.name)}</button>
                </ActionForm>
            </td>
        </tr>
    }
}
