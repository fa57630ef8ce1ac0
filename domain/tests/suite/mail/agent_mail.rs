//! Mail for agents: each kind of notification reaches an agent in the app, by email, both or not
//! at all, as they chose; the mail links to the ticket, threads per ticket, and a reply to it
//! answers the customer as that agent.

use super::support::{MailDesk, header, mail_desk};
use domain::{
    Actor,
    entities::{notification, outbox, team},
    notifications::{
        preferences,
        types::{Channels, NotificationKind, Preference},
    },
    ticket_types::Visibility,
    tickets::commands::{self, NewTicket, TicketChanges},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn choose(d: &MailDesk, who: &Actor, kind: NotificationKind, channels: Channels) {
    preferences::save(&d.desk.db, who, &[Preference { kind, channels }]).await.expect("save");
}

fn id_of(who: &Actor) -> i64 {
    who.principal().expect("a user").user_id
}

/// What reached `who` once the reactions ran: the bell's kinds and the mails' payloads.
async fn reached(d: &MailDesk, who: &Actor, email: &str) -> (Vec<String>, Vec<outbox::Model>) {
    let mails = d.outbox().await.into_iter().filter(|m| m.recipient == email).collect();
    let bell = notification::Entity::find()
        .filter(notification::Column::UserId.eq(id_of(who)))
        .all(&d.desk.db)
        .await
        .expect("notifications");
    (bell.into_iter().map(|n| n.kind).collect(), mails)
}

fn text_of(mail: &outbox::Model) -> String {
    let parsed = mail_parser::MessageParser::default().parse(mail.payload.as_bytes()).expect("a mail");
    parsed.body_text(0).expect("a text body").into_owned()
}

#[tokio::test]
async fn each_agent_hears_through_the_channels_they_chose() {
    let d = mail_desk().await;
    let customer = d.actor("customer@example.com").await;
    let alex = d.actor("agent@example.com").await;
    let sam = d.actor("sam.rivera@example.com").await;
    let sam_mail = "sam.rivera@example.com";
    let input = NewTicket { subject: "Printer jam".into(), body: "It jams on page two.".into(), ..Default::default() };
    let ticket = commands::create(&d.desk.db, &customer, input).await.expect("ticket");
    assert_eq!(reached(&d, &sam, sam_mail).await, (vec![], vec![]));

    choose(&d, &sam, NotificationKind::Assigned, Channels::Email).await;
    let changes = TicketChanges { assignee_id: Some(Some(id_of(&sam))), ..Default::default() };
    commands::update(&d.desk.db, &alex, ticket.id, changes).await.expect("assign");
    let (bell, mails) = reached(&d, &sam, sam_mail).await;
    assert!(bell.is_empty(), "email only: nothing under the bell");
    let [assigned] = mails.as_slice() else { panic!("one mail: {mails:?}") };
    let subject = header(&assigned.payload, "Subject").expect("subject");
    assert_eq!(subject, format!("[{}] Printer jam", ticket.reference));
    let text = text_of(assigned);
    assert!(text.contains("Alex Agent assigned"), "{text}");
    assert!(text.contains("It jams on page two."), "quotes the request: {text}");
    assert!(text.contains(&format!("/agent/tickets/{}", ticket.id)), "links to the ticket: {text}");
    let reply_to = header(&assigned.payload, "Reply-To").expect("reply-to");
    assert!(reply_to.contains(&format!("+t{}u{}k", ticket.id, id_of(&sam))), "signed for Sam: {reply_to}");
    let root = format!("dkt.ticket.{}@acme.test", ticket.id);
    assert!(header(&assigned.payload, "References").expect("references").contains(&root));
    assert!(header(&assigned.payload, "Auto-Submitted").is_some_and(|v| v == "auto-generated"));

    // The default for a mention is both; then Sam turns mentions off.
    commands::add_message(&d.desk.db, &alex, ticket.id, Visibility::Internal, "@sam.rivera can you look?")
        .await
        .expect("note");
    let (bell, mails) = reached(&d, &sam, sam_mail).await;
    assert_eq!(bell, ["mentioned"]);
    assert_eq!(mails.len(), 2);
    assert!(text_of(&mails[1]).contains("@sam.rivera can you look?"));
    assert!(header(&mails[1].payload, "References").expect("references").contains(&root), "one thread per ticket");
    choose(&d, &sam, NotificationKind::Mentioned, Channels::Off).await;
    commands::add_message(&d.desk.db, &alex, ticket.id, Visibility::Internal, "@sam.rivera still there?")
        .await
        .expect("note");
    assert_eq!(reached(&d, &sam, sam_mail).await.0, ["mentioned"], "off: no more");
    assert_eq!(reached(&d, &sam, sam_mail).await.1.len(), 2, "off: no more mail");
    let mine = preferences::mine(&d.desk.db, &sam).await.expect("mine");
    let channels: Vec<Channels> = mine.iter().map(|p| p.channels).collect();
    assert_eq!(
        channels,
        [Channels::Email, Channels::Both, Channels::Off, Channels::Off, Channels::Both, Channels::Both, Channels::Both]
    );
    assert!(preferences::mine(&d.desk.db, &customer).await.is_err(), "customers have no notifications");
}

#[tokio::test]
async fn new_team_tickets_are_off_until_chosen_and_a_reply_by_mail_answers_as_the_agent() {
    let d = mail_desk().await;
    let customer = d.actor("customer@example.com").await;
    let alex = d.actor("agent@example.com").await;
    let support = team::Entity::find()
        .filter(team::Column::Name.eq("Support"))
        .one(&d.desk.db)
        .await
        .expect("query")
        .expect("the Support team");
    let open = |subject: &str| NewTicket {
        subject: subject.into(),
        body: "The VPN drops every hour.".into(),
        team_id: Some(support.id),
        ..Default::default()
    };
    commands::create(&d.desk.db, &customer, open("VPN drops")).await.expect("ticket");
    assert_eq!(reached(&d, &alex, "agent@example.com").await, (vec![], vec![]), "off by default");

    choose(&d, &alex, NotificationKind::TeamTicket, Channels::Both).await;
    let ticket = commands::create(&d.desk.db, &customer, open("VPN drops again")).await.expect("ticket");
    let (bell, mails) = reached(&d, &alex, "agent@example.com").await;
    assert_eq!(bell, ["team_ticket"]);
    let [arrived] = mails.as_slice() else { panic!("one mail: {mails:?}") };
    assert!(text_of(arrived).contains("arrived for your team"));

    let reply_to = header(&arrived.payload, "Reply-To").expect("reply-to");
    let address = reply_to.rsplit('<').next().unwrap_or(&reply_to).trim_end_matches('>').to_owned();
    let raw = format!(
        "From: Alex Agent <agent@example.com>\r\nTo: {address}\r\nSubject: Re: [{}] VPN drops again\r\nMessage-ID: <alex-reply@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nRestart the client, please.\r\n\r\n-- Reply above this line --\r\n> quoted\r\n",
        ticket.reference
    );
    d.receive(raw.as_bytes()).await;
    let last = d.messages(ticket.id).await.pop().expect("a message");
    assert_eq!(last.body.trim(), "Restart the client, please.");
    assert_eq!(
        (last.author_id, last.visibility),
        (Some(id_of(&alex)), Visibility::Public),
        "answers the customer as Alex"
    );
}
