//! The article form's fields, shared by "New article" and the editor (each wraps them in its own
//! form): title, address, summary, place, Markdown body, tags, readers and state.

use crate::{
    components::form_feedback::{FieldMessage, invalid},
    error::AppError,
};
use domain::kb::types::{ArticleState, ArticleView, ArticleVisibility, CategoryView};
use leptos::prelude::*;

#[component]
pub fn ArticleFields(
    article: Option<ArticleView>,
    categories: Vec<CategoryView>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let s = article.as_ref().map(|a| a.summary.clone());
    let title = s.as_ref().map(|s| s.title.clone()).unwrap_or_default();
    let slug = s.as_ref().map(|s| s.slug.clone()).unwrap_or_default();
    let summary = s.as_ref().map(|s| s.summary.clone()).unwrap_or_default();
    let category = s.as_ref().map(|s| s.category_id);
    let section = s.as_ref().and_then(|s| s.section_id);
    let visibility = s.as_ref().map(|s| s.visibility).unwrap_or_default();
    let state = s.as_ref().map(|s| s.state).unwrap_or_default();
    let body = article.as_ref().map(|a| a.body.clone()).unwrap_or_default();
    let tags = article.as_ref().map(|a| a.tags.join(", ")).unwrap_or_default();
    let sections = categories.clone();
    view! {
        <div class="field">
            <label for="article-title">"Title"</label>
            <input id="article-title" name="title" value=title maxlength="200" required aria-invalid=invalid(error, "title")/>
            <FieldMessage error field="title"/>
        </div>
        <div class="field">
            <label for="article-slug">"Address"</label>
            <input id="article-slug" name="slug" value=slug maxlength="120" placeholder="made from the title" aria-describedby="article-slug-hint" aria-invalid=invalid(error, "slug")/>
            <p class="muted small" id="article-slug-hint">"The last part of /help/<category>/<address>."</p>
            <FieldMessage error field="slug"/>
        </div>
        <div class="field">
            <label for="article-summary">"Summary"</label>
            <input id="article-summary" name="summary" value=summary maxlength="300" aria-describedby="article-summary-hint" aria-invalid=invalid(error, "summary")/>
            <p class="muted small" id="article-summary-hint">"One sentence: shown in lists, search results and to search engines."</p>
            <FieldMessage error field="summary"/>
        </div>
        <div class="grid-2">
            <div class="field">
                <label for="article-category">"Category"</label>
                <select id="article-category" name="category_id" aria-invalid=invalid(error, "category_id")>
                    {categories.into_iter().map(|c| view! {
                        <option value=c.id.to_string() selected=category == Some(c.id)>{c.name}</option>
                    }).collect_view()}
                </select>
                <FieldMessage error field="category_id"/>
            </div>
            <div class="field">
                <label for="article-section">"Section"</label>
                <select id="article-section" name="section_id" aria-invalid=invalid(error, "section_id")>
                    <option value="" selected=section.is_none()>"None"</option>
                    {sections.into_iter().map(|c| view! {
                        <optgroup label=c.name>
                            {c.sections.into_iter().map(|s| view! {
                                <option value=s.id.to_string() selected=section == Some(s.id)>{s.name}</option>
                            }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
                <FieldMessage error field="section_id"/>
            </div>
        </div>
        <div class="field">
            <label for="article-body">"Article (Markdown)"</label>
            <textarea id="article-body" name="body" rows="16" aria-invalid=invalid(error, "body")>{body}</textarea>
            <FieldMessage error field="body"/>
        </div>
        <div class="field">
            <label for="article-tags">"Tags"</label>
            <input id="article-tags" name="tags" value=tags aria-invalid=invalid(error, "tags")/>
            <FieldMessage error field="tags"/>
        </div>
        <div class="grid-2">
            <div class="field">
                <label for="article-visibility">"Who may read it"</label>
                <select id="article-visibility" name="visibility">
                    {ArticleVisibility::ALL.into_iter().map(|v| view! {
                        <option value=v.as_str() selected=v == visibility>{v.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="article-state">"State"</label>
                <select id="article-state" name="state" aria-invalid=invalid(error, "state")>
                    {ArticleState::ALL.into_iter().map(|v| view! {
                        <option value=v.as_str() selected=v == state>{v.label()}</option>
                    }).collect_view()}
                </select>
            </div>
        </div>
    }
}
