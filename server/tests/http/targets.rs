//! What one run of the authorization matrix acts on, made fresh for every caller through the
//! domain (as Docket itself), so that one caller's allowed change never decides another caller's
//! answer: the owner's tickets to read, answer, solve, reopen, link, merge and delete, a link,
//! notifications, spare desk settings, saved views, API tokens, a mailbox, a rejected message, an invitation,
//! an organization, knowledge-base categories and articles.

use crate::{
    matrix_kb::KbTargets,
    roles::{Caller, OTHER_AGENT, Roles, raw_mail},
    workflow_support::{actor, latest_notification},
};
use domain::{
    Actor, Role,
    access::{TokenPurpose, tokens},
    accounts::{
        self, NewUser,
        invitations::{self, Invite},
    },
    api_tokens::{self, ApiScope, commands::NewToken},
    desk_config::{categories, priorities, priorities::PriorityInput, statuses},
    email::mailboxes,
    email_types::MailboxInput,
    link_types::Relation,
    organizations::{self, OrganizationInput},
    saved_views, teams,
    ticket_filter::Sort,
    ticket_types::{StatusCategory, Visibility},
    tickets::{commands, commands::Changed, links, relations},
};
use sea_orm::DatabaseConnection;

#[derive(Debug, Default)]
pub struct Targets {
    /// Unique to the run, for names that must be unique.
    pub n: usize,
    /// Whom the caller signs in as: themselves, or a customer for visitors.
    pub sign_in_as: String,
    /// The owner's ticket that most calls act on.
    pub ticket: i64,
    /// The reference of another of the owner's tickets, to link `ticket` to.
    pub other_reference: String,
    /// A link of `ticket`'s, to remove.
    pub link: i64,
    /// The owner's new ticket to solve, and a solved one to reopen.
    pub to_solve: i64,
    pub to_reopen: i64,
    /// A solved ticket of the owner's with an agent's public answer, to turn into an article.
    pub answered: i64,
    /// Mail held on `ticket` from an outside sender: one to make public, one to split off.
    pub held_to_publish: i64,
    pub held_to_split: i64,
    /// The owner's ticket to merge, and the reference of the one to merge it into.
    pub merge_source: i64,
    pub merge_target: String,
    /// A notification of the caller's (the other agent's, for callers who get none).
    pub own_notification: i64,
    pub others_notification: i64,
    /// A private saved view of the agent's, and a shared one of the other agent's.
    pub agents_view: i64,
    pub others_shared_view: i64,
    /// An API token of the caller's (the other agent's, for visitors), and one of the other agent's.
    pub own_token: i64,
    pub others_token: i64,
    /// A status, a priority, a category and a team that no ticket uses.
    pub status: i64,
    pub priority: i64,
    pub category: i64,
    pub team: i64,
    /// A mailbox and its address.
    pub mailbox: i64,
    pub mailbox_address: String,
    /// A message the strict mailbox rejected: it can be reprocessed, and its raw bytes were kept.
    pub rejected_mail: i64,
    /// A customer to deactivate, and one anyone in the directory may look up.
    pub customer: i64,
    pub listed_user: i64,
    /// An agent invited and not yet in: the invitation can be sent again, then withdrawn.
    pub invited: i64,
    /// The other agent, to add to a team and remove.
    pub other_agent: i64,
    /// Support, which the manager runs.
    pub managed_team: i64,
    /// An organization of the run's own, with `customer` in it (to take out), and the address
    /// of a customer in none (to add).
    pub organization: i64,
    pub loner_email: String,
    /// Files of `Shared`.
    pub public_file: i64,
    pub note_file: i64,
    /// The HTTP mailbox that takes mail, and its secret.
    pub intake: i64,
    pub intake_secret: String,
    /// Single-use links for `sign_in_as`: a sign-in link, a password reset and an address check.
    pub sign_in_link: String,
    pub reset_link: String,
    pub verify_link: String,
    /// A business-hours calendar with a holiday, one no policy uses (to delete), an SLA policy
    /// on the first with a warning rule.
    pub calendar: i64,
    pub spare_calendar: i64,
    pub holiday: i64,
    pub sla_policy: i64,
    pub sla_rule: i64,
    /// A routing rule that matches no ticket.
    pub routing_rule: i64,
    /// An automation rule (off) that matches no ticket.
    pub automation_rule: i64,
    /// A macro an admin shared with every agent.
    pub shared_macro: i64,
    /// A custom text field of the run's own.
    pub custom_field: i64,
    /// A time entry of the other agent's on `ticket`.
    pub others_time_entry: i64,
    /// The rating link of `answered`'s satisfaction survey (its requester is the owner).
    pub rating_link: String,
    /// The other agent's calendar feed (its path, secret included).
    pub calendar_feed: String,
    /// The knowledge base's categories, sections and articles.
    pub kb: KbTargets,
}

