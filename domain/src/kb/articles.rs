//! Writing articles: create, edit, publish, archive. Every save renders the Markdown once
//! (sanitised like messages), keeps a revision with who and when, rewrites the article's search
//! document and is audited, all in one transaction. An edit made from an older revision than the
//! latest is refused, so two writers never overwrite each other unseen.

use crate::{
    audit,
    entities::{kb_article, kb_article_revision, kb_category, kb_section},
    error::DomainError,
    kb::{
        index,
        text::plain_text,
        types::{
            ArticleState, ArticleVisibility, BODY_MAX_CHARS, SUMMARY_MAX_CHARS, TITLE_MAX_CHARS, is_slug, slugify,
        },
        writers::authorize_writer,
    },
    policy::Actor,
    tickets::{commands::parse_tags, markdown},
    validation::Checks,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;

/// What a writer sets on an article.
#[derive(Debug, Clone, Default)]
pub struct ArticleInput {
    pub title: String,
    /// Empty: made from the title.
    pub slug: String,
    pub summary: String,
    /// Markdown.
    pub body: String,
    pub category_id: i64,
    pub section_id: Option<i64>,
    /// As typed: separated by commas or spaces.
    pub tags: String,
    pub visibility: ArticleVisibility,
    pub state: ArticleState,
    /// The revision the writer started from (edits only): a later one by someone else refuses
    /// the save.
    pub base_revision: Option<i64>,
}

struct Valid {
    title: String,
    slug: String,
    summary: String,
    body: String,
    tags: Vec<String>,
}

fn parse(input: &ArticleInput) -> Result<Valid, DomainError> {
    let mut checks = Checks::new();
    let title = input.title.trim();
    if title.is_empty() {
        checks.add("title", "Enter a title");
    } else if title.chars().count() > TITLE_MAX_CHARS {
        checks.add("title", &format!("Use at most {TITLE_MAX_CHARS} characters"));
    }
    let typed = input.slug.trim();
    let slug = if typed.is_empty() { slugify(title) } else { typed.to_owned() };
    if !checks.has("title") && !is_slug(&slug) {
        let message = if typed.is_empty() {
            "Give this article an address: lower-case letters, digits and hyphens"
        } else {
            "Use lower-case letters, digits and single hyphens (for example reset-your-password)"
        };
        checks.add("slug", message);
    }
    let summary = input.summary.trim();
    if summary.chars().count() > SUMMARY_MAX_CHARS {
        checks.add("summary", &format!("Use at most {SUMMARY_MAX_CHARS} characters"));
    }
    if input.body.chars().count() > BODY_MAX_CHARS {
        checks.add("body", &format!("Use at most {BODY_MAX_CHARS} characters"));
    } else if input.state == ArticleState::Published && input.body.trim().is_empty() {
        checks.add("body", "Write the article before publishing it");
    }
    let tags = checks.check("tags", parse_tags(&input.tags)).unwrap_or_default();
    checks.finish()?;
    Ok(Valid { title: title.to_owned(), slug, summary: summary.to_owned(), body: input.body.clone(), tags })
}

/// Checks the category, the section (of that category) and that the slug is free in it.
async fn check_place(
    db: &impl ConnectionTrait,
    input: &ArticleInput,
    slug: &str,
    except: Option<i64>,
) -> Result<(), DomainError> {
    kb_category::Entity::find_by_id(input.category_id)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::field("category_id", "Choose a category"))?;
    if let Some(section) = input.section_id {
        let found = kb_section::Entity::find_by_id(section).one(db).await?;
        if found.is_none_or(|s| s.category_id != input.category_id) {
            return Err(DomainError::field("section_id", "Choose a section of the article's category"));
        }
    }
    let clash = kb_article::Entity::find()
        .filter(kb_article::Column::CategoryId.eq(input.category_id))
        .filter(kb_article::Column::Slug.eq(slug))
        .one(db)
        .await?;
    if clash.is_some_and(|a| Some(a.id) != except) {
        return Err(DomainError::field("slug", "Another article in this category has this address"));
    }
    Ok(())
}

