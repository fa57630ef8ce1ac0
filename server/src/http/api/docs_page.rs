//! `GET /api/docs`: the API reference as one plain HTML page, rendered from the OpenAPI document
//! once at start-up: every endpoint with its parameters, body, responses and an example request,
//! then every schema. No scripts and no inline styles, so the strict CSP holds.

use super::docs_sample::{describe, sample};
use serde_json::{Map, Value};
use std::fmt::Write;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; \
                       form-action 'none'";

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn anchor(method: &str, path: &str) -> String {
    let slug: String = path.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("{method}{slug}")
}

fn type_cell(schema: &Value) -> String {
    match describe(schema) {
        (text, Some(link)) => format!("<a href=\"#schema-{}\">{}</a>", esc(&link), esc(&text)),
        (text, None) => esc(&text),
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// The operations of the document: (method, path, operation), by path.
fn operations(doc: &Value) -> Vec<(&'static str, &str, &Value)> {
    let mut out = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            for method in METHODS {
                if let Some(op) = item.get(method) {
                    out.push((method, path.as_str(), op));
                }
            }
        }
    }
    out
}

fn example_request(method: &str, path: &str, op: &Value, components: &Map<String, Value>) -> String {
    let url = path.replace("{id}", "42");
    let mut curl = format!(
        "curl -X {} 'https://docket.example{url}' \\\n  -H 'Authorization: Bearer dkt_…'",
        method.to_uppercase()
    );
    let content = op.get("requestBody").and_then(|b| b.get("content")).and_then(Value::as_object);
    if let Some(content) = content {
        if content.contains_key("multipart/form-data") {
            curl.push_str(" \\\n  -F 'file=@report.pdf' -F 'body=The report'");
        } else if let Some(schema) = content.get("application/json").and_then(|c| c.get("schema")) {
            let body = serde_json::to_string(&sample(schema, components, 0)).unwrap_or_default().replace('\'', "'\\''");
            let _ = write!(curl, " \\\n  -H 'Content-Type: application/json' \\\n  -d '{body}'");
        }
    }
    curl
}

fn render_operation(out: &mut String, method: &str, path: &str, op: &Value, components: &Map<String, Value>) {
    let _ = write!(
        out,
        "<section class=\"card\" id=\"{}\"><h3><code>{} {}</code></h3><p>{}</p>",
        anchor(method, path),
        method.to_uppercase(),
        esc(path),
        esc(str_of(op, "summary"))
    );
    if !str_of(op, "description").is_empty() {
        let _ = write!(out, "<p class=\"muted\">{}</p>", esc(str_of(op, "description")));
    }
    if let Some(params) = op.get("parameters").and_then(Value::as_array).filter(|p| !p.is_empty()) {
        out.push_str("<h4>Parameters</h4><div class=\"table-wrap\"><table class=\"table\"><thead><tr><th>Name</th><th>In</th><th>Type</th><th>Required</th><th>Description</th></tr></thead><tbody>");
        for p in params {
            let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
            let _ = write!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(str_of(p, "name")),
                esc(str_of(p, "in")),
                p.get("schema").map(type_cell).unwrap_or_default(),
                if required { "yes" } else { "no" },
                esc(str_of(p, "description"))
            );
        }
        out.push_str("</tbody></table></div>");
    }
    if let Some(content) = op.get("requestBody").and_then(|b| b.get("content")).and_then(Value::as_object) {
        out.push_str("<h4>Request body</h4>");
        for (kind, media) in content {
            let schema = media.get("schema").cloned().unwrap_or(Value::Null);
            let _ = write!(out, "<p><code>{}</code>: {}</p>", esc(kind), type_cell(&schema));
        }
    }
    if let Some(responses) = op.get("responses").and_then(Value::as_object) {
        out.push_str("<h4>Responses</h4><div class=\"table-wrap\"><table class=\"table\"><thead><tr><th>Status</th><th>Meaning</th><th>Body</th></tr></thead><tbody>");
        for (status, response) in responses {
            let body = response
                .get("content")
                .and_then(Value::as_object)
                .and_then(|c| c.values().next())
                .and_then(|m| m.get("schema"))
                .map(type_cell)
                .unwrap_or_default();
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(status),
                esc(str_of(response, "description")),
                body
            );
        }
        out.push_str("</tbody></table></div>");
    }
    let _ = write!(
        out,
        "<h4>Example</h4><pre><code>{}</code></pre></section>",
        esc(&example_request(method, path, op, components))
    );
}

