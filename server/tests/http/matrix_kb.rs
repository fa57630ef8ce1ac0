//! The authorization matrix's knowledge base: what one run acts on (a category with a section
//! and a draft article of its own, an empty category, and two demo articles: a public one and
//! an agents-only one), and the rows of the knowledge base's API operations. Only admins write
//! here: the demo's allowed writer, Sam Rivera, calls with a read-only token.

use crate::{
    matrix::{Outcome, Row, api, form, function, site, with_files},
    roles::Caller,
};
use domain::{
    Actor,
    attachments::{Upload, store::FileStore},
    kb::{
        articles::{self, ArticleInput},
        categories::{self, CategoryInput},
        files, queries,
    },
};
use reqwest::{Method, StatusCode};
use sea_orm::DatabaseConnection;
use serde_json::{Value, json};

#[derive(Debug, Default)]
pub struct KbTargets {
    /// A category of the run's own, to change and add a section to, holding `article`.
    pub category: i64,
    /// Categories without articles, to delete: on the API, and by the server function.
    pub empty_category: i64,
    pub spare_category: i64,
    /// A section of `category` without articles, to delete.
    pub section: i64,
    /// A draft of the run's own, to change.
    pub article: i64,
    /// The demo's "Reset your password" (public, published) and "Refund approval checklist"
    /// (agents only).
    pub public_article: i64,
    pub agents_article: i64,
    /// An image of the public article, a file of the agents-only one, and a file of the run's
    /// own draft to remove.
    pub public_file: i64,
    pub agents_file: i64,
    pub draft_file: i64,
}

impl KbTargets {
    pub async fn make(db: &DatabaseConnection, store: &FileStore, n: usize) -> KbTargets {
        let system = Actor::System;
        let category = |name: String| CategoryInput { name, ..Default::default() };
        let made = categories::create_category(db, &system, category(format!("Matrix KB {n}"))).await;
        let category_id = made.expect("category");
        let empty = categories::create_category(db, &system, category(format!("Matrix KB spare {n}"))).await;
        let spare = categories::create_category(db, &system, category(format!("Matrix KB spare two {n}"))).await;
        let section = categories::create_section(db, &system, category_id, "Matrix section").await.expect("section");
        let input = ArticleInput {
            title: format!("Matrix article {n}"),
            body: "Draft text".into(),
            category_id,
            ..Default::default()
        };
        let article = articles::create(db, &system, input, None).await.expect("article");
        let demo = |category: &'static str, slug: &'static str| async move {
            queries::article_at(db, &system, category, slug).await.expect(slug).summary.id
        };
        let public_article = demo("getting-started", "reset-your-password").await;
        let agents_article = demo("internal-playbooks", "refund-approval-checklist").await;
        let file = |article: i64, name: &'static str, bytes: &'static [u8]| async move {
            let upload = Upload { file_name: name.into(), bytes: bytes.to_vec() };
            let stored = store.store(vec![upload]).await.expect("store");
            files::attach(db, &system, article, stored).await.expect("attach")[0].id
        };
        KbTargets {
            public_file: file(public_article, "screen.png", b"\x89PNG\r\n\x1a\nmatrix").await,
            agents_file: file(agents_article, "limits.txt", b"refund limits").await,
            draft_file: file(article, "draft.txt", b"draft notes").await,
            category: category_id,
            empty_category: empty.expect("category"),
            spare_category: spare.expect("category"),
            section,
            article,
            public_article,
            agents_article,
        }
    }
}

fn items(body: &Value) -> Vec<&Value> {
    body["items"].as_array().map(|a| a.iter().collect()).unwrap_or_default()
}

/// Staff see the internal playbooks' category; customers never do.
fn internal_category_for_staff(caller: Caller, body: &Value) -> bool {
    items(body).iter().any(|c| c["name"] == "Internal playbooks") == caller.is_staff()
}

/// Searching "refund" finds the agents' checklist for staff only, and every hit has highlights.
fn agents_hits_for_staff(caller: Caller, body: &Value) -> bool {
    let hits = items(body);
    let highlighted = hits.iter().all(|h| h["highlights"]["title"].is_array() && h["highlights"]["snippet"].is_array());
    let agents = hits.iter().any(|h| h["visibility"] == "agents");
    !hits.is_empty() && highlighted && agents == caller.is_staff()
}

