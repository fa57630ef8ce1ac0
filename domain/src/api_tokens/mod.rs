//! Personal API tokens: the scopes and read models (wasm-safe), and with the `server` feature the
//! secrets, the commands that create and revoke tokens, the look-up that authenticates an API
//! request, and the idempotency keys of API requests.

pub mod scope;

#[cfg(feature = "server")]
pub mod commands;
#[cfg(feature = "server")]
pub mod idempotency;
#[cfg(feature = "server")]
pub mod queries;
#[cfg(feature = "server")]
pub mod secret;

pub use scope::{ApiScope, CreatedToken, TokenView};
