//! `/reports`: how the desk did in a period (30 days by default) against the period before, for
//! admins, managers and the agents an admin allows. The filters are a plain GET form, so every
//! report has its own address; each chart is SVG drawn on the server, with its table and CSV.
//! Admins choose here which agents may see reports.

use crate::{
    api::reports::{SetReportViewers, load_dashboard, load_report, set_report_viewers},
    components::{
        form_feedback::{FieldMessage, FormBanner},
        multipart_form::Submission,
        report_charts::{ChartCard, bars, table, volume},
        require_role::RequireRole,
    },
    error::AppError,
};
use domain::{
    ErrorCode, Role,
    reports::types::{
        Compared, CsatRow, DurationStats, ReportFilter, ReportPage, Share, TimeRow, ViewerChoice, WorkloadRow,
    },
    ticket_types::{Channel, OptionView},
    time_tracking::types::format_duration,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

const FILTERS: [&str; 8] = ["from", "to", "team", "category", "priority", "channel", "organization", "fields"];

#[component]
pub fn ReportsPage() -> impl IntoView {
    view! {
        <Title text="Reports"/>
        <RequireRole allow=Role::is_staff>
            <ReportsBody/>
        </RequireRole>
    }
}

#[component]
fn ReportsBody() -> impl IntoView {
    let query = use_query_map();
    let viewers = Submission::new(SetReportViewers::PATH);
    let asked = move || {
        let query = query.read();
        FILTERS.map(|name| query.get(name).filter(|v| !v.trim().is_empty()))
    };
    let page = Resource::new(
        move || (asked(), viewers.version.get()),
        |([from, to, team, category, priority, channel, organization, fields], _)| {
            load_report(from, to, team, category, priority, channel, organization, fields)
        },
    );
    view! {
        <main class="page">
            <div class="page-header">
                <h1>"Reports"</h1>
                <p class="muted">"Each figure is for the chosen days (UTC) and filters, beside the same number of days just before."</p>
            </div>
            <TodayCard/>
            <Transition fallback=|| view! { <p class="muted">"Counting…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <Report page viewers/> }.into_any(),
                        Err(err) if err.code == ErrorCode::Forbidden => view! {
                            <p role="alert">"Reports are for admins, managers and the agents an admin allows. Ask an admin for access."</p>
                        }
                        .into_any(),
                        Err(err) => {
                            let error = Signal::derive(move || Some(err.clone()));
                            let typed = query.read_untracked().get("fields").unwrap_or_default();
                            view! {
                                <FilterForm filter=None typed options=Default::default() error/>
                            }
                            .into_any()
                        }
                    }
                })}
            </Transition>
        </main>
    }
}

/// The desk today, refetched whenever anything the viewer may see changes.
#[component]
fn TodayCard() -> impl IntoView {
    let live = crate::live::use_live();
    let today = Resource::new(move || live.any(), |_| load_dashboard());
    let figure = |label: &'static str, value: String| {
        view! {
            <div class="figure">
                <dt>{label}</dt>
                <dd class="figure-value">{value}</dd>
            </div>
        }
    };
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                today.await.ok().map(|d| view! {
                    <section class="card" aria-labelledby="today-heading">
                        <h2 id="today-heading">"Today"</h2>
                        <dl class="figures">
                            {figure("Open now", d.open.to_string())}
                            {figure("Unassigned", d.unassigned.to_string())}
                            {figure("Waiting on the customer", d.waiting_on_customer.to_string())}
                            {figure("Past an SLA target", d.overdue.to_string())}
                            {figure("Created today", d.created_today.to_string())}
                            {figure("Solved today", d.solved_today.to_string())}
                            {figure("Satisfied today", format!("{} of {}", d.satisfied_today.part, d.satisfied_today.whole))}
                        </dl>
                        <p class="muted small">{format!("As of {} UTC; updates by itself as tickets change.", d.at.format("%H:%M"))}</p>
                    </section>
                })
            })}
        </Transition>
    }
}

