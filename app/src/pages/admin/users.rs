//! `/admin/users`: the user directory with filters and paging, user creation, deactivation.

use crate::{
    api::admin::{CreateUser, SetUserActive, list_users},
    components::{
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        require_role::RequireRole,
    },
};
use domain::{Role, views::UserView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    view! {
        <Title text="Users"/>
        <RequireRole allow=|role| role == Role::Admin>
            <UsersBody/>
        </RequireRole>
    }
}

#[component]
fn UsersBody() -> impl IntoView {
    let create = ServerAction::<CreateUser>::new();
    let toggle = ServerAction::<SetUserActive>::new();
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        (
            q.get("role").unwrap_or_default(),
            q.get("q").unwrap_or_default(),
            q.get("after").and_then(|a| a.parse::<i64>().ok()),
        )
    };
    let users = Resource::new(
        move || (filter(), create.version().get(), toggle.version().get()),
        |((role, q, after), _, _)| list_users(Some(role), Some(q), after),
    );
    let toggle_error = action_error(toggle);
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Users"</h1>
                <p class="muted">"Everyone who can sign in to this desk."</p>
            </div>
            <FilterForm role=filter().0 q=filter().1/>
            <FormBanner error=toggle_error/>
            <Transition fallback=|| view! { <p class="muted">"Loading users…"</p> }>
                {move || Suspend::new(async move {
                    match users.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(page) if page.items.is_empty() => view! {
                            <div class="empty-state"><p>"No users match these filters."</p></div>
                        }
                        .into_any(),
                        Ok(page) => {
                            let (role, q, _) = filter();
                            let next = page.next_cursor.map(|c| format!("/admin/users?role={role}&q={}&after={c}", leptos_router::location::Url::escape(&q)));
                            view! {
                                <UserTable users=page.items toggle/>
                                {next.map(|href| view! { <p><a class="btn btn-secondary" href=href>"Next page"</a></p> })}
                            }
                            .into_any()
                        }
                    }
                })}
            </Transition>
            <CreateUserForm action=create/>
        </main>
    }
}

#[component]
fn FilterForm(role: String, q: String) -> impl IntoView {
    let option = move |value: &'static str, label: &'static str| {
        view! { <option value=value selected=role == value>{label}</option> }
    };
    view! {
        <form class="row card" method="get" action="/admin/users" role="search">
            <div class="field">
                <label for="filter-q">"Name or email"</label>
                <input id="filter-q" name="q" type="search" value=q/>
            </div>
            <div class="field">
                <label for="filter-role">"Role"</label>
                <select id="filter-role" name="role">
                    {option("", "All roles")}
                    {option("customer", "Customers")}
                    {option("agent", "Agents")}
                    {option("admin", "Admins")}
                </select>
            </div>
            <button type="submit" class="btn btn-secondary">"Filter"</button>
        </form>
    }
}

#[component]
fn UserTable(users: Vec<UserView>, toggle: ServerAction<SetUserActive>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Organization"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Last sign-in"</th>
                        <th scope="col"><span class="sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {users.into_iter().map(|user| view! { <UserRow user toggle/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn UserRow(user: UserView, toggle: ServerAction<SetUserActive>) -> impl IntoView {
    let (status, status_class) =
        if user.active { ("Active", "badge badge-active") } else { ("Deactivated", "badge badge-inactive") };
    let last =
        user.last_sign_in_at.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_else(|| "Never".into());
    let (button, next_state, button_class) = if user.active {
        ("Deactivate", "false", "btn btn-danger btn-small")
    } else {
        ("Reactivate", "true", "btn btn-secondary btn-small")
    };
    view! {
        <tr>
            <td>{user.name.clone()}</td>
            <td>{user.email.clone()}</td>
            <td><span class=format!("badge badge-{}", user.role.as_str())>{user.role.label()}</span></td>
            <td>{user.organization_name.clone().unwrap_or_default()}</td>
            <td><span class=status_class>{status}</span></td>
            <td class="small">{last}</td>
            <td>
                <ActionForm action=toggle attr:class="inline">
                    <input type="hidden" name="user_id" value=user.id.to_string()/>
                    <input type="hidden" name="active" value=next_state/>
                    <button type="submit" class=button_class aria-label=format!("{button} {}", user.email)>{button}</button>
                </ActionForm>
            </td>
        </tr>
    }
}

#[component]
fn CreateUserForm(action: ServerAction<CreateUser>) -> impl IntoView {
    let error = action_error(action);
    let created = move || action.value().get().and_then(Result::ok).map(|u: UserView| u.email);
    view! {
        <section class="card">
            <h2>"Create a user"</h2>
            <p class="muted">"Agents and admins get a starting password that they change under Account."</p>
            <FormBanner error/>
            {move || created().map(|email| view! { <div class="notice notice-success" role="status">{format!("Created {email}")}</div> })}
            <ActionForm action attr:class="form" attr:novalidate=true>
                <div class="grid-2">
                    <div class="field">
                        <label for="new-name">"Name"</label>
                        <input id="new-name" name="name" required aria-invalid=invalid(error, "name")/>
                        <FieldMessage error field="name"/>
                    </div>
                    <div class="field">
                        <label for="new-email">"Email"</label>
                        <input id="new-email" name="email" type="email" required aria-invalid=invalid(error, "email")/>
                        <FieldMessage error field="email"/>
                    </div>
                    <div class="field">
                        <label for="new-role">"Role"</label>
                        <select id="new-role" name="role">
                            <option value="agent">"Agent"</option>
                            <option value="admin">"Admin"</option>
                            <option value="customer">"Customer"</option>
                        </select>
                        <FieldMessage error field="role"/>
                    </div>
                    <div class="field">
                        <label for="new-password">"Starting password"</label>
                        <input id="new-password" name="password" type="password" required autocomplete="new-password" aria-invalid=invalid(error, "password")/>
                        <FieldMessage error field="password"/>
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>"Create user"</button>
                </div>
            </ActionForm>
        </section>
    }
}
