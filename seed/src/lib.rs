//! Demo and benchmark data, written through the domain's public commands (and, for the large
//! benchmark desk, multi-row inserts): none of it is part of the helpdesk itself.
//!
//! - `demo`: the people, organizations and teams of `docket demo`, and their shared password.
//! - `demo_tickets`: two months of demo tickets on top of them.
//! - `demo_kb`: the demo knowledge base (categories, articles, readers' votes).
//! - `demo_routing`: routing rules, agents' capacities and skills, and a ticket routed by them.
//! - `demo_automations`: automation rules (one with a run in its log) and macros.
//! - `demo_csat`: customers' satisfaction answers on the solved demo tickets.
//! - `demo_fields`: custom fields, the Billing and Technical forms, and values on demo tickets.
//! - `bench`: the large deterministic desk of `docket bench seed`, and the generated inbound mail
//!   of `docket bench mail`; the load harness draws its requests from the same words.

pub mod bench;
pub mod demo;
pub mod demo_automations;
pub mod demo_csat;
pub mod demo_due_dates;
pub mod demo_fields;
pub mod demo_kb;
pub mod demo_kb_files;
pub mod demo_outside;
pub mod demo_routing;
pub mod demo_sla;
pub mod demo_tickets;
