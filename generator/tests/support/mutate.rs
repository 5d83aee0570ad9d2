//! Mutations of valid specs, shared by the property test (`tests/fuzz_properties.rs`) and the
//! structure-aware fuzz target (`fuzz/fuzz_targets/mutate.rs`): drop a field, change a type,
//! dangle a reference, add a cycle, put odd JSON (huge numbers, deep nesting, weird strings) in
//! place of a value, rename a key, copy a subtree elsewhere, add a keyword or extension.
//!
//! A [`Mutation`] is a handful of numbers: each picks (modulo the count) one of the spec's nodes or
//! one entry of the tables below, so any numbers make a mutation, shrinking them towards zero makes
//! it simpler, and one that does not fit the spec (a key to rename under an array) changes nothing.

#![allow(dead_code)] // each user takes what it needs

use serde_json::{json, Value};

/// One change to a spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutation {
    /// Removes the node: a key of its object, an element of its array.
    Remove { node: usize },
    /// Replaces the node by an odd value.
    Replace { node: usize, value: usize },
    /// Sets the `type` of an object node to another type name (or odd value); any other node is
    /// replaced by the type name.
    ChangeType { node: usize, to: usize },
    /// Points the `$ref` of an object node (a new one if it has none) at something missing or
    /// malformed; any other node is replaced by such a reference.
    DangleRef { node: usize, to: usize },
    /// Replaces the node by a `$ref` to itself or to one of its ancestors.
    Cycle { node: usize, ancestor: usize },
    /// Replaces the node by a `$ref` to another node of the spec.
    RefTo { node: usize, target: usize },
    /// Copies the node `from` over the node `to` (unless `from` holds `to`).
    Copy { from: usize, to: usize },
    /// Renames the key under which the node sits in its object.
    RenameKey { node: usize, name: usize },
    /// Adds a keyword or extension, with an odd value, to an object node.
    AddKey { node: usize, key: usize, value: usize },
}

/// How many kinds of [`Mutation`] there are.
pub const KINDS: usize = 9;

impl Mutation {
    /// The mutation of kind `kind` (modulo [`KINDS`]) with numbers `a`, `b` and `c`.
    pub fn from_numbers(kind: usize, a: usize, b: usize, c: usize) -> Mutation {
        match kind % KINDS {
            0 => Mutation::Remove { node: a },
            1 => Mutation::Replace { node: a, value: b },
            2 => Mutation::ChangeType { node: a, to: b },
            3 => Mutation::DangleRef { node: a, to: b },
            4 => Mutation::Cycle { node: a, ancestor: b },
            5 => Mutation::RefTo { node: a, target: b },
            6 => Mutation::Copy { from: a, to: b },
            7 => Mutation::RenameKey { node: a, name: b },
            _ => Mutation::AddKey {
                node: a,
                key: b,
                value: c,
            },
        }
    }
}

/// Applies `mutation` to `spec`.
pub fn apply(spec: &mut Value, mutation: Mutation) {
    let nodes = nodes(spec);
    let pick = |i: usize| nodes.get(i % nodes.len().max(1)).cloned();
    match mutation {
        Mutation::Remove { node } => {
            if let Some(pointer) = pick(node) {
                remove(spec, &pointer);
            }
        }
        Mutation::Replace { node, value } => set(spec, pick(node), odd_value(value)),
        Mutation::ChangeType { node, to } => {
            let ty = type_value(to);
            match pick(node).and_then(|p| spec.pointer_mut(&p)) {
                Some(Value::Object(map)) => {
                    map.insert("type".into(), ty);
                }
                Some(other) => *other = ty,
                None => {}
            }
        }
        Mutation::DangleRef { node, to } => {
            let reference = Value::String(pick_from(DANGLING_REFS, to).to_string());
            match pick(node).and_then(|p| spec.pointer_mut(&p)) {
                Some(Value::Object(map)) => {
                    map.insert("$ref".into(), reference);
                }
                Some(other) => *other = json!({ "$ref": reference }),
                None => {}
            }
        }
        Mutation::Cycle { node, ancestor } => {
            if let Some(pointer) = pick(node) {
                let ancestors: Vec<&str> = std::iter::once(pointer.as_str())
                    .chain(pointer.match_indices('/').map(|(i, _)| &pointer[..i]))
                    .collect();
                let target = ancestors[ancestor % ancestors.len()].to_string();
                set(spec, Some(pointer), json!({ "$ref": format!("#{target}") }));
            }
        }
        Mutation::RefTo { node, target } => {
            let target = pick(target).unwrap_or_default();
            set(spec, pick(node), json!({ "$ref": format!("#{target}") }));
        }
        Mutation::Copy { from, to } => {
            let (Some(from), Some(to)) = (pick(from), pick(to)) else {
                return;
            };
            if to.starts_with(&from) {
                return; // `to` inside `from`: the copy would hold itself
            }
            let value = spec.pointer(&from).cloned();
            set(spec, Some(to), value.unwrap_or(Value::Null));
        }
        Mutation::RenameKey { node, name } => {
            let Some(pointer) = pick(node) else { return };
            let Some((parent, key)) = pointer.rsplit_once('/') else {
                return;
            };
            let key = unescape(key);
            if let Some(Value::Object(map)) = spec.pointer_mut(parent) {
                if let Some(value) = map.shift_remove(&key) {
                    map.insert(pick_from(KEY_NAMES, name).to_string(), value);
                }
            }
        }
        Mutation::AddKey { node, key, value } => {
            if let Some(Value::Object(map)) = pick(node).and_then(|p| spec.pointer_mut(&p)) {
                map.insert(pick_from(KEYWORDS, key).to_string(), odd_value(value));
            }
        }
    }
}

