//! `users`: customers, agents and admins.

use crate::role::Role;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub email: String,
    pub name: String,
    /// argon2id PHC string; `None` for customers known only by email.
    pub password_hash: Option<String>,
    pub role: Role,
    pub organization_id: Option<i64>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub last_sign_in_at: Option<DateTimeUtc>,
    /// When the person proved they read mail at `email` (a link Docket mailed them).
    pub email_verified_at: Option<DateTimeUtc>,
    /// An admin lets this agent or manager write and publish knowledge-base articles.
    pub writes_articles: bool,
    /// Whether a staff member takes new tickets (set in the top bar).
    pub availability: crate::routing::types::Availability,
    /// When Docket last saw them with a page open (a live stream's check).
    pub seen_at: Option<DateTimeUtc>,
    /// At most this many new and open tickets are assigned to them automatically.
    pub ticket_capacity: Option<i32>,
    /// JSON array of lower-case skills.
    pub skills: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
