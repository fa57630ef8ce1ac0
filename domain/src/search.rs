//! The full-text index of tickets: SQLite FTS5 or PostgreSQL tsvector, one document per ticket,
//! written in the same transaction as the ticket or message it indexes. `public_doc` holds what
//! a customer may search (subject, requester, public replies); `internal_doc` holds notes.

use crate::{error::DomainError, ticket_filter::TextTerm, ticket_types::Visibility};
use sea_orm::{
    ConnectionTrait, DbBackend, Statement, Value,
    sea_query::{Expr, Query, SelectStatement},
};

/// Which part of the index a search may look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Subjects, requesters and public messages: what customers may search.
    Public,
    /// Everything, internal notes included: agents.
    All,
}

/// How a person is written into a ticket's document: the name, and the email whole and in pieces,
/// so both `casey@example.com` and `casey` find it. Public for bulk loaders that write documents
/// themselves (the benchmark seed), so that what they write is found the same way.
pub fn person_text(name: &str, email: &str) -> String {
    let pieces: String = email.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    format!("{name} {email} {pieces}")
}

async fn exec(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<(), DomainError> {
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await?;
    Ok(())
}

/// Starts the document of a new ticket with its description (public, like the subject).
pub async fn index_ticket(
    db: &impl ConnectionTrait,
    ticket_id: i64,
    subject: &str,
    requester_name: &str,
    requester_email: &str,
    description: &str,
) -> Result<(), DomainError> {
    let people = person_text(requester_name, requester_email);
    match db.get_database_backend() {
        DbBackend::Postgres => {
            exec(
                db,
                "INSERT INTO ticket_search (ticket_id, public_doc) VALUES \
                 ($1, setweight(to_tsvector('simple', $2), 'A') || to_tsvector('simple', $3) \
                 || to_tsvector('simple', $4))",
                vec![ticket_id.into(), subject.into(), people.into(), description.into()],
            )
            .await
        }
        _ => {
            exec(
                db,
                "INSERT INTO ticket_search (rowid, public_doc, internal_doc) VALUES (?, ?, '')",
                vec![ticket_id.into(), format!("{subject}\n{people}\n{description}").into()],
            )
            .await
        }
    }
}

/// Adds a message's text to its ticket's document.
pub async fn index_message(
    db: &impl ConnectionTrait,
    ticket_id: i64,
    visibility: Visibility,
    text: &str,
) -> Result<(), DomainError> {
    let column = match visibility {
        Visibility::Public => "public_doc",
        Visibility::Internal => "internal_doc",
    };
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => {
            format!("UPDATE ticket_search SET {column} = {column} || to_tsvector('simple', $1) WHERE ticket_id = $2")
        }
        _ => format!("UPDATE ticket_search SET {column} = {column} || char(10) || ? WHERE rowid = ?"),
    };
    exec(db, &sql, vec![text.into(), ticket_id.into()]).await
}

/// Removes a ticket's document (SQLite's FTS table has no foreign key to cascade from).
pub async fn forget(db: &impl ConnectionTrait, ticket_id: i64) -> Result<(), DomainError> {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => "DELETE FROM ticket_search WHERE ticket_id = $1",
        _ => "DELETE FROM ticket_search WHERE rowid = ?",
    };
    exec(db, sql, vec![ticket_id.into()]).await
}

/// Rebuilds a ticket's document from its rows (after messages moved between tickets).
pub async fn reindex(db: &impl ConnectionTrait, ticket_id: i64) -> Result<(), DomainError> {
    use crate::entities::{ticket, ticket_message, user};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let Some(row) = ticket::Entity::find_by_id(ticket_id).one(db).await? else { return Ok(()) };
    let requester = user::Entity::find_by_id(row.requester_id).one(db).await?;
    let (name, email) = requester.map(|u| (u.name, u.email)).unwrap_or_default();
    forget(db, ticket_id).await?;
    index_ticket(db, ticket_id, &row.subject, &name, &email, "").await?;
    let messages = ticket_message::Entity::find()
        .filter(ticket_message::Column::TicketId.eq(ticket_id))
        .order_by_asc(ticket_message::Column::Id)
        .all(db)
        .await?;
    for m in messages {
        let visibility = m.visibility;
        index_message(db, ticket_id, visibility, &m.body).await?;
    }
    Ok(())
}

/// FTS5: every term quoted (so nothing the user types is query syntax), prefix terms starred.
pub(crate) fn fts5_term(t: &TextTerm) -> String {
    let quoted = format!("\"{}\"", t.text.replace('"', "\"\""));
    if t.prefix { format!("{quoted}*") } else { quoted }
}

/// PostgreSQL: each term becomes its own tsquery built by a function, so input is never parsed
/// as tsquery syntax. Placeholders are numbered (`$1`), as sea-query expects for PostgreSQL.
pub(crate) fn pg_term(t: &TextTerm, values: &mut Vec<Value>) -> String {
    pg_term_in("simple", t, values)
}

