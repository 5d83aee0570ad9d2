//! Loader tests over in-memory files (the fixture-based ones are in `tests/load_*.rs`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::bundle::normalize;
use super::*;

/// Reads from `files` (path, content) by normalized path, recording every read.
struct Memory {
    files: HashMap<PathBuf, Vec<u8>>,
    reads: RefCell<Vec<PathBuf>>,
}

impl Memory {
    fn new(files: &[(&str, String)]) -> Memory {
        let files = files
            .iter()
            .map(|(path, text)| (PathBuf::from(path), text.clone().into_bytes()))
            .collect();
        Memory {
            files,
            reads: RefCell::new(Vec::new()),
        }
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let path = normalize(path);
        self.reads.borrow_mut().push(path.clone());
        self.files
            .get(&path)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }

    fn load(&self, root: &str) -> Result<Bundle> {
        load_with(Path::new(root), &|path: &Path| self.read(path))
    }
}

/// Loads the first of `files` (path, JSON value) as the root.
fn load_values(files: &[(&str, Value)]) -> Result<Bundle> {
    let texts: Vec<_> = files
        .iter()
        .map(|(path, value)| (*path, serde_json::to_string_pretty(value).expect("serializable")))
        .collect();
    Memory::new(&texts).load(files[0].0)
}

fn swagger(extra: Value) -> Value {
    let mut spec = json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}});
    if let (Value::Object(spec), Value::Object(extra)) = (&mut spec, extra) {
        spec.extend(extra);
    }
    spec
}

fn ok(files: &[(&str, Value)]) -> Bundle {
    load_values(files).unwrap_or_else(|diagnostic| panic!("unexpected error: {diagnostic}"))
}

fn err(files: &[(&str, Value)]) -> Diagnostic {
    match load_values(files) {
        Ok(bundle) => panic!("expected an error, got {:#}", bundle.document),
        Err(diagnostic) => diagnostic,
    }
}

/// Every `$ref` string of `value` outside `x-ms-examples`.
fn refs(value: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    found.push(reference.clone());
                }
                stack.extend(
                    map.iter()
                        .filter(|(key, _)| *key != "x-ms-examples")
                        .map(|(_, child)| child),
                );
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    found.sort();
    found
}

#[test]
fn detects_the_version() {
    assert_eq!(ok(&[("a.json", swagger(json!({})))]).version, SpecVersion::Swagger2);
    for version in ["3.0", "3.0.0", "3.0.3"] {
        let spec = json!({"openapi": version, "info": {}, "paths": {}});
        assert_eq!(ok(&[("a.json", spec)]).version, SpecVersion::OpenApi3);
    }
}

#[test]
fn rejects_unsupported_versions() {
    let diagnostic = err(&[("a.json", json!({"swagger": "1.2", "paths": {}}))]);
    assert_eq!(diagnostic.pointer, "/swagger");
    assert!(
        diagnostic.message.contains("\"1.2\"") && diagnostic.message.contains("2.0"),
        "{diagnostic}"
    );
    let diagnostic = err(&[("a.json", json!({"swagger": 2.0, "paths": {}}))]);
    assert_eq!(diagnostic.pointer, "/swagger");
    let diagnostic = err(&[("a.json", json!({"openapi": "3.1.0", "paths": {}}))]);
    assert_eq!(diagnostic.pointer, "/openapi");
    assert!(diagnostic.message.contains("\"3.1.0\""), "{diagnostic}");
    let diagnostic = err(&[("a.json", json!({"paths": {}}))]);
    assert_eq!((diagnostic.pointer.as_str(), diagnostic.line_col), ("", Some((1, 1))));
    assert!(
        diagnostic.message.starts_with("neither `swagger` nor `openapi`"),
        "{diagnostic}"
    );
    let diagnostic = err(&[("a.json", json!({"swagger": "2.0", "openapi": "3.0.0", "paths": {}}))]);
    assert!(diagnostic.message.contains("both"), "{diagnostic}");
    let diagnostic = err(&[("a.json", json!([1]))]);
    assert_eq!(diagnostic.message, "the root must be an object, found an array");
}