impl Targets {
    pub async fn make(roles: &Roles, caller: Caller) -> Targets {
        let db = &roles.server.db;
        let n = roles.next_run();
        let system = Actor::System;
        let owner = actor(db, "customer@example.com").await;
        let other = actor(db, OTHER_AGENT).await;
        let other_id = roles.user(OTHER_AGENT).await;
        let me = match caller.email() {
            Some(email) => Some((actor(db, email).await, roles.user(email).await)),
            None => None,
        };
        let main = open(db, &owner, format!("Matrix {n}")).await;
        if caller == Caller::LinkHolder {
            roles.open_link(main.id).await;
        }
        let other_ticket = open(db, &owner, format!("Matrix other {n}")).await;
        let linked = open(db, &owner, format!("Matrix linked {n}")).await;
        links::add(db, &system, main.id, Relation::RelatedTo, &linked.reference).await.expect("link");
        let link = relations::get(db, &system, main.id).await.expect("relations").links[0].id;
        let to_solve = open(db, &owner, format!("Matrix to solve {n}")).await;
        let to_reopen = open(db, &owner, format!("Matrix to reopen {n}")).await;
        commands::move_to(db, &system, to_reopen.id, StatusCategory::Solved).await.expect("solve");
        let answered = open(db, &owner, format!("Matrix answered {n}")).await;
        let answer = "Unplug it, then plug it in again.";
        commands::add_message(db, &other, answered.id, Visibility::Public, answer).await.expect("answer");
        commands::move_to(db, &system, answered.id, StatusCategory::Solved).await.expect("solve");
        let merge_source = open(db, &owner, format!("Matrix merge source {n}")).await;
        let merge_target = open(db, &owner, format!("Matrix merge target {n}")).await;

        let others_notification = assign(db, other_ticket.id, other_id).await;
        let own_notification = match &me {
            Some((_, my_id)) if caller.is_staff() => assign(db, merge_target.id, *my_id).await,
            _ => others_notification,
        };
        let alex = actor(db, "agent@example.com").await;
        let agents_view = view(db, &alex, format!("Matrix view {n}"), false).await;
        let others_shared_view = view(db, &other, format!("Matrix shared view {n}"), true).await;
        let others_token = read_token(db, &other, n).await;
        let own_token = match &me {
            Some((who, _)) => read_token(db, who, n).await,
            None => others_token,
        };

        let spare = |kind: &str| format!("Spare {kind} {n}");
        let status =
            statuses::create(db, &system, &spare("status"), StatusCategory::Pending, 50).await.expect("status");
        let priority = PriorityInput { name: spare("priority"), rank: 60, is_default: false, active: true };
        let priority = priorities::create(db, &system, priority).await.expect("priority");
        let category = categories::create(db, &system, &spare("category")).await.expect("category");
        let team = teams::commands::create(db, &system, &spare("team"), "Spare").await.expect("team");

        let invitee = Invite {
            name: format!("Matrix invitee {n}"),
            email: format!("invitee{n}@example.com"),
            role: Role::Agent,
            organization_id: None,
        };
        let invited = invitations::invite(db, &system, invitee).await.expect("invite").id;

        let mailbox_address = format!("matrix{n}@docket.test");
        let input = MailboxInput {
            name: format!("Matrix {n}"),
            address: mailbox_address.clone(),
            inbound: "http".into(),
            smtp_security: "none".into(),
            active: true,
            ..Default::default()
        };
        let mailbox = mailboxes::create(db, &system, input).await.expect("mailbox").id;
        let rejected = raw_mail(&format!("unknown{n}@nowhere.test"), "strict@docket.test", &format!("rejected-{n}"));
        let rejected = roles.deliver(&roles.shared.strict, rejected).await;
        assert_eq!(rejected["outcome"], "rejected", "{rejected}");

        let customer = NewUser {
            name: format!("Matrix customer {n}"),
            email: format!("matrix.customer{n}@example.net"),
            password: "matrix customer password".into(),
            role: Role::Customer,
            organization_id: None,
        };
        let customer = accounts::commands::create_user(db, &system, customer).await.expect("customer").id;
        let org = OrganizationInput { name: format!("Matrix organization {n}"), ..Default::default() };
        let (organization, _) = organizations::create(db, &system, org).await.expect("organization");
        let member = format!("matrix.customer{n}@example.net");
        organizations::add_member(db, &system, organization, &member).await.expect("member");
        let loner_email = format!("matrix.loner{n}@example.net");
        let loner = NewUser {
            name: format!("Matrix loner {n}"),
            email: loner_email.clone(),
            password: "matrix customer password".into(),
            role: Role::Customer,
            organization_id: None,
        };
        let loner = accounts::commands::create_user(db, &system, loner).await.expect("loner");
        let held_to_publish = held_mail(db, main.id, loner.id, "Held mail to publish").await;
        let held_to_split = held_mail(db, main.id, loner.id, "Held mail to split off").await;

        let (calendar, spare_calendar, holiday, sla_policy, sla_rule) = service_levels(db, n).await;
        let kb = KbTargets::make(db, &roles.server.files(), n).await;
        let rule = domain::routing::rules::RuleInput {
            name: format!("Matrix routing rule {n}"),
            conditions: "tag:matrix-nothing".into(),
            tags: "matrix".into(),
            active: true,
            ..Default::default()
        };
        let routing_rule = domain::routing::rules::create(db, &system, rule).await.expect("routing rule");
        let automation = domain::automation::rules::AutomationInput {
            name: format!("Matrix automation {n}"),
            trigger: Some(domain::automation::types::Trigger::Updated),
            conditions: "tag:matrix-nothing".into(),
            actions: domain::automation::rules::ActionsInput { add_tags: "matrix".into(), ..Default::default() },
            ..Default::default()
        };
        let automation_rule = domain::automation::rules::create(db, &system, automation).await.expect("automation");
        let shared = domain::macros::commands::MacroInput {
            name: format!("Matrix macro {n}"),
            body: "Hello {{customer.name}}".into(),
            shared: true,
            ..Default::default()
        };
        let shared_macro = domain::macros::commands::create(db, &system, shared).await.expect("macro");
        let field = domain::custom_fields::setup::FieldInput {
            name: format!("Matrix field {n}"),
            kind: Some(domain::custom_fields::types::FieldKind::Text),
            active: true,
            ..Default::default()
        };
        let custom_field = domain::custom_fields::setup::create(db, &system, field).await.expect("custom field");
        let spent = domain::time_tracking::entries::EntryInput { duration: "15m".into(), ..Default::default() };
        let others_time_entry =
            domain::time_tracking::entries::log(db, &other, main.id, spent).await.expect("time entry");

        let survey = {
            use domain::entities::csat_survey;
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            csat_survey::Entity::find().filter(csat_survey::Column::TicketId.eq(answered.id)).one(db).await
        };
        let survey = survey.expect("survey query").expect("solving `answered` opened its survey");
        let rating_link = domain::csat::rating::issue_link(db, &survey).await.expect("rating link");
        let feed_secret = tokens::issue(
            db,
            TokenPurpose::CalendarFeed,
            other_id,
            None,
            TokenPurpose::CalendarFeed.lifetime(),
            domain::clock::now(),
        )
        .await
        .expect("a calendar feed");
        let calendar_feed = domain::calendar::feed_tokens::path_of(&feed_secret);

        let sign_in_as = caller.email().unwrap_or("lee@fastmail.example").to_owned();
        let person = roles.user(&sign_in_as).await;
        let single_use = |purpose: TokenPurpose| async move {
            tokens::issue(db, purpose, person, None, purpose.lifetime(), domain::clock::now()).await.expect("a link")
        };
        let sign_in_link = single_use(TokenPurpose::SignIn).await;
        let reset_link = single_use(TokenPurpose::PasswordReset).await;
        let verify_link = single_use(TokenPurpose::VerifyEmail).await;

        Targets {
            n,
            sign_in_as,
            sign_in_link,
            reset_link,
            verify_link,
            ticket: main.id,
            other_reference: other_ticket.reference,
            link,
            to_solve: to_solve.id,
            to_reopen: to_reopen.id,
            answered: answered.id,
            held_to_publish,
            held_to_split,
            merge_source: merge_source.id,
            merge_target: merge_target.reference,
            own_notification,
            others_notification,
            agents_view,
            others_shared_view,
            own_token,
            others_token,
            status,
            priority,
            category,
            team,
            mailbox,
            mailbox_address,
            rejected_mail: rejected["entry_id"].as_i64().expect("entry"),
            customer,
            organization,
            loner_email,
            managed_team: teams::queries::list(db, &system)
                .await
                .expect("teams")
                .into_iter()
                .find(|team| team.name == "Support")
                .expect("Support")
                .id,
            listed_user: roles.user("lee@fastmail.example").await,
            invited,
            other_agent: other_id,
            public_file: roles.shared.public_file,
            note_file: roles.shared.note_file,
            intake: roles.shared.intake.0,
            intake_secret: roles.shared.intake.1.clone(),
            calendar,
            spare_calendar,
            holiday,
            sla_policy,
            sla_rule,
            routing_rule,
            automation_rule,
            shared_macro,
            custom_field,
            others_time_entry,
            rating_link,
            calendar_feed,
            kb,
        }
    }
}

