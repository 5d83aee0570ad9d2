//! Bad specs give a clear error naming the file and the JSON pointer of the offending node, never
//! a panic; good ones (recursive types, a UTF-8 BOM, YAML) generate. Also the command line: exit
//! codes, messages, an output folder left untouched on error, `--check`, and determinism.
//!
//! Every test writes its spec files into a fresh folder under the system temp folder, removed again
//! when the test ends.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use codegen::model::TypeRef;
use codegen::{Config, Diagnostic, Generated};
use serde_json::{json, Value};

/// The minimal valid Swagger 2.0 spec that the cases vary.
const BASE: &str = r##"{"swagger":"2.0","info":{"title":"Widget Service","version":"1.0"},"host":"example.com","paths":{"/widgets/{id}":{"get":{"operationId":"Widgets_Get","parameters":[{"name":"id","in":"path","required":true,"type":"string"}],"responses":{"200":{"description":"ok","schema":{"$ref":"#/definitions/Widget"}},"default":{"description":"error","schema":{"$ref":"#/definitions/Error"}}}}}},"definitions":{"Widget":{"type":"object","properties":{"name":{"type":"string"}}},"Error":{"type":"object","properties":{"message":{"type":"string"}}}}}"##;

/// The pointer of the base spec's one operation.
const GET: &str = "/paths/~1widgets~1{id}/get";

// ----- helpers ---------------------------------------------------------------------------------

/// A fresh folder under the system temp folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "azure-rest-codegen-diagnostics-{}-{n}-{label}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        TempDir(path)
    }

    /// Writes `contents` to `name` (relative, folders created) and returns its path.
    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        path
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn base() -> Value {
    serde_json::from_str(BASE).expect("the base spec is JSON")
}

/// The base spec changed by `edit`.
fn base_with(edit: impl FnOnce(&mut Value)) -> Value {
    let mut spec = base();
    edit(&mut spec);
    spec
}

/// The node at `pointer` of `value`, which must exist.
#[track_caller]
fn at<'a>(value: &'a mut Value, pointer: &str) -> &'a mut Value {
    value
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no node at #{pointer}"))
}

/// Pretty-printed, so that every node has a line of its own and `line_col` can be checked.
fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap()
}

/// Generates `spec`, turning a panic into a test failure that says so.
fn generate(spec: &Path) -> Result<Generated, Diagnostic> {
    match catch_unwind(AssertUnwindSafe(|| Config::new().generate(spec))) {
        Ok(result) => result,
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!(
                "generate({}) panicked instead of returning a Diagnostic: {message}",
                spec.display()
            )
        }
    }
}

#[track_caller]
fn expect_err(spec: &Path) -> Diagnostic {
    match generate(spec) {
        Ok(generated) => panic!(
            "{}: expected a Diagnostic, but it generated {}",
            spec.display(),
            generated.summary()
        ),
        Err(diagnostic) => {
            eprintln!("diagnostic: {diagnostic}");
            diagnostic
        }
    }
}

#[track_caller]
fn expect_ok(spec: &Path) -> Generated {
    match generate(spec) {
        Ok(generated) => {
            eprintln!("generated: {}", generated.summary());
            generated
        }
        Err(diagnostic) => panic!("expected success, got: {diagnostic}"),
    }
}

/// Generates `spec`, expecting success with exactly one warning, which it returns.
#[track_caller]
fn expect_warning(spec: &Path) -> Diagnostic {
    let generated = expect_ok(spec);
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    let warning = generated.warnings[0].clone();
    assert!(warning.is_warning(), "{warning}");
    assert!(generated.summary().contains("1 warnings"), "{}", generated.summary());
    eprintln!("warning: {warning}");
    warning
}

/// Checks the file (by name), the pointer, and that the message has every one of `words`.
#[track_caller]
fn check(d: &Diagnostic, file_name: &str, pointer: &str, words: &[&str]) {
    assert!(
        d.file.file_name().is_some_and(|n| n == file_name),
        "file should end with `{file_name}`: {d}"
    );
    assert_eq!(d.pointer, pointer, "pointer of: {d}");
    for word in words {
        assert!(d.message.contains(word), "message should contain `{word}`: {d}");
    }
    let shown = d.to_string();
    assert!(
        shown.contains(&format!(": #{pointer}: ")),
        "Display `{shown}` should show #{pointer}"
    );
    assert!(
        shown.starts_with(&d.file.display().to_string()),
        "Display `{shown}` should start with the file"
    );
}

/// Checks that `line_col` is given and that the text of `file` has `expected` starting there
/// (the value at the pointer, or the place of a syntax error).
#[track_caller]
fn check_line_col(d: &Diagnostic, text: &str, expected: &str) {
    let Some((line, col)) = d.line_col else {
        panic!("line_col should be known for a JSON file: {d}");
    };
    let line_text = text
        .lines()
        .nth(line - 1)
        .unwrap_or_else(|| panic!("no line {line}: {d}"));
    let rest: String = line_text.chars().skip(col - 1).collect();
    assert!(
        rest.starts_with(expected),
        "at {line}:{col} the text is `{rest}`, expected `{expected}`: {d}"
    );
    assert!(
        d.to_string().contains(&format!(":{line}:{col}: #")),
        "Display shows line and column: {d}"
    );
}

/// Writes `spec` pretty-printed as `spec.json`, expects a Diagnostic at `pointer` of that file
/// whose line and column show `line_start`.
#[track_caller]
fn expect_at(spec: &Value, pointer: &str, words: &[&str], line_start: &str) -> Diagnostic {
    let dir = TempDir::new("case");
    let text = pretty(spec);
    let path = dir.write("spec.json", &text);
    let d = expect_err(&path);
    check(&d, "spec.json", pointer, words);
    check_line_col(&d, &text, line_start);
    d
}

/// Like [`expect_at`], for a warning: generation succeeds and reports it.
#[track_caller]
fn expect_warning_at(spec: &Value, pointer: &str, words: &[&str], line_start: &str) -> Diagnostic {
    let dir = TempDir::new("case");
    let text = pretty(spec);
    let path = dir.write("spec.json", &text);
    let d = expect_warning(&path);
    check(&d, "spec.json", pointer, words);
    check_line_col(&d, &text, line_start);
    d
}

// ----- files that cannot be read as a spec ----------------------------------------------------

#[test]
fn truncated_json() {
    let dir = TempDir::new("truncated");
    let path = dir.write("spec.json", r#"{"swagger": "2.0", "paths": {"#);
    let d = expect_err(&path);
    check(&d, "spec.json", "", &["invalid JSON", "EOF"]);
    let (line, col) = d.line_col.expect("a JSON syntax error has a line and column");
    assert_eq!(line, 1, "{d}");
    assert!(col >= 29, "the error is at the end of the 29-character text: {d}");
}

#[test]
fn truncated_json_over_several_lines() {
    let dir = TempDir::new("truncated-lines");
    let path = dir.write("spec.json", "{\n  \"swagger\": \"2.0\",\n  \"paths\": {\n    \"/a\": ");
    let d = expect_err(&path);
    check(&d, "spec.json", "", &["invalid JSON"]);
    assert_eq!(d.line_col.map(|(line, _)| line), Some(4), "{d}");
}

#[test]
fn plain_garbage_is_a_yaml_error() {
    // Not starting with `{` or `[`, so it is read as YAML, which it is not either.
    let dir = TempDir::new("garbage");
    let path = dir.write("spec.json", "not: [valid");
    let d = expect_err(&path);
    check(&d, "spec.json", "", &["invalid YAML"]);
    assert!(d.line_col.is_some(), "the YAML parser tells where: {d}");
}

#[test]
fn garbage_that_parses_as_a_yaml_string_is_not_a_spec() {
    let dir = TempDir::new("word");
    let path = dir.write("spec.json", "hello world");
    let d = expect_err(&path);
    check(&d, "spec.json", "", &["root must be an object", "string"]);
}

#[test]
fn json_array_is_not_a_spec() {
    let dir = TempDir::new("array");
    let path = dir.write("spec.json", "[1, 2]");
    let d = expect_err(&path);
    check(&d, "spec.json", "", &["root must be an object", "array"]);
    assert_eq!(d.line_col, Some((1, 1)), "{d}");
}

#[test]
fn empty_file() {
    let dir = TempDir::new("empty");
    let path = dir.write("spec.json", "");
    let d = expect_err(&path);
    check(&d, "spec.json", "", &["empty"]);
}

#[test]
fn blank_file_with_bom() {
    let dir = TempDir::new("blank");
    let path = dir.write("spec.json", b"\xEF\xBB\xBF \n\t\n");
    let d = expect_err(&path);
    check(&d, "spec.json", "", &["empty"]);
}

#[test]
fn missing_root_file() {
    let dir = TempDir::new("missing-root");
    let d = expect_err(&dir.path().join("nothing-here.json"));
    check(&d, "nothing-here.json", "", &["cannot read"]);
}

#[test]
fn wrong_swagger_version() {
    let spec = base_with(|s| *at(s, "/swagger") = json!("1.2"));
    expect_at(&spec, "/swagger", &["unsupported", "1.2", "2.0"], "\"1.2\"");
}

#[test]
fn no_version_at_all() {
    let spec = base_with(|s| {
        s.as_object_mut().unwrap().remove("swagger");
    });
    expect_at(&spec, "", &["swagger", "openapi"], "{");
}

// ----- references -------------------------------------------------------------------------------

#[test]
fn missing_ref_target_in_the_same_file() {
    let spec = base_with(|s| {
        *at(s, &format!("{GET}/responses/200/schema")) = json!({"$ref": "#/definitions/Missing"});
    });
    expect_at(
        &spec,
        &format!("{GET}/responses/200/schema"),
        &["#/definitions/Missing", "does not exist"],
        "{",
    );
}

#[test]
fn missing_ref_target_in_a_definition_property() {
    let spec = base_with(|s| {
        *at(s, "/definitions/Widget/properties/name") = json!({"$ref": "#/definitions/Nope"});
    });
    expect_at(
        &spec,
        "/definitions/Widget/properties/name",
        &["#/definitions/Nope", "does not exist"],
        "{",
    );
}

#[test]
fn ref_to_a_missing_file() {
    let spec = base_with(|s| {
        *at(s, &format!("{GET}/responses/200/schema")) = json!({"$ref": "./absent.json#/definitions/Widget"});
    });
    let d = expect_at(
        &spec,
        &format!("{GET}/responses/200/schema"),
        &["cannot read", "absent.json"],
        "{",
    );
    assert!(
        d.message.contains("./absent.json#/definitions/Widget"),
        "the reference is quoted: {d}"
    );
}

/// The diagnostic names the *referencing* file (and the pointer of the `$ref` node there) in
/// `file`/`pointer`, and the other file and its missing pointer in the message.
#[test]
fn ref_to_a_missing_definition_in_another_file() {
    let dir = TempDir::new("other-file");
    dir.write(
        "common/types.json",
        pretty(
            &json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
                       "definitions": {"Widget": {"type": "object"}}}),
        ),
    );
    let spec = base_with(|s| {
        *at(s, &format!("{GET}/responses/200/schema")) = json!({"$ref": "common/types.json#/definitions/Gadget"});
    });
    let text = pretty(&spec);
    let path = dir.write("spec.json", &text);
    let d = expect_err(&path);
    check(
        &d,
        "spec.json",
        &format!("{GET}/responses/200/schema"),
        &[
            "common/types.json#/definitions/Gadget",
            "does not exist",
            "types.json",
            "has no `#/definitions/Gadget`",
        ],
    );
    check_line_col(&d, &text, "{");
}