/// The pointer of every node of `value` but the root, parents before children.
pub fn nodes(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(value, String::new())];
    while let Some((value, pointer)) = stack.pop() {
        if !pointer.is_empty() {
            out.push(pointer.clone());
        }
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter().rev() {
                    stack.push((child, format!("{pointer}/{}", escape(key))));
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate().rev() {
                    stack.push((child, format!("{pointer}/{i}")));
                }
            }
            _ => {}
        }
    }
    out
}

fn set(spec: &mut Value, pointer: Option<String>, value: Value) {
    if let Some(slot) = pointer.and_then(|p| spec.pointer_mut(&p)) {
        *slot = value;
    }
}

fn remove(spec: &mut Value, pointer: &str) {
    let Some((parent, key)) = pointer.rsplit_once('/') else {
        return;
    };
    match spec.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.shift_remove(&unescape(key));
        }
        Some(Value::Array(items)) => {
            if let Ok(i) = key.parse::<usize>() {
                if i < items.len() {
                    items.remove(i);
                }
            }
        }
        _ => {}
    }
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn pick_from<T>(table: &[T], i: usize) -> &T {
    &table[i % table.len()]
}

/// `levels` arrays, one inside another.
fn nested_arrays(levels: usize) -> Value {
    (0..levels).fold(json!("deep"), |inner, _| Value::Array(vec![inner]))
}

/// `levels` objects, each the only property of the one around it.
fn nested_objects(levels: usize) -> Value {
    (0..levels).fold(
        json!({"type": "string"}),
        |inner, _| json!({"type": "object", "properties": {"p": inner}}),
    )
}

