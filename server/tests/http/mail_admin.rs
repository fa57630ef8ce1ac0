//! The email channel's admin pages and their server functions: mailboxes (passwords never shown,
//! kept when the field is empty), the HTTP secret shown once, templates, the ingest log, and
//! who may use them.

use crate::{
    mail_admin_support::{form, page, post_without_js, send, stored},
    support::{TestServer, call_json, error_fields},
};
use domain::email::{log, mailboxes};
use reqwest::StatusCode;

#[tokio::test]
async fn admins_add_and_change_mailboxes_without_seeing_passwords() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let bad = form(&[("address", "not an address"), ("imap_port", "70000"), ("imap_host", "")]);
    let (status, body) = send(&admin, &server, "create_mailbox", &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let mut fields = error_fields(&body);
    fields.sort();
    assert_eq!(fields, ["address", "imap_host", "imap_port"]);
    let (status, body) = send(&admin, &server, "create_mailbox", &form(&[("smtp_security", "ssl")])).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["smtp_security".to_owned()]));

    let (_, options) = call_json(&admin, &server, "load_ticket_options", &[]).await;
    let team = options["teams"][0]["id"].as_i64().expect("a team").to_string();
    let category = options["categories"][0]["id"].as_i64().expect("a category").to_string();
    let (status, view) =
        send(&admin, &server, "create_mailbox", &form(&[("team_id", &team), ("category_id", &category)])).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    let id = view["id"].as_i64().expect("id");
    assert_eq!((view["imap_password_set"].as_bool(), view["smtp_password_set"].as_bool()), (Some(true), Some(true)));
    assert_eq!((view["imap_folder"].as_str(), view["team_id"].to_string()), (Some("INBOX"), team.clone()));
    let (status, body) = send(&admin, &server, "create_mailbox", &form(&[])).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["address".to_owned()]));

    let (_, list) = call_json(&admin, &server, "list_mailboxes", &[]).await;
    let (_, detail) = call_json(&admin, &server, "get_mailbox", &[("mailbox_id", &id.to_string())]).await;
    let (_, html) = page(&admin, &server, &format!("/admin/mailboxes/{id}")).await;
    for shown in [view.to_string(), list.to_string(), detail.to_string(), html] {
        assert!(!shown.contains("imap-pass-1") && !shown.contains("smtp-pass-1"), "never a password: {shown}");
    }
    assert_eq!(detail["mailbox"]["address"], "help@example.com");
    assert!(detail["new_secret"].is_null());

    // Empty password fields keep the stored ones; a typed one replaces its own only.
    let id_text = id.to_string();
    let mut update = form(&[("name", "Help desk"), ("imap_password", ""), ("smtp_password", "smtp-pass-2")]);
    update.push(("mailbox_id", id_text.clone()));
    let (status, view) = send(&admin, &server, "update_mailbox", &update).await;
    assert_eq!((status, view["name"].as_str()), (StatusCode::OK, Some("Help desk")), "{view}");
    let row = stored(&server, id).await;
    assert_eq!(row.imap_password.as_deref(), Some("imap-pass-1"));
    assert_eq!(row.smtp_password.as_deref(), Some("smtp-pass-2"));
    let mut unticked: Vec<_> =
        form(&[]).into_iter().filter(|(k, _)| !matches!(*k, "active" | "reject_unknown")).collect();
    unticked.push(("mailbox_id", id_text.clone()));
    let (status, view) = send(&admin, &server, "update_mailbox", &unticked).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!((view["active"].as_bool(), view["reject_unknown"].as_bool()), (Some(false), Some(false)));
    let (status, _) = send(&admin, &server, "update_mailbox", &[("mailbox_id", "999999".to_owned())]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_http_secret_is_shown_once() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let (_, view) = send(&admin, &server, "create_mailbox", &form(&[("inbound", "http")])).await;
    let id = view["id"].as_i64().expect("id");
    assert_eq!(view["http_secret_set"].as_bool(), Some(false));
    let id_text = id.to_string();
    let (status, first) = call_json(&admin, &server, "new_http_secret", &[("mailbox_id", &id_text)]).await;
    assert_eq!(status, StatusCode::OK);
    let first = first.as_str().expect("the secret").to_owned();
    assert!(first.len() >= 32, "{first}");
    let (_, detail) = call_json(&admin, &server, "get_mailbox", &[("mailbox_id", &id_text)]).await;
    assert_eq!(detail["mailbox"]["http_secret_set"].as_bool(), Some(true));
    assert!(!detail.to_string().contains(&first), "not shown again");
    assert!(mailboxes::by_http_secret(&server.db, id, &first).await.expect("query").is_some());

    // With JavaScript off: the form posts, the page comes back showing the new secret, once.
    let back = post_without_js(
        &admin,
        &server,
        "new_http_secret",
        &format!("/admin/mailboxes/{id}"),
        &[("mailbox_id", &id_text)],
    )
    .await;
    assert_eq!(back, format!("/admin/mailboxes/{id}?secret=new#http-endpoint"));
    let (status, html) = page(&admin, &server, &back).await;
    assert_eq!(status, StatusCode::OK);
    let second = html.split("token-secret\">").nth(1).and_then(|s| s.split('<').next()).expect("shown").to_owned();
    assert!(second.len() >= 32 && second != first, "{second}");
    assert!(html.contains(&format!("POST /inbound/mail/{id}")) && html.contains("Authorization: Bearer"));
    assert!(mailboxes::by_http_secret(&server.db, id, &first).await.expect("query").is_none(), "replaced");
    assert!(mailboxes::by_http_secret(&server.db, id, &second).await.expect("query").is_some());
    let (_, again) = page(&admin, &server, &format!("/admin/mailboxes/{id}")).await;
    assert!(!again.contains(&second), "only once");
    let (_, later) = page(&admin, &server, &back).await;
    assert!(!later.contains(&second), "gone for good");
}