/// A broken reference *inside* the other file is reported in that file, at its own pointer.
#[test]
fn missing_definition_referenced_from_within_another_file() {
    let dir = TempDir::new("other-file-inner");
    let other = pretty(&json!({
        "swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "definitions": {
            "Gadget": {"type": "object", "properties": {"part": {"$ref": "#/definitions/Part"}}}
        }
    }));
    dir.write("types.json", &other);
    let spec = base_with(|s| {
        *at(s, &format!("{GET}/responses/200/schema")) = json!({"$ref": "types.json#/definitions/Gadget"});
    });
    let path = dir.write("spec.json", pretty(&spec));
    let d = expect_err(&path);
    check(
        &d,
        "types.json",
        "/definitions/Gadget/properties/part",
        &["#/definitions/Part", "does not exist"],
    );
    check_line_col(&d, &other, "{");
}

#[test]
fn referenced_file_that_is_not_json() {
    let dir = TempDir::new("other-broken");
    dir.write("types.json", "{\"definitions\": {");
    let spec = base_with(|s| {
        *at(s, &format!("{GET}/responses/200/schema")) = json!({"$ref": "types.json#/definitions/Gadget"});
    });
    let path = dir.write("spec.json", pretty(&spec));
    let d = expect_err(&path);
    check(&d, "types.json", "", &["invalid JSON", "spec.json"]);
    assert!(d.line_col.is_some(), "{d}");
}

#[test]
fn ref_cycle_between_two_definitions() {
    let spec = base_with(|s| {
        let definitions = at(s, "/definitions").as_object_mut().unwrap();
        definitions.insert("A".into(), json!({"$ref": "#/definitions/B"}));
        definitions.insert("B".into(), json!({"$ref": "#/definitions/A"}));
        *at(s, &format!("{GET}/responses/200/schema")) = json!({"$ref": "#/definitions/A"});
    });
    let dir = TempDir::new("cycle");
    let text = pretty(&spec);
    let path = dir.write("spec.json", &text);
    let d = expect_err(&path);
    assert!(d.file.ends_with("spec.json"), "{d}");
    assert!(
        d.pointer == "/definitions/A" || d.pointer == "/definitions/B",
        "pointer should be one of the two definitions: {d}"
    );
    assert!(d.message.contains("cycle"), "{d}");
    assert!(
        d.message.contains("#/definitions/A") && d.message.contains("#/definitions/B"),
        "{d}"
    );
    check_line_col(&d, &text, "{");
}

#[test]
fn ref_cycle_between_two_unused_definitions() {
    let spec = base_with(|s| {
        let definitions = at(s, "/definitions").as_object_mut().unwrap();
        definitions.insert("A".into(), json!({"$ref": "#/definitions/B"}));
        definitions.insert("B".into(), json!({"$ref": "#/definitions/A"}));
    });
    let dir = TempDir::new("cycle-unused");
    let text = pretty(&spec);
    let path = dir.write("spec.json", &text);
    let d = expect_err(&path);
    assert!(d.file.ends_with("spec.json"), "{d}");
    assert!(d.pointer == "/definitions/A" || d.pointer == "/definitions/B", "{d}");
    assert!(d.message.contains("cycle"), "{d}");
    check_line_col(&d, &text, "{");
}

#[test]
fn ref_into_a_missing_node_of_another_file() {
    let dir = TempDir::new("missing-node");
    dir.write("a.json", pretty(&json!({"definitions": {"A": {"type": "object"}}})));
    dir.write("b.json", pretty(&json!({"B": {"$ref": "a.json#/definitions/A/x"}})));
    let spec = base_with(|s| {
        *at(s, &format!("{GET}/responses/200/schema")) = json!({"$ref": "b.json#/B"});
    });
    let path = dir.write("spec.json", pretty(&spec));
    let d = expect_err(&path);
    // b.json#/B is inlined, and its own reference is the broken one: reported in b.json.
    check(&d, "b.json", "/B", &["a.json#/definitions/A/x", "does not exist"]);
    assert!(d.line_col.is_some(), "{d}");
}

#[test]
fn ref_cycle_across_two_files() {
    // Both targets are definitions, so both are imported into the root's `definitions`, where
    // they point only at each other.
    let dir = TempDir::new("cycle-files");
    dir.write(
        "a.json",
        pretty(&json!({"definitions": {"A": {"$ref": "b.json#/definitions/B"}}})),
    );
    dir.write(
        "b.json",
        pretty(&json!({"definitions": {"B": {"$ref": "a.json#/definitions/A"}}})),
    );
    let spec = base_with(|s| {
        *at(s, &format!("{GET}/responses/200/schema")) = json!({"$ref": "a.json#/definitions/A"});
    });
    let path = dir.write("spec.json", pretty(&spec));
    let d = expect_err(&path);
    assert!(d.message.contains("cycle"), "{d}");
    let named = d
        .file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    assert!(
        (named == "a.json" && d.pointer == "/definitions/A") || (named == "b.json" && d.pointer == "/definitions/B"),
        "names one of the two definitions in its own file: {d}"
    );
    assert!(d.line_col.is_some(), "{d}");
}

// ----- problems in a referenced file are reported in that file ----------------------------------

/// The base spec with its 200 response pointing at `types.json#/definitions/Gadget`, and
/// `types.json` holding `gadget`.
fn with_gadget(label: &str, gadget: Value) -> (TempDir, PathBuf, String) {
    let dir = TempDir::new(label);
    let types = pretty(&json!({"definitions": {"Gadget": gadget}}));
    dir.write("types.json", &types);
    let spec = base_with(|s| {
        *at(s, &format!("{GET}/responses/200/schema")) = json!({"$ref": "types.json#/definitions/Gadget"});
    });
    let path = dir.write("spec.json", pretty(&spec));
    (dir, path, types)
}

#[test]
fn wrong_type_in_a_referenced_file() {
    let (_dir, path, types) = with_gadget("other-wrong-type", json!({"type": "object", "properties": []}));
    let d = expect_err(&path);
    check(
        &d,
        "types.json",
        "/definitions/Gadget/properties",
        &["properties", "object"],
    );
    check_line_col(&d, &types, "[");
}

#[test]
fn bad_pattern_in_a_referenced_file_is_a_warning() {
    let (_dir, path, types) = with_gadget(
        "other-pattern",
        json!({"type": "object", "properties": {"code": {"type": "string", "pattern": "a{2,1}("}}}),
    );
    let d = expect_warning(&path);
    check(
        &d,
        "types.json",
        "/definitions/Gadget/properties/code/pattern",
        &["pattern", "compile", "not checked"],
    );
    check_line_col(&d, &types, "\"a{2,1}(\"");
}

#[test]
fn missing_ref_in_a_referenced_file_renamed_on_import() {
    // The root has its own, different `Widget`, so the imported one becomes `Widget_1`; its
    // broken reference must still be reported in types.json under its original name.
    let dir = TempDir::new("renamed-import");
    let types = pretty(&json!({"definitions": {
        "Widget": {"type": "object", "properties": {"size": {"type": "integer", "maxLength": "big"}}}
    }}));
    dir.write("types.json", &types);
    let spec = base_with(|s| {
        *at(s, &format!("{GET}/responses/200/schema")) = json!({"$ref": "types.json#/definitions/Widget"});
    });
    let path = dir.write("spec.json", pretty(&spec));
    let d = expect_err(&path);
    check(
        &d,
        "types.json",
        "/definitions/Widget/properties/size/maxLength",
        &["maxLength"],
    );
    check_line_col(&d, &types, "\"big\"");
}

