//! Mapping pointers of the converted OpenAPI 3 document back to the Swagger document, so problems
//! found after conversion are reported where the user wrote the offending node.
//!
//! Rules (pointers without `#`; anything not listed maps to itself):
//!
//! | OpenAPI 3                                             | Swagger 2.0                              |
//! |-------------------------------------------------------|------------------------------------------|
//! | `/components/schemas/X/...`                           | `/definitions/X/...`                     |
//! | `/components/parameters/X/...`                        | `/parameters/X/...`                      |
//! | `/components/requestBodies/X/...`                     | `/parameters/X/...`                      |
//! | `/components/responses/X/...`                         | `/responses/X/...`                       |
//! | `/components/securitySchemes/X/...`                   | `/securityDefinitions/X/...`             |
//! | `/paths/P/...` (P from `x-ms-paths`)                  | `/x-ms-paths/P/...`                      |
//! | `.../parameters/i/...` of an operation                | the i-th non-body entry of the merged path + operation parameters (a `$ref` entry itself, or its target for deeper pointers) |
//! | `.../requestBody/...`                                 | the body parameter (its `schema` for `content/<mt>/schema/...`); the formData parameter for `content/<mt>/schema/properties/<name>/...`; else the operation |
//! | `.../responses/C/content/<mt>/schema/...`             | `.../responses/C/schema/...`             |
//! | `.../responses/C/content/<mt>/example`                | `.../responses/C/examples/<mt>`          |
//! | `.../headers/H/schema/...`, `.../parameters/X/schema/...` | `.../headers/H/...`, `.../parameters/X/...` (their value keys are inline in Swagger) |
//! | `style`, `explode`, `x-ms-collection-format`          | `collectionFormat`                       |
//! | `allowReserved`                                       | `x-ms-skip-url-encoding`                 |
//! | schema `nullable`, `discriminator/propertyName`       | `x-nullable`, `discriminator`            |
//! | schema `allOf/0` added around a `$ref` with siblings  | the schema holding the `$ref` (`allOf/k` -> `allOf/k-1`) |
//! | `/servers/...`                                        | `/x-ms-parameterized-host/...` (`url` -> `hostTemplate`, `variables/N` -> the parameter named N), else `/host`, else `/basePath` |
//!
//! The result always names a node that exists in the Swagger document: when the mapped node does
//! not exist (a node the converter synthesized, such as `openapi`, the `style` of a parameter
//! without `collectionFormat` or the `allOf` wrapping a `$ref`; or a pointer that exists in
//! neither document), its nearest existing ancestor is returned.

use serde_json::Value;

use super::json::{is_local, Cx};
use super::operations::METHODS;
use super::parameters::{self, Location, Target};
use crate::diagnostic::{escape_token, Diagnostic};

/// How many `$ref` hops to follow before giving up (cycles).
const MAX_REF_HOPS: usize = 32;

/// See the module docs.
pub(crate) fn origin(doc: &Value, openapi3_pointer: &str) -> String {
    let tokens = parse(openapi3_pointer);
    let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let at = |path: &[&str]| Cursor::root(doc).down(path);
    let mapped = match tokens.as_slice() {
        ["components", "schemas", name, rest @ ..] => schema(at(&["definitions", name]), rest),
        ["components", "parameters", name, rest @ ..] => parameter(at(&["parameters", name]).follow_if(rest), rest),
        ["components", "requestBodies", name, rest @ ..] => {
            request_body(at(&["parameters", name]).follow_if(rest), rest)
        }
        ["components", "responses", name, rest @ ..] => response(at(&["responses", name]).follow_if(rest), rest),
        ["components", "securitySchemes", name, rest @ ..] => security_scheme(at(&["securityDefinitions", name]), rest),
        ["paths", path, rest @ ..] => {
            let in_paths = doc.get("paths").and_then(|p| p.get(*path)).is_some();
            let in_x_ms_paths = doc.get("x-ms-paths").and_then(|p| p.get(*path)).is_some();
            let section = if !in_paths && in_x_ms_paths {
                "x-ms-paths"
            } else {
                "paths"
            };
            path_item(doc, at(&[section, path]), rest)
        }
        ["servers", _, rest @ ..] => servers(doc, rest),
        ["x-ms-parameterized-host", "parameters", index, rest @ ..] if !rest.is_empty() => {
            at(&["x-ms-parameterized-host", "parameters", index])
                .follow()
                .down(rest)
        }
        ["components", container] => match *container {
            "schemas" => at(&["definitions"]),
            "parameters" | "requestBodies" => at(&["parameters"]),
            "responses" => at(&["responses"]),
            "securitySchemes" => at(&["securityDefinitions"]),
            _ => at(&tokens),
        },
        _ => at(&tokens),
    };
    render(&mapped.existing().tokens)
}

