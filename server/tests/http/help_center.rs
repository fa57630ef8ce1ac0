//! The help center and self-service as pages: plain HTML without the WebAssembly bundle, titles
//! and descriptions for search engines, agents-only articles absent for everyone else, the
//! sitemap, "Was this helpful?" as a plain form post, and the new-request form's answers when
//! JavaScript is off ("Check for answers first" reloads it with what was typed); article files
//! uploaded by writers, shown in place and downloaded safely.

use crate::support::{TestServer, call, call_json};
use reqwest::StatusCode;

async fn get(client: &reqwest::Client, server: &TestServer, path: &str) -> (StatusCode, String) {
    let res = client.get(server.url(path)).header("accept", "text/html").send().await.expect("get");
    (res.status(), res.text().await.expect("body"))
}

#[tokio::test]
async fn visitors_read_public_articles_as_plain_pages_and_nothing_else() {
    let server = TestServer::start().await;
    let visitor = server.client();
    let (status, home) = get(&visitor, &server, "/help").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("How can we help?") && home.contains("Troubleshooting"), "categories");
    assert!(!home.contains("Internal playbooks"), "an agents-only category");
    assert!(!home.contains("docket_bg.wasm") && !home.contains("/pkg/docket.js"), "no WebAssembly bundle");

    let zipped = visitor.get(server.url("/help")).header("accept-encoding", "gzip").send().await.expect("get");
    assert_eq!(
        zipped.headers().get("content-encoding").map(|v| v.as_bytes()),
        Some(b"gzip".as_slice()),
        "pages compress"
    );

    let (status, page) = get(&visitor, &server, "/help/troubleshooting/vpn-keeps-disconnecting").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<title>VPN keeps disconnecting · Help center · Docket</title>"), "title");
    assert!(page.contains(r#"<meta name="description" content="The VPN drops every hour"#), "description");
    assert!(page.contains("Was this helpful?") && page.contains("Related articles"));
    let heading = "Check your client version";
    assert_eq!(page.matches(heading).count(), 1, "the article once, not again as data for a takeover that never comes");
    // The demo's screenshot shows in place; its checklist is a download.
    assert!(page.contains(r#"alt="The VPN client's About box showing version 4.2""#), "the demo image");
    assert!(page.contains(r#"/help/files/"#) && page.contains("diagnostics checklist"), "the demo file");
    for path in [
        "/help/internal-playbooks/refund-approval-checklist",
        "/help/getting-started/change-the-account-owner",
        "/help/troubleshooting/two-factor-sign-in",
        "/help/internal-playbooks",
    ] {
        let (status, body) = get(&visitor, &server, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(!body.contains("second approver") && !body.contains("company's domain"), "{path}");
    }
    let customer = server.signed_in("customer@example.com").await;
    let (status, _) = get(&customer, &server, "/help/getting-started/change-the-account-owner").await;
    assert_eq!(status, StatusCode::OK, "customers read the customers' articles");
    let agent = server.signed_in("agent@example.com").await;
    let (status, body) = get(&agent, &server, "/help/internal-playbooks/refund-approval-checklist").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Internal article"), "staff are told who else can read it");

    // Search marks what matched; the query language's ticket filters get a field error.
    let (_, found) = get(&visitor, &server, "/help/search?q=refunds").await;
    assert!(found.contains("<mark>") && found.contains("Charged twice"), "highlighted hits");
    assert!(!found.contains("Refund approval checklist"));
    let (_, refused) = get(&visitor, &server, "/help/search?q=status%3Aopen").await;
    assert!(refused.contains("Search articles by words"), "{refused}");

    // Search engines: the sitemap lists public articles under the public URL; robots keep out.
    let (status, sitemap) = get(&visitor, &server, "/sitemap.xml").await;
    assert_eq!(status, StatusCode::OK);
    assert!(sitemap.contains("/help/troubleshooting/vpn-keeps-disconnecting</loc>"));
    assert!(!sitemap.contains("refund-approval-checklist") && !sitemap.contains("change-the-account-owner"));
    let (_, robots) = get(&visitor, &server, "/robots.txt").await;
    assert!(robots.contains("Allow: /help") && robots.contains("Sitemap: "));

    // "Was this helpful?" without JavaScript: a form post that comes back to the article.
    let res = visitor
        .post(server.url("/fn/vote_article"))
        .header("accept", "text/html")
        .header("origin", server.url(""))
        .form(&[("article_id", "6"), ("helpful", "no"), ("comment", "Still drops on 4.4")])
        .send()
        .await
        .expect("vote");
    let back = res.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().to_owned();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert!(back.starts_with("/help/") && back.contains("voted=1"), "{back}");
    let (_, thanked) = get(&visitor, &server, &back).await;
    assert!(thanked.contains("Thank you for your feedback."));
}

#[tokio::test]
async fn customers_see_answers_and_their_own_similar_ticket_without_javascript() {
    let server = TestServer::start().await;
    let customer = server.signed_in("customer@example.com").await;
    // An open request of Casey's to be found again.
    let res = call(
        &customer,
        &server,
        "create_ticket",
        &[
            ("subject", "VPN keeps disconnecting every hour"),
            ("body", "The VPN connection drops roughly every hour and I must sign in again."),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);

    let path = "/portal/new?subject=VPN+drops+every+hour&body=Since+Monday+my+VPN+disconnects+hourly";
    let (status, page) = get(&customer, &server, path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Check for answers first"), "the JavaScript-off button");
    assert!(page.contains("VPN keeps disconnecting") && page.contains("This answered my question"), "an article");
    assert!(page.contains("Is this the same as") && page.contains("opened today"), "the open ticket");
    assert!(page.contains("instead</button>"), "add to it instead");
    assert!(!page.contains("Escalating VPN tickets"), "never an agents-only article");

    // "This answered my question" opens nothing and is counted.
    let res = customer
        .post(server.url("/fn/deflect_request"))
        .header("accept", "text/html")
        .header("origin", server.url(""))
        .form(&[("article_id", "6")])
        .send()
        .await
        .expect("deflect");
    let back = res.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().to_owned();
    assert_eq!(back, "/portal?answered=1");
    let (_, portal) = get(&customer, &server, &back).await;
    assert!(portal.contains("No request was opened."));

    // Staff see the knowledge base with its counts; customers do not.
    let agent = server.signed_in("agent@example.com").await;
    let (status, list) = get(&agent, &server, "/agent/kb").await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("VPN keeps disconnecting") && list.contains("Answered requests"));
    assert!(!list.contains("New article"), "Alex may not write");
    let (status, _) = get(&customer, &server, "/agent/kb").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let writer = server.signed_in("sam.rivera@example.com").await;
    let (_, list) = get(&writer, &server, "/agent/kb").await;
    assert!(list.contains("New article") && list.contains("Add a category"), "Sam writes");
    let (status, editor) = get(&writer, &server, "/agent/kb/6").await;
    assert_eq!(status, StatusCode::OK);
    assert!(editor.contains("History") && editor.contains("Article (Markdown)"));
}

#[tokio::test]
async fn article_files_upload_show_in_place_and_download_safely() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let png = b"\x89PNG\r\n\x1a\nfake image".to_vec();
    let form = reqwest::multipart::Form::new()
        .text("article_id", "6")
        .part("attachments", reqwest::multipart::Part::bytes(png.clone()).file_name("vpn settings.png"))
        .part("attachments", reqwest::multipart::Part::bytes(b"<script>x</script>".to_vec()).file_name("steps.html"));
    let res = admin
        .post(server.url("/fn/upload_article_files"))
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(res.status(), StatusCode::OK);
    let files: serde_json::Value = res.json().await.expect("json");
    let (image, page) = (&files[0], &files[1]);
    assert_eq!((image["is_image"].as_bool(), page["is_image"].as_bool()), (Some(true), Some(false)));
    let image_url = format!("/help/files/{}/vpn-settings.png", image["id"]);

    // Pasted into the article, the image shows in the help center; the other file downloads.
    let (_, editor) = call_json(&admin, &server, "get_article_editor", &[("article_id", "6")]).await;
    let article = &editor["article"];
    let body = format!("{}\n\n![VPN settings]({image_url})", article["body"].as_str().expect("markdown"));
    let base = editor["revisions"][0]["id"].to_string();
    let summary = &article["summary"];
    let section = summary["section_id"].as_i64().map(|s| s.to_string()).unwrap_or_default();
    let save = [
        ("section_id", section.as_str()),
        ("article_id", "6"),
        ("base_revision", base.as_str()),
        ("title", summary["title"].as_str().unwrap()),
        ("slug", summary["slug"].as_str().unwrap()),
        ("summary", summary["summary"].as_str().unwrap()),
        ("category_id", &summary["category_id"].to_string()),
        ("visibility", "public"),
        ("state", "published"),
        ("body", &body),
    ];
    assert_eq!(call(&admin, &server, "update_article", &save).await.status(), StatusCode::OK);
    let visitor = server.client();
    let (_, html) = get(&visitor, &server, "/help/troubleshooting/vpn-keeps-disconnecting").await;
    assert!(html.contains(&format!(r#"<img src="{image_url}" alt="VPN settings""#)), "the image in place");
    assert!(html.contains("Downloads") && html.contains("steps.html"), "the other file listed");

    let res = visitor.get(server.url(&image_url)).send().await.expect("image");
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers();
    assert_eq!(h["content-type"], "image/png");
    assert!(h["content-disposition"].to_str().unwrap().starts_with("inline;"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(res.bytes().await.unwrap().as_ref(), png.as_slice());
    let res = visitor.get(server.url(&format!("/help/files/{}/steps.html", page["id"]))).send().await.expect("file");
    let h = res.headers();
    assert_ne!(h["content-type"], "text/html", "page-like files are never served as pages");
    assert!(h["content-disposition"].to_str().unwrap().starts_with("attachment;"));

    // Only writers upload; a file of an article the reader may not read is not there for them.
    let agent = server.signed_in("agent@example.com").await;
    let form = reqwest::multipart::Form::new()
        .text("article_id", "6")
        .part("attachments", reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("x.txt"));
    let res = agent.post(server.url("/fn/upload_article_files")).multipart(form).send().await.expect("upload");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}
