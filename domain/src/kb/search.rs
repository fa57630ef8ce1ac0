//! Article search: the tickets' query language (words, `"phrases"`, `prefix*`, `-word`, plus
//! `tag:` and `category:`) over the article index, ranked by the engine (FTS5 `bm25`, PostgreSQL
//! `ts_rank`), English words stemmed ("refund" finds "refunds"), with the matches marked in the
//! title and a snippet. Only what the reader may read is ever matched: the visibility and state
//! conditions are part of the statement.

use crate::{
    entities::{kb_article, kb_category},
    error::DomainError,
    kb::{
        summaries::summaries,
        types::{ArticleHit, split_marked},
    },
    policy::{Actor, article_reading},
    search::{fts5_term, pg_term_in},
    ticket_filter::{TextTerm, TicketFilter},
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, Statement, Value};
use std::collections::HashMap;

/// A parsed article search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleQuery {
    pub terms: Vec<TextTerm>,
    pub tags: Vec<String>,
    /// Category slugs or names, lower-cased.
    pub categories: Vec<String>,
}

impl ArticleQuery {
    /// Parses what a reader typed in a search box. The ticket-only filters are refused with a
    /// message that says what articles can be searched by.
    pub fn parse(input: &str) -> Result<ArticleQuery, DomainError> {
        let f = TicketFilter::parse(input).map_err(|m| DomainError::field("q", m))?;
        let ticket_only = !(f.status.is_empty()
            && f.priority.is_empty()
            && f.team.is_empty()
            && f.assignee.is_empty()
            && f.requester.is_empty()
            && f.organization.is_empty()
            && f.channel.is_empty()
            && f.sla.is_empty())
            || f.breached.is_some()
            || f.due_within.is_some()
            || f.due_beyond.is_some()
            || f.created_from.is_some()
            || f.created_before.is_some()
            || f.updated_from.is_some()
            || f.updated_before.is_some();
        if ticket_only {
            return Err(DomainError::field("q", "Search articles by words, \"phrases\", tag: and category:"));
        }
        Ok(ArticleQuery { terms: f.text, tags: f.tag, categories: f.category })
    }

    /// The words of free text (a request being typed): the first 16 distinct words of three or
    /// more letters that are not stop words (the subject comes first, and each word more makes
    /// the engine score more matches); the last one is a prefix while it is still being typed.
    pub fn from_typing(text: &str) -> ArticleQuery {
        let mut terms: Vec<TextTerm> = Vec::new();
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .filter(|w| !STOP_WORDS.contains(&w.as_str()))
            .collect();
        let still_typing = text.chars().last().is_some_and(char::is_alphanumeric);
        let last = words.len().saturating_sub(1);
        for (i, word) in words.into_iter().enumerate() {
            if terms.len() == TYPED_WORDS {
                break;
            }
            let prefix = still_typing && i == last;
            if let Some(t) = terms.iter_mut().find(|t| t.text == word) {
                t.prefix &= prefix;
                continue;
            }
            terms.push(TextTerm { text: word, phrase: false, prefix, negated: false });
        }
        ArticleQuery { terms, ..ArticleQuery::default() }
    }

    pub fn is_empty(&self) -> bool {
        !self.terms.iter().any(|t| !t.negated) && self.tags.is_empty() && self.categories.is_empty()
    }
}

/// How many words of a request being typed go into its search.
pub const TYPED_WORDS: usize = 16;

/// Words too common to tell one problem from another.
pub const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was", "one", "our", "out",
    "has", "have", "him", "his", "how", "its", "may", "new", "now", "see", "way", "who", "did", "get", "got", "let",
    "she", "too", "use", "this", "that", "with", "from", "they", "will", "would", "there", "their", "what", "when",
    "where", "which", "while", "about", "into", "than", "then", "them", "these", "those", "been", "being", "were",
    "some", "could", "should", "does", "doing", "just", "also", "very", "your", "yours", "mine", "please", "thanks",
    "thank", "hello", "dear", "regards", "help", "need", "want", "since", "still", "after", "before", "again",
];

/// How the words of a query combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    /// Every word must appear (a search box).
    All,
    /// Any word may appear, the best matches first (suggestions while typing).
    Any,
}

/// A page of results and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResults {
    pub hits: Vec<ArticleHit>,
    pub total: u64,
}

#[derive(FromQueryResult)]
struct Row {
    id: i64,
    title_marked: String,
    snippet_marked: String,
}

#[derive(FromQueryResult)]
struct Count {
    n: i64,
}

