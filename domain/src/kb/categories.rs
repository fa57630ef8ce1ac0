//! Arranging the knowledge base: categories (name, slug, description, order) and their sections
//! (name, order). Writers change them; every change is audited. A category that still holds
//! articles cannot be deleted; deleting a section leaves its articles in the category.

use crate::{
    audit,
    entities::{kb_article, kb_category, kb_section},
    error::DomainError,
    kb::{
        types::{NAME_MAX_CHARS, SectionView, is_slug, slugify},
        writers::authorize_writer,
    },
    policy::Actor,
    validation::Checks,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;

/// What a writer sets on a category.
#[derive(Debug, Clone, Default)]
pub struct CategoryInput {
    pub name: String,
    /// Empty: made from the name.
    pub slug: String,
    pub description: String,
}

struct ValidCategory {
    name: String,
    slug: String,
    description: String,
}

fn check_name(checks: &mut Checks, field: &str, name: &str) {
    if name.is_empty() {
        checks.add(field, "Enter a name");
    } else if name.chars().count() > NAME_MAX_CHARS {
        checks.add(field, &format!("Use at most {NAME_MAX_CHARS} characters"));
    }
}

/// A category's address is shorter than an article's (its column holds 100).
pub const CATEGORY_SLUG_MAX_CHARS: usize = 100;

fn parse_category(input: &CategoryInput) -> Result<ValidCategory, DomainError> {
    let mut checks = Checks::new();
    let name = input.name.trim();
    check_name(&mut checks, "name", name);
    let typed = input.slug.trim();
    let slug = if typed.is_empty() { slugify(name) } else { typed.to_owned() };
    if !checks.has("name") && !is_slug(&slug) {
        checks.add("slug", "Use lower-case letters, digits and single hyphens (for example getting-started)");
    } else if slug.len() > CATEGORY_SLUG_MAX_CHARS {
        checks.add("slug", &format!("Use at most {CATEGORY_SLUG_MAX_CHARS} characters"));
    }
    let description = input.description.trim();
    if description.chars().count() > 300 {
        checks.add("description", "Use at most 300 characters");
    }
    checks.finish()?;
    Ok(ValidCategory { name: name.to_owned(), slug, description: description.to_owned() })
}

/// Refuses a name or slug another category has.
async fn check_free(db: &impl ConnectionTrait, valid: &ValidCategory, except: Option<i64>) -> Result<(), DomainError> {
    for c in kb_category::Entity::find().all(db).await? {
        if Some(c.id) == except {
            continue;
        }
        if c.name.to_lowercase() == valid.name.to_lowercase() {
            return Err(DomainError::field("name", "A category with this name already exists"));
        }
        if c.slug == valid.slug {
            return Err(DomainError::field("slug", "Another category has this address"));
        }
    }
    Ok(())
}

/// One past the largest position among `find`'s rows.
async fn next_position<E: EntityTrait>(
    db: &impl ConnectionTrait,
    find: sea_orm::Select<E>,
    column: E::Column,
) -> Result<i32, DomainError> {
    let max: Option<Option<i32>> = find.select_only().column_as(column.max(), "m").into_tuple().one(db).await?;
    Ok(max.flatten().map_or(0, |m| m + 1))
}

/// Adds a category at the end; returns its id.
pub async fn create_category(db: &DatabaseConnection, actor: &Actor, input: CategoryInput) -> Result<i64, DomainError> {
    let valid = parse_category(&input)?;
    let txn = crate::db::begin_write(db).await?;
    authorize_writer(&*txn, actor).await?;
    check_free(&*txn, &valid, None).await?;
    let position = next_position(&*txn, kb_category::Entity::find(), kb_category::Column::Position).await?;
    let row = kb_category::ActiveModel {
        name: Set(valid.name.clone()),
        slug: Set(valid.slug.clone()),
        description: Set(valid.description),
        position: Set(position),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    audit::record(
        &*txn,
        actor,
        "kb.category_created",
        ("kb_category", Some(row.id)),
        json!({"name": valid.name, "slug": valid.slug}),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Renames a category, changes its address or description.
pub async fn update_category(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: CategoryInput,
) -> Result<(), DomainError> {
    let valid = parse_category(&input)?;
    let txn = crate::db::begin_write(db).await?;
    authorize_writer(&*txn, actor).await?;
    let row = kb_category::Entity::find_by_id(id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    check_free(&*txn, &valid, Some(id)).await?;
    let before = json!({"name": row.name, "slug": row.slug});
    let mut active = row.into_active_model();
    active.name = Set(valid.name.clone());
    active.slug = Set(valid.slug.clone());
    active.description = Set(valid.description);
    active.update(&*txn).await?;
    audit::record(
        &*txn,
        actor,
        "kb.category_updated",
        ("kb_category", Some(id)),
        json!({"before": before, "after": {"name": valid.name, "slug": valid.slug}}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes an empty category (and its sections).
pub async fn delete_category(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    authorize_writer(&*txn, actor).await?;
    let row = kb_category::Entity::find_by_id(id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    let articles = kb_article::Entity::find().filter(kb_article::Column::CategoryId.eq(id)).count(&*txn).await?;
    if articles > 0 {
        return Err(DomainError::Conflict(format!(
            "{} still holds {articles} article(s): move or archive them elsewhere first",
            row.name
        )));
    }
    kb_category::Entity::delete_by_id(id).exec(&*txn).await?;
    audit::record(&*txn, actor, "kb.category_deleted", ("kb_category", Some(id)), json!({"name": row.name})).await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a category one place up (`-1`) or down (`1`) among the categories.
pub async fn move_category(db: &DatabaseConnection, actor: &Actor, id: i64, by: i32) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    authorize_writer(&*txn, actor).await?;
    let rows = kb_category::Entity::find()
        .order_by_asc(kb_category::Column::Position)
        .order_by_asc(kb_category::Column::Id)
        .all(&*txn)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let order = reorder(&ids, id, by).ok_or(DomainError::NotFound)?;
    write_positions::<kb_category::Entity>(&*txn, order, kb_category::Column::Position, kb_category::Column::Id)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a section one place up (`-1`) or down (`1`) within its category.
pub async fn move_section(db: &DatabaseConnection, actor: &Actor, id: i64, by: i32) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    authorize_writer(&*txn, actor).await?;
    let row = kb_section::Entity::find_by_id(id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    let ids: Vec<i64> = kb_section::Entity::find()
        .filter(kb_section::Column::CategoryId.eq(row.category_id))
        .order_by_asc(kb_section::Column::Position)
        .order_by_asc(kb_section::Column::Id)
        .all(&*txn)
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    let order = reorder(&ids, id, by).ok_or(DomainError::NotFound)?;
    write_positions::<kb_section::Entity>(&*txn, order, kb_section::Column::Position, kb_section::Column::Id).await?;
    txn.commit().await?;
    Ok(())
}

/// Numbers the rows `order` names 0, 1, 2… in that order.
async fn write_positions<E: EntityTrait>(
    txn: &impl ConnectionTrait,
    order: Vec<i64>,
    position: E::Column,
    id_column: E::Column,
) -> Result<(), DomainError> {
    for (at, id) in order.into_iter().enumerate() {
        E::update_many()
            .col_expr(position, sea_orm::sea_query::Expr::value(at as i32))
            .filter(id_column.eq(id))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// `ids` with `id` moved `by` places (clamped to the ends), or `None` when it is not there.
fn reorder(ids: &[i64], id: i64, by: i32) -> Option<Vec<i64>> {
    let from = ids.iter().position(|&x| x == id)?;
    let to = (from as i64 + i64::from(by)).clamp(0, ids.len() as i64 - 1) as usize;
    let mut out = ids.to_vec();
    let moved = out.remove(from);
    out.insert(to, moved);
    Some(out)
}

/// Adds a section at the end of a category; returns its id.
pub async fn create_section(
    db: &DatabaseConnection,
    actor: &Actor,
    category_id: i64,
    name: &str,
) -> Result<i64, DomainError> {
    let name = name.trim();
    let mut checks = Checks::new();
    check_name(&mut checks, "section_name", name);
    checks.finish()?;
    let txn = crate::db::begin_write(db).await?;
    authorize_writer(&*txn, actor).await?;
    kb_category::Entity::find_by_id(category_id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    let siblings = kb_section::Entity::find().filter(kb_section::Column::CategoryId.eq(category_id));
    if siblings.clone().all(&*txn).await?.iter().any(|s| s.name.to_lowercase() == name.to_lowercase()) {
        return Err(DomainError::field("section_name", "This category already has a section with this name"));
    }
    let position = next_position(&*txn, siblings, kb_section::Column::Position).await?;
    let row = kb_section::ActiveModel {
        category_id: Set(category_id),
        name: Set(name.to_owned()),
        position: Set(position),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    audit::record(
        &*txn,
        actor,
        "kb.section_created",
        ("kb_section", Some(row.id)),
        json!({"name": name, "category_id": category_id}),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Deletes a section; its articles stay in the category, outside any section.
pub async fn delete_section(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    authorize_writer(&*txn, actor).await?;
    let row = kb_section::Entity::find_by_id(id).one(&*txn).await?.ok_or(DomainError::NotFound)?;
    kb_section::Entity::delete_by_id(id).exec(&*txn).await?;
    audit::record(&*txn, actor, "kb.section_deleted", ("kb_section", Some(id)), json!({"name": row.name})).await?;
    txn.commit().await?;
    Ok(())
}

/// Every section of these categories, in order.
pub(crate) async fn sections_of(
    db: &impl ConnectionTrait,
    category_ids: Vec<i64>,
) -> Result<Vec<(i64, SectionView)>, DomainError> {
    Ok(kb_section::Entity::find()
        .filter(kb_section::Column::CategoryId.is_in(category_ids))
        .order_by_asc(kb_section::Column::Position)
        .order_by_asc(kb_section::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.category_id, SectionView { id: s.id, name: s.name, position: s.position }))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::reorder;

    #[test]
    fn moves_clamp_at_the_ends() {
        assert_eq!(reorder(&[1, 2, 3], 3, -1), Some(vec![1, 3, 2]));
        assert_eq!(reorder(&[1, 2, 3], 1, -1), Some(vec![1, 2, 3]));
        assert_eq!(reorder(&[1, 2, 3], 1, 5), Some(vec![2, 3, 1]));
        assert_eq!(reorder(&[1, 2, 3], 9, 1), None);
    }
}
