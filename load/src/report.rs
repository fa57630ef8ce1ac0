//! The figures of one harness run: a table for people on stdout and a JSON document for tools.

use serde_json::{Value, json};
use std::{fmt::Write, time::Duration};

use crate::{
    args::{Settings, Workload},
    ceilings::Fsync,
    dataset::DataSet,
    first_load::FirstLoad,
    live::LiveResult,
    stats::{Latency, ms},
    workloads::Kind,
};

/// One closed-loop workload at one connection count: the median run, errors over all runs.
pub struct Cell {
    pub workload: Workload,
    pub connections: usize,
    pub requests: usize,
    pub throughput: f64,
    pub latency: Latency,
    pub errors: usize,
    pub first_error: Option<String>,
    pub peak_kb: u64,
    pub run_throughputs: Vec<f64>,
    /// The median run's latency by kind of request, for workloads that mix kinds (W9).
    pub kinds: Vec<(Kind, usize, Latency)>,
}

#[derive(Debug, Default)]
pub struct Ceilings {
    pub fsync: Fsync,
    /// Single-row INSERT commits per second on SQLite (WAL) with synchronous FULL and NORMAL.
    pub sqlite_full: f64,
    pub sqlite_normal: f64,
    /// pgbench single-row INSERT transactions per second with 1 and 16 clients.
    pub pgbench_1: Option<f64>,
    pub pgbench_16: Option<f64>,
    pub notes: Vec<String>,
}

pub struct Report {
    pub date: String,
    pub commit: Option<String>,
    pub backend: &'static str,
    pub smoke: bool,
    pub tickets: usize,
    pub articles: usize,
    pub data_bytes: u64,
    pub seeded_in: Option<Duration>,
    pub started_in: Duration,
    pub warmup: Duration,
    pub measure: Duration,
    pub runs: usize,
    pub cells: Vec<Cell>,
    pub live: Vec<LiveResult>,
    pub first_loads: Vec<FirstLoad>,
    pub ceilings: Ceilings,
    /// With routing, what it did to the tickets the load created.
    pub routed: Option<Routed>,
}

/// The routing the data set had, and the tickets the load created that it filed and assigned.
#[derive(Debug, Clone, Copy)]
pub struct Routed {
    pub rules: usize,
    pub agents: usize,
    pub manual: bool,
    pub created: i64,
    pub with_team: i64,
    pub assigned: i64,
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

/// `git rev-parse HEAD` where the harness runs, or else in the checkout it was built from.
fn git_commit() -> Option<String> {
    [std::env::current_dir().ok()?, std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))].iter().find_map(|dir| {
        let out = std::process::Command::new("git").args(["rev-parse", "HEAD"]).current_dir(dir).output().ok()?;
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    })
}

impl Report {
    pub fn new(settings: &Settings, data: &DataSet, started_in: Duration) -> Report {
        Report {
            date: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            commit: git_commit(),
            backend: if data.postgres.is_some() { "postgresql" } else { "sqlite" },
            smoke: settings.smoke,
            tickets: data.tickets,
            articles: data.articles,
            data_bytes: 0,
            seeded_in: data.seeded_in,
            started_in,
            warmup: settings.warmup,
            measure: settings.measure,
            runs: settings.runs,
            cells: Vec::new(),
            live: Vec::new(),
            first_loads: Vec::new(),
            ceilings: Ceilings::default(),
            routed: None,
        }
    }

    /// Whether anything went wrong: an error in any workload, or an event a customer may not see.
    pub fn failed(&self) -> bool {
        self.cells.iter().any(|c| c.errors > 0) || self.live.iter().any(|l| l.errors > 0 || l.leaked > 0)
    }

    /// The database's own ceiling W1 is compared with: SQLite FULL commits, or pgbench with 16 clients.
    fn database_ceiling(&self) -> (&'static str, Option<f64>) {
        match self.backend {
            "postgresql" => ("pgbench 16-client tps", self.ceilings.pgbench_16),
            _ => ("SQLite FULL inserts/s", Some(self.ceilings.sqlite_full)),
        }
    }

    /// W1's creates per second over each ceiling, per connection count.
    fn ratios(&self) -> Vec<(usize, f64, Option<f64>)> {
        let (_, database) = self.database_ceiling();
        let over = |x: f64, ceiling: f64| if ceiling > 0.0 { x / ceiling } else { 0.0 };
        self.cells
            .iter()
            .filter(|c| c.workload == Workload::W1)
            .map(|c| {
                (
                    c.connections,
                    over(c.throughput, self.ceilings.fsync.per_second),
                    database.map(|d| over(c.throughput, d)),
                )
            })
            .collect()
    }

