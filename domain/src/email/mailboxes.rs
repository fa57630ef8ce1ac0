//! Mailboxes: admins add and change them (checked, audited, passwords never shown back); the
//! inbound doors look them up by address or id; the IMAP poller keeps its place in them.

use crate::{
    desk_config::Config,
    email_types::{Inbound, MailboxInput, MailboxView},
    entities::mailbox,
    error::DomainError,
    policy::{Action, Actor, authorize},
    validation::{Checks, Email},
};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

pub fn view_of(m: &mailbox::Model) -> MailboxView {
    MailboxView {
        id: m.id,
        name: m.name.clone(),
        address: m.address.clone(),
        inbound: m.inbound,
        imap_host: m.imap_host.clone().unwrap_or_default(),
        imap_port: m.imap_port,
        imap_tls: m.imap_tls,
        imap_username: m.imap_username.clone().unwrap_or_default(),
        imap_password_set: m.imap_password.as_deref().is_some_and(|p| !p.is_empty()),
        imap_folder: m.imap_folder.clone(),
        imap_checked_at: m.imap_checked_at,
        imap_error: m.imap_error.clone(),
        http_secret_set: m.http_secret_hash.is_some(),
        smtp_host: m.smtp_host.clone().unwrap_or_default(),
        smtp_port: m.smtp_port,
        smtp_security: m.smtp_security.clone(),
        smtp_username: m.smtp_username.clone().unwrap_or_default(),
        smtp_password_set: m.smtp_password.as_deref().is_some_and(|p| !p.is_empty()),
        team_id: m.team_id,
        category_id: m.category_id,
        reject_unknown: m.reject_unknown,
        active: m.active,
    }
}

pub async fn list(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<MailboxView>, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let rows = mailbox::Entity::find().order_by_asc(mailbox::Column::Id).all(db).await?;
    Ok(rows.iter().map(view_of).collect())
}

pub async fn get(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<MailboxView, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    mailbox::Entity::find_by_id(id).one(db).await?.map(|m| view_of(&m)).ok_or(DomainError::NotFound)
}

fn port(checks: &mut Checks, field: &str, value: &str) -> Option<i32> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match value.parse::<u16>() {
        Ok(p) if p > 0 => Some(i32::from(p)),
        _ => {
            checks.add(field, "Enter a port from 1 to 65535");
            None
        }
    }
}

fn host(checks: &mut Checks, field: &str, value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let ok = value.len() <= 253
        && value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !ok {
        checks.add(field, "Enter a host name or IP address");
    }
    ok.then(|| value.to_owned())
}

fn text(value: &str, max: usize) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.chars().filter(|c| !c.is_control()).take(max).collect())
}

