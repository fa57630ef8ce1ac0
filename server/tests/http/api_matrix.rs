//! The REST API's authorization matrix: every endpoint, called by every kind of caller (no token,
//! bad tokens, customers of different and sharing organizations, agents of two teams, read-only
//! and write-scoped tokens, admins), with exactly the expected status and no unexpected success.
//! It also proves that the matrix covers every operation of the OpenAPI document.

use crate::{
    api_support::{expired_token, file, revoked_token, send, token, upload},
    support::{TestServer, user_id},
};
use domain::api_tokens::{ApiScope, secret};
use reqwest::{Method, StatusCode, multipart};
use serde_json::{Value, json};
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Caller {
    NoToken,
    InvalidToken,
    RevokedToken,
    ExpiredToken,
    /// The requester, a customer of Acme (which shares tickets).
    Owner,
    /// Another customer of Acme.
    Colleague,
    /// A customer of Globex.
    Stranger,
    /// An agent of the Support team.
    SupportAgent,
    /// An agent of the Billing team.
    BillingAgent,
    /// An agent's read-only token.
    ReadOnlyAgent,
    /// An admin's admin-scoped token.
    Admin,
    /// An admin's write-scoped token.
    WriteScopedAdmin,
}

const CALLERS: [Caller; 12] = [
    Caller::NoToken,
    Caller::InvalidToken,
    Caller::RevokedToken,
    Caller::ExpiredToken,
    Caller::Owner,
    Caller::Colleague,
    Caller::Stranger,
    Caller::SupportAgent,
    Caller::BillingAgent,
    Caller::ReadOnlyAgent,
    Caller::Admin,
    Caller::WriteScopedAdmin,
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    ListTickets,
    CreateTicket,
    GetTicket,
    PatchTicket,
    DeleteTicket,
    ListMessages,
    Reply,
    Note,
    Upload,
    Download,
    DownloadNoteFile,
    ListUsers,
    GetUser,
    CreateUser,
    ListOrganizations,
    Statuses,
    Priorities,
    Categories,
    ListTeams,
    CreateTeam,
}

const OPS: [Op; 20] = [
    Op::ListTickets,
    Op::CreateTicket,
    Op::GetTicket,
    Op::PatchTicket,
    Op::ListMessages,
    Op::Reply,
    Op::Note,
    Op::Upload,
    Op::Download,
    Op::DownloadNoteFile,
    Op::ListUsers,
    Op::GetUser,
    Op::CreateUser,
    Op::ListOrganizations,
    Op::Statuses,
    Op::Priorities,
    Op::Categories,
    Op::ListTeams,
    Op::CreateTeam,
    // Last: it removes the caller's ticket.
    Op::DeleteTicket,
];

impl Op {
    /// The method and the route as the OpenAPI document names it.
    fn route(self) -> (Method, &'static str) {
        use Op::*;
        match self {
            ListTickets => (Method::GET, "/api/v1/tickets"),
            CreateTicket => (Method::POST, "/api/v1/tickets"),
            GetTicket => (Method::GET, "/api/v1/tickets/{id}"),
            PatchTicket => (Method::PATCH, "/api/v1/tickets/{id}"),
            DeleteTicket => (Method::DELETE, "/api/v1/tickets/{id}"),
            ListMessages => (Method::GET, "/api/v1/tickets/{id}/messages"),
            Reply | Note => (Method::POST, "/api/v1/tickets/{id}/messages"),
            Upload => (Method::POST, "/api/v1/tickets/{id}/attachments"),
            Download | DownloadNoteFile => (Method::GET, "/api/v1/attachments/{id}"),
            ListUsers => (Method::GET, "/api/v1/users"),
            GetUser => (Method::GET, "/api/v1/users/{id}"),
            CreateUser => (Method::POST, "/api/v1/users"),
            ListOrganizations => (Method::GET, "/api/v1/organizations"),
            Statuses => (Method::GET, "/api/v1/statuses"),
            Priorities => (Method::GET, "/api/v1/priorities"),
            Categories => (Method::GET, "/api/v1/categories"),
            ListTeams => (Method::GET, "/api/v1/teams"),
            CreateTeam => (Method::POST, "/api/v1/teams"),
        }
    }
}

