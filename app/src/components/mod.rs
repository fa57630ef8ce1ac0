//! Reusable components: page chrome, form pieces and access gates.

pub mod attachments_field;
pub mod board_columns;
pub mod bulk_report;
pub mod child_override;
pub mod deliveries;
pub mod error_summary;
pub mod form_feedback;
pub mod format;
pub mod merge_form;
pub mod merged_banner;
pub mod multipart_form;
pub mod new_token_form;
pub mod notification_bell;
pub mod password_input;
pub mod presence_line;
pub mod relation_actions;
pub mod reply_form;
pub mod require_role;
pub mod shortcuts;
pub mod ticket_followers;
pub mod ticket_links;
pub mod ticket_search;
pub mod ticket_table;
pub mod timeline;
pub mod token_table;
pub mod top_bar;
