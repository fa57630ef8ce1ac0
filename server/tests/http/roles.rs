//! The shared role fixture: one server, a browser session per role (each signed in once), an
//! API token per kind of token holder, and the things every run of the authorization matrix
//! reads without changing (files on a ticket, the mailboxes that take mail over HTTP).

use crate::{
    api_support::{expired_token, file, revoked_token, script, send, token, upload},
    support::{TestServer, user_id},
};
use domain::{
    Actor,
    api_tokens::{ApiScope, secret},
    email::mailboxes,
    email_types::MailboxInput,
};
use reqwest::{Client, Method, StatusCode, multipart};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Who calls. The first six are the roles of both surfaces (a browser session for server
/// functions and site routes, a bearer token for the REST API); the rest exist on the API only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caller {
    /// No session, or no token.
    Anonymous,
    /// The requester of the tickets the calls act on: a customer of Acme, which shares tickets.
    Owner,
    /// Another customer of Acme: Acme shares tickets, so they see and answer the owner's.
    Colleague,
    /// A customer of Globex: the owner's tickets do not exist for them.
    Stranger,
    /// An agent of the Support team (a write-scoped token on the API).
    Agent,
    /// An admin (an admin-scoped token on the API).
    Admin,
    /// The owner, by a magic link to the ticket most calls act on (`Targets::ticket`): a
    /// session limited to that ticket. A session caller, after the six.
    LinkHolder,
    /// Support's manager: an agent who also runs Support (a write-scoped token on the API). A
    /// caller of both surfaces, after the others; it gets the agent's outcome unless a row
    /// says otherwise (`Row::manager`).
    Manager,
    /// A well-formed token that was never issued.
    InvalidToken,
    RevokedToken,
    ExpiredToken,
    /// An agent of the Billing team, with a write-scoped token.
    BillingAgent,
    /// An agent's read-scoped token.
    ReadOnlyAgent,
    /// An admin's write-scoped token: the admin endpoints need the admin scope.
    WriteScopedAdmin,
}

use Caller::*;

/// The callers of server functions and site routes, in the order of a row's outcomes.
pub const SESSION_CALLERS: [Caller; 6] = [Anonymous, Owner, Colleague, Stranger, Agent, Admin];

/// The callers of the REST API, in the order of a row's outcomes.
pub const TOKEN_CALLERS: [Caller; 12] = [
    Anonymous,
    InvalidToken,
    RevokedToken,
    ExpiredToken,
    Owner,
    Colleague,
    Stranger,
    Agent,
    BillingAgent,
    ReadOnlyAgent,
    Admin,
    WriteScopedAdmin,
];

/// Another agent, whose views, tokens and notifications the callers may not touch.
pub const OTHER_AGENT: &str = "jordan.lee@example.com";

impl Caller {
    /// The demo user behind the caller, if any.
    pub fn email(self) -> Option<&'static str> {
        match self {
            Anonymous | InvalidToken | RevokedToken | ExpiredToken | LinkHolder => None,
            Manager => Some("robin.reyes@example.com"),
            Owner => Some("customer@example.com"),
            Colleague => Some("wile@acme.example"),
            Stranger => Some("hank@globex.example"),
            Agent => Some("agent@example.com"),
            Admin | WriteScopedAdmin => Some("admin@example.com"),
            BillingAgent => Some("priya.natarajan@example.com"),
            ReadOnlyAgent => Some("sam.rivera@example.com"),
        }
    }

    pub fn is_staff(self) -> bool {
        matches!(self, Agent | Admin | BillingAgent | ReadOnlyAgent | WriteScopedAdmin | Manager)
    }
}

/// What every run reads and nobody changes.
pub struct Shared {
    /// A file the owner attached to a reply, and one an agent attached to an internal note.
    pub public_file: i64,
    pub note_file: i64,
    /// A mailbox taking mail over HTTP, and its secret.
    pub intake: (i64, String),
    /// One that rejects mail from unknown senders: what it rejects can be reprocessed.
    pub strict: (i64, String),
}

pub struct Roles {
    pub server: TestServer,
    sessions: Vec<(Caller, Client)>,
    /// The link holder's browser, opened by `Targets::make` for its run's ticket.
    link_session: std::sync::Mutex<Option<Client>>,
    tokens: Vec<(Caller, String)>,
    pub shared: Shared,
    runs: AtomicUsize,
}

impl Roles {
    pub async fn start() -> Roles {
        let server = TestServer::start().await;
        let mut sessions = Vec::new();
        for caller in SESSION_CALLERS.into_iter().chain([Manager]) {
            if let Some(email) = caller.email() {
                sessions.push((caller, server.signed_in(email).await));
            }
        }
        let mut tokens = Vec::new();
        for caller in TOKEN_CALLERS.into_iter().chain([Manager]) {
            let secret = match caller {
                Anonymous => continue,
                InvalidToken => secret::generate(),
                RevokedToken => revoked_token(&server, "agent@example.com").await,
                ExpiredToken => expired_token(&server, "admin@example.com").await,
                _ => {
                    let scope = match caller {
                        ReadOnlyAgent => ApiScope::Read,
                        Admin => ApiScope::Admin,
                        _ => ApiScope::Write,
                    };
                    token(&server, caller.email().expect("a user"), scope).await
                }
            };
            tokens.push((caller, secret));
        }
        let shared = Shared {
            public_file: 0,
            note_file: 0,
            intake: http_mailbox(&server, "intake@docket.test", false).await,
            strict: http_mailbox(&server, "strict@docket.test", true).await,
        };
        let mut roles =
            Roles { server, sessions, tokens, link_session: Default::default(), shared, runs: AtomicUsize::new(0) };
        (roles.shared.public_file, roles.shared.note_file) = roles.files().await;
        roles
    }