#[test]
fn requires_paths() {
    let diagnostic = err(&[("a.json", json!({"swagger": "2.0"}))]);
    assert_eq!(
        (diagnostic.pointer.as_str(), diagnostic.message.as_str()),
        ("", "no `paths` object")
    );
    let diagnostic = err(&[("a.json", json!({"swagger": "2.0", "paths": []}))]);
    assert_eq!(diagnostic.pointer, "/paths");
    assert_eq!(diagnostic.line_col, Some((3, 12)));
}

#[test]
fn missing_root_file() {
    let diagnostic = Memory::new(&[]).load("nowhere.json").unwrap_err();
    assert_eq!(diagnostic.file, Path::new("nowhere.json"));
    assert!(diagnostic.message.starts_with("cannot read file: "), "{diagnostic}");
}

#[test]
fn local_refs_stay_and_must_resolve() {
    let paths = json!({"/a": {"get": {"responses": {"200": {"schema": {"$ref": "#/definitions/Pet"}}}}}});
    let spec = swagger(json!({"paths": paths, "definitions": {"Pet": {"type": "object"}}}));
    let bundle = ok(&[("a.json", spec.clone())]);
    assert_eq!(bundle.document, spec);

    let paths = json!({"/a": {"get": {"responses": {"200": {"schema": {"$ref": "#/definitions/Missing"}}}}}});
    let diagnostic = err(&[("dir/a.json", swagger(json!({"paths": paths})))]);
    assert_eq!(diagnostic.file, Path::new("dir/a.json"));
    assert_eq!(diagnostic.pointer, "/paths/~1a/get/responses/200/schema");
    assert_eq!(
        diagnostic.message,
        "`$ref` target `#/definitions/Missing` does not exist"
    );
    assert!(diagnostic.line_col.is_some());
}

#[test]
fn malformed_refs() {
    let diagnostic = err(&[("a.json", swagger(json!({"definitions": {"A": {"$ref": 5}}})))]);
    assert_eq!(diagnostic.pointer, "/definitions/A/$ref");
    assert_eq!(diagnostic.message, "`$ref` must be a string, found a number");

    let diagnostic = err(&[(
        "a.json",
        swagger(json!({"definitions": {"A": {"$ref": "#definitions/B"}}})),
    )]);
    assert!(diagnostic.message.contains("JSON pointer"), "{diagnostic}");

    let spec = swagger(json!({"definitions": {"A": {"$ref": "https://example.com/x.json#/B"}}}));
    let diagnostic = err(&[("a.json", spec)]);
    assert!(diagnostic.message.contains("is a URL"), "{diagnostic}");
}

#[test]
fn imports_external_definitions_with_their_own_references() {
    // The path is walked first: `Pet` is imported before the root's `definitions` are walked.
    let path = json!({"get": {"responses": {"200": {"schema": {"$ref": "defs.json#/definitions/Pet"}}}}});
    let spec = swagger(json!({
        "paths": {"/p": path},
        "definitions": {"Local": {"properties": {"pet": {"$ref": "defs.json#/definitions/Pet", "description": "kept"}}}}
    }));
    let defs = json!({"definitions": {
        "Pet": {"properties": {"owner": {"$ref": "#/definitions/Owner"}, "tag": {"$ref": "./defs.json#/definitions/Tag"}}},
        "Owner": {"type": "string"},
        "Tag": {"type": "integer"},
        "Unused": {}
    }});
    let bundle = ok(&[("svc/a.json", spec), ("svc/defs.json", defs)]);
    assert_eq!(
        bundle.document["paths"]["/p"]["get"]["responses"]["200"]["schema"],
        json!({"$ref": "#/definitions/Pet"})
    );
    assert_eq!(
        bundle.document["definitions"],
        json!({
            "Local": {"properties": {"pet": {"$ref": "#/definitions/Pet", "description": "kept"}}},
            "Pet": {"properties": {"owner": {"$ref": "#/definitions/Owner"}, "tag": {"$ref": "#/definitions/Tag"}}},
            "Owner": {"type": "string"},
            "Tag": {"type": "integer"}
        })
    );

    let diagnostic = bundle.diagnostic("/definitions/Pet/properties/owner", "bad owner");
    assert_eq!(diagnostic.file, Path::new("svc/defs.json"));
    assert_eq!(diagnostic.pointer, "/definitions/Pet/properties/owner");
    assert_eq!(diagnostic.line_col, Some((5, 18)));
    let diagnostic = bundle.diagnostic("/definitions/Local/properties/pet", "root node");
    assert_eq!(
        (diagnostic.file.as_path(), diagnostic.pointer.as_str()),
        (Path::new("svc/a.json"), "/definitions/Local/properties/pet")
    );
}

