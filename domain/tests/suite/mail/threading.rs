//! Where inbound mail lands: signed token, then thread ids, then the subject's ticket number for
//! participants; agents are never impersonated; duplicates and unknown senders.

use super::support::{header, mail, mail_desk};
use domain::{
    email::{settings, token::ReplyToken},
    email_types::{IngestOutcome, MailEvent},
    entities::{mail_ingest, user},
    ticket_types::Visibility,
    tickets::commands,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[tokio::test]
async fn new_mail_opens_a_ticket_and_is_acknowledged_in_thread() {
    let d = mail_desk().await;
    let raw = mail("Nia Okafor <Nia@Customer.test>", "VPN drops every hour", "", "It drops at :00 each hour.");
    let inbound_id = header(std::str::from_utf8(&raw).expect("utf8"), "Message-ID").expect("id");
    let outcome = d.receive(&raw).await;
    assert_eq!(outcome.outcome, IngestOutcome::Ticket, "{}", outcome.reason);
    let ticket = d.ticket(outcome.ticket_id.expect("ticket")).await;
    assert_eq!(ticket.subject, "VPN drops every hour");
    assert_eq!(ticket.channel, domain::ticket_types::Channel::Email);
    let customer = user::Entity::find_by_id(ticket.requester_id).one(&d.desk.db).await.expect("q").expect("user");
    assert_eq!((customer.email.as_str(), customer.role.as_str()), ("nia@customer.test", "customer"));
    let sent = d.outbox().await;
    assert_eq!(sent.len(), 1, "one acknowledgment");
    let ack = &sent[0];
    assert_eq!(
        (ack.event.as_str(), ack.recipient.as_str(), ack.automatic),
        ("acknowledgment", "nia@customer.test", true)
    );
    assert_eq!(header(&ack.payload, "Auto-Submitted").as_deref(), Some("auto-replied"));
    assert_eq!(header(&ack.payload, "In-Reply-To").as_deref(), Some(inbound_id.as_str()));
    let reply_to = header(&ack.payload, "Reply-To").expect("reply-to");
    assert!(reply_to.contains(&format!("help+t{}u{}k", ticket.id, customer.id)), "{reply_to}");
    assert!(header(&ack.payload, "Subject").expect("subject").contains(&format!("DKT-{}", ticket.number)));
}

#[tokio::test]
async fn replies_thread_by_headers_token_and_subject() {
    let d = mail_desk().await;
    let first = d.receive(&mail("nia@customer.test", "Printer jam", "", "Tray 2 jams.")).await;
    let ticket_id = first.ticket_id.expect("ticket");
    let number = d.ticket(ticket_id).await.number;
    let ack = d.outbox().await.remove(0);
    let ack_id = ack.message_id.clone();

    let by_header = mail("nia@customer.test", "something else", &format!("In-Reply-To: <{ack_id}>\r\n"), "Still jams.");
    let outcome = d.receive(&by_header).await;
    assert_eq!((outcome.outcome, outcome.ticket_id), (IngestOutcome::Reply, Some(ticket_id)), "{}", outcome.reason);

    let reply_to = header(&ack.payload, "Reply-To").expect("reply-to");
    let address = reply_to.trim_start_matches(|c| c != '<').trim_matches(['<', '>']);
    let by_token = format!(
        "From: nia@customer.test\r\nTo: {address}\r\nSubject: new words\r\nMessage-ID: <tok1@sender.test>\r\n\r\nVia token.\r\n"
    );
    let outcome = d.receive(by_token.as_bytes()).await;
    assert_eq!((outcome.outcome, outcome.ticket_id), (IngestOutcome::Reply, Some(ticket_id)), "{}", outcome.reason);

    let by_subject = mail("nia@customer.test", &format!("Re: [DKT-{number}] Printer jam"), "", "By subject.");
    let outcome = d.receive(&by_subject).await;
    assert_eq!((outcome.outcome, outcome.ticket_id), (IngestOutcome::Reply, Some(ticket_id)), "{}", outcome.reason);

    let stranger = mail("someone@else.test", &format!("Re: [DKT-{number}] Printer jam"), "", "Not theirs.");
    let outcome = d.receive(&stranger).await;
    assert_eq!(outcome.outcome, IngestOutcome::Ticket, "a stranger naming a ticket opens their own");
    assert_ne!(outcome.ticket_id, Some(ticket_id));

    let bodies: Vec<String> = d.messages(ticket_id).await.into_iter().map(|m| m.body).collect();
    assert_eq!(bodies, ["Tray 2 jams.", "Still jams.", "Via token.", "By subject."]);
}

#[tokio::test]
async fn quoted_history_is_folded_but_kept() {
    let d = mail_desk().await;
    let body = "Thanks, fixed now.\r\n\r\nOn Sun, 29 Nov 2026 at 10:00, Acme Support <help@acme.test> wrote:\r\n> Please restart it.";
    let outcome = d.receive(&mail("nia@customer.test", "Fixed", "", body)).await;
    let message = d.messages(outcome.ticket_id.expect("ticket")).await.remove(0);
    assert_eq!(message.body, "Thanks, fixed now.");
    assert!(message.body_html.contains("<details class=\"mail-quoted\">"));
    assert!(message.body_html.contains("Please restart it."));
}

#[tokio::test]
async fn an_agents_address_without_their_token_never_posts_as_the_agent() {
    let d = mail_desk().await;
    let opened = d.receive(&mail("nia@customer.test", "Laptop", "", "Broken screen.")).await;
    let ticket_id = opened.ticket_id.expect("ticket");
    let ack_id = d.outbox().await.remove(0).message_id;
    let agent = user::Entity::find()
        .filter(user::Column::Email.eq("agent@example.com"))
        .one(&d.desk.db)
        .await
        .expect("q")
        .expect("agent");

    let spoofed = mail(
        "Demo Agent <agent@example.com>",
        "Re: Laptop",
        &format!("In-Reply-To: <{ack_id}>\r\n"),
        "Refund approved!",
    );
    let outcome = d.receive(&spoofed).await;
    assert_eq!(outcome.outcome, IngestOutcome::Quarantined, "{}", outcome.reason);
    let forged = format!(
        "From: agent@example.com\r\nTo: help+t{ticket_id}u{}k0000000000000000dead@acme.test\r\nSubject: x\r\nMessage-ID: <f@x.test>\r\n\r\nRefund approved!\r\n",
        agent.id
    );
    assert_eq!(d.receive(forged.as_bytes()).await.outcome, IngestOutcome::Quarantined);
    let fresh = mail("agent@example.com", "Please refund me", "", "New ticket as the agent?");
    assert_eq!(d.receive(&fresh).await.outcome, IngestOutcome::Quarantined);
    assert!(d.messages(ticket_id).await.iter().all(|m| m.author_id != Some(agent.id)));

    let key = settings::token_key(&d.desk.db).await.expect("key");
    let address = key.address("help@acme.test", ReplyToken { ticket_id, user_id: agent.id });
    let genuine = format!(
        "From: agent@example.com\r\nTo: {address}\r\nSubject: Re: Laptop\r\nMessage-ID: <g@x.test>\r\n\r\nA new screen is on its way.\r\n"
    );
    let outcome = d.receive(genuine.as_bytes()).await;
    assert_eq!(outcome.outcome, IngestOutcome::Reply, "{}", outcome.reason);
    let last = d.messages(ticket_id).await.pop().expect("message");
    assert_eq!((last.author_id, last.author_kind.as_str()), (Some(agent.id), "agent"));
    assert!(d.outbox().await.iter().any(|m| m.event == MailEvent::AgentReply && m.recipient == "nia@customer.test"));
}

#[tokio::test]
async fn duplicates_unknown_senders_and_reprocessing() {
    let mut d = mail_desk().await;
    let raw = mail("nia@customer.test", "Once", "", "Only once please.");
    assert_eq!(d.receive(&raw).await.outcome, IngestOutcome::Ticket);
    assert_eq!(d.receive(&raw).await.outcome, IngestOutcome::Duplicate);
    assert_eq!(d.tickets().await, 1);

    d.set_reject_unknown(true).await;
    let unknown = d.receive(&mail("new@person.test", "Hello", "", "Who am I?")).await;
    assert_eq!(unknown.outcome, IngestOutcome::Rejected);
    let known = d.receive(&mail("nia@customer.test", "Again", "", "Known sender.")).await;
    assert_eq!(known.outcome, IngestOutcome::Ticket);

    d.set_reject_unknown(false).await;
    let redone = domain::email::reprocess::reprocess(&d.desk, &d.admin, unknown.entry_id).await.expect("reprocess");
    assert_eq!(redone.outcome, IngestOutcome::Ticket);
    let old = mail_ingest::Entity::find_by_id(unknown.entry_id).one(&d.desk.db).await.expect("q").expect("row");
    assert_eq!(old.reprocessed_as, Some(redone.entry_id));
    assert!(domain::email::reprocess::reprocess(&d.desk, &d.admin, unknown.entry_id).await.is_err(), "only once");
    let agent = d.actor("agent@example.com").await;
    assert!(domain::email::reprocess::reprocess(&d.desk, &agent, redone.entry_id).await.is_err());
}

#[tokio::test]
async fn agent_replies_and_status_changes_mail_the_customer_in_thread() {
    let d = mail_desk().await;
    let opened = d.receive(&mail("nia@customer.test", "Invoice", "", "Wrong amount.")).await;
    let ticket_id = opened.ticket_id.expect("ticket");
    let agent = d.actor("agent@example.com").await;
    commands::add_message(&d.desk.db, &agent, ticket_id, Visibility::Internal, "Checking with billing")
        .await
        .expect("note");
    commands::add_message(&d.desk.db, &agent, ticket_id, Visibility::Public, "We **fixed** the amount.")
        .await
        .expect("reply");
    let sent = d.outbox().await;
    let events: Vec<&str> = sent.iter().map(|m| m.event.as_str()).collect();
    assert_eq!(events, ["acknowledgment", "agent_reply"], "internal notes send nothing");
    let reply = &sent[1];
    assert!(!reply.automatic);
    assert_eq!(header(&reply.payload, "Auto-Submitted"), None);
    assert_eq!(header(&reply.payload, "In-Reply-To"), Some(format!("<{}>", sent[0].message_id)));
    assert!(header(&reply.payload, "References").expect("references").contains(&sent[0].message_id));
    assert!(reply.payload.contains("We **fixed** the amount."));
    assert!(reply.ticket_message_id.is_some(), "the delivery is shown on the message");

    let options = domain::tickets::queries::options(&d.desk.db, &agent).await.expect("options");
    let solved_category = domain::ticket_types::StatusCategory::Solved;
    let solved = options.statuses.iter().find(|s| s.category == solved_category).expect("solved").id;
    let change = commands::TicketChanges { status_id: Some(solved), ..Default::default() };
    commands::update(&d.desk.db, &agent, ticket_id, change).await.expect("solve");
    let last = d.outbox().await.pop().expect("mail");
    assert_eq!(last.event, MailEvent::Solved);
    assert_eq!(header(&last.payload, "Auto-Submitted").as_deref(), Some("auto-generated"));
}
