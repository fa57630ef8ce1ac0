//! Custom fields through the REST API: values by key on tickets, a customer's form with its
//! required field and pattern, agents' changes (and clearing), errors under
//! `custom_fields.<key>`, the field list per role, and the OpenAPI document's account of them.

use crate::{
    api_support::{send, token},
    support::TestServer,
};
use domain::{
    Actor,
    api_tokens::ApiScope,
    custom_fields::{
        setup::{self, FieldInput},
        types::FieldKind,
    },
    desk_config::Config,
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn define(server: &TestServer, input: FieldInput) -> i64 {
    setup::create(&server.db, &Actor::System, input).await.expect("field")
}

fn field(name: &str, kind: FieldKind) -> FieldInput {
    FieldInput { name: name.into(), kind: Some(kind), customers_see: true, active: true, ..Default::default() }
}

fn first_error(body: &Value) -> (String, String) {
    let e = &body["error"]["fields"][0];
    (e["field"].as_str().unwrap_or_default().to_owned(), e["message"].as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn custom_fields_travel_by_key_with_their_rules() {
    let server = TestServer::start().await;
    let contract_input = FieldInput {
        pattern: "[A-Z]-[0-9]{3}".into(),
        pattern_hint: "Contract numbers look like A-123".into(),
        required_for_customers: true,
        ..field("Contract", FieldKind::Text)
    };
    let contract = define(&server, contract_input).await;
    define(&server, FieldInput { min: "1".into(), ..field("Devices", FieldKind::Number) }).await;
    define(&server, FieldInput { options: "Red\nBlue".into(), ..field("Colours", FieldKind::MultiSelect) }).await;
    define(&server, FieldInput { customers_see: false, ..field("Agreed", FieldKind::Checkbox) }).await;
    let billing =
        Config::load(&server.db).await.expect("config").categories.iter().find(|c| c.name == "Billing").expect("b").id;
    setup::set_form(&server.db, &Actor::System, billing, &[contract]).await.expect("form");

    let customer = token(&server, "customer@example.com", ApiScope::Write).await;
    let agent = token(&server, "agent@example.com", ApiScope::Write).await;
    let open = |fields: Value| json!({ "subject": "Invoice", "body": "Please resend", "category_id": billing, "custom_fields": fields });
    macro_rules! post {
        ($who:expr, $body:expr) => {
            send(&server, Some($who.as_str()), Method::POST, "/api/v1/tickets", Some($body))
        };
    }

    let (status, body) = post!(customer, open(json!({}))).await;
    assert_eq!((status, first_error(&body).0.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "custom_fields.contract"));
    let (status, body) = post!(customer, open(json!({ "contract": "123" }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(first_error(&body), ("custom_fields.contract".into(), "Contract numbers look like A-123".into()));
    let (status, body) = post!(customer, open(json!({ "contract": "A-123", "nope": 1 }))).await;
    assert_eq!((status, first_error(&body).0.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "custom_fields.nope"));
    let (status, created) = post!(customer, open(json!({ "contract": "A-123", "devices": 4 }))).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["custom_fields"], json!({ "contract": "A-123" }), "a field off the form is left out");
    let path = format!("/api/v1/tickets/{}", created["id"]);

    macro_rules! patch {
        ($who:expr, $fields:expr) => {
            send(&server, Some($who.as_str()), Method::PATCH, &path, Some(json!({ "custom_fields": $fields })))
        };
    }
    let (status, changed) = patch!(agent, json!({ "devices": 5, "colours": ["Blue", "red"], "agreed": true })).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(
        changed["custom_fields"],
        json!({ "agreed": true, "colours": ["Red", "Blue"], "contract": "A-123", "devices": 5.0 })
    );
    let (status, cleared) = patch!(agent, json!({ "devices": null, "agreed": false })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cleared["custom_fields"], json!({ "colours": ["Red", "Blue"], "contract": "A-123" }));
    let (status, body) = patch!(agent, json!({ "devices": "many", "colours": ["Green"] })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let named: Vec<&str> =
        body["error"]["fields"].as_array().expect("fields").iter().filter_map(|f| f["field"].as_str()).collect();
    assert_eq!(named, ["custom_fields.devices", "custom_fields.colours"]);
    let (status, _) = patch!(customer, json!({ "contract": "B-321" })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "customers do not change values");
    let (_, seen) = send(&server, Some(&customer), Method::GET, &path, None).await;
    assert_eq!(
        seen["custom_fields"],
        json!({ "colours": ["Red", "Blue"], "contract": "A-123" }),
        "Agreed is staff-only"
    );

    let keys = |list: Value| -> Vec<String> {
        list["items"].as_array().expect("items").iter().filter_map(|f| f["key"].as_str().map(str::to_owned)).collect()
    };
    let (_, theirs) = send(&server, Some(&customer), Method::GET, "/api/v1/custom_fields", None).await;
    assert_eq!(keys(theirs), ["contract", "devices", "colours"]);
    let (_, ours) = send(&server, Some(&agent), Method::GET, "/api/v1/custom_fields", None).await;
    assert_eq!(ours["items"][0]["categories"], json!([billing]));
    assert_eq!(ours["items"][0]["pattern"], "[A-Z]-[0-9]{3}");
    assert_eq!(keys(ours).len(), 4);

    let (_, doc) = send(&server, None, Method::GET, "/api/v1/openapi.json", None).await;
    let schemas = &doc["components"]["schemas"];
    assert!(schemas["CustomValue"]["oneOf"].is_array(), "values are one of their kinds");
    let kinds = &schemas["FieldKindDto"]["enum"];
    assert_eq!(kinds.as_array().map(Vec::len), Some(7), "{kinds}");
    assert!(schemas["TicketPatch"]["properties"]["custom_fields"].is_object());
}
