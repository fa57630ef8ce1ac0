//! Reading custom fields for pages: the admin's Fields page, a ticket's fields as its viewer may
//! see them, and the category forms of the new-ticket page.

use super::{
    catalog::Fields,
    setup::value_counts,
    values,
    views::{AdminFieldRow, AdminFieldsView, CategoryFields, CategoryFormView, ShownField, TicketFieldsView},
};
use crate::{
    desk_config::Config,
    entities::ticket,
    error::DomainError,
    policy::{Action, Actor, TicketAction, authorize, can_on_ticket},
    ticket_access,
};
use sea_orm::ConnectionTrait;

pub async fn admin_page(db: &impl ConnectionTrait, actor: &Actor) -> Result<AdminFieldsView, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let fields = Fields::load(db).await?;
    let config = Config::load(db).await?;
    let counts = value_counts(db).await?;
    let categories: Vec<CategoryFormView> = config
        .categories
        .iter()
        .map(|c| CategoryFormView {
            id: c.id,
            name: c.name.clone(),
            active: c.active,
            fields: fields.forms.get(&c.id).cloned().unwrap_or_default(),
        })
        .collect();
    let rows = fields
        .all
        .iter()
        .map(|f| AdminFieldRow {
            field: f.clone(),
            tickets: counts.get(&f.id).copied().unwrap_or(0),
            forms: categories.iter().filter(|c| c.fields.contains(&f.id)).map(|c| c.name.clone()).collect(),
        })
        .collect();
    Ok(AdminFieldsView { fields: rows, categories })
}

/// A ticket's fields for its page, for whoever may view it.
pub async fn for_ticket(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ticket_id: i64,
) -> Result<TicketFieldsView, DomainError> {
    let (row, facts) = ticket_access::visible_ticket(db, actor, ticket_id).await?;
    if !can_on_ticket(actor, TicketAction::View, &facts) {
        return Err(DomainError::NotFound);
    }
    let staff = can_on_ticket(actor, TicketAction::SeeNotes, &facts);
    view_of(db, &row, staff, can_on_ticket(actor, TicketAction::Edit, &facts)).await
}

/// A ticket's fields as its viewer sees them: staff every active field, and retired ones that
/// hold a value; a customer the filled fields customers may see.
pub async fn view_of(
    db: &impl ConnectionTrait,
    row: &ticket::Model,
    staff: bool,
    editable: bool,
) -> Result<TicketFieldsView, DomainError> {
    let fields = Fields::load(db).await?;
    if fields.all.is_empty() {
        return Ok(TicketFieldsView::default());
    }
    let values = values::of_ticket(db, &fields, row.id).await?;
    let required: Vec<i64> = fields.required_of_agents(row.category_id).iter().map(|f| f.id).collect();
    let shown = fields
        .all
        .iter()
        .filter(|f| {
            let has = values.contains_key(&f.id);
            if staff { f.active || has } else { f.customers_see && has }
        })
        .map(|f| ShownField {
            field: f.clone(),
            value: values.get(&f.id).cloned(),
            required_to_solve: required.contains(&f.id),
        })
        .collect();
    Ok(TicketFieldsView { fields: shown, editable })
}

/// Each active category's form, for the new-ticket page (categories without fields left out).
pub async fn forms(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<CategoryFields>, DomainError> {
    authorize(actor, Action::CreateTicket)?;
    let fields = Fields::load(db).await?;
    let config = Config::load(db).await?;
    Ok(config
        .categories
        .iter()
        .filter(|c| c.active)
        .map(|c| CategoryFields { category_id: c.id, fields: fields.form(Some(c.id)).into_iter().cloned().collect() })
        .filter(|c| !c.fields.is_empty())
        .collect())
}

/// The field definitions for the API, each with the categories whose form shows it: staff see
/// every field (retired ones too), customers the active ones they see.
pub async fn for_api(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<(super::types::FieldDefinition, Vec<i64>)>, DomainError> {
    authorize(actor, Action::CreateTicket)?;
    let staff = actor.role().is_some_and(crate::Role::is_staff);
    let fields = Fields::load(db).await?;
    let mut out = Vec::new();
    for f in fields.all.iter().filter(|f| staff || (f.active && f.customers_see)) {
        let mut categories: Vec<i64> =
            fields.forms.iter().filter(|(_, ids)| ids.contains(&f.id)).map(|(category, _)| *category).collect();
        categories.sort_unstable();
        out.push((f.clone(), categories));
    }
    Ok(out)
}