/// Number `i` (modulo their count) of the odd values: every JSON kind, numbers at the edges,
/// strings that are not identifiers or that break quoting, nesting near the limits, and small
/// schemas and extension values that are valid somewhere but not everywhere.
pub fn odd_value(i: usize) -> Value {
    const COUNT: usize = 60;
    match i % COUNT {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(false),
        3 => json!(0),
        4 => json!(-1),
        5 => json!(u64::MAX),
        6 => json!(i64::MIN),
        7 => json!(1e308),
        8 => json!(-1e308),
        9 => json!(5e-324),
        10 => json!(0.5),
        11 => json!(1.2345678901234568e29),
        12 => json!(""),
        13 => json!(" "),
        14 => json!("\u{0}"),
        15 => json!("#"),
        16 => json!("#/definitions/"),
        17 => json!("../x.json#/a"),
        18 => json!("{id}"),
        19 => json!("💥 ünï"),
        20 => json!("a\u{202e}b"),
        21 => json!("\"'\\`${}\n\r\t"),
        22 => json!("r#type"),
        23 => json!("Self"),
        24 => json!("self"),
        25 => json!("crate"),
        26 => json!("123abc"),
        27 => json!("-"),
        28 => json!("_"),
        29 => json!("a".repeat(10_000)),
        30 => json!([]),
        31 => json!({}),
        32 => json!([null]),
        33 => json!({"": {}}),
        34 => nested_arrays(40),
        35 => nested_objects(20),
        36 => nested_arrays(200),
        37 => json!({"$ref": "#"}),
        38 => json!({"$ref": 5}),
        39 => json!(["string", "null"]),
        40 => json!("\u{feff}"),
        41 => json!("1e400"),
        42 => json!("date-time"),
        43 => json!("int32"),
        44 => json!({"type": "array"}),
        45 => json!({"type": "object", "additionalProperties": true}),
        46 => json!({"allOf": []}),
        47 => json!({"enum": []}),
        48 => json!({"type": "string", "enum": [null, 1, "a", true, 1.5, {}, "A", "a "]}),
        49 => json!({"name": "Color", "modelAsString": false}),
        50 => json!({"nextLinkName": null, "itemName": "value"}),
        51 => json!({"type": "string", "format": "byte"}),
        52 => json!("application/json"),
        53 => json!("multipart/form-data"),
        54 => json!("text/plain; charset=utf-8"),
        55 => json!({"type": "object", "discriminator": "kind", "properties": {"kind": {"type": "string"}}}),
        56 => json!({"name": "x", "in": "header", "type": "string"}),
        57 => json!({"description": "ok", "schema": {"type": "file"}}),
        58 => json!(["a", "a"]),
        _ => json!({"type": "integer", "format": "int32", "minimum": 1e300, "maximum": -1}),
    }
}

/// Number `i` (modulo their count) of the values [`Mutation::ChangeType`] sets `type` to.
fn type_value(i: usize) -> Value {
    const NAMES: &[&str] = &[
        "string", "integer", "number", "boolean", "array", "object", "file", "null", "", "Object",
    ];
    match i % (NAMES.len() + 2) {
        0 => Value::Null,
        1 => json!(["string", "null"]),
        n => json!(NAMES[n - 2]),
    }
}

/// What [`Mutation::DangleRef`] points a `$ref` at.
const DANGLING_REFS: &[&str] = &[
    "#/definitions/Missing",
    "#/definitions/",
    "#/definitions",
    "#/components/schemas/Missing",
    "#/parameters/Missing",
    "#/responses/Missing",
    "#/paths",
    "#",
    "",
    "#definitions/Widget",
    "missing.json#/definitions/X",
    "a.json",
    "a.json#/definitions/X",
    "../../a.json#/x",
    "/etc/passwd",
    "http://example.com/spec.json#/definitions/X",
    "#/definitions/a~2b",
    "#/definitions/%7B",
    "#/info/title",
    "#/paths/~1x/get/responses/200",
];

/// What [`Mutation::RenameKey`] renames a key to.
const KEY_NAMES: &[&str] = &[
    "",
    " ",
    "a/b",
    "~",
    "~1",
    "%25",
    "$ref",
    "type",
    "Self",
    "self",
    "r#type",
    "123",
    "-",
    "_",
    "💥",
    "\u{0}",
    "get",
    "default",
    "x-ms-paths",
    "/",
    "/{id}",
    "/x/{id}/{id}",
    "#",
    "Widget",
    "Error",
    "Option",
    "Result",
    "String",
];

/// What [`Mutation::AddKey`] adds.
const KEYWORDS: &[&str] = &[
    "x-ms-enum",
    "x-ms-client-name",
    "x-ms-pageable",
    "x-ms-long-running-operation",
    "x-ms-long-running-operation-options",
    "x-ms-discriminator-value",
    "x-ms-paths",
    "x-ms-parameterized-host",
    "x-nullable",
    "x-ms-client-flatten",
    "x-ms-azure-resource",
    "x-ms-skip-url-encoding",
    "x-ms-parameter-location",
    "x-ms-parameter-grouping",
    "x-ms-odata",
    "x-ms-mutability",
    "x-ms-error-response",
    "x-ms-client-default",
    "x-ms-header-collection-prefix",
    "x-ms-examples",
    "discriminator",
    "allOf",
    "additionalProperties",
    "items",
    "enum",
    "required",
    "readOnly",
    "default",
    "format",
    "collectionFormat",
    "in",
    "schema",
    "$ref",
    "properties",
    "type",
    "nullable",
    "consumes",
    "produces",
    "security",
    "parameters",
    "responses",
    "operationId",
    "pattern",
    "maxLength",
    "minimum",
    "multipleOf",
];
