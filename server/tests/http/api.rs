//! The REST API's behaviour: idempotent POSTs (replays, mismatches, a race), the error shapes of
//! 400/401/403/404/405/413/422, cookies that never authenticate, lists with filters and pages,
//! the OpenAPI document and reference page, API tokens made and revoked on the account page, and
//! a ticket's due date and satisfaction answer.

use crate::{
    api_support::{actor, error_code, read, script, send, token},
    support::{TestServer, call_json},
};
use domain::{
    api_tokens::{ApiScope, secret},
    entities::ticket,
};
use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

async fn tickets_titled(server: &TestServer, subject: &str) -> u64 {
    ticket::Entity::find().filter(ticket::Column::Subject.eq(subject)).count(&server.db).await.expect("count")
}

async fn post_keyed(server: &TestServer, token: &str, key: &str, body: &Value) -> (StatusCode, Value, bool) {
    let res = script(server)
        .post(server.url("/api/v1/tickets"))
        .bearer_auth(token)
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .expect("post");
    let replayed = res.headers().get("idempotent-replayed").is_some();
    let (status, body) = read(res).await;
    (status, body, replayed)
}

#[tokio::test]
async fn idempotency_keys_replay_refuse_and_win_races() {
    let server = TestServer::start().await;
    let owner = token(&server, "customer@example.com", ApiScope::Write).await;
    let body = json!({ "subject": "Idempotent one", "body": "Once only" });
    let (first_status, first, replayed) = post_keyed(&server, &owner, "key-1", &body).await;
    assert_eq!((first_status, replayed), (StatusCode::CREATED, false), "{first}");
    let (again_status, again, replayed) = post_keyed(&server, &owner, "key-1", &body).await;
    assert_eq!((again_status, replayed), (StatusCode::CREATED, true));
    assert_eq!(again, first, "the same response again");
    assert_eq!(tickets_titled(&server, "Idempotent one").await, 1);

    let other = json!({ "subject": "Idempotent two", "body": "Different" });
    let (status, refused, _) = post_keyed(&server, &owner, "key-1", &other).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(&refused), "validation");
    assert_eq!(refused["error"]["fields"][0]["field"], "Idempotency-Key");
    assert_eq!(tickets_titled(&server, "Idempotent two").await, 0);

    // Keys belong to their user: another customer's same key is a new request.
    let stranger = token(&server, "hank@globex.example", ApiScope::Write).await;
    assert_eq!(post_keyed(&server, &stranger, "key-1", &other).await.0, StatusCode::CREATED);

    // A failed request frees its key for the corrected retry.
    let bad = json!({ "subject": "", "body": "" });
    assert_eq!(post_keyed(&server, &owner, "key-2", &bad).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let fixed = json!({ "subject": "Fixed retry", "body": "Now with a subject" });
    assert_eq!(post_keyed(&server, &owner, "key-2", &fixed).await.0, StatusCode::CREATED);

    // Eight identical requests at once: one acts, the others replay it or are told it is running.
    let race = json!({ "subject": "Raced", "body": "Eight at once" });
    let calls = (0..8).map(|_| post_keyed(&server, &owner, "key-race", &race));
    let results = futures_join_all(calls).await;
    let ids: std::collections::BTreeSet<i64> = results.iter().filter_map(|(_, b, _)| b["id"].as_i64()).collect();
    for (status, body, _) in &results {
        assert!(matches!(*status, StatusCode::CREATED | StatusCode::CONFLICT), "{status} {body}");
    }
    assert_eq!(ids.len(), 1, "every success names the same ticket: {results:?}");
    assert_eq!(tickets_titled(&server, "Raced").await, 1, "the ticket was opened once");

    let (status, body, _) = post_keyed(&server, &owner, "bad key with spaces", &race).await;
    assert_eq!((status, error_code(&body).as_str()), (StatusCode::BAD_REQUEST, "bad_request"));

    // The server stopped after the write committed but before the response was kept: a retry
    // gets the ticket it made, and the ticket is not opened twice.
    let lost = json!({ "subject": "Lost answer", "body": "Committed, then killed" });
    let (_, made, _) = post_keyed(&server, &owner, "key-lost", &lost).await;
    forget_response(&server, "key-lost").await;
    let (status, again, replayed) = post_keyed(&server, &owner, "key-lost", &lost).await;
    assert_eq!((status, replayed), (StatusCode::CREATED, true), "{again}");
    assert_eq!((again["id"].clone(), again["subject"].clone()), (made["id"].clone(), made["subject"].clone()));
    assert_eq!(tickets_titled(&server, "Lost answer").await, 1);
    assert_eq!(post_keyed(&server, &owner, "key-lost", &lost).await.1, again, "and kept for the next retry");
}

