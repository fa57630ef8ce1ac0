//! The benchmark desk's knowledge base: six categories, each with a section per product and one
//! for known issues, and N articles (`article_text`) written by Sam Rivera: 80% public and
//! published, 8% for signed-in customers, 5% for agents, 5% drafts and 2% archived. Rows go in
//! with multi-row inserts, each article with its first revision and its search document (the
//! same document `kb::index` writes); the Markdown is rendered by the domain's own sanitising
//! renderer, the search text by `kb::text::plain_text`.

use super::{
    BATCH, BATCHES_PER_TRANSACTION,
    article_text::{self, Angle},
    next_id,
    rows::Rows,
    text::{self, Rng},
};
use chrono::Duration;
use domain::{
    accounts::queries,
    error::DomainError,
    kb::{
        categories::{self, CategoryInput},
        text::plain_text,
        types::{ArticleState, ArticleVisibility, slugify},
        writers,
    },
    policy::Actor,
    tickets::markdown,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, Value};

/// The articles a desk of `tickets` tickets gets unless told otherwise: a tenth of the tickets,
/// at most 10,000.
pub fn default_count(tickets: usize) -> usize {
    (tickets / 10).min(10_000)
}

/// (name, description, products in `text`'s order)
const CATEGORIES: [(&str, &str, [usize; 2]); 6] = [
    ("Connectivity", "The VPN and the API gateway: connecting, staying connected.", [0, 7]),
    ("Billing and invoices", "Invoices, exports, payments and the billing portal.", [1, 5]),
    ("Devices and apps", "The mobile app and printing.", [2, 10]),
    ("Accounts and sign-in", "Single sign-on, the user directory and passwords.", [3, 8]),
    ("Reports and data", "Dashboards, reports and backups.", [4, 9]),
    ("Integrations", "Email and calendar connections.", [6, 11]),
];
const KNOWN_ISSUES: &str = "Known issues";

/// Where each product's articles go: (category id, its product sections, its known-issues section).
struct Place {
    category: i64,
    sections: [i64; 2],
    known_issues: i64,
}

/// Writes `count` articles and their categories; returns how many articles it wrote.
pub async fn seed(db: &DatabaseConnection, count: usize) -> Result<usize, DomainError> {
    if count == 0 {
        return Ok(0);
    }
    let system = Actor::System;
    let author = match queries::find_by_email(db, "sam.rivera@example.com").await? {
        Some(sam) => {
            writers::allow(db, &system, sam.id, true).await?;
            Some(sam.id)
        }
        None => None,
    };
    let mut places: Vec<Option<(usize, usize)>> = vec![None; text::PRODUCT_COUNT];
    let mut categories = Vec::new();
    for (c, (name, description, products)) in CATEGORIES.iter().enumerate() {
        let input = CategoryInput { name: (*name).into(), slug: String::new(), description: (*description).into() };
        let category = categories::create_category(db, &system, input).await?;
        let mut sections = [0; 2];
        for (s, product) in products.iter().enumerate() {
            let name = text::capitalized(text::product_name(*product));
            sections[s] = categories::create_section(db, &system, category, &name).await?;
            places[*product] = Some((c, s));
        }
        let known_issues = categories::create_section(db, &system, category, KNOWN_ISSUES).await?;
        categories.push(Place { category, sections, known_issues });
    }
    let mut plan = Plan {
        backend: db.get_database_backend(),
        now: domain::clock::now(),
        author,
        first_id: next_id(db, "kb_articles").await?,
        places: places.into_iter().map(|p| p.ok_or(DomainError::Internal)).collect::<Result<_, _>>()?,
        categories,
        positions: vec![0; CATEGORIES.len()],
    };
    let mut first = 0;
    while first < count {
        let last = (first + BATCH * BATCHES_PER_TRANSACTION).min(count);
        let txn = domain::db::begin_write(db).await?;
        for start in (first..last).step_by(BATCH) {
            let mut out = Tables::new(plan.backend);
            for n in start..(start + BATCH).min(last) {
                plan.article(n, &mut out)?;
            }
            out.flush(&txn).await?;
        }
        txn.commit().await?;
        first = last;
    }
    let run = |sql: &str| db.execute_raw(Statement::from_string(plan.backend, sql.to_owned()));
    match plan.backend {
        DbBackend::Postgres => {
            run("SELECT setval(pg_get_serial_sequence('kb_articles', 'id'), (SELECT MAX(id) FROM kb_articles))")
                .await?;
        }
        _ => {
            run("INSERT INTO kb_search (kb_search) VALUES ('optimize')").await?;
        }
    }
    Ok(count)
}

