//! Accounts: sign-up, sign-in, passwords, and the admin's management of users.

pub mod commands;
pub mod invitations;
pub mod password;
pub mod people;
pub mod queries;
pub mod throttle;

pub use commands::{NewUser, SignUp};
pub use throttle::SignInThrottle;
