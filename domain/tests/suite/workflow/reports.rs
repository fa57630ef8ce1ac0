//! Reports on a small desk built by hand at known moments, whose every figure is known: five
//! tickets of a category of their own over two periods of three days, replies, solves, a
//! reopening, two satisfaction answers, three time entries and four SLA clocks. Also who may see
//! reports.

use super::support::{Desk, desk};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use domain::{
    Actor, DomainError,
    clock::Clock,
    csat::rating,
    custom_fields::{
        setup::{self, FieldInput},
        types::FieldKind,
    },
    desk_config::categories,
    entities::{sla_clock, sla_policy},
    reports::{
        access, compute,
        types::{CountRow, DurationStats, ReportFilter, Share, TimeRow, WorkloadRow},
    },
    sla::types::{ClockState, Metric},
    ticket_types::{Channel, StatusCategory, Visibility},
    tickets::{
        commands::{self, NewTicket, TicketChanges},
        custom_values,
    },
    time_tracking::entries::{self, EntryInput},
};
use sea_orm::{ActiveValue::Set, EntityTrait, sea_query::Expr};

fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 3, day, hour, minute, 0).single().expect("a moment")
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2030, 3, d).expect("a day")
}

struct Lab {
    category: i64,
    customer: Actor,
    alex: Actor,
}

impl Lab {
    async fn open(&self, d: &Desk, clock: &Clock, when: DateTime<Utc>, subject: &str, phoned: bool) -> i64 {
        clock.set(when);
        let input = NewTicket {
            subject: subject.into(),
            body: format!("About {subject}"),
            category_id: Some(self.category),
            channel: phoned.then_some(Channel::Phone),
            requester_email: phoned.then(|| "customer@example.com".to_owned()),
            ..Default::default()
        };
        let who = if phoned { &self.alex } else { &self.customer };
        let id = clock.scope(commands::create(&d.db, who, input)).await.expect("create").id;
        if !phoned {
            let alex = self.alex.principal().map(|p| p.user_id);
            let assign = TicketChanges { assignee_id: Some(alex), ..Default::default() };
            clock.scope(commands::update(&d.db, &self.alex, id, assign)).await.expect("assign");
        }
        id
    }

    async fn reply(&self, d: &Desk, clock: &Clock, when: DateTime<Utc>, id: i64) {
        clock.set(when);
        clock
            .scope(commands::add_message(&d.db, &self.alex, id, Visibility::Public, "Here is what to do."))
            .await
            .expect("reply");
    }

    async fn status(&self, d: &Desk, clock: &Clock, when: DateTime<Utc>, who: &Actor, id: i64, to: StatusCategory) {
        clock.set(when);
        let changes = TicketChanges { status_id: Some(d.status_id(to).await), ..Default::default() };
        clock.scope(commands::update(&d.db, who, id, changes)).await.expect("status");
    }

    async fn log(&self, d: &Desk, clock: &Clock, who: &Actor, id: i64, minutes: u32, on: NaiveDate) {
        let input = EntryInput { duration: format!("{minutes}m"), note: String::new(), worked_on: on.to_string() };
        clock.scope(entries::log(&d.db, who, id, input)).await.expect("time");
    }
}

