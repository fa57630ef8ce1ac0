//! An article's images and files: writers upload them (the bytes go to the content-addressed
//! file store, like ticket attachments) and link them from the Markdown; readers download them
//! exactly when they may read the article.

use crate::{
    attachments::store::StoredFile,
    entities::{kb_article, kb_article_file},
    error::DomainError,
    kb::{queries::readable, types::ArticleFileView, writers::authorize_writer},
    policy::Actor,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

/// At most this many files on one article.
pub const MAX_FILES_PER_ARTICLE: u64 = 50;

pub fn view_of(f: &kb_article_file::Model) -> ArticleFileView {
    ArticleFileView {
        id: f.id,
        file_name: f.file_name.clone(),
        content_type: f.content_type.clone(),
        size: f.size,
        is_image: f.is_image,
    }
}

/// Records stored files on an article (writers; audited); returns them.
pub async fn attach(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    article_id: i64,
    files: Vec<StoredFile>,
) -> Result<Vec<ArticleFileView>, DomainError> {
    authorize_writer(db, actor).await?;
    if files.is_empty() {
        return Err(DomainError::field("attachments", "Choose at least one file"));
    }
    let txn = crate::db::begin_write(db).await?;
    kb_article::Entity::find_by_id(article_id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    let present =
        kb_article_file::Entity::find().filter(kb_article_file::Column::ArticleId.eq(article_id)).count(&*txn).await?;
    if present + files.len() as u64 > MAX_FILES_PER_ARTICLE {
        return Err(DomainError::field(
            "attachments",
            format!("An article holds at most {MAX_FILES_PER_ARTICLE} files"),
        ));
    }
    let now = crate::clock::now();
    let mut added = Vec::with_capacity(files.len());
    for file in files {
        let row = kb_article_file::ActiveModel {
            article_id: Set(article_id),
            uploader_id: Set(actor.principal().map(|p| p.user_id)),
            file_name: Set(file.file_name),
            content_type: Set(file.content_type),
            size: Set(file.size),
            sha256: Set(file.sha256),
            is_image: Set(file.is_image),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&*txn)
        .await?;
        crate::audit::record(
            &*txn,
            actor,
            "kb.file_added",
            ("kb_article", Some(article_id)),
            serde_json::json!({"file": row.id, "name": row.file_name, "size": row.size}),
        )
        .await?;
        added.push(view_of(&row));
    }
    txn.commit().await?;
    Ok(added)
}

/// Takes a file off its article (writers; audited). Links to it in the text stop working, so
/// the editor shows where it is used before removing.
pub async fn remove(db: &sea_orm::DatabaseConnection, actor: &Actor, file_id: i64) -> Result<(), DomainError> {
    authorize_writer(db, actor).await?;
    let txn = crate::db::begin_write(db).await?;
    let row = kb_article_file::Entity::find_by_id(file_id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    kb_article_file::Entity::delete_by_id(file_id).exec(&*txn).await?;
    crate::audit::record(
        &*txn,
        actor,
        "kb.file_removed",
        ("kb_article", Some(row.article_id)),
        serde_json::json!({"file": file_id, "name": row.file_name}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// An article's files, oldest first.
pub async fn of_article(db: &impl ConnectionTrait, article_id: i64) -> Result<Vec<ArticleFileView>, DomainError> {
    let rows = kb_article_file::Entity::find()
        .filter(kb_article_file::Column::ArticleId.eq(article_id))
        .order_by_asc(kb_article_file::Column::Id)
        .all(db)
        .await?;
    Ok(rows.iter().map(view_of).collect())
}

/// A file the caller may download: its article is one they may read (else not found).
pub async fn downloadable(
    db: &impl ConnectionTrait,
    actor: &Actor,
    file_id: i64,
) -> Result<kb_article_file::Model, DomainError> {
    let row = kb_article_file::Entity::find_by_id(file_id).one(db).await?.ok_or(DomainError::NotFound)?;
    readable(actor).filter(kb_article::Column::Id.eq(row.article_id)).one(db).await?.ok_or(DomainError::NotFound)?;
    Ok(row)
}