/// A position in the Swagger document: the pointer tokens and the node there, if it exists.
#[derive(Clone)]
struct Cursor<'a> {
    doc: &'a Value,
    tokens: Vec<String>,
    node: Option<&'a Value>,
}

impl<'a> Cursor<'a> {
    fn root(doc: &'a Value) -> Self {
        Cursor {
            doc,
            tokens: Vec::new(),
            node: Some(doc),
        }
    }

    fn at_pointer(doc: &'a Value, pointer: &str) -> Self {
        Cursor {
            doc,
            tokens: parse(pointer),
            node: doc.pointer(pointer),
        }
    }

    fn child(mut self, token: &str) -> Self {
        self.node = self.node.and_then(|node| match node {
            Value::Object(map) => map.get(token),
            Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        });
        self.tokens.push(token.to_string());
        self
    }

    fn down(self, tokens: &[&str]) -> Self {
        tokens.iter().fold(self, |cursor, token| cursor.child(token))
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.node.and_then(|node| node.get(key))
    }

    /// Follows local `$ref`s from this node to the node they name.
    fn follow(self) -> Self {
        let mut cursor = self;
        for _ in 0..MAX_REF_HOPS {
            let Some(Value::String(reference)) = cursor.get("$ref") else {
                break;
            };
            if !is_local(reference) {
                break;
            }
            let pointer = &reference[1..];
            if cursor.doc.pointer(pointer).is_none() {
                break;
            }
            cursor = Cursor::at_pointer(cursor.doc, pointer);
        }
        cursor
    }

    /// Follows `$ref`s only when the pointer goes deeper than the referencing entry itself (and
    /// not into its `$ref` key).
    fn follow_if(self, rest: &[&str]) -> Self {
        match rest {
            [] | ["$ref", ..] => self,
            _ => self.follow(),
        }
    }

    /// The nearest node of this position's ancestors-or-self that exists in the document.
    fn existing(mut self) -> Self {
        while self.doc.pointer(&render(&self.tokens)).is_none() && self.tokens.pop().is_some() {}
        self
    }
}

/// A Swagger schema, or a parameter/header/items object read as one.
fn schema<'a>(mut cursor: Cursor<'a>, rest: &[&str]) -> Cursor<'a> {
    let mut rest = rest;
    while let Some((&token, after)) = rest.split_first() {
        let wrapped_ref = cursor.get("$ref").is_some();
        match (token, after) {
            ("allOf", [index, more @ ..]) if wrapped_ref => match index.parse::<usize>() {
                Ok(0) => rest = more,
                Ok(k) => {
                    cursor = cursor.child("allOf").child(&(k - 1).to_string());
                    rest = more;
                }
                Err(_) => return cursor,
            },
            ("properties" | "allOf", [name, more @ ..]) => {
                cursor = cursor.child(token).child(name);
                rest = more;
            }
            ("items" | "additionalProperties", more) => {
                cursor = cursor.child(token);
                rest = more;
            }
            ("discriminator", _) => return cursor.child("discriminator"),
            ("nullable", _) => return cursor.child("x-nullable"),
            ("x-ms-collection-format", _) => return cursor.child("collectionFormat"),
            _ => return cursor.down(rest),
        }
    }
    cursor
}

/// A path, query or header parameter.
fn parameter<'a>(cursor: Cursor<'a>, rest: &[&str]) -> Cursor<'a> {
    match rest {
        [] => cursor,
        ["schema", more @ ..] => schema(cursor, more),
        ["style" | "explode" | "x-ms-collection-format", ..] => cursor.child("collectionFormat"),
        ["allowReserved", ..] => cursor.child("x-ms-skip-url-encoding"),
        _ => cursor.down(rest),
    }
}

