//! The knowledge base: an agents-only or unpublished article never reaches a customer or the
//! public (categories, category pages, article pages, search, suggestions, the sitemap); only
//! allowed writers write; content is sanitised; edits keep a history and never overwrite each
//! other unseen; votes count once per visitor.

use crate::common::desk;
use domain::{
    Actor, DomainError,
    kb::{
        articles::{self, ArticleInput},
        categories::{self, CategoryInput},
        feedback, from_ticket, queries,
        search::{ArticleQuery, Combine, search},
        types::{ArticleState, ArticleVisibility},
        views_counter::ViewCounter,
        writers,
    },
    similar::tickets as similar,
    ticket_types::{StatusCategory, Visibility},
    tickets::commands::{self, NewTicket},
};

const INTERNAL: &str = "Escalating VPN tickets to Engineering";
const CUSTOMERS_ONLY: &str = "Change the account owner";
const DRAFT: &str = "Two-factor sign-in";
const ARCHIVED: &str = "Legacy desktop client";

async fn titles_found(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    query: ArticleQuery,
    combine: Combine,
) -> Vec<String> {
    let found = search(db, actor, &query, combine, 50, 0, None).await.expect("search");
    found.hits.into_iter().map(|h| h.article.title).collect()
}

#[tokio::test]
async fn readers_see_only_what_their_role_allows_everywhere() {
    let d = desk().await;
    assert_eq!(seed::demo_kb::seed(&d.db).await.expect("seed"), 12);
    let anonymous = Actor::Anonymous;
    let customer = d.actor("customer@example.com").await;
    let agent = d.actor("agent@example.com").await;

    // Category lists: the playbooks category holds only agents' articles, so only staff see it.
    let names = |list: Vec<domain::kb::types::CategoryView>| list.into_iter().map(|c| c.name).collect::<Vec<_>>();
    let public = names(queries::categories(&d.db, &anonymous).await.expect("list"));
    assert!(!public.contains(&"Internal playbooks".to_owned()), "{public:?}");
    assert!(names(queries::categories(&d.db, &agent).await.expect("list")).contains(&"Internal playbooks".to_owned()));
    assert_eq!(queries::category(&d.db, &customer, "internal-playbooks", 0).await.err(), Some(DomainError::NotFound));
    let (_, playbooks) =
        queries::category(&d.db, &agent, "internal-playbooks", 0).await.expect("a category without sections");
    assert!(!playbooks.is_empty());

    // Category pages list what the reader may read.
    let (_, listed) = queries::category(&d.db, &anonymous, "getting-started", 0).await.expect("category");
    let listed: Vec<&str> = listed.iter().map(|a| a.title.as_str()).collect();
    assert!(listed.contains(&"Reset your password") && !listed.contains(&CUSTOMERS_ONLY), "{listed:?}");
    let (_, listed) = queries::category(&d.db, &customer, "getting-started", 0).await.expect("category");
    assert!(listed.iter().any(|a| a.title == CUSTOMERS_ONLY));
    let (_, listed) = queries::category(&d.db, &customer, "troubleshooting", 0).await.expect("category");
    assert!(!listed.iter().any(|a| a.title == DRAFT || a.title == ARCHIVED));

    // Article pages: by address and by id.
    let internal = queries::article_at(&d.db, &agent, "internal-playbooks", "escalating-vpn-tickets-to-engineering")
        .await
        .expect("agents read it");
    for reader in [&anonymous, &customer] {
        let at =
            queries::article_at(&d.db, reader, "internal-playbooks", "escalating-vpn-tickets-to-engineering").await;
        assert_eq!(at.err(), Some(DomainError::NotFound));
        assert_eq!(queries::article(&d.db, reader, internal.summary.id).await.err(), Some(DomainError::NotFound));
    }
    let owner =
        queries::article_at(&d.db, &customer, "getting-started", "change-the-account-owner").await.expect("read");
    assert_eq!(queries::article(&d.db, &anonymous, owner.summary.id).await.err(), Some(DomainError::NotFound));
    assert_eq!(owner.body, "", "readers who may not edit get no Markdown");
    assert_eq!(owner.stats, Default::default(), "nor the writers' counts");

    // Search and suggestions while typing.
    for (reader, sees_internal, sees_customers) in
        [(&anonymous, false, false), (&customer, false, true), (&agent, true, true)]
    {
        let words = titles_found(&d.db, reader, ArticleQuery::parse("vpn").expect("q"), Combine::All).await;
        assert!(words.contains(&"VPN keeps disconnecting".to_owned()), "{words:?}");
        assert_eq!(words.contains(&INTERNAL.to_owned()), sees_internal, "{reader:?} {words:?}");
        let typed = ArticleQuery::from_typing("Our company owner left, how do we change the account owner");
        let suggested = titles_found(&d.db, reader, typed, Combine::Any).await;
        assert_eq!(suggested.contains(&CUSTOMERS_ONLY.to_owned()), sees_customers, "{reader:?} {suggested:?}");
        let drafts = titles_found(&d.db, reader, ArticleQuery::parse("two-factor").expect("q"), Combine::All).await;
        assert_eq!(drafts.contains(&DRAFT.to_owned()), reader == &agent, "{drafts:?}");
    }
    // Related articles never lead past the reader's rights either.
    let vpn = queries::article_at(&d.db, &anonymous, "troubleshooting", "vpn-keeps-disconnecting").await.expect("read");
    let related = queries::related(&d.db, &anonymous, &vpn, 5).await.expect("related");
    assert!(!related.iter().any(|a| a.visibility != ArticleVisibility::Public), "{related:?}");
    let related = queries::related(&d.db, &agent, &vpn, 5).await.expect("related");
    assert!(related.iter().any(|a| a.title == INTERNAL), "{related:?}");

    // The sitemap names public published articles only.
    let sitemap = queries::sitemap(&d.db).await.expect("sitemap");
    let paths: Vec<&str> = sitemap.iter().map(|(p, _)| p.as_str()).collect();
    assert!(paths.contains(&"/help/troubleshooting/vpn-keeps-disconnecting"), "{paths:?}");
    assert!(paths.contains(&"/help/troubleshooting"));
    for hidden in ["change-the-account-owner", "escalating-vpn", "two-factor", "legacy-desktop", "internal-playbooks"] {
        assert!(!paths.iter().any(|p| p.contains(hidden)), "{hidden} in {paths:?}");
    }

    // The writers' list is for staff.
    assert_eq!(
        queries::list_for_staff(&d.db, &customer, Default::default(), 0).await.err(),
        Some(DomainError::Forbidden)
    );
    let (all, total) = queries::list_for_staff(&d.db, &agent, Default::default(), 0).await.expect("list");
    assert_eq!((all.len(), total), (12, 12));
}

