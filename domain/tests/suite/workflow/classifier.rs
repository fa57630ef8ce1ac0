//! The suggested category and priority on a real database: trained on solved tickets (every
//! tenth held out and measured), suggested on a ticket with a confidence, applied by itself to a
//! new ticket above the admin's threshold and said so in its history, and refused below 50 %.

use super::support::desk;
use domain::{
    DomainError,
    classifier::{settings, suggest, train, types::Kind},
    desk_config::Config,
    ticket_types::StatusCategory,
    tickets::commands::{self, NewTicket, TicketChanges},
};

#[tokio::test]
async fn learns_from_solved_tickets_suggests_and_applies_above_the_threshold() {
    let d = desk().await;
    let admin = d.admin().await;
    let agent = d.actor("agent@example.com").await;
    let customer = d.actor("customer@example.com").await;
    let config = Config::load(&d.db).await.expect("config");
    let category = |name: &str| config.categories.iter().find(|c| c.name == name).expect("category").id;
    let (billing, technical) = (category("Billing"), category("Technical"));
    let solved = config.statuses.iter().find(|s| s.category == StatusCategory::Solved).expect("solved").id;
    let topics = [
        (billing, ["Invoice total is wrong", "Refund for a double charge", "Card charged twice", "Invoice address"]),
        (technical, ["VPN tunnel drops", "Printer driver crashes", "Laptop will not boot", "Wifi disconnects"]),
    ];
    for round in 0..6 {
        for (category_id, subjects) in topics {
            for subject in subjects {
                let input = NewTicket {
                    subject: format!("{subject} ({round})"),
                    body: format!("{subject}. Please help."),
                    requester_email: Some("wile@acme.example".into()),
                    category_id: Some(category_id),
                    ..Default::default()
                };
                let id = commands::create(&d.db, &agent, input).await.expect("ticket").id;
                let solve = TicketChanges { status_id: Some(solved), ..Default::default() };
                commands::update(&d.db, &agent, id, solve).await.expect("solve");
            }
        }
    }
    let models = train::train(&d.db).await.expect("train");
    let category_model = models.iter().find(|m| m.kind == Kind::Category).expect("a category model");
    assert!(category_model.samples >= 40 && category_model.held_out >= 4, "{category_model:?}");
    assert!(category_model.accuracy > category_model.baseline, "{category_model:?}");

    let (open, _) = d.open(&customer, "My invoice shows a double charge").await;
    let suggested = suggest::for_ticket(&d.db, &agent, open).await.expect("suggestions");
    let guess = suggested.iter().find(|s| s.kind == Kind::Category).expect("a category suggestion");
    assert_eq!((guess.id, guess.name.as_str()), (billing, "Billing"));
    assert!(guess.confidence > 50, "{guess:?}");
    assert!(suggest::for_ticket(&d.db, &customer, open).await.is_err(), "agents only");

    assert_eq!(settings::set_apply_above(&d.db, &agent, Some(60)).await, Err(DomainError::Forbidden));
    assert!(settings::parse_percent("40").is_err());
    settings::set_apply_above(&d.db, &admin, settings::parse_percent("60").expect("60")).await.expect("threshold");
    let (applied, _) = d.open(&customer, "Refund the invoice charged twice").await;
    assert_eq!(d.view(&admin, applied).await.category.map(|c| c.id), Some(billing));
    let lines: Vec<String> =
        d.history(applied).await.into_iter().filter(|(f, _, _)| f == "routing").filter_map(|(_, _, n)| n).collect();
    assert!(lines.iter().any(|l| l.starts_with("Classifier: category Billing (")), "{lines:?}");
}