/// A body parameter seen as a request body.
fn request_body<'a>(cursor: Cursor<'a>, rest: &[&str]) -> Cursor<'a> {
    match rest {
        ["content", _, "schema", more @ ..] => schema(cursor.child("schema"), more),
        ["x-ms-requestBody-name", ..] => cursor.child("name"),
        ["$ref", ..] => cursor.child("$ref"),
        [key, ..] if key.starts_with("x-") && *key != "x-ms-requestBody-index" => cursor.down(rest),
        ["description" | "required", ..] => cursor.down(rest),
        _ => cursor,
    }
}

fn response<'a>(cursor: Cursor<'a>, rest: &[&str]) -> Cursor<'a> {
    match rest {
        [] => cursor,
        ["content", _, "schema", more @ ..] => schema(cursor.child("schema"), more),
        ["content", media_type, "example", more @ ..] => cursor.child("examples").child(media_type).down(more),
        ["content", ..] => cursor,
        ["headers", name, more @ ..] => header(cursor.child("headers").child(name), more),
        _ => cursor.down(rest),
    }
}

fn header<'a>(cursor: Cursor<'a>, rest: &[&str]) -> Cursor<'a> {
    match rest {
        ["schema", more @ ..] => schema(cursor, more),
        ["x-ms-collection-format", ..] => cursor.child("collectionFormat"),
        _ => cursor.down(rest),
    }
}

fn security_scheme<'a>(cursor: Cursor<'a>, rest: &[&str]) -> Cursor<'a> {
    match rest {
        ["flows", _, "scopes", more @ ..] => cursor.child("scopes").down(more),
        ["flows", _, key @ ("authorizationUrl" | "tokenUrl"), ..] => cursor.child(key),
        ["flows", ..] => cursor.child("flow"),
        ["scheme", ..] => cursor.child("type"),
        _ => cursor.down(rest),
    }
}

fn path_item<'a>(doc: &'a Value, item: Cursor<'a>, rest: &[&str]) -> Cursor<'a> {
    match rest {
        [method, more @ ..] if METHODS.contains(method) => {
            let op = item.clone().child(method);
            operation(doc, item, op, more)
        }
        _ => item.down(rest),
    }
}

fn operation<'a>(doc: &'a Value, item: Cursor<'a>, op: Cursor<'a>, rest: &[&str]) -> Cursor<'a> {
    match rest {
        ["parameters", index, more @ ..] => {
            let entry = index.parse::<usize>().ok().and_then(|i| {
                merged(doc, &item, &op)?
                    .into_iter()
                    .filter(|(_, location)| !matches!(location, Some(Location::Body | Location::FormData)))
                    .nth(i)
            });
            match entry {
                Some((entry, _)) => parameter(Cursor::at_pointer(doc, &entry).follow_if(more), more),
                None => op.child("parameters"),
            }
        }
        ["requestBody", more @ ..] => {
            let merged = merged(doc, &item, &op).unwrap_or_default();
            let body = merged.iter().find(|(_, l)| *l == Some(Location::Body));
            if let Some((entry, _)) = body {
                return request_body(Cursor::at_pointer(doc, entry).follow_if(more), more);
            }
            if let ["content", _, "schema", "properties", name, more @ ..] = more {
                let field = merged
                    .iter()
                    .filter(|(_, l)| *l == Some(Location::FormData))
                    .find(|(entry, _)| {
                        let target = Cursor::at_pointer(doc, entry).follow();
                        target.get("name").and_then(Value::as_str) == Some(*name)
                    });
                if let Some((entry, _)) = field {
                    return schema(Cursor::at_pointer(doc, entry).follow_if(more), more);
                }
            }
            op
        }
        ["responses", code, more @ ..] => response(op.child("responses").child(code).follow_if(more), more),
        ["x-ms-requestBody-index", ..] => op,
        _ => op.down(rest),
    }
}

/// The merged parameter entries of an operation (pointer and location; `None` for external refs),
/// computed exactly as the conversion did.
fn merged(doc: &Value, item: &Cursor<'_>, op: &Cursor<'_>) -> Option<Vec<(String, Option<Location>)>> {
    let diag = |pointer: &str, message: String| Diagnostic::new("", pointer, message);
    let cx = Cx::new(doc, &diag);
    let item = cx.object(item.node?, render(&item.tokens)).ok()?;
    let op = cx.object(op.node?, render(&op.tokens)).ok()?;
    let sources = parameters::merged(&item, &op).ok()?;
    Some(
        sources
            .into_iter()
            .map(|source| {
                let location = match source.target {
                    Target::Param { location, .. } => Some(location),
                    Target::External(_) => None,
                };
                (source.entry, location)
            })
            .collect(),
    )
}