/// Checks the form and fills `row`; empty password fields keep what is stored.
async fn fill(
    db: &DatabaseConnection,
    row: &mut mailbox::ActiveModel,
    input: &MailboxInput,
) -> Result<(), DomainError> {
    let mut checks = Checks::new();
    let name = input.name.trim();
    if name.is_empty() {
        checks.add("name", "Enter a name (it is the sender name of outgoing mail)");
    } else if name.chars().count() > 80 || name.chars().any(char::is_control) {
        checks.add("name", "Use at most 80 characters on one line");
    }
    let address = checks.check("address", Email::parse(&input.address));
    if address.as_ref().is_some_and(|a| a.as_str().contains('+')) {
        checks.add("address", "Use the address without a +tag; Docket adds its own for replies");
    }
    let inbound = Inbound::parse(&input.inbound);
    if inbound.is_none() {
        checks.add("inbound", "Choose how mail comes in");
    }
    let imap_host = host(&mut checks, "imap_host", &input.imap_host);
    let imap_port = port(&mut checks, "imap_port", &input.imap_port);
    let smtp_host = host(&mut checks, "smtp_host", &input.smtp_host);
    let smtp_port = port(&mut checks, "smtp_port", &input.smtp_port);
    if inbound == Some(Inbound::Imap) {
        if imap_host.is_none() && !checks.has("imap_host") {
            checks.add("imap_host", "Enter the IMAP server");
        }
        if input.imap_username.trim().is_empty() {
            checks.add("imap_username", "Enter the IMAP user name");
        }
    }
    if !matches!(input.smtp_security.as_str(), "none" | "starttls" | "tls") {
        checks.add("smtp_security", "Choose none, STARTTLS or TLS");
    }
    let config = Config::load(db).await?;
    if input.team_id.is_some_and(|id| !config.teams.iter().any(|t| t.id == id)) {
        checks.add("team_id", "Choose one of the teams");
    }
    if input.category_id.is_some_and(|id| !config.categories.iter().any(|c| c.id == id && c.active)) {
        checks.add("category_id", "Choose one of the categories");
    }
    checks.finish()?;
    let (Some(address), Some(inbound)) = (address, inbound) else { return Err(DomainError::Internal) };
    row.name = Set(name.to_owned());
    row.address = Set(address.as_str().to_owned());
    row.inbound = Set(inbound);
    row.imap_host = Set(imap_host);
    row.imap_port = Set(imap_port);
    row.imap_tls = Set(input.imap_tls);
    row.imap_username = Set(text(&input.imap_username, 254));
    if !input.imap_password.is_empty() {
        row.imap_password = Set(Some(input.imap_password.chars().take(500).collect()));
    }
    row.imap_folder = Set(text(&input.imap_folder, 200).unwrap_or_else(|| "INBOX".to_owned()));
    row.smtp_host = Set(smtp_host);
    row.smtp_port = Set(smtp_port);
    row.smtp_security = Set(input.smtp_security.clone());
    row.smtp_username = Set(text(&input.smtp_username, 254));
    if !input.smtp_password.is_empty() {
        row.smtp_password = Set(Some(input.smtp_password.chars().take(500).collect()));
    }
    row.team_id = Set(input.team_id);
    row.category_id = Set(input.category_id);
    row.reject_unknown = Set(input.reject_unknown);
    row.active = Set(input.active);
    row.updated_at = Set(crate::clock::now());
    Ok(())
}

fn map_unique(err: sea_orm::DbErr) -> DomainError {
    match err.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            DomainError::field("address", "Another mailbox has this address")
        }
        _ => err.into(),
    }
}

pub async fn create(db: &DatabaseConnection, actor: &Actor, input: MailboxInput) -> Result<MailboxView, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let now = crate::clock::now();
    let mut row = mailbox::ActiveModel {
        imap_uid_validity: Set(None),
        imap_last_uid: Set(0),
        imap_checked_at: Set(None),
        imap_error: Set(None),
        imap_password: Set(None),
        smtp_password: Set(None),
        http_secret_hash: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    fill(db, &mut row, &input).await?;
    let txn = crate::db::begin_write(db).await?;
    let model = row.insert(&*txn).await.map_err(map_unique)?;
    crate::audit::record(&*txn, actor, "mailbox.create", ("mailbox", Some(model.id)), serde_json::json!({})).await?;
    txn.commit().await?;
    Ok(view_of(&model))
}

pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: MailboxInput,
) -> Result<MailboxView, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let found = mailbox::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound)?;
    let moved = found.imap_host.as_deref() != Some(input.imap_host.trim())
        || found.imap_folder != input.imap_folder.trim()
        || found.imap_username.as_deref() != Some(input.imap_username.trim());
    let mut row: mailbox::ActiveModel = found.into();
    fill(db, &mut row, &input).await?;
    if moved {
        // Another server or folder: its UIDs mean nothing here.
        row.imap_uid_validity = Set(None);
        row.imap_last_uid = Set(0);
    }
    let txn = crate::db::begin_write(db).await?;
    let model = row.update(&*txn).await.map_err(map_unique)?;
    crate::audit::record(&*txn, actor, "mailbox.update", ("mailbox", Some(model.id)), serde_json::json!({})).await?;
    txn.commit().await?;
    Ok(view_of(&model))
}

