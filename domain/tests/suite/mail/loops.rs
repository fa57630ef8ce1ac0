//! Loop safety: automatic mail is never answered, an autoresponder that does not say it is one
//! gets at most three acknowledgments a day, and one sender opens at most so many tickets an hour.

use super::support::{mail, mail_desk};
use domain::{
    email::{ingest::NEW_TICKETS_PER_HOUR, notify::AUTOMATIC_PER_DAY},
    email_types::IngestOutcome,
};

#[tokio::test]
async fn automatic_mail_opens_tickets_but_gets_no_reply() {
    let d = mail_desk().await;
    let cases = [
        "Auto-Submitted: auto-replied\r\n",
        "Precedence: bulk\r\n",
        "List-Id: <news.shop.test>\r\n",
        "X-Docket-Loop: other-desk.test\r\n",
        "X-Autoreply: yes\r\n",
    ];
    for (n, headers) in cases.iter().enumerate() {
        let outcome = d.receive(&mail(&format!("robot{n}@shop.test"), "Out of office", headers, "I am away.")).await;
        assert_eq!(outcome.outcome, IngestOutcome::Ticket, "{headers}");
        assert!(outcome.reason.contains("no acknowledgment, automatic mail"), "{}", outcome.reason);
    }
    let bounce = d.receive_from(&mail("mailer-daemon@mx.shop.test", "Undelivered", "", "failed"), Some("")).await;
    assert!(bounce.reason.contains("automatic"), "{}", bounce.reason);
    assert!(d.outbox().await.is_empty(), "nothing answered automatic mail");
}

#[tokio::test]
async fn an_unmarked_autoresponder_ping_pong_stops_at_the_cap() {
    let d = mail_desk().await;
    // Another desk that answers every mail with a new subject and no threading headers.
    for round in 0..10 {
        let outcome = d.receive(&mail("desk@other.test", &format!("Ticket #{round} received"), "", "Thanks!")).await;
        assert_eq!(outcome.outcome, IngestOutcome::Ticket);
    }
    let acks = d.outbox().await.iter().filter(|m| m.recipient == "desk@other.test").count();
    assert_eq!(acks as u64, AUTOMATIC_PER_DAY, "three acknowledgments, then silence");
}

#[tokio::test]
async fn one_sender_opens_a_bounded_number_of_tickets_an_hour() {
    let d = mail_desk().await;
    for n in 0..NEW_TICKETS_PER_HOUR {
        let outcome = d.receive(&mail("flood@spam.test", &format!("Offer {n}"), "", "Buy now")).await;
        assert_eq!(outcome.outcome, IngestOutcome::Ticket);
    }
    let over = d.receive(&mail("flood@spam.test", "One more", "", "Buy now")).await;
    assert_eq!(over.outcome, IngestOutcome::Quarantined);
    assert!(over.reason.contains("last hour"), "{}", over.reason);
    assert_eq!(d.tickets().await, NEW_TICKETS_PER_HOUR);
}
