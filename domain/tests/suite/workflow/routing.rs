//! Routing and assignment on a real database: rules set a new ticket's fields and say so in its
//! history; round-robin is fair over 1,000 tickets; least loaded respects capacity and skips the
//! away; skills narrow the choice; a ticket waits in its team's queue when nobody is free and
//! goes to the first agent who becomes free; rules for changes cannot loop for ever.

use super::support::{Desk, desk};
use domain::{
    Actor, Role,
    accounts::commands::{NewUser, create_user},
    clock::Clock,
    desk_config::Config,
    routing::{
        agents, availability,
        queries::{distribution, settings, waiting_in},
        rules::{self, RuleInput},
        types::{Availability, Strategy},
    },
    teams,
    ticket_types::StatusCategory,
    tickets::commands::{self, NewTicket, TicketChanges},
};
use std::collections::HashMap;

struct Team {
    id: i64,
    /// The team's agents as (user id, actor), in the order they were made.
    agents: Vec<(i64, Actor)>,
}

impl Desk {
    /// A team of `n` new agents (no tickets yet), all online and available, assigning by `strategy`.
    async fn team(&self, name: &str, n: usize, strategy: Strategy) -> Team {
        let admin = self.admin().await;
        let id = teams::commands::create(&self.db, &admin, name, "").await.expect("team");
        let mut agents = Vec::new();
        for i in 0..n {
            let user = NewUser {
                name: format!("{name} agent {i}"),
                email: format!("{}.{i}@example.com", name.to_lowercase().replace(' ', "-")),
                password: "correct horse battery".into(),
                role: Role::Agent,
                organization_id: None,
            };
            let user = create_user(&self.db, &admin, user).await.expect("agent");
            teams::commands::add_member(&self.db, &admin, id, user.id).await.expect("member");
            availability::seen(&self.db, user.id).await.expect("seen");
            agents.push((user.id, self.actor(&user.email).await));
        }
        agents::set_strategy(&self.db, &admin, id, strategy).await.expect("strategy");
        Team { id, agents }
    }

    /// A call an agent logs for the team.
    async fn call(&self, team: Option<i64>, subject: &str) -> i64 {
        let agent = self.actor("agent@example.com").await;
        let input = NewTicket {
            subject: subject.into(),
            body: format!("Caller says: {subject}"),
            requester_email: Some("caller@acme.example".into()),
            team_id: team,
            ..Default::default()
        };
        commands::create(&self.db, &agent, input).await.expect("call").id
    }

    async fn assignee(&self, id: i64) -> Option<i64> {
        let admin = self.admin().await;
        self.view(&admin, id).await.summary.assignee.map(|a| a.id)
    }

    async fn routing_lines(&self, id: i64) -> Vec<String> {
        self.history(id).await.into_iter().filter(|(f, _, _)| f == "routing").filter_map(|(_, _, new)| new).collect()
    }
}

#[tokio::test]
async fn round_robin_is_fair_over_a_thousand_tickets_and_says_why() {
    let d = desk().await;
    let team = d.team("Rota", 4, Strategy::RoundRobin).await;
    let since = chrono::Utc::now() - chrono::Duration::minutes(1);
    let mut order = Vec::new();
    for n in 0..1000 {
        let id = d.call(Some(team.id), &format!("Call {n}")).await;
        if n < 8 {
            order.push(d.assignee(id).await.expect("assigned"));
        }
    }
    // In turn: each agent once before anyone twice.
    let ids: Vec<i64> = team.agents.iter().map(|(id, _)| *id).collect();
    assert_eq!(order, [ids.clone(), ids.clone()].concat());
    let counts = distribution(&d.db, team.id, since).await.expect("distribution");
    assert_eq!(counts, ids.iter().map(|id| (*id, 250)).collect::<HashMap<_, _>>());
    let last = d.call(Some(team.id), "Call 1000").await;
    assert_eq!(d.routing_lines(last).await, ["Round-robin in Rota: next in turn of 4 available"]);
    let report = settings(&d.db, &d.admin().await).await.expect("settings");
    let first = report.agents.iter().find(|a| a.id == ids[0]).expect("in the report");
    assert_eq!((first.assigned, first.open, first.online), (251, 251, true));
}

