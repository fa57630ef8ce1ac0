//! `Auth`: the signed-in user that the layout provides and every page and component can read.

use crate::{api::auth::SignOut, error::AppError};
use domain::views::UserView;
use leptos::prelude::*;

/// The signed-in user (refetched on every navigation and after sign-out).
#[derive(Clone, Copy)]
pub struct Auth {
    pub user: Resource<Result<Option<UserView>, AppError>>,
    pub sign_out: ServerAction<SignOut>,
}
