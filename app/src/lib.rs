//! Docket's Leptos application: the shell, routes, pages, components and server functions.

pub mod api;
mod app;
mod auth;
pub mod components;
pub mod error;
pub mod live;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod response;
#[cfg(feature = "ssr")]
pub mod secret_flash;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use app::{App, shell};