#[tokio::test]
async fn least_loaded_respects_capacity_and_skips_the_away() {
    let d = desk().await;
    let admin = d.admin().await;
    let team = d.team("Load", 3, Strategy::LeastLoaded).await;
    let [(a, _), (b, _), (c, away)] = [0, 1, 2].map(|i| team.agents[i].clone());
    agents::set_agent(&d.db, &admin, a, Some(1), "").await.expect("capacity a");
    agents::set_agent(&d.db, &admin, b, Some(2), "").await.expect("capacity b");
    availability::set(&d.db, &away, Availability::Away).await.expect("away");

    let first = d.call(Some(team.id), "One").await;
    let second = d.call(Some(team.id), "Two").await;
    let third = d.call(Some(team.id), "Three").await;
    let fourth = d.call(Some(team.id), "Four").await;
    assert_eq!(d.assignee(first).await, Some(a));
    assert_eq!(d.routing_lines(first).await, ["Least loaded in Load: 0 open, capacity 1"]);
    assert_eq!(d.assignee(second).await, Some(b), "a is full");
    assert_eq!(d.assignee(third).await, Some(b));
    assert_eq!(d.routing_lines(third).await, ["Least loaded in Load: 1 open, capacity 2"]);
    assert_eq!(d.assignee(fourth).await, None, "everyone available is full; c is away");
    assert_eq!(d.routing_lines(fourth).await, ["Waiting in Load\u{2019}s queue: everyone available is at capacity"]);
    let config = Config::load(&d.db).await.expect("config");
    assert_eq!(waiting_in(&d.db, &config, team.id).await.expect("waiting"), 1);

    // Back from away, c takes what waits.
    availability::set(&d.db, &away, Availability::Available).await.expect("back");
    assert_eq!(d.assignee(fourth).await, Some(c));
    assert_eq!(
        d.routing_lines(fourth).await[1],
        "From Load\u{2019}s queue: Load agent 2 became available (0 open, no capacity set)"
    );
}

#[tokio::test]
async fn a_ticket_waits_until_someone_is_free_and_goes_to_them_at_once() {
    let d = desk().await;
    let admin = d.admin().await;
    let team = d.team("Queue", 2, Strategy::RoundRobin).await;
    let [(a, alice), (b, _)] = [0, 1].map(|i| team.agents[i].clone());
    agents::set_agent(&d.db, &admin, a, Some(1), "").await.expect("capacity");
    // b signs out: no longer online.
    availability::gone(&d.db, b).await.expect("gone");

    let first = d.call(Some(team.id), "First").await;
    let second = d.call(Some(team.id), "Second").await;
    assert_eq!(d.assignee(first).await, Some(a));
    assert_eq!(d.assignee(second).await, None);
    assert_eq!(d.routing_lines(second).await, ["Waiting in Queue\u{2019}s queue: everyone available is at capacity"]);

    // a solves the first: the second is hers the same moment.
    d.set_status(&alice, first, StatusCategory::Solved, false).await.expect("solve");
    assert_eq!(d.assignee(second).await, Some(a));
    assert!(d.routing_lines(second).await[1].contains("has room again (0 open, capacity 1)"));

    // Nobody online: the third waits, and goes to b when b comes back.
    availability::set(&d.db, &alice, Availability::OffShift).await.expect("off shift");
    let third = d.call(Some(team.id), "Third").await;
    assert_eq!(d.routing_lines(third).await, ["Waiting in Queue\u{2019}s queue: nobody is available"]);
    availability::seen(&d.db, b).await.expect("back online");
    assert_eq!(d.assignee(third).await, Some(b));

    // Unassigned by hand, a ticket returns to the queue and is handed out again.
    let unassign = TicketChanges { assignee_id: Some(None), ..Default::default() };
    commands::update(&d.db, &admin, third, unassign).await.expect("unassign");
    assert_eq!(d.assignee(third).await, Some(b), "b is the only one taking tickets");
}

