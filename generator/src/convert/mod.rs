//! Stage 2 — convert: Swagger 2.0 -> OpenAPI 3.0 (`openapiv3::OpenAPI`), keeping every `x-*`
//! extension. OpenAPI 3.0 input is deserialized as it is.
//!
//! The conversion follows AutoRest's `oai2-to-oai3` conventions, so the later stages can treat
//! both input versions alike:
//!
//! - `definitions` -> `components.schemas`; global non-body `parameters` ->
//!   `components.parameters`; global body parameters -> `components.requestBodies`; global
//!   `responses` -> `components.responses`; `securityDefinitions` ->
//!   `components.securitySchemes`. References are rewritten to match.
//! - Every `x-*` key stays in the `extensions` of the OpenAPI 3 object its Swagger object became
//!   (root, info, path item, operation, parameter, request body, response, header, schema,
//!   security scheme, tag). A body parameter's extensions move to its request body.
//! - A schema `$ref` with sibling keys becomes `allOf: [$ref]` plus the converted siblings,
//!   because an OpenAPI 3.0 reference cannot carry siblings (see [`schema`]).
//! - Path-level parameters are merged into each operation; the body's position in that merged
//!   list is kept as `x-ms-requestBody-index` on the operation (and on an inline request body),
//!   the body parameter's name as `x-ms-requestBody-name` on the request body.
//! - Array parameters keep their Swagger `collectionFormat` as `x-ms-collection-format` next to
//!   the closest OpenAPI 3 `style`/`explode`.
//! - `x-ms-paths` items are converted and added to `paths` under their original keys (query part
//!   included); the `x-ms-paths` object itself is therefore not repeated in the root extensions.
//! - `x-ms-parameterized-host` becomes the server (URL template and variables) and also stays in
//!   the root extensions, its parameter `$ref`s replaced by the parameters they name.
//! - What `openapiv3` would not write back is left out: an empty `allOf`, `required`,
//!   `properties` or `enum` (its presence alone changes the `SchemaKind` openapiv3 reads) and a
//!   `null` response example. So the converted document, written by [`to_json`] (the CLI's
//!   `--emit-openapi3`) and read back as OpenAPI 3.0 input, is the same document and generates the
//!   same crate (`tests/openapi3_roundtrip.rs`).
//!
//! Every problem is a [`Diagnostic`] at the pointer of the offending Swagger node; the converter
//! does not panic on any input. While it converts, it records where each node came from: the
//! [`SourceMap`] of the [`Converted`] document maps pointers of the converted document back to the
//! Swagger nodes (see [`source_map`]).
//!
//! Not representable in `openapiv3`: Swagger `xml` objects travel as the schema extension `x-xml`;
//! operation-level `schemes` and sibling keys of parameter/response `$ref`s are dropped.

mod json;
mod operations;
mod parameters;
mod schema;
mod security;
mod servers;
pub mod source_map;

use indexmap::IndexMap;
use openapiv3::{Components, Contact, Info, License, OpenAPI, ReferenceOr, Schema, Tag};
use serde_json::Value;

use self::json::{Cx, Obj};
use self::operations::Defaults;
pub use self::source_map::SourceMap;
use self::source_map::{Path, Recorder};
use crate::diagnostic::{Diagnostic, Result};
use crate::load::{Bundle, SpecVersion};

/// The `openapi` version written into converted documents.
const OPENAPI_VERSION: &str = "3.0.0";

/// A converted document and where its nodes came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    /// The OpenAPI 3.0 document.
    pub openapi: OpenAPI,
    /// Maps pointers of `openapi` back to the input document (the identity for OpenAPI 3.0 input).
    pub sources: SourceMap,
}

impl Converted {
    /// A diagnostic about the node at `pointer` of the converted document, at the place of the
    /// bundle the node came from (file, pointer and line), so errors found after conversion name
    /// the place the user wrote.
    pub fn diagnostic(&self, bundle: &Bundle, pointer: &str, message: impl Into<String>) -> Diagnostic {
        bundle.diagnostic(&self.sources.origin(&bundle.document, pointer), message)
    }
}

/// Converts the bundle to an OpenAPI 3.0 document.
pub fn to_openapi3(bundle: &Bundle) -> Result<Converted> {
    let diag = |pointer: &str, message: String| bundle.diagnostic(pointer, message);
    match bundle.version {
        SpecVersion::OpenApi3 => from_openapi3(&bundle.document, &diag).map(|openapi| Converted {
            openapi,
            sources: SourceMap::identity(),
        }),
        SpecVersion::Swagger2 => convert_swagger(&bundle.document, &diag),
    }
}

