//! The authorization matrix's vocabulary: a row is one call (an endpoint with a realistic input)
//! and the outcome each caller must get; sending a row as a caller, and judging the answer.

use crate::{
    api_support::script,
    roles::{Caller, Roles, SESSION_CALLERS, TOKEN_CALLERS},
};
use reqwest::{Method, StatusCode, header::CONTENT_TYPE, multipart};
use serde_json::Value;

/// What a caller must get: exactly one status, and for refusals the matching error code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The row's success status (200 for server functions; 200, 201 or 204 on the API).
    Allowed,
    /// 422, only where a validation error is the right answer to this caller's input.
    Invalid,
    /// 422, `invalid_transition`: what the call acts on is past the state it needs (a link
    /// already used).
    Spent,
    /// 401: sign in, or send a valid token.
    SignIn,
    /// 403: known, but not allowed.
    Denied,
    /// 404: the thing does not exist for this caller.
    Hidden,
}

impl Outcome {
    /// The status of a refusal, and its error code.
    fn refusal(self) -> Option<(StatusCode, &'static str)> {
        match self {
            Outcome::Allowed => None,
            Outcome::Invalid => Some((StatusCode::UNPROCESSABLE_ENTITY, "validation")),
            Outcome::Spent => Some((StatusCode::UNPROCESSABLE_ENTITY, "invalid_transition")),
            Outcome::SignIn => Some((StatusCode::UNAUTHORIZED, "unauthenticated")),
            Outcome::Denied => Some((StatusCode::FORBIDDEN, "forbidden")),
            Outcome::Hidden => Some((StatusCode::NOT_FOUND, "not_found")),
        }
    }
}

/// The outcomes of a row, one per caller of its surface, in that surface's order.
pub enum Expect {
    /// Browser sessions: `SESSION_CALLERS`.
    Session([Outcome; 6]),
    /// API tokens: `TOKEN_CALLERS`.
    Token([Outcome; 12]),
}

