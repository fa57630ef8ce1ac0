//! `access_tokens`: links mailed to a person, kept only as the SHA-256 of their secret.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "access_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub purpose: TokenPurpose,
    /// Lower-case hex SHA-256 of the secret in the link; the secret itself is never stored.
    pub token_hash: String,
    pub user_id: i64,
    /// The ticket a magic link opens, or the ticket a sign-in link lands on.
    pub ticket_id: Option<i64>,
    pub expires_at: DateTimeUtc,
    /// When a single-use link was used.
    pub used_at: Option<DateTimeUtc>,
    /// When the link was revoked (all of a person's links, or a withdrawn invitation).
    pub revoked_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

/// What a link does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum TokenPurpose {
    /// Opens one ticket's status page without an account; used many times until it expires.
    #[sea_orm(string_value = "ticket_link")]
    TicketLink,
    /// Signs the person in; single use.
    #[sea_orm(string_value = "sign_in")]
    SignIn,
    /// Sets a new password; single use.
    #[sea_orm(string_value = "password_reset")]
    PasswordReset,
    /// Sets the first password of an account Docket made for someone who wrote in; single use.
    #[sea_orm(string_value = "claim")]
    Claim,
    /// Confirms the address of a self-made account; single use.
    #[sea_orm(string_value = "verify_email")]
    VerifyEmail,
    /// Lets an invited agent or admin set their password; single use.
    #[sea_orm(string_value = "invitation")]
    Invitation,
    /// Answers a ticket's satisfaction survey; used many times (the last answer counts).
    #[sea_orm(string_value = "rating")]
    Rating,
    /// Reads an agent's calendar as an ICS feed; used many times until revoked or expired.
    #[sea_orm(string_value = "calendar_feed")]
    CalendarFeed,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