#[tokio::test]
async fn search_ranks_titles_first_and_marks_the_matches() {
    let d = desk().await;
    seed::demo_kb::seed(&d.db).await.expect("seed");
    let found = search(&d.db, &Actor::Anonymous, &ArticleQuery::parse("refund").expect("q"), Combine::All, 10, 0, None)
        .await
        .expect("search");
    assert_eq!(found.total, 1);
    let hit = &found.hits[0];
    assert_eq!(hit.article.title, "Charged twice: refunds for double charges");
    assert!(hit.title.iter().any(|h| h.hit && h.text.to_lowercase().starts_with("refund")), "{:?}", hit.title);
    assert!(hit.snippet.iter().any(|h| h.hit), "{:?}", hit.snippet);
    // Filters of the query language narrow it; ticket filters are refused with a message.
    let tagged =
        search(&d.db, &Actor::Anonymous, &ArticleQuery::parse("tag:printer").expect("q"), Combine::All, 10, 0, None)
            .await
            .expect("search");
    assert_eq!(
        tagged.hits.iter().map(|h| h.article.title.as_str()).collect::<Vec<_>>(),
        ["Printer missing from the device list"]
    );
    let err = ArticleQuery::parse("status:open").expect_err("refused");
    assert_eq!(err.fields()[0].field, "q");
    let none = search(
        &d.db,
        &Actor::Anonymous,
        &ArticleQuery::parse("category:nowhere vpn").expect("q"),
        Combine::All,
        10,
        0,
        None,
    )
    .await
    .expect("search");
    assert_eq!(none.total, 0);
}