fn query_of(filter: &ReportFilter) -> String {
    let mut parts = vec![format!("from={}", filter.from), format!("to={}", filter.to)];
    let mut add = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            parts.push(format!("{name}={value}"));
        }
    };
    add("team", filter.team_id.map(|v| v.to_string()));
    add("category", filter.category_id.map(|v| v.to_string()));
    add("priority", filter.priority_id.map(|v| v.to_string()));
    add("channel", filter.channel.map(|c| c.as_str().to_owned()));
    add("organization", filter.organization_id.map(|v| v.to_string()));
    add("fields", Some(&filter.fields).filter(|f| !f.is_empty()).map(|f| leptos_router::location::Url::escape(f)));
    parts.join("&")
}

#[component]
fn FilterForm(
    filter: Option<ReportFilter>,
    /// The custom-field terms as typed, when no report came back to show them.
    #[prop(optional)]
    typed: String,
    options: domain::reports::types::ReportOptions,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let from = filter.as_ref().map(|f| f.from.to_string()).unwrap_or_default();
    let to = filter.as_ref().map(|f| f.to.to_string()).unwrap_or_default();
    let choose = |name: &'static str, label: &'static str, chosen: Option<i64>, list: Vec<OptionView>| {
        let id = format!("report-{name}");
        let for_id = id.clone();
        view! {
            <div class="field">
                <label for=for_id>{label}</label>
                <select id=id name=name>
                    <option value="">"Any"</option>
                    {list.into_iter().map(|o| view! { <option value=o.id.to_string() selected=chosen == Some(o.id)>{o.name}</option> }).collect_view()}
                </select>
                <FieldMessage error field=name/>
            </div>
        }
    };
    let channel = filter.as_ref().and_then(|f| f.channel);
    let fields = filter.as_ref().map_or(typed, |f| f.fields.clone());
    view! {
        <form method="get" action="/reports" class="card form report-filters" aria-label="Report period and filters">
            <FormBanner error/>
            <div class="field-row">
                <div class="field">
                    <label for="report-from">"From"</label>
                    <input id="report-from" type="date" name="from" value=from/>
                    <FieldMessage error field="from"/>
                </div>
                <div class="field">
                    <label for="report-to">"To"</label>
                    <input id="report-to" type="date" name="to" value=to/>
                    <FieldMessage error field="to"/>
                </div>
                {choose("team", "Team", filter.as_ref().and_then(|f| f.team_id), options.teams)}
                {choose("category", "Category", filter.as_ref().and_then(|f| f.category_id), options.categories)}
                {choose("priority", "Priority", filter.as_ref().and_then(|f| f.priority_id), options.priorities)}
                <div class="field">
                    <label for="report-channel">"Channel"</label>
                    <select id="report-channel" name="channel">
                        <option value="">"Any"</option>
                        {Channel::ALL.into_iter().map(|c| view! { <option value=c.as_str() selected=channel == Some(c)>{c.as_str()}</option> }).collect_view()}
                    </select>
                    <FieldMessage error field="channel"/>
                </div>
                {choose("organization", "Organization", filter.as_ref().and_then(|f| f.organization_id), options.organizations)}
            </div>
            <div class="field">
                <label for="report-fields">"Custom fields"</label>
                <input id="report-fields" type="text" name="fields" value=fields maxlength="500" aria-describedby="report-fields-hint"
                    placeholder="field:\"Devices affected\">10"/>
                <p id="report-fields-hint" class="muted small">"Terms as in search, such as field:\"Contract\"=A-123; leave empty for every ticket."</p>
                <FieldMessage error field="fields"/>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary">"Show report"</button>
            </div>
        </form>
    }
}

fn change(now: f64, before: f64) -> String {
    if before == 0.0 {
        return String::new();
    }
    let percent = ((now - before) / before * 100.0).round();
    if percent > 0.0 { format!(" (+{percent}%)") } else { format!(" ({percent}%)") }
}

fn count_figure(label: &'static str, c: Compared<u64>) -> AnyView {
    view! {
        <div class="figure">
            <dt>{label}</dt>
            <dd class="figure-value">{c.now.to_string()}</dd>
            <dd class="muted small">{format!("Before: {}{}", c.before, change(c.now as f64, c.before as f64))}</dd>
        </div>
    }
    .into_any()
}

