//! `/admin/organizations/:id`: one organization: its name, sharing and email domains, and its
//! members, a page at a time, added by email and taken out one by one.

use super::organizations::OrganizationDomainsField;
use crate::{
    api::{
        admin::list_users,
        organizations::{AddOrganizationMember, RemoveOrganizationMember, UpdateOrganization, get_organization},
    },
    components::{
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        require_role::RequireRole,
    },
    error::AppError,
};
use domain::{
    ErrorCode, Role,
    views::{OrganizationView, Page, UserView},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AdminOrganizationPage() -> impl IntoView {
    view! {
        <Title text="Organization"/>
        <RequireRole allow=|role| role == Role::Admin>
            <OrganizationBody/>
        </RequireRole>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    update: ServerAction<UpdateOrganization>,
    add: ServerAction<AddOrganizationMember>,
    remove: ServerAction<RemoveOrganizationMember>,
}

#[component]
fn OrganizationBody() -> impl IntoView {
    let actions = Actions { update: ServerAction::new(), add: ServerAction::new(), remove: ServerAction::new() };
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok());
    let after = move || query.read().get("after").and_then(|a| a.parse::<i64>().ok());
    // Reloaded after a save that worked (one that failed keeps what was typed) and after a
    // member comes or goes.
    let saved = move || actions.update.value().get().and_then(Result::ok);
    let data = Resource::new(
        move || (id(), after(), saved(), actions.add.version().get(), actions.remove.version().get()),
        |(id, after, _, _, _)| async move {
            let id = id.ok_or_else(|| AppError::new(ErrorCode::NotFound, "Not found"))?;
            let organization = get_organization(id).await?;
            let members = list_users(Some("customer".into()), None, after, Some(id)).await?;
            Ok::<_, AppError>((organization, members))
        },
    );
    view! {
        <Transition fallback=|| view! { <main class="page"><p class="muted">"Loading the organization…"</p></main> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(err) => view! {
                        <main class="page">
                            <h1>"Organization"</h1>
                            <div class="form-error" role="alert">{err.message}</div>
                            <p><a href="/admin/organizations">"All organizations"</a></p>
                        </main>
                    }
                    .into_any(),
                    Ok((organization, members)) => view! { <OrganizationScreen organization members actions/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn OrganizationScreen(organization: OrganizationView, members: Page<UserView>, actions: Actions) -> impl IntoView {
    let query = use_query_map();
    let created = query.read_untracked().get("created").is_some();
    let joined_at_creation = query.read_untracked().get("joined").and_then(|j| j.parse::<u64>().ok()).unwrap_or(0);
    let saved = move || actions.update.value().get().and_then(Result::ok);
    let joined_note = |n: u64| match n {
        0 => String::new(),
        1 => " 1 person joined by their address.".to_owned(),
        n => format!(" {n} people joined by their address."),
    };
    let OrganizationView { id, name, domains, shares_tickets, members: count } = organization;
    let update_error = action_error(actions.update);
    let next = members.next_cursor.map(|c| format!("/admin/organizations/{id}?after={c}"));
    view! {
        <main class="page">
            <div class="page-header">
                <p><a href="/admin/organizations">"All organizations"</a></p>
                <h1>{name.clone()}</h1>
                <p class="muted">{match count { 1 => "1 member".to_owned(), n => format!("{n} members") }}</p>
            </div>
            {created.then(|| view! {
                <div class="notice notice-success" role="status">
                    {format!("Organization created.{}", joined_note(joined_at_creation))}
                </div>
            })}
            {move || saved().map(|n| view! {
                <div class="notice notice-success" role="status">{format!("Organization saved.{}", joined_note(n))}</div>
            })}
            <section class="card">
                <h2>"Settings"</h2>
                <FormBanner error=update_error/>
                <ActionForm action=actions.update attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="organization_id" value=id.to_string()/>
                    <div class="field">
                        <label for="organization-name">"Name"</label>
                        <input id="organization-name" name="name" value=name required maxlength="200" aria-invalid=invalid(update_error, "name")/>
                        <FieldMessage error=update_error field="name"/>
                    </div>
                    <OrganizationDomainsField id="organization-domains" value=domains.join("\n") error=update_error/>
                    <label>
                        <input type="checkbox" name="shares_tickets" value="on" checked=shares_tickets/>
                        " Members see each other's tickets"
                    </label>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary">"Save organization"</button>
                    </div>
                </ActionForm>
            </section>
            <section class="card" aria-labelledby="members-heading">
                <h2 id="members-heading">"Members"</h2>
                <FormBanner error=action_error(actions.remove)/>
                <MemberTable members=members.items organization_id=id remove=actions.remove/>
                {next.map(|href| view! { <p><a class="btn btn-secondary" href=href>"Next page"</a></p> })}
                <AddMemberForm organization_id=id action=actions.add/>
            </section>
        </main>
    }
}

#[component]
fn MemberTable(
    members: Vec<UserView>,
    organization_id: i64,
    remove: ServerAction<RemoveOrganizationMember>,
) -> impl IntoView {
    if members.is_empty() {
        return view! { <p class="muted">"Nobody belongs to this organization yet."</p> }.into_any();
    }
    let rows = members
        .into_iter()
        .map(|m| {
            let label = format!("Remove {} from the organization", m.email);
            let proved = if m.email_verified { "Proved" } else { "Not proved yet: sees only their own tickets" };
            view! {
                <tr>
                    <td>{m.name}</td>
                    <td>{m.email}</td>
                    <td>{proved}</td>
                    <td>
                        <ActionForm action=remove attr:class="inline">
                            <input type="hidden" name="organization_id" value=organization_id.to_string()/>
                            <input type="hidden" name="user_id" value=m.id.to_string()/>
                            <button type="submit" class="btn btn-link btn-small" aria-label=label>"Remove"</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="sr-only">"Members"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Address"</th>
                        <th scope="col"><span class="sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn AddMemberForm(organization_id: i64, action: ServerAction<AddOrganizationMember>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <h3>"Add a member"</h3>
        <ActionForm action attr:class="row" attr:novalidate=true>
            <input type="hidden" name="organization_id" value=organization_id.to_string()/>
            <div class="field">
                <label for="member-email">"Customer's email"</label>
                <input id="member-email" name="email" type="email" required aria-invalid=invalid(error, "email")/>
                <FieldMessage error field="email"/>
            </div>
            <button type="submit" class="btn btn-secondary">"Add member"</button>
        </ActionForm>
    }
}
