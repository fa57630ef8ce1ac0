//! Customer access by mailed links: the magic link in every customer mail, sign-in links and
//! password resets on request (single use, the same for known and unknown addresses, throttled),
//! claiming an account on sign-up, and address verification before shared tickets show.

use super::support::{MailDesk, mail, mail_desk};
use domain::{
    Actor, DomainError,
    access::{
        TokenPurpose, completion,
        links::{self, Opened},
        requests::{self, Requested},
        throttle::{LinkLimits, LinkThrottle},
        tokens::{self, Lookup},
    },
    accounts::{SignInThrottle, SignUp, commands, commands::SignedUp, queries},
    email_types::MailEvent,
    entities::{access_token, job, outbox},
    sessions,
    tickets::queries as tickets,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::time::Duration as StdDuration;

/// The secret of the first link to `path` (`/access/`, `/signin/link/`, …) in a queued mail.
fn secret_in(row: &outbox::Model, path: &str) -> String {
    let parsed = mail_parser::MessageParser::default().parse(row.payload.as_bytes()).expect("a mail");
    let text = parsed.body_text(0).expect("a text body").into_owned();
    let at = text.find(path).unwrap_or_else(|| panic!("a {path} link in {text}")) + path.len();
    text[at..].chars().take_while(char::is_ascii_hexdigit).collect()
}

async fn mails_to(d: &MailDesk, recipient: &str) -> Vec<outbox::Model> {
    d.outbox().await.into_iter().filter(|m| m.recipient == recipient).collect()
}

fn generous() -> LinkThrottle {
    LinkThrottle::new(LinkLimits {
        email_burst: 100,
        email_every: StdDuration::from_secs(1),
        client_burst: 100,
        client_every: StdDuration::from_secs(1),
    })
}

#[tokio::test]
async fn the_acknowledgment_carries_a_magic_link_to_that_ticket_only_until_revoked() {
    let d = mail_desk().await;
    d.receive(&mail("rosa@newcomer.test", "Cannot print", "", "Hello")).await;
    d.receive(&mail("sam@elsewhere.test", "Someone else's", "", "Hello")).await;
    let ack = mails_to(&d, "rosa@newcomer.test").await.pop().expect("an acknowledgment");
    let secret = secret_in(&ack, "/access/");
    let Opened::Ticket { user_id, ticket_id, token_id } = links::open(&d.desk.db, &secret).await.expect("open") else {
        panic!("the link opens its ticket")
    };
    assert_eq!(Some(ticket_id), ack.ticket_id);
    let stored = access_token::Entity::find_by_id(token_id).one(&d.desk.db).await.expect("q").expect("row");
    assert_ne!(stored.token_hash, secret, "only the hash is stored");
    let days = (stored.expires_at - stored.created_at).num_days();
    assert_eq!(days, 30, "the default lifetime");

    let principal = queries::principal_of(
        &queries::find_by_email(&d.desk.db, "rosa@newcomer.test").await.expect("q").expect("rosa"),
    );
    let holder = Actor::Link { principal, ticket_id };
    let view = tickets::get(&d.desk.db, &holder, ticket_id).await.expect("the link opens its ticket");
    assert_eq!(view.summary.subject, "Cannot print");
    let other = domain::entities::ticket::Entity::find()
        .filter(domain::entities::ticket::Column::Id.ne(ticket_id))
        .one(&d.desk.db)
        .await
        .expect("q")
        .expect("another ticket");
    assert_eq!(tickets::get(&d.desk.db, &holder, other.id).await.unwrap_err(), DomainError::NotFound);
    assert_eq!(tickets::for_customer(&d.desk.db, &holder, None).await.unwrap_err(), DomainError::Unauthenticated);

    // Past its time the same secret is an expired link; a tampered one is unknown.
    let later = stored.expires_at + chrono::Duration::seconds(1);
    assert!(matches!(
        tokens::look_up(&d.desk.db, &[TokenPurpose::TicketLink], &secret, later).await.expect("q"),
        Lookup::Expired(_)
    ));
    // Another last character (never the same one, or the "forgery" would be the secret).
    let last = if secret.ends_with('0') { '1' } else { '0' };
    let forged = format!("{}{last}", &secret[..secret.len() - 1]);
    assert_eq!(links::open(&d.desk.db, &forged).await.expect("open"), Opened::Invalid);

    let customer = d.actor("customer@example.com").await;
    assert_eq!(links::revoke_all(&d.desk.db, &customer, user_id).await.unwrap_err(), DomainError::Forbidden);
    let agent = d.actor("agent@example.com").await;
    assert_eq!(links::revoke_all(&d.desk.db, &agent, user_id).await.expect("revoke"), 1);
    assert_eq!(links::open(&d.desk.db, &secret).await.expect("open"), Opened::Invalid);
    assert_eq!(links::still_open(&d.desk.db, token_id, user_id).await.expect("q"), None, "its sessions end too");
    assert!(queries::session_actor(&d.desk.db, user_id, Some(token_id)).await.expect("q").is_none());
}

#[tokio::test]
async fn sign_in_links_work_once_and_every_address_gets_the_same_answer() {
    let d = mail_desk().await;
    let throttle = generous();
    let jobs_before =
        job::Entity::find().filter(job::Column::Kind.eq(requests::JOB_KIND)).count(&d.desk.db).await.expect("q");
    for email in ["customer@example.com", "nobody@unknown.test"] {
        requests::request(&d.desk.db, &throttle, Requested::SignIn, email, None, None).await.expect(email);
    }
    let jobs = job::Entity::find().filter(job::Column::Kind.eq(requests::JOB_KIND)).count(&d.desk.db).await.expect("q");
    assert_eq!(jobs - jobs_before, 2, "the same work for a known and an unknown address");
    assert!(mails_to(&d, "nobody@unknown.test").await.is_empty());
    let mail = mails_to(&d, "customer@example.com").await.pop().expect("a sign-in link");
    assert_eq!(mail.event, MailEvent::SignInLink);
    let secret = secret_in(&mail, "/signin/link/");
    let first = completion::sign_in_with_link(&d.desk.db, &secret).await.expect("signs in");
    assert_eq!(first.user.email, "customer@example.com");
    let again = completion::sign_in_with_link(&d.desk.db, &secret).await.unwrap_err();
    assert!(matches!(again, DomainError::InvalidTransition(_)), "{again:?}");
    let bad = requests::request(&d.desk.db, &throttle, Requested::SignIn, "not an address", None, None).await;
    assert_eq!(bad.unwrap_err().fields()[0].field, "email");
}

#[tokio::test]
async fn a_password_reset_ends_every_session_and_works_once() {
    let d = mail_desk().await;
    let throttle = generous();
    requests::request(&d.desk.db, &throttle, Requested::PasswordReset, "Customer@Example.com", None, None)
        .await
        .expect("ask");
    let mail = mails_to(&d, "customer@example.com").await.pop().expect("a reset link");
    let secret = secret_in(&mail, "/password/set/");
    let customer = queries::find_by_email(&d.desk.db, "customer@example.com").await.expect("q").expect("row");
    let expires_in = |row: &access_token::Model| (row.expires_at - row.created_at).num_minutes();
    let token = access_token::Entity::find()
        .filter(access_token::Column::UserId.eq(customer.id))
        .all(&d.desk.db)
        .await
        .expect("q");
    assert!(token.iter().any(|t| t.purpose == TokenPurpose::PasswordReset && expires_in(t) == 30));
    for id in ["laptop", "phone"] {
        let until = chrono::Utc::now() + chrono::Duration::hours(1);
        sessions::save(&d.desk.db, id, "{}".into(), until, Some(customer.id)).await.expect("session");
    }
    let short = completion::set_password(&d.desk.db, &secret, "short").await.unwrap_err();
    assert_eq!(short.fields()[0].field, "password", "a refused password does not spend the link");
    completion::set_password(&d.desk.db, &secret, "a brand new password").await.expect("reset");
    for id in ["laptop", "phone"] {
        assert!(sessions::load(&d.desk.db, id).await.expect("q").is_none(), "{id} ended");
    }
    let signed_in =
        commands::sign_in(&d.desk.db, &SignInThrottle::default(), "customer@example.com", "a brand new password", None)
            .await;
    assert!(signed_in.is_ok());
    let reused = completion::set_password(&d.desk.db, &secret, "another new password").await.unwrap_err();
    assert!(matches!(reused, DomainError::InvalidTransition(_)));
}

#[tokio::test]
async fn requests_are_throttled_per_address_alike_for_known_and_unknown_ones() {
    let d = mail_desk().await;
    let throttle = LinkThrottle::new(LinkLimits {
        email_burst: 2,
        email_every: StdDuration::from_secs(3600),
        client_burst: 100,
        client_every: StdDuration::from_secs(1),
    });
    for email in ["customer@example.com", "nobody@unknown.test"] {
        for _ in 0..2 {
            requests::request(&d.desk.db, &throttle, Requested::PasswordReset, email, None, None)
                .await
                .expect("within");
        }
        let third = requests::request(&d.desk.db, &throttle, Requested::PasswordReset, email, None, None).await;
        assert!(matches!(third, Err(DomainError::RateLimited { .. })), "{email}: {third:?}");
    }
}

#[tokio::test]
async fn signing_up_with_a_known_address_claims_it_and_only_proved_addresses_see_shared_tickets() {
    let d = mail_desk().await;
    let throttle = generous();
    d.receive(&mail("colleague@acme.example", "Shared with Acme", "", "Hello")).await;
    d.receive(&mail("newbie@acme.example", "Where is my order", "", "Hello")).await;
    let newbie =
        queries::find_by_email(&d.desk.db, "newbie@acme.example").await.expect("q").expect("created from mail");
    assert!(newbie.organization_id.is_some() && newbie.email_verified_at.is_none());
    let unproved = Actor::User(queries::principal_of(&newbie));
    assert_eq!(
        tickets::for_customer(&d.desk.db, &unproved, None).await.expect("list").items.len(),
        1,
        "only their own"
    );

    let input =
        SignUp { name: "Newbie".into(), email: "newbie@acme.example".into(), password: "long enough pw".into() };
    let signed_up = commands::sign_up(&d.desk.db, &Actor::Anonymous, &throttle, input, None).await.expect("sign up");
    assert!(matches!(signed_up, SignedUp::ClaimMailed));
    let claim = mails_to(&d, "newbie@acme.example")
        .await
        .into_iter()
        .find(|m| m.event == MailEvent::AccountClaim)
        .expect("a claim mail");
    let user = completion::set_password(&d.desk.db, &secret_in(&claim, "/password/set/"), "my own password")
        .await
        .expect("claim");
    assert!(user.has_password && user.email_verified);
    let proved = Actor::User(queries::principal_of(
        &queries::find_by_email(&d.desk.db, "newbie@acme.example").await.expect("q").expect("row"),
    ));
    assert!(
        tickets::for_customer(&d.desk.db, &proved, None).await.expect("list").items.len() > 1,
        "Acme's shared tickets too"
    );

    // A new address at a sharing organization's domain joins it only once proved.
    let input = SignUp { name: "Fresh".into(), email: "fresh@acme.example".into(), password: "long enough pw".into() };
    let SignedUp::Created(fresh) =
        commands::sign_up(&d.desk.db, &Actor::Anonymous, &throttle, input, None).await.expect("sign up")
    else {
        panic!("a new account")
    };
    assert_eq!((fresh.organization_id, fresh.email_verified), (None, false));
    let verify = mails_to(&d, "fresh@acme.example").await.pop().expect("a verification mail");
    assert_eq!(verify.event, MailEvent::EmailVerification);
    let verified = completion::verify_email(&d.desk.db, &secret_in(&verify, "/verify/")).await.expect("verify");
    assert!(verified.email_verified && verified.organization_id.is_some());
}