fn minutes(value: Option<i64>) -> String {
    value.map_or_else(|| "–".to_owned(), format_duration)
}

fn duration_figure(label: &'static str, c: Compared<DurationStats>) -> AnyView {
    view! {
        <div class="figure">
            <dt>{label}</dt>
            <dd class="figure-value">{format!("{} median", minutes(c.now.median_minutes))}</dd>
            <dd class="small">{format!("{} at the 90th percentile, of {}", minutes(c.now.p90_minutes), c.now.count)}</dd>
            <dd class="muted small">{format!("Before: {} median, {} at the 90th", minutes(c.before.median_minutes), minutes(c.before.p90_minutes))}</dd>
        </div>
    }
    .into_any()
}

fn percent(share: Share) -> String {
    share.percent().map_or_else(|| "–".to_owned(), |p| format!("{p}%"))
}

fn share_figure(label: &'static str, c: Compared<Share>, of: &'static str) -> AnyView {
    view! {
        <div class="figure">
            <dt>{label}</dt>
            <dd class="figure-value">{percent(c.now)}</dd>
            <dd class="small">{format!("{} of {} {of}", c.now.part, c.now.whole)}</dd>
            <dd class="muted small">{format!("Before: {}", percent(c.before))}</dd>
        </div>
    }
    .into_any()
}

fn workload_card(
    chart: &'static str,
    title: &'static str,
    who: &'static str,
    rows: &[WorkloadRow],
    query: &str,
) -> AnyView {
    let drawn: Vec<(String, f64, String)> = rows
        .iter()
        .map(|r| (r.name.clone(), (r.open + r.solved) as f64, format!("{} open, {} solved", r.open, r.solved)))
        .collect();
    let cells = rows
        .iter()
        .map(|r| vec![r.name.clone(), r.open.to_string(), r.solved.to_string(), format_duration(r.minutes)])
        .collect();
    view! {
        <ChartCard chart title query=query.to_owned() empty=rows.is_empty()
            drawing=bars(title, &drawn) table=table(title, &[who, "Open now", "Solved", "Time logged"], cells)/>
    }
    .into_any()
}

fn csat_card(chart: &'static str, title: &'static str, who: &'static str, rows: &[CsatRow], query: &str) -> AnyView {
    let drawn: Vec<(String, f64, String)> = rows
        .iter()
        .map(|r| {
            (
                r.name.clone(),
                f64::from(r.satisfied.percent().unwrap_or(0)),
                format!("{} of {}", percent(r.satisfied), r.satisfied.whole),
            )
        })
        .collect();
    let cells = rows
        .iter()
        .map(|r| {
            vec![r.name.clone(), r.satisfied.part.to_string(), r.satisfied.whole.to_string(), percent(r.satisfied)]
        })
        .collect();
    view! {
        <ChartCard chart title query=query.to_owned() empty=rows.is_empty()
            drawing=bars(title, &drawn) table=table(title, &[who, "Satisfied", "Answers", "Satisfied %"], cells)/>
    }
    .into_any()
}

fn time_card(chart: &'static str, title: &'static str, who: &'static str, rows: &[TimeRow], query: &str) -> AnyView {
    let drawn: Vec<(String, f64, String)> =
        rows.iter().map(|r| (r.name.clone(), r.minutes as f64, format_duration(r.minutes))).collect();
    let cells = rows.iter().map(|r| vec![r.name.clone(), format_duration(r.minutes), r.tickets.to_string()]).collect();
    view! {
        <ChartCard chart title query=query.to_owned() empty=rows.is_empty()
            drawing=bars(title, &drawn) table=table(title, &[who, "Time logged", "Tickets"], cells)/>
    }
    .into_any()
}