/// Drops a keyed request's kept response, as a kill between its commit and `complete` would.
async fn forget_response(server: &TestServer, key: &str) {
    use domain::entities::api_idempotency_key as row;
    use sea_orm::sea_query::Expr;
    let forgotten = row::Entity::update_many()
        .col_expr(row::Column::ResponseStatus, Expr::value(Option::<i32>::None))
        .col_expr(row::Column::ResponseBody, Expr::value(Option::<String>::None))
        .filter(row::Column::Key.eq(key))
        .exec(&server.db)
        .await
        .expect("forget");
    assert_eq!(forgotten.rows_affected, 1);
}

/// Runs futures side by side on this task (no extra dependency for `join_all`).
async fn futures_join_all<F: std::future::Future>(futures: impl Iterator<Item = F>) -> Vec<F::Output> {
    let handles: Vec<_> = futures.map(Box::pin).collect();
    let mut outputs = Vec::new();
    let mut pending: Vec<_> = handles.into_iter().map(Some).collect();
    let mut done: Vec<Option<F::Output>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        for (slot, out) in pending.iter_mut().zip(done.iter_mut()) {
            if let Some(fut) = slot
                && let std::task::Poll::Ready(value) = fut.as_mut().poll(cx)
            {
                *out = Some(value);
                *slot = None;
            }
        }
        if pending.iter().all(Option::is_none) { std::task::Poll::Ready(()) } else { std::task::Poll::Pending }
    })
    .await;
    outputs.extend(done.into_iter().flatten());
    outputs
}

