//! Domain events and the reactions to them. A ticket command describes what it did as typed
//! `TicketEvent`s and hands them, with the ticket as it now is, to `emit` inside its transaction.
//! `emit` runs the reactions of `list::SYNC`, in order, in that same transaction, and schedules
//! the reactions of `list::DURABLE` as jobs that run after commit: features plug in there, and
//! `tickets/` knows none of them. A reaction that changes a ticket emits again, one level deeper;
//! `MAX_DEPTH` stops a chain, and the log says so.

pub mod dispatch;
pub mod durable;
pub mod event;
pub mod list;

pub use dispatch::{MAX_DEPTH, emit};
pub use event::{AuthorKind, FieldChange, Happened, TicketEvent};