/// Customers' lists hold published articles for them; staff's lists carry counts.
fn readable_list(caller: Caller, body: &Value) -> bool {
    let list = items(body);
    if caller.is_staff() {
        return list.iter().all(|a| a["stats"].is_object());
    }
    !list.is_empty() && list.iter().all(|a| a["state"] == "published" && a["visibility"] != "agents")
}

/// Columns as in `matrix_routes::api_rows`: no token, a never-issued, a revoked and an expired
/// token; the owner, the colleague, the stranger (customers); the agent, the Billing agent, a
/// read-only agent token (Sam Rivera, an allowed writer); the admin's admin and write tokens.
pub fn api_rows(t: &crate::targets::Targets) -> Vec<Row> {
    use Outcome::*;
    let (n, kb) = (t.n, &t.kb);
    let writers = [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Denied, Denied, Denied, Denied, Allowed, Allowed];
    let everyone =
        [SignIn, SignIn, SignIn, SignIn, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed];
    let staff = [SignIn, SignIn, SignIn, SignIn, Denied, Denied, Denied, Allowed, Allowed, Allowed, Allowed, Allowed];
    let category = format!("/api/v1/kb/categories/{}", kb.category);
    vec![
        api(Method::GET, "/api/v1/kb/categories", "/api/v1/kb/categories".into(), None, everyone)
            .checked(internal_category_for_staff),
        api(
            Method::POST,
            "/api/v1/kb/categories",
            "/api/v1/kb/categories".into(),
            Some(json!({ "name": format!("Matrix KB new {n}") })),
            writers,
        ),
        api(
            Method::PATCH,
            "/api/v1/kb/categories/{id}",
            category.clone(),
            Some(json!({ "description": "Changed" })),
            writers,
        ),
        api(
            Method::POST,
            "/api/v1/kb/categories/{id}/sections",
            format!("{category}/sections"),
            Some(json!({ "name": "Matrix new section" })),
            writers,
        ),
        api(Method::DELETE, "/api/v1/kb/sections/{id}", format!("/api/v1/kb/sections/{}", kb.section), None, writers),
        api(
            Method::DELETE,
            "/api/v1/kb/categories/{id}",
            format!("/api/v1/kb/categories/{}", kb.empty_category),
            None,
            writers,
        ),
        api(Method::GET, "/api/v1/articles", "/api/v1/articles?q=refund".into(), None, everyone)
            .checked(agents_hits_for_staff)
            .case("a search"),
        api(Method::GET, "/api/v1/articles", "/api/v1/articles".into(), None, everyone)
            .checked(readable_list)
            .case("the list"),
        api(
            Method::POST,
            "/api/v1/articles",
            "/api/v1/articles".into(),
            Some(json!({ "title": format!("Matrix new article {n}"), "category_id": kb.category, "body": "Text" })),
            writers,
        ),
        api(Method::GET, "/api/v1/articles/{id}", format!("/api/v1/articles/{}", kb.public_article), None, everyone)
            .case("a public article"),
        api(
            Method::GET,
            "/api/v1/articles/{id}",
            format!("/api/v1/articles/{}", kb.agents_article),
            None,
            [SignIn, SignIn, SignIn, SignIn, Hidden, Hidden, Hidden, Allowed, Allowed, Allowed, Allowed, Allowed],
        )
        .case("an agents-only article"),
        api(
            Method::PATCH,
            "/api/v1/articles/{id}",
            format!("/api/v1/articles/{}", kb.article),
            Some(json!({ "summary": "Changed by the matrix" })),
            writers,
        ),
        api(
            Method::GET,
            "/api/v1/articles/{id}/revisions",
            format!("/api/v1/articles/{}/revisions", kb.public_article),
            None,
            staff,
        ),
        api(
            Method::POST,
            "/api/v1/articles/{id}/votes",
            format!("/api/v1/articles/{}/votes", kb.public_article),
            Some(json!({ "helpful": true })),
            [SignIn, SignIn, SignIn, SignIn, Allowed, Allowed, Allowed, Allowed, Allowed, Denied, Allowed, Allowed],
        )
        .succeeds_with(StatusCode::NO_CONTENT),
    ]
}

