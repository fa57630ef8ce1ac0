//! The desk's field definitions and category forms, read once per configuration version and
//! shared (a ticket page, a queue and a create read no field tables while nothing changes).

use super::types::{FieldDefinition, FieldRules};
use crate::{
    desk_config::cache,
    entities::{category_field, custom_field},
    error::DomainError,
};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};
use std::{collections::HashMap, sync::Arc};

static COPIES: cache::Copies<Arc<Fields>> = cache::Copies::new();

/// Every field (retired ones too), in position order, and each category's form.
#[derive(Debug, Default)]
pub struct Fields {
    pub all: Vec<FieldDefinition>,
    /// A category's form: the fields it shows customers, in order (retired ones included; the
    /// readers leave them out).
    pub forms: HashMap<i64, Vec<i64>>,
}

/// A stored definition as the rest of Docket reads it.
pub fn definition(row: &custom_field::Model) -> FieldDefinition {
    FieldDefinition {
        id: row.id,
        key: row.key.clone(),
        name: row.name.clone(),
        help: row.help.clone(),
        kind: row.kind,
        options: serde_json::from_str(&row.options).unwrap_or_default(),
        rules: FieldRules {
            required_for_customers: row.required_for_customers,
            required_for_agents: row.required_for_agents,
            min: row.min_value,
            max: row.max_value,
            pattern: row.pattern.clone(),
            pattern_hint: row.pattern_hint.clone(),
        },
        customers_see: row.customers_see,
        show_in_lists: row.show_in_lists,
        active: row.active,
        position: row.position,
    }
}

impl Fields {
    /// The current definitions: the in-memory copy while the configuration version holds.
    pub async fn load(db: &impl ConnectionTrait) -> Result<Arc<Fields>, DomainError> {
        let version = cache::version(db).await?;
        if let Some(copy) = version.and_then(|v| COPIES.get(v)) {
            return Ok(copy);
        }
        let rows = custom_field::Entity::find()
            .order_by_asc(custom_field::Column::Position)
            .order_by_asc(custom_field::Column::Id)
            .all(db)
            .await?;
        let mut forms: HashMap<i64, Vec<(i32, i64)>> = HashMap::new();
        for entry in category_field::Entity::find().all(db).await? {
            forms.entry(entry.category_id).or_default().push((entry.position, entry.field_id));
        }
        let forms = forms
            .into_iter()
            .map(|(category, mut entries)| {
                entries.sort_unstable();
                (category, entries.into_iter().map(|(_, field)| field).collect())
            })
            .collect();
        let fields = Arc::new(Fields { all: rows.iter().map(definition).collect(), forms });
        if let Some(version) = version {
            COPIES.put(version, &fields);
        }
        Ok(fields)
    }

    pub fn get(&self, id: i64) -> Option<&FieldDefinition> {
        self.all.iter().find(|f| f.id == id)
    }

    /// A field by its name in any letter case, or by its key.
    pub fn find(&self, name: &str) -> Option<&FieldDefinition> {
        let wanted = name.trim().to_lowercase();
        self.all.iter().find(|f| f.name.to_lowercase() == wanted || f.key == wanted)
    }

    pub fn by_key(&self, key: &str) -> Option<&FieldDefinition> {
        self.all.iter().find(|f| f.key == key)
    }

    pub fn active(&self) -> impl Iterator<Item = &FieldDefinition> {
        self.all.iter().filter(|f| f.active)
    }

    /// The active fields of a category's form, in its order (none without a category).
    pub fn form(&self, category_id: Option<i64>) -> Vec<&FieldDefinition> {
        let Some(ids) = category_id.and_then(|c| self.forms.get(&c)) else { return Vec::new() };
        ids.iter().filter_map(|id| self.get(*id)).filter(|f| f.active).collect()
    }

    /// Whether any category's form shows the field.
    pub fn on_any_form(&self, field_id: i64) -> bool {
        self.forms.values().any(|ids| ids.contains(&field_id))
    }

    /// The fields agents must fill before solving a ticket of this category: those required of
    /// agents that its form shows, and those required of agents that no form shows (they apply
    /// to every ticket).
    pub fn required_of_agents(&self, category_id: Option<i64>) -> Vec<&FieldDefinition> {
        let form: &[i64] = category_id.and_then(|c| self.forms.get(&c)).map_or(&[], Vec::as_slice);
        self.active()
            .filter(|f| f.rules.required_for_agents)
            .filter(|f| form.contains(&f.id) || !self.on_any_form(f.id))
            .collect()
    }

    /// The stylesheet that shows each category's fields on the new-request form when the
    /// category is chosen, in its form's order (`FORM_STYLES_PATH`).
    pub fn form_css(&self) -> String {
        let mut css = String::new();
        let mut forms: Vec<(&i64, &Vec<i64>)> = self.forms.iter().collect();
        forms.sort_unstable();
        for (category, ids) in forms {
            let shown = ids.iter().filter(|id| self.get(**id).is_some_and(|f| f.active));
            for (order, field) in shown.enumerate() {
                css.push_str(&format!(
                    "#{}:has(#{}:checked) .cf-f{field} {{ display: block; order: {order}; }}\n",
                    super::NEW_REQUEST_FORM_ID,
                    super::category_option_id(*category),
                ));
            }
        }
        css
    }

    /// The active fields shown as columns in lists, at most `LIST_COLUMNS_MAX`.
    pub fn listed(&self) -> Vec<&FieldDefinition> {
        self.active().filter(|f| f.show_in_lists).take(super::types::LIST_COLUMNS_MAX).collect()
    }
}