#[test]
fn imports_parameters_through_parent_directories_once() {
    let path = |param: &str| json!({"post": {"parameters": [{"$ref": format!("../../../Common/Parameters.json#/parameters/{param}")}]}});
    let spec = swagger(json!({"paths": {"/a": path("ImageUrl"), "/b": path("ImageUrl"), "/c": path("ImageStream")}}));
    let common = json!({
        "parameters": {
            "ImageUrl": {"name": "ImageUrl", "in": "body", "schema": {"$ref": "#/definitions/ImageUrl"}},
            "ImageStream": {"name": "Image", "in": "body", "schema": {"type": "object", "format": "file"}}
        },
        "definitions": {"ImageUrl": {"properties": {"url": {"type": "string"}}}}
    });
    let texts = [
        (
            "Svc/stable/v1/spec.json",
            serde_json::to_string(&spec).unwrap_or_default(),
        ),
        (
            "Common/Parameters.json",
            serde_json::to_string(&common).unwrap_or_default(),
        ),
    ];
    let memory = Memory::new(&texts);
    let bundle = memory.load("Svc/stable/v1/spec.json").unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(memory.reads.borrow().len(), 2, "each file is read once");
    assert_eq!(
        bundle.document["paths"]["/a"]["post"]["parameters"][0],
        json!({"$ref": "#/parameters/ImageUrl"})
    );
    assert_eq!(
        bundle.document["paths"]["/c"]["post"]["parameters"][0],
        json!({"$ref": "#/parameters/ImageStream"})
    );
    assert_eq!(bundle.document["parameters"], common["parameters"]);
    assert_eq!(bundle.document["definitions"], common["definitions"]);
    let diagnostic = bundle.diagnostic("/parameters/ImageUrl/schema", "x");
    assert_eq!(diagnostic.file, Path::new("Common/Parameters.json"));
    assert_eq!(diagnostic.pointer, "/parameters/ImageUrl/schema");
}

#[test]
fn name_collisions_get_suffixes_and_equal_entries_are_shared() {
    let spec = swagger(json!({
        "definitions": {
            "Error": {"type": "string"},
            "Error_1": {"type": "boolean"},
            "Same": {"type": "number"},
            "Wrapper": {"properties": {"e": {"$ref": "#/definitions/Error"}}},
            "Uses": {"properties": {
                "a": {"$ref": "other.json#/definitions/Error"},
                "b": {"$ref": "other.json#/definitions/Same"},
                "c": {"$ref": "other.json#/definitions/Wrapper"},
                "d": {"$ref": "third.json#/definitions/Error"},
                "e": {"$ref": "third.json#/definitions/Wrapper"}
            }}
        }
    }));
    // `Wrapper` reads the same in all three files; whether it means the same depends on the
    // `Error` it refers to in each.
    let other = json!({"definitions": {
        "Error": {"type": "object"},
        "Same": {"type": "number"},
        "Wrapper": {"properties": {"e": {"$ref": "#/definitions/Error"}}}
    }});
    let third = json!({"definitions": {
        "Error": {"type": "string"},
        "Wrapper": {"properties": {"e": {"$ref": "#/definitions/Error"}}}
    }});
    let bundle = ok(&[("a.json", spec), ("other.json", other), ("third.json", third)]);
    let definitions = &bundle.document["definitions"];
    assert_eq!(
        definitions["Uses"]["properties"],
        json!({
            "a": {"$ref": "#/definitions/Error_2"},
            "b": {"$ref": "#/definitions/Same"},
            "c": {"$ref": "#/definitions/Wrapper_1"},
            "d": {"$ref": "#/definitions/Error"},
            "e": {"$ref": "#/definitions/Wrapper"}
        })
    );
    assert_eq!(definitions["Error_2"], json!({"type": "object"}));
    assert_eq!(
        definitions["Wrapper_1"],
        json!({"properties": {"e": {"$ref": "#/definitions/Error_2"}}})
    );
    let names: Vec<_> = definitions
        .as_object()
        .map(|d| d.keys().cloned().collect())
        .unwrap_or_default();
    assert_eq!(
        names,
        ["Error", "Error_1", "Same", "Wrapper", "Uses", "Error_2", "Wrapper_1"]
    );
}

