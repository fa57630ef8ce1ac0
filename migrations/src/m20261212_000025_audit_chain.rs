//! Step 25: the audit log becomes a hash chain and append-only. Each entry gets `seq` (its place
//! in the chain, from 1), `prev_hash` (the hash of the entry before; empty for the first) and
//! `hash`. Entries written before this step are sealed here, in id order, with the chain's
//! definition v1 below (frozen: `domain::audit::chain` computes the same). Then triggers refuse
//! every UPDATE and DELETE of an entry (and TRUNCATE on PostgreSQL).

use sea_orm_migration::{
    prelude::*,
    sea_orm::{ConnectionTrait, DbBackend, Statement, prelude::DateTimeUtc},
};
use sha2::{Digest, Sha256};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The chain's definition v1: SHA-256 over the entry's parts, each prefixed by its length.
fn entry_hash_v1(prev_hash: &str, seq: i64, entry: &Legacy) -> String {
    let seq = seq.to_string();
    let at = entry.at.timestamp_micros().to_string();
    let actor = entry.actor_user_id.map(|id| id.to_string()).unwrap_or_default();
    let target = entry.target_id.map(|id| id.to_string()).unwrap_or_default();
    let parts: [&[u8]; 9] = [
        b"docket-audit-v1",
        prev_hash.as_bytes(),
        seq.as_bytes(),
        at.as_bytes(),
        actor.as_bytes(),
        entry.action.as_bytes(),
        entry.target_kind.as_bytes(),
        target.as_bytes(),
        entry.detail.as_bytes(),
    ];
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

struct Legacy {
    id: i64,
    at: DateTimeUtc,
    actor_user_id: Option<i64>,
    action: String,
    target_kind: String,
    target_id: Option<i64>,
    detail: String,
}

const SQLITE_TRIGGERS: [&str; 2] = [
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
];

const POSTGRES_TRIGGERS: [&str; 3] = [
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
     BEGIN RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP; END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log \
     FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ColumnDef::new("seq").big_integer().null().to_owned(),
            ColumnDef::new("prev_hash").string_len(64).null().to_owned(),
            ColumnDef::new("hash").string_len(64).null().to_owned(),
        ] {
            m.alter_table(Table::alter().table("audit_log").add_column(column).to_owned()).await?;
        }
        seal_existing(m).await?;
        m.create_index(Index::create().name("ux_audit_log_seq").table("audit_log").col("seq").unique().to_owned())
            .await?;
        for (name, columns) in [
            ("ix_audit_log_actor", ["actor_user_id", "seq"]),
            ("ix_audit_log_target", ["target_kind", "target_id"]),
            ("ix_audit_log_action", ["action", "seq"]),
        ] {
            let mut index = Index::create().name(name).table("audit_log").to_owned();
            for column in columns {
                index.col(column);
            }
            m.create_index(index).await?;
        }
        let db = m.get_connection();
        let triggers: &[&str] =
            if db.get_database_backend() == DbBackend::Postgres { &POSTGRES_TRIGGERS } else { &SQLITE_TRIGGERS };
        for sql in triggers {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if db.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared("DROP TRIGGER audit_log_append_only ON audit_log").await?;
            db.execute_unprepared("DROP TRIGGER audit_log_no_truncate ON audit_log").await?;
            db.execute_unprepared("DROP FUNCTION audit_log_append_only()").await?;
        } else {
            db.execute_unprepared("DROP TRIGGER audit_log_no_update").await?;
            db.execute_unprepared("DROP TRIGGER audit_log_no_delete").await?;
        }
        for name in ["ix_audit_log_action", "ix_audit_log_target", "ix_audit_log_actor", "ux_audit_log_seq"] {
            m.drop_index(Index::drop().name(name).table("audit_log").to_owned()).await?;
        }
        for column in ["hash", "prev_hash", "seq"] {
            m.alter_table(Table::alter().table("audit_log").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

/// Seals the entries written before the chain, oldest first, reporting progress on big logs.
async fn seal_existing(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT id, at, actor_user_id, action, target_kind, target_id, detail FROM audit_log ORDER BY id",
        ))
        .await?;
    let total = rows.len();
    let started = std::time::Instant::now();
    let update = match backend {
        DbBackend::Postgres => "UPDATE audit_log SET seq = $1, prev_hash = $2, hash = $3 WHERE id = $4",
        _ => "UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?",
    };
    let mut prev_hash = String::new();
    for (done, row) in rows.into_iter().enumerate() {
        let entry = Legacy {
            id: row.try_get("", "id")?,
            at: row.try_get("", "at")?,
            actor_user_id: row.try_get("", "actor_user_id")?,
            action: row.try_get("", "action")?,
            target_kind: row.try_get("", "target_kind")?,
            target_id: row.try_get("", "target_id")?,
            detail: row.try_get("", "detail")?,
        };
        let seq = done as i64 + 1;
        let hash = entry_hash_v1(&prev_hash, seq, &entry);
        let values = [seq.into(), prev_hash.clone().into(), hash.clone().into(), entry.id.into()];
        db.execute_raw(Statement::from_sql_and_values(backend, update, values)).await?;
        prev_hash = hash;
        if (done + 1) % 10_000 == 0 {
            tracing::info!(sealed = done + 1, total, seconds = started.elapsed().as_secs(), "sealing the audit log");
        }
    }
    if total > 0 {
        tracing::info!(sealed = total, seconds = started.elapsed().as_secs_f32(), "audit log sealed into a chain");
    }
    Ok(())
}