/// Writes the revision, the search document and the audit line for a saved article.
async fn record_save(
    db: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    row: &kb_article::Model,
    tags: &[String],
    action: &str,
) -> Result<(), DomainError> {
    kb_article_revision::ActiveModel {
        article_id: Set(row.id),
        editor_id: Set(actor.principal().map(|p| p.user_id)),
        title: Set(row.title.clone()),
        summary: Set(row.summary.clone()),
        body: Set(row.body.clone()),
        visibility: Set(row.visibility),
        state: Set(row.state),
        created_at: Set(row.updated_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    index::index_article(db, row.id, &row.title, &row.summary, &row.body_text, tags).await?;
    audit::record(
        db,
        actor,
        action,
        ("kb_article", Some(row.id)),
        json!({"title": row.title, "state": row.state.as_str(), "visibility": row.visibility.as_str()}),
    )
    .await?;
    Ok(())
}

/// Creates an article; returns its id. `source_ticket_id` names the ticket it was made from.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: ArticleInput,
    source_ticket_id: Option<i64>,
) -> Result<i64, DomainError> {
    let valid = parse(&input)?;
    let txn = crate::db::begin_write(db).await?;
    authorize_writer(&*txn, actor).await?;
    check_place(&*txn, &input, &valid.slug, None).await?;
    let now = crate::clock::now();
    let last: Option<Option<i32>> = kb_article::Entity::find()
        .select_only()
        .column_as(kb_article::Column::Position.max(), "m")
        .filter(kb_article::Column::CategoryId.eq(input.category_id))
        .into_tuple()
        .one(&*txn)
        .await?;
    let author = actor.principal().map(|p| p.user_id);
    let row = kb_article::ActiveModel {
        category_id: Set(input.category_id),
        section_id: Set(input.section_id),
        title: Set(valid.title),
        slug: Set(valid.slug),
        summary: Set(valid.summary),
        body_html: Set(markdown::render(&valid.body)),
        body_text: Set(plain_text(&valid.body)),
        body: Set(valid.body),
        tags: Set(serde_json::to_string(&valid.tags).unwrap_or_else(|_| "[]".into())),
        visibility: Set(input.visibility),
        state: Set(input.state),
        position: Set(last.flatten().map_or(0, |m| m + 1)),
        author_id: Set(author),
        editor_id: Set(author),
        source_ticket_id: Set(source_ticket_id),
        views: Set(0),
        helpful_yes: Set(0),
        helpful_no: Set(0),
        deflections: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        published_at: Set((input.state == ArticleState::Published).then_some(now)),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    record_save(&*txn, actor, &row, &valid.tags, "kb.article_created").await?;
    txn.commit().await?;
    Ok(row.id)
}

/// The id of an article's latest revision.
pub async fn latest_revision(db: &impl ConnectionTrait, article_id: i64) -> Result<Option<i64>, DomainError> {
    Ok(kb_article_revision::Entity::find()
        .filter(kb_article_revision::Column::ArticleId.eq(article_id))
        .order_by_desc(kb_article_revision::Column::Id)
        .one(db)
        .await?
        .map(|r| r.id))
}

/// Saves an edit of the whole article.
pub async fn update(db: &DatabaseConnection, actor: &Actor, id: i64, input: ArticleInput) -> Result<(), DomainError> {
    let valid = parse(&input)?;
    let txn = crate::db::begin_write(db).await?;
    authorize_writer(&*txn, actor).await?;
    let row = kb_article::Entity::find_by_id(id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    if let Some(base) = input.base_revision
        && latest_revision(&*txn, id).await?.is_some_and(|latest| latest != base)
    {
        return Err(DomainError::Conflict(
            "Someone saved this article after you opened it. Copy your changes, reload, and apply them again.".into(),
        ));
    }
    check_place(&*txn, &input, &valid.slug, Some(id)).await?;
    let now = crate::clock::now();
    let first_publication = input.state == ArticleState::Published && row.published_at.is_none();
    let mut active = row.into_active_model();
    active.category_id = Set(input.category_id);
    active.section_id = Set(input.section_id);
    active.title = Set(valid.title);
    active.slug = Set(valid.slug);
    active.summary = Set(valid.summary);
    active.body_html = Set(markdown::render(&valid.body));
    active.body_text = Set(plain_text(&valid.body));
    active.body = Set(valid.body);
    active.tags = Set(serde_json::to_string(&valid.tags).unwrap_or_else(|_| "[]".into()));
    active.visibility = Set(input.visibility);
    active.state = Set(input.state);
    active.editor_id = Set(actor.principal().map(|p| p.user_id));
    active.updated_at = Set(now);
    if first_publication {
        active.published_at = Set(Some(now));
    }
    let row = active.update(&*txn).await?;
    record_save(&*txn, actor, &row, &valid.tags, "kb.article_updated").await?;
    txn.commit().await?;
    Ok(())
}

/// Publishes, archives or returns an article to draft, keeping everything else.
pub async fn set_state(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    state: ArticleState,
) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    authorize_writer(&*txn, actor).await?;
    let row = kb_article::Entity::find_by_id(id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    if row.state == state {
        return Ok(());
    }
    if state == ArticleState::Published && row.body.trim().is_empty() {
        return Err(DomainError::field("body", "Write the article before publishing it"));
    }
    let tags = crate::kb::summaries::tags_of(&row.tags);
    let now = crate::clock::now();
    let first_publication = state == ArticleState::Published && row.published_at.is_none();
    let mut active = row.into_active_model();
    active.state = Set(state);
    active.editor_id = Set(actor.principal().map(|p| p.user_id));
    active.updated_at = Set(now);
    if first_publication {
        active.published_at = Set(Some(now));
    }
    let row = active.update(&*txn).await?;
    let action = match state {
        ArticleState::Published => "kb.article_published",
        ArticleState::Archived => "kb.article_archived",
        ArticleState::Draft => "kb.article_unpublished",
    };
    record_save(&*txn, actor, &row, &tags, action).await?;
    txn.commit().await?;
    Ok(())
}