#[test]
fn inlines_what_is_not_a_named_entry() {
    let spec = swagger(json!({
        "paths": {"/a": {"$ref": "paths.json#/paths/~1a"}},
        "definitions": {
            "Whole": {"$ref": "schema.json"},
            "Part": {"$ref": "schema.json#/properties/name", "description": "outer wins"}
        }
    }));
    let paths = json!({"paths": {"/a": {"get": {"responses": {"200": {"schema": {"$ref": "#/definitions/Pet"}}}}}},
                       "definitions": {"Pet": {"type": "object"}}});
    let schema = json!({"properties": {"name": {"type": "string", "description": "inner"}}});
    let bundle = ok(&[("a.json", spec), ("paths.json", paths), ("schema.json", schema.clone())]);
    assert_eq!(
        bundle.document["paths"]["/a"]["get"]["responses"]["200"]["schema"],
        json!({"$ref": "#/definitions/Pet"})
    );
    assert_eq!(bundle.document["definitions"]["Pet"], json!({"type": "object"}));
    assert_eq!(bundle.document["definitions"]["Whole"], schema);
    assert_eq!(
        bundle.document["definitions"]["Part"],
        json!({"type": "string", "description": "outer wins"})
    );

    let diagnostic = bundle.diagnostic("/paths/~1a/get/responses", "x");
    assert_eq!(
        (diagnostic.file.as_path(), diagnostic.pointer.as_str()),
        (Path::new("paths.json"), "/paths/~1a/get/responses")
    );
    let diagnostic = bundle.diagnostic("/definitions/Part/type", "x");
    assert_eq!(
        (diagnostic.file.as_path(), diagnostic.pointer.as_str()),
        (Path::new("schema.json"), "/properties/name/type")
    );
    let diagnostic = bundle.diagnostic("/definitions/Part/description", "x");
    assert_eq!(
        (diagnostic.file.as_path(), diagnostic.pointer.as_str()),
        (Path::new("a.json"), "/definitions/Part/description")
    );
}

#[test]
fn follows_chains_of_references_across_files() {
    let spec = swagger(json!({"definitions": {"A": {"$ref": "b.json#/x", "description": "a"}}}));
    let b = json!({"x": {"$ref": "sub/c.json#/definitions/C", "title": "b", "description": "b"}});
    let c = json!({"definitions": {"C": {"type": "object"}}});
    let bundle = ok(&[("a.json", spec), ("b.json", b), ("sub/c.json", c)]);
    assert_eq!(
        bundle.document["definitions"],
        json!({"A": {"$ref": "#/definitions/C", "description": "a", "title": "b"}, "C": {"type": "object"}})
    );
    let diagnostic = bundle.diagnostic("/definitions/A/title", "x");
    assert_eq!(
        (diagnostic.file.as_path(), diagnostic.pointer.as_str()),
        (Path::new("b.json"), "/x/title")
    );
}

#[test]
fn keys_next_to_a_ref_need_an_object_target() {
    let spec = swagger(json!({"definitions": {"A": {"$ref": "b.json#/list", "description": "d"}}}));
    let diagnostic = err(&[("a.json", spec), ("b.json", json!({"list": [1, 2]}))]);
    assert_eq!(diagnostic.pointer, "/definitions/A");
    assert!(diagnostic.message.contains("is an array"), "{diagnostic}");
}

