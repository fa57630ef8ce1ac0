//! `/admin/users`: the user directory with filters and paging; inviting people (they choose their
//! own password), sending an invitation again or withdrawing it, sending a reset link,
//! deactivation.

use crate::{
    api::admin::{InviteUser, ResendInvitation, SendPasswordReset, SetUserActive, WithdrawInvitation, list_users},
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

/// What can be done to one user from their row.
#[derive(Clone, Copy)]
struct RowActions {
    toggle: ServerAction<SetUserActive>,
    resend: ServerAction<ResendInvitation>,
    withdraw: ServerAction<WithdrawInvitation>,
    reset: ServerAction<SendPasswordReset>,
}

impl RowActions {
    fn version(&self) -> usize {
        self.toggle.version().get() + self.resend.version().get() + self.withdraw.version().get()
    }
}

#[component]
fn UsersBody() -> impl IntoView {
    let create = ServerAction::<InviteUser>::new();
    let actions = RowActions {
        toggle: ServerAction::new(),
        resend: ServerAction::new(),
        withdraw: ServerAction::new(),
        reset: ServerAction::new(),
    };
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
        move || (filter(), create.version().get(), actions.version()),
        |((role, q, after), _, _)| list_users(Some(role), Some(q), after, None),
    );
    let row_error = Signal::derive(move || {
        action_error(actions.toggle)
            .get()
            .or_else(|| action_error(actions.resend).get())
            .or_else(|| action_error(actions.withdraw).get())
            .or_else(|| action_error(actions.reset).get())
    });
    let reset_sent = move || matches!(actions.reset.value().get(), Some(Ok(())));
    let resent = move || actions.resend.value().get().and_then(Result::ok).map(|u| u.email);
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Users"</h1>
                <p class="muted">"Everyone who can sign in to this desk."</p>
            </div>
            <FilterForm role=filter().0 q=filter().1/>
            <FormBanner error=row_error/>
            <Show when=reset_sent>
                <div class="notice notice-success" role="status">"Reset link sent."</div>
            </Show>
            {move || resent().map(|email| view! {
                <div class="notice notice-success" role="status">{format!("Invitation sent again to {email}.")}</div>
            })}
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
                                <UserTable users=page.items actions/>
                                {next.map(|href| view! { <p><a class="btn btn-secondary" href=href>"Next page"</a></p> })}
                            }
                            .into_any()
                        }
                    }
                })}
            </Transition>
            <InviteForm action=create/>
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
                    {option("manager", "Managers")}
                    {option("admin", "Admins")}
                </select>
            </div>
            <button type="submit" class="btn btn-secondary">"Filter"</button>
        </form>
    }
}

#[component]
fn UserTable(users: Vec<UserView>, actions: RowActions) -> impl IntoView {
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
                    {users.into_iter().map(|user| view! { <UserRow user actions/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One button that posts a user's id to one of the row's actions, named with the user's email.
macro_rules! row_button {
    ($action:expr, $id:expr, $label:literal, $email:expr, $class:literal) => {{
        let name = format!("{} {}", $label, $email);
        view! {
            <ActionForm action=$action attr:class="inline">
                <input type="hidden" name="user_id" value=$id.to_string()/>
                <button type="submit" class=$class aria-label=name>{$label}</button>
            </ActionForm>
        }
    }};
}

#[component]
fn UserRow(user: UserView, actions: RowActions) -> impl IntoView {
    let invited = user.active && !user.has_password && user.role.is_staff();
    let (status, status_class) = match (user.active, user.has_password) {
        (false, _) => ("Deactivated", "badge badge-inactive"),
        (true, false) if invited => ("Invited", "badge badge-pending"),
        (true, false) => ("No password yet", "badge badge-active"),
        (true, true) => ("Active", "badge badge-active"),
    };
    let last =
        user.last_sign_in_at.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_else(|| "Never".into());
    let (id, email) = (user.id, user.email.clone());
    let buttons = if invited {
        view! {
            {row_button!(actions.resend, id, "Send invitation again", email, "btn btn-secondary btn-small")}
            {row_button!(actions.withdraw, id, "Withdraw invitation", email, "btn btn-danger btn-small")}
        }
        .into_any()
    } else if user.active {
        view! {
            {row_button!(actions.reset, id, "Send reset link", email, "btn btn-secondary btn-small")}
            <ActionForm action=actions.toggle attr:class="inline">
                <input type="hidden" name="user_id" value=id.to_string()/>
                <input type="hidden" name="active" value="false"/>
                <button type="submit" class="btn btn-danger btn-small" aria-label=format!("Deactivate {email}")>"Deactivate"</button>
            </ActionForm>
        }
        .into_any()
    } else {
        view! {
            <ActionForm action=actions.toggle attr:class="inline">
                <input type="hidden" name="user_id" value=id.to_string()/>
                <input type="hidden" name="active" value="true"/>
                <button type="submit" class="btn btn-secondary btn-small" aria-label=format!("Reactivate {email}")>"Reactivate"</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <tr>
            <td>{user.name.clone()}</td>
            <td>{user.email.clone()}</td>
            <td><span class=format!("badge badge-{}", user.role.as_str())>{user.role.label()}</span></td>
            <td>{user.organization_name.clone().unwrap_or_default()}</td>
            <td><span class=status_class>{status}</span></td>
            <td class="small">{last}</td>
            <td class="row-actions">{buttons}</td>
        </tr>
    }
}

#[component]
fn InviteForm(action: ServerAction<InviteUser>) -> impl IntoView {
    let error = action_error(action);
    let invited = move || action.value().get().and_then(Result::ok).map(|u: UserView| u.email);
    view! {
        <section class="card">
            <h2>"Invite someone"</h2>
            <p class="muted">"They get an email with a link to choose their own password. The link holds 7 days; you can send it again or withdraw it from their row."</p>
            <FormBanner error/>
            {move || invited().map(|email| view! { <div class="notice notice-success" role="status">{format!("Invitation sent to {email}.")}</div> })}
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
                            <option value="manager">"Manager (runs their teams)"</option>
                            <option value="admin">"Admin"</option>
                            <option value="customer">"Customer"</option>
                        </select>
                        <FieldMessage error field="role"/>
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>"Send invitation"</button>
                </div>
            </ActionForm>
        </section>
    }
}
