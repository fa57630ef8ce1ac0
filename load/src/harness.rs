//! The whole measurement, in order: data set, server start-up, sign-ins, the closed-loop
//! workloads, the help center's first load, the live fan-out on a fresh server per subscriber
//! count, then the ceilings.

use anyhow::{Context, bail};
use std::sync::Arc;

use crate::{
    args::{Settings, Workload},
    ceilings,
    dataset::{self, DataSet},
    first_load,
    help::HelpCenter,
    limits, live, memory,
    online::OnlineAgents,
    pgbench,
    report::{Ceilings, Cell, Report},
    runner,
    server::{Server, free_port, signed_in},
    stats::{Latency, median_index},
    workloads::{self, Desk},
};

/// The demo staff; each signs in once and its session is shared by the connections.
const STAFF: [&str; 5] = [
    "agent@example.com",
    "sam.rivera@example.com",
    "priya.natarajan@example.com",
    "jordan.lee@example.com",
    "admin@example.com",
];
/// Tickets that W5 may reply to.
const REPLY_TARGETS: usize = 200;
/// W8's customers: one per connection, spread over the 5,000 (a few belong to an organization).
fn customer(connection: usize) -> String {
    seed::bench::customer_email((1 + connection * 311) % seed::bench::CUSTOMERS)
}

pub async fn run(settings: &Settings) -> anyhow::Result<Report> {
    let live_wanted = settings.workloads.contains(&Workload::W6);
    let open_files = limits::raise_open_files();
    let most = settings.subscribers.iter().copied().max().unwrap_or(0) as u64;
    if live_wanted && open_files < most + limits::HEADROOM {
        bail!(
            "w6 with {most} subscribers needs an open-file limit above {}, and it is {open_files} (the hard limit): \
             run `ulimit -n {}` first, or pass fewer --subscribers",
            most + limits::HEADROOM,
            (most + limits::HEADROOM).max(4096)
        );
    }
    let data = DataSet::prepare(settings).await?;
    let result = measure(settings, &data).await;
    data.clean_up().await;
    result
}

async fn measure(settings: &Settings, data: &DataSet) -> anyhow::Result<Report> {
    let database = data.memory_scope().await;
    let port = free_port()?;
    let site = settings.site.as_deref();
    if site.is_none() {
        eprintln!("docket-load: no built site (cargo xtask build --release, or --site): pages go without CSS and JS");
    }
    let mut server = Server::start(&settings.docket, data, port, site).await?;
    let started_in = server.started_in;
    eprintln!("docket-load: serving at {} (up in {:.0} ms)", server.base, started_in.as_secs_f64() * 1000.0);
    let base = server.base.clone();
    let mut staff = Vec::new();
    for email in STAFF {
        staff.push(signed_in(&base, email).await?);
    }
    let unsolved = if settings.workloads.contains(&Workload::W5) {
        workloads::unsolved_ids(&base, &data.token, REPLY_TARGETS).await?
    } else {
        Vec::new()
    };
    let mut desk = Desk::new(base.clone(), data.token.clone(), staff.clone(), data.tickets, unsolved);
    if settings.workloads.contains(&Workload::W8) {
        let most = settings.connections.iter().copied().max().unwrap_or(1);
        for connection in 0..most {
            desk.customers.push(signed_in(&base, &customer(connection)).await?);
        }
    }
    if settings.workloads.contains(&Workload::W9) {
        let help = HelpCenter::read(&base).await?;
        eprintln!(
            "docket-load: the help center lists {} categories and {} public articles",
            help.categories.len(),
            help.articles.len()
        );
        desk.help = Some(help);
    }
    let desk = Arc::new(desk);
    let live_clients = match settings.workloads.contains(&Workload::W6) {
        true => Some(live::LiveClients::sign_in(&base, &staff).await?),
        false => None,
    };
    if settings.workloads.contains(&Workload::W2) {
        let rows = workloads::queue_rows(&desk).await?;
        if rows < 25 {
            eprintln!("docket-load: warning: the open queue page lists {rows} tickets, not a full page of 25");
        }
    }

    let online = match settings.routing {
        Some(routing) => {
            eprintln!("docket-load: {} agents go online", routing.agents);
            Some(OnlineAgents::connect(&base, routing.agents).await?)
        }
        None => None,
    };
    let mut report = Report::new(settings, data, started_in);
    if let Some(help) = &desk.help {
        report.first_loads = first_loads(&desk, help).await?;
    }
    for &workload in settings.workloads.iter().filter(|w| **w != Workload::W6) {
        for &connections in &settings.connections {
            let cell = closed_loop(settings, &desk, workload, connections, server.pid(), database).await;
            report.cells.push(cell);
        }
    }
    if let (Some(online), Some(routing)) = (online, settings.routing) {
        online.close().await;
        report.routed = Some(dataset::routed(data, routing).await?);
    }
    if let Some(clients) = &live_clients {
        for &subscribers in &settings.subscribers {
            // A fresh process per count: memory per subscriber is measured from a clean baseline.
            server.stop().await;
            server = Server::start(&settings.docket, data, port, site).await?;
            eprintln!("docket-load: w6 with {subscribers} subscribers");
            let result = live::run(&base, server.pid(), database, clients, subscribers, settings.live).await?;
            if let Some(error) = &result.first_error {
                eprintln!("docket-load: first error in w6 with {subscribers} subscribers: {error}");
            }
            report.live.push(result);
        }
    }
    server.stop().await;
    report.ceilings = measure_ceilings(settings, data).await?;
    report.data_bytes = data.size_bytes().await;
    Ok(report)
}

