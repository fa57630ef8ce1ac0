//! Automation rules on a real database: an event rule acts and says so; two rules that would
//! set each other off for ever are stopped and the log says so; a failing rule is logged and
//! the change that set it off stays; a "pending for five days" rule closes a ticket on time by
//! the scheduler's test clock, once; the dry run counts what a rule would have matched; bad
//! rules are refused field by field.

use super::support::{Desk, desk, field_of};
use chrono::Duration;
use domain::{
    DomainError,
    automation::{
        queries,
        rules::{self, ActionsInput, AutomationInput},
        types::{NotifyWhom, RunOutcome, Trigger},
    },
    clock::Clock,
    desk_config::Config,
    jobs::registry,
    ticket_types::{StatusCategory, Visibility},
    tickets::commands::{self, TicketChanges},
};

impl Desk {
    async fn rule(&self, name: &str, trigger: Trigger, conditions: &str, actions: ActionsInput) -> i64 {
        let input = AutomationInput {
            name: name.into(),
            trigger: Some(trigger),
            conditions: conditions.into(),
            idle: String::new(),
            actions,
            active: true,
        };
        rules::create(&self.db, &self.admin().await, input).await.expect("rule")
    }

    async fn runs(&self, rule: i64) -> Vec<(RunOutcome, String)> {
        let log = queries::log(&self.db, &self.admin().await, rule).await.expect("log");
        log.into_iter().map(|r| (r.outcome, r.detail)).collect()
    }

    async fn tags(&self, id: i64) -> Vec<String> {
        self.view(&self.admin().await, id).await.tags
    }

    async fn status_of(&self, id: i64) -> StatusCategory {
        self.view(&self.admin().await, id).await.summary.status.category
    }
}

#[tokio::test]
async fn an_event_rule_acts_and_says_so() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let config = Config::load(&d.db).await.expect("config");
    let high = config.priorities.iter().find(|p| p.name == "High").expect("High").id;
    let actions = ActionsInput {
        priority_id: Some(high),
        add_tags: "outage".into(),
        note: "Outage reported by {{customer.name}} on {{ticket.reference}}.".into(),
        notify: NotifyWhom::Team,
        ..Default::default()
    };
    let rule = d.rule("Outages first", Trigger::Created, "outage", actions).await;
    let (quiet, _) = d.open(&customer, "A question about invoices").await;
    let (loud, reference) = d.open(&customer, "Total outage in Berlin").await;
    assert!(d.tags(quiet).await.is_empty(), "no match, no action");
    assert_eq!(d.tags(loud).await, ["outage"]);
    let view = d.view(&d.admin().await, loud).await;
    assert_eq!(view.summary.priority.name, "High");
    let note = view.timeline.iter().find_map(|e| match e {
        domain::ticket_types::TimelineEntry::Message(m) if m.visibility == Visibility::Internal => {
            Some(m.body_html.clone())
        }
        _ => None,
    });
    assert!(note.expect("a note").contains(&format!("Outage reported by Casey Customer on {reference}.")));
    let history = d.history(loud).await;
    assert!(
        history
            .iter()
            .any(|(f, _, new)| f == "automation" && new.as_deref() == Some("Rule \u{201c}Outages first\u{201d} ran"))
    );
    assert_eq!(d.runs(rule).await, [(RunOutcome::Applied, "Changed the ticket, added a note".to_owned())]);
}

#[tokio::test]
async fn rules_that_set_each_other_off_are_stopped_and_logged() {
    let d = desk().await;
    let admin = d.admin().await;
    let customer = d.actor("customer@example.com").await;
    let ping = ActionsInput { add_tags: "pong".into(), remove_tags: "ping".into(), ..Default::default() };
    let pong = ActionsInput { add_tags: "ping".into(), remove_tags: "pong".into(), ..Default::default() };
    let first = d.rule("Ping", Trigger::Updated, "tag:ping", ping).await;
    d.rule("Pong", Trigger::Updated, "tag:pong", pong).await;
    let (id, _) = d.open(&customer, "Ping pong").await;
    let tag = TicketChanges { tags: Some("ping".into()), ..Default::default() };
    commands::update(&d.db, &admin, id, tag).await.expect("the change is kept");
    let runs = d.runs(first).await;
    assert!(runs.iter().any(|(o, _)| *o == RunOutcome::Applied));
    assert!(runs.iter().any(|(o, detail)| *o == RunOutcome::Stopped && detail.contains("cannot loop")), "{runs:?}");
}

