//! `/admin/organizations`: every organization with its domains, members and sharing, and the
//! form that creates one.

use crate::{
    api::organizations::{CreateOrganization, list_organizations},
    components::{
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        require_role::RequireRole,
    },
};
use domain::{Role, views::OrganizationView};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminOrganizationsPage() -> impl IntoView {
    view! {
        <Title text="Organizations"/>
        <RequireRole allow=|role| role == Role::Admin>
            <OrganizationsBody/>
        </RequireRole>
    }
}

#[component]
fn OrganizationsBody() -> impl IntoView {
    let create = ServerAction::<CreateOrganization>::new();
    let list = Resource::new(move || create.version().get(), |_| list_organizations());
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Organizations"</h1>
                <p class="muted">
                    "The companies customers belong to. People whose proved address is at one of an organization's domains join it by themselves."
                </p>
            </div>
            <Transition fallback=|| view! { <p class="muted">"Loading organizations…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                        Ok(items) if items.is_empty() => view! {
                            <div class="empty-state"><p>"No organizations yet. Create the first one below."</p></div>
                        }
                        .into_any(),
                        Ok(items) => view! { <OrganizationTable items/> }.into_any(),
                    }
                })}
            </Transition>
            <CreateOrganizationForm action=create/>
        </main>
    }
}

#[component]
fn OrganizationTable(items: Vec<OrganizationView>) -> impl IntoView {
    let rows = items
        .into_iter()
        .map(|o| {
            let domains = if o.domains.is_empty() { "None".to_owned() } else { o.domains.join(", ") };
            view! {
                <tr>
                    <td><a href=format!("/admin/organizations/{}", o.id)>{o.name}</a></td>
                    <td>{domains}</td>
                    <td>{o.members}</td>
                    <td>{if o.shares_tickets { "Shared" } else { "Private" }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="sr-only">"Organizations"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email domains"</th>
                        <th scope="col">"Members"</th>
                        <th scope="col">"Members' tickets"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn CreateOrganizationForm(action: ServerAction<CreateOrganization>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <section class="card">
            <h2>"Create an organization"</h2>
            <FormBanner error/>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <div class="field">
                    <label for="organization-name">"Name"</label>
                    <input id="organization-name" name="name" required maxlength="200" aria-invalid=invalid(error, "name")/>
                    <FieldMessage error field="name"/>
                </div>
                <OrganizationDomainsField id="organization-domains" value=String::new() error/>
                <label>
                    <input type="checkbox" name="shares_tickets" value="on"/>
                    " Members see each other's tickets"
                </label>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">"Create organization"</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// The domains box of the create and edit forms.
#[component]
pub fn OrganizationDomainsField(
    id: &'static str,
    value: String,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let hint = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id>"Email domains"</label>
            <textarea id=id name="domains" rows="3" aria-describedby=hint.clone() aria-invalid=invalid(error, "domains")>{value}</textarea>
            <p class="muted small" id=hint>
                "One per line, like acme.example. Customers join once they have proved an address there; public mail providers are refused."
            </p>
            <FieldMessage error field="domains"/>
        </div>
    }
}
