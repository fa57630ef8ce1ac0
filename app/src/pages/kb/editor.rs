//! `/agent/kb/new` and `/agent/kb/:id`: writing an article, and for an existing one its readers'
//! counts and comments and its history (who saved which version when).

use super::{fields::ArticleFields, files::ArticleFiles};
use crate::{
    api::kb::{ArticleEditor, CreateArticle, UpdateArticle, get_article_editor, list_articles},
    components::{
        form_feedback::{FormBanner, action_error},
        format::when,
        require_role::RequireRole,
    },
};
use domain::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewArticlePage() -> impl IntoView {
    let create = ServerAction::<CreateArticle>::new();
    let error = action_error(create);
    let places = Resource::new(|| (), |_| list_articles(None, None, Some(0)));
    view! {
        <Title text="New article"/>
        <RequireRole allow=Role::is_staff>
            <main class="page">
                <p><a href="/agent/kb">"Knowledge base"</a></p>
                <h1>"New article"</h1>
                <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        match places.await {
                            Err(err) => view! { <div class="form-error" role="alert">{err.message}</div> }.into_any(),
                            Ok(list) if !list.can_write => view! {
                                <div class="notice" role="note">"An admin has not allowed you to write articles."</div>
                            }
                            .into_any(),
                            Ok(list) if list.categories.is_empty() => view! {
                                <div class="empty-state">
                                    <p>"Add a category first: every article lives in one."</p>
                                    <a class="btn" href="/agent/kb#kb-categories-heading">"Add a category"</a>
                                </div>
                            }
                            .into_any(),
                            Ok(list) => view! {
                                <FormBanner error/>
                                <ActionForm action=create attr:class="card">
                                    <ArticleFields article=None categories=list.categories error/>
                                    <button class="btn btn-primary" type="submit">"Create article"</button>
                                </ActionForm>
                            }
                            .into_any(),
                        }
                    })}
                </Suspense>
            </main>
        </RequireRole>
    }
}

#[component]
pub fn ArticleEditorPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0);
    let update = ServerAction::<UpdateArticle>::new();
    let saved = move || update.value().get().and_then(Result::ok);
    let editor = Resource::new(move || (id(), saved()), |(id, _)| get_article_editor(id));
    view! {
        <Title text="Edit article"/>
        <RequireRole allow=Role::is_staff>
            <main class="page">
                <p><a href="/agent/kb">"Knowledge base"</a></p>
                <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        match editor.await {
                            Err(err) => view! { <h1>"Article"</h1><div class="form-error" role="alert">{err.message}</div> }.into_any(),
                            Ok(editor) => view! { <Editor editor update/> }.into_any(),
                        }
                    })}
                </Transition>
            </main>
        </RequireRole>
    }
}

#[component]
fn Editor(editor: ArticleEditor, update: ServerAction<UpdateArticle>) -> impl IntoView {
    let error = action_error(update);
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some() || matches!(update.value().get(), Some(Ok(_)));
    let ArticleEditor { article, revisions, comments, categories } = editor;
    let s = article.summary.clone();
    let stats = article.stats;
    let base = revisions.first().map(|r| r.id.to_string()).unwrap_or_default();
    let can_edit = article.can_edit;
    let files = article.files.clone();
    view! {
        <div class="page-header">
            <div>
                <h1>{s.title.clone()}</h1>
                <p class="muted">{format!("{} · {} · {}", s.category_name, s.state.label(), s.visibility.label())}</p>
            </div>
            <div class="actions"><a class="btn" href=s.path()>"View in the help center"</a></div>
        </div>
        {move || saved().then(|| view! { <div class="notice notice-success" role="status">"Article saved."</div> })}
        <section class="card" aria-labelledby="stats-heading">
            <h2 id="stats-heading">"Readers"</h2>
            <dl class="stats">
                <div><dt>"Views"</dt><dd>{stats.views}</dd></div>
                <div><dt>"Helpful"</dt><dd>{format!("{} yes · {} no", stats.helpful_yes, stats.helpful_no)}</dd></div>
                <div><dt>"Answered requests"</dt><dd>{stats.deflections}</dd></div>
                <div><dt>"Linked from tickets"</dt><dd>{stats.linked_tickets}</dd></div>
            </dl>
            {(!comments.is_empty()).then(|| view! {
                <h3>"What readers said"</h3>
                <ul class="plain-list">
                    {comments.into_iter().map(|(helpful, text, at)| view! {
                        <li>
                            <strong>{if helpful { "Helpful" } else { "Not helpful" }}</strong>
                            " · " <time datetime=at.to_rfc3339()>{when(at)}</time>
                            <p>{text}</p>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
        {if can_edit {
            view! {
                <FormBanner error/>
                <ActionForm action=update attr:class="card">
                    <input type="hidden" name="article_id" value=s.id.to_string()/>
                    <input type="hidden" name="base_revision" value=base/>
                    <ArticleFields article=Some(article) categories error/>
                    <button class="btn btn-primary" type="submit">"Save"</button>
                </ActionForm>
                <ArticleFiles article_id=s.id files/>
            }
            .into_any()
        } else {
            view! {
                <div class="notice" role="note">"An admin has not allowed you to edit articles."</div>
                <div class="card article-body" inner_html=article.html></div>
            }
            .into_any()
        }}
        <section class="card" aria-labelledby="history-heading">
            <h2 id="history-heading">"History"</h2>
            <ol class="plain-list">
                {revisions.into_iter().map(|r| view! {
                    <li>
                        <time datetime=r.created_at.to_rfc3339()>{when(r.created_at)}</time>
                        {format!(" · {} · {} · {}", r.editor.unwrap_or_else(|| "Docket".into()), r.state.label(), r.title)}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
