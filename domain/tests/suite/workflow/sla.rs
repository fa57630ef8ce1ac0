//! Service levels against a real database with a manual clock: a policy measures new tickets in
//! business hours, pauses while the ticket waits on the customer, warns and breaches exactly
//! once (also with two runners on separate connections: two processes), escalates to the next
//! tier, recomputes open tickets after a calendar edit, and answers the search terms.

use super::support::{Desk, desk};
use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::{
    Actor,
    clock::Clock,
    db,
    entities::{notification, sla_firing, team, ticket},
    jobs::registry,
    sla::{
        calendars::{self, CalendarInput},
        escalation,
        policies::{self, EscalationInput, PolicyInput, TargetInput},
        recompute,
        types::{ClockState, Metric},
    },
    ticket_filter::{Sort, TicketFilter},
    ticket_types::{StatusCategory, Visibility},
    tickets::{commands, filtering},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Monday 1 June 2026, 09:00 UTC.
fn monday_nine() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).single().expect("date")
}

fn office_hours() -> CalendarInput {
    let day = "09:00-17:00".to_owned();
    CalendarInput {
        name: "Office".into(),
        time_zone: "UTC".into(),
        hours: [day.clone(), day.clone(), day.clone(), day.clone(), day, String::new(), String::new()],
    }
}

fn target(metric: Metric, time: &str, calendar_id: i64) -> TargetInput {
    TargetInput { metric, time: time.into(), calendar_id: Some(calendar_id) }
}

impl Desk {
    /// A policy for tickets tagged `sla-test`, placed first so that the demo's policies do not
    /// take the tickets.
    async fn test_policy(&self, admin: &Actor, targets: Vec<TargetInput>) -> i64 {
        let input = PolicyInput { name: "Test".into(), conditions: "tag:sla-test".into(), active: true, targets };
        let id = policies::create(&self.db, admin, input).await.expect("policy");
        for _ in 0..10 {
            policies::move_policy(&self.db, admin, id, true).await.expect("move up");
        }
        id
    }

    async fn tagged_ticket(&self, customer: &Actor, agent: &Actor, subject: &str) -> i64 {
        let (id, _) = self.open(customer, subject).await;
        let tags = commands::TicketChanges { tags: Some("sla-test".into()), ..Default::default() };
        commands::update(&self.db, agent, id, tags).await.expect("tag");
        id
    }

    async fn clock_of(&self, agent: &Actor, id: i64, metric: Metric) -> domain::sla::types::ClockView {
        let view = self.view(agent, id).await;
        let sla = view.sla.expect("measured");
        sla.clocks.into_iter().find(|c| c.metric == metric).expect("clock")
    }

    async fn search(&self, agent: &Actor, query: &str) -> Vec<i64> {
        let filter = TicketFilter::parse(query).expect("query");
        let page = filtering::list(&self.db, agent, &filter, Sort::Updated, None).await.expect("search");
        page.items.into_iter().map(|t| t.id).collect()
    }
}

