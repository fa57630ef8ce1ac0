//! A seeded desk per test, and short ways to act on it.

use domain::{
    Actor, DomainError,
    entities::{audit_log, ticket_event},
    link_types::{Relation, TicketRelations},
    ticket_types::{StatusCategory, TicketView},
    tickets::{
        commands::{self, NewTicket, TicketChanges},
        links, queries, relations,
    },
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// The workflow tests' desk: the shared demo desk (its `db` and `actor`) and the helpers below.
pub struct Desk(crate::common::Desk);

impl std::ops::Deref for Desk {
    type Target = crate::common::Desk;

    fn deref(&self) -> &crate::common::Desk {
        &self.0
    }
}

pub async fn desk() -> Desk {
    Desk(crate::common::desk().await)
}

impl Desk {
    /// The database's URL, for a second connection (another process, in effect).
    pub fn url(&self) -> &str {
        &self.0._test.url
    }

    /// Runs the durable reactions due now (agents' notifications, customer mail), as the job
    /// runner would right after a change commits.
    pub async fn settle(&self) {
        domain::jobs::registry::run_due_now(&self.db).await.expect("run reactions");
    }

    pub async fn admin(&self) -> Actor {
        self.actor("admin@example.com").await
    }

    /// A ticket opened by `who`; returns its id and reference.
    pub async fn open(&self, who: &Actor, subject: &str) -> (i64, String) {
        let input = NewTicket { subject: subject.into(), body: format!("About: {subject}"), ..Default::default() };
        let changed = commands::create(&self.db, who, input).await.expect("create");
        (changed.id, changed.reference)
    }

    pub async fn view(&self, who: &Actor, id: i64) -> TicketView {
        queries::get(&self.db, who, id).await.expect("get")
    }

    pub async fn relations(&self, who: &Actor, id: i64) -> TicketRelations {
        relations::get(&self.db, who, id).await.expect("relations")
    }

    pub async fn link(&self, who: &Actor, id: i64, relation: Relation, reference: &str) -> Result<(), DomainError> {
        links::add(&self.db, who, id, relation, reference).await.map(|_| ())
    }

    pub async fn status_id(&self, category: StatusCategory) -> i64 {
        let agent = self.actor("agent@example.com").await;
        let options = queries::options(&self.db, &agent).await.expect("options");
        options.statuses.iter().find(|s| s.category == category).expect("status").id
    }

    pub async fn set_status(
        &self,
        who: &Actor,
        id: i64,
        category: StatusCategory,
        override_children: bool,
    ) -> Result<(), DomainError> {
        let changes =
            TicketChanges { status_id: Some(self.status_id(category).await), override_children, ..Default::default() };
        commands::update(&self.db, who, id, changes).await.map(|_| ())
    }

    /// The history of a ticket as (field, old, new), oldest first.
    pub async fn history(&self, id: i64) -> Vec<(String, Option<String>, Option<String>)> {
        ticket_event::Entity::find()
            .filter(ticket_event::Column::TicketId.eq(id))
            .order_by_asc(ticket_event::Column::Id)
            .all(&self.db)
            .await
            .expect("events")
            .into_iter()
            .map(|e| (e.field, e.old_value, e.new_value))
            .collect()
    }

    pub async fn audit_actions(&self) -> Vec<String> {
        audit_log::Entity::find()
            .order_by_asc(audit_log::Column::Id)
            .all(&self.db)
            .await
            .expect("audit")
            .into_iter()
            .map(|a| a.action)
            .collect()
    }
}

/// The field of a validation error, or a description of whatever else it was.
pub fn field_of(result: Result<impl std::fmt::Debug, DomainError>) -> String {
    match result {
        Err(DomainError::Validation(fields)) => fields[0].field.clone(),
        other => format!("not a validation error: {other:?}"),
    }
}
