//! What the REST API stands on, against a real database: personal tokens (hashing, scopes,
//! revocation, expiry, deactivated users, audit), idempotency keys, and the ticket reads and the
//! delete that the API adds.

use crate::common;
use chrono::{Duration, Utc};
use domain::{
    Actor, DomainError,
    accounts::commands as accounts,
    api_tokens::{
        ApiScope, commands,
        commands::NewToken,
        idempotency::{self, Claim},
        queries, secret,
    },
    entities::{api_token, audit_log},
    ticket_types::Visibility,
    tickets::{self, conversation, references},
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

// This file's helpers go on a desk type of its own.
common::file_desk!();

fn token(name: &str, scope: ApiScope, days: Option<u32>) -> NewToken {
    NewToken { name: name.into(), scope, expires_in_days: days }
}

impl Desk {
    async fn token_row(&self, id: i64) -> api_token::Model {
        api_token::Entity::find_by_id(id).one(&self.db).await.expect("query").expect("row")
    }

    async fn audit_of(&self, action: &str) -> Vec<audit_log::Model> {
        audit_log::Entity::find().filter(audit_log::Column::Action.eq(action)).all(&self.db).await.expect("audit")
    }
}

#[tokio::test]
async fn a_token_is_shown_once_stored_hashed_and_acts_as_its_user() {
    let d = desk().await;
    let agent = d.actor("agent@example.com").await;
    let created =
        commands::create(&d.db, &agent, token("  CI export ", ApiScope::Write, Some(30))).await.expect("create");
    assert!(secret::well_formed(&created.secret));
    assert_eq!(created.token.name, "CI export");
    assert_eq!(created.token.prefix, created.secret[..12]);
    let row = d.token_row(created.token.id).await;
    assert_eq!(row.token_hash, secret::hash(&created.secret));
    let stored = format!("{row:?}");
    assert!(!stored.contains(&created.secret[4..]), "the secret is not stored: {stored}");
    let expires = row.expires_at.expect("expiry");
    assert!((expires - (Utc::now() + Duration::days(30))).num_minutes().abs() < 5);

    let listed = queries::mine(&d.db, &agent).await.expect("list");
    assert_eq!(listed, vec![created.token.clone()]);
    assert!(!format!("{listed:?}").contains(&created.secret));
    let other = d.actor("sam.rivera@example.com").await;
    assert!(queries::mine(&d.db, &other).await.expect("list").is_empty(), "tokens are personal");

    assert_eq!(d.token_row(created.token.id).await.last_used_at, None);
    let found = queries::authenticate(&d.db, &created.secret).await.expect("auth").expect("live token");
    assert_eq!(found.actor(), agent);
    assert_eq!(found.scope, ApiScope::Write);
    assert!(d.token_row(created.token.id).await.last_used_at.is_some(), "use is recorded");
    for junk in ["", "Bearer x", "dkt_", &secret::generate(), &created.secret.to_uppercase()] {
        assert_eq!(queries::authenticate(&d.db, junk).await.expect("auth"), None, "{junk}");
    }
    let audit = d.audit_of("api_token.create").await;
    assert_eq!(audit.len(), 1);
    assert!(!audit[0].detail.contains(&created.secret[4..]), "the audit never holds the secret");
}

#[tokio::test]
async fn scopes_are_checked_when_a_token_is_made() {
    let d = desk().await;
    // (who, scope, allowed)
    let table = [
        ("customer@example.com", ApiScope::Read, true),
        ("customer@example.com", ApiScope::Write, true),
        ("customer@example.com", ApiScope::Admin, false),
        ("agent@example.com", ApiScope::Write, true),
        ("agent@example.com", ApiScope::Admin, false),
        ("admin@example.com", ApiScope::Admin, true),
    ];
    for (email, scope, allowed) in table {
        let who = d.actor(email).await;
        let result = commands::create(&d.db, &who, token("t", scope, None)).await;
        match result {
            Ok(created) => {
                assert!(allowed, "{email} {scope:?}");
                assert_eq!(created.token.scope, scope);
            }
            Err(DomainError::Validation(fields)) => {
                assert!(!allowed, "{email} {scope:?}");
                assert_eq!(fields[0].field, "scope");
            }
            Err(other) => panic!("{email} {scope:?}: {other:?}"),
        }
    }
    let agent = d.actor("agent@example.com").await;
    for bad in
        [token("", ApiScope::Read, None), token("x", ApiScope::Read, Some(0)), token("x", ApiScope::Read, Some(4000))]
    {
        assert!(matches!(commands::create(&d.db, &agent, bad).await, Err(DomainError::Validation(_))));
    }
    let anonymous = commands::create(&d.db, &Actor::Anonymous, token("x", ApiScope::Read, None)).await;
    assert_eq!(anonymous.expect_err("refused"), DomainError::Unauthenticated);
}

#[tokio::test]
async fn revoked_expired_and_deactivated_tokens_stop_working() {
    let d = desk().await;
    let agent = d.actor("priya.natarajan@example.com").await;
    let admin = d.actor("admin@example.com").await;
    let revoked = commands::create(&d.db, &agent, token("old", ApiScope::Read, None)).await.expect("create");
    let expiring = commands::create(&d.db, &agent, token("soon", ApiScope::Read, Some(1))).await.expect("create");
    let kept = commands::create(&d.db, &agent, token("kept", ApiScope::Read, None)).await.expect("create");

    let stranger = d.actor("agent@example.com").await;
    assert_eq!(commands::revoke(&d.db, &stranger, revoked.token.id).await, Err(DomainError::NotFound));
    commands::revoke(&d.db, &agent, revoked.token.id).await.expect("revoke");
    assert_eq!(commands::revoke(&d.db, &agent, revoked.token.id).await, Err(DomainError::NotFound));
    assert_eq!(queries::authenticate(&d.db, &revoked.secret).await.expect("auth"), None);
    assert_eq!(d.audit_of("api_token.revoke").await.len(), 1);

    let mut row = d.token_row(expiring.token.id).await.into_active_model();
    row.expires_at = Set(Some(Utc::now() - Duration::seconds(1)));
    row.update(&d.db).await.expect("age the token");
    assert_eq!(queries::authenticate(&d.db, &expiring.secret).await.expect("auth"), None);
    let listed = queries::mine(&d.db, &agent).await.expect("list");
    let names: Vec<(&str, bool)> = listed.iter().map(|t| (t.name.as_str(), t.expired)).collect();
    assert_eq!(names, [("kept", false), ("soon", true)], "revoked tokens leave the list; expired ones are marked");

    assert!(queries::authenticate(&d.db, &kept.secret).await.expect("auth").is_some());
    let user_id = agent.principal().expect("user").user_id;
    accounts::set_active(&d.db, &admin, user_id, false).await.expect("deactivate");
    assert_eq!(queries::authenticate(&d.db, &kept.secret).await.expect("auth"), None);
    accounts::set_active(&d.db, &admin, user_id, true).await.expect("reactivate");
    assert!(queries::authenticate(&d.db, &kept.secret).await.expect("auth").is_some());
}

#[tokio::test]
async fn idempotency_keys_claim_replay_and_expire() {
    let d = desk().await;
    let user = d.actor("agent@example.com").await.principal().expect("user").user_id;
    let other = d.actor("admin@example.com").await.principal().expect("user").user_id;
    let hash = idempotency::request_hash(&[b"POST".as_slice(), b"/tickets", b"{}"]);
    let different = idempotency::request_hash(&[b"POST".as_slice(), b"/tickets", b"{\"x\":1}"]);
    assert_eq!(idempotency::claim(&d.db, user, "k1", &hash).await, Ok(Claim::Fresh));
    assert_eq!(idempotency::claim(&d.db, user, "k1", &hash).await, Ok(Claim::InProgress));
    assert_eq!(idempotency::claim(&d.db, user, "k1", &different).await, Ok(Claim::Mismatch));
    assert_eq!(idempotency::claim(&d.db, other, "k1", &different).await, Ok(Claim::Fresh), "keys are per user");
    idempotency::complete(&d.db, user, "k1", 201, "{\"id\":7}".into()).await.expect("complete");
    let replay = Claim::Replay { status: 201, body: "{\"id\":7}".into() };
    assert_eq!(idempotency::claim(&d.db, user, "k1", &hash).await, Ok(replay));
    assert_eq!(idempotency::claim(&d.db, user, "k1", &different).await, Ok(Claim::Mismatch));

    assert_eq!(idempotency::claim(&d.db, user, "k2", &hash).await, Ok(Claim::Fresh));
    idempotency::release(&d.db, user, "k2").await.expect("release");
    assert_eq!(
        idempotency::claim(&d.db, user, "k2", &different).await,
        Ok(Claim::Fresh),
        "a failed request frees its key"
    );

    use domain::entities::api_idempotency_key as key;
    key::Entity::update_many()
        .col_expr(key::Column::CreatedAt, sea_orm::sea_query::Expr::value(Utc::now() - Duration::hours(25)))
        .filter(key::Column::Key.eq("k1"))
        .exec(&d.db)
        .await
        .expect("age the keys");
    assert_eq!(idempotency::claim(&d.db, user, "k1", &different).await, Ok(Claim::Fresh), "keys last a day");
    let left = key::Entity::find().filter(key::Column::Key.eq("k1")).all(&d.db).await.expect("keys");
    assert_eq!(left.len(), 1, "expired keys are purged");
}

/// A keyed request that committed but was never answered (its server stopped) is never run
/// again: its claim was marked applied, with what it made, in the write's own transaction.
#[tokio::test]
async fn an_applied_request_is_answered_from_what_it_made_and_never_run_twice() {
    use domain::{api_tokens::idempotency::Resource, group_commit::GroupCommit};
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let user = customer.principal().expect("user").user_id;
    let hash = idempotency::request_hash(&[b"POST".as_slice(), b"/tickets", b"{}"]);
    let writes = GroupCommit::new(d.db.clone());
    let input =
        tickets::commands::NewTicket { subject: "Printer on fire".into(), body: "Smoke".into(), ..Default::default() };

    assert_eq!(idempotency::claim(&d.db, user, "t1", &hash).await, Ok(Claim::Fresh));
    let queued = tickets::commands::create_queued(&writes, &customer, input.clone());
    let created = idempotency::run_claimed(user, "t1", queued).await.expect("create");
    // No `complete`: the server stopped here.
    let applied = Claim::Applied { resource: Some(Resource::Ticket(created.id)) };
    assert_eq!(idempotency::claim(&d.db, user, "t1", &hash).await, Ok(applied.clone()));
    idempotency::release(&d.db, user, "t1").await.expect("release");
    assert_eq!(idempotency::claim(&d.db, user, "t1", &hash).await, Ok(applied.clone()), "an applied claim stays");

    use domain::entities::api_idempotency_key as key;
    key::Entity::update_many()
        .col_expr(key::Column::CreatedAt, sea_orm::sea_query::Expr::value(Utc::now() - Duration::minutes(30)))
        .filter(key::Column::Key.eq("t1"))
        .exec(&d.db)
        .await
        .expect("age the claim");
    assert_eq!(idempotency::claim(&d.db, user, "t1", &hash).await, Ok(applied), "never abandoned once applied");

    let reply = idempotency::run_claimed(
        user,
        "m1",
        tickets::commands::add_message(&d.db, &customer, created.id, Visibility::Public, "Still smoking"),
    );
    assert_eq!(idempotency::claim(&d.db, user, "m1", &hash).await, Ok(Claim::Fresh));
    reply.await.expect("reply");
    let Ok(Claim::Applied { resource: Some(Resource::Message(id)) }) =
        idempotency::claim(&d.db, user, "m1", &hash).await
    else {
        panic!("the reply's claim names its message")
    };
    let message = conversation::message(&d.db, &customer, id).await.expect("the message reads back");
    assert!(message.body_html.contains("Still smoking"));

    // A failed write leaves its claim free to retry; unkeyed writes touch no claim.
    assert_eq!(idempotency::claim(&d.db, user, "t2", &hash).await, Ok(Claim::Fresh));
    let empty = tickets::commands::NewTicket { subject: String::new(), ..input.clone() };
    let refused = idempotency::run_claimed(user, "t2", tickets::commands::create_queued(&writes, &customer, empty));
    assert!(refused.await.is_err());
    assert_eq!(idempotency::claim(&d.db, user, "t2", &hash).await, Ok(Claim::InProgress));
    idempotency::release(&d.db, user, "t2").await.expect("release");
    tickets::commands::create(&d.db, &customer, input).await.expect("an unkeyed create");
    assert_eq!(idempotency::claim(&d.db, user, "t2", &hash).await, Ok(Claim::Fresh));
}

#[tokio::test]
async fn admins_delete_tickets_with_everything_on_them() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let admin = d.actor("admin@example.com").await;
    let stranger = d.actor("hank@globex.example").await;
    let input = tickets::commands::NewTicket {
        subject: "Zanzibar deletion".into(),
        body: "Please remove".into(),
        ..Default::default()
    };
    let created = tickets::commands::create(&d.db, &customer, input).await.expect("create");
    tickets::commands::add_message(&d.db, &agent, created.id, Visibility::Internal, "A note").await.expect("note");
    let tagged = tickets::commands::TicketChanges { tags: Some("urgent".into()), ..Default::default() };
    tickets::commands::update(&d.db, &agent, created.id, tagged).await.expect("tag");
    assert_eq!(references::id_of(&d.db, &created.reference.to_lowercase()).await, Ok(Some(created.id)));
    assert_eq!(references::id_of(&d.db, "XYZ-1001").await, Ok(None));
    assert_eq!(references::id_of(&d.db, "DKT-99999").await, Ok(None));

    let seen = conversation::messages(&d.db, &customer, created.id).await.expect("messages");
    assert_eq!(seen.len(), 1, "customers never get notes");
    assert_eq!(conversation::messages(&d.db, &agent, created.id).await.expect("messages").len(), 2);
    let last = conversation::last_written(&d.db, &agent, created.id).await.expect("last").expect("note");
    assert_eq!(last.visibility, Visibility::Internal);

    assert_eq!(tickets::commands::delete(&d.db, &stranger, created.id).await, Err(DomainError::NotFound));
    assert_eq!(tickets::commands::delete(&d.db, &customer, created.id).await, Err(DomainError::Forbidden));
    assert_eq!(tickets::commands::delete(&d.db, &agent, created.id).await, Err(DomainError::Forbidden));
    tickets::commands::delete(&d.db, &admin, created.id).await.expect("delete");
    assert_eq!(tickets::queries::get(&d.db, &admin, created.id).await.expect_err("gone"), DomainError::NotFound);
    assert!(conversation::messages(&d.db, &admin, created.id).await.is_err());
    let filter = domain::ticket_filter::TicketFilter::parse("zanzibar").expect("filter");
    let found = tickets::filtering::list(&d.db, &admin, &filter, Default::default(), None).await.expect("search");
    assert!(found.items.is_empty(), "the search document went too");
    let audit = d.audit_of("ticket.delete").await;
    assert_eq!(audit.len(), 1);
    assert!(audit[0].detail.contains(&created.reference));
    // The ticket's history outlives it in the audit log.
    let detail: serde_json::Value = serde_json::from_str(&audit[0].detail).expect("json");
    assert_eq!(detail["messages"], 2);
    let history = detail["history"].as_array().expect("history");
    assert!(history.iter().any(|e| e["field"] == "tags" && e["to"] == "urgent"), "{history:?}");
    assert_eq!(tickets::commands::delete(&d.db, &admin, created.id).await, Err(DomainError::NotFound));
}

#[tokio::test]
async fn option_lists_for_any_signed_in_user() {
    let d = desk().await;
    let customer = d.actor("customer@example.com").await;
    let statuses = tickets::catalog::statuses(&d.db, &customer).await.expect("statuses");
    assert!(statuses.len() >= 5, "{statuses:?}");
    assert!(!tickets::catalog::priorities(&d.db, &customer).await.expect("priorities").is_empty());
    assert!(!tickets::catalog::categories(&d.db, &customer).await.expect("categories").is_empty());
    assert_eq!(tickets::catalog::statuses(&d.db, &Actor::Anonymous).await, Err(DomainError::Unauthenticated));
    let agent = d.actor("agent@example.com").await;
    let me = domain::accounts::queries::get(&d.db, &agent, customer.principal().expect("user").user_id).await;
    assert_eq!(me.expect("user").email, "customer@example.com");
    let denied = domain::accounts::queries::get(&d.db, &customer, 1).await;
    assert_eq!(denied, Err(DomainError::Forbidden));
}