/// A statement under construction, with placeholders in the backend's style.
struct Sql {
    backend: DbBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => format!("${}", self.values.len()),
            _ => "?".to_owned(),
        }
    }

    fn list<T: Into<Value> + Clone>(&mut self, items: &[T]) -> String {
        items.iter().map(|v| self.bind(v.clone())).collect::<Vec<_>>().join(", ")
    }
}

/// Searches the articles `actor` may read. `exclude` leaves one article out (related articles).
pub async fn search(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &ArticleQuery,
    combine: Combine,
    limit: u64,
    offset: u64,
    exclude: Option<i64>,
) -> Result<SearchResults, DomainError> {
    search_counted(db, actor, query, combine, (limit, offset), exclude, true).await
}

/// The best `limit` matches only, for lists that show no total (suggestions while typing,
/// related articles, links for a reply): `total` is the number of hits, and the second pass
/// that counts every match is skipped.
pub async fn top(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &ArticleQuery,
    combine: Combine,
    limit: u64,
    exclude: Option<i64>,
) -> Result<SearchResults, DomainError> {
    search_counted(db, actor, query, combine, (limit, 0), exclude, false).await
}

async fn search_counted(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &ArticleQuery,
    combine: Combine,
    (limit, offset): (u64, u64),
    exclude: Option<i64>,
    counted: bool,
) -> Result<SearchResults, DomainError> {
    let positive: Vec<&TextTerm> = query.terms.iter().filter(|t| !t.negated).collect();
    let negative: Vec<&TextTerm> = query.terms.iter().filter(|t| t.negated && combine == Combine::All).collect();
    if positive.is_empty() && query.tags.is_empty() && query.categories.is_empty() {
        return Ok(SearchResults { hits: Vec::new(), total: 0 });
    }
    let backend = db.get_database_backend();
    let categories = category_ids(db, &query.categories).await?;
    if !query.categories.is_empty() && categories.is_empty() {
        return Ok(SearchResults { hits: Vec::new(), total: 0 });
    }
    let mut sql = Sql { backend, text: String::new(), values: Vec::new() };
    // SQLite's full-text condition, when there is one.
    let mut fts5_match = None;
    let (from, select, order) = if positive.is_empty() {
        (
            "kb_articles a".to_owned(),
            "a.id AS id, a.title AS title_marked, a.summary AS snippet_marked".to_owned(),
            "a.title, a.id".to_owned(),
        )
    } else if backend == DbBackend::Postgres {
        let joiner = if combine == Combine::All { " && " } else { " || " };
        let mut parts: Vec<String> = positive.iter().map(|t| pg_term_in("english", t, &mut sql.values)).collect();
        let mut tsquery = format!("({})", parts.join(joiner));
        parts = negative.iter().map(|t| format!("!!{}", pg_term_in("english", t, &mut sql.values))).collect();
        for p in parts {
            tsquery = format!("{tsquery} && {p}");
        }
        let marks = "StartSel=' || chr(2) || ', StopSel=' || chr(3)";
        (
            format!("kb_search s JOIN kb_articles a ON a.id = s.article_id CROSS JOIN (SELECT {tsquery} AS q) AS qq"),
            format!(
                "a.id AS id, ts_headline('english', a.title, qq.q, 'HighlightAll=true, {marks}) AS title_marked, \
                 ts_headline('english', a.body_text, qq.q, 'MaxWords=30, MinWords=12, MaxFragments=2, \
                 FragmentDelimiter=\" … \", {marks}) AS snippet_marked"
            ),
            "ts_rank(s.doc, qq.q) DESC, a.id".to_owned(),
        )
    } else {
        let joiner = if combine == Combine::All { " AND " } else { " OR " };
        let mut expr = format!("({})", positive.iter().map(|t| fts5_term(t)).collect::<Vec<_>>().join(joiner));
        for t in &negative {
            expr = format!("{expr} NOT {}", fts5_term(t));
        }
        fts5_match = Some(format!("kb_search MATCH {}", sql.bind(expr)));
        (
            "kb_search".to_owned(),
            "kb_search.rowid AS id, highlight(kb_search, 0, char(2), char(3)) AS title_marked, \
             snippet(kb_search, 2, char(2), char(3), '…', 24) AS snippet_marked"
                .to_owned(),
            "bm25(kb_search, 10.0, 4.0, 1.0, 4.0), kb_search.rowid".to_owned(),
        )
    };
    let reading = article_reading(actor);
    let mut conditions = Vec::new();
    if !positive.is_empty() && backend == DbBackend::Postgres {
        conditions.push("s.doc @@ qq.q".to_owned());
    }
    let states: Vec<String> = reading.states().iter().map(|s| s.as_str().to_owned()).collect();
    let visibilities: Vec<String> = reading.visibilities.iter().map(|v| v.as_str().to_owned()).collect();
    conditions.push(format!("a.state IN ({})", sql.list(&states)));
    conditions.push(format!("a.visibility IN ({})", sql.list(&visibilities)));
    if !categories.is_empty() {
        conditions.push(format!("a.category_id IN ({})", sql.list(&categories)));
    }
    if !query.tags.is_empty() {
        // Tags are stored as a JSON list of normalised words, so `"tag"` marks one exactly.
        let tags: Vec<String> = query
            .tags
            .iter()
            .map(|t| t.chars().filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_').collect::<String>())
            .map(|t| format!("%\"{t}\"%"))
            .collect();
        let any: Vec<String> = tags.into_iter().map(|t| format!("a.tags LIKE {}", sql.bind(t))).collect();
        conditions.push(format!("({})", any.join(" OR ")));
    }
    if let Some(id) = exclude {
        conditions.push(format!("a.id <> {}", sql.bind(id)));
    }
    let mut filter = conditions.join(" AND ");
    if let Some(matched) = fts5_match {
        // The readable articles as a list of ids, which SQLite reads off the index
        // `ix_kb_articles_reading`: joining the articles would read each match's row past its long
        // text columns. The `+` keeps SQLite from asking FTS5 for those ids one at a time.
        filter = format!("{matched} AND +kb_search.rowid IN (SELECT a.id FROM kb_articles a WHERE {filter})");
    }
    let count_sql = format!("SELECT COUNT(*) AS n FROM {from} WHERE {filter}");
    let count_values = sql.values.clone();
    let limit_at = sql.bind(limit.min(100) as i64);
    let offset_at = sql.bind(offset as i64);
    sql.text =
        format!("SELECT {select} FROM {from} WHERE {filter} ORDER BY {order} LIMIT {limit_at} OFFSET {offset_at}");
    let rows = Row::find_by_statement(Statement::from_sql_and_values(backend, &sql.text, sql.values)).all(db).await?;
    let total = if !counted || (rows.len() as u64) < limit.min(100) && (offset == 0 || !rows.is_empty()) {
        offset + rows.len() as u64
    } else {
        Count::find_by_statement(Statement::from_sql_and_values(backend, &count_sql, count_values))
            .one(db)
            .await?
            .map_or(0, |c| c.n as u64)
    };
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut articles: HashMap<i64, kb_article::Model> = kb_article::Entity::find()
        .filter(kb_article::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let mut ordered = Vec::new();
    let mut marks = Vec::new();
    for row in rows {
        if let Some(a) = articles.remove(&row.id) {
            ordered.push(a);
            marks.push((row.title_marked, row.snippet_marked));
        }
    }
    let hits = summaries(db, ordered)
        .await?
        .into_iter()
        .zip(marks)
        .map(|(article, (title, snippet))| {
            let snippet = if snippet.trim().is_empty() { article.summary.clone() } else { snippet };
            ArticleHit { title: split_marked(&title), snippet: split_marked(&snippet), article }
        })
        .collect();
    Ok(SearchResults { hits, total })
}

/// The ids of the categories named by slug or name (lower-cased).
async fn category_ids(db: &impl ConnectionTrait, names: &[String]) -> Result<Vec<i64>, DomainError> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    Ok(kb_category::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|c| names.iter().any(|n| *n == c.slug || *n == c.name.to_lowercase()))
        .map(|c| c.id)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_filters_are_refused_and_article_ones_kept() {
        let q = ArticleQuery::parse("vpn \"reset password\" tag:remote category:Access -mac").expect("parses");
        assert_eq!(q.terms.len(), 3);
        assert_eq!(q.tags, ["remote"]);
        assert_eq!(q.categories, ["access"]);
        for bad in ["status:open", "assignee:me vpn", "created>2026-01-01", "due<2h"] {
            assert!(ArticleQuery::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn typing_keeps_telling_words_and_treats_the_last_as_a_prefix() {
        let q = ArticleQuery::from_typing("Hello, I cannot connect to the VPN from home, the vpn conn");
        let words: Vec<&str> = q.terms.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(words, ["cannot", "connect", "vpn", "home", "conn"]);
        assert!(q.terms.last().is_some_and(|t| t.prefix));
        assert!(!q.terms[2].prefix, "a repeated word that is finished is no prefix");
        assert!(ArticleQuery::from_typing("the and a").is_empty());
        assert!(!ArticleQuery::from_typing("printer ").terms[0].prefix);
    }
}