#[tokio::test]
async fn clocks_count_business_hours_pause_while_pending_and_answer_search() {
    let d = desk().await;
    let (admin, agent, customer) =
        (d.actor("admin@example.com").await, d.actor("agent@example.com").await, d.actor("customer@example.com").await);
    let clock = Clock::manual(monday_nine());
    clock
        .scope(async {
            let office = calendars::create(&d.db, &admin, office_hours()).await.expect("calendar");
            let targets = vec![target(Metric::FirstResponse, "2h", office), target(Metric::Resolution, "12h", office)];
            d.test_policy(&admin, targets).await;
            let id = d.tagged_ticket(&customer, &agent, "Printer on fire").await;
            let first = d.clock_of(&agent, id, Metric::FirstResponse).await;
            assert_eq!(first.state, ClockState::Running);
            assert_eq!(first.due_at, Some(monday_nine() + Duration::hours(2)));
            let resolution = d.clock_of(&agent, id, Metric::Resolution).await;
            assert_eq!(resolution.due_at, Some(monday_nine() + Duration::hours(24 + 4)), "Tuesday 13:00");
            assert!(d.search(&agent, "due<3h").await.contains(&id));
            assert!(!d.search(&agent, "due<1h").await.contains(&id));
            assert!(d.search(&agent, "sla:test").await.contains(&id));
            assert!(!d.search(&agent, "breached:yes").await.contains(&id));

            // An answer at 10:00 meets the first response; pending from 10:00 to 11:00 stops
            // the resolution clock for that hour.
            clock.advance(Duration::hours(1));
            commands::add_message(&d.db, &agent, id, Visibility::Public, "Could you send a photo?")
                .await
                .expect("reply");
            d.set_status(&agent, id, StatusCategory::Pending, false).await.expect("pending");
            let first = d.clock_of(&agent, id, Metric::FirstResponse).await;
            assert_eq!((first.state, first.met_at), (ClockState::Met, Some(monday_nine() + Duration::hours(1))));
            let paused = d.clock_of(&agent, id, Metric::Resolution).await;
            assert_eq!(paused.state, ClockState::Paused);
            assert_eq!((paused.due_at, paused.remaining_seconds), (None, 11 * 3600));
            clock.advance(Duration::hours(1));
            commands::add_message(&d.db, &customer, id, Visibility::Public, "Here it is").await.expect("answer");
            let resumed = d.clock_of(&agent, id, Metric::Resolution).await;
            assert_eq!(resumed.state, ClockState::Running, "the customer's answer resumes the clock");
            assert_eq!(resumed.due_at, Some(monday_nine() + Duration::hours(24 + 5)), "an hour later than before");
            let next = d.clock_of(&agent, id, Metric::FirstResponse).await;
            assert_eq!(next.state, ClockState::Met);

            // Past the due time the ticket is breached.
            clock.advance(Duration::days(2));
            assert!(d.search(&agent, "breached:yes").await.contains(&id));
            assert!(!d.search(&agent, "breached:no").await.contains(&id));
            let row = ticket::Entity::find_by_id(id).one(&d.db).await.expect("q").expect("ticket");
            assert_eq!(row.sla_due_at, Some(monday_nine() + Duration::hours(24 + 5)));
        })
        .await;
}

#[tokio::test]
async fn a_calendar_edit_recomputes_open_tickets_with_progress() {
    let d = desk().await;
    let (admin, agent, customer) =
        (d.actor("admin@example.com").await, d.actor("agent@example.com").await, d.actor("customer@example.com").await);
    let clock = Clock::manual(monday_nine());
    clock
        .scope(async {
            let office = calendars::create(&d.db, &admin, office_hours()).await.expect("calendar");
            d.test_policy(&admin, vec![target(Metric::Resolution, "4h", office)]).await;
            let id = d.tagged_ticket(&customer, &agent, "Slow VPN").await;
            assert_eq!(
                d.clock_of(&agent, id, Metric::Resolution).await.due_at,
                Some(monday_nine() + Duration::hours(4))
            );
            // The office now opens at 11:00: two hours later.
            let mut later = office_hours();
            later.hours[0] = "11:00-17:00".into();
            calendars::update(&d.db, &admin, office, later).await.expect("edit");
            let progress = recompute::progress(&d.db).await.expect("progress").expect("requested");
            assert_eq!(progress.finished_at, None, "the edit only asks for the work");
            registry::run_due_now(&d.db).await.expect("run");
            assert_eq!(
                d.clock_of(&agent, id, Metric::Resolution).await.due_at,
                Some(monday_nine() + Duration::hours(6))
            );
            let progress = recompute::progress(&d.db).await.expect("progress").expect("ran");
            assert!(progress.finished_at.is_some());
            assert_eq!(Some(progress.done), progress.total);
            assert!(progress.done >= 1);
        })
        .await;
}

