//! Wire types of knowledge-base articles: list items (with search highlights), one article, its
//! history, and the bodies that write articles and answer "Was this helpful?".

use super::kb::{ArticleVisibilityDto, CategoryRef, StateDto, present};
use chrono::{DateTime, Utc};
use domain::kb::types::{ArticleHit, ArticleStats, ArticleSummary, ArticleView, Highlight, RevisionView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How readers received an article (staff only).
#[derive(Debug, Serialize, ToSchema)]
pub struct StatsDto {
    #[schema(example = 120)]
    pub views: u64,
    /// Readers who answered "Was this helpful?" with yes, and with no.
    #[schema(example = 14)]
    pub helpful_yes: u64,
    #[schema(example = 2)]
    pub helpful_no: u64,
    /// Requests not opened because this article answered them.
    #[schema(example = 5)]
    pub deflections: u64,
    /// Tickets whose replies linked it.
    #[schema(example = 3)]
    pub linked_tickets: u64,
}

impl From<ArticleStats> for StatsDto {
    fn from(s: ArticleStats) -> Self {
        StatsDto {
            views: s.views,
            helpful_yes: s.helpful_yes,
            helpful_no: s.helpful_no,
            deflections: s.deflections,
            linked_tickets: s.linked_tickets,
        }
    }
}

/// A piece of highlighted text; pieces with `hit` matched the search. Joined in order they give
/// the whole text.
#[derive(Debug, Serialize, ToSchema)]
pub struct HighlightDto {
    #[schema(example = "VPN")]
    pub text: String,
    pub hit: bool,
}

fn pieces(h: Vec<Highlight>) -> Vec<HighlightDto> {
    h.into_iter().map(|h| HighlightDto { text: h.text, hit: h.hit }).collect()
}

/// Where a search matched: the title, and a snippet of the text (the summary when the text has
/// no match).
#[derive(Debug, Serialize, ToSchema)]
pub struct HighlightsDto {
    pub title: Vec<HighlightDto>,
    pub snippet: Vec<HighlightDto>,
}

/// An article in a list or among search results.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleItemDto {
    #[schema(example = 6)]
    pub id: i64,
    #[schema(example = "VPN keeps disconnecting")]
    pub title: String,
    #[schema(example = "vpn-keeps-disconnecting")]
    pub slug: String,
    #[schema(example = "The VPN drops every hour or asks you to sign in again.")]
    pub summary: String,
    pub category: CategoryRef,
    pub section_id: Option<i64>,
    pub visibility: ArticleVisibilityDto,
    pub state: StateDto,
    /// Its page in the help center: `/help/<category slug>/<slug>`.
    #[schema(example = "/help/troubleshooting/vpn-keeps-disconnecting")]
    pub url: String,
    pub updated_at: DateTime<Utc>,
    /// Counts, in the staff's list without `q`; null otherwise.
    pub stats: Option<StatsDto>,
    /// The matches, in search results (with `q`); null otherwise.
    pub highlights: Option<HighlightsDto>,
}

impl From<ArticleSummary> for ArticleItemDto {
    fn from(a: ArticleSummary) -> Self {
        ArticleItemDto {
            url: a.path(),
            id: a.id,
            title: a.title,
            slug: a.slug,
            summary: a.summary,
            category: CategoryRef { id: a.category_id, slug: a.category_slug, name: a.category_name },
            section_id: a.section_id,
            visibility: a.visibility.into(),
            state: a.state.into(),
            updated_at: a.updated_at,
            stats: None,
            highlights: None,
        }
    }
}

impl From<ArticleHit> for ArticleItemDto {
    fn from(h: ArticleHit) -> Self {
        let highlights = HighlightsDto { title: pieces(h.title), snippet: pieces(h.snippet) };
        ArticleItemDto { highlights: Some(highlights), ..h.article.into() }
    }
}

/// One page of articles; pass `next_cursor` back as `cursor` for the next one.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticlePage {
    pub items: Vec<ArticleItemDto>,
    /// How many articles match in all.
    #[schema(example = 12)]
    pub total: u64,
    pub next_cursor: Option<String>,
}

/// One article.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleDto {
    #[schema(example = 6)]
    pub id: i64,
    #[schema(example = "VPN keeps disconnecting")]
    pub title: String,
    #[schema(example = "vpn-keeps-disconnecting")]
    pub slug: String,
    #[schema(example = "The VPN drops every hour or asks you to sign in again.")]
    pub summary: String,
    /// The Markdown, for writers (admins and the agents an admin allows); null for everyone else.
    pub body: Option<String>,
    /// The text as sanitised HTML, to show.
    #[schema(example = "<h2>Check your client version</h2><p>Open <strong>Help → About</strong>.</p>")]
    pub html: String,
    pub category: CategoryRef,
    pub section_id: Option<i64>,
    #[schema(example = json!(["vpn", "remote"]))]
    pub tags: Vec<String>,
    pub visibility: ArticleVisibilityDto,
    pub state: StateDto,
    /// Its page in the help center: `/help/<category slug>/<slug>`.
    #[schema(example = "/help/troubleshooting/vpn-keeps-disconnecting")]
    pub url: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When it was first published; null while it never was.
    pub published_at: Option<DateTime<Utc>>,
    /// Counts for staff; null for everyone else.
    pub stats: Option<StatsDto>,
    /// The id of its latest saved version, for staff: send it as `base_revision` with a change so
    /// that a later save by someone else is refused rather than overwritten. Null for everyone else.
    #[schema(example = 31)]
    pub revision: Option<i64>,
    /// Its images and files, linked from the text.
    pub files: Vec<ArticleFileDto>,
}