    pub fn table(&self) -> String {
        let mut out = String::new();
        let seeded = self.seeded_in.map_or("reused".to_owned(), |d| format!("seeded in {:.1} s", d.as_secs_f64()));
        let _ = writeln!(
            out,
            "Docket load ({}{}): {} tickets, {} articles, {:.1} MB of data ({seeded}); start to first served request \
             {:.0} ms",
            self.backend,
            if self.smoke { ", smoke" } else { "" },
            self.tickets,
            self.articles,
            self.data_bytes as f64 / 1e6,
            ms(self.started_in)
        );
        let _ = writeln!(
            out,
            "{} run(s) of {:.0} s after {:.0} s warm-up; the median run by throughput; peak MB is the server's \
             resident memory{}\n",
            self.runs,
            self.measure.as_secs_f64(),
            self.warmup.as_secs_f64(),
            if self.backend == "postgresql" { " plus PostgreSQL's (shared memory counted once)" } else { "" }
        );
        if let Some(r) = self.routed {
            let _ = writeln!(
                out,
                "Routing: {} rules, {} bench agents online, teams {}; of the {} tickets the load created, {} were \
                 filed with a team and {} assigned\n",
                r.rules,
                r.agents,
                if r.manual || r.rules == 0 { "manual" } else { "assigning by themselves" },
                r.created,
                r.with_team,
                r.assigned
            );
        }
        let _ = writeln!(
            out,
            "{:<30} {:>5} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7} {:>8}",
            "workload", "conns", "req/s", "p50 ms", "p90 ms", "p95 ms", "p99 ms", "max ms", "errors", "peak MB"
        );
        for c in &self.cells {
            let l = c.latency;
            let _ = writeln!(
                out,
                "{:<30} {:>5} {:>9.1} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>7} {:>8.1}",
                format!("{} {}", c.workload.name(), c.workload.title()),
                c.connections,
                c.throughput,
                ms(l.p50),
                ms(l.p90),
                ms(l.p95),
                ms(l.p99),
                ms(l.max),
                c.errors,
                mb(c.peak_kb)
            );
            for (kind, requests, l) in &c.kinds {
                let _ = writeln!(
                    out,
                    "{:<30} {:>5} {:>9} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>9.2}",
                    format!("  {kind} ({requests} requests)"),
                    "",
                    "",
                    ms(l.p50),
                    ms(l.p90),
                    ms(l.p95),
                    ms(l.p99),
                    ms(l.max),
                );
            }
        }
        out.push_str(&first_loads_table(&self.first_loads));
        for l in &self.live {
            let _ = writeln!(
                out,
                "\nw6 live events, {} subscribers ({} staff), {} tickets at 10/s: event latency over {} deliveries \
                 p50 {:.1} / p90 {:.1} / p99 {:.1} / max {:.1} ms; create p50 {:.1} / p99 {:.1} ms\n   \
                 missed {}, leaked to customers {}, errors {}; server {:.1} KB per subscriber ({} KB before, {} KB open), \
                 peak {:.1} MB",
                l.subscribers,
                l.staff_subscribers,
                l.created,
                l.deliveries,
                ms(l.latency.p50),
                ms(l.latency.p90),
                ms(l.latency.p99),
                ms(l.latency.max),
                ms(l.create_p50),
                ms(l.create_p99),
                l.missed,
                l.leaked,
                l.errors,
                l.per_subscriber_kb(),
                l.memory_before_kb,
                l.memory_open_kb,
                mb(l.peak_kb)
            );
        }
        let c = &self.ceilings;
        let _ = writeln!(
            out,
            "\nCeilings: fsync of 4 KB {:.0}/s (p50 {:.2} ms, p99 {:.2} ms); SQLite WAL single-row commits \
             FULL {:.0}/s, NORMAL {:.0}/s",
            c.fsync.per_second,
            ms(c.fsync.latency.p50),
            ms(c.fsync.latency.p99),
            c.sqlite_full,
            c.sqlite_normal
        );
        if let (Some(one), Some(sixteen)) = (c.pgbench_1, c.pgbench_16) {
            let _ = writeln!(
                out,
                "          pgbench single-row INSERT: {one:.0} tps with 1 client, {sixteen:.0} tps with 16"
            );
        }
        for note in &c.notes {
            let _ = writeln!(out, "          {note}");
        }
        let (database, _) = self.database_ceiling();
        for (connections, fsync, db) in self.ratios() {
            let db = db.map_or("n/a".to_owned(), |r| format!("{r:.2}"));
            let _ = writeln!(out, "w1 × {connections}: {fsync:.2} of fsyncs/s, {db} of {database}");
        }
        out
    }

