//! A team that keeps its agents to its own tickets: Kai, on Field service only, finds, opens,
//! links, merges into and hears of only its tickets and the ones assigned to him, until an
//! admin lets the team see every ticket.

use super::support::{desk, field_of};
use domain::{
    DomainError,
    notifications::queries as bell,
    team_types::TicketScope,
    teams,
    ticket_filter::{Sort, TicketFilter},
    ticket_types::{Queue, Visibility},
    tickets::{
        commands::{self, NewTicket, TicketChanges},
        filtering, merge, queries,
    },
};

#[tokio::test]
async fn an_agent_of_a_scoped_team_reaches_its_tickets_and_his_own_only() {
    let d = desk().await;
    let admin = d.actor("admin@example.com").await;
    let alex = d.actor("agent@example.com").await;
    let kai = d.actor("kai.tanaka@example.com").await;
    let customer = d.actor("customer@example.com").await;
    let kai_id = kai.principal().map(|p| p.user_id);

    let field_service = teams::queries::list(&d.db, &admin).await.expect("teams");
    let field_service = field_service.into_iter().find(|t| t.name == "Field service").expect("team");
    assert_eq!(field_service.ticket_scope, TicketScope::Team);
    for subject in ["Printer jams", "Badge reader dead"] {
        let visit = NewTicket {
            subject: subject.into(),
            body: "On site, please.".into(),
            requester_email: Some("wile@acme.example".into()),
            team_id: Some(field_service.id),
            ..Default::default()
        };
        commands::create(&d.db, &alex, visit).await.expect("visit");
    }

    // Field service's visits are all Kai finds, by queue or by search.
    let subjects = |page: domain::views::Page<domain::ticket_types::TicketSummary>| {
        page.items.into_iter().map(|t| t.subject).collect::<Vec<_>>()
    };
    let mut open = subjects(queries::queue(&d.db, &kai, Queue::AllOpen, None).await.expect("queue"));
    open.sort();
    assert_eq!(open, ["Badge reader dead", "Printer jams"]);
    let everything = TicketFilter::default();
    let found = filtering::list(&d.db, &kai, &everything, Sort::Updated, None).await.expect("search");
    assert_eq!(found.items.len(), 2);

    // Another team's ticket is not found, and cannot be a link or merge target.
    let (other, reference) = d.open(&customer, "Not for Field service").await;
    assert!(queries::get(&d.db, &alex, other).await.is_ok());
    assert_eq!(queries::get(&d.db, &kai, other).await.map(|_| ()), Err(DomainError::NotFound));
    let field_ticket = queries::queue(&d.db, &kai, Queue::AllOpen, None).await.expect("queue").items[0].id;
    let linked = d.link(&kai, field_ticket, domain::link_types::Relation::RelatedTo, &reference).await;
    assert_eq!(field_of(linked), "reference");
    assert_eq!(field_of(merge::merge(&d.db, &kai, field_ticket, &reference, true).await), "target");

    // A mention on it reaches nobody who cannot open it; assigned to Kai, it opens for him.
    commands::add_message(&d.db, &alex, other, Visibility::Internal, "@kai.tanaka can you look?").await.expect("note");
    d.settle().await;
    assert_eq!(bell::unread_count(&d.db, &kai).await.expect("count"), 0);
    let assign = TicketChanges { assignee_id: Some(kai_id), ..Default::default() };
    commands::update(&d.db, &alex, other, assign).await.expect("assign");
    d.settle().await;
    assert_eq!(queries::get(&d.db, &kai, other).await.expect("now his").summary.subject, "Not for Field service");
    assert_eq!(bell::unread_count(&d.db, &kai).await.expect("count"), 1, "told of the assignment");

    // What he logs without a team goes to his team, so that he can still reach it.
    let logged = NewTicket {
        subject: "Called: scanner offline".into(),
        body: "At the front desk.".into(),
        requester_email: Some("wile@acme.example".into()),
        ..Default::default()
    };
    let logged = commands::create(&d.db, &kai, logged).await.expect("log a call").id;
    assert!(queries::get(&d.db, &kai, logged).await.expect("his team's").summary.team.is_some());

    // Only admins choose a team's scope; every ticket opens once the team sees them all.
    let set = |who| teams::commands::set_ticket_scope(&d.db, who, field_service.id, TicketScope::All);
    assert_eq!(set(&kai).await, Err(DomainError::Forbidden));
    set(&admin).await.expect("scope");
    let (third, _) = d.open(&customer, "Anyone's").await;
    assert!(queries::get(&d.db, &kai, third).await.is_ok());
}

#[tokio::test]
async fn a_manager_runs_the_teams_they_belong_to_and_nothing_else() {
    let d = desk().await;
    let admin = d.actor("admin@example.com").await;
    let robin = d.actor("robin.reyes@example.com").await;
    let alex = d.actor("agent@example.com").await;
    let kai_id = d.actor("kai.tanaka@example.com").await.principal().map_or(0, |p| p.user_id);
    let all = teams::queries::list(&d.db, &admin).await.expect("teams");
    let id = |name: &str| all.iter().find(|t| t.name == name).expect(name).id;
    let (support, billing) = (id("Support"), id("Billing"));

    let (mine, manages) = teams::queries::run_by(&d.db, &robin).await.expect("Robin's teams");
    assert_eq!((mine.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), manages), (vec!["Support"], false));
    assert_eq!(teams::queries::run_by(&d.db, &alex).await.map(|_| ()), Err(DomainError::Forbidden));

    teams::commands::update(&d.db, &robin, support, "Support", "First line, weekdays").await.expect("describe");
    teams::commands::add_member(&d.db, &robin, support, kai_id).await.expect("staff");
    teams::commands::remove_member(&d.db, &robin, support, kai_id).await.expect("unstaff");
    // Not another team, not a new one, not what a team sees; agents run nothing.
    let refused = [
        teams::commands::update(&d.db, &robin, billing, "Billing", "Mine now").await,
        teams::commands::add_member(&d.db, &robin, billing, kai_id).await,
        teams::commands::set_ticket_scope(&d.db, &robin, support, TicketScope::Team).await,
        teams::commands::create(&d.db, &robin, "Robin's", "").await.map(|_| ()),
        teams::commands::update(&d.db, &alex, support, "Support", "Alex's").await,
    ];
    assert!(refused.iter().all(|r| *r == Err(DomainError::Forbidden)), "{refused:?}");
}
