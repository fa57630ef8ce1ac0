//! Links mailed on request: "Email me a sign-in link", "Forgot password?", and a fresh link from
//! the page of an expired one. The request only checks the address's form, spends the throttle
//! and schedules a job, so that it does the same work and gives the same answer whether or not an
//! account has that address; the job finds the account (if any), issues the token and writes the
//! mail, in one transaction that also ends the job.

use super::{
    TokenPurpose,
    mail::{self, AccountMail},
    throttle::LinkThrottle,
    tokens::{self, Lookup},
};
use crate::{
    email_types::MailEvent,
    entities::{job, user},
    error::DomainError,
    jobs::{JobOutcome, NewJob, schedule, store},
    validation::Email,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use std::net::IpAddr;

pub const JOB_KIND: &str = "account.mail_link";

/// What a person asked to be mailed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requested {
    SignIn,
    PasswordReset,
}

impl Requested {
    fn purpose(self) -> TokenPurpose {
        match self {
            Requested::SignIn => TokenPurpose::SignIn,
            Requested::PasswordReset => TokenPurpose::PasswordReset,
        }
    }

    fn event(self) -> MailEvent {
        match self {
            Requested::SignIn => MailEvent::SignInLink,
            Requested::PasswordReset => MailEvent::PasswordReset,
        }
    }
}

/// The path a single-use link's secret opens, by purpose.
pub fn path_of(purpose: TokenPurpose, secret: &str) -> String {
    match purpose {
        TokenPurpose::TicketLink => super::links::path_of(secret),
        TokenPurpose::SignIn => format!("/signin/link/{secret}"),
        TokenPurpose::PasswordReset | TokenPurpose::Claim | TokenPurpose::Invitation => {
            format!("/password/set/{secret}")
        }
        TokenPurpose::VerifyEmail => format!("/verify/{secret}"),
        TokenPurpose::Rating => format!("/rate/{secret}"),
        TokenPurpose::CalendarFeed => crate::calendar::feed_tokens::path_of(secret),
    }
}

#[derive(Serialize, Deserialize)]
struct Payload {
    requested: Requested,
    email: String,
    /// The secret of an expired ticket link the request came from: a sign-in link then lands on
    /// that ticket, if the link was this person's.
    from_link: Option<String>,
}

/// Asks for a link by mail. `Ok` says only that the request was taken: whether a mail goes out
/// depends on an account having the address, which the caller is never told.
pub async fn request(
    db: &DatabaseConnection,
    throttle: &LinkThrottle,
    requested: Requested,
    email: &str,
    client: Option<IpAddr>,
    from_link: Option<&str>,
) -> Result<(), DomainError> {
    let email = Email::parse(email).map_err(|m| DomainError::field("email", m))?;
    throttle.request(email.as_str(), client)?;
    let payload = Payload {
        requested,
        email: email.into_string(),
        from_link: from_link.filter(|s| super::secret::looks_like_secret(s)).map(str::to_owned),
    };
    let payload = serde_json::to_value(&payload).map_err(|_| DomainError::Internal)?;
    let now = crate::clock::now();
    let txn = crate::db::begin_write(db).await?;
    schedule(&*txn, NewJob { kind: JOB_KIND, payload, due_at: now, dedupe_key: None }, now).await?;
    txn.commit().await?;
    Ok(())
}

/// The job: mails the link if an active account has the address.
pub async fn run(db: DatabaseConnection, job: job::Model) -> JobOutcome {
    let payload: Payload = match serde_json::from_str(&job.payload) {
        Ok(payload) => payload,
        Err(e) => return JobOutcome::Fail(format!("unreadable payload: {e}")),
    };
    match mail_link(&db, &job, &payload).await {
        Ok(()) => JobOutcome::Done,
        Err(error) => JobOutcome::Retry(error.to_string()),
    }
}

async fn mail_link(db: &DatabaseConnection, job: &job::Model, payload: &Payload) -> Result<(), DomainError> {
    let now = crate::clock::now();
    let txn = crate::db::begin_write(db).await?;
    let person = user::Entity::find()
        .filter(user::Column::Email.eq(payload.email.as_str()))
        .filter(user::Column::Active.eq(true))
        .one(&*txn)
        .await?;
    if let Some(person) = person {
        let landing = match payload.from_link.as_deref() {
            Some(secret) => match tokens::look_up(&*txn, &[TokenPurpose::TicketLink], secret, now).await? {
                Lookup::Valid(row) | Lookup::Expired(row) if row.user_id == person.id => row.ticket_id,
                _ => None,
            },
            None => None,
        };
        let purpose = payload.requested.purpose();
        let lifetime = purpose.lifetime();
        let secret = tokens::issue(&*txn, purpose, person.id, landing, lifetime, now).await?;
        let mail = AccountMail {
            event: payload.requested.event(),
            to: &person,
            path: path_of(purpose, &secret),
            lifetime,
            extra: Vec::new(),
        };
        mail::send(&*txn, mail, now).await?;
        tracing::info!(user = person.id, purpose = ?purpose, "mailed a link on request");
    }
    if store::complete_in(&*txn, job).await? {
        txn.commit().await?;
    }
    Ok(())
}
