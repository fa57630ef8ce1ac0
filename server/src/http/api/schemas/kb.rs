//! Wire types of the knowledge base's arrangement: who may read an article and where it is in its
//! life, categories with their sections, and the bodies that create and change them.

use domain::kb::types::{ArticleState, ArticleVisibility, CategoryView, SectionView};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

/// Who may read a published article: `public` anyone (search engines too), `customers` signed-in
/// customers and staff, `agents` agents, managers and admins only.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ArticleVisibilityDto {
    #[default]
    Public,
    Customers,
    Agents,
}

impl From<ArticleVisibility> for ArticleVisibilityDto {
    fn from(v: ArticleVisibility) -> Self {
        match v {
            ArticleVisibility::Public => ArticleVisibilityDto::Public,
            ArticleVisibility::Customers => ArticleVisibilityDto::Customers,
            ArticleVisibility::Agents => ArticleVisibilityDto::Agents,
        }
    }
}

impl From<ArticleVisibilityDto> for ArticleVisibility {
    fn from(v: ArticleVisibilityDto) -> Self {
        match v {
            ArticleVisibilityDto::Public => ArticleVisibility::Public,
            ArticleVisibilityDto::Customers => ArticleVisibility::Customers,
            ArticleVisibilityDto::Agents => ArticleVisibility::Agents,
        }
    }
}

/// Where an article is in its life: only `published` articles reach readers outside the staff.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StateDto {
    #[default]
    Draft,
    Published,
    Archived,
}

impl From<ArticleState> for StateDto {
    fn from(s: ArticleState) -> Self {
        match s {
            ArticleState::Draft => StateDto::Draft,
            ArticleState::Published => StateDto::Published,
            ArticleState::Archived => StateDto::Archived,
        }
    }
}

impl From<StateDto> for ArticleState {
    fn from(s: StateDto) -> Self {
        match s {
            StateDto::Draft => ArticleState::Draft,
            StateDto::Published => ArticleState::Published,
            StateDto::Archived => ArticleState::Archived,
        }
    }
}

/// A heading of a category that its articles are listed under, in order.
#[derive(Debug, Serialize, ToSchema)]
pub struct SectionDto {
    #[schema(example = 3)]
    pub id: i64,
    #[schema(example = "Connectivity")]
    pub name: String,
    /// Its place among the category's sections, from 0.
    #[schema(example = 0)]
    pub position: i32,
}

impl From<SectionView> for SectionDto {
    fn from(s: SectionView) -> Self {
        SectionDto { id: s.id, name: s.name, position: s.position }
    }
}

/// A category of the help center, with its sections.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryDto {
    #[schema(example = 3)]
    pub id: i64,
    #[schema(example = "Troubleshooting")]
    pub name: String,
    /// Its address: `/help/<slug>`.
    #[schema(example = "troubleshooting")]
    pub slug: String,
    #[schema(example = "When something stops working.")]
    pub description: String,
    /// Its place among the categories, from 0.
    #[schema(example = 2)]
    pub position: i32,
    pub sections: Vec<SectionDto>,
    /// How many articles in it the caller may read (for staff: every article, in any state).
    #[schema(example = 5)]
    pub articles: u64,
}

impl From<CategoryView> for CategoryDto {
    fn from(c: CategoryView) -> Self {
        CategoryDto {
            id: c.id,
            name: c.name,
            slug: c.slug,
            description: c.description,
            position: c.position,
            sections: c.sections.into_iter().map(Into::into).collect(),
            articles: c.articles,
        }
    }
}

/// The category an article is in.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryRef {
    #[schema(example = 3)]
    pub id: i64,
    #[schema(example = "troubleshooting")]
    pub slug: String,
    #[schema(example = "Troubleshooting")]
    pub name: String,
}

/// The categories in order. Readers outside the staff get only the categories that hold
/// something they may read.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryList {
    pub items: Vec<CategoryDto>,
}

/// A new category, placed after the others (writers).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCategoryBody {
    /// Unique among categories (ignoring case).
    #[serde(default)]
    #[schema(example = "Troubleshooting", min_length = 1, max_length = 100, required = true)]
    pub name: String,
    /// Unique among categories; empty or left out: made from the name.
    #[serde(default)]
    #[schema(example = "troubleshooting", max_length = 100, pattern = "^([a-z0-9]+(-[a-z0-9]+)*)?$")]
    pub slug: String,
    #[serde(default)]
    #[schema(example = "When something stops working.", max_length = 300)]
    pub description: String,
}

/// A change to a category (writers): fields left out keep their value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryPatch {
    #[schema(example = "Troubleshooting", min_length = 1, max_length = 100)]
    pub name: Option<String>,
    /// Empty: made from the name. Links to the old address stop working.
    #[schema(example = "troubleshooting", max_length = 100, pattern = "^([a-z0-9]+(-[a-z0-9]+)*)?$")]
    pub slug: Option<String>,
    #[schema(max_length = 300)]
    pub description: Option<String>,
}

/// A new section, placed after the category's others (writers).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSectionBody {
    /// Unique within the category (ignoring case).
    #[serde(default)]
    #[schema(example = "Connectivity", min_length = 1, max_length = 100, required = true)]
    pub name: String,
}

/// `null` means "clear this field", absence means "leave it".
pub fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}
