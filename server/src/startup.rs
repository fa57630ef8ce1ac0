//! Starting up: logging, the database (connect and migrate), demo data, and serving until a
//! shutdown signal arrives.

use crate::{
    args::{CommonArgs, LogFormat},
    config::{Config, redact},
    http,
    sessions::DbSessionStore,
    state::AppState,
};
use anyhow::Context;
use domain::{attachments::store::FileStore, desk::Desk};
use leptos::config::LeptosOptions;
use migrations::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use std::{ffi::OsStr, io::IsTerminal, net::SocketAddr, time::Duration};
use tracing_subscriber::{EnvFilter, fmt};

pub fn init_tracing(common: &CommonArgs) {
    let no_color = std::env::var_os("NO_COLOR");
    let ansi = log_colours(common.log_format, std::io::stderr().is_terminal(), no_color.as_deref());
    let builder = fmt().with_env_filter(log_filter(&common.log)).with_writer(std::io::stderr).with_ansi(ansi);
    // A second initialisation (tests) keeps the first subscriber.
    let _ = match common.log_format {
        LogFormat::Human => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

/// Whether log lines carry ANSI colour codes: only human-readable lines written to a terminal, and
/// not when `NO_COLOR` is set to anything (no-color.org). A log file, journald or a pipe into
/// another tool would otherwise be full of escape sequences.
fn log_colours(format: LogFormat, stderr_is_terminal: bool, no_color: Option<&OsStr>) -> bool {
    format == LogFormat::Human && stderr_is_terminal && no_color.is_none_or(OsStr::is_empty)
}

/// The filter for `--log`, falling back to `info` when it does not parse. async-imap traces every
/// command it writes, LOGIN with its password, so that target stays off whatever was asked; the
/// migration runner's own lines (three per step) are left to `startup::migrate`'s summary unless
/// asked for by name.
pub fn log_filter(spec: &str) -> EnvFilter {
    let mut filter = EnvFilter::try_new(spec).unwrap_or_else(|_| EnvFilter::new("info"));
    let quiet = ["async_imap::imap_stream=off"]
        .into_iter()
        .chain((!spec.contains("sea_orm_migration")).then_some("sea_orm_migration=warn"));
    for directive in quiet {
        if let Ok(directive) = directive.parse() {
            filter = filter.add_directive(directive);
        }
    }
    filter
}

/// Connects and applies migrations. Errors name the database without its password.
pub async fn open_database(config: &Config) -> anyhow::Result<DatabaseConnection> {
    let shown = redact(&config.database_url);
    let db = domain::db::connect(&config.database_url)
        .await
        .with_context(|| format!("cannot open the database at {shown}"))?;
    let migrating = domain::db::connect_single(&config.database_url)
        .await
        .with_context(|| format!("cannot open the database at {shown}"))?;
    migrate(&migrating).await.with_context(|| format!("cannot migrate the database at {shown}"))?;
    migrating.close().await.ok();
    Ok(db)
}

/// Applies pending migrations one at a time and says how long they took: an upgrade over a big
/// desk shows where its time goes (a step of a second or more is named; steps that rewrite many
/// rows also log their progress).
async fn migrate(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    let pending = Migrator::get_pending_migrations(db).await?;
    if pending.is_empty() {
        return Ok(());
    }
    let total = pending.len();
    tracing::info!(migrations = total, "applying migrations");
    let all = std::time::Instant::now();
    for (done, migration) in pending.iter().enumerate() {
        let name = migration.name().to_owned();
        let started = std::time::Instant::now();
        Migrator::up(db, Some(1)).await?;
        let seconds = started.elapsed().as_secs_f32();
        if seconds >= 1.0 {
            tracing::info!(migration = %name, step = done + 1, of = total, seconds, "migration applied");
        } else {
            tracing::debug!(migration = %name, step = done + 1, of = total, seconds, "migration applied");
        }
    }
    tracing::info!(migrations = total, seconds = all.elapsed().as_secs_f32(), "migrations applied");
    Ok(())
}

/// Seeds the demo people, teams and knowledge base, and with `tickets` two months of demo tickets.
pub async fn seed_demo(db: &DatabaseConnection, tickets: bool, files: Option<&FileStore>) -> anyhow::Result<()> {
    let seeded = seed::demo::seed(db).await.context("seeding demo data")?;
    if seeded.users == 0 {
        tracing::info!("demo data already present");
    } else {
        tracing::info!(
            users = seeded.users,
            teams = seeded.teams,
            organizations = seeded.organizations,
            "demo data seeded"
        );
    }
    let articles = seed::demo_kb::seed(db).await.context("seeding the demo knowledge base")?;
    if articles > 0 {
        tracing::info!(articles, "demo knowledge base seeded");
    }
    if let Some(store) = files {
        let added = seed::demo_kb_files::seed(db, store).await.context("adding the demo articles' files")?;
        if added > 0 {
            tracing::info!(files = added, "demo article files added");
        }
    }
    if tickets {
        let started = std::time::Instant::now();
        let written = seed::demo_tickets::seed(db).await.context("seeding demo tickets")?;
        if written > 0 {
            tracing::info!(tickets = written, seconds = started.elapsed().as_secs_f32(), "demo tickets seeded");
        }
    }
    tracing::info!(
        "demo sign-ins: admin@example.com, agent@example.com, customer@example.com; password {}",
        seed::demo::DEMO_PASSWORD
    );
    Ok(())
}

pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("docket")
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(config.bind)
        .build()
}

/// Builds the application for `config` on an open database: the router and its state, with the
/// live-event tailer running (so it must be called inside the Tokio runtime).
pub fn build_app(config: &Config, db: DatabaseConnection) -> (axum::Router, DbSessionStore) {
    let (router, store, _desk) = build_app_with_desk(config, db);
    (router, store)
}

/// Where attachments and article files live: `<data dir>/files`.
pub fn file_store(config: &Config) -> FileStore {
    FileStore::new(config.data_dir.join("files"), config.attachment_max_bytes)
}

/// `build_app`, also handing back the desk (for the background jobs).
pub fn build_app_with_desk(config: &Config, db: DatabaseConnection) -> (axum::Router, DbSessionStore, Desk) {
    let store = DbSessionStore::new(db.clone());
    let desk = Desk::new(db, file_store(config));
    desk.presence.follow(&desk.live);
    domain::live::tail::spawn(desk.db.clone(), desk.live.clone());
    desk.article_views.spawn_flusher(desk.db.clone());
    let metrics = std::sync::Arc::new(http::metrics::Metrics::new(config.metrics_token.clone()));
    let state = AppState { leptos_options: leptos_options(config), desk: desk.clone(), metrics };
    (http::router(state, store.clone(), config), store, desk)
}

pub async fn serve(config: Config, demo: bool) -> anyhow::Result<()> {
    let db = open_database(&config).await?;
    if demo {
        seed_demo(&db, true, Some(&file_store(&config))).await?;
    }
    if !config.site_root.join("pkg").is_dir() {
        tracing::warn!(
            site_root = %config.site_root.display(),
            "no built site found: pages will render but not hydrate (run `cargo xtask build`)"
        );
    }
    let (router, store, desk) = build_app_with_desk(&config, db.clone());
    let cleanup = store.spawn_cleanup(Duration::from_secs(3600));
    domain::email::settings::set_public_url(&db, &config.public_url).await.context("saving the public URL")?;
    let scheduled = domain::auto_close::backfill(&db).await.context("scheduling solved tickets to close")?;
    if scheduled > 0 {
        tracing::info!(tickets = scheduled, "solved tickets scheduled to close automatically");
    }
    domain::classifier::train::schedule_daily(&db).await.context("scheduling the classifier's training")?;
    let jobs = domain::jobs::registry::runner(db.clone(), domain::clock::Clock::system()).spawn();
    let article_views = desk.article_views.clone();
    let mail = crate::mail::jobs::start(desk, &config).await?;
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    tracing::info!(address = %format!("http://{}", config.bind), "Docket is serving");
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving")?;
    cleanup.abort();
    jobs.abort();
    mail.stop();
    if let Err(err) = article_views.flush(&db).await {
        tracing::warn!(error = %err, "the last article views were not written");
    }
    db.close().await.ok();
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing open requests");
}

#[cfg(test)]
mod tests {
    use super::{LogFormat, OsStr, log_colours};

    #[test]
    fn colours_only_for_people_at_a_terminal() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        // (format, stderr is a terminal, NO_COLOR, colours)
        let table = [
            (LogFormat::Human, true, None, true),
            (LogFormat::Human, true, empty, true),
            (LogFormat::Human, false, None, false),
            (LogFormat::Human, true, set, false),
            (LogFormat::Json, true, None, false),
            (LogFormat::Json, false, None, false),
        ];
        for (format, terminal, no_color, expected) in table {
            assert_eq!(log_colours(format, terminal, no_color), expected, "{format:?} {terminal} {no_color:?}");
        }
    }
}
