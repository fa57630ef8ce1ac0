//! Customer access by mailed links: a ticket's magic link, sign-in links, password resets,
//! account claims, address checks and invitations. Every link is a random secret whose SHA-256
//! alone is stored (`tokens`); single-use links are spent in the transaction that acts on them.

pub mod completion;
pub mod links;
pub mod mail;
pub mod requests;
pub mod secret;
pub mod throttle;
pub mod tokens;

pub use crate::entities::access_token::TokenPurpose;