fn servers<'a>(doc: &'a Value, rest: &[&str]) -> Cursor<'a> {
    let root = Cursor::root(doc);
    if root.get("x-ms-parameterized-host").is_none() {
        return match (root.get("host"), root.get("basePath")) {
            (Some(_), _) => root.child("host"),
            (None, Some(_)) => root.child("basePath"),
            (None, None) => root,
        };
    }
    let host = root.child("x-ms-parameterized-host");
    match rest {
        ["url", ..] => host.child("hostTemplate"),
        ["variables", name, more @ ..] => {
            let count = host.get("parameters").and_then(Value::as_array).map_or(0, Vec::len);
            let entry = (0..count)
                .map(|i| host.clone().child("parameters").child(&i.to_string()))
                .find(|entry| entry.clone().follow().get("name").and_then(Value::as_str) == Some(*name));
            match (entry, more) {
                (Some(entry), []) => entry,
                (Some(entry), [key, ..]) => entry.follow().child(key),
                (None, _) => host,
            }
        }
        _ => host,
    }
}

/// Splits a JSON pointer (an optional leading `#` allowed) into unescaped tokens.
fn parse(pointer: &str) -> Vec<String> {
    let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

fn render(tokens: &[String]) -> String {
    tokens.iter().map(|t| format!("/{}", escape_token(t))).collect()
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::origin;
    use crate::convert::test_support::swagger;

    fn doc() -> Value {
        swagger(json!({
            "x-ms-parameterized-host": {
                "hostTemplate": "{Endpoint}/widgets/v1.0",
                "useSchemePrefix": false,
                "parameters": [{"$ref": "#/parameters/Endpoint"}]
            },
            "paths": {
                "/things/{id}": {
                    "parameters": [{"$ref": "#/parameters/Id"}],
                    "put": {
                        "parameters": [
                            {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Thing"}},
                            {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"},
                             "collectionFormat": "csv"}
                        ],
                        "responses": {"200": {"description": "", "schema": {"$ref": "#/definitions/Thing"},
                                              "headers": {"H": {"type": "string"}}}}
                    },
                    "post": {
                        "parameters": [{"$ref": "#/parameters/Body"}],
                        "responses": {}
                    }
                }
            },
            "x-ms-paths": {
                "/things/{id}?form": {"post": {
                    "parameters": [
                        {"name": "a", "in": "formData", "type": "string"},
                        {"name": "b", "in": "formData", "type": "file", "format": "binary"}
                    ],
                    "responses": {}
                }}
            },
            "definitions": {
                "Thing": {
                    "discriminator": "kind",
                    "properties": {
                        "kind": {"type": "string", "x-nullable": true},
                        "base": {"$ref": "#/definitions/Thing", "description": "Wrapped."}
                    }
                }
            },
            "parameters": {
                "Endpoint": {"name": "Endpoint", "in": "path", "type": "string", "required": true,
                             "description": "The endpoint."},
                "Id": {"name": "id", "in": "path", "type": "string", "required": true},
                "Body": {"name": "body", "in": "body", "schema": {"type": "object"}}
            },
            "securityDefinitions": {"aad": {"type": "oauth2", "flow": "application", "tokenUrl": "t"}}
        }))
    }

    #[track_caller]
    fn maps(from: &str, to: &str) {
        assert_eq!(origin(&doc(), from), to, "mapping {from}");
    }

    #[test]
    fn components_map_to_swagger_sections() {
        maps("", "");
        maps("/components/schemas/Thing", "/definitions/Thing");
        maps(
            "/components/schemas/Thing/properties/kind/type",
            "/definitions/Thing/properties/kind/type",
        );
        maps(
            "/components/schemas/Thing/properties/kind/nullable",
            "/definitions/Thing/properties/kind/x-nullable",
        );
        maps(
            "/components/schemas/Thing/discriminator/propertyName",
            "/definitions/Thing/discriminator",
        );
        maps(
            "/components/schemas/Thing/properties/base/allOf/0",
            "/definitions/Thing/properties/base",
        );
        maps(
            "/components/schemas/Thing/properties/base/description",
            "/definitions/Thing/properties/base/description",
        );
        maps("/components/parameters/Id/schema/type", "/parameters/Id/type");
        maps("/components/requestBodies/Body", "/parameters/Body");
        maps(
            "/components/requestBodies/Body/content/application~1json/schema/type",
            "/parameters/Body/schema/type",
        );
        maps(
            "/components/securitySchemes/aad/flows/clientCredentials/tokenUrl",
            "/securityDefinitions/aad/tokenUrl",
        );
        maps("/info/title", "/info/title");
    }

    #[test]
    fn operations_map_to_their_swagger_nodes() {
        let put = "/paths/~1things~1{id}/put";
        maps(put, put);
        // Merged parameters: the path-level $ref first, then the query (the body is not a parameter).
        maps(&format!("{put}/parameters/0"), "/paths/~1things~1{id}/parameters/0");
        maps(&format!("{put}/parameters/0/schema/type"), "/parameters/Id/type");
        maps(
            &format!("{put}/parameters/1/schema/items/type"),
            &format!("{put}/parameters/1/items/type"),
        );
        maps(
            &format!("{put}/parameters/1/style"),
            &format!("{put}/parameters/1/collectionFormat"),
        );
        maps(&format!("{put}/requestBody"), &format!("{put}/parameters/0"));
        maps(
            &format!("{put}/requestBody/content/application~1json/schema"),
            &format!("{put}/parameters/0/schema"),
        );
        maps(
            &format!("{put}/responses/200/content/application~1json/schema"),
            &format!("{put}/responses/200/schema"),
        );
        maps(
            &format!("{put}/responses/200/headers/H/schema/type"),
            &format!("{put}/responses/200/headers/H/type"),
        );
        maps(
            "/paths/~1things~1{id}/post/requestBody",
            "/paths/~1things~1{id}/post/parameters/0",
        );
        maps(
            "/paths/~1things~1{id}/post/requestBody/content/application~1json/schema/type",
            "/parameters/Body/schema/type",
        );
    }

    #[test]
    fn x_ms_paths_and_form_fields() {
        let post = "/paths/~1things~1{id}?form/post";
        maps(post, "/x-ms-paths/~1things~1{id}?form/post");
        maps(
            &format!("{post}/requestBody/content/multipart~1form-data/schema/properties/b/format"),
            "/x-ms-paths/~1things~1{id}?form/post/parameters/1/format",
        );
        maps(
            &format!("{post}/requestBody/content"),
            "/x-ms-paths/~1things~1{id}?form/post",
        );
    }

    #[test]
    fn servers_map_to_the_parameterized_host() {
        maps("/servers/0/url", "/x-ms-parameterized-host/hostTemplate");
        maps("/servers/0/variables/Endpoint", "/x-ms-parameterized-host/parameters/0");
        maps(
            "/servers/0/variables/Endpoint/description",
            "/parameters/Endpoint/description",
        );
    }

    #[test]
    fn synthesized_and_unknown_nodes_map_to_the_nearest_existing_ancestor() {
        maps("/openapi", "");
        maps("/components/schemas", "/definitions");
        maps("/components/requestBodies", "/parameters");
        maps("/components/parameters/Id/style", "/parameters/Id");
        maps(
            "/components/schemas/Thing/properties/base/allOf",
            "/definitions/Thing/properties/base",
        );
        maps("/servers/0/variables/Endpoint/default", "/parameters/Endpoint");
        maps("/paths/~1nope/get/responses/200", "/paths");
        maps("/components/schemas/Nope/properties/x", "/definitions");
        maps("#/info/title", "/info/title");
    }

    #[test]
    fn reference_keys_are_not_followed() {
        let put = "/paths/~1things~1{id}/put";
        maps(
            &format!("{put}/parameters/0/$ref"),
            "/paths/~1things~1{id}/parameters/0/$ref",
        );
        maps(
            "/paths/~1things~1{id}/post/requestBody/$ref",
            "/paths/~1things~1{id}/post/parameters/0/$ref",
        );
    }
}
