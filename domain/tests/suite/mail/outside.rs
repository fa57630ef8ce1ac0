//! Mail from outside the ticket, through the real mail path: the requester, a member of a sharing
//! organization, a follower (the thread's CC) and an agent with their own reply address post in
//! the thread as before; anyone else who writes into it (by its Message-ID, or with a reply
//! address signed for someone else) is held as an internal note marked with their address, which
//! an agent makes public or turns into a ticket of its own.

use super::support::{MailDesk, header, mail, mail_desk};
use domain::{
    DomainError,
    email::{settings, token::ReplyToken},
    email_types::IngestOutcome,
    entities::{ticket_follower, ticket_message, user},
    ticket_types::Visibility,
    tickets::{conversation, outside},
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// A ticket opened by mail from `from`, and the Message-ID and reply address of its acknowledgment.
async fn opened(d: &MailDesk, from: &str) -> (i64, String, String) {
    let first = d.receive(&mail(from, "Printer on fire", "", "Smoke from tray 2.")).await;
    let ticket_id = first.ticket_id.expect("ticket");
    let ack = d.outbox().await.into_iter().rev().find(|m| m.ticket_id == Some(ticket_id)).expect("ack");
    let reply_to = header(&ack.payload, "Reply-To").expect("reply-to");
    let address = reply_to.trim_start_matches(|c| c != '<').trim_matches(['<', '>']).to_owned();
    (ticket_id, ack.message_id, address)
}

fn in_thread(from: &str, ack_id: &str, body: &str) -> Vec<u8> {
    mail(from, "Re: Printer on fire", &format!("In-Reply-To: <{ack_id}>\r\n"), body)
}

async fn user_id(d: &MailDesk, email: &str) -> i64 {
    user::Entity::find().filter(user::Column::Email.eq(email)).one(&d.desk.db).await.expect("q").expect(email).id
}

async fn last(d: &MailDesk, ticket_id: i64) -> ticket_message::Model {
    d.messages(ticket_id).await.pop().expect("a message")
}

#[tokio::test]
async fn people_on_the_ticket_post_and_outsiders_are_held() {
    let d = mail_desk().await;
    // Wile's organization (Acme) shares its tickets.
    let (ticket_id, ack_id, reply_address) = opened(&d, "wile@acme.example").await;
    let tickets_before = d.tickets().await;

    let cases =
        [("wile@acme.example", "the requester"), ("runner@acme.example", "a member of the sharing organization")];
    for (from, who) in cases {
        let outcome = d.receive(&in_thread(from, &ack_id, &format!("Words of {who}."))).await;
        assert_eq!(
            (outcome.outcome, outcome.ticket_id),
            (IngestOutcome::Reply, Some(ticket_id)),
            "{who}: {}",
            outcome.reason
        );
        let message = last(&d, ticket_id).await;
        assert_eq!((message.visibility, message.outside_sender), (Visibility::Public, None), "{who}");
    }
    // A follower is the thread's CC: Docket mails them every public reply.
    let frank = user_id(&d, "frank@globex.example").await;
    ticket_follower::ActiveModel {
        ticket_id: Set(ticket_id),
        user_id: Set(frank),
        created_at: Set(domain::clock::now()),
    }
    .insert(&d.desk.db)
    .await
    .expect("follower");
    let outcome = d.receive(&in_thread("frank@globex.example", &ack_id, "Copied in, replying.")).await;
    assert_eq!(outcome.outcome, IngestOutcome::Reply, "{}", outcome.reason);
    assert_eq!(last(&d, ticket_id).await.visibility, Visibility::Public, "a follower");
    // Someone the requester copied (Cc) on their mail, with no account yet, may write too.
    let copying = mail(
        "wile@acme.example",
        "Re: Printer on fire",
        &format!("In-Reply-To: <{ack_id}>\r\nCc: Pat Partner <pat@partner.test>\r\n"),
        "Copying Pat.",
    );
    assert_eq!(d.receive(&copying).await.outcome, IngestOutcome::Reply);
    let outcome = d.receive(&in_thread("pat@partner.test", &ack_id, "Pat here, we fix printers.")).await;
    assert_eq!(outcome.outcome, IngestOutcome::Reply, "{}", outcome.reason);
    let message = last(&d, ticket_id).await;
    assert_eq!(
        (message.visibility, message.author_id),
        (Visibility::Public, Some(user_id(&d, "pat@partner.test").await))
    );
    // An agent with their own signed reply address.
    let agent = user_id(&d, "agent@example.com").await;
    let key = settings::token_key(&d.desk.db).await.expect("key");
    let agents_address = key.address("help@acme.test", ReplyToken { ticket_id, user_id: agent });
    let by_agent = format!(
        "From: agent@example.com\r\nTo: {agents_address}\r\nSubject: Re\r\nMessage-ID: <agent-own@x.test>\r\n\r\nOn my way.\r\n"
    );
    assert_eq!(d.receive(by_agent.as_bytes()).await.outcome, IngestOutcome::Reply);
    assert_eq!(
        (last(&d, ticket_id).await.author_id, last(&d, ticket_id).await.visibility),
        (Some(agent), Visibility::Public)
    );

    // Outsiders: a stranger in the thread, a known customer of another (non-sharing) organization,
    // and someone a notification was forwarded to, replying to Wile's own reply address.
    let outsiders = [
        (in_thread("Olga Outsider <olga@elsewhere.test>", &ack_id, "I saw smoke too."), "olga@elsewhere.test"),
        (in_thread("hank@globex.example", &ack_id, "Not my ticket, but."), "hank@globex.example"),
        (
            format!(
                "From: fwd@partner.test\r\nTo: {reply_address}\r\nSubject: Fw: Printer\r\nMessage-ID: <fwd-1@partner.test>\r\n\r\nForwarded to me.\r\n"
            )
            .into_bytes(),
            "fwd@partner.test",
        ),
    ];
    for (raw, address) in outsiders {
        let outcome = d.receive(&raw).await;
        assert_eq!((outcome.outcome, outcome.ticket_id), (IngestOutcome::Reply, Some(ticket_id)), "{address}");
        assert!(outcome.reason.starts_with("Held as an internal note"), "{}", outcome.reason);
        let held = last(&d, ticket_id).await;
        assert_eq!(held.visibility, Visibility::Internal, "{address}");
        assert_eq!(held.outside_sender.as_deref(), Some(address));
    }
    assert_eq!(d.tickets().await, tickets_before, "no ticket was opened for them");
    let requester = d.actor("wile@acme.example").await;
    let seen = conversation::messages(&d.desk.db, &requester, ticket_id).await.expect("messages");
    assert!(seen.iter().all(|m| m.outside_sender.is_none()), "the requester never sees held mail");
}

#[tokio::test]
async fn an_agent_makes_held_mail_public_or_a_ticket_of_its_own() {
    let d = mail_desk().await;
    let (ticket_id, ack_id, _) = opened(&d, "wile@acme.example").await;
    d.receive(&in_thread("olga@elsewhere.test", &ack_id, "It is our printer too.")).await;
    let first = last(&d, ticket_id).await;
    d.receive(&in_thread("pete@elsewhere.test", &ack_id, "Different problem: my scanner.")).await;
    let second = last(&d, ticket_id).await;
    let agent = d.actor("agent@example.com").await;
    let customer = d.actor("wile@acme.example").await;

    assert_eq!(
        outside::make_public(&d.desk.db, &customer, ticket_id, first.id).await.err(),
        Some(DomainError::NotFound)
    );
    outside::make_public(&d.desk.db, &agent, ticket_id, first.id).await.expect("public");
    let seen = conversation::messages(&d.desk.db, &customer, ticket_id).await.expect("messages");
    assert!(seen.iter().any(|m| m.id == first.id), "the requester now reads it");
    let again = outside::make_public(&d.desk.db, &agent, ticket_id, first.id).await;
    assert!(matches!(again, Err(DomainError::InvalidTransition(_))), "{again:?}");

    let split = outside::split_off(&d.desk.db, &agent, ticket_id, second.id).await.expect("split");
    let new_ticket = d.ticket(split.id).await;
    assert_eq!(new_ticket.requester_id, user_id(&d, "pete@elsewhere.test").await);
    assert!(new_ticket.subject.contains("(from pete@elsewhere.test)"), "{}", new_ticket.subject);
    let description = d.messages(split.id).await.remove(0);
    assert!(description.body.contains("my scanner"));
    let note = d.messages(ticket_id).await.into_iter().find(|m| m.id == second.id).expect("note");
    assert_eq!((note.visibility, note.outside_sender), (Visibility::Internal, None), "an ordinary note now");
}