/// Makes a new secret for the HTTP inbound endpoint and returns it, once; only its hash is kept.
pub async fn new_http_secret(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<String, DomainError> {
    authorize(actor, Action::ConfigureDesk)?;
    let found = mailbox::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound)?;
    let mut bytes = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut bytes);
    let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let mut row: mailbox::ActiveModel = found.into();
    row.http_secret_hash = Set(Some(hash(&secret)));
    row.updated_at = Set(crate::clock::now());
    let txn = crate::db::begin_write(db).await?;
    row.update(&*txn).await?;
    crate::audit::record(&*txn, actor, "mailbox.new_http_secret", ("mailbox", Some(id)), serde_json::json!({})).await?;
    txn.commit().await?;
    Ok(secret)
}

fn hash(secret: &str) -> String {
    crate::digest::sha256_hex(secret.as_bytes())
}

/// The active HTTP-inbound mailbox `id` if `secret` is its secret (compared in constant time).
pub async fn by_http_secret(
    db: &impl ConnectionTrait,
    id: i64,
    secret: &str,
) -> Result<Option<mailbox::Model>, DomainError> {
    let Some(found) = mailbox::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    let given = hash(secret);
    let matches = found.http_secret_hash.as_deref().is_some_and(|stored| {
        stored.len() == given.len() && stored.bytes().zip(given.bytes()).fold(0u8, |a, (x, y)| a | (x ^ y)) == 0
    });
    Ok((matches && found.active && found.inbound == Inbound::Http).then_some(found))
}

/// The active listener mailbox that `recipient` (maybe with a +tag) is addressed to.
pub async fn by_recipient(db: &impl ConnectionTrait, recipient: &str) -> Result<Option<mailbox::Model>, DomainError> {
    let recipient = recipient.trim().trim_matches(['<', '>']).to_lowercase();
    let Some((local, domain)) = recipient.rsplit_once('@') else { return Ok(None) };
    let base = format!("{}@{domain}", local.split('+').next().unwrap_or(local));
    Ok(mailbox::Entity::find()
        .filter(mailbox::Column::Address.eq(base))
        .filter(mailbox::Column::Active.eq(true))
        .filter(mailbox::Column::Inbound.eq(Inbound::Smtp))
        .one(db)
        .await?)
}

/// Active mailboxes the IMAP poller reads.
pub async fn polled(db: &impl ConnectionTrait) -> Result<Vec<mailbox::Model>, DomainError> {
    Ok(mailbox::Entity::find()
        .filter(mailbox::Column::Active.eq(true))
        .filter(mailbox::Column::Inbound.eq(Inbound::Imap))
        .order_by_asc(mailbox::Column::Id)
        .all(db)
        .await?)
}

/// Records the poller's place: the folder's UIDVALIDITY and the last UID taken in.
pub async fn save_imap_cursor(
    db: &DatabaseConnection,
    id: i64,
    uid_validity: u32,
    last_uid: u32,
) -> Result<(), DomainError> {
    let row = mailbox::ActiveModel {
        id: Set(id),
        imap_uid_validity: Set(Some(i64::from(uid_validity))),
        imap_last_uid: Set(i64::from(last_uid)),
        ..Default::default()
    };
    crate::db::write(db, |txn| Box::pin(async move { Ok(row.update(txn).await.map(drop)?) })).await
}

/// Records a poll: when, and the error if it failed (shown to admins; never a password).
pub async fn imap_checked(db: &DatabaseConnection, id: i64, error: Option<String>) -> Result<(), DomainError> {
    let row = mailbox::ActiveModel {
        id: Set(id),
        imap_checked_at: Set(Some(crate::clock::now())),
        imap_error: Set(error.map(|e| e.chars().take(500).collect())),
        ..Default::default()
    };
    crate::db::write(db, |txn| Box::pin(async move { Ok(row.update(txn).await.map(drop)?) })).await
}
