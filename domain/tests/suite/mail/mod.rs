//! The email channel against a real database: the corpus through ingest, threading, loop
//! safety, spoofing, outgoing mail and its headers, and property tests of composition.

use crate::common;

mod access;
mod agent_mail;
mod concurrent_writes;
mod corpus;
mod csat_mail;
mod loops;
mod outbound;
mod outside;
mod properties;
mod support;
mod threading;