#[test]
fn inline_ref_cycle_between_two_files() {
    // Neither target is a component entry, so both are inlined: a -> b -> a never ends.
    let dir = TempDir::new("inline-cycle");
    dir.write(
        "a.json",
        pretty(&json!({"x": {"type": "object", "properties": {"b": {"$ref": "b.json#/y"}}}})),
    );
    dir.write(
        "b.json",
        pretty(&json!({"y": {"type": "object", "properties": {"a": {"$ref": "a.json#/x"}}}})),
    );
    let spec = base_with(|s| {
        *at(s, &format!("{GET}/responses/200/schema")) = json!({"$ref": "a.json#/x"});
    });
    let path = dir.write("spec.json", pretty(&spec));
    let d = expect_err(&path);
    assert!(d.message.contains("cycle"), "{d}");
    assert!(
        d.file.file_name().is_some_and(|n| n == "a.json" || n == "b.json"),
        "{d}"
    );
    assert!(!d.pointer.is_empty(), "{d}");
}

// ----- wrong types ---------------------------------------------------------------------------------

#[test]
fn required_is_a_string() {
    let spec = base_with(|s| {
        at(s, "/definitions/Widget")
            .as_object_mut()
            .unwrap()
            .insert("required".into(), json!("yes"));
    });
    expect_at(
        &spec,
        "/definitions/Widget/required",
        &["required", "array", "string"],
        "\"yes\"",
    );
}

#[test]
fn properties_is_an_array() {
    let spec = base_with(|s| *at(s, "/definitions/Widget/properties") = json!([]));
    expect_at(
        &spec,
        "/definitions/Widget/properties",
        &["properties", "object", "array"],
        "[",
    );
}

#[test]
fn max_length_is_a_string() {
    let spec = base_with(|s| {
        at(s, "/definitions/Widget/properties/name")
            .as_object_mut()
            .unwrap()
            .insert("maxLength".into(), json!("ten"));
    });
    expect_at(
        &spec,
        "/definitions/Widget/properties/name/maxLength",
        &["maxLength", "integer", "string"],
        "\"ten\"",
    );
}

#[test]
fn max_length_on_a_parameter_is_a_string() {
    let spec = base_with(|s| {
        at(s, &format!("{GET}/parameters/0"))
            .as_object_mut()
            .unwrap()
            .insert("maxLength".into(), json!("ten"));
    });
    expect_at(
        &spec,
        &format!("{GET}/parameters/0/maxLength"),
        &["maxLength"],
        "\"ten\"",
    );
}

#[test]
fn parameter_in_an_unknown_location() {
    let spec = base_with(|s| *at(s, &format!("{GET}/parameters/0/in")) = json!("cookie-jar"));
    expect_at(
        &spec,
        &format!("{GET}/parameters/0/in"),
        &["cookie-jar", "query", "path"],
        "\"cookie-jar\"",
    );
}

#[test]
fn type_is_a_number() {
    let spec = base_with(|s| *at(s, "/definitions/Widget/properties/name/type") = json!(5));
    expect_at(&spec, "/definitions/Widget/properties/name/type", &["type"], "5");
}

#[test]
fn operation_is_a_string() {
    let spec = base_with(|s| *at(s, GET) = json!("nope"));
    expect_at(&spec, GET, &["object", "string"], "\"nope\"");
}

// ----- operations and paths ------------------------------------------------------------------------

#[test]
fn duplicate_operation_ids_across_two_paths() {
    let spec = base_with(|s| {
        let get = at(s, GET).clone();
        at(s, "/paths")
            .as_object_mut()
            .unwrap()
            .insert("/gadgets/{id}".into(), json!({"get": get}));
    });
    let d = expect_at(
        &spec,
        "/paths/~1gadgets~1{id}/get/operationId",
        &["duplicate", "Widgets_Get"],
        "\"Widgets_Get\"",
    );
    assert!(d.message.contains(GET), "names the first one: {d}");
}

#[test]
fn duplicate_operation_ids_in_x_ms_paths() {
    let spec = base_with(|s| {
        let get = at(s, GET).clone();
        s.as_object_mut()
            .unwrap()
            .insert("x-ms-paths".into(), json!({"/widgets/{id}?op=x": {"get": get}}));
    });
    expect_at(
        &spec,
        "/x-ms-paths/~1widgets~1{id}?op=x/get/operationId",
        &["duplicate", "Widgets_Get"],
        "\"Widgets_Get\"",
    );
}

#[test]
fn missing_operation_id() {
    let spec = base_with(|s| {
        at(s, GET).as_object_mut().unwrap().remove("operationId");
    });
    expect_at(&spec, GET, &["operationId"], "{");
}

#[test]
fn path_placeholder_without_a_path_parameter() {
    let spec = base_with(|s| {
        at(s, GET).as_object_mut().unwrap().remove("parameters");
    });
    expect_at(&spec, GET, &["{id}", "/widgets/{id}", "path parameter"], "{");
}

#[test]
fn path_template_with_unbalanced_braces() {
    // Found by the fuzzer: `{a/{id}` once reached the emitter, which panicked on the name.
    for (template, problem) in [
        ("/wid{gets/{id}", "not closed before the next segment"),
        ("/widgets/{{id}", "inside a `{...}`"),
        ("/widgets/{id}}", "without its `{`"),
        ("/widgets/{}/{id}", "empty"),
        ("/widgets/{id}/{x", "never closed"),
    ] {
        let mut spec = base();
        let operation = spec["paths"]["/widgets/{id}"].take();
        spec["paths"] = json!({ template: operation });
        let pointer = format!("/paths/{}/get", template.replace('~', "~0").replace('/', "~1"));
        expect_at(&spec, &pointer, &[template, "not a valid template", problem], "{");
    }
}

#[test]
fn path_placeholder_with_a_query_parameter_of_that_name() {
    let spec = base_with(|s| {
        *at(s, &format!("{GET}/parameters/0/in")) = json!("query");
    });
    expect_at(&spec, GET, &["{id}", "path parameter"], "{");
}

#[test]
fn path_parameter_missing_from_the_path() {
    let spec = base_with(|s| {
        at(s, &format!("{GET}/parameters"))
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "other", "in": "path", "required": true, "type": "string"}));
    });
    expect_at(&spec, GET, &["other", "/widgets/{id}"], "{");
}

#[test]
fn path_without_leading_slash() {
    let spec = base_with(|s| {
        let paths = at(s, "/paths").as_object_mut().unwrap();
        let item = paths.remove("/widgets/{id}").unwrap();
        paths.insert("widgets/{id}".into(), item);
    });
    let d = expect_at(&spec, "/paths/widgets~1{id}", &["/"], "{");
    assert!(d.message.contains("widgets/{id}"), "{d}");
}

#[test]
fn an_operation_with_only_a_default_response_generates_and_every_answer_is_an_error() {
    // AutoRest's reading (its test server relies on it): no documented status means no success.
    let spec = base_with(|s| {
        at(s, &format!("{GET}/responses"))
            .as_object_mut()
            .unwrap()
            .remove("200");
    });
    let dir = TempDir::new("default-only");
    let path = dir.write("spec.json", pretty(&spec));
    let generated = expect_ok(&path);
    let (_, operation) = generated.model.operations().next().unwrap();
    assert!(operation.responses.is_empty());
    assert!(
        operation.error.is_some(),
        "the default response's schema is the error type"
    );
}

// ----- patterns ----------------------------------------------------------------------------------

#[test]
fn pattern_that_is_not_a_regex_on_a_property_is_a_warning() {
    let spec = base_with(|s| {
        at(s, "/definitions/Widget/properties/name")
            .as_object_mut()
            .unwrap()
            .insert("pattern".into(), json!("[a-"));
    });
    expect_warning_at(
        &spec,
        "/definitions/Widget/properties/name/pattern",
        &["pattern", "compile", "not checked"],
        "\"[a-\"",
    );
}

#[test]
fn pattern_that_is_not_a_regex_on_a_parameter_is_a_warning() {
    let spec = base_with(|s| {
        at(s, &format!("{GET}/parameters/0"))
            .as_object_mut()
            .unwrap()
            .insert("pattern".into(), json!("(unclosed"));
    });
    expect_warning_at(
        &spec,
        &format!("{GET}/parameters/0/pattern"),
        &["pattern", "compile", "not checked"],
        "\"(unclosed\"",
    );
}

#[test]
fn pattern_that_is_not_a_regex_on_a_global_parameter_is_a_warning() {
    let spec = base_with(|s| {
        s.as_object_mut().unwrap().insert(
            "parameters".into(),
            json!({"Filter": {"name": "filter", "in": "query", "type": "string", "pattern": "*bad",
                             "x-ms-parameter-location": "method"}}),
        );
        at(s, &format!("{GET}/parameters"))
            .as_array_mut()
            .unwrap()
            .push(json!({"$ref": "#/parameters/Filter"}));
    });
    expect_warning_at(
        &spec,
        "/parameters/Filter/pattern",
        &["pattern", "compile", "not checked"],
        "\"*bad\"",
    );
}

/// The base spec with `Widget.code` set to `code` and a string definition `Code` with `pattern`
/// (and `maxLength: 5`).
fn with_code(code: Value, pattern: &str) -> Value {
    base_with(|s| {
        at(s, "/definitions/Widget/properties")
            .as_object_mut()
            .unwrap()
            .insert("code".into(), code);
        at(s, "/definitions").as_object_mut().unwrap().insert(
            "Code".into(),
            json!({"type": "string", "pattern": pattern, "maxLength": 5}),
        );
    })
}

#[test]
fn pattern_that_is_not_a_regex_on_a_referenced_definition_is_a_warning() {
    let spec = with_code(json!({"$ref": "#/definitions/Code"}), "[z-a]");
    expect_warning_at(
        &spec,
        "/definitions/Code/pattern",
        &["pattern", "compile", "not checked"],
        "\"[z-a]\"",
    );
}

