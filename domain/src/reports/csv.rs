//! Every chart of a report as a CSV file (RFC 4180: comma-separated, quoted where needed, CRLF
//! line ends), the same rows its table shows. Cells that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`) are written with a leading apostrophe.

use super::types::{Compared, CsatRow, DurationStats, ReportView, Share, TimeRow, WorkloadRow};

/// The charts a report has, by the name their CSV goes by, with their titles.
pub const CHARTS: [(&str, &str); 12] = [
    ("summary", "Summary"),
    ("volume", "Created, solved and backlog by day"),
    ("channels", "Channel mix"),
    ("agents", "Agent workload"),
    ("teams", "Team workload"),
    ("csat-agents", "Satisfaction by agent"),
    ("csat-teams", "Satisfaction by team"),
    ("csat-categories", "Satisfaction by category"),
    ("time-agents", "Time by agent"),
    ("time-teams", "Time by team"),
    ("time-organizations", "Time by organization"),
    ("time-categories", "Time by category"),
];

fn cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_owned() };
    if guarded.contains([',', '"', '\n', '\r']) { format!("\"{}\"", guarded.replace('"', "\"\"")) } else { guarded }
}

fn table(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = header.iter().map(|h| cell(h)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

fn opt(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn share_cells(share: Share) -> Vec<String> {
    vec![share.part.to_string(), share.whole.to_string(), opt(share.percent())]
}

fn summary(report: &ReportView) -> String {
    let count = |name: &str, c: Compared<u64>| vec![name.to_owned(), c.now.to_string(), c.before.to_string()];
    let minutes = |name: &str, c: Compared<DurationStats>, pick: fn(&DurationStats) -> Option<i64>| {
        vec![name.to_owned(), opt(pick(&c.now)), opt(pick(&c.before))]
    };
    let percent = |name: &str, c: Compared<Share>| vec![name.to_owned(), opt(c.now.percent()), opt(c.before.percent())];
    table(
        &["figure", "this period", "previous period"],
        [
            count("tickets created", report.created),
            count("tickets solved", report.solved),
            minutes("first response, median minutes", report.first_response, |s| s.median_minutes),
            minutes("first response, 90th percentile minutes", report.first_response, |s| s.p90_minutes),
            minutes("resolution, median minutes", report.resolution, |s| s.median_minutes),
            minutes("resolution, 90th percentile minutes", report.resolution, |s| s.p90_minutes),
            percent("SLA attainment %", report.sla),
            percent("reopen rate %", report.reopened),
            percent("satisfied %", report.csat),
        ],
    )
}

fn workload(rows: &[WorkloadRow], what: &str) -> String {
    table(
        &[what, "open now", "solved", "minutes logged"],
        rows.iter().map(|r| vec![r.name.clone(), r.open.to_string(), r.solved.to_string(), r.minutes.to_string()]),
    )
}

fn csat(rows: &[CsatRow], what: &str) -> String {
    table(
        &[what, "satisfied", "answers", "satisfied %"],
        rows.iter().map(|r| [vec![r.name.clone()], share_cells(r.satisfied)].concat()),
    )
}

fn time(rows: &[TimeRow], what: &str) -> String {
    table(
        &[what, "minutes", "tickets"],
        rows.iter().map(|r| vec![r.name.clone(), r.minutes.to_string(), r.tickets.to_string()]),
    )
}

/// The CSV of one chart, `None` for a name no chart has.
pub fn of(report: &ReportView, chart: &str) -> Option<String> {
    Some(match chart {
        "summary" => summary(report),
        "volume" => table(
            &["day", "created", "solved", "backlog"],
            report
                .days
                .iter()
                .map(|d| vec![d.day.to_string(), d.created.to_string(), d.solved.to_string(), d.backlog.to_string()]),
        ),
        "channels" => {
            table(&["channel", "tickets"], report.channels.iter().map(|c| vec![c.name.clone(), c.count.to_string()]))
        }
        "agents" => workload(&report.agents, "agent"),
        "teams" => workload(&report.teams, "team"),
        "csat-agents" => csat(&report.csat_by_agent, "agent"),
        "csat-teams" => csat(&report.csat_by_team, "team"),
        "csat-categories" => csat(&report.csat_by_category, "category"),
        "time-agents" => time(&report.time_by_agent, "agent"),
        "time-teams" => time(&report.time_by_team, "team"),
        "time-organizations" => time(&report.time_by_organization, "organization"),
        "time-categories" => time(&report.time_by_category, "category"),
        _ => return None,
    })
}

/// The file name of a chart's CSV for a report's period.
pub fn file_name(report: &ReportView, chart: &str) -> String {
    format!("docket-{chart}-{}-to-{}.csv", report.filter.from, report.filter.to)
}

#[cfg(test)]
mod tests {
    use super::{cell, table};

    #[test]
    fn cells_are_quoted_and_formulas_disarmed() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(table(&["a", "b"], [vec!["1".to_owned(), "x\ny".to_owned()]]), "a,b\r\n1,\"x\ny\"\r\n");
    }
}
