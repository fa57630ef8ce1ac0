//! The outbox as the sender job drives it: claiming due mail once, retrying with backoff, giving
//! up after the last attempt, the delivery state shown on the message; and an admin's template
//! and public URL edits reaching the very next mail.

use super::support::{header, mail, mail_desk};
use chrono::{Duration, Utc};
use domain::{
    email::{outbox, settings, templates},
    email_types::{DeliveryState, IngestOutcome, MailEvent},
};

#[tokio::test]
async fn claims_retries_and_records_delivery() {
    let d = mail_desk().await;
    let opened = d.receive(&mail("nia@customer.test", "Hello", "", "Hi")).await;
    assert_eq!(opened.outcome, IngestOutcome::Ticket);
    let now = Utc::now();
    let claimed = outbox::claim(&d.desk.db, 10, now).await.expect("claim");
    assert_eq!(claimed.len(), 1);
    assert!(outbox::claim(&d.desk.db, 10, now).await.expect("claim").is_empty(), "claimed once");
    let row = &claimed[0];
    outbox::mark_failed(&d.desk.db, row, "451 try later", false, now).await.expect("fail");
    assert!(outbox::claim(&d.desk.db, 10, now).await.expect("claim").is_empty(), "waits for its backoff");
    let later = now + Duration::seconds(31);
    let again = outbox::claim(&d.desk.db, 10, later).await.expect("claim");
    assert_eq!((again.len(), again[0].attempts), (1, 1));
    outbox::mark_sent(&d.desk.db, again[0].id, later).await.expect("sent");
    let rows = d.outbox().await;
    assert_eq!((rows[0].state, rows[0].last_error.as_deref()), (DeliveryState::Sent, None));

    // A claim that its sender never finished is taken again once it runs out.
    let ticket = d.receive(&mail("ola@customer.test", "Second", "", "Hi")).await;
    assert_eq!(ticket.outcome, IngestOutcome::Ticket);
    let now = Utc::now();
    let stuck = outbox::claim(&d.desk.db, 10, now).await.expect("claim");
    assert_eq!(stuck.len(), 1);
    assert!(outbox::claim(&d.desk.db, 10, now + Duration::minutes(4)).await.expect("claim").is_empty());
    let retaken = outbox::claim(&d.desk.db, 10, now + Duration::minutes(6)).await.expect("claim");
    assert_eq!(retaken.len(), 1);
    outbox::mark_failed(&d.desk.db, &retaken[0], "550 no such user", true, now).await.expect("fail");
    let failed = d.outbox().await.pop().expect("row");
    assert_eq!((failed.state, failed.last_error.as_deref()), (DeliveryState::Failed, Some("550 no such user")));
}

/// The templates and the public URL are kept in memory between mails; an admin's edit, a reset
/// and a new public URL are each used by the very next mail.
#[tokio::test]
async fn edited_templates_and_public_url_reach_the_next_mail() {
    let d = mail_desk().await;
    let subject_of = |row: &domain::entities::outbox::Model| header(&row.payload, "Subject").unwrap_or_default();
    d.receive(&mail("ada@customer.test", "Before", "", "Hi")).await;
    let rows = d.outbox().await;
    assert!(subject_of(&rows[0]).ends_with("] Before"), "{}", subject_of(&rows[0]));

    templates::save(&d.desk.db, MailEvent::Acknowledgment, "Got it: {{ticket.subject}}", "See {{ticket.url}}")
        .await
        .expect("save");
    settings::set_public_url(&d.desk.db, "https://help.example.test/").await.expect("url");
    d.receive(&mail("bea@customer.test", "Edited", "", "Hi")).await;
    let rows = d.outbox().await;
    assert_eq!(subject_of(&rows[1]), "Got it: Edited");
    assert!(rows[1].payload.contains("See https://help.example.test/access/"), "{}", rows[1].payload);

    templates::reset(&d.desk.db, MailEvent::Acknowledgment).await.expect("reset");
    d.receive(&mail("cai@customer.test", "Reset", "", "Hi")).await;
    let rows = d.outbox().await;
    assert!(subject_of(&rows[2]).ends_with("] Reset"), "{}", subject_of(&rows[2]));
}