#[tokio::test]
async fn a_failing_rule_is_logged_and_the_change_stays() {
    let d = desk().await;
    let admin = d.admin().await;
    let customer = d.actor("customer@example.com").await;
    let reply = ActionsInput { reply: "We closed this for you.".into(), ..Default::default() };
    let rule = d.rule("Say goodbye", Trigger::Updated, "status:closed", reply).await;
    let (id, _) = d.open(&customer, "Close me").await;
    d.set_status(&admin, id, StatusCategory::Closed, false).await.expect("closed all the same");
    assert_eq!(d.status_of(id).await, StatusCategory::Closed);
    let runs = d.runs(rule).await;
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].0, RunOutcome::Failed, "{runs:?}");
}

#[tokio::test]
async fn a_schedule_rule_closes_what_waited_five_days_once() {
    let d = desk().await;
    let admin = d.admin().await;
    let customer = d.actor("customer@example.com").await;
    let clock = Clock::manual(chrono::Utc::now());
    let runner = registry::runner(d.db.clone(), clock.clone());
    let config = Config::load(&d.db).await.expect("config");
    let closed = config.statuses.iter().find(|s| s.category == StatusCategory::Closed).expect("closed").id;
    let (waiting, _) = clock.scope(d.open(&customer, "Waiting on the customer")).await;
    let (answered, _) = clock.scope(d.open(&customer, "Answered in time")).await;
    clock
        .scope(async {
            for id in [waiting, answered] {
                d.set_status(&admin, id, StatusCategory::Pending, false).await.expect("pending");
            }
        })
        .await;
    let input = AutomationInput {
        name: "Close after five quiet days".into(),
        trigger: Some(Trigger::Schedule),
        conditions: "status:pending".into(),
        idle: "5d".into(),
        actions: ActionsInput { status_id: Some(closed), add_tags: "closed-quietly".into(), ..Default::default() },
        active: true,
    };
    let rule = clock.scope(rules::create(&d.db, &admin, input)).await.expect("rule");
    runner.run_due().await.expect("run");
    assert_eq!(d.status_of(waiting).await, StatusCategory::Pending, "nothing at once");

    clock.advance(Duration::days(3));
    clock
        .scope(commands::add_message(&d.db, &customer, answered, Visibility::Public, "Here is the log"))
        .await
        .expect("answer");
    clock.advance(Duration::days(2) - Duration::minutes(10));
    runner.run_due().await.expect("run");
    assert_eq!(d.status_of(waiting).await, StatusCategory::Pending, "not a moment early");

    clock.advance(Duration::minutes(15));
    runner.run_due().await.expect("run");
    assert_eq!(d.status_of(waiting).await, StatusCategory::Closed);
    assert_eq!(d.tags(waiting).await, ["closed-quietly"]);
    assert_eq!(d.status_of(answered).await, StatusCategory::Open, "the customer answered: not idle");
    clock.advance(Duration::days(10));
    runner.run_due().await.expect("run");
    assert_eq!(d.runs(rule).await.len(), 1, "once");
}

#[tokio::test]
async fn the_dry_run_counts_and_bad_rules_are_refused() {
    let d = desk().await;
    let admin = d.admin().await;
    let customer = d.actor("customer@example.com").await;
    for subject in ["Printer jams", "Printer offline", "Password reset"] {
        d.open(&customer, subject).await;
    }
    let dry = queries::dry_run(&d.db, &admin, "printer status:new").await.expect("dry run");
    assert_eq!((dry.matched, dry.days, dry.examples.len()), (2, 30, 2));
    assert_eq!(field_of(queries::dry_run(&d.db, &admin, "team:nowhere").await), "conditions");
    assert_eq!(field_of(queries::dry_run(&d.db, &admin, "assignee:me").await), "conditions");

    let bad = |trigger, idle: &str, actions| AutomationInput {
        name: "Bad".into(),
        trigger,
        conditions: String::new(),
        idle: idle.into(),
        actions,
        active: false,
    };
    let fields = |result: Result<i64, DomainError>| match result {
        Err(DomainError::Validation(fields)) => {
            let mut names: Vec<String> = fields.into_iter().map(|f| f.field).collect();
            names.sort();
            names
        }
        other => vec![format!("{other:?}")],
    };
    let nothing = ActionsInput::default();
    assert_eq!(fields(rules::create(&d.db, &admin, bad(None, "", nothing.clone())).await), ["actions", "trigger"]);
    let note = ActionsInput { note: "Hi {{customer.nickname}}".into(), ..Default::default() };
    assert_eq!(
        fields(rules::create(&d.db, &admin, bad(Some(Trigger::Schedule), "soon", note)).await),
        ["idle", "note"]
    );
    let agent = d.actor("agent@example.com").await;
    let input = bad(Some(Trigger::Created), "", ActionsInput { add_tags: "x".into(), ..Default::default() });
    assert_eq!(rules::create(&d.db, &agent, input).await, Err(DomainError::Forbidden));
}