#[tokio::test]
async fn allowed_writers_write_with_history_sanitised_and_without_lost_edits() {
    let d = desk().await;
    seed::demo_kb::seed(&d.db).await.expect("seed");
    let admin = d.actor("admin@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let customer = d.actor("customer@example.com").await;
    let category = categories::create_category(
        &d.db,
        &admin,
        CategoryInput { name: "Security".into(), slug: String::new(), description: String::new() },
    )
    .await
    .expect("category");
    // A category's address fits its column on PostgreSQL too (found by schemathesis).
    let long = CategoryInput { name: "Long".into(), slug: "a".repeat(101), description: String::new() };
    let err = categories::create_category(&d.db, &admin, long).await.expect_err("too long");
    assert_eq!(err.fields()[0].field, "slug");
    let input = |title: &str, body: &str| ArticleInput {
        title: title.into(),
        body: body.into(),
        category_id: category,
        visibility: ArticleVisibility::Public,
        state: ArticleState::Published,
        ..Default::default()
    };

    // Alex may not write until the admin allows it; customers never.
    assert_eq!(
        articles::create(&d.db, &agent, input("Phishing", "Report it."), None).await,
        Err(DomainError::Forbidden)
    );
    assert_eq!(articles::create(&d.db, &customer, input("Phishing", "x"), None).await, Err(DomainError::Forbidden));
    assert_eq!(
        articles::create(&d.db, &Actor::Anonymous, input("Phishing", "x"), None).await,
        Err(DomainError::Unauthenticated)
    );
    let alex = match agent {
        Actor::User(p) => p.user_id,
        _ => unreachable!(),
    };
    assert_eq!(writers::allow(&d.db, &agent, alex, true).await, Err(DomainError::Forbidden));
    writers::allow(&d.db, &admin, alex, true).await.expect("allow");
    assert_eq!(writers::list(&d.db, &agent).await.err(), Some(DomainError::Forbidden));
    let listed = writers::list(&d.db, &admin).await.expect("writers");
    let row = |name: &str| listed.iter().find(|w| w.name == name).map(|w| (w.writes, w.always));
    assert_eq!(
        (row("Alex Agent"), row("Ada Admin"), row("Jordan Lee")),
        (Some((true, false)), Some((true, true)), Some((false, false)))
    );
    assert_eq!(row("Casey Customer"), None, "customers never write");

    // Sanitised like messages: scripts, handlers and javascript: links never reach a page.
    let hostile = "Report it.\n\n<script>alert(1)</script><img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))";
    let id = articles::create(&d.db, &agent, input("Report phishing mail", hostile), None).await.expect("create");
    let read = queries::article(&d.db, &customer, id).await.expect("published and public");
    for bad in ["<script", "onerror", "javascript:"] {
        assert!(!read.html.contains(bad), "{bad} in {}", read.html);
    }
    assert_eq!(read.summary.slug, "report-phishing-mail");

    // Field errors name their fields; addresses are unique within a category.
    let err = articles::create(&d.db, &agent, input("Report phishing mail", "again"), None).await.expect_err("taken");
    assert_eq!(err.fields()[0].field, "slug");
    let err = articles::create(&d.db, &agent, input(" ", ""), None).await.expect_err("empty");
    assert_eq!(err.fields()[0].field, "title");

    // Two writers open version 1; the second save is refused, not silently lost.
    let base = queries::revisions(&d.db, &admin, id).await.expect("history")[0].id;
    let edit = |body: &str| ArticleInput { base_revision: Some(base), ..input("Report phishing mail", body) };
    articles::update(&d.db, &admin, id, edit("Forward it to security@.")).await.expect("first save");
    assert!(matches!(articles::update(&d.db, &agent, id, edit("Delete it.")).await, Err(DomainError::Conflict(_))));
    articles::set_state(&d.db, &agent, id, ArticleState::Archived).await.expect("archive");
    let history = queries::revisions(&d.db, &admin, id).await.expect("history");
    let editors: Vec<Option<&str>> = history.iter().map(|r| r.editor.as_deref()).collect();
    assert_eq!(editors, [Some("Alex Agent"), Some("Ada Admin"), Some("Alex Agent")]);
    assert_eq!(history[0].state, ArticleState::Archived);
    assert_eq!(queries::article(&d.db, &customer, id).await.err(), Some(DomainError::NotFound), "archived");

    // Sections keep the order writers give them.
    let first = categories::create_section(&d.db, &agent, category, "Mail").await.expect("section");
    let second = categories::create_section(&d.db, &agent, category, "Passwords").await.expect("section");
    categories::move_section(&d.db, &agent, second, -1).await.expect("move");
    let listed = queries::categories(&d.db, &admin).await.expect("categories");
    let security = listed.iter().find(|c| c.id == category).expect("listed");
    assert_eq!(security.sections.iter().map(|s| s.id).collect::<Vec<_>>(), [second, first]);
    assert_eq!(categories::move_section(&d.db, &customer, first, 1).await, Err(DomainError::Forbidden));

    // Categories that hold articles are not deleted.
    assert!(matches!(categories::delete_category(&d.db, &admin, category).await, Err(DomainError::Conflict(_))));
}

#[tokio::test]
async fn votes_count_once_per_visitor_and_views_and_deflections_add_up() {
    let d = desk().await;
    seed::demo_kb::seed(&d.db).await.expect("seed");
    let agent = d.actor("agent@example.com").await;
    let customer = d.actor("customer@example.com").await;
    let printer = queries::article_at(&d.db, &customer, "troubleshooting", "printer-missing-from-the-device-list")
        .await
        .expect("read");
    let id = printer.summary.id;
    let before = queries::article(&d.db, &agent, id).await.expect("read").stats;

    let visitor = feedback::visitor_key(&Actor::Anonymous, Some([10, 0, 0, 1].into()), "Firefox");
    assert_eq!(visitor, feedback::visitor_key(&Actor::Anonymous, Some([10, 0, 0, 1].into()), "Firefox"));
    assert_ne!(visitor, feedback::visitor_key(&Actor::Anonymous, Some([10, 0, 0, 2].into()), "Firefox"));
    feedback::vote(&d.db, &Actor::Anonymous, id, &visitor, true, "").await.expect("vote");
    feedback::vote(&d.db, &Actor::Anonymous, id, &visitor, false, "Did not help on macOS").await.expect("changes it");
    feedback::vote(&d.db, &customer, id, "user:1", true, "").await.expect("another visitor");
    let long = "x".repeat(2_001);
    let err = feedback::vote(&d.db, &customer, id, "user:1", true, &long).await.expect_err("too long");
    assert_eq!(err.fields()[0].field, "comment");
    feedback::deflect(&d.db, &customer, id).await.expect("deflect");

    let views = ViewCounter::default();
    for _ in 0..3 {
        views.record(id);
    }
    assert_eq!(views.flush(&d.db).await.expect("flush"), 1);
    assert_eq!(views.flush(&d.db).await.expect("nothing left"), 0);

    let after = queries::article(&d.db, &agent, id).await.expect("read").stats;
    assert_eq!(after.helpful_yes, before.helpful_yes + 1);
    assert_eq!(after.helpful_no, before.helpful_no + 1);
    assert_eq!(after.deflections, before.deflections + 1);
    assert_eq!(after.views, before.views + 3);
    let comments = feedback::comments(&d.db, id, 10).await.expect("comments");
    assert!(comments.iter().any(|(helpful, text, _)| !helpful && text == "Did not help on macOS"));

    // Nobody votes on or counts an article they cannot read.
    let internal = queries::article_at(&d.db, &agent, "internal-playbooks", "refund-approval-checklist")
        .await
        .expect("agents read it");
    let refused = feedback::vote(&d.db, &customer, internal.summary.id, "user:9", true, "").await;
    assert_eq!(refused, Err(DomainError::NotFound));
    assert_eq!(feedback::deflect(&d.db, &Actor::Anonymous, internal.summary.id).await, Err(DomainError::NotFound));
}

#[tokio::test]
async fn tickets_meet_articles_duplicates_links_and_drafts() {
    let d = desk().await;
    seed::demo_kb::seed(&d.db).await.expect("seed");
    let admin = d.actor("admin@example.com").await;
    let agent = d.actor("agent@example.com").await;
    let customer = d.actor("customer@example.com").await;
    let stranger = d.actor("lee@fastmail.example").await;
    let open =
        |subject: &str, body: &str| NewTicket { subject: subject.into(), body: body.into(), ..Default::default() };
    let first = commands::create(
        &d.db,
        &customer,
        open("Scanner jams on every page", "The office scanner jams on every page since Monday"),
    )
    .await
    .expect("create");

    // While typing, the customer is shown their own open ticket; nobody else is.
    let typed = ("Scanner keeps jamming", "Every page jams in the scanner");
    let mine = similar::for_new_request(&d.db, &customer, typed.0, typed.1).await.expect("similar");
    assert_eq!(mine.iter().map(|t| t.ticket.id).collect::<Vec<_>>(), [first.id], "{mine:?}");
    assert!(similar::for_new_request(&d.db, &stranger, typed.0, typed.1).await.expect("similar").is_empty());
    assert_eq!(similar::for_new_request(&d.db, &agent, typed.0, typed.1).await.err(), Some(DomainError::Forbidden));

    // Sent anyway, the new ticket shows staff the first as a possible duplicate; customers
    // may not ask.
    let second = commands::create(&d.db, &customer, open(typed.0, typed.1)).await.expect("create");
    let duplicates = similar::for_ticket(&d.db, &agent, second.id).await.expect("duplicates");
    assert_eq!(duplicates.iter().map(|t| t.ticket.id).collect::<Vec<_>>(), [first.id]);
    assert_eq!(similar::for_ticket(&d.db, &customer, second.id).await.err(), Some(DomainError::Forbidden));

    // A reply linking an article counts once per ticket.
    let vpn = queries::article_at(&d.db, &agent, "troubleshooting", "vpn-keeps-disconnecting").await.expect("read");
    let link = "See https://desk.example/help/troubleshooting/vpn-keeps-disconnecting for the fix.";
    commands::add_message(&d.db, &agent, first.id, Visibility::Public, link).await.expect("reply");
    commands::add_message(&d.db, &agent, first.id, Visibility::Internal, link).await.expect("note");
    let linked = queries::article(&d.db, &agent, vpn.summary.id).await.expect("read").stats.linked_tickets;
    assert_eq!(linked, vpn.stats.linked_tickets + 1);

    // Only a solved ticket's answer becomes a draft, and only for writers.
    let refused = from_ticket::draft_from_ticket(&d.db, &admin, first.id).await;
    assert!(matches!(refused, Err(DomainError::InvalidTransition(_))), "{refused:?}");
    commands::move_to(&d.db, &customer, first.id, StatusCategory::Solved).await.expect("solve");
    assert_eq!(from_ticket::draft_from_ticket(&d.db, &agent, first.id).await, Err(DomainError::Forbidden));
    let draft = from_ticket::draft_from_ticket(&d.db, &admin, first.id).await.expect("draft");
    let draft = queries::article(&d.db, &admin, draft).await.expect("read");
    assert_eq!(draft.summary.title, "Scanner jams on every page");
    assert_eq!(draft.summary.state, ArticleState::Draft);
    assert_eq!(draft.body, link, "the last public answer");
    assert_eq!(queries::article(&d.db, &customer, draft.summary.id).await.err(), Some(DomainError::NotFound));
}
