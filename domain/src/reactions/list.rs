//! The reactions to ticket changes, in the order they run: the one visible list that features
//! plug into. Reactions that change the ticket or write rows come first; the live event, which
//! tells browsers to refetch, comes last so that what they refetch is complete.

use super::dispatch::Reaction;
use sea_orm::DatabaseTransaction;

pub static SYNC: &[Reaction<DatabaseTransaction>] = &[
    // The assignee and note authors follow the ticket (before notifications pick followers).
    Reaction { name: "followers", run: crate::tickets::watchers::follow_on_assignment_and_notes },
    // Solved tickets get their auto-close job (the scheduler runs it when due).
    Reaction { name: "auto_close", run: crate::auto_close::schedule_on_solve },
    // Agents' in-app notifications: assigned, a customer replied, mentioned in a note.
    Reaction { name: "agent_notifications", run: crate::notifications::reaction::notify_agents },
    // The customer's mail, to the outbox (sent after commit, retried with backoff).
    Reaction { name: "customer_mail", run: crate::email::reaction::mail_the_customer },
    // The live-event log, which every process tails for its browsers.
    Reaction { name: "live", run: crate::live::reaction::announce },
];

/// The names of the reactions, in order (for the architecture document and diagnostics).
pub fn names() -> Vec<&'static str> {
    SYNC.iter().map(|r| r.name).collect()
}