pub enum Body {
    Empty,
    Form(Vec<(String, String)>),
    /// Text fields, and files as (field, file name, bytes).
    Multipart(Vec<(String, String)>, Vec<(&'static str, &'static str, &'static [u8])>),
    Json(Value),
    Raw(String),
}

/// Form fields from pairs whose values are anything printable (ids, names, literals).
macro_rules! form {
    ($(($key:expr, $value:expr)),* $(,)?) => {
        vec![$(($key.to_string(), $value.to_string())),*]
    };
}
pub(crate) use form;

pub struct Row {
    pub method: Method,
    /// The route as the server registers it (`/fn/get_ticket`, `/api/v1/tickets/{id}`).
    pub route: String,
    /// What the input is, where one route has several rows.
    pub case: &'static str,
    pub path: String,
    pub body: Body,
    /// A secret of its own (a mailbox's), sent instead of the caller's token.
    pub bearer: Option<String>,
    pub success: StatusCode,
    pub expect: Expect,
    /// The link holder's outcome (session rows only); without one, the visitor's: a magic link
    /// opens its ticket and nothing more.
    pub link: Option<Outcome>,
    /// The manager's outcome, where it is not the agent's: a manager is an agent who also runs
    /// their own teams.
    pub manager: Option<Outcome>,
    /// What an allowed answer must also say, for this caller.
    pub check: Option<fn(Caller, &Value) -> bool>,
}

/// A server function, called as the hydrated app calls it: a form-encoded POST, JSON back.
pub fn function(name: &str, form: Vec<(String, String)>, expect: [Outcome; 6]) -> Row {
    let route = format!("/fn/{name}");
    Row { body: Body::Form(form), ..row(Method::POST, &route, route.clone(), Expect::Session(expect)) }
}

/// A server function that takes a multipart form (attachments).
pub fn with_files(
    name: &str,
    fields: Vec<(String, String)>,
    files: Vec<(&'static str, &'static str, &'static [u8])>,
    expect: [Outcome; 6],
) -> Row {
    Row { body: Body::Multipart(fields, files), ..function(name, Vec::new(), expect) }
}

/// A route outside the API, called with the caller's session cookie.
pub fn site(method: Method, route: &str, path: String, expect: [Outcome; 6]) -> Row {
    row(method, route, path, Expect::Session(expect))
}

/// A REST API operation, called with the caller's bearer token.
pub fn api(method: Method, route: &str, path: String, body: Option<Value>, expect: [Outcome; 12]) -> Row {
    let success = match method {
        Method::POST => StatusCode::CREATED,
        Method::DELETE => StatusCode::NO_CONTENT,
        _ => StatusCode::OK,
    };
    let body = body.map_or(Body::Empty, Body::Json);
    Row { success, body, ..row(method, route, path, Expect::Token(expect)) }
}

fn row(method: Method, route: &str, path: String, expect: Expect) -> Row {
    Row {
        method,
        route: route.to_owned(),
        case: "",
        path,
        body: Body::Empty,
        bearer: None,
        success: StatusCode::OK,
        expect,
        link: None,
        manager: None,
        check: None,
    }
}

impl Row {
    pub fn case(self, case: &'static str) -> Row {
        Row { case, ..self }
    }

    pub fn body(self, body: Body) -> Row {
        Row { body, ..self }
    }

    pub fn bearer(self, secret: &str) -> Row {
        Row { bearer: Some(secret.to_owned()), ..self }
    }

    pub fn succeeds_with(self, success: StatusCode) -> Row {
        Row { success, ..self }
    }

    /// The link holder's outcome, where it is not the visitor's.
    pub fn link(self, outcome: Outcome) -> Row {
        Row { link: Some(outcome), ..self }
    }

    /// The manager's outcome, where it is not the agent's.
    pub fn manager(self, outcome: Outcome) -> Row {
        Row { manager: Some(outcome), ..self }
    }

    pub fn checked(self, check: fn(Caller, &Value) -> bool) -> Row {
        Row { check: Some(check), ..self }
    }

    /// The endpoint as the server lists it: method and route.
    pub fn endpoint(&self) -> (String, String) {
        (self.method.to_string(), self.route.clone())
    }

    pub fn name(&self) -> String {
        match self.case {
            "" => format!("{} {}", self.method, self.route),
            case => format!("{} {} ({case})", self.method, self.route),
        }
    }

    /// Each caller of the row's surface with the outcome it must get.
    pub fn outcomes(&self) -> Vec<(Caller, Outcome)> {
        match &self.expect {
            Expect::Session(outcomes) => SESSION_CALLERS
                .into_iter()
                .zip(*outcomes)
                .chain([(Caller::LinkHolder, self.link.unwrap_or(outcomes[0]))])
                .chain([(Caller::Manager, self.manager.unwrap_or(outcomes[4]))])
                .collect(),
            Expect::Token(outcomes) => TOKEN_CALLERS
                .into_iter()
                .zip(*outcomes)
                .chain([(Caller::Manager, self.manager.unwrap_or(outcomes[7]))])
                .collect(),
        }
    }

    fn is_function(&self) -> bool {
        self.route.starts_with("/fn/")
    }
}

/// Sends the row as `caller`: with the caller's browser session, or with its API token.
pub async fn send(roles: &Roles, caller: Caller, row: &Row) -> (StatusCode, Value) {
    let (client, token) = match row.expect {
        Expect::Session(_) => (roles.session(caller), None),
        Expect::Token(_) => (script(&roles.server), roles.token(caller)),
    };
    let mut req = client.request(row.method.clone(), roles.server.url(&row.path));
    if row.is_function() {
        req = req.header("accept", "application/json");
    }
    if let Some(secret) = row.bearer.as_deref().or(token) {
        req = req.bearer_auth(secret);
    }
    req = match &row.body {
        Body::Empty => req,
        Body::Form(fields) => req.form(fields),
        Body::Json(json) => req.json(json),
        Body::Raw(text) => req.body(text.clone()),
        Body::Multipart(fields, files) => {
            let mut form = multipart::Form::new();
            for (name, value) in fields {
                form = form.text(name.clone(), value.clone());
            }
            for (field, file_name, bytes) in files {
                form = form.part(*field, multipart::Part::bytes(*bytes).file_name(*file_name));
            }
            req.multipart(form)
        }
    };
    let res = req.send().await.expect("request");
    let status = res.status();
    let stream = res.headers().get(CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"));
    if stream {
        // An event stream does not end; its status is the answer.
        return (status, Value::Null);
    }
    let text = res.text().await.expect("body");
    let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
    (status, body)
}

/// Why the answer is not the one `caller` must get, if it is not.
pub fn judge(row: &Row, caller: Caller, want: Outcome, status: StatusCode, body: &Value) -> Option<String> {
    let mut shown = body.to_string();
    if shown.len() > 300 {
        shown = format!("{}…", shown.chars().take(300).collect::<String>());
    }
    let name = row.name();
    let Some((refused, code)) = want.refusal() else {
        if status != row.success {
            return Some(format!("{caller:?} {name}: got {status}, want {} ({want:?}): {shown}", row.success));
        }
        let wrong = row.check.is_some_and(|check| !check(caller, body));
        return wrong.then(|| format!("{caller:?} {name}: allowed, but the answer is wrong: {shown}"));
    };
    if status != refused {
        return Some(format!("{caller:?} {name}: got {status}, want {refused} ({want:?}): {shown}"));
    }
    // Server functions answer `{code, message, fields}`; the API and the site's routes wrap it.
    let error = if row.is_function() { &body["code"] } else { &body["error"]["code"] };
    (error != code).then(|| format!("{caller:?} {name}: error code {error}, want \"{code}\": {shown}"))
}
