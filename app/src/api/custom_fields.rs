//! Server functions for custom fields: the admin's Fields page (adding and changing fields,
//! each category's form), a ticket's fields and changing them, and the category forms the
//! new-ticket page shows. Forms whose inputs are named by field (`field_<id>`) post multipart,
//! so they work with JavaScript off and carry any number of inputs.

use crate::error::AppError;
use domain::custom_fields::views::{AdminFieldsView, CategoryFields, TicketFieldsView};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::form::checked,
    crate::ssr::{self, fail},
    domain::{
        DomainError,
        custom_fields::{
            input::form_name,
            queries,
            setup::{self, FieldInput},
            types::FieldKind,
        },
        tickets::custom_values,
    },
};

#[server(prefix = "/fn", endpoint = "load_custom_fields")]
pub async fn load_custom_fields() -> Result<AdminFieldsView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    queries::admin_page(&desk.db, &actor).await.map_err(fail)
}

/// The field form's inputs, as posted (an unticked checkbox is absent).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct FieldForm {
    pub name: String,
    pub kind: Option<String>,
    pub help: Option<String>,
    pub options: Option<String>,
    pub required_for_customers: Option<String>,
    pub required_for_agents: Option<String>,
    pub min: Option<String>,
    pub max: Option<String>,
    pub pattern: Option<String>,
    pub pattern_hint: Option<String>,
    pub customers_see: Option<String>,
    pub show_in_lists: Option<String>,
    pub active: Option<String>,
    pub position: Option<String>,
}

#[cfg(feature = "ssr")]
fn input_of(form: FieldForm, adding: bool) -> Result<FieldInput, AppError> {
    let kind = match form.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
        None => None,
        Some(k) => {
            Some(FieldKind::parse(k).ok_or_else(|| fail(DomainError::field("kind", "Choose what the field holds")))?)
        }
    };
    let text = |v: Option<String>| v.unwrap_or_default();
    Ok(FieldInput {
        name: form.name,
        help: text(form.help),
        kind,
        options: text(form.options),
        required_for_customers: checked(form.required_for_customers.as_deref()),
        required_for_agents: checked(form.required_for_agents.as_deref()),
        min: text(form.min),
        max: text(form.max),
        pattern: text(form.pattern),
        pattern_hint: text(form.pattern_hint),
        customers_see: checked(form.customers_see.as_deref()),
        show_in_lists: checked(form.show_in_lists.as_deref()),
        // A new field is active; an edit says so with its checkbox.
        active: adding || checked(form.active.as_deref()),
        position: text(form.position),
    })
}

#[server(prefix = "/fn", endpoint = "create_custom_field")]
pub async fn create_custom_field(#[server(flatten)] field: FieldForm) -> Result<i64, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    setup::create(&desk.db, &actor, input_of(field, true)?).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "update_custom_field")]
pub async fn update_custom_field(field_id: i64, #[server(flatten)] field: FieldForm) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    setup::update(&desk.db, &actor, field_id, input_of(field, false)?).await.map_err(fail)
}

/// A category's form (multipart): `category_id`, and for each field offered `position_<id>`,
/// with `on_<id>` ticked for those the form shows. The form lists them by position.
#[server(prefix = "/fn", endpoint = "set_category_form", input = server_fn::codec::MultipartFormData)]
pub async fn set_category_form(data: server_fn::codec::MultipartData) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    let form = super::multipart::read(data, 0).await?;
    let category_id: i64 = form
        .text("category_id")
        .trim()
        .parse()
        .map_err(|_| fail(DomainError::field("category_id", "Choose a category")))?;
    let mut chosen: Vec<(i32, usize, i64)> = Vec::new();
    for (index, (name, _)) in form.pairs.iter().enumerate() {
        let Some(id) = name.strip_prefix("on_").and_then(|id| id.parse::<i64>().ok()) else { continue };
        let position = form.text(&format!("position_{id}"));
        let position = match position.trim() {
            "" => i32::MAX,
            text => domain::desk_config::types::parse_order(text)
                .map_err(|m| fail(DomainError::field(&format!("position_{id}"), m)))?,
        };
        chosen.push((position, index, id));
    }
    chosen.sort_unstable();
    let ids: Vec<i64> = chosen.into_iter().map(|(_, _, id)| id).collect();
    setup::set_form(&desk.db, &actor, category_id, &ids).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "load_ticket_fields")]
pub async fn load_ticket_fields(ticket_id: i64) -> Result<TicketFieldsView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    queries::for_ticket(&desk.db, &actor, ticket_id).await.map_err(fail)
}

/// A ticket's fields (multipart): `ticket_id` and `field_<id>` inputs; a field sent empty is
/// cleared, a field not sent stays.
#[server(prefix = "/fn", endpoint = "set_ticket_fields", input = server_fn::codec::MultipartFormData)]
pub async fn set_ticket_fields(data: server_fn::codec::MultipartData) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::UseAgentWorkspace).map_err(fail)?;
    let form = super::multipart::read(data, 0).await?;
    let ticket_id: i64 =
        form.text("ticket_id").trim().parse().map_err(|_| fail(DomainError::field("ticket_id", "Choose a ticket")))?;
    custom_values::set(&desk.db, &actor, ticket_id, form.custom_fields(), form_name).await.map_err(fail)?;
    Ok(())
}

#[server(prefix = "/fn", endpoint = "load_category_forms")]
pub async fn load_category_forms() -> Result<Vec<CategoryFields>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    queries::forms(&desk.db, &actor).await.map_err(fail)
}
