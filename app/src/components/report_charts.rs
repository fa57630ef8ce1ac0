//! Report charts drawn on the server as SVG (readable without JavaScript, styled by classes
//! since the CSP allows no inline styles), each with its numbers as a table and a CSV download.

use domain::reports::types::DayRow;
use leptos::prelude::*;

const WIDTH: f64 = 720.0;
const LABEL: f64 = 170.0;
const BAR_MAX: f64 = 460.0;
const ROW: f64 = 26.0;

fn short(label: &str) -> String {
    if label.chars().count() > 24 {
        format!("{}…", label.chars().take(23).collect::<String>())
    } else {
        label.to_owned()
    }
}

/// A chart's frame: heading, the drawing, its table in a disclosure, and the CSV link.
#[component]
pub fn ChartCard(
    /// The chart's name in the CSV address (`volume`, `agents`, …).
    chart: &'static str,
    title: &'static str,
    /// The report's query string, which the CSV link repeats.
    query: String,
    /// Whether there is anything to draw.
    empty: bool,
    drawing: AnyView,
    table: AnyView,
) -> impl IntoView {
    let heading = format!("chart-{chart}");
    let labelled = heading.clone();
    let csv = format!("/reports/export/{chart}?{query}");
    view! {
        <section class="card report-chart" aria-labelledby=labelled>
            <div class="card-header">
                <h2 id=heading>{title}</h2>
                <a class="btn btn-secondary btn-small" href=csv download rel="external">{format!("Download CSV: {title}")}</a>
            </div>
            {if empty {
                view! { <p class="muted">"Nothing in this period."</p> }.into_any()
            } else {
                view! {
                    {drawing}
                    <details>
                        <summary>{format!("Table: {title}")}</summary>
                        {table}
                    </details>
                }
                .into_any()
            }}
        </section>
    }
}

/// Horizontal bars: one per row, `(label, value, value as written)`.
pub fn bars(title: &str, rows: &[(String, f64, String)]) -> AnyView {
    let max = rows.iter().map(|r| r.1).fold(0.0_f64, f64::max).max(1.0);
    let height = ROW * rows.len() as f64 + 8.0;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (label, value, written))| {
            let y = 4.0 + ROW * i as f64;
            let width = (value / max * BAR_MAX).max(if *value > 0.0 { 2.0 } else { 0.0 });
            view! {
                <g>
                    <title>{format!("{label}: {written}")}</title>
                    <text class="chart-label" x=(LABEL - 8.0).to_string() y=(y + 17.0).to_string() text-anchor="end">{short(label)}</text>
                    <rect class="chart-bar" x=LABEL.to_string() y=(y + 4.0).to_string() width=format!("{width:.1}") height=(ROW - 8.0).to_string()/>
                    <text class="chart-value" x=format!("{:.1}", LABEL + width + 6.0) y=(y + 17.0).to_string()>{written.clone()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" role="img" aria-label=title.to_owned() viewBox=format!("0 0 {WIDTH} {height}") preserveAspectRatio="xMinYMin meet">
            {bars}
        </svg>
    }
    .into_any()
}

/// Created and solved bars per day with the backlog as a line.
pub fn volume(title: &str, days: &[DayRow]) -> AnyView {
    let (left, right, top, bottom) = (44.0, WIDTH - 10.0, 16.0, 200.0);
    let max = days.iter().map(|d| d.created.max(d.solved).max(d.backlog)).max().unwrap_or(0).max(1) as f64;
    let slot = (right - left) / days.len().max(1) as f64;
    let y = |v: u64| bottom - (v as f64 / max) * (bottom - top);
    let bars = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let x = left + slot * i as f64;
            let w = (slot * 0.38).max(0.5);
            view! {
                <g>
                    <title>{format!("{}: {} created, {} solved, {} open at the end", d.day, d.created, d.solved, d.backlog)}</title>
                    <rect class="chart-bar chart-created" x=format!("{:.1}", x + slot * 0.08) y=format!("{:.1}", y(d.created)) width=format!("{w:.1}") height=format!("{:.1}", bottom - y(d.created))/>
                    <rect class="chart-bar chart-solved" x=format!("{:.1}", x + slot * 0.5) y=format!("{:.1}", y(d.solved)) width=format!("{w:.1}") height=format!("{:.1}", bottom - y(d.solved))/>
                </g>
            }
        })
        .collect_view();
    let line = days
        .iter()
        .enumerate()
        .map(|(i, d)| format!("{:.1},{:.1}", left + slot * (i as f64 + 0.5), y(d.backlog)))
        .collect::<Vec<_>>()
        .join(" ");
    let first = days.first().map(|d| d.day.to_string()).unwrap_or_default();
    let last = days.last().map(|d| d.day.to_string()).unwrap_or_default();
    view! {
        <svg class="chart" role="img" aria-label=title.to_owned() viewBox=format!("0 0 {WIDTH} 240") preserveAspectRatio="xMinYMin meet">
            <line class="chart-axis" x1=left.to_string() y1=bottom.to_string() x2=right.to_string() y2=bottom.to_string()/>
            <text class="chart-label" x=(left - 6.0).to_string() y=(top + 4.0).to_string() text-anchor="end">{format!("{max}")}</text>
            <text class="chart-label" x=(left - 6.0).to_string() y=bottom.to_string() text-anchor="end">"0"</text>
            {bars}
            <polyline class="chart-line" points=line/>
            <text class="chart-label" x=left.to_string() y="218">{first}</text>
            <text class="chart-label" x=right.to_string() y="218" text-anchor="end">{last}</text>
            <g class="chart-legend">
                <rect class="chart-bar chart-created" x=left.to_string() y="226" width="10" height="10"/>
                <text class="chart-label" x=(left + 14.0).to_string() y="235">"Created"</text>
                <rect class="chart-bar chart-solved" x=(left + 90.0).to_string() y="226" width="10" height="10"/>
                <text class="chart-label" x=(left + 104.0).to_string() y="235">"Solved"</text>
                <line class="chart-line" x1=(left + 170.0).to_string() y1="231" x2=(left + 184.0).to_string() y2="231"/>
                <text class="chart-label" x=(left + 190.0).to_string() y="235">"Open at the end of the day"</text>
            </g>
        </svg>
    }
    .into_any()
}

/// A plain table: a header row and the rows' cells.
pub fn table(caption: &str, header: &[&'static str], rows: Vec<Vec<String>>) -> AnyView {
    let header = header.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view();
    let rows = rows
        .into_iter()
        .map(|cells| {
            let mut cells = cells.into_iter();
            let first = cells.next().unwrap_or_default();
            view! {
                <tr>
                    <th scope="row">{first}</th>
                    {cells.map(|c| view! { <td>{c}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table">
            <caption class="sr-only">{caption.to_owned()}</caption>
            <thead><tr>{header}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