/// The rows of one batch: articles before the rows that refer to them.
struct Tables {
    articles: Rows,
    revisions: Rows,
    search: Rows,
}

impl Tables {
    fn new(backend: DbBackend) -> Tables {
        // As `kb::index::index_article` writes one document: title A, summary and tags B, body C.
        let (search_columns, search_row) = match backend {
            DbBackend::Postgres => (
                "article_id, doc",
                "(?, setweight(to_tsvector('english', ?), 'A') || setweight(to_tsvector('english', ?), 'B') \
                 || setweight(to_tsvector('english', ?), 'C') || setweight(to_tsvector('english', ?), 'B'))",
            ),
            _ => ("rowid, title, summary, body, tags", "(?, ?, ?, ?, ?)"),
        };
        Tables {
            articles: Rows::new(
                "kb_articles",
                "id, category_id, section_id, title, slug, summary, body, body_html, body_text, tags, visibility, \
                 state, position, author_id, editor_id, views, helpful_yes, helpful_no, deflections, created_at, \
                 updated_at, published_at",
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
            ),
            revisions: Rows::new(
                "kb_article_revisions",
                "article_id, editor_id, title, summary, body, visibility, state, created_at",
                "(?, ?, ?, ?, ?, ?, ?, ?)",
            ),
            search: Rows::new("kb_search", search_columns, search_row),
        }
    }

    async fn flush(&mut self, db: &impl ConnectionTrait) -> Result<(), DomainError> {
        self.articles.flush(db).await?;
        self.revisions.flush(db).await?;
        self.search.flush(db).await
    }
}

struct Plan {
    backend: DbBackend,
    now: chrono::DateTime<chrono::Utc>,
    author: Option<i64>,
    first_id: i64,
    /// (category index, section index) of each product.
    places: Vec<(usize, usize)>,
    categories: Vec<Place>,
    /// The next position in each category.
    positions: Vec<i32>,
}

impl Plan {
    fn article(&mut self, n: usize, out: &mut Tables) -> Result<(), DomainError> {
        use ArticleState::{Archived, Draft, Published};
        use ArticleVisibility::{Agents, Customers, Public};
        let text = article_text::article(n);
        let mut rng = Rng::new((n as u64) | (2 << 48));
        let (visibility, state) = match rng.below(100) {
            0..80 => (Public, Published),
            80..88 => (Customers, Published),
            88..93 => (Agents, Published),
            93..98 => (Public, Draft),
            _ => (Public, Archived),
        };
        let (c, s) = self.places[text.product];
        let place = &self.categories[c];
        // Known issues under their own heading; one article in twenty under no section at all.
        let section = match (text.angle, rng.chance(0.05)) {
            (_, true) => None,
            (Angle::KnownIssue, false) => Some(place.known_issues),
            (_, false) => Some(place.sections[s]),
        };
        let position = self.positions[c];
        self.positions[c] += 1;
        let created = self.now - Duration::minutes(30 + rng.below(730 * 24 * 60) as i64);
        let age = (self.now - created).num_minutes().max(1) as u64;
        let updated = created + Duration::minutes(rng.below(age) as i64);
        let published = match state {
            Draft => None,
            Published | Archived => Some(created + Duration::minutes(rng.below(age.min(7 * 24 * 60)) as i64)),
        };
        let read = state == Published;
        let views = if read { rng.below(5_000) as i64 } else { 0 };
        let (yes, no) = if read { (rng.below(60) as i64, rng.below(15) as i64) } else { (0, 0) };
        let html = markdown::render(&text.body);
        let plain = plain_text(&text.body);
        let tags_json = format!("[{}]", text.tags.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(","));
        let id = self.first_id + n as i64;
        out.articles.push(vec![
            id.into(),
            place.category.into(),
            section.into(),
            text.title.clone().into(),
            slugify(&text.title).into(),
            text.summary.clone().into(),
            text.body.clone().into(),
            html.into(),
            plain.clone().into(),
            tags_json.into(),
            visibility.as_str().into(),
            state.as_str().into(),
            position.into(),
            self.author.into(),
            self.author.into(),
            views.into(),
            yes.into(),
            no.into(),
            created.into(),
            updated.into(),
            published.into(),
        ])?;
        out.revisions.push(vec![
            id.into(),
            self.author.into(),
            text.title.clone().into(),
            text.summary.clone().into(),
            text.body.into(),
            visibility.as_str().into(),
            state.as_str().into(),
            updated.into(),
        ])?;
        let search: Vec<Value> =
            vec![id.into(), text.title.into(), text.summary.into(), plain.into(), text.tags.join(" ").into()];
        out.search.push(search)
    }
}