#[tokio::test]
async fn templates_are_saved_checked_and_reset() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let (status, list) = call_json(&admin, &server, "list_mail_templates", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let list = list.as_array().expect("list").clone();
    assert_eq!(list.len(), domain::email_types::MailEvent::ALL.len());
    assert!(list.iter().all(|t| t["customized"] == false));

    let unknown = [
        ("event", "agent_reply"),
        ("subject", "Re: {{ticket.subject}}"),
        ("body", "{{message.body}} {{ticket.secret}}"),
    ];
    let (status, body) = call_json(&admin, &server, "save_mail_template", &unknown).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["agent_reply.body".to_owned()]));
    let (status, body) =
        call_json(&admin, &server, "save_mail_template", &[("event", "party"), ("subject", "x"), ("body", "y")]).await;
    assert_eq!((status, error_fields(&body)), (StatusCode::UNPROCESSABLE_ENTITY, vec!["event".to_owned()]));

    let good =
        [("event", "solved"), ("subject", "Done: {{ticket.reference}}"), ("body", "Hello {{customer.name}}, solved.")];
    let (status, saved) = call_json(&admin, &server, "save_mail_template", &good).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(
        (saved["customized"].as_bool(), saved["subject"].as_str()),
        (Some(true), Some("Done: {{ticket.reference}}"))
    );
    let (_, html) = page(&admin, &server, "/admin/mail-templates").await;
    assert!(
        html.contains("Done: {{ticket.reference}}") && html.contains("{{agent.name}}"),
        "the text and the placeholders"
    );
    let (status, reset) = call_json(&admin, &server, "reset_mail_template", &[("event", "solved")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(reset["customized"].as_bool(), Some(false));
    assert_eq!(reset["subject"], domain::email::templates::default_of(domain::email_types::MailEvent::Solved).0);

    // With JavaScript off the error comes back beside that template's field only.
    let back = post_without_js(&admin, &server, "save_mail_template", "/admin/mail-templates", &unknown).await;
    assert!(back.contains("__err="), "{back}");
    let (_, html) = page(&admin, &server, &back).await;
    assert_eq!(html.matches("Unknown placeholder").count(), 1, "one field of one form");
    assert!(html.contains("id=\"agent_reply.body-error\""));
    let back = post_without_js(&admin, &server, "save_mail_template", "/admin/mail-templates", &good).await;
    assert_eq!(back, "/admin/mail-templates?saved=solved#template-solved");
    let (_, html) = page(&admin, &server, &back).await;
    assert!(html.contains("Template saved."));
}

#[tokio::test]
async fn the_mail_log_lists_filters_and_refuses_what_cannot_be_reprocessed() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let (status, empty) = call_json(&admin, &server, "list_mail_log", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((empty["total"].as_u64(), empty["entries"].as_array().map(Vec::len)), (Some(0), Some(0)));
    let (_, html) = page(&admin, &server, "/admin/mail-log").await;
    assert!(html.contains("No mail was received yet."));

    let entry = log::Entry {
        mailbox_id: None,
        via: "smtp",
        message_id: Some("<loop@example.net>".into()),
        from_address: Some("robot@example.net".into()),
        subject: Some("Out of office".into()),
        size: 120,
        raw_sha256: None,
        automatic: true,
        read_kindly: Vec::new(),
    };
    let quarantined =
        log::write(&server.db, entry, domain::email_types::IngestOutcome::Quarantined, None, "a mail loop".into())
            .await
            .expect("write");
    let (_, all) = call_json(&admin, &server, "list_mail_log", &[]).await;
    assert_eq!(all["entries"][0]["outcome"], "quarantined");
    assert_eq!(all["entries"][0]["can_reprocess"].as_bool(), Some(false), "its raw bytes were not kept");
    let (_, tickets) = call_json(&admin, &server, "list_mail_log", &[("outcome", "ticket")]).await;
    assert_eq!(tickets["total"].as_u64(), Some(0));
    let (_, html) = page(&admin, &server, "/admin/mail-log?outcome=quarantined").await;
    assert!(html.contains("Out of office") && html.contains("a mail loop") && html.contains("automatic"));
    assert!(html.contains(&format!("/admin/mail/log/{}/raw", quarantined.entry_id)));
    let (_, html) = page(&admin, &server, "/admin/mail-log?outcome=reply").await;
    assert!(html.contains("No messages here."));

    let id = quarantined.entry_id.to_string();
    let (status, body) = call_json(&admin, &server, "reprocess_mail", &[("entry_id", &id)]).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("conflict")), "{body}");
    let (status, _) = call_json(&admin, &server, "reprocess_mail", &[("entry_id", "999999")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn agents_and_customers_may_not_use_the_mail_settings() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let (_, view) = send(&admin, &server, "create_mailbox", &form(&[])).await;
    let id = view["id"].as_i64().expect("id").to_string();
    let mut update = form(&[("name", "Taken over")]);
    update.push(("mailbox_id", id.clone()));
    let create = form(&[("address", "other@example.com")]);
    let template = [("event", "solved"), ("subject", "Taken over"), ("body", "Taken over")];
    let calls: Vec<(&str, Vec<(&str, String)>)> = vec![
        ("list_mailboxes", vec![]),
        ("get_mailbox", vec![("mailbox_id", id.clone())]),
        ("create_mailbox", create),
        ("update_mailbox", update),
        ("new_http_secret", vec![("mailbox_id", id.clone())]),
        ("list_mail_templates", vec![]),
        ("save_mail_template", template.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()),
        ("reset_mail_template", vec![("event", "solved".to_owned())]),
        ("list_mail_log", vec![]),
        ("reprocess_mail", vec![("entry_id", "1".to_owned())]),
    ];
    for email in ["agent@example.com", "customer@example.com"] {
        let client = server.signed_in(email).await;
        for (name, args) in &calls {
            let (status, body) = send(&client, &server, name, args).await;
            assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")), "{email} {name}");
        }
    }
    for (name, args) in &calls {
        let (status, _) = send(&server.client(), &server, name, args).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "visitors: {name}");
    }
    let row = stored(&server, id.parse().expect("id")).await;
    assert_eq!((row.name.as_str(), row.http_secret_hash), ("Support", None));
    let (_, list) = call_json(&admin, &server, "list_mailboxes", &[]).await;
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let (_, templates) = call_json(&admin, &server, "list_mail_templates", &[]).await;
    assert!(!templates.to_string().contains("Taken over"));
}