/// One workload at one connection count: every run, then the median run's figures.
async fn closed_loop(
    settings: &Settings,
    desk: &Arc<Desk>,
    workload: Workload,
    connections: usize,
    server_pid: u32,
    database: memory::Database,
) -> Cell {
    let peak = memory::PeakSampler::start(server_pid, database);
    let mut runs = Vec::new();
    for run in 0..settings.runs {
        let result = runner::run(desk.clone(), workload, connections, run, settings.warmup, settings.measure).await;
        eprintln!(
            "docket-load: {} × {connections}: run {}/{}: {:.1} req/s, {} errors",
            workload.name(),
            run + 1,
            settings.runs,
            result.throughput,
            result.errors
        );
        runs.push(result);
    }
    let throughputs: Vec<f64> = runs.iter().map(|r| r.throughput).collect();
    let errors = runs.iter().map(|r| r.errors).sum();
    let first_error = runs.iter().find_map(|r| r.first_error.clone());
    if let Some(error) = &first_error {
        eprintln!("docket-load: first error in {} × {connections}: {error}", workload.name());
    }
    let median = &mut runs[median_index(&throughputs)];
    let kinds = median.by_kind.iter_mut().map(|(kind, l)| (*kind, l.len(), Latency::of(l))).collect();
    Cell {
        workload,
        connections,
        requests: median.requests,
        throughput: median.throughput,
        latency: Latency::of(&mut median.latencies),
        errors,
        first_error,
        peak_kb: peak.finish(),
        run_throughputs: throughputs,
        kinds,
    }
}

/// The first load of the help center's pages (anonymous), and of the agent board for comparison.
async fn first_loads(desk: &Desk, help: &HelpCenter) -> anyhow::Result<Vec<first_load::FirstLoad>> {
    let base = &desk.base;
    let mut loads = Vec::new();
    for (name, path) in [
        ("help center home", "/help"),
        ("help center category", help.categories[0].as_str()),
        ("help center article", help.articles[0].as_str()),
        ("help center search", "/help/search?q=vpn+client"),
    ] {
        loads.push(first_load::measure(&desk.anonymous, base, name, path).await?);
    }
    if let Some(agent) = desk.staff.first() {
        loads.push(first_load::measure(agent, base, "agent board", "/agent/board").await?);
    }
    Ok(loads)
}

async fn measure_ceilings(settings: &Settings, data: &DataSet) -> anyhow::Result<Ceilings> {
    eprintln!("docket-load: measuring the ceilings");
    let (dir, duration) = (data.dir.clone(), settings.ceiling);
    let fsync = tokio::task::spawn_blocking(move || ceilings::fsync(&dir, duration)).await?.context("fsync ceiling")?;
    let mut found = Ceilings {
        fsync,
        sqlite_full: ceilings::sqlite_inserts(&data.dir, true, duration).await.context("SQLite FULL ceiling")?,
        sqlite_normal: ceilings::sqlite_inserts(&data.dir, false, duration).await.context("SQLite NORMAL ceiling")?,
        ..Ceilings::default()
    };
    if data.postgres.is_some() {
        match pgbench::find() {
            Some(pgbench) => {
                let seconds = settings.pgbench_seconds;
                let run = |clients, threads| {
                    pgbench::inserts(&pgbench, &data.database_url, &data.dir, clients, threads, seconds)
                };
                found.pgbench_1 = Some(run(1, 1).await?);
                found.pgbench_16 = Some(run(16, 2).await?);
                pgbench::clean_up(&data.database_url).await;
            }
            None => {
                found.notes.push("pgbench not found (/usr/lib/postgresql/*/bin or PATH): no PostgreSQL ceiling".into())
            }
        }
    }
    Ok(found)
}
