//! Server functions for reports: the reports page for a period and filters (admins, managers
//! and the agents an admin allows), and which agents may see reports (admins).

use crate::error::AppError;
use domain::reports::types::{Dashboard, ReportPage};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::reports::{access, dashboard, input::FilterInput, page},
};

#[server(prefix = "/fn", endpoint = "load_report")]
pub async fn load_report(
    from: Option<String>,
    to: Option<String>,
    team: Option<String>,
    category: Option<String>,
    priority: Option<String>,
    channel: Option<String>,
    organization: Option<String>,
    fields: Option<String>,
) -> Result<ReportPage, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let input = FilterInput { from, to, team, category, priority, channel, organization, fields };
    page::load(&desk.db, &actor, &input).await.map_err(fail)
}

/// The desk today, for the reports page's live figures.
#[server(prefix = "/fn", endpoint = "load_dashboard")]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    dashboard::today(&desk.db, &actor).await.map_err(fail)
}

/// Which agents may see reports (multipart): `agent_<id>` ticked for each one allowed.
#[server(prefix = "/fn", endpoint = "set_report_viewers", input = server_fn::codec::MultipartFormData)]
pub async fn set_report_viewers(data: server_fn::codec::MultipartData) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    domain::authorize(&actor, domain::Action::ConfigureDesk).map_err(fail)?;
    let form = super::multipart::read(data, 0).await?;
    let ids: Vec<i64> =
        form.pairs.iter().filter_map(|(name, _)| name.strip_prefix("agent_").and_then(|id| id.parse().ok())).collect();
    access::set_allowed_agents(&desk.db, &actor, ids).await.map_err(fail)
}