#[tokio::test]
async fn the_mail_pages_render_for_admins_only() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let (_, view) = send(&admin, &server, "create_mailbox", &form(&[("name", "Front door")])).await;
    let mailbox = format!("/admin/mailboxes/{}", view["id"]);
    // (path, heading)
    let pages = [
        ("/admin/mailboxes", "<h1>Mailboxes</h1>"),
        ("/admin/mail-templates", "<h1>Mail templates</h1>"),
        ("/admin/mail-log", "<h1>Mail log</h1>"),
        (mailbox.as_str(), "<h1>Front door</h1>"),
    ];
    let (_, overview) = page(&admin, &server, "/admin").await;
    for (path, heading) in pages {
        let (status, html) = page(&admin, &server, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(html.contains(heading), "{path} shows {heading}");
        if !path.starts_with("/admin/mailboxes/") {
            assert!(overview.contains(&format!("href=\"{path}\"")), "the overview links {path}");
        }
        for email in ["agent@example.com", "customer@example.com"] {
            let other = server.signed_in(email).await;
            let (status, html) = page(&other, &server, path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{email} {path}");
            assert!(html.contains("Access denied") && !html.contains(heading), "{email} {path}");
        }
        let res = server.client().get(server.url(path)).header("accept", "text/html").send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FOUND, "visitors sign in first");
        let expected = format!("/signin?next={}", path.replace('/', "%2F").replace('-', "%2D"));
        assert_eq!(res.headers()["location"].to_str().ok(), Some(expected.as_str()), "{path}");
    }
    let (_, html) = page(&admin, &server, "/admin/mailboxes").await;
    assert!(html.contains("Front door") && html.contains("help@example.com") && html.contains("IMAP polling"));
    assert!(html.contains("New mailbox"));
}