#[tokio::test]
async fn warnings_and_breaches_fire_once_across_two_processes_and_escalate_a_tier() {
    let d = desk().await;
    let (admin, agent, customer) =
        (d.actor("admin@example.com").await, d.actor("agent@example.com").await, d.actor("customer@example.com").await);
    let clock = Clock::manual(monday_nine());
    let (id, tier_two) = clock
        .scope(async {
            // Engineering is tier 2 above Support.
            let teams = team::Entity::find().all(&d.db).await.expect("teams");
            let support = teams.iter().find(|t| t.name == "Support").expect("support").id;
            let engineering = teams.iter().find(|t| t.name == "Engineering").expect("engineering").id;
            domain::teams::commands::set_tier(&d.db, &admin, support, Some(1)).await.expect("tier 1");
            domain::teams::commands::set_tier(&d.db, &admin, engineering, Some(2)).await.expect("tier 2");
            let always = 1;
            let policy = d.test_policy(&admin, vec![target(Metric::FirstResponse, "1h", always)]).await;
            let warn = EscalationInput { percent: "75".into(), notify_assignee: true, ..Default::default() };
            policies::add_escalation(&d.db, &admin, policy, warn).await.expect("warning");
            let breach = EscalationInput {
                percent: "100".into(),
                notify_assignee: true,
                escalate_tier: true,
                ..Default::default()
            };
            policies::add_escalation(&d.db, &admin, policy, breach).await.expect("breach");
            let id = d.tagged_ticket(&customer, &agent, "Cannot log in").await;
            let me = agent.principal().expect("agent").user_id;
            let assign = commands::TicketChanges {
                team_id: Some(Some(support)),
                assignee_id: Some(Some(me)),
                ..Default::default()
            };
            commands::update(&d.db, &admin, id, assign).await.expect("assign");
            (id, engineering)
        })
        .await;
    d.settle_at(&clock).await;
    let notices = |kind: &'static str| {
        let db = d.db.clone();
        async move {
            notification::Entity::find()
                .filter(notification::Column::TicketId.eq(id))
                .filter(notification::Column::Kind.eq(kind))
                .all(&db)
                .await
                .expect("notifications")
                .len()
        }
    };
    assert_eq!(notices("sla_warning").await, 0, "nothing before its time");

    // Two processes run the scheduler at 09:45 and again at 10:00.
    let other = db::connect(d.url()).await.expect("second connection");
    for minutes in [45, 60, 61] {
        clock.set(monday_nine() + Duration::minutes(minutes));
        let first = registry::runner(d.db.clone(), clock.clone());
        let second = registry::runner(other.clone(), clock.clone());
        let (a, b) = tokio::join!(first.run_due(), second.run_due());
        a.expect("first runner");
        b.expect("second runner");
    }
    assert_eq!(notices("sla_warning").await, 1, "the warning fires once");
    assert_eq!(notices("sla_breach").await, 1, "the breach fires once");
    let firings = sla_firing::Entity::find().filter(sla_firing::Column::TicketId.eq(id)).all(&d.db).await.expect("q");
    assert_eq!(firings.len(), 2);
    let row = ticket::Entity::find_by_id(id).one(&d.db).await.expect("q").expect("ticket");
    assert_eq!(row.team_id, Some(tier_two), "the breach escalated to tier 2");
    let history = d.history(id).await;
    let sla: Vec<_> = history.iter().filter(|(field, _, _)| field == "sla").map(|(_, _, new)| new.clone()).collect();
    assert_eq!(
        sla,
        vec![Some("First response: warning at 75\u{a0}%".to_owned()), Some("First response: breached".to_owned())]
    );
    assert!(history.iter().any(|(field, _, new)| field == "team" && new.as_deref() == Some("Engineering")));

    // An agent escalates by hand: Engineering is the top tier, so there is nowhere higher.
    let err = clock.scope(escalation::escalate(&d.db, &agent, id)).await.expect_err("no tier 3");
    assert!(err.to_string().contains("no higher tier"), "{err}");
}

impl Desk {
    async fn settle_at(&self, clock: &Clock) {
        registry::runner(self.db.clone(), clock.clone()).run_due().await.expect("settle");
    }
}