/// `pg_term` in a text search configuration of the caller's (a constant, never input).
pub(crate) fn pg_term_in(config: &'static str, t: &TextTerm, values: &mut Vec<Value>) -> String {
    if t.prefix {
        let word: String = t.text.chars().filter(|c| c.is_alphanumeric()).collect();
        values.push(format!("{word}:*").into());
        format!("to_tsquery('{config}', ${})", values.len())
    } else {
        values.push(t.text.clone().into());
        format!("phraseto_tsquery('{config}', ${})", values.len())
    }
}

/// The ids of matching tickets with a `score` (lower ranks first), as a subquery to join, or
/// `None` when there are no words to match.
pub fn matching(backend: DbBackend, terms: &[TextTerm], scope: Scope) -> Option<SelectStatement> {
    let positive: Vec<&TextTerm> = terms.iter().filter(|t| !t.negated).collect();
    let negative: Vec<&TextTerm> = terms.iter().filter(|t| t.negated).collect();
    if positive.is_empty() && negative.is_empty() {
        return None;
    }
    let mut select = Query::select();
    match backend {
        DbBackend::Postgres => {
            let doc = match scope {
                Scope::Public => "public_doc",
                Scope::All => "(public_doc || internal_doc)",
            };
            let mut values = Vec::new();
            let mut parts: Vec<String> = positive.iter().map(|t| pg_term(t, &mut values)).collect();
            parts.extend(negative.iter().map(|t| format!("!!{}", pg_term(t, &mut values))));
            let query = parts.join(" && ");
            select
                .column("ticket_id")
                .expr_as(Expr::cust_with_values(format!("-ts_rank({doc}, {query})"), values.clone()), "score")
                .from("ticket_search")
                .and_where(Expr::cust_with_values(format!("{doc} @@ ({query})"), values));
        }
        _ => {
            let column = |expr: String| match scope {
                Scope::Public => format!("{{public_doc}} : ({expr})"),
                Scope::All => expr,
            };
            if positive.is_empty() {
                let any = negative.iter().map(|t| fts5_term(t)).collect::<Vec<_>>().join(" OR ");
                select
                    .expr_as(Expr::cust("id"), "ticket_id")
                    .expr_as(Expr::cust("0.0"), "score")
                    .from("tickets")
                    .and_where(Expr::cust_with_values(
                        "id NOT IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?)",
                        [column(any)],
                    ));
            } else {
                let mut expr = positive.iter().map(|t| fts5_term(t)).collect::<Vec<_>>().join(" AND ");
                for t in &negative {
                    expr = format!("({expr}) NOT {}", fts5_term(t));
                }
                select
                    .expr_as(Expr::cust("rowid"), "ticket_id")
                    .expr_as(Expr::cust("bm25(ticket_search, 1.0, 0.5)"), "score")
                    .from("ticket_search")
                    .and_where(Expr::cust_with_values("ticket_search MATCH ?", [column(expr)]));
            }
        }
    }
    Some(select)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str, negated: bool) -> TextTerm {
        TextTerm { text: text.into(), phrase: false, prefix: false, negated }
    }

    #[test]
    fn fts5_queries_quote_everything_and_restrict_customers() {
        use sea_orm::sea_query::SqliteQueryBuilder;
        let m = matching(DbBackend::Sqlite, &[term("vpn", false), term("say \"hi", true)], Scope::Public).unwrap();
        let (_, values) = m.build(SqliteQueryBuilder);
        assert_eq!(values.0, vec![Value::from(r#"{public_doc} : (("vpn") NOT "say ""hi")"#)]);
        let m = matching(DbBackend::Sqlite, &[term("spam", true)], Scope::All).unwrap();
        assert!(m.to_string(SqliteQueryBuilder).contains("NOT IN"));
        assert!(matching(DbBackend::Sqlite, &[], Scope::All).is_none());
    }

    #[test]
    fn postgres_queries_bind_terms_as_values() {
        use sea_orm::sea_query::PostgresQueryBuilder;
        let prefix = TextTerm { prefix: true, ..term("prin't", false) };
        let m = matching(DbBackend::Postgres, &[prefix, term("x'); drop", true)], Scope::Public).unwrap();
        let (sql, values) = m.build(PostgresQueryBuilder);
        assert!(!sql.contains("drop"), "{sql}");
        assert!(sql.contains("$4") && sql.contains("public_doc @@"), "{sql}");
        assert_eq!(values.0[0], Value::from("print:*"));
    }

    #[test]
    fn emails_are_searchable_whole_and_in_pieces() {
        assert_eq!(person_text("Casey", "casey@example.com"), "Casey casey@example.com casey example com");
    }
}
