//! The reactions to ticket changes, in the order they run: the one visible list that features
//! plug into. Synchronous reactions run in the change's transaction: those that write rows
//! derived from the ticket first, then those that change the ticket (their change runs the list
//! again one level deeper, so the derived rows end as the final ticket has them); the live event,
//! which tells browsers to refetch, comes last so that what they refetch is complete. Durable
//! reactions run after commit, each from a job of its own.

use super::{dispatch::Reaction, durable::Durable};
use sea_orm::DatabaseTransaction;

pub static SYNC: &[Reaction<DatabaseTransaction>] = &[
    // The assignee and note authors follow the ticket (before notifications pick followers).
    Reaction { name: "followers", run: crate::tickets::watchers::follow_on_assignment_and_notes },
    // The SLA timeline, clocks and next escalation check (before the live event, so that
    // browsers refetch the new due times).
    Reaction { name: "sla", run: crate::sla::reaction::measure },
    // Help-center articles a message links count the ticket among the article's.
    Reaction { name: "kb_links", run: crate::kb::ticket_links::record_linked_articles },
    // Solved tickets get their auto-close job (the scheduler runs it when due).
    Reaction { name: "auto_close", run: crate::auto_close::schedule_on_solve },
    // The first solve opens the ticket's satisfaction survey (once per ticket, ever).
    Reaction { name: "csat", run: crate::csat::surveys::open_on_solve },
    // Routing rules for changes, assigning a ticket that waits in an automatic team's queue, and
    // handing waiting tickets to an agent a change freed. What it changes sets off the list
    // again, one level deeper; so it runs after the reactions that derive state from the ticket
    // (the SLA clocks), whose deeper run then sees the ticket as it finally is.
    Reaction { name: "routing", run: crate::routing::reaction::react },
    // Automation rules on events (created, changed, replies, SLA moments), after routing filed
    // the ticket; likewise after the derived state, and a rule never sets itself off.
    Reaction { name: "automation", run: crate::automation::reaction::react },
    // The live-event log, which every process tails for its browsers.
    Reaction { name: "live", run: crate::live::reaction::announce },
];

pub static DURABLE: &[Durable] = &[
    // Agents' in-app notifications: assigned, a customer replied, mentioned in a note (then a
    // live event, so that the bell refetches).
    Durable {
        kind: "reaction.agent_notifications",
        wants: crate::notifications::reaction::concerns,
        run: crate::notifications::reaction::notify_agents,
    },
    // The customer's mail, to the outbox (which the mail sender delivers, retried with backoff).
    Durable {
        kind: "reaction.customer_mail",
        wants: crate::email::reaction::concerns,
        run: crate::email::reaction::mail_the_customer,
    },
];

/// The names of the reactions, in order (for the architecture document and diagnostics).
pub fn names() -> Vec<&'static str> {
    SYNC.iter().map(|r| r.name).chain(DURABLE.iter().map(|r| r.kind)).collect()
}
