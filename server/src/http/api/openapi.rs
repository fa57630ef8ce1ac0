//! The OpenAPI document's frame: title, how to authenticate, and the tags. Paths and schemas come
//! from the handlers' own annotations as the router registers them, so the two cannot drift; the
//! rules that layers add to every operation are stated by `state_shared_rules`.

use super::schemas::{ErrorBody, TicketSortName};
use utoipa::{
    Modify, OpenApi,
    openapi::{
        ContentBuilder, ObjectBuilder, Ref, RefOr, Required, ResponseBuilder, Type,
        path::{Operation, ParameterBuilder, ParameterIn},
        security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
    },
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
    components(schemas(ErrorBody, TicketSortName))
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

/// The rules every operation shares, stated on each of them once the routes are in the document:
/// the token's 401 and the rate limit's 429 everywhere, 400 for an unknown or malformed query
/// parameter, 422 for text with a NUL (`extract`), and on every POST the `Idempotency-Key` header with its rules and what it answers
/// (400 for a malformed key, 409 while the first request runs, 422 for a key reused with another
/// body). They come from layers the handlers do not see, so the handlers do not repeat them.
pub fn state_shared_rules(doc: &mut utoipa::openapi::OpenApi) {
    for item in doc.paths.paths.values_mut() {
        if let Some(post) = item.post.as_mut() {
            idempotency_key(post);
        }
        let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for operation in operations.into_iter().flatten() {
            let queried = operation.parameters.iter().flatten().any(|p| matches!(p.parameter_in, ParameterIn::Query));
            if queried {
                respond(operation, "400", "An unknown query parameter, or one that is not of its type");
            }
            if queried || operation.request_body.is_some() {
                respond(operation, "422", "Text holding a NUL character (U+0000), named in `fields`");
            }
            respond(operation, "401", "No valid token");
            respond(operation, "429", "Over the token's rate; wait the seconds in `Retry-After`");
        }
    }
}

/// Matches `idempotency::valid_key`: 1 to 255 visible ASCII characters.
const KEY_PATTERN: &str = r"^[\x21-\x7E]+$";

fn idempotency_key(post: &mut Operation) {
    let parameters = post.parameters.get_or_insert_with(Vec::new);
    parameters.retain(|p| !p.name.eq_ignore_ascii_case("Idempotency-Key"));
    let schema = ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(domain::api_tokens::idempotency::KEY_MAX_CHARS))
        .pattern(Some(KEY_PATTERN));
    let description = "Any unique string, such as a UUID: a retry with the same key and body gets the first \
                       success again (marked `Idempotent-Replayed: true`) instead of acting twice. Keys are \
                       kept for 24 hours.";
    let key = ParameterBuilder::new()
        .name("Idempotency-Key")
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(schema))
        .example(Some(serde_json::json!("0b6a3c1e-7f7b-4e55-9d1a-2a7e0c9b8f10")))
        .build();
    parameters.push(key);
    respond(post, "400", "A malformed `Idempotency-Key`");
    respond(
        post,
        "409",
        "A request with this `Idempotency-Key` is still running, or was applied but its answer was lost",
    );
    respond(post, "422", "This `Idempotency-Key` was used with another body");
}

/// Adds `status` with an error body, or names `why` in the answer already there.
fn respond(operation: &mut Operation, status: &str, why: &str) {
    let responses = &mut operation.responses.responses;
    match responses.get_mut(status) {
        Some(RefOr::T(existing)) => {
            if !existing.description.contains(why) {
                existing.description = format!("{}; or: {why}", existing.description.trim_end_matches('.'));
            }
        }
        Some(RefOr::Ref(_)) => {}
        None => {
            let body = ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build();
            let answer = ResponseBuilder::new().description(why).content("application/json", body).build();
            responses.insert(status.to_owned(), RefOr::T(answer));
        }
    }
}
