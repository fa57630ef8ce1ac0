//! The SLA reaction, in the change's transaction: the change's marks join the ticket's timeline
//! (always, so that a policy added later measures the past too), and a change that can move a
//! clock or the matching policy (a new ticket, a public message, a status, priority, category,
//! team or tag change, a merge) recomputes the ticket's clocks and when its next rule falls due.

use super::{apply, setup::Setup, timeline};
use crate::{
    desk_config::Config,
    reactions::{Happened, TicketEvent, dispatch::ReactionFuture},
};
use sea_orm::DatabaseTransaction;

fn moves_clocks(happened: &Happened) -> bool {
    happened.events.iter().any(|e| {
        matches!(
            e,
            TicketEvent::Created { .. }
                | TicketEvent::FieldsChanged { .. }
                | TicketEvent::StatusChanged { .. }
                | TicketEvent::MessageAdded { .. }
                | TicketEvent::MergedInto { .. }
                | TicketEvent::MergedFrom { .. }
        )
    })
}

pub fn measure<'a>(txn: &'a DatabaseTransaction, happened: &'a Happened) -> ReactionFuture<'a> {
    Box::pin(async move {
        if !moves_clocks(happened) {
            return Ok(());
        }
        let ticket = &happened.ticket;
        let marks = timeline::marks_of(happened);
        timeline::append(txn, ticket.id, happened.at, &marks).await?;
        let setup = Setup::load(txn).await?;
        if setup.measures_nothing() && ticket.sla_policy_id.is_none() {
            return Ok(());
        }
        let config = Config::load(txn).await?;
        let created = happened.events.iter().any(|e| matches!(e, TicketEvent::Created { .. }));
        let line = if created && marks.is_empty() {
            timeline::fresh(&config, ticket)?
        } else {
            timeline::timelines(txn, &config, &[ticket])
                .await?
                .remove(&ticket.id)
                .unwrap_or_else(|| super::clocks::Timeline { opened_at: ticket.created_at, marks: Vec::new() })
        };
        apply::refresh(txn, &setup, &config, ticket, &line, created).await
    })
}