/// The knowledge base's and self-service's server functions. Columns: anonymous, owner,
/// colleague, stranger, agent, admin (`roles::Caller`); Alex, the agent, may not write articles.
pub fn function_rows(t: &crate::targets::Targets) -> Vec<Row> {
    use Outcome::*;
    let (n, kb) = (t.n, &t.kb);
    let writers = [SignIn, Denied, Denied, Denied, Denied, Allowed];
    let staff = [SignIn, Denied, Denied, Denied, Allowed, Allowed];
    let customers = [SignIn, Allowed, Allowed, Allowed, Denied, Denied];
    let article = |title: String| {
        form![
            ("title", title),
            ("body", "Matrix text"),
            ("category_id", kb.category),
            ("visibility", "public"),
            ("state", "draft")
        ]
    };
    let mut update = article(format!("Matrix article {n}"));
    update.push(("article_id".into(), kb.article.to_string()));
    vec![
        // The help center: everyone reads what they may.
        function("help_categories", form![], [Allowed; 6]),
        function("help_category", form![("slug", "getting-started")], [Allowed; 6]),
        function(
            "help_category",
            form![("slug", "internal-playbooks")],
            [Hidden, Hidden, Hidden, Hidden, Allowed, Allowed],
        )
        .case("agents only"),
        function("help_article", form![("category", "getting-started"), ("slug", "reset-your-password")], [Allowed; 6]),
        function(
            "help_article",
            form![("category", "internal-playbooks"), ("slug", "refund-approval-checklist")],
            [Hidden, Hidden, Hidden, Hidden, Allowed, Allowed],
        )
        .case("agents only"),
        function("search_articles", form![("q", "vpn"), ("page", "0")], [Allowed; 6]),
        function("vote_article", form![("article_id", kb.public_article), ("helpful", "yes")], [Allowed; 6]),
        // The staff's knowledge base.
        function("list_articles", form![], staff),
        function("get_article_editor", form![("article_id", kb.article)], staff),
        function("create_article", article(format!("Matrix page article {n}")), writers),
        function("update_article", update, writers),
        function("create_kb_category", form![("name", format!("Matrix page category {n}"))], writers),
        function(
            "create_kb_section",
            form![("category_id", kb.category), ("section_name", format!("Matrix page section {n}"))],
            writers,
        ),
        function("delete_kb_category", form![("category_id", kb.spare_category)], writers),
        function(
            "update_kb_category",
            form![("category_id", kb.category), ("name", format!("Matrix KB {n} renamed")), ("description", "Moved")],
            writers,
        ),
        function("move_kb_place", form![("kind", "category"), ("id", kb.category), ("direction", "up")], writers)
            .case("a category"),
        function("move_kb_place", form![("kind", "section"), ("id", kb.section), ("direction", "down")], writers)
            .case("a section"),
        function("delete_kb_section", form![("section_id", kb.section)], writers),
        function("article_writers", form![], writers),
        with_files(
            "upload_article_files",
            form![("article_id", kb.article)],
            vec![("attachments", "steps.txt", b"1. Restart".as_slice())],
            writers,
        ),
        function("remove_article_file", form![("file_id", kb.draft_file)], writers),
        function("set_article_writer", form![("user_id", t.invited), ("allowed", "on")], writers),
        // Where tickets meet articles: only a solved ticket's answer becomes a draft.
        function("ticket_knowledge", form![("ticket_id", t.ticket)], staff),
        function("draft_article_from_ticket", form![("ticket_id", t.answered)], writers),
        function(
            "draft_article_from_ticket",
            form![("ticket_id", t.ticket)],
            [SignIn, Denied, Denied, Denied, Denied, Spent],
        )
        .case("open ticket"),
        function("article_links", form![("q", "password")], staff),
        // An article's files go to whoever may read the article.
        site(
            Method::GET,
            "/help/files/{id}/{name}",
            format!("/help/files/{}/screen.png", kb.public_file),
            [Allowed; 6],
        )
        .case("an image of a public article"),
        site(
            Method::GET,
            "/help/files/{id}/{name}",
            format!("/help/files/{}/limits.txt", kb.agents_file),
            [Hidden, Hidden, Hidden, Hidden, Allowed, Allowed],
        )
        .case("a file of an agents-only article"),
        // Self-service on the new-request form.
        function("suggest_answers", form![("subject", "VPN keeps dropping"), ("body", "Every hour")], customers),
        function("deflect_request", form![("article_id", kb.public_article)], customers),
        function(
            "add_to_ticket",
            form![("ticket_id", t.ticket), ("subject", "Also"), ("body", "One more thing")],
            [SignIn, Allowed, Allowed, Hidden, Denied, Denied],
        ),
    ]
}
