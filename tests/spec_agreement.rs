//! `spec/face-snapshot.json` agrees with the upstream Face v1.0 spec on every fact but prose.
//!
//! The facts of a spec, as [`facts`] collects them, are:
//! - `info.title`, `info.version` and the top-level keys in [`TOP_LEVEL`] (those present);
//! - the seven snapshot operations, each with the container (`paths` / `x-ms-paths`), path key,
//!   method and any path-level parameters it came with;
//! - every entry of `#/parameters`, `#/definitions` and `#/responses` they reach, following
//!   `$ref`s transitively.
//!
//! Prose is stripped everywhere ([`strip_prose`]): string-valued `description` and `summary`
//! members, and `x-ms-examples` (the example files are this project's own). Schema `title`s
//! stay. What is left must be equal exactly, including the order of object keys, which is why
//! [`serde_json_keeps_key_order`] checks that `serde_json` is built with `preserve_order` (it is
//! enabled in this workspace through `azure-rest-codegen`).
//!
//! The upstream comparison needs `AZURE_SPECS_DIR` naming the upstream `specs/azure` folder
//! (`scripts/test` sets it); without it that test says so on stderr and passes, or fails under
//! `CI=true` (`generator/tests/support/prerequisites.rs`). The other tests always run.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

#[path = "../generator/tests/support/prerequisites.rs"]
mod prerequisites;

/// The operations `spec/` covers.
const OPERATIONS: [&str; 7] = [
    "Snapshot_Take",
    "Snapshot_List",
    "Snapshot_Get",
    "Snapshot_Update",
    "Snapshot_Delete",
    "Snapshot_Apply",
    "Snapshot_GetOperationStatus",
];

/// Top-level members compared as they are (besides `info.title` and `info.version`).
const TOP_LEVEL: [&str; 9] = [
    "swagger",
    "securityDefinitions",
    "security",
    "x-ms-parameterized-host",
    "consumes",
    "produces",
    "host",
    "basePath",
    "schemes",
];

/// The sections a local `$ref` may point into.
const SECTIONS: [&str; 3] = ["parameters", "definitions", "responses"];

/// The keys of a path item that are operations.
const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

// ----- collecting the facts --------------------------------------------------------------------

/// `value` without prose: string-valued `description` and `summary` members and every
/// `x-ms-examples` member are dropped, at any depth. (A property *named* `description` is a
/// schema object, not a string, and so stays.)
fn strip_prose(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, v)| match key.as_str() {
                    "description" | "summary" => !v.is_string(),
                    "x-ms-examples" => false,
                    _ => true,
                })
                .map(|(key, v)| (key.clone(), strip_prose(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(strip_prose).collect()),
        other => other.clone(),
    }
}

/// The facts of a spec and which section entries they reach.
struct Facts {
    /// See the module documentation; prose already stripped.
    facts: Value,
    /// `(section, name)` of every reached `#/parameters`, `#/definitions` and `#/responses` entry.
    reached: BTreeSet<(String, String)>,
}