/// The document as pretty-printed JSON (two-space indent, trailing newline). Keys come in a fixed
/// order: each object's fields in the order `openapiv3` declares them, maps (paths, components,
/// properties, extensions, ...) in document order, so the same input always gives the same text.
pub fn to_json(openapi: &OpenAPI) -> String {
    // Through `Value`, whose serialization cannot fail (every map key is a string by then).
    let value = serde_json::to_value(openapi).unwrap_or_else(|e| Value::String(format!("cannot serialize: {e}")));
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Deserializes an OpenAPI 3.0 document; `diag` builds the diagnostic (at the root) from serde's
/// message.
pub fn from_openapi3(doc: &Value, diag: &dyn Fn(&str, String) -> Diagnostic) -> Result<OpenAPI> {
    // The document is deserialized whole: bounded like a converted Swagger schema (see
    // [`schema::MAX_SCHEMA_DEPTH`]), plus the 8 levels down to a response's schema.
    const MAX_DOCUMENT_DEPTH: usize = schema::MAX_SCHEMA_DEPTH + 8;
    if let Some(deep) = schema::deeper_than(doc, MAX_DOCUMENT_DEPTH) {
        let message = format!("the document nests more than {MAX_DOCUMENT_DEPTH} levels deep");
        return Err(diag(&deep, message));
    }
    let mut doc = doc.clone();
    xml_as_extension(&mut doc);
    serde_json::from_value(doc).map_err(|e| diag("", format!("invalid OpenAPI 3.0 document: {e}")))
}

/// The keys that make an object a schema (for [`xml_as_extension`]).
const SCHEMA_KEYS: [&str; 8] = [
    "type",
    "properties",
    "items",
    "$ref",
    "allOf",
    "format",
    "enum",
    "additionalProperties",
];

/// openapiv3's Schema has no `xml`: a schema's `xml` object becomes the extension `x-xml`, as
/// the Swagger converter carries it (the depth is bounded by the caller).
fn xml_as_extension(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let is_schema = SCHEMA_KEYS.iter().any(|k| map.contains_key(*k));
            if is_schema && map.get("xml").is_some_and(Value::is_object) && !map.contains_key("x-xml") {
                if let Some(xml) = map.remove("xml") {
                    map.insert("x-xml".into(), xml);
                }
            }
            map.values_mut().for_each(xml_as_extension);
        }
        Value::Array(items) => items.iter_mut().for_each(xml_as_extension),
        _ => {}
    }
}

/// Converts a Swagger 2.0 document whose `$ref`s are local (or left as written when they point
/// elsewhere), recording where each node came from. `diag(pointer, message)` builds the diagnostic
/// for a node of `swagger`.
pub fn convert_swagger(swagger: &Value, diag: &dyn Fn(&str, String) -> Diagnostic) -> Result<Converted> {
    let recorder = Recorder::for_document(swagger);
    let openapi = convert_document(Cx::new(swagger, diag, &recorder))?;
    Ok(Converted {
        openapi,
        sources: recorder.finish(),
    })
}

/// Where the component containers came from (their entries keep their names).
const CONTAINERS: &[(&str, &str)] = &[
    ("/components/schemas", "/definitions"),
    ("/components/parameters", "/parameters"),
    ("/components/requestBodies", "/parameters"),
    ("/components/responses", "/responses"),
    ("/components/securitySchemes", "/securityDefinitions"),
];

fn convert_document(cx: Cx<'_>) -> Result<OpenAPI> {
    for (openapi3, swagger) in CONTAINERS {
        cx.sources.node(&Path::at(openapi3), swagger);
    }
    let root = cx.object(cx.doc, "")?;
    let defaults = Defaults::of(&root)?;
    let info = convert_info(&root.required_object("info")?)?;
    let servers = servers::convert(&root)?;
    let paths = operations::convert_paths(&root, &defaults)?;
    let globals = parameters::components(&root, &defaults.consumes)?;
    let components = Components {
        schemas: definitions(&root)?,
        responses: operations::global_responses(&root, &defaults)?,
        parameters: globals.parameters,
        request_bodies: globals.request_bodies,
        security_schemes: security::schemes(&root)?,
        ..Components::default()
    };
    let components = (components != Components::default()).then_some(components);

    let mut extensions = IndexMap::new();
    for (key, value) in root.iter().filter(|(key, _)| key.starts_with("x-")) {
        match key.as_str() {
            "x-ms-paths" => {}
            "x-ms-parameterized-host" => {
                let host = servers.parameterized_host.clone().unwrap_or_else(|| value.clone());
                extensions.insert(key.clone(), host);
            }
            _ => {
                extensions.insert(key.clone(), value.clone());
            }
        }
    }

    Ok(OpenAPI {
        openapi: OPENAPI_VERSION.into(),
        info,
        servers: servers.servers,
        paths,
        components,
        security: security::requirements(&root, "security")?,
        tags: tags(&root)?,
        external_docs: root.external_docs("externalDocs")?,
        extensions,
    })
}