#[tokio::test]
async fn every_figure_of_a_hand_built_desk() {
    let d = desk().await;
    let admin = d.admin().await;
    // No SLA calendar measures these tickets: their durations are wall-clock minutes.
    sla_policy::Entity::update_many()
        .col_expr(sla_policy::Column::Active, Expr::value(false))
        .exec(&d.db)
        .await
        .expect("policies off");
    let category = categories::create(&d.db, &admin, "Reports lab").await.expect("category");
    let lab =
        Lab { category, customer: d.actor("customer@example.com").await, alex: d.actor("agent@example.com").await };
    let sam = d.actor("sam.rivera@example.com").await;
    let clock = Clock::manual(at(8, 9, 0));
    let (customer, alex) = (lab.customer.clone(), lab.alex.clone());

    // The previous period (7th to 9th): A answered in 20 minutes and solved in 2 hours; B waits.
    let a = lab.open(&d, &clock, at(8, 9, 0), "Lab A", false).await;
    lab.reply(&d, &clock, at(8, 9, 20), a).await;
    lab.status(&d, &clock, at(8, 11, 0), &alex, a, StatusCategory::Solved).await;
    lab.log(&d, &clock, &alex, a, 20, day(8)).await;
    let b = lab.open(&d, &clock, at(9, 9, 0), "Lab B", false).await;
    // The period (10th to 12th): C answered in 10 minutes, solved in an hour, rated 5.
    let c = lab.open(&d, &clock, at(10, 9, 0), "Lab C", false).await;
    lab.reply(&d, &clock, at(10, 9, 10), c).await;
    lab.status(&d, &clock, at(10, 10, 0), &alex, c, StatusCategory::Solved).await;
    clock.set(at(10, 12, 0));
    clock.scope(rating::as_requester(&d.db, &customer, c, Some(5), None)).await.expect("rated");
    lab.log(&d, &clock, &alex, c, 30, day(10)).await;
    // D: answered in an hour, solved, reopened by the customer, solved again (44 hours in all), rated 2.
    let dd = lab.open(&d, &clock, at(10, 13, 0), "Lab D", false).await;
    lab.reply(&d, &clock, at(10, 14, 0), dd).await;
    lab.status(&d, &clock, at(11, 13, 0), &alex, dd, StatusCategory::Solved).await;
    lab.status(&d, &clock, at(11, 15, 0), &customer, dd, StatusCategory::Open).await;
    lab.log(&d, &clock, &alex, dd, 45, day(11)).await;
    lab.status(&d, &clock, at(12, 9, 0), &alex, dd, StatusCategory::Solved).await;
    clock.set(at(12, 10, 0));
    clock.scope(rating::as_requester(&d.db, &customer, dd, Some(2), None)).await.expect("rated");
    lab.log(&d, &clock, &sam, dd, 15, day(12)).await;
    // E: phoned in, unanswered; B is solved after 55 hours.
    let e = lab.open(&d, &clock, at(11, 10, 0), "Lab E", true).await;
    lab.status(&d, &clock, at(11, 16, 0), &alex, b, StatusCategory::Solved).await;
    clock.set(at(12, 12, 0));
    let _ = e;

    let filter = ReportFilter {
        from: day(10),
        to: day(12),
        team_id: None,
        category_id: Some(category),
        priority_id: None,
        channel: None,
        organization_id: None,
        fields: String::new(),
    };
    let report = clock.scope(compute::report(&d.db, &admin, filter.clone())).await.expect("report");
    assert_eq!((report.created.now, report.created.before), (3, 2));
    assert_eq!((report.solved.now, report.solved.before), (3, 1), "C, B and D now; A before");
    let stats = |count, median, p90| DurationStats { count, median_minutes: Some(median), p90_minutes: Some(p90) };
    assert_eq!(report.first_response.now, stats(2, 10, 60));
    assert_eq!(report.first_response.before, stats(1, 20, 20));
    assert_eq!(report.resolution.now, stats(3, 2640, 3300), "C 60, D 2640, B 3300 minutes");
    assert_eq!(report.resolution.before, stats(1, 120, 120));
    assert_eq!(report.reopened.now, Share { part: 1, whole: 3 }, "D, of the three solved");
    assert_eq!(report.reopened.before, Share { part: 0, whole: 1 });
    assert_eq!(report.sla.now, Share::default(), "no clock ran");
    assert_eq!(report.csat.now, Share { part: 1, whole: 2 });
    assert_eq!(report.csat.before, Share::default());
    let days: Vec<(NaiveDate, u64, u64, u64)> =
        report.days.iter().map(|r| (r.day, r.created, r.solved, r.backlog)).collect();
    assert_eq!(days, [(day(10), 2, 1, 2), (day(11), 1, 1, 2), (day(12), 0, 1, 1)]);
    let count = |name: &str, count| CountRow { name: name.into(), count };
    assert_eq!(report.channels, [count("web", 2), count("phone", 1)]);
    let load = |name: &str, open, solved, minutes| WorkloadRow { name: name.into(), open, solved, minutes };
    assert_eq!(report.agents, [load("Alex Agent", 0, 3, 75), load("Sam Rivera", 0, 0, 15)]);
    let time = |name: &str, minutes, tickets| TimeRow { name: name.into(), minutes, tickets };
    assert_eq!(report.time_by_agent, [time("Alex Agent", 75, 2), time("Sam Rivera", 15, 1)]);
    assert_eq!(report.time_by_category, [time("Reports lab", 90, 2)]);
    let by_agent: Vec<(&str, Share)> = report.csat_by_agent.iter().map(|r| (r.name.as_str(), r.satisfied)).collect();
    assert_eq!(by_agent, [("Alex Agent", Share { part: 1, whole: 2 })]);
    let by_category: Vec<&str> = report.csat_by_category.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(by_category, ["Reports lab"]);

    // Today (the 12th): D solved and rated (not satisfied); nothing created.
    let today = clock.scope(domain::reports::dashboard::today(&d.db, &admin)).await.expect("dashboard");
    assert_eq!((today.created_today, today.solved_today), (0, 1));
    assert_eq!(today.satisfied_today, Share { part: 0, whole: 1 });
    assert!(today.open >= today.unassigned && today.unassigned >= 1, "E waits unassigned");

    // A filter narrows every figure: the phone channel has only E.
    let phone = ReportFilter { channel: Some(Channel::Phone), ..filter.clone() };
    let report = clock.scope(compute::report(&d.db, &admin, phone)).await.expect("report");
    assert_eq!((report.created.now, report.solved.now, report.csat.now.whole), (1, 0, 0));
    assert_eq!(report.days.last().map(|r| r.backlog), Some(1));
    let _ = Duration::zero();

    // SLA clocks, written as the SLA engine leaves them: C's first response met in 5 business
    // minutes, D's resolution met late after 1,200, B's resolution breached and still running;
    // A's first response met in time in the period before, in 25.5 business minutes.
    let clock_row = |ticket_id, metric, state, seconds, met_at, breach_at| sla_clock::ActiveModel {
        ticket_id: Set(ticket_id),
        metric: Set(metric),
        policy_id: Set(1),
        calendar_id: Set(1),
        target_minutes: Set(60),
        cycle: Set(0),
        state: Set(state),
        started_at: Set(at(8, 9, 0)),
        running_since: Set(None),
        elapsed_seconds: Set(seconds),
        due_at: Set(None),
        met_at: Set(met_at),
        breach_at: Set(breach_at),
        next_check_at: Set(None),
    };
    sla_clock::Entity::insert_many([
        clock_row(c, Metric::FirstResponse, ClockState::Met, 300, Some(at(10, 9, 10)), None),
        clock_row(dd, Metric::Resolution, ClockState::Met, 72_000, Some(at(12, 9, 0)), Some(at(11, 13, 0))),
        clock_row(b, Metric::Resolution, ClockState::Running, 7_200, None, Some(at(11, 0, 0))),
        clock_row(a, Metric::FirstResponse, ClockState::Met, 1_530, Some(at(8, 9, 20)), None),
    ])
    .exec(&d.db)
    .await
    .expect("clocks");
    let report = clock.scope(compute::report(&d.db, &admin, filter.clone())).await.expect("report");
    assert_eq!(report.sla.now, Share { part: 1, whole: 3 }, "C in time; D late; B breached");
    assert_eq!(report.sla.before, Share { part: 1, whole: 1 });
    assert_eq!(report.first_response.now, stats(2, 5, 60), "C in 5 business minutes, D 60 by the wall");
    assert_eq!(report.first_response.before, stats(1, 25, 25), "A's 25.5 business minutes, whole");
    assert_eq!(report.resolution.now, stats(3, 1200, 3300), "C 60 by the wall, D 1200 business minutes, B 3300");
    let unfiltered = ReportFilter { category_id: None, ..filter.clone() };
    let report = clock.scope(compute::report(&d.db, &admin, unfiltered)).await.expect("report");
    assert_eq!(report.sla.now, Share { part: 1, whole: 3 }, "the desk's other tickets ran no clock then");

    // Custom fields narrow a report as they narrow a search: C counts 12 seats, D 3.
    let seats =
        FieldInput { name: "Lab seats".into(), kind: Some(FieldKind::Number), active: true, ..Default::default() };
    let seats = setup::create(&d.db, &admin, seats).await.expect("field");
    for (id, value) in [(c, "12"), (dd, "3")] {
        let inputs = [(seats, vec![value.to_owned()])].into_iter().collect();
        custom_values::set(&d.db, &alex, id, inputs, |f| f.name.clone()).await.expect("seats");
    }
    let by_fields = |fields: &str| ReportFilter { fields: fields.into(), ..filter.clone() };
    let report =
        clock.scope(compute::report(&d.db, &admin, by_fields("field:\"Lab seats\">10"))).await.expect("report");
    assert_eq!((report.created.now, report.solved.now, report.created.before), (1, 1, 0), "C alone");
    assert_eq!(report.first_response.now, stats(1, 5, 5));
    assert_eq!((report.sla.now, report.csat.now), (Share { part: 1, whole: 1 }, Share { part: 1, whole: 1 }));
    assert_eq!(report.time_by_agent, [time("Alex Agent", 30, 1)]);
    let either = by_fields("field:\"Lab seats\"=12 field:\"Lab seats\"=3");
    let report = clock.scope(compute::report(&d.db, &admin, either)).await.expect("report");
    assert_eq!((report.created.now, report.reopened.now), (2, Share { part: 1, whole: 2 }), "C or D");
    let unknown = clock.scope(compute::report(&d.db, &admin, by_fields("field:\"Lab colour\"=red"))).await;
    assert!(matches!(&unknown, Err(DomainError::Validation(f)) if f[0].field == "fields"), "{unknown:?}");

    // Who may see reports: admins and managers, and agents an admin allows.
    assert_eq!(compute::report(&d.db, &alex, filter.clone()).await.map(|_| ()), Err(DomainError::Forbidden));
    assert_eq!(compute::report(&d.db, &customer, filter.clone()).await.map(|_| ()), Err(DomainError::Forbidden));
    assert_eq!(access::set_allowed_agents(&d.db, &alex, vec![]).await, Err(DomainError::Forbidden));
    let alex_id = alex.principal().expect("signed in").user_id;
    let customer_id = customer.principal().expect("signed in").user_id;
    assert!(access::set_allowed_agents(&d.db, &admin, vec![customer_id]).await.is_err(), "agents only");
    access::set_allowed_agents(&d.db, &admin, vec![alex_id]).await.expect("allowed");
    assert!(clock.scope(compute::report(&d.db, &alex, filter)).await.is_ok());
}
