//! The admin area: overview, users, organizations, teams, the desk configuration (statuses, priorities,
//! categories, ticket numbers) and the email channel (mailboxes, mail templates, the mail log).

pub mod audit;
pub mod automations;
pub mod business_hours;
pub mod categories;
pub mod fields;
pub mod mail_log;
pub mod mail_templates;
pub mod mailbox;
pub mod mailboxes;
pub mod numbering;
pub mod organization;
pub mod organizations;
pub mod overview;
pub mod priorities;
pub mod routing;
pub mod routing_people;
pub mod satisfaction;
pub mod sla;
pub mod statuses;
pub mod teams;
pub mod users;
