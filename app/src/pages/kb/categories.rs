//! The writers' category manager on `/agent/kb`: add, rename, reorder and delete categories;
//! add, reorder and delete their sections. Plain forms (server functions) that work without
//! JavaScript too.

use crate::{
    api::kb::{CreateKbCategory, CreateKbSection, DeleteKbCategory, DeleteKbSection, MoveKbPlace, UpdateKbCategory},
    components::form_feedback::{FieldMessage, FormBanner, action_error, invalid},
};
use domain::kb::types::{CategoryView, SectionView};
use leptos::prelude::*;

/// Every form of the manager, shared by its rows.
#[derive(Clone, Copy)]
struct Actions {
    section: ServerAction<CreateKbSection>,
    delete: ServerAction<DeleteKbCategory>,
    delete_section: ServerAction<DeleteKbSection>,
    rename: ServerAction<UpdateKbCategory>,
    moved: ServerAction<MoveKbPlace>,
}

#[component]
pub fn CategoryManager(categories: Vec<CategoryView>, changed: RwSignal<u32>) -> impl IntoView {
    let create = ServerAction::<CreateKbCategory>::new();
    let actions = Actions {
        section: ServerAction::new(),
        delete: ServerAction::new(),
        delete_section: ServerAction::new(),
        rename: ServerAction::new(),
        moved: ServerAction::new(),
    };
    Effect::new(move |_| {
        let done = create.version().get()
            + actions.section.version().get()
            + actions.delete.version().get()
            + actions.delete_section.version().get()
            + actions.rename.version().get()
            + actions.moved.version().get();
        if done > 0 {
            changed.update(|n| *n += 1);
        }
    });
    let create_error = action_error(create);
    let count = categories.len();
    view! {
        <section class="card" aria-labelledby="kb-categories-heading">
            <h2 id="kb-categories-heading">"Categories and sections"</h2>
            <FormBanner error=action_error(actions.delete)/>
            <FormBanner error=action_error(actions.section)/>
            <FormBanner error=action_error(actions.delete_section)/>
            <FormBanner error=action_error(actions.rename)/>
            <FormBanner error=action_error(actions.moved)/>
            <ol class="plain-list kb-categories">
                {categories.into_iter().enumerate().map(|(i, c)| view! {
                    <CategoryRow category=c first=i == 0 last=i + 1 == count actions/>
                }).collect_view()}
            </ol>
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

/// "Up" and "Down" for a category or a section, named after it for screen readers.
#[component]
fn MoveButtons(
    kind: &'static str,
    id: i64,
    name: String,
    first: bool,
    last: bool,
    moved: ServerAction<MoveKbPlace>,
) -> impl IntoView {
    let button = |direction: &'static str, label: &'static str, hidden: bool| {
        let name = name.clone();
        (!hidden).then(move || view! {
            <ActionForm action=moved attr:class="inline">
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="direction" value=direction/>
                <button class="btn btn-small" type="submit" aria-label=format!("Move {name} {direction}")>{label}</button>
            </ActionForm>
        })
    };
    view! { {button("up", "Up", first)} {button("down", "Down", last)} }
}

#[component]
fn CategoryRow(category: CategoryView, first: bool, last: bool, actions: Actions) -> impl IntoView {
    let c = category;
    let name = c.name.clone();
    let (delete_label, rename_label, sections_label) =
        (format!("Delete {name}"), format!("Rename {name}"), format!("Sections of {name}"));
    let section_label = format!("New section in {}", c.name);
    let section_id = format!("kb-section-{}", c.id);
    let rename_id = format!("kb-rename-{}", c.id);
    let count = c.sections.len();
    view! {
        <li class="kb-category">
            <div class="row">
                <h3>{name.clone()} " " <span class="muted small">{format!("/help/{}", c.slug)}</span></h3>
                <MoveButtons kind="category" id=c.id name=name.clone() first last moved=actions.moved/>
                <ActionForm action=actions.delete attr:class="inline">
                    <input type="hidden" name="category_id" value=c.id.to_string()/>
                    <button class="btn btn-link" type="submit" aria-label=delete_label>"Delete"</button>
                </ActionForm>
            </div>
            <details>
                <summary>{rename_label}</summary>
                <ActionForm action=actions.rename attr:class="form">
                    <input type="hidden" name="category_id" value=c.id.to_string()/>
                    <div class="field">
                        <label for=format!("{rename_id}-name")>"Name"</label>
                        <input id=format!("{rename_id}-name") name="name" maxlength="100" value=c.name.clone() required/>
                    </div>
                    <div class="field">
                        <label for=format!("{rename_id}-slug")>"Address"</label>
                        <input id=format!("{rename_id}-slug") name="slug" maxlength="100" value=c.slug.clone()/>
                        <p class="hint">"Changing it breaks links to the old address."</p>
                    </div>
                    <div class="field">
                        <label for=format!("{rename_id}-description")>"Description"</label>
                        <input id=format!("{rename_id}-description") name="description" maxlength="300" value=c.description.clone()/>
                    </div>
                    <button class="btn" type="submit">"Save category"</button>
                </ActionForm>
            </details>
            {if c.sections.is_empty() {
                view! { <p class="muted small">"No sections"</p> }.into_any()
            } else {
                view! {
                    <ol class="plain-list kb-sections" aria-label=sections_label>
                        {c.sections.into_iter().enumerate().map(|(i, s)| view! {
                            <SectionRow section=s first=i == 0 last=i + 1 == count actions/>
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
            <ActionForm action=actions.section attr:class="inline">
                <input type="hidden" name="category_id" value=c.id.to_string()/>
                <label for=section_id.clone() class="sr-only">{section_label}</label>
                <input id=section_id name="section_name" placeholder="New section" maxlength="100" required/>
                <button class="btn" type="submit">"Add section"</button>
            </ActionForm>
        </li>
    }
}

#[component]
fn SectionRow(section: SectionView, first: bool, last: bool, actions: Actions) -> impl IntoView {
    let s = section;
    view! {
        <li class="row">
            <span>{s.name.clone()}</span>
            <MoveButtons kind="section" id=s.id name=s.name.clone() first last moved=actions.moved/>
            <ActionForm action=actions.delete_section attr:class="inline">
                <input type="hidden" name="section_id" value=s.id.to_string()/>
                <button class="btn btn-link" type="submit" aria-label=format!("Delete section {}", s.name)>"Delete"</button>
            </ActionForm>
        </li>
    }
}