#[test]
fn external_errors_name_the_referencing_place() {
    let spec = swagger(json!({"definitions": {"A": {"$ref": "../missing/x.json#/definitions/X"}}}));
    let diagnostic = err(&[("dir/a.json", spec.clone())]);
    assert_eq!(
        (diagnostic.file.as_path(), diagnostic.pointer.as_str()),
        (Path::new("dir/a.json"), "/definitions/A")
    );
    assert!(
        diagnostic.message.starts_with("cannot read `missing/x.json`"),
        "{diagnostic}"
    );
    assert!(diagnostic.line_col.is_some());

    let diagnostic = err(&[("dir/a.json", spec), ("missing/x.json", json!({"definitions": {}}))]);
    assert_eq!(diagnostic.pointer, "/definitions/A");
    assert_eq!(
        diagnostic.message,
        "`$ref` target `../missing/x.json#/definitions/X` does not exist (`missing/x.json` has no `#/definitions/X`)"
    );

    let texts = [
        (
            "a.json",
            serde_json::to_string(&swagger(json!({"definitions": {"A": {"$ref": "b.json"}}}))).unwrap_or_default(),
        ),
        ("b.json", "{\n  \"x\": ".to_owned()),
    ];
    let diagnostic = Memory::new(&texts).load("a.json").unwrap_err();
    assert_eq!(
        (diagnostic.file.as_path(), diagnostic.line_col),
        (Path::new("b.json"), Some((2, 7)))
    );
    assert!(
        diagnostic.message.contains("referenced from a.json#/definitions/A"),
        "{diagnostic}"
    );
}

#[test]
fn reference_cycles_are_reported() {
    let spec = swagger(json!({"definitions": {"A": {"$ref": "#/definitions/B"}, "B": {"$ref": "#/definitions/A"}}}));
    let diagnostic = err(&[("a.json", spec)]);
    assert_eq!(
        diagnostic.message,
        "`$ref` cycle: #/definitions/A -> #/definitions/B -> #/definitions/A"
    );
    assert_eq!(diagnostic.pointer, "/definitions/A");

    let spec = swagger(json!({"definitions": {"A": {"$ref": "#/definitions/A"}}}));
    assert_eq!(
        err(&[("a.json", spec)]).message,
        "`$ref` cycle: #/definitions/A -> #/definitions/A"
    );

    // Imported entries that only refer to each other.
    let spec = swagger(json!({"definitions": {"A": {"$ref": "b.json#/definitions/X"}}}));
    let b = json!({"definitions": {"X": {"$ref": "#/definitions/Y"}, "Y": {"$ref": "#/definitions/X"}}});
    let diagnostic = err(&[("a.json", spec), ("b.json", b)]);
    assert_eq!(
        diagnostic.message,
        "`$ref` cycle: #/definitions/X -> #/definitions/Y -> #/definitions/X"
    );
    assert_eq!(diagnostic.file, Path::new("b.json"));

    // Inlining that would never end.
    let spec = swagger(json!({"definitions": {"A": {"$ref": "b.json#/x"}}}));
    let b = json!({"x": {"type": "object", "properties": {"c": {"$ref": "c.json#/y"}}}});
    let c = json!({"y": {"items": {"$ref": "b.json#/x"}}});
    let diagnostic = err(&[("a.json", spec), ("b.json", b), ("c.json", c)]);
    assert_eq!(diagnostic.message, "`$ref` cycle: b.json#/x -> c.json#/y -> b.json#/x");
    assert_eq!(
        (diagnostic.file.as_path(), diagnostic.pointer.as_str()),
        (Path::new("c.json"), "/y/items")
    );

    // A chain of pure references through files.
    let spec = swagger(json!({"definitions": {"A": {"$ref": "b.json#/x"}}}));
    let b = json!({"x": {"$ref": "#/y"}, "y": {"$ref": "#/x"}});
    assert_eq!(
        err(&[("a.json", spec), ("b.json", b)]).message,
        "`$ref` cycle: b.json#/x -> b.json#/y -> b.json#/x"
    );
}

#[test]
fn recursive_schemas_load() {
    let node = json!({"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/definitions/Node"}}}});
    let spec = swagger(json!({"definitions": {"Node": node.clone()}}));
    assert_eq!(ok(&[("a.json", spec.clone())]).document, spec);

    let spec = swagger(json!({"definitions": {"Tree": {"$ref": "nodes.json#/definitions/Node"}}}));
    let bundle = ok(&[
        ("a.json", spec),
        ("nodes.json", json!({"definitions": {"Node": node.clone()}})),
    ]);
    assert_eq!(
        bundle.document["definitions"],
        json!({"Tree": {"$ref": "#/definitions/Node"}, "Node": node})
    );
}

