//! What a token may do (`read` < `write` < `admin`), and the views of tokens the account page
//! shows. Pure and wasm-safe.

use chrono::{DateTime, Utc};
#[cfg(feature = "server")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A token's scope. Each scope includes the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum ApiScope {
    /// `GET` requests only.
    #[cfg_attr(feature = "server", sea_orm(string_value = "read"))]
    Read,
    /// Reads, and changes such as opening, replying to and updating tickets.
    #[cfg_attr(feature = "server", sea_orm(string_value = "write"))]
    Write,
    /// Writes, and the admin endpoints (creating users and teams, deleting tickets); admins only.
    #[cfg_attr(feature = "server", sea_orm(string_value = "admin"))]
    Admin,
}

impl ApiScope {
    pub const ALL: [ApiScope; 3] = [Self::Read, Self::Write, Self::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
            Self::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<ApiScope> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Read => "Read only",
            Self::Write => "Read and write",
            Self::Admin => "Admin",
        }
    }
}

/// A token as its owner sees it: never the secret, which is shown once at creation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    pub id: i64,
    pub name: String,
    /// The start of the secret (`dkt_1a2b3c4d`), to tell tokens apart.
    pub prefix: String,
    pub scope: ApiScope,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    /// Past its expiry when it was read.
    pub expired: bool,
}

/// A token just created, with its secret: the only time the secret is seen.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedToken {
    pub token: TokenView,
    pub secret: String,
}

impl fmt::Debug for CreatedToken {
    /// The secret stays out of logs and panic messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreatedToken").field("token", &self.token).field("secret", &"<redacted>").finish()
    }
}

/// How long a new token lasts, as the form offers it: days, or `None` for no expiry.
pub const EXPIRY_CHOICES: [(Option<u32>, &str); 5] =
    [(Some(30), "30 days"), (Some(90), "90 days"), (Some(365), "1 year"), (Some(7), "7 days"), (None, "Never")];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_round_trip_and_order() {
        for scope in ApiScope::ALL {
            assert_eq!(ApiScope::parse(scope.as_str()), Some(scope));
        }
        assert_eq!(ApiScope::parse("root"), None);
        assert!(ApiScope::Read < ApiScope::Write && ApiScope::Write < ApiScope::Admin);
    }

    #[test]
    fn debug_hides_the_secret() {
        let token = TokenView {
            id: 1,
            name: "ci".into(),
            prefix: "dkt_12345678".into(),
            scope: ApiScope::Read,
            created_at: crate::clock::now(),
            last_used_at: None,
            expires_at: None,
            expired: false,
        };
        let created = CreatedToken { token, secret: "dkt_secret-value".into() };
        assert!(!format!("{created:?}").contains("secret-value"));
    }
}