/// A calendar with a holiday, a spare calendar, a policy (matching no ticket) on the first with a
/// warning rule, and a team of the top tier for tickets to be escalated to.
async fn service_levels(db: &DatabaseConnection, n: usize) -> (i64, i64, i64, i64, i64) {
    use domain::sla::{calendars, policies, types::Metric};
    let system = Actor::System;
    let week = |name: String| calendars::CalendarInput {
        name,
        time_zone: "Europe/Berlin".into(),
        hours: [
            "09:00-17:00".to_owned(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
    };
    let calendar = calendars::create(db, &system, week(format!("Matrix calendar {n}"))).await.expect("calendar");
    let spare = calendars::create(db, &system, week(format!("Matrix spare calendar {n}"))).await.expect("calendar");
    let holiday =
        calendars::add_holiday(db, &system, calendar, "Matrix holiday", "2030-01-02", false).await.expect("holiday");
    let input = policies::PolicyInput {
        name: format!("Matrix policy {n}"),
        conditions: "tag:matrix-nothing".into(),
        active: true,
        targets: vec![policies::TargetInput {
            metric: Metric::Resolution,
            time: "8h".into(),
            calendar_id: Some(calendar),
        }],
    };
    let policy = policies::create(db, &system, input).await.expect("policy");
    let rule = policies::EscalationInput { percent: "75".into(), notify_assignee: true, ..Default::default() };
    let rule = policies::add_escalation(db, &system, policy, rule).await.expect("rule");
    let tier = teams::commands::create(db, &system, &format!("Matrix tier {n}"), "Top tier").await.expect("team");
    teams::commands::set_tier(db, &system, tier, Some(9)).await.expect("tier");
    (calendar, spare, holiday, policy, rule)
}

async fn open(db: &DatabaseConnection, owner: &Actor, subject: String) -> Changed {
    let input = commands::NewTicket { subject, body: "The printer is on fire".into(), ..Default::default() };
    commands::create(db, owner, input).await.expect("ticket")
}

/// Docket assigns the ticket to the user, which notifies them; returns the notification.
async fn assign(db: &DatabaseConnection, ticket: i64, user: i64) -> i64 {
    let changes = commands::TicketChanges { assignee_id: Some(Some(user)), ..Default::default() };
    commands::update(db, &Actor::System, ticket, changes).await.expect("assign");
    latest_notification(db, user).await
}

async fn view(db: &DatabaseConnection, owner: &Actor, name: String, shared: bool) -> i64 {
    saved_views::save(db, owner, &name, "status:open", Sort::Updated, shared).await.expect("view")
}

async fn read_token(db: &DatabaseConnection, owner: &Actor, n: usize) -> i64 {
    let input = NewToken { name: format!("Matrix {n}"), scope: ApiScope::Read, expires_in_days: None };
    api_tokens::commands::create(db, owner, input).await.expect("token").token.id
}

/// Mail from `sender`, who is not on the ticket, held on it as ingest holds it.
async fn held_mail(db: &DatabaseConnection, ticket_id: i64, sender: i64, text: &str) -> i64 {
    use sea_orm::EntityTrait;
    let sender = domain::entities::user::Entity::find_by_id(sender).one(db).await.expect("q").expect("sender");
    let config = domain::desk_config::Config::load(db).await.expect("config");
    let post = commands::Post {
        visibility: Visibility::Internal,
        channel: domain::ticket_types::Channel::Email,
        body: text.to_owned(),
        body_html: None,
        files: Vec::new(),
    };
    let txn = domain::db::begin_write(db).await.expect("begin");
    let (_, id) = domain::tickets::outside::hold_in(&txn, &config, ticket_id, &sender, post).await.expect("held");
    txn.commit().await.expect("commit");
    id
}
