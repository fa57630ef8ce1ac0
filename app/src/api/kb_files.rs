//! Server functions for an article's images and files: upload (multipart, so it works as a
//! plain form without JavaScript) and remove. Writers only; the domain checks.

use crate::error::AppError;
use domain::kb::types::ArticleFileView;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{self, fail},
    domain::{DomainError, kb::files},
};

/// Files named `attachments` onto article `article_id`; returns them with the Markdown to use.
#[server(prefix = "/fn", endpoint = "upload_article_files", input = server_fn::codec::MultipartFormData)]
pub async fn upload_article_files(data: server_fn::codec::MultipartData) -> Result<Vec<ArticleFileView>, AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    if matches!(actor, domain::Actor::Anonymous) {
        return Err(fail(DomainError::Unauthenticated));
    }
    domain::kb::writers::authorize_writer(&desk.db, &actor).await.map_err(fail)?;
    let form = super::multipart::read(data, desk.files.max_bytes()).await?;
    let article_id: i64 = form
        .text("article_id")
        .trim()
        .parse()
        .map_err(|_| fail(DomainError::field("article_id", "Unknown article")))?;
    let stored = desk.files.store(form.files).await.map_err(fail)?;
    files::attach(&desk.db, &actor, article_id, stored).await.map_err(fail)
}

/// Takes a file off its article.
#[server(prefix = "/fn", endpoint = "remove_article_file")]
pub async fn remove_article_file(file_id: i64) -> Result<(), AppError> {
    let desk = ssr::desk()?;
    let actor = ssr::actor().await?;
    files::remove(&desk.db, &actor, file_id).await.map_err(fail)
}