#[test]
fn pattern_that_is_not_a_regex_next_to_a_ref_is_a_warning() {
    // A `$ref` with siblings becomes `allOf: [$ref]` in OpenAPI 3; the pattern still applies.
    let spec = with_code(json!({"$ref": "#/definitions/Code", "description": "a code"}), "[z-a]");
    expect_warning_at(
        &spec,
        "/definitions/Code/pattern",
        &["pattern", "compile", "not checked"],
        "\"[z-a]\"",
    );
}

/// A spec whose get returns a page of `value`s (as `value_schema` says) with a next link.
fn pageable_with_items(value_schema: Value) -> Value {
    base_with(|s| {
        at(s, GET).as_object_mut().unwrap().insert(
            "x-ms-pageable".into(),
            json!({"itemName": "value", "nextLinkName": "nextLink"}),
        );
        *at(s, "/definitions/Widget") = json!({
            "type": "object",
            "properties": {"value": value_schema, "nextLink": {"type": "string"}}
        });
    })
}

#[test]
fn an_item_name_naming_a_property_without_a_type_is_a_warning_and_items_are_json_values() {
    let spec = pageable_with_items(json!({"description": "The widgets."}));
    let dir = TempDir::new("untyped-items");
    let text = pretty(&spec);
    let generated = expect_ok(&dir.write("spec.json", &text));
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    let warning = &generated.warnings[0];
    check(
        warning,
        "spec.json",
        &format!("{GET}/x-ms-pageable"),
        &["`value`", "itemName", "no type", "untyped JSON values"],
    );
    check_line_col(warning, &text, "{");
    // The page's items are an array of JSON values, and the operation is paged over them.
    let widget = generated
        .model
        .schemas
        .iter()
        .find(|s| s.spec_name == "Widget")
        .unwrap();
    let codegen::model::SchemaKind::Struct { fields } = &widget.kind else {
        panic!("{widget:?}");
    };
    let value = fields.iter().find(|f| f.wire_name == "value").unwrap();
    assert_eq!(value.ty, TypeRef::Array(Box::new(TypeRef::Any)));
    let (_, op) = generated.model.operations().next().unwrap();
    assert!(
        matches!(op.kind, codegen::model::OperationKind::Paged(_)),
        "{:?}",
        op.kind
    );
}

#[test]
fn a_pageable_xml_operation_is_a_warning_and_a_plain_call() {
    let mut spec = pageable_with_items(json!({"type": "array", "items": {"type": "string"}}));
    at(&mut spec, GET)
        .as_object_mut()
        .unwrap()
        .insert("produces".into(), json!(["application/xml"]));
    let dir = TempDir::new("xml-pageable");
    let text = pretty(&spec);
    let generated = expect_ok(&dir.write("spec.json", &text));
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    check(
        &generated.warnings[0],
        "spec.json",
        &format!("{GET}/x-ms-pageable"),
        &["XML operation", "one page", "marker"],
    );
    let (_, op) = generated.model.operations().next().unwrap();
    assert!(matches!(op.kind, codegen::model::OperationKind::Plain), "{:?}", op.kind);
    assert!(matches!(op.response_kind(), codegen::model::ResponseKind::Xml { .. }));
}

#[test]
fn an_item_name_naming_a_property_of_another_type_is_still_an_error() {
    // A string is not a list of anything: paging over it would be wrong code.
    expect_at(
        &pageable_with_items(json!({"type": "string"})),
        &format!("{GET}/x-ms-pageable"),
        &["no array property `value`", "itemName"],
        "{",
    );
}

#[test]
fn an_xml_body_whose_type_has_no_xml_form_is_a_warning_and_stays_bytes() {
    let spec = base_with(|s| {
        at(s, GET)
            .as_object_mut()
            .unwrap()
            .insert("produces".into(), json!(["application/xml"]));
        *at(s, &format!("{GET}/responses/200/schema")) = json!({"type": "string"});
    });
    expect_warning_at(
        &spec,
        &format!("{GET}/responses/200/schema"),
        &["XML body", "no XML form", "bytes"],
        "{",
    );
    let dir = TempDir::new("xml-no-form");
    let generated = expect_ok(&dir.write("spec.json", pretty(&spec)));
    let (_, op) = generated.model.operations().next().unwrap();
    assert_eq!(op.response_kind(), codegen::model::ResponseKind::Binary);
}

/// A spec whose path parameter `id` has `pattern`.
fn with_id_pattern(pattern: &str) -> Value {
    base_with(|s| {
        at(s, &format!("{GET}/parameters/0"))
            .as_object_mut()
            .unwrap()
            .insert("pattern".into(), json!(pattern));
    })
}

#[test]
fn ecma_patterns_the_plain_engine_lacks_are_checked_by_the_full_one_without_a_warning() {
    use codegen::model::{PatternEngine, RuntimeFeature};
    let cases = [
        ("^[a-z0-9-]+$", PatternEngine::Plain),
        (r"^\d{3}$", PatternEngine::Plain),
        ("^(?!-)[a-z-]+$", PatternEngine::Full),
        ("^[a-z]+(?<!-)$", PatternEngine::Full),
        ("^[a-z]([a-z]|(?<=[a-z])-)*$", PatternEngine::Full),
        (r"^(a)\1$", PatternEngine::Full),
        (r"^(?<c>a)\k<c>$", PatternEngine::Full),
        (r"^\p{L}+$", PatternEngine::Full),
    ];
    for (pattern, engine) in cases {
        let dir = TempDir::new("ecma-pattern");
        let generated = expect_ok(&dir.write("spec.json", pretty(&with_id_pattern(pattern))));
        assert!(generated.warnings.is_empty(), "{pattern}: {:?}", generated.warnings);
        let (_, op) = generated.model.operations().next().unwrap();
        let checked = op.parameters[0].checked_pattern().expect(pattern);
        assert_eq!((checked.source.as_str(), checked.engine), (pattern, engine));
        let features = generated.model.runtime_features();
        let manifest = &generated
            .files
            .iter()
            .find(|f| f.path == "Cargo.toml")
            .unwrap()
            .contents;
        let client = generated
            .files
            .iter()
            .find(|f| f.path == "src/operations/widgets.rs")
            .unwrap();
        if engine == PatternEngine::Full {
            assert_eq!(features, [RuntimeFeature::EcmaRegex]);
            // An embedding crate turns the feature on by default; its runtime checks with it.
            assert!(manifest.contains("\ndefault = [\"ecma-regex\"]\n"), "{manifest}");
            assert!(client.contents.contains(".ecma_pattern("), "{}", client.contents);
        } else {
            assert!(features.is_empty(), "{pattern}: {features:?}");
            assert!(!manifest.contains("default ="), "{manifest}");
            assert!(client.contents.contains(".pattern("), "{}", client.contents);
        }
    }
}

#[test]
fn a_crate_on_the_runtime_crate_asks_it_for_the_feature_its_patterns_need() {
    let dir = TempDir::new("ecma-pattern-runtime-crate");
    let spec = dir.write("spec.json", pretty(&with_id_pattern("^(?!-)[a-z-]+$")));
    let manifest = |runtime: codegen::Runtime| {
        let generated = Config::new().runtime(runtime).generate(&spec).unwrap();
        generated
            .files
            .into_iter()
            .find(|f| f.path == "Cargo.toml")
            .unwrap()
            .contents
    };
    let path = manifest(codegen::Runtime::Path("../runtime".into()));
    assert!(
        path.contains("azure-rest-runtime = { path = \"../runtime\", features = [\"ecma-regex\"] }"),
        "{path}"
    );
    let version = manifest(codegen::Runtime::Version("0.1.2".into()));
    assert!(
        version.contains("azure-rest-runtime = { version = \"0.1.2\", features = [\"ecma-regex\"] }"),
        "{version}"
    );
}

#[test]
fn a_pattern_neither_engine_compiles_is_a_warning() {
    // An unbalanced look-ahead: neither engine compiles it.
    let spec = with_id_pattern("^(?=a");
    expect_warning_at(
        &spec,
        &format!("{GET}/parameters/0/pattern"),
        &["pattern", "compile", "not checked"],
        "\"^(?=a\"",
    );
}

/// The constraints of `Widget.code` in the model.
fn code_constraints(generated: &Generated) -> codegen::model::Constraints {
    let widget = generated
        .model
        .schemas
        .iter()
        .find(|s| s.spec_name == "Widget")
        .expect("Widget");
    let codegen::model::SchemaKind::Struct { fields } = &widget.kind else {
        panic!("Widget is a struct: {widget:?}");
    };
    fields
        .iter()
        .find(|f| f.wire_name == "code")
        .expect("code")
        .constraints
        .clone()
}

#[test]
fn constraints_of_a_referenced_definition_apply() {
    let dir = TempDir::new("constraints-ref");
    let spec = with_code(json!({"$ref": "#/definitions/Code"}), "^[a-z]+$");
    let generated = expect_ok(&dir.write("spec.json", pretty(&spec)));
    let c = code_constraints(&generated);
    assert_eq!(c.pattern.map(|p| p.source).as_deref(), Some("^[a-z]+$"));
    assert_eq!(c.max_length, Some(5));
}

#[test]

fn constraints_of_a_definition_referenced_with_siblings_apply() {
    let dir = TempDir::new("constraints-ref-siblings");
    let spec = with_code(
        json!({"$ref": "#/definitions/Code", "description": "a code"}),
        "^[a-z]+$",
    );
    let generated = expect_ok(&dir.write("spec.json", pretty(&spec)));
    let c = code_constraints(&generated);
    assert_eq!(c.pattern.as_ref().map(|p| p.source.as_str()), Some("^[a-z]+$"), "{c:?}");
    assert_eq!(c.max_length, Some(5), "{c:?}");
}

