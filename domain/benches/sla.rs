//! Benchmark (not a test) of service levels on the benchmark desk (`seed::bench`, 100,000
//! tickets by default), on SQLite or on the PostgreSQL server that `TEST_DATABASE_URL` names:
//!
//! 1. Breach prediction, measured: an evaluation policy (first response 4 h, resolution 2 days,
//!    around the clock) measures every ticket; the history of tickets opened before a split
//!    predicts, for each ticket of the held-out period after it (to 60 days ago), whether its
//!    resolution will breach, seen a quarter of the way into its target; printed as precision
//!    and recall against what happened, beside two baselines (flag everything; the desk-wide
//!    history without category and priority).
//! 2. Recomputing due times after a calendar edit with every ticket open: all of them, in the
//!    background job's batches (the budget: 100,000 open tickets in under 20 s on
//!    SQLite).
//!
//!     cargo bench -p domain --features testing --bench sla
//!     DOCKET_BENCH_TICKETS=20000 cargo bench -p domain --features testing --bench sla

use chrono::{DateTime, Duration, Utc};
use domain::{
    Actor, db,
    entities::{sla_clock, ticket},
    sla::{
        calendars::{self, CalendarInput},
        policies::{self, PolicyInput, TargetInput},
        prediction::{self, History},
        recompute,
        types::{ClockState, Metric},
    },
    testing::TestDatabase,
    ticket_types::StatusCategory,
};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Statement};
use std::{collections::HashMap, time::Instant};

/// The share of the target at which a held-out ticket is judged.
const SEEN_AT: f64 = 0.25;

