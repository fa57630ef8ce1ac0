//! Wasm-safe knowledge-base vocabulary: who may read an article, where it is in its life, and
//! the views pages and the API show (categories, article lists, one article, search hits).

use chrono::{DateTime, Utc};
#[cfg(feature = "server")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// Who may read a published article (stored as its `as_str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum ArticleVisibility {
    /// Anyone, without an account; search engines index it.
    #[default]
    #[cfg_attr(feature = "server", sea_orm(string_value = "public"))]
    Public,
    /// Signed-in customers (and staff).
    #[cfg_attr(feature = "server", sea_orm(string_value = "customers"))]
    Customers,
    /// Agents, managers and admins only: the desk's internal knowledge.
    #[cfg_attr(feature = "server", sea_orm(string_value = "agents"))]
    Agents,
}

impl ArticleVisibility {
    pub const ALL: [ArticleVisibility; 3] = [Self::Public, Self::Customers, Self::Agents];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Customers => "customers",
            Self::Agents => "agents",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Public => "Public: anyone, without signing in",
            Self::Customers => "Signed-in customers",
            Self::Agents => "Agents only",
        }
    }
}

/// Where an article is in its life (stored as its `as_str`). Only published articles reach
/// readers outside the staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
#[serde(rename_all = "snake_case")]
pub enum ArticleState {
    #[default]
    #[cfg_attr(feature = "server", sea_orm(string_value = "draft"))]
    Draft,
    #[cfg_attr(feature = "server", sea_orm(string_value = "published"))]
    Published,
    #[cfg_attr(feature = "server", sea_orm(string_value = "archived"))]
    Archived,
}

impl ArticleState {
    pub const ALL: [ArticleState; 3] = [Self::Draft, Self::Published, Self::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Published => "Published",
            Self::Archived => "Archived",
        }
    }
}

pub const TITLE_MAX_CHARS: usize = 200;
pub const SUMMARY_MAX_CHARS: usize = 300;
pub const SLUG_MAX_CHARS: usize = 120;
pub const BODY_MAX_CHARS: usize = 200_000;
pub const NAME_MAX_CHARS: usize = 100;
pub const COMMENT_MAX_CHARS: usize = 2_000;

/// A section of a category: a heading its articles are listed under, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionView {
    pub id: i64,
    pub name: String,
    pub position: i32,
}

/// A category, with its sections and how many articles the viewer can read in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryView {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub position: i32,
    pub sections: Vec<SectionView>,
    pub articles: u64,
}

/// An article in a list: enough to link to it and say what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub category_id: i64,
    pub category_slug: String,
    pub category_name: String,
    pub section_id: Option<i64>,
    pub slug: String,
    pub visibility: ArticleVisibility,
    pub state: ArticleState,
    pub updated_at: DateTime<Utc>,
}

impl ArticleSummary {
    /// The article's address in the help center.
    pub fn path(&self) -> String {
        article_path(&self.category_slug, &self.slug)
    }
}

/// `/help/<category>/<slug>`.
pub fn article_path(category_slug: &str, slug: &str) -> String {
    format!("/help/{category_slug}/{slug}")
}

/// How readers received an article, for the people who write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ArticleStats {
    pub views: u64,
    pub helpful_yes: u64,
    pub helpful_no: u64,
    /// Requests not opened because this article answered them.
    pub deflections: u64,
    /// Tickets whose replies linked it.
    pub linked_tickets: u64,
}

/// One article, to read (`html` is sanitised) and, for writers, to edit (`body` is the Markdown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleView {
    pub summary: ArticleSummary,
    pub section_name: Option<String>,
    pub html: String,
    /// The Markdown; empty for readers who may not edit.
    pub body: String,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    /// Filled for staff; zero for everyone else.
    pub stats: ArticleStats,
    pub can_edit: bool,
    /// Images and files uploaded to the article, linked from its text.
    pub files: Vec<ArticleFileView>,
}