/// Collects the facts of `document` for the operations `operation_ids`; fails when one of them is
/// missing or appears twice, or when a `$ref` is not a local reference to an existing entry.
fn facts(document: &Value, operation_ids: &[&str]) -> Result<Facts, String> {
    let mut out = Map::new();
    let info = &document["info"];
    let mut info_facts = Map::new();
    for key in ["title", "version"] {
        if let Some(value) = info.get(key) {
            info_facts.insert(key.to_string(), value.clone());
        }
    }
    out.insert("info".to_string(), Value::Object(info_facts));
    for key in TOP_LEVEL {
        if let Some(value) = document.get(key) {
            out.insert(key.to_string(), strip_prose(value));
        }
    }

    let mut operations = Map::new();
    for container in ["paths", "x-ms-paths"] {
        let Some(paths) = document.get(container).and_then(Value::as_object) else {
            continue;
        };
        for (path, item) in paths {
            for (method, operation) in operations_of(item) {
                let Some(id) = operation["operationId"]
                    .as_str()
                    .filter(|id| operation_ids.contains(id))
                else {
                    continue;
                };
                let mut fact = Map::new();
                fact.insert("container".to_string(), json!(container));
                fact.insert("path".to_string(), json!(path));
                fact.insert("method".to_string(), json!(method));
                if let Some(shared) = item.get("parameters") {
                    fact.insert("pathItemParameters".to_string(), strip_prose(shared));
                }
                fact.insert("operation".to_string(), strip_prose(operation));
                if operations.insert(id.to_string(), Value::Object(fact)).is_some() {
                    return Err(format!("operation id `{id}` appears twice"));
                }
            }
        }
    }
    if let Some(missing) = operation_ids.iter().find(|id| !operations.contains_key(**id)) {
        return Err(format!("operation `{missing}` is missing"));
    }

    // Everything the top-level facts and the operations reach, transitively.
    let mut reached = BTreeSet::new();
    let mut pending = Vec::new();
    collect_refs(&Value::Object(out.clone()), &mut pending);
    collect_refs(&Value::Object(operations.clone()), &mut pending);
    while let Some(reference) = pending.pop() {
        let (section, name) = parse_local_ref(&reference)?;
        let target = document
            .get(&section)
            .and_then(|entries| entries.get(&name))
            .ok_or(format!("`$ref` {reference} points at nothing"))?;
        if reached.insert((section, name)) {
            collect_refs(&strip_prose(target), &mut pending);
        }
    }

    out.insert("operations".to_string(), Value::Object(operations));
    for section in SECTIONS {
        let entries: Map<String, Value> = document
            .get(section)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter(|(name, _)| reached.contains(&(section.to_string(), name.to_string())))
            .map(|(name, entry)| (name.clone(), strip_prose(entry)))
            .collect();
        if !entries.is_empty() {
            out.insert(section.to_string(), Value::Object(entries));
        }
    }
    Ok(Facts {
        facts: Value::Object(out),
        reached,
    })
}

/// The `(method, operation)` pairs of a path item, in its order.
fn operations_of(item: &Value) -> impl Iterator<Item = (&String, &Value)> {
    item.as_object()
        .into_iter()
        .flatten()
        .filter(|(key, _)| METHODS.contains(&key.as_str()))
}

/// Every `$ref` string in `value` (callers strip `x-ms-examples` first).
fn collect_refs(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("$ref", Value::String(reference)) => into.push(reference.clone()),
                    _ => collect_refs(v, into),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, into)),
        _ => {}
    }
}

/// `#/<section>/<name>` as `(section, name)`, the name unescaped (RFC 6901).
fn parse_local_ref(reference: &str) -> Result<(String, String), String> {
    let unsupported = || format!("`$ref` {reference} is not a local reference into {SECTIONS:?}");
    let rest = reference.strip_prefix("#/").ok_or_else(unsupported)?;
    let (section, name) = rest.split_once('/').ok_or_else(unsupported)?;
    if !SECTIONS.contains(&section) || name.contains('/') {
        return Err(unsupported());
    }
    Ok((section.to_string(), name.replace("~1", "/").replace("~0", "~")))
}

// ----- comparing -------------------------------------------------------------------------------

/// The first difference between two fact documents.
#[derive(Debug)]
struct Mismatch {
    /// What differs.
    what: &'static str,
    /// JSON pointer (RFC 6901) into the facts.
    pointer: String,
    /// The value in `spec/` (`None`: absent).
    spec: Option<Value>,
    /// The value upstream (`None`: absent).
    upstream: Option<Value>,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |v: &Option<Value>| v.as_ref().map_or_else(|| "(absent)".to_string(), |v| v.to_string());
        write!(
            f,
            "{} at `{}`\n  spec/:    {}\n  upstream: {}",
            self.what,
            self.pointer,
            show(&self.spec),
            show(&self.upstream)
        )
    }
}