#[tokio::test]
async fn attainment_counts_met_and_breached_targets_and_history_predicts_the_at_risk() {
    let d = desk().await;
    let (admin, agent, customer) =
        (d.actor("admin@example.com").await, d.actor("agent@example.com").await, d.actor("customer@example.com").await);
    let clock = Clock::manual(monday_nine());
    clock
        .scope(async {
            let always = 1;
            let targets = vec![target(Metric::FirstResponse, "1h", always), target(Metric::Resolution, "4h", always)];
            let policy = d.test_policy(&admin, targets).await;
            // Eight tickets that each took six hours to solve, answered within half an hour.
            for n in 0..8 {
                let id = d.tagged_ticket(&customer, &agent, &format!("Slow one {n}")).await;
                clock.advance(Duration::minutes(30));
                commands::add_message(&d.db, &agent, id, Visibility::Public, "Looking").await.expect("reply");
                clock.advance(Duration::minutes(330));
                d.set_status(&agent, id, StatusCategory::Solved, false).await.expect("solve");
            }
            // One answered late.
            let late = d.tagged_ticket(&customer, &agent, "Answered late").await;
            clock.advance(Duration::hours(2));
            commands::add_message(&d.db, &agent, late, Visibility::Public, "Sorry for the wait").await.expect("reply");

            let from = monday_nine() - Duration::days(1);
            let view = domain::sla::attainment::attainment(&d.db, &admin, from, clock.now() + Duration::hours(1))
                .await
                .expect("attainment");
            let first = view.rows.iter().find(|r| r.policy_id == policy && r.metric == Metric::FirstResponse);
            let first = first.expect("first response row");
            assert_eq!((first.met, first.breached, first.percent), (8, 1, Some(89)));
            let resolution = view.rows.iter().find(|r| r.policy_id == policy && r.metric == Metric::Resolution);
            let resolution = resolution.expect("resolution row");
            assert_eq!((resolution.met, resolution.breached), (0, 8), "solved in six hours against four");
            assert_eq!(
                domain::sla::attainment::attainment(&d.db, &agent, from, clock.now()).await.unwrap_err(),
                domain::DomainError::Forbidden
            );

            // A new ticket of the same kind, due in four hours: similar ones took six.
            let fresh = d.tagged_ticket(&customer, &agent, "Another slow one").await;
            let risky = domain::sla::risk::at_risk(&d.db, &agent).await.expect("at risk");
            let found = risky.iter().find(|r| r.ticket.id == fresh).expect("the fresh ticket is at risk");
            assert_eq!(found.metric, Metric::Resolution);
            assert!(found.prediction.at_risk && found.prediction.percent >= 90, "{:?}", found.prediction);
            // Nobody has it yet: waiting to be picked up makes it a quarter longer than the six hours.
            let reason = found.prediction.reason();
            assert!(
                reason.starts_with("Usually takes 7 h 30 min (median of 8 tickets of the same category"),
                "{reason}"
            );
            assert!(reason.ends_with("Nobody is assigned yet."), "{reason}");
            let on_page = d.clock_of(&agent, fresh, Metric::Resolution).await.prediction.expect("a prediction");
            assert!(on_page.at_risk);
            let customer_list = domain::sla::risk::at_risk(&d.db, &customer).await;
            assert_eq!(customer_list.unwrap_err(), domain::DomainError::Forbidden);
        })
        .await;
}

#[tokio::test]
async fn a_new_rule_does_not_fire_for_breaches_long_past() {
    let d = desk().await;
    let (admin, agent, customer) =
        (d.actor("admin@example.com").await, d.actor("agent@example.com").await, d.actor("customer@example.com").await);
    let clock = Clock::manual(monday_nine());
    let id = clock
        .scope(async {
            d.test_policy(&admin, vec![target(Metric::FirstResponse, "1h", 1)]).await;
            d.tagged_ticket(&customer, &agent, "Breached last week").await
        })
        .await;
    clock.advance(Duration::days(7));
    clock
        .scope(async {
            let settings = policies::settings(&d.db, &admin).await.expect("settings");
            let policy = settings.policies.iter().find(|p| p.name == "Test").expect("test policy").id;
            let rule = EscalationInput { percent: "100".into(), notify_assignee: true, ..Default::default() };
            policies::add_escalation(&d.db, &admin, policy, rule).await.expect("rule");
        })
        .await;
    d.settle_at(&clock).await;
    let firings = sla_firing::Entity::find().filter(sla_firing::Column::TicketId.eq(id)).all(&d.db).await.expect("q");
    assert!(firings.is_empty(), "a breach a week old is not announced by a rule added today");
    let row = ticket::Entity::find_by_id(id).one(&d.db).await.expect("q").expect("ticket");
    assert_eq!(row.sla_due_at, Some(monday_nine() + Duration::hours(1)), "it is still shown as overdue");
}
