//! Example values for the reference page, made from JSON schemas: a schema's own example when it
//! has one, otherwise a value of the right shape.

use serde_json::{Map, Value, json};

/// The component a `$ref` names.
pub fn ref_name(schema: &Value) -> Option<&str> {
    schema.get("$ref")?.as_str()?.strip_prefix("#/components/schemas/")
}

/// The schema with `null` alternatives taken out (`oneOf [null, X]`, `type: [T, "null"]`).
fn non_null(schema: &Value) -> &Value {
    if let Some(alternatives) = schema.get("oneOf").and_then(Value::as_array) {
        let mut rest = alternatives.iter().filter(|s| s.get("type").and_then(Value::as_str) != Some("null"));
        if let Some(first) = rest.next() {
            return first;
        }
    }
    schema
}

fn type_of(schema: &Value) -> Option<&str> {
    match schema.get("type")? {
        Value::String(t) => Some(t),
        Value::Array(types) => types.iter().filter_map(Value::as_str).find(|t| *t != "null"),
        _ => None,
    }
}

pub fn sample(schema: &Value, components: &Map<String, Value>, depth: u8) -> Value {
    if let Some(example) = schema.get("example") {
        return example.clone();
    }
    if depth > 6 {
        return Value::Null;
    }
    let schema = non_null(schema);
    if let Some(name) = ref_name(schema) {
        return components.get(name).map_or(Value::Null, |s| sample(s, components, depth + 1));
    }
    match type_of(schema) {
        Some("object") => {
            let mut out = Map::new();
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (name, prop) in props {
                    out.insert(name.clone(), sample(prop, components, depth + 1));
                }
            }
            Value::Object(out)
        }
        Some("array") => {
            let item = schema.get("items").map_or(Value::Null, |i| sample(i, components, depth + 1));
            if item.is_null() { json!([]) } else { json!([item]) }
        }
        Some("integer") | Some("number") => json!(1),
        Some("boolean") => json!(false),
        Some("string") => match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => json!("2026-11-22T09:30:00Z"),
            Some("date") => json!("2026-11-22"),
            _ => json!("text"),
        },
        _ => Value::Null,
    }
}

/// A short description of a schema's type, with the names of the components it refers to.
pub fn describe(schema: &Value) -> (String, Option<String>) {
    let nullable = schema.get("oneOf").is_some()
        || schema.get("type").and_then(Value::as_array).is_some_and(|t| t.iter().any(|x| x == "null"));
    let inner = non_null(schema);
    let (text, link) = if let Some(name) = ref_name(inner) {
        (name.to_owned(), Some(name.to_owned()))
    } else if type_of(inner) == Some("array") {
        let (item, link) = inner.get("items").map(describe).unwrap_or(("value".into(), None));
        (format!("array of {item}"), link)
    } else {
        let base = type_of(inner).unwrap_or("value").to_owned();
        match inner.get("format").and_then(Value::as_str) {
            Some(format) => (format!("{base} ({format})"), None),
            None => (base, None),
        }
    };
    (if nullable { format!("{text} or null") } else { text }, link)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_follow_refs_examples_and_nulls() {
        let components: Map<String, Value> = serde_json::from_value(json!({
            "Named": { "type": "object", "properties": { "id": { "type": "integer", "example": 2 }, "name": { "type": "string" } } }
        }))
        .expect("components");
        let schema = json!({ "type": "object", "properties": {
            "team": { "oneOf": [{ "type": "null" }, { "$ref": "#/components/schemas/Named" }] },
            "tags": { "type": "array", "items": { "type": "string" } },
            "at": { "type": ["string", "null"], "format": "date-time" }
        }});
        assert_eq!(
            sample(&schema, &components, 0),
            json!({ "team": { "id": 2, "name": "text" }, "tags": ["text"], "at": "2026-11-22T09:30:00Z" })
        );
        assert_eq!(describe(&schema["properties"]["team"]), ("Named or null".into(), Some("Named".into())));
        assert_eq!(describe(&schema["properties"]["tags"]).0, "array of string");
        assert_eq!(describe(&schema["properties"]["at"]).0, "string (date-time) or null");
    }
}