#[component]
fn Report(page: ReportPage, viewers: Submission<()>) -> impl IntoView {
    let report = page.report;
    let query = query_of(&report.filter);
    let no_error = Signal::derive(|| None);
    let days_cells = report
        .days
        .iter()
        .map(|d| vec![d.day.to_string(), d.created.to_string(), d.solved.to_string(), d.backlog.to_string()])
        .collect();
    let channel_rows: Vec<(String, f64, String)> =
        report.channels.iter().map(|c| (c.name.clone(), c.count as f64, c.count.to_string())).collect();
    let channel_cells = report.channels.iter().map(|c| vec![c.name.clone(), c.count.to_string()]).collect();
    let volume_title = "Created, solved and backlog by day";
    view! {
        <FilterForm filter=Some(report.filter.clone()) options=page.options error=no_error/>
        <section class="card" aria-labelledby="summary-heading">
            <div class="card-header">
                <h2 id="summary-heading">"Summary"</h2>
                <a class="btn btn-secondary btn-small" href=format!("/reports/export/summary?{query}") download rel="external">"Download CSV: Summary"</a>
            </div>
            <dl class="figures">
                {count_figure("Tickets created", report.created)}
                {count_figure("Tickets solved", report.solved)}
                {duration_figure("First response", report.first_response)}
                {duration_figure("Resolution", report.resolution)}
                {share_figure("SLA attainment", report.sla, "targets")}
                {share_figure("Reopen rate", report.reopened, "solved")}
                {share_figure("Satisfied customers", report.csat, "answers")}
            </dl>
        </section>
        <ChartCard chart="volume" title=volume_title query=query.clone() empty=report.days.iter().all(|d| d.created == 0 && d.solved == 0 && d.backlog == 0)
            drawing=volume(volume_title, &report.days) table=table(volume_title, &["Day", "Created", "Solved", "Open at the end"], days_cells)/>
        <ChartCard chart="channels" title="Channel mix" query=query.clone() empty=report.channels.is_empty()
            drawing=bars("Channel mix", &channel_rows) table=table("Channel mix", &["Channel", "Tickets"], channel_cells)/>
        {workload_card("agents", "Agent workload", "Agent", &report.agents, &query)}
        {workload_card("teams", "Team workload", "Team", &report.teams, &query)}
        {csat_card("csat-agents", "Satisfaction by agent", "Agent", &report.csat_by_agent, &query)}
        {csat_card("csat-teams", "Satisfaction by team", "Team", &report.csat_by_team, &query)}
        {csat_card("csat-categories", "Satisfaction by category", "Category", &report.csat_by_category, &query)}
        {time_card("time-agents", "Time by agent", "Agent", &report.time_by_agent, &query)}
        {time_card("time-teams", "Time by team", "Team", &report.time_by_team, &query)}
        {time_card("time-organizations", "Time by organization", "Organization", &report.time_by_organization, &query)}
        {time_card("time-categories", "Time by category", "Category", &report.time_by_category, &query)}
        {page.viewers.map(|choices| view! { <ViewersForm choices submission=viewers/> })}
    }
}

#[component]
fn ViewersForm(choices: Vec<ViewerChoice>, submission: Submission<()>) -> impl IntoView {
    let error = submission.error();
    let saved = move || matches!(submission.result.get(), Some(Ok(())));
    view! {
        <section class="card" aria-labelledby="viewers-heading">
            <h2 id="viewers-heading">"Agents who may see reports"</h2>
            <p class="muted">"Admins and managers always may."</p>
            <FormBanner error/>
            {move || saved().then(|| view! { <div class="notice notice-success" role="status">"Saved."</div> })}
            <form method="post" action=SetReportViewers::PATH enctype="multipart/form-data" class="form"
                on:submit=move |ev: web_sys::SubmitEvent| submission.submit(ev, set_report_viewers)>
                {if choices.is_empty() {
                    view! { <p class="muted">"There are no active agents."</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain stack">
                            {choices.into_iter().map(|c| view! {
                                <li>
                                    <label class="choice">
                                        <input type="checkbox" name=format!("agent_{}", c.id) value="on" checked=c.allowed/>
                                        " " {c.name}
                                    </label>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
                <FieldMessage error field="agents"/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-secondary">"Save who may see reports"</button>
                </div>
            </form>
        </section>
    }
}
