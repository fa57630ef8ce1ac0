//! The email channel end to end against real servers (the loopback dovecot and SMTP capture of
//! scripts/test-all): mail polled over IMAP opens a ticket and the acknowledgment arrives; an
//! agent's reply arrives threaded; the customer's answer lands on the same ticket; mail handed
//! to the SMTP listener (at a +tagged address) is ingested too.

use crate::mail_support::{captured, captured_at_least, imap_append, imap_server, smtp_server, unique_user};
use domain::{
    Actor,
    attachments::store::FileStore,
    desk::Desk,
    email::{mailboxes, settings},
    email_types::MailboxInput,
    entities::{mail_ingest, ticket, ticket_message},
    testing::TestDatabase,
    ticket_types::Visibility,
    tickets::commands,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::time::{Duration, Instant};

struct Running {
    desk: Desk,
    admin: Actor,
    _db: TestDatabase,
    _files: tempfile::TempDir,
    jobs: Vec<tokio::task::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        for job in &self.jobs {
            job.abort();
        }
    }
}

async fn desk() -> Running {
    let database = crate::support::demo_database().await;
    let db = domain::db::connect(&database.url).await.expect("connect");
    settings::set_public_url(&db, "http://desk.test").await.expect("url");
    let files = tempfile::tempdir().expect("dir");
    let desk = Desk::new(db.clone(), FileStore::new(files.path(), 25 << 20));
    let admin = actor(&db, "admin@example.com").await;
    // As `docket serve` runs them: the durable reactions (which queue the mail) and the sender.
    let reactions = domain::jobs::registry::runner(db.clone(), domain::clock::Clock::system()).spawn();
    let jobs = vec![reactions, server::mail::sender::spawn(desk.clone())];
    Running { desk, admin, _db: database, _files: files, jobs }
}

async fn actor(db: &DatabaseConnection, email: &str) -> Actor {
    let user = domain::accounts::queries::find_by_email(db, email).await.expect("q").expect("user");
    Actor::User(domain::Principal { user_id: user.id, role: user.role, organization_id: user.organization_id })
}

fn mailbox_input(address: &str, inbound: &str) -> MailboxInput {
    let (smtp_host, smtp_port) = smtp_server("mailbox").expect("DOCKET_TEST_SMTP");
    MailboxInput {
        name: "Acme Support".into(),
        address: address.into(),
        inbound: inbound.into(),
        smtp_host,
        smtp_port: smtp_port.to_string(),
        smtp_security: "none".into(),
        imap_folder: "INBOX".into(),
        active: true,
        ..Default::default()
    }
}

