//! Server functions for the email channel's admin pages: mailboxes (with the HTTP inbound
//! secret, shown once), outgoing mail templates, and the ingest log with reprocessing.
//!
//! A new HTTP secret made by a plain form post cannot ride back on the redirect (the address
//! would leak it to history and logs), so, like a new API token, it waits in the server-side
//! session: the redirect marks the address (`/admin/mailboxes/3?secret=new`), the page at that
//! address shows the secret (reading does not consume it), and the next load of that mailbox's
//! page without the mark drops it, as do five minutes.

use crate::error::AppError;
use domain::email_types::{IngestOutcome, IngestPage, MailboxView, TemplateView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::form::checked,
    crate::{
        response,
        ssr::{self, fail, session_error},
    },
    domain::{
        Action, DomainError, authorize,
        email::{log, mailboxes, reprocess, templates},
        email_types::{MailEvent, MailboxInput},
    },
};

/// The mailbox form's fields, named as the form names them; every one may be absent (an
/// unticked checkbox is, and empty passwords keep the stored ones).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MailboxForm {
    pub name: String,
    pub address: String,
    pub inbound: String,
    pub imap_host: String,
    pub imap_port: String,
    pub imap_tls: String,
    pub imap_username: String,
    pub imap_password: String,
    pub imap_folder: String,
    pub smtp_host: String,
    pub smtp_port: String,
    pub smtp_security: String,
    pub smtp_username: String,
    pub smtp_password: String,
    pub team_id: String,
    pub category_id: String,
    pub reject_unknown: String,
    pub active: String,
}

/// One mailbox for its page, with the HTTP secret made just now by a plain form post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxDetail {
    pub mailbox: MailboxView,
    pub new_secret: Option<String>,
}

/// What a reprocessed message became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reprocessed {
    pub entry_id: i64,
    pub outcome: IngestOutcome,
    pub ticket_id: Option<i64>,
    pub reason: String,
}

#[cfg(feature = "ssr")]
const SECRET_KEY: &str = "new_http_secret";
#[cfg(feature = "ssr")]
const SECRET_SECONDS: i64 = 300;

#[cfg(feature = "ssr")]
#[derive(Serialize, Deserialize)]
struct SecretFlash {
    mailbox_id: i64,
    secret: String,
    at: chrono::DateTime<chrono::Utc>,
}

/// A select of ids: empty is none, anything else must be a number.
#[cfg(feature = "ssr")]
fn optional_id(field: &str, value: &str) -> Result<Option<i64>, AppError> {
    match value.trim() {
        "" => Ok(None),
        text => text.parse::<i64>().map(Some).map_err(|_| fail(DomainError::field(field, "Choose one of the options"))),
    }
}

#[cfg(feature = "ssr")]
fn mailbox_input(form: MailboxForm) -> Result<MailboxInput, AppError> {
    Ok(MailboxInput {
        team_id: optional_id("team_id", &form.team_id)?,
        category_id: optional_id("category_id", &form.category_id)?,
        imap_tls: checked(Some(&form.imap_tls)),
        reject_unknown: checked(Some(&form.reject_unknown)),
        active: checked(Some(&form.active)),
        name: form.name,
        address: form.address,
        inbound: form.inbound,
        imap_host: form.imap_host,
        imap_port: form.imap_port,
        imap_username: form.imap_username,
        imap_password: form.imap_password,
        imap_folder: form.imap_folder,
        smtp_host: form.smtp_host,
        smtp_port: form.smtp_port,
        smtp_security: form.smtp_security,
        smtp_username: form.smtp_username,
        smtp_password: form.smtp_password,
    })
}

#[cfg(feature = "ssr")]
fn event_of(event: &str) -> Result<MailEvent, AppError> {
    MailEvent::parse(event.trim()).ok_or_else(|| fail(DomainError::field("event", "Choose one of the templates")))
}

/// The template page has one form per event: field errors name the event too
/// (`agent_reply.body`), so that they show beside that form's fields only.
#[cfg(feature = "ssr")]
fn scoped(event: MailEvent, err: DomainError) -> AppError {
    let mut app = fail(err);
    for field in &mut app.fields {
        field.field = format!("{}.{}", event.as_str(), field.field);
    }
    app
}

#[server(prefix = "/fn", endpoint = "list_mailboxes")]
pub async fn list_mailboxes() -> Result<Vec<MailboxView>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    mailboxes::list(&desk.db, &actor).await.map_err(fail)
}