fn convert_info(info: &Obj<'_>) -> Result<Info> {
    let contact = match info.object("contact")? {
        Some(c) => Some(Contact {
            name: c.string("name")?,
            url: c.string("url")?,
            email: c.string("email")?,
            extensions: c.extensions(),
        }),
        None => None,
    };
    let license = match info.object("license")? {
        Some(l) => Some(License {
            name: l.required_str("name")?.to_string(),
            url: l.string("url")?,
            extensions: l.extensions(),
        }),
        None => None,
    };
    Ok(Info {
        title: info.required_str("title")?.to_string(),
        description: info.string("description")?,
        terms_of_service: info.string("termsOfService")?,
        contact,
        license,
        version: info.required_str("version")?.to_string(),
        extensions: info.extensions(),
    })
}

/// `definitions` -> `components.schemas`, same names, document order.
fn definitions(root: &Obj<'_>) -> Result<IndexMap<String, ReferenceOr<Schema>>> {
    let Some(definitions) = root.object("definitions")? else {
        return Ok(IndexMap::new());
    };
    let container = Path::at("/components/schemas");
    definitions
        .iter()
        .map(|(name, value)| {
            let at = container.key(name);
            let converted = schema::convert(root.cx, value, &definitions.at(name), &at, schema::Flavor::Schema)?;
            Ok((name.clone(), converted))
        })
        .collect()
}

fn tags(root: &Obj<'_>) -> Result<Vec<Tag>> {
    root.objects("tags")?
        .unwrap_or_default()
        .iter()
        .map(|tag| {
            Ok(Tag {
                name: tag.required_str("name")?.to_string(),
                description: tag.string("description")?,
                external_docs: tag.external_docs("externalDocs")?,
                extensions: tag.extensions(),
            })
        })
        .collect()
}

/// Helpers for the unit tests of the submodules.
#[cfg(test)]
pub(crate) mod test_support {
    use openapiv3::OpenAPI;
    use serde_json::{json, Value};

    use crate::Diagnostic;

    /// A Swagger 2.0 document: `info` and `swagger` plus the given root entries.
    pub fn swagger(rest: Value) -> Value {
        let mut doc = json!({"swagger": "2.0", "info": {"title": "Test", "version": "1.0"}});
        if let (Some(doc), Value::Object(rest)) = (doc.as_object_mut(), rest) {
            doc.extend(rest);
        }
        doc
    }

    pub fn convert(doc: &Value) -> Result<OpenAPI, Diagnostic> {
        converted(doc).map(|converted| converted.openapi)
    }

    /// The document with its source map.
    pub fn converted(doc: &Value) -> Result<super::Converted, Diagnostic> {
        super::convert_swagger(doc, &|pointer, message| Diagnostic::new("test.json", pointer, message))
    }

    #[track_caller]
    pub fn convert_ok(doc: &Value) -> OpenAPI {
        match convert(doc) {
            Ok(oa) => oa,
            Err(e) => panic!("conversion failed: {e}"),
        }
    }