#[tokio::test]
async fn skills_come_from_rules_and_categories() {
    let d = desk().await;
    let admin = d.admin().await;
    let team = d.team("Network", 2, Strategy::Skills).await;
    let [(generalist, _), (specialist, _)] = [0, 1].map(|i| team.agents[i].clone());
    let rule = RuleInput {
        name: "VPN trouble".into(),
        conditions: "vpn".into(),
        team_id: Some(team.id),
        tags: "vpn".into(),
        skills: "vpn".into(),
        active: true,
        ..Default::default()
    };
    rules::create(&d.db, &admin, rule).await.expect("rule");

    let vpn = d.call(None, "VPN drops every hour").await;
    assert_eq!(d.assignee(vpn).await, None, "nobody has the skill yet");
    assert_eq!(
        d.routing_lines(vpn).await,
        [
            "Routing rule \u{201c}VPN trouble\u{201d}: team Network, tags vpn, needs vpn",
            "Waiting in Network\u{2019}s queue: nobody available with room has the skills vpn"
        ]
    );
    agents::set_agent(&d.db, &admin, specialist, None, "vpn, network").await.expect("skills");
    assert_eq!(d.assignee(vpn).await, Some(specialist), "caught up when the skill arrived");
    let plain = d.call(Some(team.id), "Printer offline").await;
    assert_eq!(d.assignee(plain).await, Some(generalist), "no skill needed: least loaded");

    // A category's skills count too.
    let config = Config::load(&d.db).await.expect("config");
    let billing = config.categories.iter().find(|c| c.name == "Billing").expect("category").id;
    agents::set_category_skills(&d.db, &admin, billing, "invoices").await.expect("category skills");
    agents::set_agent(&d.db, &admin, generalist, None, "invoices").await.expect("skills");
    let agent = d.actor("agent@example.com").await;
    let input = NewTicket {
        subject: "Refund".into(),
        body: "Double charge".into(),
        requester_email: Some("caller@acme.example".into()),
        team_id: Some(team.id),
        category_id: Some(billing),
        ..Default::default()
    };
    let refund = commands::create(&d.db, &agent, input).await.expect("refund").id;
    assert_eq!(d.assignee(refund).await, Some(generalist));
}

#[tokio::test]
async fn rules_set_what_the_asker_left_open_and_refuse_bad_input() {
    let d = desk().await;
    let admin = d.admin().await;
    let customer = d.actor("customer@example.com").await;
    let config = Config::load(&d.db).await.expect("config");
    let engineering = config.teams.iter().find(|t| t.name == "Engineering").expect("team").id;
    let urgent = config.priorities.iter().find(|p| p.name == "Urgent").expect("priority").id;
    let outage = RuleInput {
        name: "Outages".into(),
        conditions: "\"is down\" -test".into(),
        team_id: Some(engineering),
        priority_id: Some(urgent),
        tags: "outage".into(),
        active: true,
        ..Default::default()
    };
    rules::create(&d.db, &admin, outage.clone()).await.expect("rule");
    let (down, _) = d.open(&customer, "The portal is down").await;
    let view = d.view(&admin, down).await;
    assert_eq!(view.tags, ["outage"]);
    let view = view.summary;
    assert_eq!(view.team.map(|t| t.name).as_deref(), Some("Engineering"));
    assert_eq!(view.priority.name, "Urgent");
    assert_eq!(
        d.routing_lines(down).await,
        ["Routing rule \u{201c}Outages\u{201d}: team Engineering, priority Urgent, tags outage"]
    );
    let (test, _) = d.open(&customer, "Test: the portal is down").await;
    assert!(d.view(&admin, test).await.tags.is_empty(), "-test keeps it out");

    // Bad input is refused field by field; an inactive rule does nothing.
    let bad =
        RuleInput { name: " ".into(), conditions: "status:open".into(), tags: "<b>".into(), ..Default::default() };
    let Err(domain::DomainError::Validation(fields)) = rules::create(&d.db, &admin, bad).await else {
        panic!("refused")
    };
    let mut fields: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    fields.sort_unstable();
    assert_eq!(fields, ["conditions", "name", "tags"]);
    let taken = rules::create(&d.db, &admin, outage).await;
    assert_eq!(super::support::field_of(taken), "name");
    let agent = d.actor("agent@example.com").await;
    assert_eq!(rules::create(&d.db, &agent, RuleInput::default()).await, Err(domain::DomainError::Forbidden));
}