/// Exact equality, key order of objects included; `Err` is the first difference found, walking
/// `spec` in its order (missing or extra keys of an object before its values, its key order last).
fn compare(spec: &Value, upstream: &Value) -> Result<(), Box<Mismatch>> {
    fn child(pointer: &str, token: &str) -> String {
        format!("{pointer}/{}", token.replace('~', "~0").replace('/', "~1"))
    }
    fn walk(spec: &Value, upstream: &Value, pointer: &str) -> Result<(), Box<Mismatch>> {
        let mismatch = |what, pointer: String, spec: Option<&Value>, upstream: Option<&Value>| {
            Box::new(Mismatch {
                what,
                pointer,
                spec: spec.cloned(),
                upstream: upstream.cloned(),
            })
        };
        match (spec, upstream) {
            (Value::Object(s), Value::Object(u)) => {
                if let Some((key, value)) = s.iter().find(|(key, _)| !u.contains_key(*key)) {
                    return Err(mismatch("key only in spec/", child(pointer, key), Some(value), None));
                }
                if let Some((key, value)) = u.iter().find(|(key, _)| !s.contains_key(*key)) {
                    return Err(mismatch("key only upstream", child(pointer, key), None, Some(value)));
                }
                for (key, value) in s {
                    walk(value, &u[key], &child(pointer, key))?;
                }
                if !s.keys().eq(u.keys()) {
                    let keys = |m: &Map<String, Value>| Value::from(m.keys().cloned().collect::<Vec<_>>());
                    return Err(mismatch(
                        "keys in a different order",
                        pointer.to_string(),
                        Some(&keys(s)),
                        Some(&keys(u)),
                    ));
                }
                Ok(())
            }
            (Value::Array(s), Value::Array(u)) => {
                for (index, (sv, uv)) in s.iter().zip(u).enumerate() {
                    walk(sv, uv, &child(pointer, &index.to_string()))?;
                }
                if s.len() != u.len() {
                    let index = s.len().min(u.len());
                    return Err(mismatch(
                        "array lengths differ",
                        child(pointer, &index.to_string()),
                        s.get(index),
                        u.get(index),
                    ));
                }
                Ok(())
            }
            (s, u) if s == u => Ok(()),
            (s, u) => Err(mismatch("values differ", pointer.to_string(), Some(s), Some(u))),
        }
    }
    walk(spec, upstream, "")
}

/// The facts of both documents for `operation_ids`, compared.
fn agreement(spec: &Value, upstream: &Value, operation_ids: &[&str]) -> Result<(), String> {
    let spec_facts = facts(spec, operation_ids).map_err(|e| format!("spec/: {e}"))?;
    let upstream_facts = facts(upstream, operation_ids).map_err(|e| format!("upstream: {e}"))?;
    compare(&spec_facts.facts, &upstream_facts.facts).map_err(|mismatch| mismatch.to_string())
}

/// What `document` has beyond the facts of `operation_ids`: other operations, unreached section
/// entries, unknown top-level members.
fn extras(document: &Value, operation_ids: &[&str]) -> Result<Vec<String>, String> {
    let Facts { reached, .. } = facts(document, operation_ids)?;
    let mut extras = Vec::new();
    for container in ["paths", "x-ms-paths"] {
        for (path, item) in document.get(container).and_then(Value::as_object).into_iter().flatten() {
            for (method, operation) in operations_of(item) {
                let id = operation["operationId"].as_str().unwrap_or("(no operationId)");
                if !operation_ids.contains(&id) {
                    extras.push(format!("operation {id} ({method} {path})"));
                }
            }
        }
    }
    for section in SECTIONS {
        for name in document
            .get(section)
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(Map::keys)
        {
            if !reached.contains(&(section.to_string(), name.clone())) {
                extras.push(format!("unreachable #/{section}/{name}"));
            }
        }
    }
    let known = ["info", "paths", "x-ms-paths"]
        .into_iter()
        .chain(TOP_LEVEL)
        .chain(SECTIONS);
    let known: BTreeSet<&str> = known.collect();
    for key in document.as_object().into_iter().flat_map(Map::keys) {
        if !known.contains(key.as_str()) {
            extras.push(format!("top-level member `{key}`"));
        }
    }
    Ok(extras)
}

