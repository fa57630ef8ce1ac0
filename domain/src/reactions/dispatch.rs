//! Running the reactions of a change, in list order, inside the change's transaction, with the
//! depth of the chain that led to it (a reaction that changes a ticket emits one level deeper).

use super::{event::Happened, list};
use crate::error::DomainError;
use sea_orm::DatabaseTransaction;
use std::{future::Future, pin::Pin};

/// Reactions may set off reactions this many levels deep; deeper changes still happen and are
/// recorded, but set off nothing more.
pub const MAX_DEPTH: u8 = 4;

tokio::task_local! {
    static DEPTH: u8;
}

pub type ReactionFuture<'a> = Pin<Box<dyn Future<Output = Result<(), DomainError>> + Send + 'a>>;

/// A reaction: a name for the log and the list, and what it does with a change in context `C`
/// (the change's transaction in production).
pub struct Reaction<C: ?Sized + 'static> {
    pub name: &'static str,
    pub run: for<'a> fn(&'a C, &'a Happened) -> ReactionFuture<'a>,
}

/// The depth of the work in progress: 0 for a command someone asked for.
pub fn depth() -> u8 {
    DEPTH.try_with(|d| *d).unwrap_or(0)
}

/// Runs `work` as the reaction of work at `depth` (a durable reaction, run later from its job,
/// keeps the depth of the change that set it off).
pub(crate) async fn at_depth<F: Future>(depth: u8, work: F) -> F::Output {
    DEPTH.scope(depth.saturating_add(1), work).await
}

/// Runs every synchronous reaction to `happened` in `txn`, then schedules the durable ones as
/// jobs in the same transaction. A synchronous reaction's error rolls the whole change back (the
/// caller returns it); the log names the reaction.
pub async fn emit(txn: &DatabaseTransaction, happened: &Happened) -> Result<(), DomainError> {
    if !run(txn, list::SYNC, happened).await? {
        return Ok(());
    }
    super::durable::schedule(txn, list::DURABLE, happened).await
}

/// `emit`'s synchronous half over any list and context (tests run it with lists of their own).
/// False when the depth limit stopped the chain, so nothing ran.
pub async fn run<C: ?Sized + Sync + 'static>(
    context: &C,
    reactions: &[Reaction<C>],
    happened: &Happened,
) -> Result<bool, DomainError> {
    let depth = depth();
    if depth > MAX_DEPTH {
        tracing::warn!(
            ticket = happened.ticket.id,
            depth,
            events = ?happened.events,
            "reaction chain stopped: the change is kept, but reactions {MAX_DEPTH} levels deep set off no more"
        );
        return Ok(false);
    }
    for reaction in reactions {
        let result = DEPTH.scope(depth + 1, (reaction.run)(context, happened)).await;
        if let Err(error) = result {
            tracing::error!(reaction = reaction.name, ticket = happened.ticket.id, %error, "a reaction failed; the change is rolled back");
            return Err(error);
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{policy::Actor, policy::TicketFacts, reactions::TicketEvent};
    use std::sync::Mutex;

    /// A context that records which reactions ran at which depth.
    #[derive(Default)]
    struct Trace(Mutex<Vec<(&'static str, u8)>>);

    fn note(trace: &Trace, name: &'static str) {
        trace.0.lock().expect("trace").push((name, depth()));
    }

    fn first<'a>(trace: &'a Trace, _: &'a Happened) -> ReactionFuture<'a> {
        Box::pin(async move {
            note(trace, "first");
            Ok(())
        })
    }

    fn second<'a>(trace: &'a Trace, _: &'a Happened) -> ReactionFuture<'a> {
        Box::pin(async move {
            note(trace, "second");
            Ok(())
        })
    }

    /// Changes the ticket every time, so it sets itself off again and again.
    fn looping<'a>(trace: &'a Trace, happened: &'a Happened) -> ReactionFuture<'a> {
        Box::pin(async move {
            note(trace, "looping");
            run(trace, LOOP, happened).await.map(drop)
        })
    }

    fn failing<'a>(_: &'a Trace, _: &'a Happened) -> ReactionFuture<'a> {
        Box::pin(async { Err(DomainError::Conflict("refused".into())) })
    }

    static ORDERED: &[Reaction<Trace>] =
        &[Reaction { name: "first", run: first }, Reaction { name: "second", run: second }];
    static LOOP: &[Reaction<Trace>] = &[Reaction { name: "looping", run: looping }];
    static FAILS: &[Reaction<Trace>] =
        &[Reaction { name: "failing", run: failing }, Reaction { name: "second", run: second }];

    fn happened() -> Happened {
        let at = chrono::Utc::now();
        let ticket = crate::entities::ticket::Model {
            id: 7,
            number: 7,
            subject: "s".into(),
            requester_id: 1,
            organization_id: None,
            channel: crate::ticket_types::Channel::Web,
            status_id: 1,
            priority_id: 1,
            category_id: None,
            team_id: None,
            assignee_id: None,
            tags: "[]".into(),
            created_at: at,
            updated_at: at,
            first_response_at: None,
            solved_at: None,
            sla_policy_id: None,
            sla_due_at: None,
            required_skills: "[]".into(),
            due_on: None,
        };
        let audience =
            TicketFacts { ticket_id: ticket.id, requester_id: 1, organization_id: None, organization_shares: false };
        Happened::new(&ticket, audience, &Actor::System, at).with(TicketEvent::FollowersChanged)
    }

    #[tokio::test]
    async fn reactions_run_in_list_order_one_level_deeper() {
        let trace = Trace::default();
        assert!(run(&trace, ORDERED, &happened()).await.expect("run"));
        assert_eq!(*trace.0.lock().expect("trace"), [("first", 1), ("second", 1)]);
    }

    #[tokio::test]
    async fn a_chain_stops_at_the_depth_limit() {
        let trace = Trace::default();
        let ran = run(&trace, LOOP, &happened()).await.expect("a stopped chain is not an error");
        assert!(ran, "the first level ran");
        let depths: Vec<u8> = trace.0.lock().expect("trace").iter().map(|(_, d)| *d).collect();
        assert_eq!(depths, (1..=MAX_DEPTH + 1).collect::<Vec<_>>());
    }

    #[tokio::test]
    async fn a_failing_reaction_stops_the_rest_and_returns_its_error() {
        let trace = Trace::default();
        let result = run(&trace, FAILS, &happened()).await;
        assert_eq!(result, Err(DomainError::Conflict("refused".into())));
        assert!(trace.0.lock().expect("trace").is_empty(), "no reaction after the failing one ran");
    }
}