/// `secret`: `new` in the address after a plain form made an HTTP secret.
#[server(prefix = "/fn", endpoint = "get_mailbox")]
pub async fn get_mailbox(mailbox_id: i64, secret: Option<String>) -> Result<MailboxDetail, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let mailbox = mailboxes::get(&desk.db, &actor, mailbox_id).await.map_err(fail)?;
    let session = ssr::session().await?;
    let Some(flash) = session.get::<SecretFlash>(SECRET_KEY).await.map_err(session_error)? else {
        return Ok(MailboxDetail { mailbox, new_secret: None });
    };
    let fresh = flash.at > chrono::Utc::now() - chrono::Duration::seconds(SECRET_SECONDS);
    let here = flash.mailbox_id == mailbox_id;
    if here && fresh && secret.as_deref() == Some("new") {
        return Ok(MailboxDetail { mailbox, new_secret: Some(flash.secret) });
    }
    // Another mailbox's fresh secret waits for its own page.
    if here || !fresh {
        session.remove_value(SECRET_KEY).await.map_err(session_error)?;
    }
    Ok(MailboxDetail { mailbox, new_secret: None })
}

/// Creates a mailbox and sends the browser to its page.
#[server(prefix = "/fn", endpoint = "create_mailbox")]
pub async fn create_mailbox(#[server(flatten)] form: MailboxForm) -> Result<MailboxView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    authorize(&actor, Action::ConfigureDesk).map_err(fail)?;
    let created = mailboxes::create(&desk.db, &actor, mailbox_input(form)?).await.map_err(fail)?;
    leptos_axum::redirect(&format!("/admin/mailboxes/{}?created=1", created.id));
    Ok(created)
}

#[server(prefix = "/fn", endpoint = "update_mailbox")]
pub async fn update_mailbox(mailbox_id: i64, #[server(flatten)] form: MailboxForm) -> Result<MailboxView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    authorize(&actor, Action::ConfigureDesk).map_err(fail)?;
    let updated = mailboxes::update(&desk.db, &actor, mailbox_id, mailbox_input(form)?).await.map_err(fail)?;
    if response::is_form_post() {
        leptos_axum::redirect(&format!("/admin/mailboxes/{mailbox_id}?saved=1"));
    }
    Ok(updated)
}

/// Makes a new secret for the mailbox's HTTP endpoint. The hydrated app gets it back here; a
/// plain form post finds it on the page it is sent back to.
#[server(prefix = "/fn", endpoint = "new_http_secret")]
pub async fn new_http_secret(mailbox_id: i64) -> Result<Option<String>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let secret = mailboxes::new_http_secret(&desk.db, &actor, mailbox_id).await.map_err(fail)?;
    if !response::is_form_post() {
        return Ok(Some(secret));
    }
    let session = ssr::session().await?;
    let flash = SecretFlash { mailbox_id, secret, at: chrono::Utc::now() };
    session.insert(SECRET_KEY, flash).await.map_err(session_error)?;
    leptos_axum::redirect(&format!("/admin/mailboxes/{mailbox_id}?secret=new#http-endpoint"));
    Ok(None)
}

#[server(prefix = "/fn", endpoint = "list_mail_templates")]
pub async fn list_mail_templates() -> Result<Vec<TemplateView>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    authorize(&actor, Action::ConfigureDesk).map_err(fail)?;
    templates::all(&desk.db).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "save_mail_template")]
pub async fn save_mail_template(event: String, subject: String, body: String) -> Result<TemplateView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    authorize(&actor, Action::ConfigureDesk).map_err(fail)?;
    let event = event_of(&event)?;
    let saved = templates::save(&desk.db, event, &subject, &body).await.map_err(|e| scoped(event, e))?;
    if response::is_form_post() {
        leptos_axum::redirect(&format!("/admin/mail-templates?saved={0}#template-{0}", event.as_str()));
    }
    Ok(saved)
}

#[server(prefix = "/fn", endpoint = "reset_mail_template")]
pub async fn reset_mail_template(event: String) -> Result<TemplateView, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    authorize(&actor, Action::ConfigureDesk).map_err(fail)?;
    let event = event_of(&event)?;
    let view = templates::reset(&desk.db, event).await.map_err(fail)?;
    if response::is_form_post() {
        leptos_axum::redirect(&format!("/admin/mail-templates?reset={0}#template-{0}", event.as_str()));
    }
    Ok(view)
}

/// A page of the ingest log, newest first; `outcome` keeps one outcome, `page` counts from 1.
#[server(prefix = "/fn", endpoint = "list_mail_log")]
pub async fn list_mail_log(outcome: Option<IngestOutcome>, page: Option<u64>) -> Result<IngestPage, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    log::list(&desk.db, &actor, outcome, page.unwrap_or(1)).await.map_err(fail)
}

#[server(prefix = "/fn", endpoint = "reprocess_mail")]
pub async fn reprocess_mail(entry_id: i64) -> Result<Reprocessed, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    let done = reprocess::reprocess(&desk, &actor, entry_id).await.map_err(fail)?;
    Ok(Reprocessed { entry_id: done.entry_id, outcome: done.outcome, ticket_id: done.ticket_id, reason: done.reason })
}