/// Waits for a ticket whose requester has `email`.
async fn ticket_of(db: &DatabaseConnection, email: &str) -> ticket::Model {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(user) = domain::accounts::queries::find_by_email(db, email).await.expect("q")
            && let Some(found) =
                ticket::Entity::find().filter(ticket::Column::RequesterId.eq(user.id)).one(db).await.expect("q")
        {
            return found;
        }
        assert!(Instant::now() < deadline, "no ticket for {email}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn messages(db: &DatabaseConnection, ticket_id: i64) -> Vec<ticket_message::Model> {
    ticket_message::Entity::find()
        .filter(ticket_message::Column::TicketId.eq(ticket_id))
        .order_by_asc(ticket_message::Column::Id)
        .all(db)
        .await
        .expect("messages")
}

fn header(raw: &[u8], name: &str) -> String {
    let parsed = mail_parser::MessageParser::default().parse(raw).expect("captured mail parses");
    parsed.header_raw(name).map(|v| v.split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default()
}

#[tokio::test]
async fn imap_mail_round_trip_with_acknowledgment_reply_and_answer() {
    if imap_server("round trip").is_none() || smtp_server("round trip").is_none() {
        return;
    }
    let mut run = desk().await;
    let user = unique_user("desk");
    let (host, port, password) = imap_server("round trip").expect("imap");
    let address = unique_user("help");
    let input = MailboxInput {
        imap_host: host,
        imap_port: port.to_string(),
        imap_tls: false,
        imap_username: user.clone(),
        imap_password: password,
        ..mailbox_input(&address, "imap")
    };
    mailboxes::create(&run.desk.db, &run.admin, input).await.expect("mailbox");
    run.jobs.push(server::mail::poller::spawn(run.desk.clone(), Duration::from_secs(1)));

    let customer = unique_user("customer");
    let first = format!(
        "From: Nia Okafor <{customer}>\r\nTo: {address}\r\nSubject: Printer on fire\r\nMessage-ID: <first.{customer}>\r\n\r\nSmoke is coming out of the printer.\r\n"
    );
    imap_append(&user, first.as_bytes()).await;
    let ticket = ticket_of(&run.desk.db, &customer).await;
    assert_eq!((ticket.subject.as_str(), ticket.channel.as_str()), ("Printer on fire", "email"));

    let ack = captured(&customer).await;
    assert_eq!(ack.len(), 1, "one acknowledgment");
    assert_eq!(header(&ack[0], "Auto-Submitted"), "auto-replied");
    assert_eq!(header(&ack[0], "In-Reply-To"), format!("<first.{customer}>"));
    assert!(header(&ack[0], "Subject").contains(&format!("DKT-{}", ticket.number)));

    let agent = actor(&run.desk.db, "agent@example.com").await;
    commands::add_message(&run.desk.db, &agent, ticket.id, Visibility::Internal, "Note: probably the fuser unit")
        .await
        .expect("note");
    commands::add_message(&run.desk.db, &agent, ticket.id, Visibility::Public, "Please unplug it now.")
        .await
        .expect("reply");
    let both = captured_at_least(&customer, 2).await;
    assert_eq!(both.len(), 2, "the agent's reply arrives");
    let reply = &both[1];
    let reply_id = header(reply, "Message-ID");
    assert_eq!(header(reply, "Auto-Submitted"), "");
    assert!(header(reply, "References").contains(&format!("<first.{customer}>")));
    assert!(String::from_utf8_lossy(reply).contains("Please unplug it now."));
    assert!(!String::from_utf8_lossy(reply).contains("fuser unit"), "a note went out in the reply mail");
    assert!(both.iter().all(|mail| !String::from_utf8_lossy(mail).contains("fuser unit")), "no mail carries the note");
    let reply_to = header(reply, "Reply-To");

    let answer = format!(
        "From: {customer}\r\nTo: {reply_to}\r\nSubject: Re: it\r\nMessage-ID: <second.{customer}>\r\nIn-Reply-To: {reply_id}\r\nReferences: <first.{customer}> {reply_id}\r\n\r\nDone, it is unplugged.\r\n\r\nOn Sun, Acme Support wrote:\r\n> Please unplug it now.\r\n"
    );
    imap_append(&user, answer.as_bytes()).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let bodies: Vec<String> = messages(&run.desk.db, ticket.id).await.into_iter().map(|m| m.body).collect();
        if bodies.len() == 4 {
            assert_eq!(bodies[3], "Done, it is unplugged.");
            break;
        }
        assert!(Instant::now() < deadline, "the answer did not land on the ticket: {bodies:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The answer also mails the owning agent; the worker sends it a moment later.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let sent = domain::entities::outbox::Entity::find().all(&run.desk.db).await.expect("outbox");
        let agent_told = sent.iter().any(|m| m.event == domain::email_types::MailEvent::AgentCustomerReplied);
        if agent_told && sent.iter().all(|m| m.state == domain::email_types::DeliveryState::Sent) {
            break;
        }
        assert!(Instant::now() < deadline, "the outbox did not drain: {sent:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_smtp_listener_takes_mail_for_a_tagged_address() {
    if smtp_server("doors").is_none() {
        return;
    }
    let run = desk().await;
    let address = unique_user("lmtp");
    mailboxes::create(&run.desk.db, &run.admin, mailbox_input(&address, "smtp")).await.expect("mailbox");
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = socket.local_addr().expect("addr").port();
    let _listener = server::mail::delivery::serve(run.desk.clone(), socket, server::mail::listener::Protocol::Smtp);
    let customer = unique_user("smtp-customer");
    let message = lettre::Message::builder()
        .from(customer.parse().expect("address"))
        .to(address.replace('@', "+anything@").parse().expect("address"))
        .subject("Sent over SMTP")
        .body("Hello over SMTP".to_owned())
        .expect("message");
    let transport =
        lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous("127.0.0.1").port(port).build();
    lettre::AsyncTransport::send(&transport, message).await.expect("the listener takes the mail");
    let ticket = ticket_of(&run.desk.db, &customer).await;
    assert_eq!(ticket.subject, "Sent over SMTP");
    let logged = mail_ingest::Entity::find().one(&run.desk.db).await.expect("q").expect("logged");
    assert_eq!((logged.via.as_str(), logged.outcome), ("smtp", domain::email_types::IngestOutcome::Ticket));
}
