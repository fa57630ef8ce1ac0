//! `GET /healthz`: 200 when the database answers, 503 when it does not (is the process alive?).
//! `GET /readyz`: 200 when this process can take traffic: the database answers, every migration
//! this binary knows is applied, and a write can begin; 503 with what is missing otherwise.

use crate::state::AppState;
use axum::{Json, extract::State, http::StatusCode};
use migrations::{Migrator, MigratorTrait};
use serde_json::{Value, json};
use std::time::Duration;

/// How long `/readyz` waits for its turn to write before calling the writer busy.
const WRITER_WAIT: Duration = Duration::from_secs(2);

pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    if domain::db::ping(&state.desk.db).await {
        (StatusCode::OK, Json(json!({ "status": "ok", "database": "ok" })))
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "unavailable", "database": "unreachable" })))
    }
}

pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let db = &state.desk.db;
    if !domain::db::ping(db).await {
        let body = json!({ "status": "not_ready", "database": "unreachable" });
        return (StatusCode::SERVICE_UNAVAILABLE, Json(body));
    }
    let migrations = match Migrator::get_pending_migrations(db).await {
        Ok(pending) if pending.is_empty() => "applied".to_owned(),
        Ok(pending) => format!("{} pending", pending.len()),
        // An applied migration this binary does not know: the schema is newer than the binary.
        Err(error) => {
            tracing::warn!(%error, "cannot tell which migrations are applied");
            "unknown".to_owned()
        }
    };
    let writer = if domain::db::writer_ready(db, WRITER_WAIT).await { "ok" } else { "busy" };
    let ready = migrations == "applied" && writer == "ok";
    let body = json!({
        "status": if ready { "ready" } else { "not_ready" },
        "database": "ok",
        "migrations": migrations,
        "writer": writer,
    });
    (if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE }, Json(body))
}