// ----- the tests -------------------------------------------------------------------------------

fn project_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/face-snapshot.json")
}

fn load(path: &Path) -> Value {
    codegen::load::load(path)
        .unwrap_or_else(|diagnostic| panic!("cannot load {}: {diagnostic}", path.display()))
        .document
}

#[test]
fn spec_agrees_with_upstream() {
    let Some(dir) = prerequisites::specs_dir("spec_agreement.rs (spec/ against the upstream Face spec)") else {
        return;
    };
    let upstream_file = dir.join("cognitiveservices/Face/stable/v1.0/Face.json");
    assert!(
        upstream_file.is_file(),
        "upstream Face spec not found at {}",
        upstream_file.display()
    );
    let spec = load(&project_spec());
    let upstream = load(&upstream_file);
    if let Err(mismatch) = agreement(&spec, &upstream, &OPERATIONS) {
        panic!(
            "spec/face-snapshot.json disagrees with {}:\n{mismatch}",
            upstream_file.display()
        );
    }
    let spec_facts = facts(&spec, &OPERATIONS).unwrap();
    println!(
        "spec/ agrees with upstream on {} operations and {} parameters/definitions",
        spec_facts.facts["operations"].as_object().map_or(0, Map::len),
        spec_facts.reached.len()
    );
}

#[test]
fn spec_has_nothing_but_the_snapshot_operations() {
    let spec = load(&project_spec());
    let extras = extras(&spec, &OPERATIONS).unwrap_or_else(|e| panic!("spec/: {e}"));
    assert!(
        extras.is_empty(),
        "spec/face-snapshot.json has more than the seven snapshot operations need:\n{}",
        extras.join("\n")
    );
    let facts = facts(&spec, &OPERATIONS).unwrap();
    assert_eq!(
        facts.facts["operations"].as_object().map(Map::len),
        Some(OPERATIONS.len())
    );
}

#[test]
fn serde_json_keeps_key_order() {
    let value: Value = serde_json::from_str(r#"{"b": 1, "a": 2, "c": 3}"#).unwrap();
    let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["b", "a", "c"],
        "serde_json lost `preserve_order`: the key-order comparison would be vacuous"
    );
}