    #[track_caller]
    pub fn error_of(doc: &Value) -> Diagnostic {
        match convert(doc) {
            Ok(_) => panic!("conversion succeeded but an error was expected"),
            Err(e) => e,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::from_openapi3;
    use super::test_support::{convert, convert_ok, converted, error_of, swagger};
    use crate::Diagnostic;

    #[test]
    fn root_info_tags_and_extensions() {
        let doc = swagger(json!({
            "info": {
                "title": "Widget Client", "version": "1.0", "description": "D", "termsOfService": "T",
                "contact": {"name": "C", "x-c": 1}, "license": {"name": "MIT", "url": "u"},
                "x-ms-code-generation-settings": {"name": "WidgetClient"}
            },
            "paths": {},
            "tags": [{"name": "Widget", "description": "Widgets.", "x-t": true}],
            "externalDocs": {"url": "https://docs", "description": "Docs"},
            "x-ms-root": "kept",
            "x-ms-paths": {}
        }));
        let oa = convert_ok(&doc);
        assert_eq!(oa.openapi, "3.0.0");
        assert_eq!(oa.info.title, "Widget Client");
        assert_eq!(oa.info.terms_of_service.as_deref(), Some("T"));
        assert_eq!(oa.info.contact.unwrap().extensions["x-c"], json!(1));
        assert_eq!(oa.info.license.unwrap().name, "MIT");
        assert_eq!(
            oa.info.extensions["x-ms-code-generation-settings"]["name"],
            json!("WidgetClient")
        );
        assert_eq!(oa.tags[0].name, "Widget");
        assert_eq!(oa.tags[0].extensions["x-t"], json!(true));
        assert_eq!(oa.external_docs.unwrap().url, "https://docs");
        assert_eq!(oa.extensions.keys().collect::<Vec<_>>(), ["x-ms-root"]);
        assert!(oa.components.is_none());
    }

    #[test]
    fn conversion_is_deterministic() {
        let doc = swagger(json!({
            "paths": {"/b": {"get": {"responses": {}}}, "/a": {"get": {"responses": {}}}},
            "definitions": {"Z": {"properties": {"y": {}, "x": {}}}, "A": {}}
        }));
        let first = serde_json::to_string(&convert_ok(&doc)).unwrap();
        for _ in 0..3 {
            assert_eq!(serde_json::to_string(&convert_ok(&doc)).unwrap(), first);
        }
        assert!(first.find("\"/b\"") < first.find("\"/a\""), "document order kept");
    }

    #[test]
    fn root_errors() {
        let e = error_of(&json!([]));
        assert_eq!(e.pointer, "");
        assert_eq!(e.file, std::path::Path::new("test.json"));
        let e = error_of(&json!({"swagger": "2.0", "paths": {}}));
        assert!(e.message.contains("`info`"), "{}", e.message);
        let e = error_of(&json!({"swagger": "2.0", "info": {"title": "t"}, "paths": {}}));
        assert_eq!(e.pointer, "/info");
        assert!(e.message.contains("`version`"), "{}", e.message);
        let e = error_of(&swagger(json!({"paths": {}, "consumes": "application/json"})));
        assert_eq!(e.pointer, "/consumes");
        let e = error_of(&swagger(json!({"paths": {}, "definitions": []})));
        assert_eq!(e.pointer, "/definitions");
    }

    #[test]
    fn no_panic_on_odd_values_anywhere() {
        // Replace each node of a representative document by values of every JSON kind: the
        // converter must answer Ok or Err, never panic.
        let doc = swagger(json!({
            "x-ms-parameterized-host": {"hostTemplate": "{E}", "parameters": [{"$ref": "#/parameters/E"}]},
            "paths": {"/a/{id}": {
                "parameters": [{"$ref": "#/parameters/E"}],
                "post": {
                    "parameters": [
                        {"name": "id", "in": "path", "type": "array", "items": {"type": "string"}},
                        {"name": "b", "in": "body", "schema": {"$ref": "#/definitions/D", "x-nullable": true}}
                    ],
                    "responses": {"200": {"description": "", "schema": {"type": "file"},
                                          "headers": {"H": {"type": "integer"}}}},
                    "security": [{"k": []}]
                }
            }},
            "definitions": {"D": {"allOf": [{"$ref": "#/definitions/D"}], "discriminator": "k",
                                  "properties": {"k": {"type": "string", "enum": ["a"]}},
                                  "additionalProperties": {"type": "number", "minimum": 1}}},
            "parameters": {"E": {"name": "E", "in": "path", "type": "string"}},
            "securityDefinitions": {"k": {"type": "apiKey", "in": "header", "name": "k"}},
            "tags": [{"name": "t"}]
        }));
        let replacements = [
            json!(null),
            json!(true),
            json!(-1),
            json!(1.5),
            json!("s"),
            json!([]),
            json!({}),
        ];
        let mut pointers = Vec::new();
        collect_pointers(&doc, String::new(), &mut pointers);
        for pointer in &pointers {
            for replacement in &replacements {
                let mut mutated = doc.clone();
                if let Some(node) = mutated.pointer_mut(pointer) {
                    *node = replacement.clone();
                }
                let result = std::panic::catch_unwind(|| converted(&mutated));
                assert!(result.is_ok(), "panicked with {replacement} at {pointer}");
                // Mapping any pointer back must not panic either.
                if let Ok(Ok(converted)) = result {
                    for pointer in [format!("/paths/~1a~1{{id}}/post{pointer}"), pointer.clone()] {
                        let _ = converted.sources.origin(&mutated, &pointer);
                    }
                }
            }
        }
    }

    /// `to_json` then `from_openapi3` gives back the converted document unchanged (what
    /// `--emit-openapi3` writes is a faithful OpenAPI 3.0 input), for documents using every
    /// conversion rule, odd values included.
    #[test]
    fn to_json_reads_back_unchanged() {
        let diag = |pointer: &str, message: String| Diagnostic::new("t.json", pointer, message);
        let doc = swagger(json!({
            "host": "example.com", "basePath": "/v1", "schemes": ["http", "https"],
            "consumes": ["application/json"], "produces": ["application/json", "text/plain"],
            "paths": {"/a/{id}": {
                "parameters": [{"$ref": "#/parameters/Id"}, {"$ref": "#/parameters/Body"}],
                "post": {
                    "operationId": "A_Post", "deprecated": true, "summary": "S", "description": "D",
                    "tags": ["t"], "x-ms-long-running-operation": true,
                    "parameters": [
                        {"name": "q", "in": "query", "type": "array", "items": {"type": "integer", "enum": [1, 2]},
                         "collectionFormat": "multi", "allowEmptyValue": true, "default": null},
                        {"name": "p", "in": "query", "type": "array", "items": {"type": "string"},
                         "collectionFormat": "pipes"},
                        {"name": "n", "in": "query", "type": "number", "minimum": 1, "maximum": 2.5,
                         "exclusiveMaximum": true, "multipleOf": 0.5, "x-ms-parameter-location": "client"},
                        {"name": "i", "in": "header", "type": "integer", "format": "int64", "minimum": 1.5,
                         "default": 3, "x-ms-client-name": "Eye"},
                        {"name": "s", "in": "query", "type": "string", "enum": ["a", null], "x-nullable": true,
                         "x-ms-enum": {"name": "S", "modelAsString": false}}
                    ],
                    "responses": {
                        "200": {"description": "", "schema": {"type": "file"},
                                "headers": {"H": {"type": "integer", "description": "h", "x-h": 1},
                                            "L": {"type": "array", "items": {"type": "string"},
                                                  "collectionFormat": "csv"}},
                                "examples": {"application/json": {"a": 1}}},
                        "204": {"$ref": "#/responses/Empty"},
                        "default": {"description": "E", "schema": {"$ref": "#/definitions/D"},
                                    "x-ms-error-response": true}
                    },
                    "security": [{"k": []}, {"o": ["read"]}]
                }
            }},
            "x-ms-paths": {"/a/{id}?form": {"put": {
                "operationId": "A_Form", "consumes": ["application/x-www-form-urlencoded"],
                "parameters": [
                    {"$ref": "#/parameters/Id"},
                    {"name": "f", "in": "formData", "type": "file", "required": true},
                    {"name": "g", "in": "formData", "type": "array", "items": {"type": "string"},
                     "collectionFormat": "ssv", "description": "G"}
                ],
                "responses": {"201": {"description": "C", "schema": {"type": "array",
                                                                     "items": {"$ref": "#/definitions/D"}}}}
            }}},
            "definitions": {
                "D": {"type": "object", "required": ["k"], "title": "T", "readOnly": true,
                      "x-ms-discriminator-value": "d", "discriminator": "k", "example": null, "default": {},
                      "externalDocs": {"url": "u"}, "xml": {"name": "x"},
                      "properties": {
                          "k": {"type": "string", "enum": ["a"], "default": null},
                          "r": {"$ref": "#/definitions/D", "description": "self", "x-nullable": true},
                          "m": {"type": "object", "additionalProperties": true, "minProperties": 1},
                          "n": {"type": "number", "format": "float", "minimum": 0, "default": 1.0},
                          "i": {"type": "integer", "enum": [1, 2], "maximum": 9007199254740993_u64},
                          "u": {"format": "uuid"},
                          "b": {"type": "boolean", "default": false}
                      },
                      "additionalProperties": {"type": "number", "minimum": 1}},
                "E": {"allOf": [{"$ref": "#/definitions/D"}], "properties": {"e": {}}},
                "Any": {},
                "Arr": {"type": "array", "items": {"type": "array", "items": {}}, "uniqueItems": false},
                "Empties": {"properties": {
                    "s": {"type": "string", "required": [], "properties": {}, "enum": []},
                    "o": {"type": "object", "enum": [], "allOf": []},
                    "r": {"$ref": "#/definitions/D", "required": []},
                    "a": {"allOf": [{"$ref": "#/definitions/D"}], "required": []},
                    "p": {"properties": {}}
                }}
            },
            "parameters": {
                "Id": {"name": "id", "in": "path", "required": true, "type": "string", "pattern": "^[a-z]+$",
                       "x-ms-parameter-location": "method", "x-ms-skip-url-encoding": false},
                "Body": {"name": "body", "in": "body", "required": false, "description": "B",
                         "schema": {"type": "object"}, "x-ms-client-flatten": true},
                "Api": {"name": "api-version", "in": "query", "required": true, "type": "string",
                        "enum": ["1"]}
            },
            "responses": {"Empty": {"description": "nothing", "x-r": true}},
            "securityDefinitions": {
                "k": {"type": "apiKey", "in": "query", "name": "key", "description": "K"},
                "b": {"type": "basic"},
                "o": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "a", "tokenUrl": "t",
                      "scopes": {"read": "R"}, "x-o": 1}
            },
            "security": [{"b": []}],
            "tags": [{"name": "t", "externalDocs": {"url": "v"}}],
            "externalDocs": {"url": "w"},
            "x-ms-parameterized-host": {"hostTemplate": "{E}.example.com", "useSchemePrefix": true,
                                        "parameters": [{"name": "E", "in": "path", "type": "string",
                                                        "default": "west", "x-ms-skip-url-encoding": true}]}
        }));
        let reads_back = |doc: &serde_json::Value, label: &str| {
            let Ok(oa) = convert(doc) else { return };
            let text = super::to_json(&oa);
            assert!(text.ends_with("}\n"));
            let value: serde_json::Value = serde_json::from_str(&text).expect("to_json writes JSON");
            let again = from_openapi3(&value, &diag).unwrap_or_else(|e| panic!("{label}: {e}\n{text}"));
            if again != oa {
                // The first differing line of the structures (the JSON may well be the same).
                let (before, after) = (format!("{oa:#?}"), format!("{again:#?}"));
                let first = before.lines().zip(after.lines()).position(|(a, b)| a != b).unwrap_or(0);
                let lines = |s: &str| {
                    s.lines()
                        .skip(first.saturating_sub(8))
                        .take(12)
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                panic!(
                    "{label}: reads back differently\nconverted:\n{}\nread back:\n{}",
                    lines(&before),
                    lines(&after)
                );
            }
        };
        reads_back(&doc, "the document");
        // And with odd values anywhere, as far as they convert.
        let mut pointers = Vec::new();
        collect_pointers(&doc, String::new(), &mut pointers);
        for pointer in &pointers {
            for replacement in [
                json!(null),
                json!(true),
                json!(-1),
                json!(1.5),
                json!("s"),
                json!([]),
                json!({}),
            ] {
                let mut mutated = doc.clone();
                if let Some(node) = mutated.pointer_mut(pointer) {
                    *node = replacement.clone();
                }
                reads_back(&mutated, &format!("{replacement} at {pointer}"));
            }
        }
    }

    fn collect_pointers(value: &serde_json::Value, pointer: String, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    collect_pointers(v, crate::diagnostic::join(&pointer, k), out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    collect_pointers(v, crate::diagnostic::join(&pointer, &i.to_string()), out);
                }
            }
            _ => {}
        }
        out.push(pointer);
    }

    #[test]
    fn openapi3_input_is_deserialized() {
        let diag = |pointer: &str, message: String| Diagnostic::new("t.json", pointer, message);
        let oa = from_openapi3(
            &json!({"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}),
            &diag,
        )
        .unwrap();
        assert_eq!(oa.info.title, "t");
        let e = from_openapi3(&json!({"openapi": "3.0.0", "paths": {}}), &diag).unwrap_err();
        assert_eq!(e.pointer, "");
        assert!(e.message.contains("info"), "{}", e.message);
    }
}
