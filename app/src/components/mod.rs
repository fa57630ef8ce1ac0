//! Reusable components: page chrome, form pieces and access gates.

pub mod form_feedback;
pub mod format;
pub mod multipart_form;
pub mod new_token_form;
pub mod password_input;
pub mod require_role;
pub mod shortcuts;
pub mod ticket_search;
pub mod ticket_table;
pub mod timeline;
pub mod token_table;
pub mod top_bar;
