//! The authorization matrix's rows for the desk's rules and helpers: routing (rules, team
//! strategies, agents' capacity and skills, one's own status), the suggested category and
//! priority, macros and automations. Admins keep all of them; agents set their own status and
//! keep their own macros. Columns: anonymous, owner, colleague, stranger, agent, admin.

use crate::{
    matrix::{Outcome, Row, form, function, with_files},
    targets::Targets,
};

pub fn function_rows(t: &Targets) -> Vec<Row> {
    use Outcome::*;
    let n = t.n;
    vec![
        // Routing.
        function("load_routing_settings", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function(
            "create_routing_rule",
            form![
                ("name", format!("Matrix created rule {n}")),
                ("conditions", "tag:matrix-nothing"),
                ("tags", "matrix"),
                ("active", "on")
            ],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "update_routing_rule",
            form![
                ("rule_id", t.routing_rule),
                ("name", format!("Matrix renamed rule {n}")),
                ("conditions", "tag:matrix-nothing"),
                ("priority_id", t.priority),
                ("on_change", "on")
            ],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "move_routing_rule",
            form![("rule_id", t.routing_rule), ("direction", "up")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "delete_routing_rule",
            form![("rule_id", t.routing_rule)],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "set_team_assignment",
            form![("team_id", t.team), ("strategy", "round_robin")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "set_agent_routing",
            form![("user_id", t.other_agent), ("capacity", "12"), ("skills", "matrix")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "set_category_skills",
            form![("category_id", t.category), ("skills", "matrix")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "set_my_availability",
            form![("availability", "available")],
            [SignIn, Denied, Denied, Denied, Allowed, Allowed],
        ),
        // The suggested category and priority.
        function("load_classifier", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function("train_classifier", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function(
            "set_classifier_threshold",
            form![("apply_above", "")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        // Macros.
        function("load_macros", form![], [SignIn, Denied, Denied, Denied, Allowed, Allowed]),
        function(
            "macros_for_ticket",
            form![("ticket_id", t.ticket)],
            [SignIn, Denied, Denied, Denied, Allowed, Allowed],
        ),
        function(
            "create_macro",
            form![
                ("name", format!("Matrix created macro {n}")),
                ("body", "Hello {{customer.first_name}}"),
                ("tags", "matrix")
            ],
            [SignIn, Denied, Denied, Denied, Allowed, Allowed],
        ),
        function(
            "update_macro",
            form![
                ("macro_id", t.shared_macro),
                ("name", format!("Matrix renamed macro {n}")),
                ("body", "Hi"),
                ("shared", "on")
            ],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "delete_macro",
            form![("macro_id", t.shared_macro)],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        // Custom fields: admins define them and the category forms; whoever edits a ticket
        // changes its values; whoever opens tickets reads the forms.
        function("load_custom_fields", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function(
            "create_custom_field",
            form![("name", format!("Matrix created field {n}")), ("kind", "number"), ("min", "1")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "update_custom_field",
            form![("field_id", t.custom_field), ("name", format!("Matrix renamed field {n}")), ("active", "on")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        with_files(
            "set_category_form",
            form![("category_id", t.category), (format!("on_{}", t.custom_field), "on")],
            Vec::new(),
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "load_ticket_fields",
            form![("ticket_id", t.ticket)],
            [SignIn, Allowed, Allowed, Hidden, Allowed, Allowed],
        )
        .link(Allowed),
        with_files(
            "set_ticket_fields",
            form![("ticket_id", t.ticket), (format!("field_{}", t.custom_field), "Matrix value")],
            Vec::new(),
            [SignIn, Denied, Denied, Denied, Allowed, Allowed],
        ),
        function("load_category_forms", form![], [SignIn, Allowed, Allowed, Allowed, Allowed, Allowed]),
        // Time tracking: staff log time on tickets they may edit; entries are their owner's
        // (and any admin's) to change.
        function(
            "log_time",
            form![("ticket_id", t.ticket), ("duration", "25m"), ("note", "Matrix")],
            [SignIn, Denied, Denied, Denied, Allowed, Allowed],
        ),
        function(
            "update_time_entry",
            form![("entry_id", t.others_time_entry), ("duration", "30m")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "delete_time_entry",
            form![("entry_id", t.others_time_entry)],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function("set_time_required", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        // Satisfaction surveys: the requester answers their own (nobody else finds one); the
        // mail's rating link answers for whoever holds it; admins set the survey.
        function(
            "rate_ticket",
            form![("ticket_id", t.answered), ("rating", "4"), ("comment", "Matrix")],
            [SignIn, Allowed, Hidden, Hidden, Hidden, Hidden],
        )
        .link(Hidden),
        function("open_rating_link", form![("secret", t.rating_link.clone()), ("rating", "5")], [Allowed; 6]),
        function("open_rating_link", form![("secret", "not-a-rating-link")], [Hidden; 6]).case("a forged link"),
        function(
            "rate_with_link",
            form![("secret", t.rating_link.clone()), ("rating", "2"), ("comment", "Matrix")],
            [Allowed; 6],
        ),
        function("load_csat_settings", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        // Reports: admins and managers, and the agents an admin allows (none in the matrix).
        function(
            "load_report",
            form![("from", "2026-01-01"), ("to", "2026-01-31")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        )
        .manager(Allowed),
        function("load_dashboard", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]).manager(Allowed),
        with_files(
            "set_report_viewers",
            form![("agents_shown", "on")],
            Vec::new(),
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "save_csat_settings",
            form![("enabled", "on"), ("question", "How did we do?"), ("scale", "5"), ("delay_hours", "0")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        // The calendar: staff read pages of it; each agent makes and stops their own feed.
        function(
            "load_calendar",
            form![("scope", "teams"), ("span", "week"), ("date", "2026-12-07")],
            [SignIn, Denied, Denied, Denied, Allowed, Allowed],
        ),
        function(
            "calendar_feed_status",
            form![("created", "false")],
            [SignIn, Denied, Denied, Denied, Allowed, Allowed],
        ),
        function("create_calendar_feed", form![], [SignIn, Denied, Denied, Denied, Allowed, Allowed]),
        function("revoke_calendar_feed", form![], [SignIn, Denied, Denied, Denied, Allowed, Allowed]),
        // Automations.
        function("load_automations", form![], [SignIn, Denied, Denied, Denied, Denied, Allowed]),
        function(
            "dry_run_automation",
            form![("conditions", "tag:matrix-nothing")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "create_automation",
            form![
                ("name", format!("Matrix created automation {n}")),
                ("trigger", "created"),
                ("conditions", "tag:matrix-nothing"),
                ("add_tags", "matrix")
            ],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "update_automation",
            form![
                ("rule_id", t.automation_rule),
                ("name", format!("Matrix renamed automation {n}")),
                ("trigger", "schedule"),
                ("idle", "5d"),
                ("conditions", "tag:matrix-nothing"),
                ("remove_tags", "matrix")
            ],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "set_automation_active",
            form![("rule_id", t.automation_rule), ("active", "on")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "move_automation",
            form![("rule_id", t.automation_rule), ("direction", "up")],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
        function(
            "delete_automation",
            form![("rule_id", t.automation_rule)],
            [SignIn, Denied, Denied, Denied, Denied, Allowed],
        ),
    ]
}