/// A piece of highlighted text: `hit` pieces matched the search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Highlight {
    pub text: String,
    pub hit: bool,
}

/// A search result: the article, its title and a snippet of its text with the matches marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleHit {
    pub article: ArticleSummary,
    pub title: Vec<Highlight>,
    pub snippet: Vec<Highlight>,
}

/// One saved version of an article: who saved it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionView {
    pub id: i64,
    pub editor: Option<String>,
    pub title: String,
    pub state: ArticleState,
    pub visibility: ArticleVisibility,
    pub created_at: DateTime<Utc>,
}

/// A category's page: the category and the articles in it the reader can read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryPage {
    pub category: CategoryView,
    /// One page of them; `category.articles` counts them all.
    pub articles: Vec<ArticleSummary>,
    pub page: u64,
    pub per_page: u64,
}

/// An article's page: the article, and related articles the reader can read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticlePage {
    pub article: ArticleView,
    pub related: Vec<ArticleSummary>,
}

/// A page of search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSearchPage {
    pub hits: Vec<ArticleHit>,
    pub total: u64,
    /// Counted from 0.
    pub page: u64,
    pub per_page: u64,
}

impl ArticleSearchPage {
    pub fn has_next(&self) -> bool {
        (self.page + 1) * self.per_page < self.total
    }
}

/// Splits text with `\u{2}…\u{3}` markers (what the search engines' snippet functions are asked
/// to put around matches) into highlighted pieces; markers never reach a page.
pub fn split_marked(text: &str) -> Vec<Highlight> {
    let mut out = Vec::new();
    let mut hit = false;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '\u{2}' | '\u{3}' => {
                if !current.is_empty() {
                    out.push(Highlight { text: std::mem::take(&mut current), hit });
                }
                hit = c == '\u{2}';
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(Highlight { text: current, hit });
    }
    out
}

/// A URL slug from a title: lower-case letters and digits joined by single hyphens, at most
/// `SLUG_MAX_CHARS` long (accented letters keep their base letter where it is plain ASCII).
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'ß' => 's',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug: String = slug.chars().take(SLUG_MAX_CHARS).collect();
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Whether `slug` is a slug as `slugify` makes them (what a typed slug must look like).
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= SLUG_MAX_CHARS
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_and_hyphenated() {
        assert_eq!(slugify("Reset your VPN password!"), "reset-your-vpn-password");
        assert_eq!(slugify("  Ça marche -- déjà?  "), "ca-marche-deja");
        assert_eq!(slugify("日本"), "");
        assert!(is_slug("reset-your-vpn-password"));
        for bad in ["", "-a", "a-", "a--b", "A", "a b", "a/b"] {
            assert!(!is_slug(bad), "{bad:?}");
        }
    }

    #[test]
    fn marked_text_splits_into_hits() {
        let pieces = split_marked("reset the \u{2}VPN\u{3} password");
        assert_eq!(pieces.len(), 3);
        assert!(pieces[1].hit && pieces[1].text == "VPN");
        assert!(!pieces[2].hit);
        assert!(split_marked("").is_empty());
    }
}

/// A member of staff on the admin's list of article writers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriterView {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    /// Admins write whatever the setting says.
    pub always: bool,
    pub writes: bool,
}

/// An image or file of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleFileView {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    /// A raster image (checked by its bytes), shown in place.
    pub is_image: bool,
}

impl ArticleFileView {
    /// Where readers get it: `/help/files/<id>/<name>` (the name is for people and is ignored).
    pub fn url(&self) -> String {
        let name: String = self
            .file_name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' { c } else { '-' })
            .collect();
        format!("/help/files/{}/{}", self.id, name)
    }

    /// What a writer pastes into the Markdown: an image, or a link to the file.
    pub fn markdown(&self) -> String {
        let label: String = self.file_name.chars().filter(|c| !matches!(c, '[' | ']' | '\\')).collect();
        if self.is_image { format!("![{label}]({})", self.url()) } else { format!("[{label}]({})", self.url()) }
    }
}
