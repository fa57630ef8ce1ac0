//! The reports page as one read: the report for the asked period and filters, what the filters
//! offer, and, for admins, which agents may see reports.

use super::{
    access, compute,
    input::{self, FilterInput},
    types::{ReportOptions, ReportPage, ViewerChoice},
};
use crate::{
    desk_config::Config,
    entities::{organization, user},
    error::DomainError,
    policy::Actor,
    role::Role,
    ticket_types::OptionView,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

pub async fn load(db: &DatabaseConnection, actor: &Actor, input: &FilterInput) -> Result<ReportPage, DomainError> {
    access::check(db, actor).await?;
    let filter = input::parse(input, crate::clock::now().date_naive())?;
    let report = compute::compute(db, filter).await?;
    let config = Config::load(db).await?;
    let option = |id: i64, name: &str| OptionView { id, name: name.to_owned() };
    let organizations = organization::Entity::find().order_by_asc(organization::Column::Name).all(db).await?;
    let options = ReportOptions {
        teams: config.teams.iter().map(|t| option(t.id, &t.name)).collect(),
        categories: config.categories.iter().map(|c| option(c.id, &c.name)).collect(),
        priorities: config.priorities.iter().map(|p| option(p.id, &p.name)).collect(),
        organizations: organizations.iter().map(|o| option(o.id, &o.name)).collect(),
    };
    let viewers = if actor.role() == Some(Role::Admin) {
        let allowed = access::allowed_agents(db).await?;
        let agents = user::Entity::find()
            .filter(user::Column::Role.eq(Role::Agent))
            .filter(user::Column::Active.eq(true))
            .order_by_asc(user::Column::Name)
            .all(db)
            .await?;
        Some(
            agents
                .into_iter()
                .map(|u| ViewerChoice { allowed: allowed.contains(&u.id), id: u.id, name: u.name })
                .collect(),
        )
    } else {
        None
    };
    Ok(ReportPage { report, options, viewers })
}