/// An image or file of an article, downloadable by whoever may read the article.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleFileDto {
    #[schema(example = 3)]
    pub id: i64,
    #[schema(example = "vpn-client-about.png")]
    pub file_name: String,
    #[schema(example = "image/png")]
    pub content_type: String,
    /// Bytes.
    #[schema(example = 611)]
    pub size: i64,
    /// A PNG, JPEG, GIF or WebP image (checked by its bytes), shown in place.
    pub is_image: bool,
    /// Where to get it, relative to the server: `/help/files/<id>/<name>`.
    #[schema(example = "/help/files/3/vpn-client-about.png")]
    pub url: String,
}

impl ArticleDto {
    /// `staff` gets the counts and the revision; `body` is the view's (empty unless a writer).
    pub fn of(v: ArticleView, staff: bool, revision: Option<i64>) -> Self {
        let a = v.summary;
        ArticleDto {
            url: a.path(),
            id: a.id,
            title: a.title,
            slug: a.slug,
            summary: a.summary,
            body: v.can_edit.then_some(v.body),
            html: v.html,
            category: CategoryRef { id: a.category_id, slug: a.category_slug, name: a.category_name },
            section_id: a.section_id,
            tags: v.tags,
            visibility: a.visibility.into(),
            state: a.state.into(),
            created_at: v.created_at,
            updated_at: a.updated_at,
            published_at: v.published_at,
            stats: staff.then(|| v.stats.into()),
            revision: revision.filter(|_| staff),
            files: v
                .files
                .into_iter()
                .map(|f| ArticleFileDto {
                    url: f.url(),
                    id: f.id,
                    file_name: f.file_name,
                    content_type: f.content_type,
                    size: f.size,
                    is_image: f.is_image,
                })
                .collect(),
        }
    }
}

/// A new article (writers). Its Markdown is rendered once and sanitised.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewArticleBody {
    #[serde(default)]
    #[schema(example = "VPN keeps disconnecting", min_length = 1, max_length = 200, required = true)]
    pub title: String,
    /// Unique within the category; empty or left out: made from the title.
    #[serde(default)]
    #[schema(example = "vpn-keeps-disconnecting", max_length = 120, pattern = "^([a-z0-9]+(-[a-z0-9]+)*)?$")]
    pub slug: String,
    #[serde(default)]
    #[schema(example = "The VPN drops every hour.", max_length = 300)]
    pub summary: String,
    /// Markdown; required (not blank) to publish.
    #[serde(default)]
    #[schema(example = "Update the client to 4.3 or later.", max_length = 200000)]
    pub body: String,
    /// The category it goes in (left out: a 422 on `category_id`, like an unknown one).
    #[schema(example = 3, value_type = i64, required = true)]
    pub category_id: Option<i64>,
    /// A section of that category.
    pub section_id: Option<i64>,
    /// Lower-cased; letters, digits, `-` and `_`, at most 32 characters each; duplicates dropped.
    #[serde(default)]
    #[schema(example = json!(["vpn", "remote"]), max_items = 20)]
    pub tags: Vec<String>,
    /// `public` when left out.
    #[serde(default)]
    pub visibility: ArticleVisibilityDto,
    /// `draft` when left out.
    #[serde(default)]
    pub state: StateDto,
}

/// A change to an article (writers): fields left out keep their value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticlePatch {
    #[schema(example = "VPN keeps disconnecting", min_length = 1, max_length = 200)]
    pub title: Option<String>,
    /// Empty: made from the title.
    #[schema(max_length = 120, pattern = "^([a-z0-9]+(-[a-z0-9]+)*)?$")]
    pub slug: Option<String>,
    #[schema(max_length = 300)]
    pub summary: Option<String>,
    /// Markdown; required (not blank) to publish.
    #[schema(max_length = 200000)]
    pub body: Option<String>,
    /// Moving the article to another category takes it out of its section unless `section_id`
    /// names one of the new category's.
    pub category_id: Option<i64>,
    /// `null` takes the article out of its section.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub section_id: Option<Option<i64>>,
    /// The whole new set of tags.
    #[schema(example = json!(["vpn"]), max_items = 20)]
    pub tags: Option<Vec<String>>,
    pub visibility: Option<ArticleVisibilityDto>,
    /// Publishing stamps `published_at` the first time.
    pub state: Option<StateDto>,
    /// The `revision` the change was made from: when someone saved the article after it, the
    /// change is refused with 409. Left out, the change applies to whatever is latest.
    #[schema(example = 31)]
    pub base_revision: Option<i64>,
}

/// One saved version of an article.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionDto {
    #[schema(example = 31)]
    pub id: i64,
    /// Who saved it; null when the desk itself did, or the person is gone.
    #[schema(example = "Sam Rivera")]
    pub editor: Option<String>,
    #[schema(example = "VPN keeps disconnecting")]
    pub title: String,
    pub state: StateDto,
    pub visibility: ArticleVisibilityDto,
    pub created_at: DateTime<Utc>,
}

impl From<RevisionView> for RevisionDto {
    fn from(r: RevisionView) -> Self {
        RevisionDto {
            id: r.id,
            editor: r.editor,
            title: r.title,
            state: r.state.into(),
            visibility: r.visibility.into(),
            created_at: r.created_at,
        }
    }
}

/// An article's saved versions, newest first (at most 100).
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionList {
    pub items: Vec<RevisionDto>,
}

/// An answer to "Was this helpful?". A caller's new answer replaces their last one.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteBody {
    pub helpful: bool,
    #[schema(example = "The steps worked on Windows but not on macOS.", max_length = 2000)]
    pub comment: Option<String>,
}
