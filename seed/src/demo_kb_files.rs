//! The demo articles' images and files: a screenshot of the VPN client's About box shown in
//! "VPN keeps disconnecting", and a diagnostics checklist to download from it. They need the
//! file store, so `docket demo` and `docket serve --demo` add them after the articles.

use domain::{
    Actor, DomainError,
    attachments::{Upload, store::FileStore},
    kb::{
        articles::{self, ArticleInput},
        files, queries,
    },
};
use sea_orm::DatabaseConnection;

const SCREENSHOT: &[u8] = include_bytes!("../assets/vpn-client-about.png");
const CHECKLIST: &[u8] = include_bytes!("../assets/vpn-diagnostics-checklist.txt");

/// Adds the files once (none when the article has files or is gone); returns how many.
pub async fn seed(db: &DatabaseConnection, store: &FileStore) -> Result<usize, DomainError> {
    let system = Actor::System;
    let Ok(vpn) = queries::article_at(db, &system, "troubleshooting", "vpn-keeps-disconnecting").await else {
        return Ok(0);
    };
    if !vpn.files.is_empty() {
        return Ok(0);
    }
    let uploads = vec![
        Upload { file_name: "vpn-client-about.png".into(), bytes: SCREENSHOT.to_vec() },
        Upload { file_name: "vpn-diagnostics-checklist.txt".into(), bytes: CHECKLIST.to_vec() },
    ];
    let stored = store.store(uploads).await?;
    let added = files::attach(db, &system, vpn.summary.id, stored).await?;
    let (image, checklist) = (&added[0], &added[1]);
    // The system writes, so its view of the article carries the Markdown.
    let body = vpn.body.replacen(
        "update to the latest version.",
        &format!(
            "update to the latest version.\n\n{}\n\nBefore you write to us, go through the {}.",
            image.markdown().replacen(
                "![vpn-client-about.png]",
                "![The VPN client's About box showing version 4.2]",
                1
            ),
            checklist.markdown().replacen("[vpn-diagnostics-checklist.txt]", "[diagnostics checklist]", 1),
        ),
        1,
    );
    let s = &vpn.summary;
    let input = ArticleInput {
        title: s.title.clone(),
        slug: s.slug.clone(),
        summary: s.summary.clone(),
        body,
        category_id: s.category_id,
        section_id: s.section_id,
        tags: vpn.tags.join(", "),
        visibility: s.visibility,
        state: s.state,
        base_revision: None,
    };
    articles::update(db, &system, s.id, input).await?;
    Ok(added.len())
}
