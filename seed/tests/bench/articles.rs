//! The benchmark desk's knowledge base on a real database: what the load harness's W8 and W9
//! rely on (categories for anonymous readers, articles at their addresses, keyword search that
//! finds exactly the public articles carrying the keyword, customers who sign in).

use domain::{
    Actor, accounts, db,
    entities::kb_article,
    kb::{
        queries,
        search::{ArticleQuery, Combine, search},
        types::{ArticleState, ArticleVisibility},
    },
    testing::TestDatabase,
};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use seed::{bench, demo::DEMO_PASSWORD};
use std::collections::BTreeSet;

const TICKETS: usize = 300;
const ARTICLES: usize = 400;

#[tokio::test]
async fn seeds_a_knowledge_base_readers_can_browse_and_search() {
    let test = TestDatabase::new().await;
    let db = db::connect(&test.url).await.expect("connect");
    Migrator::up(&db, None).await.expect("migrate");
    let seeded = bench::seed_with_articles(&db, TICKETS, ARTICLES, &mut |_| {}).await.expect("seed");
    assert_eq!(seeded.articles, ARTICLES);
    assert_eq!(kb_article::Entity::find().count(&db).await.expect("count"), ARTICLES as u64);

    let anonymous = Actor::Anonymous;
    let categories = queries::categories(&db, &anonymous).await.expect("categories");
    assert_eq!(categories.len(), 6);
    let public = kb_article::Entity::find()
        .filter(kb_article::Column::Visibility.eq(ArticleVisibility::Public))
        .filter(kb_article::Column::State.eq(ArticleState::Published))
        .all(&db)
        .await
        .expect("public articles");
    let share = public.len() as f64 / ARTICLES as f64;
    assert!((0.7..0.9).contains(&share), "public share {share}");
    assert_eq!(categories.iter().map(|c| c.articles).sum::<u64>(), public.len() as u64);

    let (category, listed) = queries::category(&db, &anonymous, &categories[0].slug, 0).await.expect("category");
    assert!(!listed.is_empty() && category.sections.len() == 3, "{} sections", category.sections.len());
    // Fifty to a page, sections in order, every readable article once over the pages.
    let mut seen = BTreeSet::new();
    for page in 0..category.articles.div_ceil(queries::PAGE_SIZE) {
        let (_, on_page) = queries::category(&db, &anonymous, &category.slug, page).await.expect("page");
        assert!(on_page.len() as u64 <= queries::PAGE_SIZE);
        let order: Vec<usize> = on_page
            .iter()
            .map(|a| a.section_id.and_then(|s| category.sections.iter().position(|c| c.id == s)).unwrap_or(usize::MAX))
            .collect();
        assert!(order.is_sorted(), "sections in order: {order:?}");
        seen.extend(on_page.iter().map(|a| a.id));
    }
    assert_eq!(seen.len() as u64, category.articles);
    let first = &listed[0];
    let page = queries::article_at(&db, &anonymous, &first.category_slug, &first.slug).await.expect("article");
    assert!(page.html.contains("<h2>") && page.html.contains("<ol>"), "rendered Markdown");

    for k in 0..5 {
        let word = bench::keyword(k);
        let expected: BTreeSet<i64> = public.iter().filter(|a| a.body_text.contains(&word)).map(|a| a.id).collect();
        let query = ArticleQuery::parse(&word).expect("query");
        let found = search(&db, &anonymous, &query, Combine::All, 100, 0, None).await.expect("search");
        let ids: BTreeSet<i64> = found.hits.iter().map(|h| h.article.id).collect();
        assert_eq!(ids, expected, "keyword {word}");
        assert!(!ids.is_empty(), "keyword {word} is in 1% of {ARTICLES} articles");
    }

    let throttle = accounts::SignInThrottle::default();
    let customer = bench::customer_email(17);
    accounts::commands::sign_in(&db, &throttle, &customer, DEMO_PASSWORD, None).await.expect("a customer signs in");
}
