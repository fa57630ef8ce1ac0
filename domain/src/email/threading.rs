//! Where an inbound mail belongs, decided from facts the ingest step looked up: the signed
//! reply token first, then the thread's Message-IDs, then the ticket number in the subject (only
//! for a sender already on that ticket). A pure function, so every rule is tested without a DB.

use super::token::TokenCheck;

/// Who the sender's address belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender {
    Unknown,
    Customer { user_id: i64 },
    Staff { user_id: i64 },
    Inactive,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub sender: Sender,
    pub token: TokenCheck,
    /// The ticket that sent or received one of the mail's In-Reply-To / References ids.
    pub by_headers: Option<i64>,
    /// The ticket named by `[PREFIX-n]` in the subject, if the sender is its requester or follower.
    pub by_subject_as_participant: Option<i64>,
    pub reject_unknown: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Post on this ticket as this user (the token or a thread header proved where it belongs).
    Reply {
        ticket_id: i64,
        how: &'static str,
    },
    /// Open a new ticket for the sender.
    NewTicket,
    Quarantine(&'static str),
    Reject(&'static str),
}

pub fn decide(facts: &Facts) -> Decision {
    if facts.sender == Sender::Inactive {
        return Decision::Quarantine("the sender's account is deactivated");
    }
    let token = match facts.token {
        TokenCheck::Valid(token) => Some(token),
        TokenCheck::Absent => None,
        TokenCheck::Forged if matches!(facts.sender, Sender::Staff { .. }) => {
            return Decision::Quarantine("mail from an agent's address with a reply token that is not validly signed");
        }
        TokenCheck::Forged => None,
    };
    if let Sender::Staff { user_id } = facts.sender {
        return match token {
            Some(t) if t.user_id == user_id => Decision::Reply { ticket_id: t.ticket_id, how: "signed reply token" },
            _ => Decision::Quarantine(
                "mail from an agent's address without that agent's signed reply token is never posted as the agent",
            ),
        };
    }
    if let (Some(t), Sender::Customer { user_id }) = (token, facts.sender)
        && t.user_id == user_id
    {
        return Decision::Reply { ticket_id: t.ticket_id, how: "signed reply token" };
    }
    // A token sent to someone else still names the ticket, as a thread header would.
    let threaded = facts.by_headers.or(token.map(|t| t.ticket_id));
    if facts.sender == Sender::Unknown && facts.reject_unknown {
        return Decision::Reject("the mailbox takes mail only from known customers");
    }
    if let Some(ticket_id) = threaded {
        return Decision::Reply { ticket_id, how: "Message-ID thread" };
    }
    if let Some(ticket_id) = facts.by_subject_as_participant {
        return Decision::Reply { ticket_id, how: "ticket number in the subject" };
    }
    Decision::NewTicket
}

#[cfg(test)]
mod tests {
    use super::{Decision, Facts, Sender, decide};
    use crate::email::token::{ReplyToken, TokenCheck};

    fn facts(sender: Sender) -> Facts {
        Facts {
            sender,
            token: TokenCheck::Absent,
            by_headers: None,
            by_subject_as_participant: None,
            reject_unknown: false,
        }
    }

    #[test]
    fn token_first_then_headers_then_subject() {
        let customer = Sender::Customer { user_id: 5 };
        let token = TokenCheck::Valid(ReplyToken { ticket_id: 1, user_id: 5 });
        let all = Facts { token, by_headers: Some(2), by_subject_as_participant: Some(3), ..facts(customer) };
        assert!(matches!(decide(&all), Decision::Reply { ticket_id: 1, .. }));
        let headers = Facts { token: TokenCheck::Absent, ..all.clone() };
        assert!(matches!(decide(&headers), Decision::Reply { ticket_id: 2, .. }));
        let subject = Facts { by_headers: None, ..headers.clone() };
        assert!(matches!(decide(&subject), Decision::Reply { ticket_id: 3, .. }));
        assert!(matches!(decide(&facts(customer)), Decision::NewTicket));
    }

    #[test]
    fn agents_need_their_own_valid_token() {
        let agent = Sender::Staff { user_id: 9 };
        let own = Facts { token: TokenCheck::Valid(ReplyToken { ticket_id: 4, user_id: 9 }), ..facts(agent) };
        assert!(matches!(decide(&own), Decision::Reply { ticket_id: 4, .. }));
        let someone_elses = Facts { token: TokenCheck::Valid(ReplyToken { ticket_id: 4, user_id: 5 }), ..facts(agent) };
        assert!(matches!(decide(&someone_elses), Decision::Quarantine(_)));
        let forged = Facts { token: TokenCheck::Forged, by_headers: Some(4), ..facts(agent) };
        assert!(matches!(decide(&forged), Decision::Quarantine(_)));
        let threaded_only = Facts { by_headers: Some(4), by_subject_as_participant: Some(4), ..facts(agent) };
        assert!(matches!(decide(&threaded_only), Decision::Quarantine(_)));
    }

    #[test]
    fn unknown_and_inactive_senders() {
        let strict = Facts { reject_unknown: true, ..facts(Sender::Unknown) };
        assert!(matches!(decide(&strict), Decision::Reject(_)));
        assert!(matches!(decide(&facts(Sender::Unknown)), Decision::NewTicket));
        assert!(matches!(decide(&facts(Sender::Inactive)), Decision::Quarantine(_)));
        let forged_customer = Facts { token: TokenCheck::Forged, ..facts(Sender::Customer { user_id: 1 }) };
        assert!(matches!(decide(&forged_customer), Decision::NewTicket));
    }
}