/// The one status each caller must get.
fn expected(op: Op, caller: Caller) -> StatusCode {
    use Caller::*;
    use Op::*;
    if matches!(caller, NoToken | InvalidToken | RevokedToken | ExpiredToken) {
        return StatusCode::UNAUTHORIZED;
    }
    let customer = matches!(caller, Owner | Colleague | Stranger);
    let writes = caller != ReadOnlyAgent;
    let admin_scope = caller == Admin;
    let success = match op.route().0 {
        Method::POST => StatusCode::CREATED,
        Method::DELETE => StatusCode::NO_CONTENT,
        _ => StatusCode::OK,
    };
    let refused = StatusCode::FORBIDDEN;
    let hidden = StatusCode::NOT_FOUND;
    match op {
        Statuses | Priorities | Categories | ListTickets => success,
        GetTicket | ListMessages | Download if caller == Stranger => hidden,
        GetTicket | ListMessages | Download => success,
        DownloadNoteFile if customer => hidden,
        DownloadNoteFile => success,
        CreateTicket if writes => success,
        Reply | Upload | PatchTicket | Note if !writes => refused,
        Reply | Upload | PatchTicket | Note if caller == Stranger => hidden,
        Reply | Upload => success,
        PatchTicket | Note if customer => refused,
        PatchTicket | Note => success,
        ListUsers | GetUser | ListOrganizations | ListTeams if customer => refused,
        ListUsers | GetUser | ListOrganizations | ListTeams => success,
        DeleteTicket | CreateUser | CreateTeam if admin_scope => success,
        CreateTicket | DeleteTicket | CreateUser | CreateTeam => refused,
    }
}

struct Fixture {
    ticket: String,
    public_file: String,
    note_file: String,
}

