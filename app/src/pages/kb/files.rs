//! The editor's "Images and files" card: upload files to the article (a multipart form that
//! works without JavaScript), see each with the Markdown that shows or links it, and remove it.

use crate::{
    api::kb_files::{RemoveArticleFile, UploadArticleFiles, upload_article_files},
    components::{
        form_feedback::{FieldMessage, FormBanner, action_error, invalid},
        multipart_form::Submission,
    },
};
use domain::{attachments::upload::human_size, kb::types::ArticleFileView};
use leptos::prelude::*;
use server_fn::ServerFn;

#[component]
pub fn ArticleFiles(article_id: i64, files: Vec<ArticleFileView>) -> impl IntoView {
    let upload = Submission::<Vec<ArticleFileView>>::new(UploadArticleFiles::PATH);
    let error = upload.error();
    let shown = RwSignal::new(files);
    Effect::new(move |_| {
        if let Some(Ok(added)) = upload.result.get() {
            shown.update(|list| {
                for file in added {
                    if !list.iter().any(|s| s.id == file.id) {
                        list.push(file);
                    }
                }
            });
        }
    });
    view! {
        <section class="card" aria-labelledby="files-heading">
            <h2 id="files-heading">"Images and files"</h2>
            <p class="muted small">
                "Upload screenshots and documents, then paste the Markdown shown beside each into the article. \
                 Readers get a file when they may read the article."
            </p>
            {move || {
                let list = shown.get();
                if list.is_empty() {
                    view! { <p class="muted">"No files yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain-list article-files">
                            {list.into_iter().map(|file| view! { <FileRow file/> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
            <FormBanner error/>
            <form method="post" action=UploadArticleFiles::PATH enctype="multipart/form-data" class="form" novalidate
                on:submit=move |ev| upload.submit(ev, upload_article_files)>
                <input type="hidden" name="article_id" value=article_id.to_string()/>
                <div class="field">
                    <label for="article-files">"Files to upload"</label>
                    <input id="article-files" name="attachments" type="file" multiple required
                        aria-invalid=invalid(error, "attachments") aria-describedby="article-files-hint"/>
                    <p class="hint" id="article-files-hint">
                        "Up to 10 at a time. PNG, JPEG, GIF and WebP images show in the article; other files download."
                    </p>
                    <FieldMessage error field="attachments"/>
                </div>
                <button type="submit" class="btn" disabled=move || upload.pending.get()>"Upload"</button>
            </form>
        </section>
    }
}

#[component]
fn FileRow(file: ArticleFileView) -> impl IntoView {
    let remove = ServerAction::<RemoveArticleFile>::new();
    let error = action_error(remove);
    let removed = move || matches!(remove.value().get(), Some(Ok(())));
    let markdown_id = format!("file-markdown-{}", file.id);
    let name = file.file_name.clone();
    view! {
        <li>
            {move || if removed() {
                view! { <p class="muted" role="status">{format!("{name} removed.")}</p> }.into_any()
            } else {
                let file = file.clone();
                view! {
                    <div class="article-file">
                        {file.is_image.then(|| view! { <img src=file.url() alt=file.file_name.clone() width="96" loading="lazy"/> })}
                        <div>
                            <a href=file.url()>{file.file_name.clone()}</a>
                            <span class="muted small">{format!(" · {}", human_size(file.size))}</span>
                            <label class="sr-only" for=markdown_id.clone()>{format!("Markdown for {}", file.file_name)}</label>
                            <input id=markdown_id.clone() class="markdown-snippet" readonly value=file.markdown()/>
                        </div>
                        <FormBanner error/>
                        <ActionForm action=remove attr:class="inline">
                            <input type="hidden" name="file_id" value=file.id.to_string()/>
                            <button class="btn btn-link" type="submit">{format!("Remove {}", file.file_name)}</button>
                        </ActionForm>
                    </div>
                }
                .into_any()
            }}
        </li>
    }
}
