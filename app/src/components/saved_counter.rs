//! A counter of the saves that worked anywhere on a settings page, so that the page's data
//! reloads after each (its forms each have an action of their own).

use crate::error::AppError;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Saved(pub RwSignal<usize>);

impl Saved {
    pub fn new() -> Saved {
        Saved(RwSignal::new(0))
    }

    /// Counts `action`'s runs that succeed.
    pub fn after<S>(self, action: ServerAction<S>)
    where
        S: server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Clone + Send + Sync + 'static,
    {
        Effect::new(move |_| {
            if matches!(action.value().get(), Some(Ok(_))) {
                self.0.update(|n| *n += 1);
            }
        });
    }
}

impl Default for Saved {
    fn default() -> Saved {
        Saved::new()
    }
}