/// A tiny spec with one operation, a body definition it reaches through another, and prose.
fn tiny_spec() -> Value {
    json!({
        "swagger": "2.0",
        "info": {"title": "T", "version": "1.0", "description": "prose"},
        "paths": {
            "/things/{id}": {
                "post": {
                    "operationId": "Snapshot_Take",
                    "summary": "prose",
                    "description": "prose",
                    "parameters": [
                        {"$ref": "#/parameters/id"},
                        {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Wrapper"}}
                    ],
                    "responses": {"200": {"description": "prose"}},
                    "x-ms-examples": {"ex": {"$ref": "./examples/A.json"}}
                }
            }
        },
        "definitions": {
            "Wrapper": {"type": "object", "properties": {"inner": {"$ref": "#/definitions/Request"}}},
            "Request": {
                "type": "object",
                "title": "kept",
                "required": ["objectId", "type"],
                "properties": {
                    "objectId": {"type": "string", "maxLength": 64, "description": "prose"},
                    "type": {"type": "string", "enum": ["A", "B"]},
                    "description": {"type": "string", "description": "a property named description"}
                }
            },
            "Unused": {"type": "string"}
        },
        "parameters": {"id": {"name": "id", "in": "path", "required": true, "type": "string"}}
    })
}

#[test]
fn comparison_detects_changed_facts_and_ignores_prose() {
    let ids = ["Snapshot_Take"];
    let upstream = tiny_spec();
    let check = |change: &dyn Fn(&mut Value)| {
        let mut spec = upstream.clone();
        change(&mut spec);
        agreement(&spec, &upstream, &ids)
    };

    // Prose differs: still in agreement.
    let prose = check(&|spec| {
        spec["info"]["description"] = json!("other prose");
        let operation = &mut spec["paths"]["/things/{id}"]["post"];
        operation["summary"] = json!("other");
        operation["description"] = json!("other");
        operation["x-ms-examples"] = json!({"mine": {"$ref": "./examples/Mine.json"}});
        spec["definitions"]["Request"]["properties"]["objectId"]["description"] = json!("other");
    });
    assert_eq!(prose, Ok(()));
    // Entries no operation reaches are not facts.
    assert_eq!(
        check(&|spec| spec["definitions"]["Unused"] = json!({"type": "integer"})),
        Ok(())
    );

    let request = "/definitions/Request";
    let expect = |result: Result<(), String>, pointer: &str| {
        let message = result.expect_err("a changed fact must be a mismatch");
        assert!(
            message.contains(&format!("at `{pointer}`")),
            "expected a mismatch at {pointer}, got:\n{message}"
        );
    };
    // A changed maxLength, in a definition reached only through another one.
    expect(
        check(&|spec| spec["definitions"]["Request"]["properties"]["objectId"]["maxLength"] = json!(65)),
        &format!("{request}/properties/objectId/maxLength"),
    );
    // A removed `required` entry.
    expect(
        check(&|spec| spec["definitions"]["Request"]["required"] = json!(["objectId"])),
        &format!("{request}/required/1"),
    );
    // A renamed property.
    expect(
        check(&|spec| {
            let properties = spec["definitions"]["Request"]["properties"].as_object_mut().unwrap();
            let objects: Map<String, Value> = properties
                .iter()
                .map(|(k, v)| {
                    (
                        if k == "objectId" {
                            "objectID".to_string()
                        } else {
                            k.clone()
                        },
                        v.clone(),
                    )
                })
                .collect();
            *properties = objects;
        }),
        &format!("{request}/properties/objectID"),
    );
    // Same keys, other order.
    expect(
        check(&|spec| {
            let properties = spec["definitions"]["Request"]["properties"].as_object_mut().unwrap();
            let reversed: Map<String, Value> = properties.iter().rev().map(|(k, v)| (k.clone(), v.clone())).collect();
            *properties = reversed;
        }),
        &format!("{request}/properties"),
    );
    // A schema title is a fact, and so is a property named `description`.
    expect(
        check(&|spec| spec["definitions"]["Request"]["title"] = json!("changed")),
        &format!("{request}/title"),
    );
    expect(
        check(&|spec| spec["definitions"]["Request"]["properties"]["description"]["type"] = json!("integer")),
        &format!("{request}/properties/description/type"),
    );
    // Operation facts: path key, method, and the info title.
    expect(
        check(&|spec| {
            let item = spec["paths"].as_object_mut().unwrap().remove("/things/{id}").unwrap();
            spec["paths"]["/thing/{id}"] = item;
        }),
        "/operations/Snapshot_Take/path",
    );
    expect(check(&|spec| spec["info"]["title"] = json!("U")), "/info/title");
    expect(
        check(&|spec| spec["parameters"]["id"]["type"] = json!("integer")),
        "/parameters/id/type",
    );
}

#[test]
fn extras_are_reported() {
    let mut spec = tiny_spec();
    spec["paths"]["/things/{id}"]["get"] = json!({"operationId": "Other_Get", "responses": {}});
    spec["tags"] = json!([]);
    let extras = extras(&spec, &["Snapshot_Take"]).unwrap();
    assert_eq!(
        extras,
        [
            "operation Other_Get (get /things/{id})",
            "unreachable #/definitions/Unused",
            "top-level member `tags`"
        ],
    );
    assert!(
        facts(&spec, &["Snapshot_Take", "Snapshot_List"]).is_err_and(|e| e.contains("Snapshot_List")),
        "a missing operation fails"
    );
}
