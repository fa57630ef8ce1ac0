//! The OpenAPI document's frame: title, how to authenticate, and the tags. Paths and schemas come
//! from the handlers' own annotations as the router registers them, so the two cannot drift.

use super::schemas::ErrorBody;
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Docket REST API",
        version = "1",
        description = "Tickets, conversations, the directory and the knowledge base of a Docket helpdesk. \
                       Authenticate with a personal API token (make one on your account page) sent as \
                       `Authorization: Bearer <token>`; every endpoint needs one, the knowledge base's too (its \
                       public articles are on the help center's pages without signing in). A token acts as its \
                       user: `read` tokens may only GET, `write` tokens may also change things, and `admin` tokens \
                       (admins only) may also create users and teams and delete tickets. Every error is \
                       `{\"error\": {\"code\", \"message\", \"fields\"}}`. POST requests accept an \
                       `Idempotency-Key` header (remembered for 24 hours). Lists page with `cursor` and \
                       `next_cursor`. Each token may make bursts of 600 requests, refilled at 10 a second; beyond \
                       that the answer is 429 with `Retry-After`."
    ),
    modifiers(&BearerToken),
    security(("bearer" = [])),
    tags(
        (name = "tickets", description = "Requests and their fields"),
        (name = "messages", description = "A ticket's conversation: replies and internal notes"),
        (name = "attachments", description = "Files on messages"),
        (name = "directory", description = "Users, organizations and teams"),
        (name = "service levels", description = "SLA attainment and tickets at risk of a breach"),
        (name = "options", description = "Statuses, priorities and categories that ticket forms offer"),
        (name = "knowledge base", description = "The help center: categories and sections, articles (search, \
                                                 read, write) and readers' answers to \"Was this helpful?\""),
        (name = "audit", description = "The audit log: who changed what and when, hash-chained"),
    ),
    components(schemas(ErrorBody))
)]
pub struct ApiDoc;

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("dkt_ followed by 64 hex digits")
            .description(Some("A personal API token from the account page"))
            .build();
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}
