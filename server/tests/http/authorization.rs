//! The authorization matrix: every endpoint the server answers (each registered server
//! function, each operation of the OpenAPI document, each route the router declares beside
//! them) has rows, and every row is called by every caller of its surface with a realistic
//! input, expecting exactly the outcome the row states for that caller.

use crate::{
    api_support::send,
    matrix::{Outcome, Row, judge, send as send_row},
    matrix_functions, matrix_routes,
    roles::{Caller, Roles, SESSION_CALLERS, TOKEN_CALLERS},
    targets::Targets,
};
use reqwest::Method;
use std::collections::{BTreeMap, BTreeSet};

type Endpoint = (String, String);

/// The rows of a browser session's run, in the order they are called.
fn session_rows(t: &Targets) -> Vec<Row> {
    let mut rows = matrix_functions::rows(t);
    rows.extend(matrix_routes::site_rows(t));
    rows.extend(matrix_functions::closing_rows(t));
    rows
}

/// The routes a router source file declares with `.route("path", method(…))`. `any(…)` routes
/// are the API's answer to unknown paths, not endpoints.
fn declared_routes(source: &str) -> Vec<Endpoint> {
    source
        .split(".route(")
        .skip(1)
        .filter_map(|rest| {
            let (path, rest) = rest.trim_start().strip_prefix('"')?.split_once('"')?;
            let (method, _) = rest.trim_start().strip_prefix(',')?.trim_start().split_once('(')?;
            (method != "any").then(|| (method.to_uppercase(), path.to_owned()))
        })
        .collect()
}

/// Every endpoint the server answers, and what is wrong with how server functions are served.
async fn served(roles: &Roles) -> (BTreeSet<Endpoint>, Vec<String>) {
    let mut problems = Vec::new();
    let mut served = BTreeSet::new();
    for (path, method) in server_fn::axum::server_fn_paths() {
        if method != Method::POST || !path.starts_with("/fn/") {
            problems.push(format!("{method} {path}: server functions are POST under /fn/ (no GET encodings)"));
        }
        served.insert((method.to_string(), path.to_owned()));
    }
    let (_, doc) = send(&roles.server, None, Method::GET, "/api/v1/openapi.json", None).await;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("operations").keys() {
            served.insert((method.to_uppercase(), path.clone()));
        }
    }
    served.extend(declared_routes(include_str!("../../src/http/mod.rs")));
    served.extend(declared_routes(include_str!("../../src/http/api/mod.rs")));
    (served, problems)
}

/// Endpoints without rows, rows without endpoints, and endpoints that no row shows working.
fn coverage(served: &BTreeSet<Endpoint>, rows: &[Row]) -> Vec<String> {
    let mut allowed: BTreeMap<Endpoint, bool> = BTreeMap::new();
    for row in rows {
        let works = row.outcomes().iter().any(|(_, outcome)| *outcome == Outcome::Allowed);
        *allowed.entry(row.endpoint()).or_default() |= works;
    }
    let listed: BTreeSet<Endpoint> = allowed.keys().cloned().collect();
    let mut problems: Vec<String> =
        served.difference(&listed).map(|(method, route)| format!("{method} {route}: no row in the matrix")).collect();
    problems.extend(listed.difference(served).map(|(method, route)| format!("{method} {route}: not served")));
    problems.extend(
        allowed.iter().filter(|(_, works)| !**works).map(|((m, r), _)| format!("{m} {r}: no row where someone may")),
    );
    problems
}

async fn run(roles: &Roles, caller: Caller, rows: &[Row], failures: &mut Vec<String>) -> usize {
    let mut calls = 0;
    for row in rows {
        let Some((_, want)) = row.outcomes().into_iter().find(|(c, _)| *c == caller) else { continue };
        let (status, body) = send_row(roles, caller, row).await;
        calls += 1;
        failures.extend(judge(row, caller, want, status, &body));
    }
    calls
}

#[tokio::test]
async fn every_endpoint_against_every_role() {
    let roles = Roles::start().await;
    let (served, mut failures) = served(&roles).await;
    let sample = Targets::default();
    let mut rows = session_rows(&sample);
    rows.extend(matrix_routes::api_rows(&sample));
    failures.extend(coverage(&served, &rows));

    let mut calls = 0;
    for caller in SESSION_CALLERS.into_iter().chain([Caller::LinkHolder, Caller::Manager]) {
        let targets = Targets::make(&roles, caller).await;
        calls += run(&roles, caller, &session_rows(&targets), &mut failures).await;
    }
    for caller in TOKEN_CALLERS.into_iter().chain([Caller::Manager]) {
        let targets = Targets::make(&roles, caller).await;
        calls += run(&roles, caller, &matrix_routes::api_rows(&targets), &mut failures).await;
    }
    println!("authorization matrix: {} endpoints, {calls} calls, {} failures", served.len(), failures.len());
    assert!(failures.is_empty(), "{} unexpected:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(calls, rows.iter().map(|row| row.outcomes().len()).sum::<usize>(), "every row for every caller");
}

#[test]
fn routes_are_read_from_the_router_source() {
    let source = r#"
        .route("/healthz", get(health::healthz))
        .route(
            "/api/docs",
            get(move || async move { page() }),
        )
        .route("/inbound/mail/{id}", post(receive))
        .route("/api/v1/{*rest}", any(not_found))
        .route_layer(from_fn(auth))
    "#;
    let expected = [("GET", "/healthz"), ("GET", "/api/docs"), ("POST", "/inbound/mail/{id}")];
    let expected: Vec<Endpoint> = expected.iter().map(|(m, p)| ((*m).to_owned(), (*p).to_owned())).collect();
    assert_eq!(declared_routes(source), expected);
}
