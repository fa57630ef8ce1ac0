//! The writers' category manager on `/agent/kb`: add categories and sections, delete empty
//! categories. Plain forms (server functions) that work without JavaScript too.

use crate::{
    api::kb::{CreateKbCategory, CreateKbSection, DeleteKbCategory},
    components::form_feedback::{FieldMessage, FormBanner, action_error, invalid},
};
use domain::kb::types::CategoryView;
use leptos::prelude::*;

#[component]
pub fn CategoryManager(categories: Vec<CategoryView>, changed: RwSignal<u32>) -> impl IntoView {
    let create = ServerAction::<CreateKbCategory>::new();
    let section = ServerAction::<CreateKbSection>::new();
    let delete = ServerAction::<DeleteKbCategory>::new();
    Effect::new(move |_| {
        let done = create.version().get() + section.version().get() + delete.version().get();
        if done > 0 {
            changed.update(|n| *n += 1);
        }
    });
    let create_error = action_error(create);
    let section_error = action_error(section);
    let delete_error = action_error(delete);
    view! {
        <section class="card" aria-labelledby="kb-categories-heading">
            <h2 id="kb-categories-heading">"Categories and sections"</h2>
            <FormBanner error=delete_error/>
            <FormBanner error=section_error/>
            <ul class="plain-list">
                {categories.into_iter().map(|c| {
                    let sections = c.sections.iter().map(|s| s.name.clone()).collect::<Vec<_>>().join(", ");
                    let section_label = format!("New section in {}", c.name);
                    let section_id = format!("kb-section-{}", c.id);
                    view! {
                        <li>
                            <h3>{c.name.clone()} " " <span class="muted small">{format!("/help/{}", c.slug)}</span></h3>
                            <p class="muted small">
                                {if sections.is_empty() { "No sections".to_owned() } else { format!("Sections: {sections}") }}
                            </p>
                            <ActionForm action=section attr:class="inline">
                                <input type="hidden" name="category_id" value=c.id.to_string()/>
                                <label for=section_id.clone() class="sr-only">{section_label.clone()}</label>
                                <input id=section_id name="section_name" placeholder="New section" maxlength="100" required/>
                                <button class="btn" type="submit">"Add section"</button>
                            </ActionForm>
                            <ActionForm action=delete attr:class="inline">
                                <input type="hidden" name="category_id" value=c.id.to_string()/>
                                <button class="btn btn-link" type="submit" aria-label=format!("Delete {}", c.name)>"Delete"</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h3>"Add a category"</h3>
            <FormBanner error=create_error/>
            <ActionForm action=create>
                <div class="field">
                    <label for="kb-category-name">"Name"</label>
                    <input id="kb-category-name" name="name" maxlength="100" aria-invalid=invalid(create_error, "name")/>
                    <FieldMessage error=create_error field="name"/>
                </div>
                <div class="field">
                    <label for="kb-category-slug">"Address (optional)"</label>
                    <input id="kb-category-slug" name="slug" maxlength="100" placeholder="made from the name" aria-invalid=invalid(create_error, "slug")/>
                    <FieldMessage error=create_error field="slug"/>
                </div>
                <div class="field">
                    <label for="kb-category-description">"Description"</label>
                    <input id="kb-category-description" name="description" maxlength="300"/>
                    <FieldMessage error=create_error field="description"/>
                </div>
                <button class="btn btn-primary" type="submit">"Add category"</button>
            </ActionForm>
        </section>
    }
}
