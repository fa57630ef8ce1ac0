//! Cross-site request refusal and the security headers on every response.

use crate::support::{TestServer, user_count};
use reqwest::StatusCode;

#[tokio::test]
async fn cross_site_mutations_are_refused_and_change_nothing() {
    let server = TestServer::start().await;
    let before = user_count(&server.db).await;
    let form = [("name", "Mallory"), ("email", "mallory@example.com"), ("password", "long enough password")];
    let headers = [("origin", "https://evil.example"), ("sec-fetch-site", "cross-site")];
    for (name, value) in headers {
        let res =
            server.client().post(server.url("/fn/sign_up")).header(name, value).form(&form).send().await.expect("post");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{name}: {value}");
        let body: serde_json::Value = res.json().await.expect("json error");
        assert_eq!(body["error"]["code"], "forbidden");
    }
    assert_eq!(user_count(&server.db).await, before);
    let same = server
        .client()
        .post(server.url("/fn/sign_up"))
        .header("origin", server.base.clone())
        .header("accept", "application/json")
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(same.status(), StatusCode::OK, "same-origin posts pass");
}

#[tokio::test]
async fn pages_carry_a_nonce_csp_and_security_headers() {
    let server = TestServer::start().await;
    let res = server.client().get(server.url("/signin")).send().await.expect("get");
    let header = |name: &str| res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let csp = header("content-security-policy");
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("x-frame-options"), "DENY");
    assert_eq!(header("referrer-policy"), "strict-origin-when-cross-origin");
    let nonce = csp.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("nonce").to_owned();
    assert!(nonce.len() >= 16, "{nonce}");
    let body = res.text().await.expect("body");
    assert!(body.contains(&format!("nonce=\"{nonce}\"")), "the inline loader carries the nonce");
    let other = server.client().get(server.url("/signin")).send().await.expect("get");
    let other_csp = other.headers()["content-security-policy"].to_str().expect("ascii").to_owned();
    assert_ne!(csp, other_csp, "a fresh nonce per response");
    let missing = server.client().get(server.url("/no/such/page")).send().await.expect("get");
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let missing_csp = missing.headers()["content-security-policy"].to_str().expect("ascii").to_owned();
    let missing_nonce = missing_csp.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("nonce");
    let missing_body = missing.text().await.expect("body");
    assert!(missing_body.contains(&format!("nonce=\"{missing_nonce}\"")), "the not-found page's loader runs too");
    let api = server.client().get(server.url("/healthz")).send().await.expect("get");
    assert_eq!(api.headers()["x-content-type-options"], "nosniff");
    assert!(api.headers()["content-security-policy"].to_str().expect("ascii").contains("default-src 'none'"));
}