#[tokio::test]
async fn errors_have_one_shape_and_the_right_status() {
    let server = TestServer::start().await;
    let agent = token(&server, "agent@example.com", ApiScope::Write).await;
    let reader = token(&server, "agent@example.com", ApiScope::Read).await;
    let client = script(&server);
    let raw = |body: String| {
        client
            .post(server.url("/api/v1/tickets"))
            .bearer_auth(&agent)
            .header("content-type", "application/json")
            .body(body)
    };
    let huge = format!("{{\"subject\": \"{}\"}}", "x".repeat(2 << 20));
    // (what, response, status, code)
    let mut cases: Vec<(&str, (StatusCode, Value), StatusCode, &str)> = vec![
        (
            "malformed JSON",
            read(raw("{".into()).send().await.expect("post")).await,
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "wrong type",
            read(raw("{\"subject\": 5}".into()).send().await.expect("post")).await,
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "unknown field",
            read(raw("{\"subjekt\": \"x\"}".into()).send().await.expect("post")).await,
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "not JSON",
            read(client.post(server.url("/api/v1/tickets")).bearer_auth(&agent).body("x").send().await.expect("post"))
                .await,
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        ("too large", read(raw(huge).send().await.expect("post")).await, StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
    ];
    for (what, path, tok, status, code) in [
        (
            "bad query",
            "/api/v1/tickets?created_from=yesterday",
            Some(agent.as_str()),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        ("unknown query", "/api/v1/tickets?colour=red", Some(agent.as_str()), StatusCode::BAD_REQUEST, "bad_request"),
        ("no token", "/api/v1/tickets", None, StatusCode::UNAUTHORIZED, "unauthenticated"),
        ("bad token", "/api/v1/tickets", Some("dkt_nope"), StatusCode::UNAUTHORIZED, "unauthenticated"),
        ("directory without a token", "/api/v1/users/1", None, StatusCode::UNAUTHORIZED, "unauthenticated"),
        ("missing ticket", "/api/v1/tickets/999999", Some(agent.as_str()), StatusCode::NOT_FOUND, "not_found"),
        ("missing reference", "/api/v1/tickets/DKT-999999", Some(agent.as_str()), StatusCode::NOT_FOUND, "not_found"),
        ("unknown endpoint", "/api/v1/nothing/here", Some(agent.as_str()), StatusCode::NOT_FOUND, "not_found"),
        (
            "unknown filter value",
            "/api/v1/tickets?status=bogus",
            Some(agent.as_str()),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            "bad cursor",
            "/api/v1/tickets?cursor=junk",
            Some(agent.as_str()),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
    ] {
        cases.push((what, send(&server, tok, Method::GET, path, None).await, status, code));
    }
    let empty = json!({ "subject": " ", "body": "" });
    cases.push((
        "validation",
        send(&server, Some(&agent), Method::POST, "/api/v1/tickets", Some(empty)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    ));
    let note = json!({ "body": "x" });
    cases.push((
        "read-only token",
        send(&server, Some(&reader), Method::POST, "/api/v1/tickets/1/messages", Some(note)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    ));
    cases.push((
        "wrong method",
        send(&server, Some(&agent), Method::PUT, "/api/v1/tickets", None).await,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    ));
    for (what, (status, body), want_status, want_code) in &cases {
        assert_eq!(status, want_status, "{what}: {body}");
        assert_eq!(error_code(body), *want_code, "{what}: {body}");
    }
    let fields: Vec<&str> = cases[cases.len() - 3].1.1["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["subject", "body", "requester_email"]);

    let res = script(&server).get(server.url("/api/v1/tickets")).send().await.expect("get");
    assert_eq!(res.headers()["www-authenticate"], "Bearer realm=\"docket\"");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn a_browser_session_never_authenticates_the_api() {
    let server = TestServer::start().await;
    let browser = server.signed_in("admin@example.com").await;
    let res = browser.get(server.url("/api/v1/users")).send().await.expect("get");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "a session cookie is not a token");
    let before = user_count(&server).await;
    let body = json!({ "name": "Mallory", "email": "mallory@example.com", "password": "long enough password", "role": "admin" });
    for origin in [None, Some("https://evil.example")] {
        let mut req = browser.post(server.url("/api/v1/users")).json(&body);
        if let Some(origin) = origin {
            req = req.header("origin", origin);
        }
        let status = req.send().await.expect("post").status();
        assert!(matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN), "{origin:?}: {status}");
    }
    assert_eq!(user_count(&server).await, before);
    let admin = token(&server, "admin@example.com", ApiScope::Admin).await;
    let (status, created) = send(&server, Some(&admin), Method::POST, "/api/v1/users", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "a script without Origin or cookies gets through: {created}");
    let invite = json!({ "name": "Ines", "email": "ines@example.com", "role": "agent" });
    let (status, invited) = send(&server, Some(&admin), Method::POST, "/api/v1/users", Some(invite)).await;
    assert_eq!(status, StatusCode::CREATED, "without a password, an invitation: {invited}");
    let tokens = domain::entities::access_token::Entity::find()
        .filter(domain::entities::access_token::Column::UserId.eq(invited["id"].as_i64().expect("id")))
        .all(&server.db)
        .await
        .expect("tokens");
    assert_eq!(tokens.iter().map(|t| t.purpose).collect::<Vec<_>>(), [domain::access::TokenPurpose::Invitation]);
}

async fn user_count(server: &TestServer) -> u64 {
    crate::support::user_count(&server.db).await
}

#[tokio::test]
async fn lists_filter_page_and_name_tickets_by_reference() {
    let server = TestServer::start().await;
    let owner = token(&server, "customer@example.com", ApiScope::Write).await;
    let agent = token(&server, "agent@example.com", ApiScope::Write).await;
    let mut ids = Vec::new();
    for n in 0..30 {
        let body = json!({ "subject": format!("Paged ticket {n}"), "body": "Pagination words" });
        let (status, t) = send(&server, Some(&owner), Method::POST, "/api/v1/tickets", Some(body)).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(t["channel"], "api");
        ids.push(t["id"].as_i64().expect("id"));
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/tickets?q=pagination&status=new".to_owned();
    loop {
        let (status, page) = send(&server, Some(&owner), Method::GET, &path, None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        seen.extend(page["items"].as_array().expect("items").iter().filter_map(|t| t["id"].as_i64()));
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/tickets?q=pagination&status=new&cursor={cursor}"),
            None => break,
        }
    }
    seen.sort();
    assert_eq!(seen, ids, "two pages, every ticket once");
    let (_, t) = send(&server, Some(&agent), Method::GET, &format!("/api/v1/tickets/{}", ids[0]), None).await;
    let reference = t["reference"].as_str().expect("reference").to_lowercase();
    let (status, by_ref) =
        send(&server, Some(&agent), Method::GET, &format!("/api/v1/tickets/{reference}"), None).await;
    assert_eq!((status, &by_ref["id"]), (StatusCode::OK, &t["id"]));
    let (status, _) = send(&server, Some(&owner), Method::GET, "/api/v1/tickets?assignee=me", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "customers filter by status, category, dates and words");
    let patch = json!({ "assignee_id": null, "tags": ["VPN", "urgent"], "team_id": 1 });
    let (status, changed) =
        send(&server, Some(&agent), Method::PATCH, &format!("/api/v1/tickets/{}", ids[0]), Some(patch)).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["tags"], json!(["vpn", "urgent"]));
    assert_eq!(changed["team"]["id"], 1);
    let (_, mine) = send(&server, Some(&owner), Method::GET, &format!("/api/v1/tickets/{}", ids[0]), None).await;
    assert_eq!(mine["tags"], json!([]), "tags are for agents");
}

#[tokio::test]
async fn the_openapi_document_and_reference_page_describe_the_api() {
    let server = TestServer::start().await;
    let (status, doc) = send(&server, None, Method::GET, "/api/v1/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")), "{}", doc["openapi"]);
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.len() >= 12, "{paths:?}");
    let res = script(&server).get(server.url("/api/docs")).send().await.expect("page");
    assert_eq!(res.status(), StatusCode::OK);
    let csp = res.headers()["content-security-policy"].to_str().expect("csp").to_owned();
    assert!(csp.contains("default-src 'none'") && !csp.contains("script-src"), "{csp}");
    let html = res.text().await.expect("html");
    assert!(!html.contains("<script"), "no scripts on the reference page");
    let mut operation_ids = std::collections::BTreeSet::new();
    for (path, item) in paths {
        for (method, operation) in item.as_object().expect("item") {
            let shown = format!("<code>{} {}</code>", method.to_uppercase(), path);
            assert!(html.contains(&shown), "{shown} is on the page");
            // OpenAPI requires them unique; client generators name their functions by them.
            let id = operation["operationId"].as_str().unwrap_or_default().to_owned();
            assert!(operation_ids.insert(id), "{method} {path}: a unique operationId");
            // What the layers answer is stated on every operation.
            for status in ["401", "429"] {
                assert!(operation["responses"][status].is_object(), "{method} {path} states {status}");
            }
            let key = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|p| p["name"] == "Idempotency-Key" && p["in"] == "header");
            if method == "post" {
                let key = key.unwrap_or_else(|| panic!("POST {path} takes an Idempotency-Key"));
                assert_eq!((&key["schema"]["minLength"], &key["schema"]["maxLength"]), (&json!(1), &json!(255)));
                assert!(key["schema"]["pattern"].is_string());
                for status in ["400", "409", "422"] {
                    assert!(operation["responses"][status].is_object(), "POST {path} states {status}");
                }
            } else {
                assert!(key.is_none(), "only POSTs are idempotent by key: {method} {path}");
            }
        }
    }
    // Fixed lists are enums, so clients can generate them.
    let sort = &paths["/api/v1/tickets"]["get"]["parameters"].as_array().expect("params");
    let sort = sort.iter().find(|p| p["name"] == "sort").expect("sort");
    assert!(sort["schema"].to_string().contains("TicketSortName"), "{sort}");
    let sorts = &doc["components"]["schemas"]["TicketSortName"]["enum"];
    assert_eq!(sorts, &json!(["updated", "oldest", "created", "priority", "relevance", "due"]));
    let visibilities = &doc["components"]["schemas"]["MessageVisibilityDto"]["enum"];
    assert_eq!(visibilities, &json!(["public", "internal"]), "not the articles' visibility");
    for schema in doc["components"]["schemas"].as_object().expect("schemas").keys() {
        assert!(html.contains(&format!("id=\"schema-{schema}\"")), "{schema} is on the page");
    }
    assert!(html.contains("curl -X POST"), "with examples");
}

#[tokio::test]
async fn tokens_are_made_and_revoked_on_the_account_page() {
    let server = TestServer::start().await;
    let customer = server.signed_in("customer@example.com").await;
    let form = [("name", "My script"), ("scope", "write"), ("expires_in_days", "30")];
    let (status, created) = call_json(&customer, &server, "create_api_token", &form).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let secret = created["secret"].as_str().expect("secret").to_owned();
    assert!(secret::well_formed(&secret));
    let (status, me) = send(&server, Some(&secret), Method::GET, "/api/v1/tickets", None).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    let admin_scope = [("name", "x"), ("scope", "admin"), ("expires_in_days", "never")];
    let (status, refused) = call_json(&customer, &server, "create_api_token", &admin_scope).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");

    let (_, list) = call_json(&customer, &server, "list_api_tokens", &[]).await;
    assert!(list["created"].is_null(), "{list}");
    assert!(!list.to_string().contains(&secret), "lists never hold secrets");
    let id = list["tokens"][0]["id"].as_i64().expect("id").to_string();
    let (status, _) = call_json(&customer, &server, "revoke_api_token", &[("token_id", &id)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(send(&server, Some(&secret), Method::GET, "/api/v1/tickets", None).await.0, StatusCode::UNAUTHORIZED);
    let other = server.signed_in("hank@globex.example").await;
    assert_eq!(call_json(&other, &server, "revoke_api_token", &[("token_id", &id)]).await.0, StatusCode::NOT_FOUND);

    // With JavaScript off: the form posts, the page reloads and shows the secret exactly once.
    let agent = server.signed_in("agent@example.com").await;
    let res = agent
        .post(server.url("/fn/create_api_token"))
        .header("accept", "text/html")
        .header("referer", server.url("/account"))
        .form(&[("name", "No JS"), ("scope", "read"), ("expires_in_days", "never")])
        .send()
        .await
        .expect("post");
    assert!(res.status().is_redirection(), "{}", res.status());
    let location = res.headers()["location"].to_str().expect("location").to_owned();
    assert!(location.starts_with("/account?created=") && !location.contains("dkt_"), "{location}");
    let page = agent.get(server.url(&location)).send().await.expect("page").text().await.expect("html");
    let notice = page.split("token-secret\">").nth(1).expect("the secret is shown");
    let shown = notice.split('<').next().unwrap_or_default().to_owned();
    assert!(secret::well_formed(&shown), "{shown}");
    let next = agent.get(server.url("/account")).send().await.expect("page").text().await.expect("html");
    assert!(!next.contains(&shown), "only once");
    assert!(next.contains("No JS"), "the token is listed");
    assert!(!page.contains("went wrong") && !next.contains("went wrong"), "the account page loads cleanly");
    let back = agent.get(server.url(&location)).send().await.expect("page").text().await.expect("html");
    assert!(!back.contains(&shown), "gone for good");
    let who = actor(&server, "agent@example.com").await;
    let found = domain::api_tokens::queries::authenticate(&server.db, &shown).await.expect("auth").expect("live");
    assert_eq!(found.actor(), who);
}

#[tokio::test]
async fn a_ticket_carries_its_due_date_and_satisfaction_to_staff() {
    let server = TestServer::start().await;
    let agent = token(&server, "agent@example.com", ApiScope::Write).await;
    let customer = token(&server, "customer@example.com", ApiScope::Write).await;
    let new = json!({ "subject": "Badge reader broken", "body": "The door badge reader is dark." });
    let (status, created) = send(&server, Some(&customer), Method::POST, "/api/v1/tickets", Some(new)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let path = format!("/api/v1/tickets/{}", created["id"]);
    let patch = |body: Value| send(&server, Some(&agent), Method::PATCH, &path, Some(body));

    let (status, ticket) = patch(json!({ "due_on": "2031-03-12" })).await;
    assert_eq!((status, &ticket["due_on"]), (StatusCode::OK, &json!("2031-03-12")), "{ticket}");
    let (status, refused) = patch(json!({ "due_on": "1999-12-31" })).await;
    assert_eq!((status, &refused["error"]["fields"][0]["field"]), (StatusCode::UNPROCESSABLE_ENTITY, &json!("due_on")));
    let (status, _) = patch(json!({ "due_on": "next week" })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, seen) = send(&server, Some(&customer), Method::GET, &path, None).await;
    assert_eq!(seen["due_on"], Value::Null, "the customer never sees it");
    let (_, cleared) = patch(json!({ "due_on": null })).await;
    assert_eq!(cleared["due_on"], Value::Null);

    // Solving opens the survey; the requester's answer shows to staff.
    let admin = actor(&server, "admin@example.com").await;
    let on = domain::csat::settings::SettingsInput {
        enabled: true,
        question: "How did we do?".into(),
        scale: "5".into(),
        delay_hours: "0".into(),
    };
    domain::csat::settings::save(&server.db, &admin, on).await.expect("surveys on");
    assert_eq!(send(&server, Some(&agent), Method::GET, &path, None).await.1["satisfaction"], Value::Null);
    let config = domain::desk_config::Config::load(&server.db).await.expect("config");
    let solved = config.first_status(domain::ticket_types::StatusCategory::Solved).expect("solved");
    let (status, _) = patch(json!({ "status_id": solved })).await;
    assert_eq!(status, StatusCode::OK);
    let id = created["id"].as_i64().expect("id");
    let requester = actor(&server, "customer@example.com").await;
    domain::csat::rating::as_requester(&server.db, &requester, id, Some(4), Some("Fixed fast".into()))
        .await
        .expect("rated");
    let (_, ticket) = send(&server, Some(&agent), Method::GET, &path, None).await;
    let satisfaction = &ticket["satisfaction"];
    assert_eq!(
        (&satisfaction["question"], &satisfaction["scale"], &satisfaction["rating"], &satisfaction["rating_label"]),
        (&json!("How did we do?"), &json!(5), &json!(4), &json!("Good")),
        "{ticket}"
    );
    assert_eq!(satisfaction["comment"], json!("Fixed fast"));
}