/// A fresh ticket of the owner's, with a public file and an internal note carrying a file.
async fn fixture(server: &TestServer, owner: &str, agent: &str, n: usize) -> Fixture {
    let body = json!({ "subject": format!("Matrix {n}"), "body": "The printer is on fire" });
    let (status, ticket) = send(server, Some(owner), Method::POST, "/api/v1/tickets", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{ticket}");
    let id = ticket["id"].as_i64().expect("id").to_string();
    let path = format!("/api/v1/tickets/{id}/attachments");
    let form = multipart::Form::new().part("file", file("public.txt", b"public bytes"));
    let (status, public) = upload(server, Some(owner), &path, form).await;
    assert_eq!(status, StatusCode::CREATED, "{public}");
    let form = multipart::Form::new().text("visibility", "internal").part("file", file("trace.txt", b"secret bytes"));
    let (status, note) = upload(server, Some(agent), &path, form).await;
    assert_eq!(status, StatusCode::CREATED, "{note}");
    let file_id = |m: &Value| m["attachments"][0]["id"].as_i64().expect("file").to_string();
    Fixture { ticket: id, public_file: file_id(&public), note_file: file_id(&note) }
}

async fn call(
    server: &TestServer,
    token: Option<&str>,
    op: Op,
    f: &Fixture,
    n: usize,
    user: i64,
) -> (StatusCode, Value) {
    use Op::*;
    let t = &f.ticket;
    let (method, _) = op.route();
    let (path, body): (String, Option<Value>) = match op {
        ListTickets => ("/api/v1/tickets?status=unsolved".into(), None),
        CreateTicket => (
            "/api/v1/tickets".into(),
            Some(json!({ "subject": "Mine", "body": "text", "requester_email": format!("m{n}@example.com") })),
        ),
        GetTicket | DeleteTicket => (format!("/api/v1/tickets/{t}"), None),
        PatchTicket => (format!("/api/v1/tickets/{t}"), Some(json!({ "priority_id": 3 }))),
        ListMessages => (format!("/api/v1/tickets/{t}/messages"), None),
        Reply => (format!("/api/v1/tickets/{t}/messages"), Some(json!({ "body": "A reply" }))),
        Note => (format!("/api/v1/tickets/{t}/messages"), Some(json!({ "body": "A note", "visibility": "internal" }))),
        Upload => {
            let form = multipart::Form::new().part("file", file("more.txt", b"more"));
            return upload(server, token, &format!("/api/v1/tickets/{t}/attachments"), form).await;
        }
        Download => (format!("/api/v1/attachments/{}", f.public_file), None),
        DownloadNoteFile => (format!("/api/v1/attachments/{}", f.note_file), None),
        ListUsers => ("/api/v1/users?role=agent".into(), None),
        GetUser => (format!("/api/v1/users/{user}"), None),
        CreateUser => (
            "/api/v1/users".into(),
            Some(
                json!({ "name": "M", "email": format!("api{n}@example.com"), "password": "matrix password", "role": "agent" }),
            ),
        ),
        ListOrganizations => ("/api/v1/organizations".into(), None),
        Statuses => ("/api/v1/statuses".into(), None),
        Priorities => ("/api/v1/priorities".into(), None),
        Categories => ("/api/v1/categories".into(), None),
        ListTeams => ("/api/v1/teams".into(), None),
        CreateTeam => ("/api/v1/teams".into(), Some(json!({ "name": format!("API team {n}") }))),
    };
    send(server, token, method, &path, body).await
}

#[tokio::test]
async fn every_endpoint_against_every_caller() {
    let server = TestServer::start().await;
    let owner = token(&server, "customer@example.com", ApiScope::Write).await;
    let agent = token(&server, "agent@example.com", ApiScope::Write).await;
    let mut tokens = Vec::new();
    for caller in CALLERS {
        use Caller::*;
        tokens.push(match caller {
            NoToken => None,
            InvalidToken => Some(secret::generate()),
            RevokedToken => Some(revoked_token(&server, "agent@example.com").await),
            ExpiredToken => Some(expired_token(&server, "admin@example.com").await),
            Owner => Some(owner.clone()),
            Colleague => Some(token(&server, "wile@acme.example", ApiScope::Write).await),
            Stranger => Some(token(&server, "hank@globex.example", ApiScope::Write).await),
            SupportAgent => Some(agent.clone()),
            BillingAgent => Some(token(&server, "priya.natarajan@example.com", ApiScope::Write).await),
            ReadOnlyAgent => Some(token(&server, "sam.rivera@example.com", ApiScope::Read).await),
            Admin => Some(token(&server, "admin@example.com", ApiScope::Admin).await),
            WriteScopedAdmin => Some(token(&server, "admin@example.com", ApiScope::Write).await),
        });
    }
    let user = user_id(&server.db, "lee@fastmail.example").await;
    let mut failures = Vec::new();
    let mut succeeded: BTreeSet<(String, &str)> = BTreeSet::new();
    let mut checked = 0;
    for (n, (caller, token)) in CALLERS.into_iter().zip(&tokens).enumerate() {
        let f = fixture(&server, &owner, &agent, n).await;
        for op in OPS {
            let (status, body) = call(&server, token.as_deref(), op, &f, n, user).await;
            checked += 1;
            let want = expected(op, caller);
            if status != want {
                failures.push(format!("{caller:?} {op:?}: got {status}, want {want}: {body}"));
            }
            if status.is_success() {
                let (method, route) = op.route();
                succeeded.insert((method.to_string(), route));
            } else {
                assert!(body["error"]["code"].is_string(), "{caller:?} {op:?}: the error shape: {body}");
            }
        }
    }
    println!("API authorization matrix: {checked} calls, {} unexpected", failures.len());
    assert!(failures.is_empty(), "unexpected results:\n{}", failures.join("\n"));
    assert_eq!(checked, CALLERS.len() * OPS.len());
    assert_eq!(checked, 240);

    // Every operation the document lists is in the matrix, and succeeded for someone.
    let (_, doc) = send(&server, None, Method::GET, "/api/v1/openapi.json", None).await;
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, item)| item.as_object().expect("item").keys().map(move |m| (m.to_uppercase(), path.clone())))
        .collect();
    let matrix: BTreeSet<(String, String)> =
        OPS.iter().map(|op| op.route()).map(|(m, p)| (m.to_string(), p.to_owned())).collect();
    assert_eq!(documented, matrix, "the matrix and the OpenAPI document list the same operations");
    let proven: BTreeSet<(String, String)> = succeeded.into_iter().map(|(m, p)| (m, p.to_owned())).collect();
    assert_eq!(proven, documented, "every documented operation is served");
}
