//! The actions of a ticket's links, merge and followers; the ticket page refetches after each.

use crate::api::relations::{AddTicketLink, FollowTicket, MergeTicket, RemoveTicketLink, UnfollowTicket};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct RelationActions {
    pub add_link: ServerAction<AddTicketLink>,
    pub remove_link: ServerAction<RemoveTicketLink>,
    pub merge: ServerAction<MergeTicket>,
    pub follow: ServerAction<FollowTicket>,
    pub unfollow: ServerAction<UnfollowTicket>,
}

impl RelationActions {
    pub fn create() -> Self {
        RelationActions {
            add_link: ServerAction::new(),
            remove_link: ServerAction::new(),
            merge: ServerAction::new(),
            follow: ServerAction::new(),
            unfollow: ServerAction::new(),
        }
    }

    pub fn version(&self) -> usize {
        self.add_link.version().get()
            + self.remove_link.version().get()
            + self.merge.version().get()
            + self.follow.version().get()
            + self.unfollow.version().get()
    }
}