#[tokio::test]
async fn with_javascript_off_mailbox_forms_post_and_come_back() {
    let server = TestServer::start().await;
    let admin = server.signed_in("admin@example.com").await;
    let fields = form(&[("name", "No script")]);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let back = post_without_js(&admin, &server, "create_mailbox", "/admin/mailboxes", &fields).await;
    let id = back.strip_prefix("/admin/mailboxes/").and_then(|rest| rest.strip_suffix("?created=1")).expect(&back);
    let (status, html) = page(&admin, &server, &back).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Mailbox added.") && html.contains("<h1>No script</h1>"));

    let here = format!("/admin/mailboxes/{id}");
    let mut wrong: Vec<(&str, &str)> =
        fields.iter().map(|(k, v)| (*k, if *k == "imap_port" { "70000" } else { *v })).collect();
    wrong.push(("mailbox_id", id));
    let back = post_without_js(&admin, &server, "update_mailbox", &here, &wrong).await;
    assert!(back.starts_with(&here) && back.contains("__err="), "{back}");
    let (_, html) = page(&admin, &server, &back).await;
    assert!(html.contains("id=\"imap_port-error\"") && html.contains("Enter a port from 1 to 65535"));
    assert!(!html.contains("Mailbox saved."));

    let mut right = fields.clone();
    right.push(("mailbox_id", id));
    let back = post_without_js(&admin, &server, "update_mailbox", &here, &right).await;
    assert_eq!(back, format!("{here}?saved=1"));
    let (_, html) = page(&admin, &server, &back).await;
    assert!(html.contains("Mailbox saved.") && !html.contains("field-error"));
}