    pub fn json(&self) -> Value {
        let latency = |l: &Latency| {
            json!({
                "p50_ms": ms(l.p50), "p90_ms": ms(l.p90), "p95_ms": ms(l.p95), "p99_ms": ms(l.p99), "max_ms": ms(l.max)
            })
        };
        let mut workloads: Vec<Value> = self
            .cells
            .iter()
            .map(|c| {
                let mut v = json!({
                    "workload": c.workload.name(),
                    "title": c.workload.title(),
                    "connections": c.connections,
                    "requests": c.requests,
                    "throughput": c.throughput,
                    "errors": c.errors,
                    "first_error": c.first_error,
                    "peak_mb": mb(c.peak_kb),
                    "run_throughputs": c.run_throughputs,
                });
                merge(&mut v, latency(&c.latency));
                if !c.kinds.is_empty() {
                    let kinds: Vec<Value> = c
                        .kinds
                        .iter()
                        .map(|(kind, requests, l)| {
                            let mut k = json!({ "kind": kind, "requests": requests });
                            merge(&mut k, latency(l));
                            k
                        })
                        .collect();
                    merge(&mut v, json!({ "kinds": kinds }));
                }
                v
            })
            .collect();
        workloads.extend(self.live.iter().map(|l| {
            let mut v = json!({
                "workload": "w6",
                "title": Workload::W6.title(),
                "subscribers": l.subscribers,
                "staff_subscribers": l.staff_subscribers,
                "requests": l.created,
                "errors": l.errors,
                "first_error": l.first_error,
                "deliveries": l.deliveries,
                "missed": l.missed,
                "leaked": l.leaked,
                "create_p50_ms": ms(l.create_p50),
                "create_p99_ms": ms(l.create_p99),
                "memory_before_kb": l.memory_before_kb,
                "memory_open_kb": l.memory_open_kb,
                "per_subscriber_kb": l.per_subscriber_kb(),
                "peak_mb": mb(l.peak_kb),
            });
            merge(&mut v, latency(&l.latency));
            v
        }));
        let c = &self.ceilings;
        let (database, _) = self.database_ceiling();
        json!({
            "tool": "docket-load",
            "date": self.date,
            "commit": self.commit,
            "backend": self.backend,
            "smoke": self.smoke,
            "tickets": self.tickets,
            "articles": self.articles,
            "data_bytes": self.data_bytes,
            "seed_seconds": self.seeded_in.map(|d| d.as_secs_f64()),
            "startup_ms": ms(self.started_in),
            "warmup_seconds": self.warmup.as_secs_f64(),
            "measured_seconds": self.measure.as_secs_f64(),
            "runs": self.runs,
            "workloads": workloads,
            "routing": self.routed.map(|r| json!({
                "rules": r.rules, "agents_online": r.agents, "manual_teams": r.manual, "created": r.created,
                "with_team": r.with_team, "assigned": r.assigned,
            })),
            "first_loads": self.first_loads.iter().map(first_load_json).collect::<Vec<_>>(),
            "ceilings": {
                "fsync_per_second": c.fsync.per_second,
                "fsync_p50_ms": ms(c.fsync.latency.p50),
                "fsync_p99_ms": ms(c.fsync.latency.p99),
                "sqlite_full_inserts_per_second": c.sqlite_full,
                "sqlite_normal_inserts_per_second": c.sqlite_normal,
                "pgbench_1_client_tps": c.pgbench_1,
                "pgbench_16_clients_tps": c.pgbench_16,
                "notes": c.notes,
            },
            "ratios": self.ratios().iter().map(|(connections, fsync, db)| json!({
                "workload": "w1",
                "connections": connections,
                "of_fsync_per_second": fsync,
                "database_ceiling": database,
                "of_database_ceiling": db,
            })).collect::<Vec<_>>(),
        })
    }
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}

/// Each page's first load: its files and the totals, as served and compressed.
fn first_loads_table(loads: &[FirstLoad]) -> String {
    let mut out = String::new();
    if loads.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "\nFirst load (empty cache; Accept-Encoding: br, gzip): KB as served; compressed = as served, or brotli \
         where the server sent it uncompressed"
    );
    for load in loads {
        let _ = writeln!(
            out,
            "{:<30} served {:>8.1} KB   compressed {:>7.1} KB{}",
            load.name,
            kb(load.served()),
            kb(load.compressed()),
            match load.missing() {
                missing if missing.is_empty() => String::new(),
                missing => format!("   NOT SERVED: {}", missing.join(", ")),
            }
        );
        for f in &load.files {
            let _ = writeln!(
                out,
                "  {:<60} {:>3} {:<8} served {:>8.1} KB  raw {:>8.1} KB  brotli {:>7.1} KB",
                f.path,
                f.status,
                f.encoding,
                kb(f.served),
                kb(f.raw),
                kb(f.brotli)
            );
        }
    }
    out
}

fn first_load_json(load: &FirstLoad) -> Value {
    json!({
        "page": load.name,
        "served_bytes": load.served(),
        "compressed_bytes": load.compressed(),
        "missing": load.missing(),
        "files": load.files.iter().map(|f| json!({
            "path": f.path,
            "status": f.status,
            "encoding": f.encoding,
            "served_bytes": f.served,
            "raw_bytes": f.raw,
            "brotli_bytes": f.brotli,
        })).collect::<Vec<_>>(),
    })
}

fn merge(into: &mut Value, from: Value) {
    if let (Some(into), Value::Object(from)) = (into.as_object_mut(), from) {
        into.extend(from);
    }
}