fn render_schema(out: &mut String, name: &str, schema: &Value, components: &Map<String, Value>) {
    let _ = write!(out, "<section class=\"card\" id=\"schema-{0}\"><h3>{0}</h3>", esc(name));
    if !str_of(schema, "description").is_empty() {
        let _ = write!(out, "<p>{}</p>", esc(str_of(schema, "description")));
    }
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        out.push_str("<div class=\"table-wrap\"><table class=\"table\"><thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Description</th></tr></thead><tbody>");
        for (field, prop) in props {
            let _ = write!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(field),
                type_cell(prop),
                if required.contains(&field.as_str()) { "yes" } else { "no" },
                esc(str_of(prop, "description"))
            );
        }
        out.push_str("</tbody></table></div>");
    } else if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let list: Vec<String> = values.iter().map(|v| format!("<code>{}</code>", esc(&v.to_string()))).collect();
        let _ = write!(out, "<p>One of {}.</p>", list.join(", "));
    }
    let _ = write!(
        out,
        "<h4>Example</h4><pre><code>{}</code></pre></section>",
        esc(&pretty(&sample(schema, components, 0)))
    );
}

/// The whole page.
pub fn render(doc: &Value) -> String {
    let empty = Map::new();
    let components = doc.pointer("/components/schemas").and_then(Value::as_object).unwrap_or(&empty);
    let info = doc.get("info").cloned().unwrap_or(Value::Null);
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Docket</title><link rel=\"stylesheet\" href=\"/pkg/docket.css\"><link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"></head>\
         <body><main class=\"page\"><div class=\"page-header\"><h1>{title}</h1><p class=\"lead\">{description}</p>\
         <p>Machine-readable: <a href=\"/api/v1/openapi.json\"><code>/api/v1/openapi.json</code></a> (OpenAPI {version}). \
         Make a token on <a href=\"/account\">your account page</a>.</p></div>",
        title = esc(str_of(&info, "title")),
        description = esc(str_of(&info, "description")),
        version = esc(str_of(doc, "openapi")),
    );
    let ops = operations(doc);
    out.push_str("<nav class=\"card\" aria-label=\"Endpoints\"><h2>Endpoints</h2><ul>");
    for (method, path, op) in &ops {
        let _ = write!(
            out,
            "<li><a href=\"#{}\"><code>{} {}</code></a> {}</li>",
            anchor(method, path),
            method.to_uppercase(),
            esc(path),
            esc(str_of(op, "summary"))
        );
    }
    out.push_str("</ul></nav><h2>Endpoints</h2>");
    for (method, path, op) in &ops {
        render_operation(&mut out, method, path, op, components);
    }
    out.push_str("<h2>Schemas</h2>");
    for (name, schema) in components {
        render_schema(&mut out, name, schema, components);
    }
    out.push_str("</main></body></html>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_escaped_operations_and_schemas() {
        let doc = json!({
            "openapi": "3.1.0",
            "info": { "title": "T <b>", "description": "D" },
            "paths": { "/api/v1/x/{id}": { "post": {
                "summary": "Make <x>",
                "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }],
                "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/New" } } } },
                "responses": { "201": { "description": "Made" } }
            } } },
            "components": { "schemas": { "New": { "type": "object", "required": ["name"],
                "properties": { "name": { "type": "string", "example": "it's" } } } } }
        });
        let html = render(&doc);
        assert!(html.contains("T &lt;b&gt;") && !html.contains("<b>"));
        assert!(html.contains("<code>POST /api/v1/x/{id}</code>"));
        assert!(html.contains("Make &lt;x&gt;"));
        assert!(html.contains("href=\"#schema-New\""));
        assert!(html.contains("https://docket.example/api/v1/x/42"));
        assert!(html.contains("it&#39;\\&#39;&#39;s"), "quotes in curl bodies are shell-escaped, then HTML-escaped");
        assert!(!html.contains("<script"));
    }
}