#[tokio::test]
async fn rules_for_changes_that_fight_stop_at_the_depth_limit() {
    let d = desk().await;
    let admin = d.admin().await;
    let config = Config::load(&d.db).await.expect("config");
    let team = |name: &str| config.teams.iter().find(|t| t.name == name).expect("team").id;
    for (name, when, to) in
        [("Billing to Support", "team:billing", "Support"), ("Support to Billing", "team:support", "Billing")]
    {
        let rule = RuleInput {
            name: name.into(),
            conditions: when.into(),
            team_id: Some(team(to)),
            on_change: true,
            active: true,
            ..Default::default()
        };
        rules::create(&d.db, &admin, rule).await.expect("rule");
    }
    let id = d.call(None, "Ping pong").await;
    let to_billing = TicketChanges { team_id: Some(Some(team("Billing"))), ..Default::default() };
    commands::update(&d.db, &admin, id, to_billing).await.expect("the change is kept");
    let lines = d.routing_lines(id).await;
    assert!((2..=5).contains(&lines.len()), "a few rounds, then the chain stops: {lines:?}");
}

#[tokio::test]
async fn the_clock_decides_who_is_online() {
    let d = desk().await;
    let team = d.team("Shift", 1, Strategy::RoundRobin).await;
    let clock = Clock::manual(chrono::Utc::now() + chrono::Duration::minutes(10));
    let id = clock.scope(d.call(Some(team.id), "After a quiet spell")).await;
    assert_eq!(d.assignee(id).await, None, "not seen for ten minutes: offline");
    clock.scope(availability::seen(&d.db, team.agents[0].0)).await.expect("seen");
    assert_eq!(d.assignee(id).await, Some(team.agents[0].0));
}

#[tokio::test]
async fn rules_match_custom_fields_as_the_search_reads_them() {
    use domain::custom_fields::{setup, types::FieldKind};
    let d = desk().await;
    let admin = d.admin().await;
    let agent = d.actor("agent@example.com").await;
    let config = Config::load(&d.db).await.expect("config");
    let urgent = config.priorities.iter().find(|p| p.name == "Urgent").expect("priority").id;
    let devices =
        setup::FieldInput { name: "Devices affected".into(), kind: Some(FieldKind::Number), ..Default::default() };
    let devices = setup::create(&d.db, &admin, devices).await.expect("field");
    let many = RuleInput {
        name: "Many devices".into(),
        conditions: "field:\"Devices affected\">10".into(),
        priority_id: Some(urgent),
        active: true,
        ..Default::default()
    };
    rules::create(&d.db, &admin, many).await.expect("rule");
    let log = |count: &str| {
        let input = NewTicket {
            subject: format!("{count} laptops will not start"),
            body: "After the update.".into(),
            requester_email: Some("caller@acme.example".into()),
            fields: [(devices, vec![count.to_owned()])].into_iter().collect(),
            ..Default::default()
        };
        commands::create(&d.db, &agent, input)
    };
    let twelve = log("12").await.expect("logged").id;
    assert_eq!(d.view(&admin, twelve).await.summary.priority.name, "Urgent");
    assert_eq!(d.routing_lines(twelve).await, ["Routing rule \u{201c}Many devices\u{201d}: priority Urgent"]);
    let three = log("3").await.expect("logged").id;
    assert_ne!(d.view(&admin, three).await.summary.priority.name, "Urgent");

    // A term its field cannot hold, or a field that does not exist, is refused by name.
    for (conditions, message) in [
        ("field:\"Devices affected\"=many", "Devices affected"),
        ("field:\"Printer model\"=x", "No field called \u{201c}printer model\u{201d}"),
    ] {
        let bad = RuleInput {
            name: "Bad".into(),
            conditions: conditions.into(),
            priority_id: Some(urgent),
            active: true,
            ..Default::default()
        };
        let Err(domain::DomainError::Validation(fields)) = rules::create(&d.db, &admin, bad).await else {
            panic!("refused: {conditions}")
        };
        assert_eq!(fields[0].field, "conditions");
        assert!(fields[0].message.contains(message), "{}", fields[0].message);
    }
}