    /// The caller's browser. Visitors get a new one for every call: a successful sign-in or
    /// sign-up must not make the next call a signed-in one.
    pub fn session(&self, caller: Caller) -> Client {
        if caller == LinkHolder {
            let link = self.link_session.lock().expect("link session");
            return link.clone().expect("Targets::make opens the link holder's session first");
        }
        match self.sessions.iter().find(|(c, _)| *c == caller) {
            Some((_, client)) => client.clone(),
            None if caller == Anonymous => self.server.client(),
            None => panic!("{caller:?} has no session"),
        }
    }

    /// The caller's API token; none for visitors.
    pub fn token(&self, caller: Caller) -> Option<&str> {
        match self.tokens.iter().find(|(c, _)| *c == caller) {
            Some((_, secret)) => Some(secret),
            None if caller == Anonymous => None,
            None => panic!("{caller:?} has no token"),
        }
    }

    /// Opens a magic link to `ticket` for the owner in a new browser: the link holder's session.
    pub async fn open_link(&self, ticket: i64) {
        let owner = self.user("customer@example.com").await;
        let base = "http://docket.test";
        let url = domain::access::links::issue(&self.server.db, base, ticket, owner, domain::clock::now())
            .await
            .expect("a link");
        let client = self.server.client();
        let res = client.get(self.server.url(&url[base.len()..])).send().await.expect("open the link");
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let location = res.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().to_owned();
        assert_eq!(location, format!("/portal/tickets/{ticket}"));
        *self.link_session.lock().expect("link session") = Some(client);
    }

    /// A number of its own for each run of the matrix, for names that must be unique.
    pub fn next_run(&self) -> usize {
        self.runs.fetch_add(1, Ordering::Relaxed)
    }

    /// A ticket of the owner's with a public file, and an internal note carrying a file.
    async fn files(&self) -> (i64, i64) {
        let (owner, agent) = (self.token(Owner), self.token(Agent));
        let body = json!({ "subject": "Files for the matrix", "body": "Logs attached" });
        let (status, ticket) = send(&self.server, owner, Method::POST, "/api/v1/tickets", Some(body)).await;
        assert_eq!(status, StatusCode::CREATED, "{ticket}");
        let path = format!("/api/v1/tickets/{}/attachments", ticket["id"]);
        let form = multipart::Form::new().part("file", file("public.txt", b"public bytes"));
        let (status, public) = upload(&self.server, owner, &path, form).await;
        assert_eq!(status, StatusCode::CREATED, "{public}");
        let form = multipart::Form::new().text("visibility", "internal").part("file", file("trace.txt", b"secret"));
        let (status, note) = upload(&self.server, agent, &path, form).await;
        assert_eq!(status, StatusCode::CREATED, "{note}");
        let file_id = |m: &Value| m["attachments"][0]["id"].as_i64().expect("a file");
        (file_id(&public), file_id(&note))
    }

    /// Posts a raw message to a mailbox over HTTP with its secret; the log entry's JSON.
    pub async fn deliver(&self, (mailbox, secret): &(i64, String), raw: String) -> Value {
        let res = script(&self.server)
            .post(self.server.url(&format!("/inbound/mail/{mailbox}")))
            .bearer_auth(secret)
            .body(raw)
            .send()
            .await
            .expect("deliver");
        assert_eq!(res.status(), StatusCode::ACCEPTED);
        res.json().await.expect("json")
    }

    pub async fn user(&self, email: &str) -> i64 {
        user_id(&self.server.db, email).await
    }
}

/// A raw message from `from`, unique by `id`.
pub fn raw_mail(from: &str, to: &str, id: &str) -> String {
    format!(
        "From: <{from}>\r\nTo: <{to}>\r\nSubject: Matrix mail {id}\r\nMessage-ID: <{id}@matrix.test>\r\n\r\nHello.\r\n"
    )
}

async fn http_mailbox(server: &TestServer, address: &str, reject_unknown: bool) -> (i64, String) {
    let input = MailboxInput {
        name: address.into(),
        address: address.into(),
        inbound: "http".into(),
        smtp_security: "none".into(),
        reject_unknown,
        active: true,
        ..Default::default()
    };
    let view = mailboxes::create(&server.db, &Actor::System, input).await.expect("mailbox");
    let secret = mailboxes::new_http_secret(&server.db, &Actor::System, view.id).await.expect("secret");
    (view.id, secret)
}