#[test]
fn pattern_that_is_not_a_regex_in_an_inline_response_schema_is_a_warning() {
    let spec = base_with(|s| {
        *at(s, &format!("{GET}/responses/200/schema")) =
            json!({"type": "object", "properties": {"code": {"type": "string", "pattern": "(?<"}}});
    });
    expect_warning_at(
        &spec,
        &format!("{GET}/responses/200/schema/properties/code/pattern"),
        &["pattern", "compile", "not checked"],
        "\"(?<\"",
    );
}

#[test]
fn pattern_that_is_not_a_regex_in_a_body_parameter_is_a_warning() {
    let spec = base_with(|s| {
        let put = json!({
            "operationId": "Widgets_Put",
            "parameters": [
                {"name": "id", "in": "path", "required": true, "type": "string"},
                {"name": "body", "in": "body", "required": true,
                 "schema": {"type": "object", "properties": {"code": {"type": "string", "pattern": "a)"}}}}
            ],
            "responses": {"200": {"description": "ok"}}
        });
        at(s, "/paths/~1widgets~1{id}")
            .as_object_mut()
            .unwrap()
            .insert("put".into(), put);
    });
    expect_warning_at(
        &spec,
        "/paths/~1widgets~1{id}/put/parameters/1/schema/properties/code/pattern",
        &["pattern", "compile", "not checked"],
        "\"a)\"",
    );
}

#[test]
fn negative_max_length() {
    let spec = base_with(|s| {
        at(s, "/definitions/Widget/properties/name")
            .as_object_mut()
            .unwrap()
            .insert("maxLength".into(), json!(-1));
    });
    expect_at(
        &spec,
        "/definitions/Widget/properties/name/maxLength",
        &["maxLength", "non-negative"],
        "-1",
    );
}

#[test]
fn pattern_that_is_not_a_string() {
    let spec = base_with(|s| {
        at(s, "/definitions/Widget/properties/name")
            .as_object_mut()
            .unwrap()
            .insert("pattern".into(), json!(7));
    });
    expect_at(&spec, "/definitions/Widget/properties/name/pattern", &["pattern"], "7");
}

// ----- problems found after conversion name the Swagger node -------------------------------------
//
// The model stage reads the converted OpenAPI 3 document; the converter recorded where each of
// its nodes came from, so these name the node the user wrote, in every place where the two
// documents part ways.

/// The base spec with a `PUT /widgets/{id}` whose path-level parameter is a global `$ref`, taking
/// a body and then `extra` (so a parameter's index differs between the two documents).
fn with_put(extra: Value) -> Value {
    base_with(|s| {
        s.as_object_mut().unwrap().insert(
            "parameters".into(),
            json!({"Id": {"name": "id", "in": "path", "required": true, "type": "string",
                          "x-ms-parameter-location": "method"}}),
        );
        let item = at(s, "/paths/~1widgets~1{id}").as_object_mut().unwrap();
        item.insert("parameters".into(), json!([{"$ref": "#/parameters/Id"}]));
        item.insert(
            "put".into(),
            json!({
                "operationId": "Widgets_Put",
                "parameters": [
                    {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Widget"}},
                    extra
                ],
                "responses": {"200": {"description": "ok"}}
            }),
        );
    })
}

#[test]
fn pattern_on_an_operation_parameter_after_a_body_and_a_path_level_parameter() {
    // OpenAPI 3 `parameters/1` of the operation (the path-level `id` first, the body gone).
    let spec = with_put(json!({"name": "q", "in": "query", "type": "string", "pattern": "q("}));
    expect_warning_at(
        &spec,
        "/paths/~1widgets~1{id}/put/parameters/1/pattern",
        &["pattern", "compile", "not checked"],
        "\"q(\"",
    );
}

#[test]
fn pattern_on_a_global_parameter_referenced_at_the_path_level() {
    let mut spec = with_put(json!({"name": "q", "in": "query", "type": "string"}));
    at(&mut spec, "/parameters/Id")
        .as_object_mut()
        .unwrap()
        .insert("pattern".into(), json!("id("));
    expect_warning_at(
        &spec,
        "/parameters/Id/pattern",
        &["pattern", "compile", "not checked"],
        "\"id(\"",
    );
}

#[test]
fn global_parameter_of_the_parameterized_host() {
    let spec = base_with(|s| {
        let root = s.as_object_mut().unwrap();
        root.insert(
            "x-ms-parameterized-host".into(),
            json!({"hostTemplate": "{Endpoint}", "useSchemePrefix": false,
                   "parameters": [{"$ref": "#/parameters/Endpoint"}]}),
        );
        root.insert(
            "parameters".into(),
            json!({"Endpoint": {"name": "Endpoint", "in": "path", "required": true, "type": "integer",
                                "x-ms-parameter-location": "client"}}),
        );
    });
    expect_at(
        &spec,
        "/parameters/Endpoint/type",
        &["Endpoint", "must be a string"],
        "\"integer\"",
    );
}

#[test]
fn response_header_items_with_an_unsupported_ref() {
    let spec = base_with(|s| {
        at(s, &format!("{GET}/responses/200")).as_object_mut().unwrap().insert(
            "headers".into(),
            json!({"X-Ids": {"type": "array", "items": {"$ref": "#/definitions/Widget/properties/name"}}}),
        );
    });
    expect_at(
        &spec,
        &format!("{GET}/responses/200/headers/X-Ids/items"),
        &["unsupported `$ref`", "#/components/schemas/Widget/properties/name"],
        "{",
    );
}

#[test]
fn pattern_on_a_nested_property() {
    let spec = base_with(|s| {
        at(s, "/definitions/Widget/properties").as_object_mut().unwrap().insert(
            "inner".into(),
            json!({"type": "object", "properties": {"deeper": {"type": "object",
                   "properties": {"code": {"type": "string", "pattern": "[z-a]"}}}}}),
        );
    });
    expect_warning_at(
        &spec,
        "/definitions/Widget/properties/inner/properties/deeper/properties/code/pattern",
        &["pattern", "compile", "not checked"],
        "\"[z-a]\"",
    );
}

#[test]
fn pattern_on_a_property_of_an_all_of_member_next_to_a_ref() {
    // `{$ref, description, allOf: [m]}` becomes `{allOf: [{$ref}, m], description}`: the model's
    // `allOf/1` is the Swagger `allOf/0`.
    let spec = base_with(|s| {
        at(s, "/definitions/Widget/properties").as_object_mut().unwrap().insert(
            "part".into(),
            json!({"$ref": "#/definitions/Error", "description": "A part.",
                   "allOf": [{"properties": {"code": {"type": "string", "pattern": "(?<"}}}]}),
        );
    });
    expect_warning_at(
        &spec,
        "/definitions/Widget/properties/part/allOf/0/properties/code/pattern",
        &["pattern", "compile", "not checked"],
        "\"(?<\"",
    );
}

#[test]
fn pattern_in_a_global_body_parameter_offered_in_a_second_media_type() {
    // The operation references `components.requestBodies.Body`, whose schema is converted once
    // (for `text/plain`, where what lies inside it is recorded) and offered for
    // `application/json` too, which the model reads; inside, a `$ref` with siblings is wrapped in
    // `allOf`, so the model's `allOf/1` is the Swagger `allOf/0`.
    let mut spec = with_put(json!({"$ref": "#/parameters/Body"}));
    let root = spec.as_object_mut().unwrap();
    root.insert("consumes".into(), json!(["text/plain", "application/json"]));
    at(&mut spec, "/parameters").as_object_mut().unwrap().insert(
        "Body".into(),
        json!({"name": "payload", "in": "body", "required": true, "x-ms-parameter-location": "method",
        "schema": {"type": "object", "properties": {"part": {
            "$ref": "#/definitions/Error", "description": "A part.",
            "allOf": [{"properties": {"code": {"type": "string", "pattern": "b("}}}]
        }}}}),
    );
    // Only the global body: the inline one goes.
    at(&mut spec, "/paths/~1widgets~1{id}/put/parameters")
        .as_array_mut()
        .unwrap()
        .remove(0);
    expect_warning_at(
        &spec,
        "/parameters/Body/schema/properties/part/allOf/0/properties/code/pattern",
        &["pattern", "compile", "not checked"],
        "\"b(\"",
    );
}

/// The base spec with a multipart `POST /widgets/{id}` taking `fields` as formData parameters
/// and the global parameters `globals`.
fn with_form(fields: Value, globals: Value) -> Value {
    base_with(|s| {
        s.as_object_mut().unwrap().insert("parameters".into(), globals);
        let mut parameters = vec![json!({"name": "id", "in": "path", "required": true, "type": "string"})];
        parameters.extend(fields.as_array().unwrap().iter().cloned());
        at(s, "/paths/~1widgets~1{id}").as_object_mut().unwrap().insert(
            "post".into(),
            json!({"operationId": "Widgets_Upload", "consumes": ["multipart/form-data"],
                   "parameters": parameters, "responses": {"200": {"description": "ok"}}}),
        );
    })
}

#[test]
fn form_data_parameter_holding_several_files_is_one_part_per_file() {
    // AutoRest takes it (body-formdata's `uploadFiles`), so it is no error any more: a list of
    // files, sent as one part each (`tests/` of the test server covers the sending).
    let spec = with_form(
        json!([{"name": "note", "in": "formData", "type": "string"},
               {"name": "files", "in": "formData", "type": "array", "items": {"type": "file"}}]),
        json!({}),
    );
    let dir = TempDir::new("several-files");
    let generated = expect_ok(&dir.write("spec.json", pretty(&spec)));
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let op = generated
        .model
        .operations()
        .map(|(_, op)| op)
        .find(|op| op.id == "Widgets_Upload")
        .unwrap();
    let files = op.parameters.iter().find(|p| p.wire_name == "files").unwrap();
    assert_eq!(files.ty, TypeRef::Array(Box::new(TypeRef::Binary)));
    assert_eq!(files.collection_format, None, "several parts, not one joined value");
    let client = generated
        .files
        .iter()
        .find(|f| f.path == "src/operations/widgets.rs")
        .unwrap();
    assert!(client.contents.contains(".files(\"files\""), "{}", client.contents);
}

#[test]
fn pattern_on_a_global_form_data_parameter() {
    let spec = with_form(
        json!([{"$ref": "#/parameters/Note"}]),
        json!({"Note": {"name": "note", "in": "formData", "type": "string", "pattern": "n("}}),
    );
    expect_warning_at(
        &spec,
        "/parameters/Note/pattern",
        &["pattern", "compile", "not checked"],
        "\"n(\"",
    );
}

#[test]
fn security_requirement_naming_no_scheme() {
    let spec = base_with(|s| {
        let root = s.as_object_mut().unwrap();
        root.insert(
            "securityDefinitions".into(),
            json!({"key": {"type": "apiKey", "in": "header", "name": "Api-Key"}}),
        );
        root.insert("security".into(), json!([{"token": []}]));
    });
    expect_at(&spec, "/security", &["token", "securitySchemes"], "[");
}

/// The model stage reports nothing at a security scheme, so its place is checked through the
/// same function `Config::generate` gives the model stage to locate its diagnostics.
#[test]
fn security_definitions_are_located_through_the_source_map() {
    let spec = base_with(|s| {
        s.as_object_mut().unwrap().insert(
            "securityDefinitions".into(),
            json!({
                "key": {"type": "apiKey", "in": "header", "name": "Api-Key"},
                "aad": {"type": "oauth2", "flow": "application", "tokenUrl": "https://login/token",
                        "scopes": {"read": "Read."}},
                "basic": {"type": "basic"}
            }),
        );
    });
    let dir = TempDir::new("security-schemes");
    let text = pretty(&spec);
    let path = dir.write("spec.json", &text);
    let bundle = codegen::load::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let converted = codegen::convert::to_openapi3(&bundle).unwrap_or_else(|e| panic!("{e}"));
    for (openapi3, swagger, line_start) in [
        (
            "/components/securitySchemes/key/name",
            "/securityDefinitions/key/name",
            "\"Api-Key\"",
        ),
        ("/components/securitySchemes/aad", "/securityDefinitions/aad", "{"),
        (
            "/components/securitySchemes/aad/flows/clientCredentials/tokenUrl",
            "/securityDefinitions/aad/tokenUrl",
            "\"https://login/token\"",
        ),
        (
            "/components/securitySchemes/aad/flows/clientCredentials/scopes/read",
            "/securityDefinitions/aad/scopes/read",
            "\"Read.\"",
        ),
        (
            "/components/securitySchemes/aad/flows/clientCredentials",
            "/securityDefinitions/aad/flow",
            "\"application\"",
        ),
        (
            "/components/securitySchemes/basic/scheme",
            "/securityDefinitions/basic/type",
            "\"basic\"",
        ),
    ] {
        let d = converted.diagnostic(&bundle, openapi3, "here");
        check(&d, "spec.json", swagger, &["here"]);
        check_line_col(&d, &text, line_start);
    }
}

// ----- no panic, whatever the values -------------------------------------------------------------

/// A spec using more of Swagger than the base: host template, global parameters, a body, headers,
/// enums, arrays, maps, `allOf`, constraints.
fn rich_spec() -> Value {
    json!({
        "swagger": "2.0",
        "info": {"title": "Widget Service", "version": "1.0", "description": "Widgets."},
        "x-ms-parameterized-host": {"hostTemplate": "{Endpoint}/widgets/v1", "useSchemePrefix": false,
                                     "parameters": [{"$ref": "#/parameters/Endpoint"}]},
        "securityDefinitions": {"key": {"type": "apiKey", "in": "header", "name": "Api-Key"}},
        "security": [{"key": []}],
        "consumes": ["application/json"],
        "produces": ["application/json"],
        "paths": {"/widgets/{id}": {
            "parameters": [{"$ref": "#/parameters/Id"}],
            "put": {
                "operationId": "Widgets_Put",
                "parameters": [
                    {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "csv"},
                    {"name": "x-trace", "in": "header", "type": "string", "maxLength": 10},
                    {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Widget"}}
                ],
                "responses": {
                    "200": {"description": "ok", "schema": {"$ref": "#/definitions/Widget"},
                            "headers": {"ETag": {"type": "string"}}},
                    "202": {"description": "accepted"},
                    "default": {"description": "error", "schema": {"$ref": "#/definitions/Error"}}
                }
            }
        }},
        "parameters": {
            "Endpoint": {"name": "Endpoint", "in": "path", "required": true, "type": "string",
                         "x-ms-skip-url-encoding": true, "x-ms-parameter-location": "client"},
            "Id": {"name": "id", "in": "path", "required": true, "type": "string", "pattern": "^[a-z0-9]+$",
                   "x-ms-parameter-location": "method"}
        },
        "definitions": {
            "Widget": {"type": "object", "required": ["name"], "properties": {
                "name": {"type": "string", "minLength": 1},
                "size": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 100},
                "color": {"type": "string", "enum": ["red", "blue"], "x-ms-enum": {"name": "Color", "modelAsString": true}},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "parts": {"type": "array", "items": {"$ref": "#/definitions/Part"}, "maxItems": 5},
                "created": {"type": "string", "format": "date-time", "readOnly": true}
            }},
            "Part": {"allOf": [{"$ref": "#/definitions/Base"}], "properties": {"weight": {"type": "number"}}},
            "Base": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}},
            "Error": {"type": "object", "properties": {"message": {"type": "string"}}}
        }
    })
}

