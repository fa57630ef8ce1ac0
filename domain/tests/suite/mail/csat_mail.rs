//! The satisfaction survey by mail: with no delay the solved mail carries one-click rating links
//! that answer without signing in; with a delay, the `csat.ask` job mails the survey when it is
//! due, once, and not at all when the ticket was reopened or already rated.

use super::support::{MailDesk, mail, mail_desk};
use domain::{
    clock::Clock,
    csat::{
        rating,
        settings::{self, SettingsInput},
    },
    email_types::MailEvent,
    entities::outbox,
    ticket_types::StatusCategory,
    tickets::{commands, queries},
};

fn text_of(row: &outbox::Model) -> String {
    let parsed = mail_parser::MessageParser::default().parse(row.payload.as_bytes()).expect("a mail");
    parsed.body_text(0).expect("a text body").into_owned()
}

/// The rating links in a mail: (words, secret, rating), best first.
fn rating_links(text: &str) -> Vec<(String, String, u8)> {
    text.lines()
        .filter_map(|line| {
            let (words, url) = line.trim().split_once(": ")?;
            let rest = url.split("/rate/").nth(1)?;
            let (secret, rating) = rest.split_once("?rating=")?;
            Some((words.to_owned(), secret.to_owned(), rating.parse().ok()?))
        })
        .collect()
}

async fn move_to(d: &MailDesk, ticket_id: i64, to: StatusCategory) {
    let agent = d.actor("agent@example.com").await;
    let options = queries::options(&d.desk.db, &agent).await.expect("options");
    let status = options.statuses.iter().find(|s| s.category == to).expect("status").id;
    let change = commands::TicketChanges { status_id: Some(status), ..Default::default() };
    commands::update(&d.desk.db, &agent, ticket_id, change).await.expect("status");
}

async fn mails(d: &MailDesk, event: MailEvent) -> Vec<outbox::Model> {
    d.outbox().await.into_iter().filter(|m| m.event == event).collect()
}

#[tokio::test]
async fn the_solved_mail_asks_in_one_click_and_a_delay_mails_the_survey_once() {
    let d = mail_desk().await;
    let ticket_id =
        d.receive(&mail("nia@customer.test", "Invoice", "", "Wrong amount.")).await.ticket_id.expect("ticket");
    move_to(&d, ticket_id, StatusCategory::Solved).await;
    let solved = mails(&d, MailEvent::Solved).await.pop().expect("solved mail");
    let text = text_of(&solved);
    assert!(text.contains("How would you rate the support you received?"), "{text}");
    let links = rating_links(&text);
    let words: Vec<&str> = links.iter().map(|(w, _, _)| w.as_str()).collect();
    assert_eq!(words, ["Excellent", "Good", "Okay", "Poor", "Very poor"]);
    let (_, secret, points) = &links[1];
    let answered = rating::with_link(&d.desk.db, secret, Some(*points), None).await.expect("one click");
    assert_eq!(answered.survey.rating_label(), Some("Good"));
    assert!(answered.ticket.ends_with("Invoice"));

    // Reopened and solved again: a rated ticket is never asked again.
    move_to(&d, ticket_id, StatusCategory::Open).await;
    move_to(&d, ticket_id, StatusCategory::Solved).await;
    let again = mails(&d, MailEvent::Solved).await.pop().expect("second solved mail");
    assert!(rating_links(&text_of(&again)).is_empty(), "asked once");

    // A delay: the solved mail does not ask; the job mails the survey when due, once.
    let delayed =
        SettingsInput { enabled: true, question: "Happy?".into(), scale: "2".into(), delay_hours: "24".into() };
    settings::save(&d.desk.db, &d.admin, delayed).await.expect("settings");
    let clock = Clock::manual(chrono::Utc::now());
    let later = clock
        .scope(async {
            let id = d.receive(&mail("omar@customer.test", "Printer", "", "Jammed.")).await.ticket_id.expect("ticket");
            move_to(&d, id, StatusCategory::Solved).await;
            let solved = mails(&d, MailEvent::Solved).await.pop().expect("solved mail");
            assert!(rating_links(&text_of(&solved)).is_empty(), "the survey waits for its delay");
            assert!(mails(&d, MailEvent::SatisfactionSurvey).await.is_empty());
            clock.advance(chrono::Duration::hours(25));
            let surveys = mails(&d, MailEvent::SatisfactionSurvey).await;
            assert_eq!(surveys.len(), 1);
            let links = rating_links(&text_of(&surveys[0]));
            assert_eq!(links.iter().map(|(w, _, p)| (w.as_str(), *p)).collect::<Vec<_>>(), [("Good", 2), ("Bad", 1)]);
            clock.advance(chrono::Duration::hours(25));
            mails(&d, MailEvent::SatisfactionSurvey).await.len()
        })
        .await;
    assert_eq!(later, 1, "mailed once");
}
