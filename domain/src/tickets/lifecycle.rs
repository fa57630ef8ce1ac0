//! The ticket lifecycle as pure rules: which status changes are allowed to whom, and what a
//! reply does to the status. No I/O; the commands apply the answers.

use crate::{error::DomainError, ticket_types::StatusCategory};

/// Whether an agent or a customer is acting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Customer,
    Staff,
}

/// Checks a status change by category. Closed is final: follow-ups are new tickets.
/// Customers may only solve their active request, or reopen a solved one.
pub fn check_status_change(side: Side, from: StatusCategory, to: StatusCategory) -> Result<(), DomainError> {
    use StatusCategory::*;
    if from == Closed && to != Closed {
        return Err(DomainError::InvalidTransition(
            "Closed requests cannot be reopened; open a new one instead".into(),
        ));
    }
    match side {
        Side::Staff => Ok(()),
        Side::Customer => match (from, to) {
            (f, Solved) if f.is_active() => Ok(()),
            (Solved, Open) => Ok(()),
            (f, t) if f == t => Ok(()),
            _ => Err(DomainError::Forbidden),
        },
    }
}

/// The status category a public reply moves the ticket to, if any. A customer's reply reopens a
/// pending or solved request; an agent's first answer opens a new one. Internal notes move nothing.
pub fn after_public_reply(side: Side, current: StatusCategory) -> Result<Option<StatusCategory>, DomainError> {
    use StatusCategory::*;
    match (side, current) {
        (_, Closed) => Err(DomainError::InvalidTransition("This request is closed; open a new one to continue".into())),
        (Side::Customer, Pending | Solved) => Ok(Some(Open)),
        (Side::Staff, New) => Ok(Some(Open)),
        _ => Ok(None),
    }
}

/// Checks the parent/child rule: a parent may not be solved or closed while any of its child
/// tickets is still active, unless an admin overrides it (`admin_override`, authorized by the
/// caller). `open_children` are the references of the active children. Customers are not told
/// which tickets, since links are the agents' own.
pub fn check_open_children(
    side: Side,
    to: StatusCategory,
    open_children: &[String],
    admin_override: bool,
) -> Result<(), DomainError> {
    if to.is_active() || open_children.is_empty() || admin_override {
        return Ok(());
    }
    let message = match side {
        Side::Staff => format!(
            "Child tickets are still open: {}. Solve them first, or ask an admin to override.",
            open_children.join(", ")
        ),
        Side::Customer => "This request is waiting on related work and cannot be solved yet.".to_owned(),
    };
    Err(DomainError::field("status_id", &message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use StatusCategory::*;

    #[test]
    fn status_changes() {
        // (side, from, to, allowed)
        let table = [
            (Side::Staff, New, Pending, true),
            (Side::Staff, Solved, Open, true),
            (Side::Staff, Open, Closed, true),
            (Side::Staff, Closed, Open, false),
            (Side::Customer, Open, Solved, true),
            (Side::Customer, New, Solved, true),
            (Side::Customer, Pending, Solved, true),
            (Side::Customer, Solved, Open, true),
            (Side::Customer, Open, Pending, false),
            (Side::Customer, Solved, Closed, false),
            (Side::Customer, Closed, Open, false),
            (Side::Customer, Open, Open, true),
        ];
        for (side, from, to, allowed) in table {
            assert_eq!(check_status_change(side, from, to).is_ok(), allowed, "{side:?} {from:?} -> {to:?}");
        }
    }

    #[test]
    fn parents_wait_for_their_children() {
        let open = ["DKT-2".to_owned(), "DKT-3".to_owned()];
        let none: [String; 0] = [];
        // (side, to, open children, admin override, allowed)
        let table: [(Side, StatusCategory, &[String], bool, bool); 12] = [
            (Side::Staff, Solved, &open, false, false),
            (Side::Staff, Closed, &open, false, false),
            (Side::Staff, Solved, &open, true, true),
            (Side::Staff, Closed, &open, true, true),
            (Side::Staff, Solved, &none, false, true),
            (Side::Staff, Closed, &none, false, true),
            (Side::Staff, Open, &open, false, true),
            (Side::Staff, Pending, &open, false, true),
            (Side::Staff, New, &open, false, true),
            (Side::Customer, Solved, &open, false, false),
            (Side::Customer, Solved, &none, false, true),
            (Side::Customer, Open, &open, false, true),
        ];
        for (side, to, children, admin_override, allowed) in table {
            let result = check_open_children(side, to, children, admin_override);
            assert_eq!(result.is_ok(), allowed, "{side:?} -> {to:?} with {children:?}, override {admin_override}");
            if let Err(err) = result {
                assert_eq!(err.fields()[0].field, "status_id");
                let names_children = err.fields()[0].message.contains("DKT-2, DKT-3");
                assert_eq!(names_children, side == Side::Staff, "only agents are told which tickets");
            }
        }
    }

    #[test]
    fn replies_move_the_status() {
        assert_eq!(after_public_reply(Side::Customer, Solved), Ok(Some(Open)));
        assert_eq!(after_public_reply(Side::Customer, Pending), Ok(Some(Open)));
        assert_eq!(after_public_reply(Side::Customer, Open), Ok(None));
        assert_eq!(after_public_reply(Side::Staff, New), Ok(Some(Open)));
        assert_eq!(after_public_reply(Side::Staff, Pending), Ok(None));
        assert!(after_public_reply(Side::Customer, Closed).is_err());
        assert!(after_public_reply(Side::Staff, Closed).is_err());
    }
}