fn collect_pointers(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                collect_pointers(
                    child,
                    format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect_pointers(child, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(pointer);
}

/// Replaces every node of the rich spec by a value of each JSON kind: the whole pipeline must answer
/// with files or a Diagnostic naming the file, never panic.
#[test]
fn no_panic_on_odd_values_anywhere() {
    let dir = TempDir::new("odd-values");
    let spec = rich_spec();
    let ok = expect_ok(&dir.write("rich.json", pretty(&spec)));
    assert_eq!(ok.operations(), 1);
    let mut pointers = Vec::new();
    collect_pointers(&spec, String::new(), &mut pointers);
    let replacements = [
        json!(null),
        json!(false),
        json!(-1),
        json!(2.5),
        json!("s"),
        json!([]),
        json!({}),
    ];
    let path = dir.path().join("spec.json");
    let (mut errors, mut panics) = (0, Vec::new());
    for pointer in pointers.iter().filter(|p| !p.is_empty()) {
        for replacement in &replacements {
            let mut mutated = spec.clone();
            *at(&mut mutated, pointer) = replacement.clone();
            std::fs::write(&path, pretty(&mutated)).unwrap();
            match catch_unwind(AssertUnwindSafe(|| Config::new().generate(&path))) {
                Ok(Ok(_)) => {}
                Ok(Err(d)) => {
                    errors += 1;
                    assert!(d.file.ends_with("spec.json"), "{pointer} = {replacement}: {d}");
                    assert!(d.line_col.is_some(), "{pointer} = {replacement}: {d}");
                }
                Err(_) => panics.push(format!("{pointer} = {replacement}")),
            }
        }
    }
    eprintln!(
        "{} mutations, {errors} diagnostics",
        pointers.len() * replacements.len()
    );
    assert!(panics.is_empty(), "panicked for:\n{}", panics.join("\n"));
}

// ----- good specs --------------------------------------------------------------------------------

#[test]
fn base_spec_generates() {
    let dir = TempDir::new("base");
    let path = dir.write("spec.json", BASE);
    let generated = expect_ok(&path);
    assert_eq!(generated.operations(), 1);
    assert_eq!(generated.crate_name, "widget-service");
    let paths: Vec<_> = generated.files.iter().map(|f| f.path.as_str()).collect();
    assert!(
        paths.contains(&"Cargo.toml") && paths.contains(&"src/lib.rs"),
        "{paths:?}"
    );
    assert_eq!(generated.inputs, vec![path]);
}

/// A `Node` whose `children` is an array of `Node`.
fn recursive_spec() -> Value {
    base_with(|s| {
        at(s, "/definitions").as_object_mut().unwrap().insert(
            "Node".into(),
            json!({"type": "object", "properties": {
                "name": {"type": "string"},
                "children": {"type": "array", "items": {"$ref": "#/definitions/Node"}},
                "parent": {"$ref": "#/definitions/Node"}
            }}),
        );
        *at(s, &format!("{GET}/responses/200/schema")) = json!({"$ref": "#/definitions/Node"});
    })
}

// Should this regress into endless recursion, the test binary aborts (stack overflow) rather than
// failing this test; `cli_recursive_type_generates` then shows it as a plain failure.
#[test]
fn recursive_type_generates() {
    let dir = TempDir::new("recursive");
    let path = dir.write("spec.json", pretty(&recursive_spec()));
    let generated = expect_ok(&path);
    assert!(generated.model.schemas.iter().any(|s| s.spec_name == "Node"));
    let all: String = generated.files.iter().map(|f| f.contents.as_str()).collect();
    assert!(all.contains("Vec<Node>"), "children is a Vec<Node>");
    assert!(
        all.contains("Box<Node>"),
        "a direct self-reference is boxed, or the struct has infinite size"
    );
}

#[test]
fn mutually_recursive_types_across_files_generate() {
    let dir = TempDir::new("recursive-files");
    dir.write(
        "types.json",
        pretty(&json!({"definitions": {
            "Tree": {"type": "object", "properties": {"forest": {"$ref": "#/definitions/Forest"}}},
            "Forest": {"type": "object", "properties": {"trees": {"type": "array", "items": {"$ref": "#/definitions/Tree"}}}}
        }})),
    );
    let spec = base_with(|s| {
        *at(s, &format!("{GET}/responses/200/schema")) = json!({"$ref": "types.json#/definitions/Tree"});
    });
    let path = dir.write("spec.json", pretty(&spec));
    let generated = expect_ok(&path);
    let names: Vec<_> = generated.model.schemas.iter().map(|s| s.spec_name.as_str()).collect();
    assert!(names.contains(&"Tree") && names.contains(&"Forest"), "{names:?}");
}

/// The recursive spec through the CLI, in a child process, so a crash is a plain test failure.
#[test]
fn cli_recursive_type_generates() {
    let dir = TempDir::new("cli-recursive");
    let input = dir.write("spec.json", pretty(&recursive_spec()));
    let out = dir.path().join("out");
    let output = cli(&[os("--input"), os(&input), os("--output"), os(&out)]);
    let stderr = text(&output.stderr);
    assert!(
        output.status.success(),
        "a recursive type must generate; status {:?}, stderr: {stderr}",
        output.status
    );
    assert!(
        std::fs::read_to_string(out.join("src/lib.rs")).is_ok_and(|lib| !lib.is_empty()) || out.join("src").is_dir()
    );
}

#[test]
fn utf8_bom_is_fine() {
    let dir = TempDir::new("bom");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(pretty(&base()).as_bytes());
    let path = dir.write("spec.json", &bytes);
    let with_bom = expect_ok(&path);
    let plain = expect_ok(&dir.write("plain.json", pretty(&base())));
    assert_eq!(with_bom.operations(), 1);
    assert_eq!(with_bom.model, plain.model);
}

#[test]
fn utf8_bom_keeps_line_and_column() {
    let dir = TempDir::new("bom-error");
    let text = pretty(&base_with(|s| *at(s, "/swagger") = json!("1.2")));
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let d = expect_err(&dir.write("spec.json", &bytes));
    check(&d, "spec.json", "/swagger", &["1.2"]);
    check_line_col(&d, &text, "\"1.2\"");
}

#[test]
fn yaml_input_works() {
    let dir = TempDir::new("yaml");
    let yaml = serde_yaml::to_string(&base()).unwrap();
    assert!(!yaml.trim_start().starts_with('{'), "really YAML: {yaml}");
    let path = dir.write("spec.yaml", &yaml);
    let generated = expect_ok(&path);
    let json = expect_ok(&dir.write("spec.json", BASE));
    assert_eq!(generated.operations(), 1);
    assert_eq!(generated.model, json.model, "YAML and JSON give the same model");
}

#[test]
fn hand_written_yaml_works() {
    let dir = TempDir::new("yaml-hand");
    let yaml = r##"
swagger: "2.0"
info:
  title: Widget Service
  version: "1.0"
host: example.com
paths:
  /widgets/{id}:
    get:
      operationId: Widgets_Get
      parameters:
        - name: id
          in: path
          required: true
          type: string
      responses:
        200:
          description: ok
          schema:
            $ref: "#/definitions/Widget"
definitions:
  Widget:
    type: object
    properties:
      name:
        type: string
"##;
    let generated = expect_ok(&dir.write("spec.yml", yaml));
    assert_eq!(generated.operations(), 1);
}

#[test]
fn yaml_errors_name_the_file_and_pointer() {
    let dir = TempDir::new("yaml-bad");
    let spec = base_with(|s| *at(s, &format!("{GET}/parameters/0/in")) = json!("cookie-jar"));
    let path = dir.write("spec.yaml", serde_yaml::to_string(&spec).unwrap());
    let d = expect_err(&path);
    check(&d, "spec.yaml", &format!("{GET}/parameters/0/in"), &["cookie-jar"]);
}

#[test]
fn openapi3_input_works() {
    let dir = TempDir::new("openapi3");
    let spec = json!({
        "openapi": "3.0.1",
        "info": {"title": "Widget Service", "version": "1.0"},
        "servers": [{"url": "https://example.com"}],
        "paths": {"/widgets/{id}": {"get": {
            "operationId": "Widgets_Get",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Widget"}}}}}
        }}},
        "components": {"schemas": {"Widget": {"type": "object", "properties": {"name": {"type": "string"}}}}}
    });
    let generated = expect_ok(&dir.write("openapi.json", pretty(&spec)));
    assert_eq!(generated.operations(), 1);
}

#[test]
fn same_spec_twice_gives_identical_files() {
    let dir = TempDir::new("determinism");
    let spec = base_with(|s| {
        at(s, "/definitions").as_object_mut().unwrap().insert(
            "Thing".into(),
            json!({"type": "object", "properties": {"z": {"type": "string"}, "a": {"type": "integer"},
                   "tags": {"type": "object", "additionalProperties": {"type": "string"}},
                   "widgets": {"type": "array", "items": {"$ref": "#/definitions/Widget"}},
                   "children": {"type": "array", "items": {"$ref": "#/definitions/Thing"}},
                   "parent": {"$ref": "#/definitions/Thing"},
                   "kind": {"type": "string", "enum": ["b", "a"], "x-ms-enum": {"name": "Kind", "modelAsString": true}},
                   "mode": {"type": "string", "enum": ["y", "x"], "x-ms-enum": {"name": "Mode", "modelAsString": false}}}}),
        );
        *at(s, &format!("{GET}/responses/200/schema")) = json!({"$ref": "#/definitions/Thing"});
    });
    let path = dir.write("spec.json", pretty(&spec));
    let first = expect_ok(&path);
    for _ in 0..3 {
        let again = expect_ok(&path);
        assert_eq!(again.files, first.files);
        assert_eq!(again.api_listing(), first.api_listing());
    }
}

#[test]
fn face_snapshot_and_rich_spec_twice_give_identical_files() {
    let dir = TempDir::new("determinism-specs");
    let rich = dir.write("rich.json", pretty(&rich_spec()));
    let face = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/face-snapshot.json");
    for spec in [face.as_path(), rich.as_path()] {
        let first = expect_ok(spec);
        let again = expect_ok(spec);
        assert_eq!(again.files, first.files, "{}", spec.display());
        assert_eq!(again.model, first.model, "{}", spec.display());
    }
}

// ----- the command line ------------------------------------------------------------------------

const CLI: &str = env!("CARGO_BIN_EXE_azure-rest-codegen");

fn cli(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(CLI).args(args).output().expect("the CLI runs")
}

fn os(s: &(impl AsRef<std::ffi::OsStr> + ?Sized)) -> &std::ffi::OsStr {
    s.as_ref()
}

/// Every file below `dir` with its bytes (paths relative to `dir`); folders as empty entries.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            let relative = path.strip_prefix(dir).unwrap().to_path_buf();
            if path.is_dir() {
                out.insert(relative, None);
                stack.push(path);
            } else {
                out.insert(relative, Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn cli_bad_spec_fails_and_leaves_the_output_alone() {
    let dir = TempDir::new("cli-bad");
    let spec = base_with(|s| *at(s, "/definitions/Widget/properties") = json!([]));
    let input = dir.write("bad.json", pretty(&spec));
    let out = dir.path().join("out");
    dir.write("out/README.md", "hand-written\n");
    dir.write("out/src/lib.rs", "// old\n");
    let before = snapshot(dir.path());
    let output = cli(&[os("--input"), os(&input), os("--output"), os(&out)]);
    let stderr = text(&output.stderr);
    eprintln!("stderr: {stderr}");
    assert!(!output.status.success(), "exit status {:?}", output.status);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("bad.json"), "names the file: {stderr}");
    assert!(
        stderr.contains("#/definitions/Widget/properties: "),
        "names the pointer: {stderr}"
    );
    assert!(stderr.lines().count() == 1, "one line: {stderr}");
    assert!(output.stdout.is_empty(), "nothing on stdout: {}", text(&output.stdout));
    assert_eq!(
        snapshot(dir.path()),
        before,
        "the folder (and its siblings) is unchanged"
    );
}

#[test]
fn cli_unreadable_spec_fails_and_leaves_the_output_alone() {
    let dir = TempDir::new("cli-unreadable");
    let input = dir.write("broken.json", "{\"swagger\": \"2.0\", \"paths\": {");
    let out = dir.path().join("out");
    dir.write("out/Cargo.toml", "[package]\nname = \"x\"\n");
    let before = snapshot(dir.path());
    let output = cli(&[os("--output"), os(&out), os("--input"), os(&input)]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("broken.json:1:"), "file and line: {stderr}");
    assert!(stderr.contains("invalid JSON"), "{stderr}");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn cli_good_spec_writes_then_check_then_stale() {
    let dir = TempDir::new("cli-good");
    let input = dir.write("spec.json", BASE);
    let out = dir.path().join("client");
    dir.write("client/README.md", "kept\n");
    let output = cli(&[os("--input"), os(&input), os("--output"), os(&out)]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(stdout.lines().count(), 1, "one-line summary: {stdout}");
    assert!(stdout.contains("operations"), "{stdout}");
    assert!(stdout.contains("1 operations"), "{stdout}");
    assert!(out.join("Cargo.toml").is_file());
    assert!(out.join("src/lib.rs").is_file());
    assert_eq!(
        std::fs::read_to_string(out.join("README.md")).unwrap(),
        "kept\n",
        "files outside src/ are kept"
    );
    let cargo_toml = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(cargo_toml.contains("widget-service"), "{cargo_toml}");
    let siblings: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(siblings.len(), 2, "no staging or backup folders left: {siblings:?}");

    let check = cli(&[os("--input"), os(&input), os("--output"), os(&out), os("--check")]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}{}",
        text(&check.stdout),
        text(&check.stderr)
    );

    let before_check = snapshot(&out);
    let lib = out.join("src/lib.rs");
    let mut contents = std::fs::read_to_string(&lib).unwrap();
    contents.push_str("\n// edited by hand\n");
    std::fs::write(&lib, &contents).unwrap();
    let stale = cli(&[os("--check"), os("--input"), os(&input), os("--output"), os(&out)]);
    let stderr = text(&stale.stderr);
    assert_eq!(stale.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("src/lib.rs"), "names the file: {stderr}");
    assert_eq!(
        std::fs::read_to_string(&lib).unwrap(),
        contents,
        "--check writes nothing"
    );
    let after = snapshot(&out);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before_check.keys().collect::<Vec<_>>()
    );
}

#[test]
fn cli_check_reports_extra_and_missing_files() {
    let dir = TempDir::new("cli-extra");
    let input = dir.write("spec.json", BASE);
    let out = dir.path().join("client");
    let output = cli(&[os("--input"), os(&input), os("--output"), os(&out)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    std::fs::write(out.join("src/extra.rs"), "// extra\n").unwrap();
    std::fs::remove_file(out.join("Cargo.toml")).unwrap();
    let stale = cli(&[os("--input"), os(&input), os("--output"), os(&out), os("--check")]);
    let stderr = text(&stale.stderr);
    assert_eq!(stale.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("src/extra.rs") && stderr.contains("Cargo.toml"),
        "{stderr}"
    );
}

#[test]
fn cli_check_on_a_missing_folder_is_stale() {
    let dir = TempDir::new("cli-check-missing");
    let input = dir.write("spec.json", BASE);
    let out = dir.path().join("never-written");
    let stale = cli(&[os("--input"), os(&input), os("--output"), os(&out), os("--check")]);
    assert_eq!(stale.status.code(), Some(1), "{}", text(&stale.stderr));
    assert!(!out.exists(), "--check creates nothing");
}

#[test]
fn cli_runtime_flags_choose_how_the_crate_gets_its_runtime() {
    let dir = TempDir::new("cli-runtime");
    let input = dir.write("spec.json", BASE);
    let run = |name: &str, flags: &[&str]| -> PathBuf {
        let out = dir.path().join(name);
        let mut args = vec![os("--input"), os(&input), os("--output"), os(&out)];
        args.extend(flags.iter().map(os));
        let output = cli(&args);
        assert!(output.status.success(), "{flags:?}: {}", text(&output.stderr));
        out
    };
    let files = |out: &Path| -> Vec<PathBuf> {
        snapshot(out)
            .into_iter()
            .filter(|(_, bytes)| bytes.is_some())
            .map(|(path, _)| path)
            .collect()
    };
    let manifest = |out: &Path| std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    let dependencies = |out: &Path| manifest(out).split_once("[dependencies]\n").unwrap().1.to_string();

    // By default, and with `--runtime embed`: the runtime in src/runtime/, its dependencies listed.
    let embedded = run("embedded", &[]);
    assert!(embedded.join("src/runtime/mod.rs").is_file());
    assert!(
        dependencies(&embedded).contains("\nreqwest = "),
        "{}",
        manifest(&embedded)
    );
    let spelled = run("spelled", &["--runtime", "embed"]);
    assert_eq!(snapshot(&spelled), snapshot(&embedded));

    // On the runtime crate: no src/runtime/, one dependency, the path written as given.
    let on_path = run("on-path", &["--runtime-path", "../runtime"]);
    let on_path_files = files(&on_path);
    assert!(
        on_path_files.iter().all(|p| !p.starts_with("src/runtime")),
        "{on_path_files:?}"
    );
    assert_eq!(
        dependencies(&on_path),
        "azure-rest-runtime = { path = \"../runtime\" }\n"
    );
    let lib = std::fs::read_to_string(on_path.join("src/lib.rs")).unwrap();
    assert!(lib.contains("\npub use azure_rest_runtime as runtime;\n"), "{lib}");
    let on_version = run("on-version", &["--runtime-version", "0.1.2"]);
    assert_eq!(dependencies(&on_version), "azure-rest-runtime = \"0.1.2\"\n");
    assert_eq!(files(&on_version), on_path_files);

    // Same input and flags, byte-identical output; and --check knows the flags.
    assert_eq!(
        snapshot(&run("on-path-again", &["--runtime-path", "../runtime"])),
        snapshot(&on_path)
    );
    let check = |flags: &[&str]| {
        let mut args = vec![os("--input"), os(&input), os("--output"), os(&on_path), os("--check")];
        args.extend(flags.iter().map(os));
        cli(&args).status.code()
    };
    assert_eq!(check(&["--runtime-path", "../runtime"]), Some(0));
    assert_eq!(check(&["--runtime-path", "../elsewhere"]), Some(1));
    assert_eq!(check(&[]), Some(1));

    // Contradictions and unknown modes are usage errors.
    let never = dir.path().join("never");
    for flags in [
        &["--runtime-path", "a", "--runtime-version", "1"][..],
        &["--runtime", "embed", "--runtime-path", "a"],
        &["--runtime", "shared"],
        &["--runtime-path"],
    ] {
        let mut args = vec![os("--input"), os(&input), os("--output"), os(&never)];
        args.extend(flags.iter().map(os));
        let output = cli(&args);
        assert_eq!(output.status.code(), Some(2), "{flags:?}: {}", text(&output.stderr));
    }
    assert!(!never.exists());
}

#[test]
fn cli_unknown_flag_is_a_usage_error() {
    let output = cli(&[os("--frobnicate")]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--frobnicate"), "names the flag: {stderr}");
    assert!(stderr.contains("usage:"), "prints the usage: {stderr}");
}

#[test]
fn cli_missing_arguments_are_usage_errors() {
    for args in [vec![], vec![os("--input"), os("x.json")], vec![os("--input")]] {
        let output = cli(&args);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("usage:"), "{args:?}: {stderr}");
    }
}

#[test]
fn cli_help_prints_usage() {
    let output = cli(&[os("--help")]);
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).contains("usage:"));
}

#[test]
fn cli_same_spec_twice_gives_identical_folders() {
    let dir = TempDir::new("cli-determinism");
    let input = dir.write("spec.json", BASE);
    let listing = dir.path().join("api.txt");
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    for out in [&one, &two] {
        let output = cli(&[
            os("--input"),
            os(&input),
            os("--output"),
            os(out),
            os("--api-listing"),
            os(&listing),
        ]);
        assert!(output.status.success(), "{}", text(&output.stderr));
    }
    assert_eq!(snapshot(&one), snapshot(&two));
    // Writing over an existing, identical crate changes nothing either.
    let before = snapshot(&one);
    let output = cli(&[os("--input"), os(&input), os("--output"), os(&one)]);
    assert!(output.status.success());
    assert_eq!(snapshot(&one), before);
    assert!(std::fs::read_to_string(&listing).unwrap().contains("Widget"));
}

// ----- warnings --------------------------------------------------------------------------------

/// The base spec with a property whose `pattern` does not compile: a warning, not a refusal.
fn with_bad_pattern() -> Value {
    base_with(|s| {
        at(s, "/definitions/Widget/properties/name")
            .as_object_mut()
            .unwrap()
            .insert("pattern".into(), json!("[a-"));
    })
}

#[test]
fn denied_warnings_are_errors() {
    let dir = TempDir::new("deny-warnings");
    let path = dir.write("spec.json", pretty(&with_bad_pattern()));
    let d = match Config::new().deny_warnings(true).generate(&path) {
        Ok(g) => panic!("expected the warning as an error, got {}", g.summary()),
        Err(d) => d,
    };
    assert!(!d.is_warning(), "{d}");
    check(
        &d,
        "spec.json",
        "/definitions/Widget/properties/name/pattern",
        &["not checked", "warnings are denied"],
    );
}

#[test]
fn the_cli_prints_warnings_and_can_deny_them() {
    let dir = TempDir::new("cli-warnings");
    let path = dir.write("spec.json", pretty(&with_bad_pattern()));
    let out = dir.path().join("out");
    let cli = || {
        let mut command = std::process::Command::new(CLI);
        command.arg("--input").arg(&path).arg("--output").arg(&out);
        command
    };
    let output = cli().output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.starts_with("warning: ") && stderr.contains("spec.json:") && stderr.contains("/pattern: "),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains(", 1 warnings, "));
    let denied = cli().arg("--deny-warnings").output().unwrap();
    let stderr = String::from_utf8_lossy(&denied.stderr);
    assert_eq!(denied.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: ") && stderr.contains("warnings are denied"),
        "{stderr}"
    );
}

#[test]
fn a_discriminator_that_is_not_a_property_is_a_warning() {
    let spec = base_with(|s| {
        at(s, "/definitions/Widget")
            .as_object_mut()
            .unwrap()
            .insert("discriminator".into(), json!("kind"));
    });
    let d = expect_warning_at(
        &spec,
        "/definitions/Widget/discriminator",
        &["discriminator `kind`", "not a property", "plain models"],
        "\"kind\"",
    );
    assert!(d.is_warning());
}

#[test]
fn items_without_type_array_is_read_as_an_array_with_a_warning() {
    let spec = base_with(|s| {
        at(s, "/definitions/Widget/properties")
            .as_object_mut()
            .unwrap()
            .insert("tags".into(), json!({"items": {"type": "string"}}));
    });
    expect_warning_at(
        &spec,
        "/definitions/Widget/properties/tags",
        &["`items` without `type: array`", "read as an array"],
        "{",
    );
}
