//! The authorization matrix's rows for server functions: every one, with a realistic input and
//! the outcome of each role. Columns: anonymous, owner, colleague, stranger, agent, admin (see
//! `roles::Caller`). The calls that change the caller's own session come last, in
//! `closing_rows`.

use crate::{
    mail_admin_support,
    matrix::{Outcome, Row, form, function, with_files},
    roles::Caller,
    targets::Targets,
};
use seed::demo::DEMO_PASSWORD;
use serde_json::Value;

/// A holiday calendar as public-holiday sites publish them.
const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//matrix//EN\r\nBEGIN:VEVENT\r\nUID:m1\r\n\
DTSTART;VALUE=DATE:20310101\r\nSUMMARY:New Year\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

pub fn rows(t: &Targets) -> Vec<Row> {
    use Outcome::*;
    let n = t.n;
    let email = |who: &str| format!("matrix.{who}{n}@example.com");
    let mailbox = |changes: &[(&'static str, &str)]| -> Vec<(String, String)> {
        mail_admin_support::form(changes).into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    };
    let mut update_mailbox = mailbox(&[("name", "Renamed"), ("address", &t.mailbox_address), ("inbound", "http")]);
    update_mailbox.push(("mailbox_id".into(), t.mailbox.to_string()));
    vec![
        function("current_user", form![], [Allowed; 6]).checked(is_the_caller),
        // Tickets.
        function("load_ticket_options", form![], [SignIn, Allowed, Allowed, Allowed, Allowed, Allowed]),
        function("my_requests", form![], [SignIn, Allowed, Allowed, Allowed, Denied, Denied]),
        function("queue_tickets", form![("queue", "all_open")], [SignIn, Denied, Denied, Denied, Allowed, Allowed]),
        function("queue_counts", form![], [SignIn, Denied, Denied, Denied, Allowed, Allowed]),
        function("get_ticket", form![("id", t.ticket)], [SignIn, Allowed, Allowed, Hidden, Allowed, Allowed])
            .link(Allowed),
        // Customers open requests of their own (the requester field is for staff).
        function(
            "create_ticket",
            form![("subject", "Mine"), ("body", "Text"), ("requester_email", email("requester"))],
            [SignIn, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        with_files(
            "create_ticket_with_files",
            form![("subject", "With a file"), ("body", "See attached"), ("requester_email", email("filer"))],
            vec![("attachments", "a.txt", b"a".as_slice())],
            [SignIn, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        function(
            "add_message",
            form![("ticket_id", t.ticket), ("body", "A reply")],
            [SignIn, Allowed, Allowed, Hidden, Allowed, Allowed],
        )
        .case("a reply")
        .link(Allowed),
        function(
            "add_message",
            form![("ticket_id", t.ticket), ("visibility", "internal"), ("body", "A note")],
            [SignIn, Denied, Denied, Hidden, Allowed, Allowed],
        )
        .case("an internal note")
        .link(Denied),
        with_files(
            "add_message_with_files",
            form![("ticket_id", t.ticket), ("body", "More")],
            vec![("attachments", "b.txt", b"b".as_slice())],
            [SignIn, Allowed, Allowed, Hidden, Allowed, Allowed],
        )
        .case("a reply with a file")
        .link(Allowed),
        with_files(
            "add_message_with_files",
            form![("ticket_id", t.ticket), ("visibility", "internal"), ("body", "Trace")],
            vec![("attachments", "c.txt", b"c".as_slice())],
            [SignIn, Denied, Denied, Hidden, Allowed, Allowed],
        )
        .case("an internal note with a file")
        .link(Denied),
        function(
            "update_ticket",
            form![("ticket_id", t.ticket), ("priority_id", t.priority)],
            [SignIn, Denied, Denied, Hidden, Allowed, Allowed],
        )
        .link(Denied),
        function("assign_to_me", form![("ticket_id", t.ticket)], [SignIn, Denied, Denied, Hidden, Allowed, Allowed])
            .link(Denied),
        function(
            "solve_ticket",
            form![("ticket_id", t.to_solve)],
            [SignIn, Allowed, Allowed, Hidden, Allowed, Allowed],
        )
        .link(Hidden),
        function(
            "reopen_ticket",
            form![("ticket_id", t.to_reopen)],
            [SignIn, Allowed, Allowed, Hidden, Allowed, Allowed],
        )
        .link(Hidden),
        // Presence is for agents, even on a customer's own request.
        function(
            "ticket_presence",
            form![("ticket_id", t.ticket), ("state", "viewing")],
            [SignIn, Denied, Denied, Hidden, Allowed, Allowed],
        )
        .link(Denied),
        // Finding tickets.
        function("search_tickets", form![("q", "printer")], [SignIn, Allowed, Allowed, Allowed, Allowed, Allowed]),
        function("list_saved_views", form![], [SignIn, Denied, Denied, Denied, Allowed, Allowed]),
        function(
            "save_view",
            form![("name", format!("Saved {n}")), ("q", "status:open")],
            [SignIn, Denied, Denied, Denied, Allowed, Allowed],
        ),
        // A private view does not exist for anyone else, admins included.
        function("delete_view", form![("id", t.agents_view)], [SignIn, Denied, Denied, Denied, Allowed, Hidden])
            .manager(Hidden)
            .case("the agent's own private view"),
        function("delete_view", form![("id", t.others_shared_view)], [SignIn, Denied, Denied, Denied, Denied, Allowed])
            .case("another agent's shared view"),
        function(
            "bulk_update_tickets",
            form![("ticket_ids[0]", t.ticket), ("priority_id", t.priority)],
            [SignIn, Denied, Denied, Denied, Allowed, Allowed],
        ),
        function(
            "load_board",
            form![("q", "printer"), ("group", "status")],
            [SignIn, Denied, Denied, Denied, Allowed, Allowed],
        ),
        // Links, merges and followers: customers read a ticket's relations, only agents change them.
        function(
            "load_ticket_relations",
            form![("ticket_id", t.ticket)],
            [SignIn, Allowed, Allowed, Hidden, Allowed, Allowed],
        )
        .link(Allowed),
        function(
            "add_ticket_link",
            form![("ticket_id", t.ticket), ("relation", "duplicate_of"), ("reference", t.other_reference)],
            [SignIn, Denied, Denied, Hidden, Allowed, Allowed],
        )
        .link(Denied),
        function(
            "remove_ticket_link",
            form![("ticket_id", t.ticket), ("link_id", t.link)],
            [SignIn, Denied, Denied, Hidden, Allowed, Allowed],
        )
        .link(Denied),
        function(
            "merge_ticket",
            form![("ticket_id", t.merge_source), ("target", t.merge_target), ("confirm", "on")],
            [SignIn, Denied, Denied, Hidden, Allowed, Allowed],
        )
        .link(Hidden),
        // Held mail is an internal note: nobody but staff learns it exists.
        function(
            "make_outside_mail_public",
            form![("ticket_id", t.ticket), ("message_id", t.held_to_publish)],
            [SignIn, Hidden, Hidden, Hidden, Allowed, Allowed],
        )
        .link(Hidden),
        function(
            "split_outside_mail",
            form![("ticket_id", t.ticket), ("message_id", t.held_to_split)],
            [SignIn, Hidden, Hidden, Hidden, Allowed, Allowed],
        )
        .link(Hidden),
        function("follow_ticket", form![("ticket_id", t.ticket)], [SignIn, Denied, Denied, Hidden, Allowed, Allowed])
            .link(Denied),
        function("unfollow_ticket", form![("ticket_id", t.ticket)], [SignIn, Denied, Denied, Hidden, Allowed, Allowed])
            .link(Denied),
        // Notifications: every page asks for the badge, so nobody is refused it.
        function("notification_badge", form![], [Allowed; 6]).checked(badge_for_staff_only),
        function("list_notifications", form![], [SignIn, Denied, Denied, Denied, Allowed, Allowed]),
        function(
            "mark_notification_read",
            form![("notification_id", t.own_notification)],
            [SignIn, Denied, Denied, Denied, Allowed, Allowed],
        )
        .case("one's own"),
        function(
            "mark_notification_read",
            form![("notification_id", t.others_notification)],
            [SignIn, Denied, Denied, Denied, Hidden, Hidden],
        )
        .case("another agent's"),
        function("mark_all_notifications_read", form![], [SignIn, Denied, Denied, Denied, Allowed, Allowed]),
        function("notification_preferences", form![], [SignIn, Denied, Denied, Denied, Allowed, Allowed]),
        function(
            "save_notification_preferences",
            form![
                ("assigned", "both"),
                ("customer_replied", "email"),
                ("mentioned", "in_app"),
                ("team_ticket", "off"),
                ("sla_warning", "both"),
                ("sla_breach", "both"),
                ("automation", "in_app")
            ],
            [SignIn, Denied, Denied, Denied, Allowed, Allowed],
        ),
        // Teams and users.
        function("list_teams", form![], [SignIn, Denied, Denied, Denied, Allowed, Allowed]),
        function("teams_to_run", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]).manager(Allowed),
        function("my_teams", form![], [SignIn, Denied, Denied, Denied, Allowed, Allowed]),
        function("list_users", form![], [SignIn, Denied, Denied, Denied, Allowed, Allowed]),
        function(
            "create_team",
            form![("name", format!("Matrix team {n}"))],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "update_team",
            form![("team_id", t.team), ("name", format!("Renamed team {n}")), ("description", "Renamed")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "add_team_member",
            form![("team_id", t.team), ("user_id", t.other_agent)],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "remove_team_member",
            form![("team_id", t.team), ("user_id", t.other_agent)],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        // The manager runs Support: its description and members, not its scope.
        function(
            "update_team",
            form![("team_id", t.managed_team), ("name", "Support"), ("description", format!("First line ({n})"))],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        )
        .manager(Allowed)
        .case("the manager's team"),
        function(
            "add_team_member",
            form![("team_id", t.managed_team), ("user_id", t.other_agent)],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        )
        .manager(Allowed)
        .case("the manager's team"),
        function(
            "remove_team_member",
            form![("team_id", t.managed_team), ("user_id", t.other_agent)],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        )
        .manager(Allowed)
        .case("the manager's team"),
        function(
            "set_team_ticket_scope",
            form![("team_id", t.managed_team), ("ticket_scope", "all")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        )
        .case("the manager's team"),
        function(
            "set_team_ticket_scope",
            form![("team_id", t.team), ("ticket_scope", "team")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "invite_user",
            form![("name", "Matrix agent"), ("email", email("agent")), ("role", "agent")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function("resend_invitation", form![("user_id", t.invited)], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function(
            "withdraw_invitation",
            form![("user_id", t.invited)],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "send_password_reset",
            form![("user_id", t.listed_user)],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "set_user_active",
            form![("user_id", t.customer), ("active", "false")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        // Organizations.
        function("list_organizations", form![], [SignIn, Denied, Denied, Denied, Allowed, Allowed]),
        function(
            "get_organization",
            form![("organization_id", t.organization)],
            [SignIn, Denied, Denied, Denied, Allowed, Allowed],
        ),
        function(
            "create_organization",
            form![("name", format!("Matrix created organization {n}")), ("domains", format!("matrix{n}.example"))],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "update_organization",
            form![
                ("organization_id", t.organization),
                ("name", format!("Renamed organization {n}")),
                ("shares_tickets", "on")
            ],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "add_organization_member",
            form![("organization_id", t.organization), ("email", t.loner_email.clone())],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "remove_organization_member",
            form![("organization_id", t.organization), ("user_id", t.customer)],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        // Service levels.
        function("load_sla_settings", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function(
            "create_sla_policy",
            form![
                ("name", format!("Matrix created policy {n}")),
                ("conditions", "tag:matrix-nothing"),
                ("resolution", "8h"),
                ("resolution_calendar", t.calendar)
            ],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "update_sla_policy",
            form![
                ("policy_id", t.sla_policy),
                ("name", format!("Matrix renamed policy {n}")),
                ("conditions", "tag:matrix-nothing"),
                ("active", "on"),
                ("first_response", "1h"),
                ("first_response_calendar", t.calendar)
            ],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "move_sla_policy",
            form![("policy_id", t.sla_policy), ("direction", "up")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "add_sla_rule",
            form![("policy_id", t.sla_policy), ("percent", "150"), ("notify_team", "on")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function("remove_sla_rule", form![("rule_id", t.sla_rule)], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function(
            "delete_sla_policy",
            form![("policy_id", t.sla_policy)],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function("load_calendars", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function(
            "create_calendar",
            form![
                ("name", format!("Matrix created calendar {n}")),
                ("time_zone", "Asia/Tokyo"),
                ("monday", "09:00-17:00")
            ],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "update_calendar",
            form![
                ("calendar_id", t.calendar),
                ("name", format!("Matrix renamed calendar {n}")),
                ("time_zone", "UTC"),
                ("tuesday", "08:00-12:00, 13:00-16:00")
            ],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "add_holiday",
            form![("calendar_id", t.calendar), ("holiday_name", "Matrix day"), ("day", "2031-05-05"), ("yearly", "on")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function("remove_holiday", form![("holiday_id", t.holiday)], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        with_files(
            "import_holidays",
            form![("calendar_id", t.calendar)],
            vec![("file", "holidays.ics", ICS.as_bytes())],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "delete_calendar",
            form![("calendar_id", t.spare_calendar)],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "set_team_tier",
            form![("team_id", t.team), ("tier", "3")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function("at_risk_tickets", form![], [SignIn, Denied, Denied, Denied, Allowed, Allowed]),
        function("sla_attainment", form![("days", "30")], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function("escalate_ticket", form![("ticket_id", t.ticket)], [SignIn, Denied, Denied, Hidden, Allowed, Allowed])
            .link(Denied),
        // The desk's configuration.
        function("load_desk_config", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function(
            "create_status",
            form![("name", format!("Matrix status {n}")), ("category", "open"), ("position", "7")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "update_status",
            form![
                ("status_id", t.status),
                ("name", format!("Renamed status {n}")),
                ("position", "8"),
                ("active", "on")
            ],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function("delete_status", form![("status_id", t.status)], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function(
            "create_priority",
            form![("name", format!("Matrix priority {n}")), ("rank", "9")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "update_priority",
            form![
                ("priority_id", t.priority),
                ("name", format!("Renamed priority {n}")),
                ("rank", "61"),
                ("active", "on")
            ],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "create_category",
            form![("name", format!("Matrix category {n}"))],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "update_category",
            form![("category_id", t.category), ("name", format!("Renamed category {n}")), ("active", "on")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "set_ticket_prefix",
            form![("ticket_prefix", "DKT")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "set_auto_close_days",
            form![("auto_close_days", "7")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        // The email channel.
        function("list_mailboxes", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function("get_mailbox", form![("mailbox_id", t.mailbox)], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function(
            "create_mailbox",
            mailbox(&[("address", &format!("new{n}@docket.test"))]),
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function("update_mailbox", update_mailbox, [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function(
            "new_http_secret",
            form![("mailbox_id", t.mailbox)],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function("list_mail_templates", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function(
            "save_mail_template",
            form![("event", "solved"), ("subject", "Solved: {{ticket.reference}}"), ("body", "Hello, it is solved.")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function("reset_mail_template", form![("event", "solved")], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function("list_mail_log", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function("list_audit_log", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function(
            "reprocess_mail",
            form![("entry_id", t.rejected_mail)],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        // Access by mailed links: asking for one answers alike for every address.
        function("request_sign_in_link", form![("email", format!("matrix.link{n}@nowhere.test"))], [Allowed; 6]),
        function("request_password_reset", form![("email", format!("matrix.reset{n}@nowhere.test"))], [Allowed; 6]),
        function(
            "inspect_link",
            form![("purpose", "SignIn"), ("token", "0123456789abcdef0123456789abcdef0123456789abcdef")],
            [Allowed; 6],
        )
        .checked(|_, body| body.is_null()),
        function("claim_account_from_link", form![], [SignIn, Denied, Denied, Denied, Denied, Denied]).link(Allowed),
        function("resend_verification", form![], [SignIn, Allowed, Allowed, Allowed, Allowed, Allowed]),
        function(
            "revoke_ticket_links",
            form![("user_id", t.customer)],
            [SignIn, Denied, Denied, Denied, Allowed, Allowed],
        ),
        function("ticket_link_days", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function(
            "set_ticket_link_days",
            form![("ticket_link_days", "30")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        // One's own API tokens: everyone signed in has them; only admins may hold an admin token,
        // which the form refuses as a field error.
        function("list_api_tokens", form![], [SignIn, Allowed, Allowed, Allowed, Allowed, Allowed]),
        function(
            "create_api_token",
            form![("name", "Matrix script"), ("scope", "read"), ("expires_in_days", "30")],
            [SignIn, Allowed, Allowed, Allowed, Allowed, Allowed],
        )
        .case("read scope"),
        function(
            "create_api_token",
            form![("name", "Matrix admin script"), ("scope", "admin")],
            [SignIn, Invalid, Invalid, Invalid, Invalid, Allowed],
        )
        .case("admin scope"),
        function(
            "revoke_api_token",
            form![("token_id", t.own_token)],
            [SignIn, Allowed, Allowed, Allowed, Allowed, Allowed],
        )
        .case("one's own"),
        function(
            "revoke_api_token",
            form![("token_id", t.others_token)],
            [SignIn, Hidden, Hidden, Hidden, Hidden, Hidden],
        )
        .case("another user's"),
    ]
    .into_iter()
    .chain(crate::matrix_kb::function_rows(t))
    .chain(crate::matrix_desk_rules::function_rows(t))
    .collect()
}

/// The calls that change the caller's session, in an order that keeps each one meaningful: sign
/// up while still signed in, sign in again as oneself, change the password, sign out.
pub fn closing_rows(t: &Targets) -> Vec<Row> {
    use Outcome::*;
    let n = t.n;
    vec![
        function(
            "sign_up",
            form![
                ("name", "Matrix"),
                ("email", format!("matrix.signup{n}@example.com")),
                ("password", "sign up password")
            ],
            [Allowed, Denied, Denied, Denied, Denied, Denied],
        )
        .link(SignIn),
        function(
            "sign_in",
            form![("email", t.sign_in_as), ("password", DEMO_PASSWORD)],
            [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed],
        ),
        // Single-use links of `sign_in_as`, whoever follows them (the link is the proof).
        function("sign_in_with_link", form![("token", t.sign_in_link)], [Allowed; 6]),
        function("sign_in_with_link", form![("token", t.sign_in_link)], [Spent; 6]).case("the same link again"),
        function("set_password_with_link", form![("token", t.reset_link), ("password", DEMO_PASSWORD)], [Allowed; 6]),
        function("verify_email", form![("token", t.verify_link)], [Allowed; 6]),
        function(
            "change_password",
            form![("current_password", DEMO_PASSWORD), ("new_password", "a new matrix password")],
            [SignIn, Allowed, Allowed, Allowed, Allowed, Allowed],
        )
        .link(Allowed),
        function("sign_out", form![], [Allowed; 6]),
    ]
}

/// `current_user` names the caller: nobody for visitors, else the caller's own account.
fn is_the_caller(caller: Caller, body: &Value) -> bool {
    if caller == Caller::LinkHolder {
        return body["email"] == "customer@example.com" && body["link_ticket_id"].is_i64();
    }
    match caller.email() {
        None => body.is_null(),
        Some(email) => body["email"] == email,
    }
}

/// The bell counts for staff; everyone else gets no count.
fn badge_for_staff_only(caller: Caller, body: &Value) -> bool {
    if caller.is_staff() { body.is_u64() } else { body.is_null() }
}