#[test]
fn examples_are_left_alone() {
    let examples = json!({"ok": {"$ref": "./examples/missing.json"}, "bad": {"$ref": 5}});
    let spec = swagger(json!({"paths": {"/a": {"get": {"x-ms-examples": examples.clone(), "responses": {}}}}}));
    let bundle = ok(&[("a.json", spec)]);
    assert_eq!(bundle.document["paths"]["/a"]["get"]["x-ms-examples"], examples);
}

#[test]
fn openapi3_components_are_imported() {
    let spec = json!({"openapi": "3.0.1", "paths": {"/a": {"post": {
        "requestBody": {"$ref": "common.yaml#/components/requestBodies/Body"},
        "responses": {"200": {"$ref": "common.yaml#/components/responses/Ok"}}
    }}}});
    let common = "components:\n  requestBodies:\n    Body:\n      content: {}\n  responses:\n    Ok:\n      description: fine\n      content:\n        application/json:\n          schema: {$ref: '#/components/schemas/Thing'}\n  schemas:\n    Thing: {type: object}\n";
    let texts = [
        ("a.json", serde_json::to_string(&spec).unwrap_or_default()),
        ("common.yaml", common.to_owned()),
    ];
    let bundle = Memory::new(&texts).load("a.json").unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(
        bundle.document["components"],
        json!({
            "requestBodies": {"Body": {"content": {}}},
            "responses": {"Ok": {"description": "fine", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}},
            "schemas": {"Thing": {"type": "object"}}
        })
    );
    let diagnostic = bundle.diagnostic("/components/schemas/Thing/type", "x");
    assert_eq!(
        (diagnostic.file.as_path(), diagnostic.line_col),
        (Path::new("common.yaml"), None)
    );
    assert_eq!(
        refs(&bundle.document),
        [
            "#/components/requestBodies/Body",
            "#/components/responses/Ok",
            "#/components/schemas/Thing"
        ]
    );
}

#[test]
fn yaml_root_with_response_code_keys() {
    let text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        200:\n          description: ok\n          schema: {$ref: '#/definitions/A'}\ndefinitions:\n  A: {type: string}\n";
    let bundle = Memory::new(&[("spec.yaml", text.to_owned())])
        .load("spec.yaml")
        .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(
        bundle.document["paths"]["/a"]["get"]["responses"]["200"]["schema"],
        json!({"$ref": "#/definitions/A"})
    );
}

#[test]
fn inlining_cannot_nest_without_bound() {
    // Each file nests 100 levels, then refers to the next one: 400 levels in all.
    let nested = |next: Option<&str>| {
        let mut value = next.map_or(json!({}), |next| json!({"$ref": next}));
        for _ in 0..100 {
            value = json!({"a": value});
        }
        value
    };
    let spec = swagger(json!({"definitions": {"A": {"$ref": "b.json"}}}));
    let files = [
        ("a.json", spec),
        ("b.json", nested(Some("c.json"))),
        ("c.json", nested(Some("d.json"))),
        ("d.json", nested(Some("e.json"))),
        ("e.json", nested(None)),
    ];
    let diagnostic = err(&files);
    assert!(
        diagnostic.message.contains("nested more than 256 levels"),
        "{diagnostic}"
    );
    assert_eq!(diagnostic.file, Path::new("d.json"));
}

#[test]
fn exponential_inlining_is_stopped() {
    let mut levels = serde_json::Map::new();
    for level in 0..20 {
        let next = format!("#/l{}", level + 1);
        levels.insert(format!("l{level}"), json!([{"$ref": next}, {"$ref": next}]));
    }
    levels.insert("l20".to_owned(), json!({}));
    let spec = swagger(json!({"definitions": {"A": {"$ref": "e.json#/l0"}}}));
    let diagnostic = err(&[("a.json", spec), ("e.json", Value::Object(levels))]);
    assert!(
        diagnostic.message.contains("more than 100000 `$ref`s inlined"),
        "{diagnostic}"
    );
}

#[test]
fn bundles_are_cheap_to_clone_and_print() {
    let bundle = ok(&[("a.json", swagger(json!({})))]);
    let debug = format!("{:?}", bundle.clone());
    assert!(debug.contains("text_len"), "{debug}");
}