#[tokio::main]
async fn main() {
    let tickets: usize = std::env::var("DOCKET_BENCH_TICKETS").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let test = TestDatabase::new().await;
    let backend = if test.is_postgres() { "PostgreSQL" } else { "SQLite" };
    let conn = db::connect(&test.url).await.expect("connect");
    Migrator::up(&conn, None).await.expect("migrate");
    let started = Instant::now();
    seed::bench::seed(&conn, tickets, &mut |_| {}).await.expect("bench seed");
    println!("{backend}: {tickets} tickets seeded in {:.1} s (clocks included)", started.elapsed().as_secs_f64());

    let system = Actor::System;
    let always = 1;
    let input = PolicyInput {
        name: "Evaluation".into(),
        conditions: String::new(),
        active: true,
        targets: vec![
            TargetInput { metric: Metric::FirstResponse, time: "4h".into(), calendar_id: Some(always) },
            TargetInput { metric: Metric::Resolution, time: "2d".into(), calendar_id: Some(always) },
        ],
    };
    let policy = policies::create(&conn, &system, input).await.expect("policy");
    for _ in 0..10 {
        policies::move_policy(&conn, &system, policy, true).await.expect("first");
    }
    let started = Instant::now();
    let all = recompute::rebuild_all(&conn).await.expect("rebuild");
    println!(
        "{backend}: every ticket's timeline rebuilt from its history and its clocks computed: {all} tickets in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    evaluate(&conn, backend).await;

    // Every ticket open, then a calendar edit: the background job recomputes them all.
    let config = domain::desk_config::Config::load(&conn).await.expect("config");
    let open = config.first_status(StatusCategory::Open).expect("open status");
    for sql in [
        format!("UPDATE tickets SET status_id = {open}, solved_at = NULL"),
        "DELETE FROM ticket_events WHERE field = 'status'".to_owned(),
    ] {
        conn.execute_raw(Statement::from_string(conn.get_database_backend(), sql)).await.expect("open all");
    }
    recompute::rebuild_all(&conn).await.expect("rebuild open");
    let day = "08:00-18:00".to_owned();
    let office = CalendarInput {
        name: "Bench office".into(),
        time_zone: "Europe/Berlin".into(),
        hours: [day.clone(), day.clone(), day.clone(), day.clone(), day, String::new(), String::new()],
    };
    let calendar = calendars::create(&conn, &system, office.clone()).await.expect("calendar");
    let input = PolicyInput {
        name: "Evaluation".into(),
        conditions: String::new(),
        active: true,
        targets: vec![
            TargetInput { metric: Metric::FirstResponse, time: "4h".into(), calendar_id: Some(calendar) },
            TargetInput { metric: Metric::Resolution, time: "2d".into(), calendar_id: Some(calendar) },
        ],
    };
    policies::update(&conn, &system, policy, input).await.expect("on the calendar");
    recompute::recompute_open(&conn).await.expect("recompute");
    let mut later = office;
    later.hours[0] = "09:30-18:00".into();
    calendars::update(&conn, &system, calendar, later).await.expect("calendar edit");
    let started = Instant::now();
    let done = recompute::recompute_open(&conn).await.expect("recompute");
    let took = started.elapsed().as_secs_f64();
    println!(
        "{backend}: after a calendar edit, due times recomputed for {done} open tickets in {took:.1} s ({:.0} tickets/s)",
        done as f64 / took
    );
}

/// One ticket's resolution, as the evaluation reads it.
struct Outcome {
    created: DateTime<Utc>,
    category: Option<i64>,
    priority: i64,
    taken: i64,
    target: i64,
}

async fn evaluate(conn: &DatabaseConnection, backend: &str) {
    let tickets: HashMap<i64, ticket::Model> =
        ticket::Entity::find().all(conn).await.expect("tickets").into_iter().map(|t| (t.id, t)).collect();
    let clocks = sla_clock::Entity::find()
        .filter(sla_clock::Column::Metric.eq(Metric::Resolution))
        .filter(sla_clock::Column::State.eq(ClockState::Met))
        .all(conn)
        .await
        .expect("clocks");
    let outcomes: Vec<Outcome> = clocks
        .iter()
        .filter_map(|c| {
            let t = tickets.get(&c.ticket_id)?;
            Some(Outcome {
                created: t.created_at,
                category: t.category_id,
                priority: t.priority_id,
                taken: c.elapsed_seconds,
                target: i64::from(c.target_minutes) * 60,
            })
        })
        .collect();
    let now = domain::clock::now();
    let (split, end) = (now - Duration::days(250), now - Duration::days(60));
    let training: Vec<&Outcome> = outcomes.iter().filter(|o| o.created < split).collect();
    let held_out: Vec<&Outcome> = outcomes.iter().filter(|o| o.created >= split && o.created < end).collect();
    let history = History::new(training.iter().map(|o| (o.category, o.priority, o.taken)));
    let desk_wide = History::new(training.iter().map(|o| (None, 0, o.taken)));
    let mut judged = [Counts::default(), Counts::default(), Counts::default()];
    for o in &held_out {
        let seen = (o.target as f64 * SEEN_AT) as i64;
        if o.taken <= seen {
            continue;
        }
        let breached = o.taken > o.target;
        let by_kind = prediction::predict(&history, o.category, o.priority, seen, o.target, 1.0);
        let by_desk = prediction::predict(&desk_wide, None, 0, seen, o.target, 1.0);
        judged[0].add(by_kind.is_some_and(|p| p.at_risk()), breached);
        judged[1].add(by_desk.is_some_and(|p| p.at_risk()), breached);
        judged[2].add(true, breached);
    }
    println!(
        "{backend}: prediction: {} tickets of history before {}, {} held out to {} and judged a quarter into their 2-day resolution target; {:.0}% of those breached",
        training.len(),
        split.format("%Y-%m-%d"),
        judged[2].total(),
        end.format("%Y-%m-%d"),
        100.0 * judged[2].positives() as f64 / judged[2].total().max(1) as f64
    );
    for (name, c) in ["by category and priority", "desk-wide history", "flag every ticket"].iter().zip(&judged) {
        println!(
            "{backend}:   {name:<26} precision {:>5.1}%  recall {:>5.1}%  (flagged {})",
            c.precision(),
            c.recall(),
            c.flagged()
        );
    }
}

#[derive(Default)]
struct Counts {
    true_positive: u64,
    false_positive: u64,
    false_negative: u64,
    true_negative: u64,
}

impl Counts {
    fn add(&mut self, flagged: bool, breached: bool) {
        match (flagged, breached) {
            (true, true) => self.true_positive += 1,
            (true, false) => self.false_positive += 1,
            (false, true) => self.false_negative += 1,
            (false, false) => self.true_negative += 1,
        }
    }

    fn total(&self) -> u64 {
        self.true_positive + self.false_positive + self.false_negative + self.true_negative
    }

    fn positives(&self) -> u64 {
        self.true_positive + self.false_negative
    }

    fn flagged(&self) -> u64 {
        self.true_positive + self.false_positive
    }

    fn precision(&self) -> f64 {
        100.0 * self.true_positive as f64 / self.flagged().max(1) as f64
    }

    fn recall(&self) -> f64 {
        100.0 * self.true_positive as f64 / self.positives().max(1) as f64
    }
}
