//! Deep and big specs: schemas nested thousands of levels deep, `$ref` chains thousands long, and
//! a spec of 50 MB. Each either generates or gives a clean Diagnostic naming the place; none
//! overflows the stack, none takes time or memory out of proportion to its size.
//!
//! The library runs on the test harness's threads (2 MiB of stack, unless `RUST_MIN_STACK` says
//! otherwise) and the command line on its main thread: nothing here gives either more stack.
//! Specs are JSON text built by hand, since serde_json itself recurses when it writes or drops a
//! deeply nested value.

use std::collections::HashMap;
use std::io;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use codegen::{emit, load, model, Diagnostic};

const CLI: &str = env!("CARGO_BIN_EXE_azure-rest-codegen");

/// How many levels or links the deep cases have.
const DEEP: usize = 5_000;

// ----- helpers ---------------------------------------------------------------------------------

/// What the pipeline made of a spec: the numbers of operations and models, and the generated Rust.
struct Output {
    operations: usize,
    models: usize,
    code: String,
}

/// Load, convert, model and emit `files` (the first is the root), in memory, turning a panic into
/// a failure that says so.
fn generate(files: &[(&str, String)]) -> Result<Output, Diagnostic> {
    let files: HashMap<PathBuf, &str> = files
        .iter()
        .map(|(name, text)| (PathBuf::from(name), text.as_str()))
        .collect();
    let root = Path::new("spec.json");
    let read = |path: &Path| {
        let name = path.components().collect::<PathBuf>();
        files
            .get(&name)
            .map(|text| text.as_bytes().to_vec())
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, path.display().to_string()))
    };
    let started = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| {
        let bundle = load::load_with(root, &read)?;
        let model = codegen::code_model(&bundle, &model::Options::default())?;
        let files = emit::crate_files_with(&model, "deep", "spec.json", &emit::Options::default())
            .map_err(|e| Diagnostic::new(root, "", e.0))?;
        let code = files
            .iter()
            .filter(|f| f.path.ends_with(".rs") && !f.path.starts_with("src/runtime/"))
            .map(|f| f.contents.as_str())
            .collect();
        Ok(Output {
            operations: model.operations().count(),
            models: model.schemas.len(),
            code,
        })
    }));
    eprintln!("generated in {:.2}s", started.elapsed().as_secs_f64());
    match result {
        Ok(result) => result,
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("the pipeline panicked instead of returning a Diagnostic: {message}")
        }
    }
}

#[track_caller]
fn expect_ok(files: &[(&str, String)]) -> Output {
    match generate(files) {
        Ok(output) => output,
        Err(diagnostic) => panic!("expected success, got: {diagnostic}"),
    }
}

/// Expects a Diagnostic in `file` at `pointer` whose message has every one of `words`.
#[track_caller]
fn expect_err(files: &[(&str, String)], file: &str, pointer: &str, words: &[&str]) -> Diagnostic {
    let diagnostic = match generate(files) {
        Ok(output) => panic!("expected a Diagnostic, but it generated {} models", output.models),
        Err(diagnostic) => diagnostic,
    };
    eprintln!("diagnostic: {diagnostic}");
    assert_eq!(diagnostic.file, Path::new(file), "{diagnostic}");
    assert_eq!(diagnostic.pointer, pointer, "{diagnostic}");
    for word in words {
        assert!(
            diagnostic.message.contains(word),
            "message should contain `{word}`: {diagnostic}"
        );
    }
    diagnostic
}

/// A Swagger spec whose one operation returns `#/definitions/D0`, with `definitions` the entries
/// of the definitions object as JSON text.
fn spec(definitions: &str) -> String {
    format!(
        r##"{{"swagger": "2.0", "info": {{"title": "Deep", "version": "1.0"}}, "host": "example.com",
"paths": {{"/x": {{"get": {{"operationId": "X_Get", "responses": {{"200": {{"description": "ok", "schema": {{"$ref": "#/definitions/D0"}}}}}}}}}}}},
"definitions": {{
{definitions}
}}}}"##
    )
}

/// Definitions `D0` .. `D{n-1}`, one a line: `D{i}` is `body(i)`.
fn chain(n: usize, body: impl Fn(usize) -> String) -> String {
    (0..n)
        .map(|i| format!("\"D{i}\": {}", body(i)))
        .collect::<Vec<_>>()
        .join(",\n")
}

/// `D{i}`: an object whose `next` refers to `D{i+1}` (the last one to `last`, or none).
fn struct_chain(n: usize, last: Option<&str>) -> String {
    chain(n, |i| {
        let next = if i + 1 < n {
            Some(format!("#/definitions/D{}", i + 1))
        } else {
            last.map(str::to_string)
        };
        match next {
            Some(next) => format!(
                r#"{{"type": "object", "properties": {{"name": {{"type": "string"}}, "next": {{"$ref": "{next}"}}}}}}"#
            ),
            None => r#"{"type": "object", "properties": {"name": {"type": "string"}}}"#.to_string(),
        }
    })
}

/// `D{i}`: `wrap(next)` where `next` is `{"$ref": "#/definitions/D{i+1}"}`; the last one an object.
fn wrapped_chain(n: usize, wrap: impl Fn(&str) -> String) -> String {
    chain(n, |i| {
        if i + 1 < n {
            wrap(&format!(r##"{{"$ref": "#/definitions/D{}"}}"##, i + 1))
        } else {
            r#"{"type": "object", "properties": {"name": {"type": "string"}}}"#.to_string()
        }
    })
}

/// `inner` inside `levels` pairs of `open` and `close`, as text.
fn nested(levels: usize, open: &str, inner: &str, close: &str) -> String {
    let mut text = String::with_capacity(levels * (open.len() + close.len()) + inner.len());
    for _ in 0..levels {
        text.push_str(open);
    }
    text.push_str(inner);
    for _ in 0..levels {
        text.push_str(close);
    }
    text
}

/// A fresh folder under the system temp folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("azure-rest-codegen-big-{}-{n}-{label}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the CLI (on its main thread, in a child process) on `text`; returns whether it succeeded
/// and its stderr. A crash (stack overflow: SIGABRT) is a plain failure here.
fn cli(label: &str, text: &str) -> (bool, String) {
    let dir = TempDir::new(label);
    let input = dir.0.join("spec.json");
    std::fs::write(&input, text).unwrap();
    let started = Instant::now();
    let output = Command::new(CLI)
        .arg("--input")
        .arg(&input)
        .arg("--output")
        .arg(dir.0.join("out"))
        .output()
        .expect("the CLI runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    eprintln!(
        "CLI: {:?} in {:.2}s; stderr: {stderr}",
        output.status,
        started.elapsed().as_secs_f64()
    );
    assert!(
        output.status.code().is_some(),
        "the CLI was killed by a signal (a stack overflow aborts): {:?}, stderr: {stderr}",
        output.status
    );
    (output.status.success(), stderr)
}

// ----- nested thousands of levels deep ---------------------------------------------------------

#[test]
fn properties_nested_5000_levels_deep_are_a_parse_error() {
    let body = nested(
        DEEP,
        r#"{"type": "object", "properties": {"p": "#,
        r#"{"type": "string"}"#,
        "}}",
    );
    let d = expect_err(
        &[("spec.json", spec(&format!("\"D0\": {body}")))],
        "spec.json",
        "",
        &["nested too deeply", "128 levels"],
    );
    assert!(d.line_col.is_some(), "{d}");
}

#[test]
fn items_nested_5000_levels_deep_are_a_parse_error() {
    let body = nested(DEEP, r#"{"type": "array", "items": "#, r#"{"type": "string"}"#, "}");
    expect_err(
        &[("spec.json", spec(&format!("\"D0\": {body}")))],
        "spec.json",
        "",
        &["nested too deeply"],
    );
}

#[test]
fn yaml_nested_5000_levels_deep_is_a_parse_error() {
    let mut yaml =
        String::from("swagger: '2.0'\ninfo: {title: Deep, version: '1.0'}\npaths: {}\ndefinitions:\n  D0:\n");
    for level in 0..DEEP {
        let indent = "  ".repeat(level + 2);
        yaml.push_str(&format!("{indent}type: object\n{indent}properties:\n{indent}  p:\n"));
    }
    expect_err(
        &[("spec.json", yaml)],
        "spec.json",
        "",
        &["invalid YAML", "nested too deeply"],
    );
}

/// The converter takes schemas up to 48 levels deep (openapiv3's deserializer recurses through
/// each level, and real specs nest about ten): the deepest arrays and objects allowed generate,
/// one level more is a clean error.
#[test]
fn schemas_at_the_converters_depth_limit() {
    // 47 arrays, the string inside: the `type` of the string is 48 levels down.
    let arrays = |n| nested(n, r#"{"type": "array", "items": "#, r#"{"type": "string"}"#, "}");
    let output = expect_ok(&[("spec.json", spec(&format!("\"D0\": {}", arrays(47))))]);
    assert!(output.code.matches("Vec<").count() >= 47, "D0 is a Vec<Vec<...>>");
    let d = expect_err(
        &[("spec.json", spec(&format!("\"D0\": {}", arrays(48))))],
        "spec.json",
        &format!("/definitions/D0{}/type", "/items".repeat(48)),
        &["the schema nests more than 48 levels deep"],
    );
    assert!(d.line_col.is_some(), "{d}");

    // 23 objects, each the only property of the one around it, and the string in the last: the
    // string's `type` is 48 levels down.
    let objects = |n| {
        nested(
            n,
            r#"{"type": "object", "properties": {"p": "#,
            r#"{"type": "string"}"#,
            "}}",
        )
    };
    let output = expect_ok(&[("spec.json", spec(&format!("\"D0\": {}", objects(23))))]);
    assert_eq!(output.models, 23);
    expect_err(
        &[("spec.json", spec(&format!("\"D0\": {}", objects(24))))],
        "spec.json",
        &format!("/definitions/D0{}/type", "/properties/p".repeat(24)),
        &["the schema nests more than 48 levels deep"],
    );
}

/// The same limit for an OpenAPI 3 document, which is deserialized whole: 8 levels more, so that
/// a response's schema may nest as deep.
#[test]
fn openapi3_document_at_the_depth_limit() {
    let document = |n| {
        let schema = nested(n, r#"{"type": "array", "items": "#, r#"{"type": "string"}"#, "}");
        format!(
            r#"{{"openapi": "3.0.0", "info": {{"title": "Deep", "version": "1.0"}}, "paths": {{"/x": {{"get": {{
            "operationId": "X_Get", "responses": {{"200": {{"description": "ok",
            "content": {{"application/json": {{"schema": {schema}}}}}}}}}}}}}}}}}"#
        )
    };
    expect_ok(&[("spec.json", document(47))]);
    let d = expect_err(
        &[("spec.json", document(48))],
        "spec.json",
        &format!(
            "/paths/~1x/get/responses/200/content/application~1json/schema{}/type",
            "/items".repeat(48)
        ),
        &["the document nests more than 56 levels deep"],
    );
    assert!(d.line_col.is_some(), "{d}");
}

/// Inlining puts one file's content inside another's: nesting is checked on the bundle, the
/// file it came from named.
#[test]
fn schemas_inlined_from_other_files_nest_up_to_the_limits() {
    let part = |levels: usize, inner: &str| {
        format!(
            r#"{{"s": {}}}"#,
            nested(levels, r#"{"type": "object", "properties": {"p": "#, inner, "}}")
        )
    };
    let root = spec(r##""D0": {"$ref": "a.json#/s"}"##);
    // 12 objects from a.json, 11 more from b.json: as deep as a schema may be.
    let files = [
        ("spec.json", root.clone()),
        ("a.json", part(12, r##"{"$ref": "b.json#/s"}"##)),
        ("b.json", part(11, r#"{"type": "string"}"#)),
    ];
    let output = expect_ok(&files);
    assert_eq!(output.models, 23);
    // 20 and 20: too deep for the converter, 5 objects into b.json.
    let files = [
        ("spec.json", root.clone()),
        ("a.json", part(20, r##"{"$ref": "b.json#/s"}"##)),
        ("b.json", part(20, r#"{"type": "string"}"#)),
    ];
    let d = expect_err(
        &files,
        "b.json",
        &format!("/s{}/properties", "/properties/p".repeat(4)),
        &["the schema nests more than 48 levels deep"],
    );
    assert!(d.line_col.is_some(), "{d}");
    // 60 levels of objects from each of three files: more than the loader's 256 levels in all, 15
    // levels into the third file, whatever the stages after the loader would say.
    let files = [
        ("spec.json", root),
        ("a.json", part(60, r##"{"$ref": "b.json#/s"}"##)),
        ("b.json", part(60, r##"{"$ref": "c.json#/s"}"##)),
        ("c.json", part(60, r#"{"type": "string"}"#)),
    ];
    expect_err(
        &files,
        "c.json",
        &format!("/s{}/properties", "/properties/p".repeat(7)),
        &["256 levels"],
    );
}

// ----- `$ref` chains thousands long ------------------------------------------------------------

/// `D0.next` is a `D1`, whose `next` is a `D2`, ...: 5,000 structs, none boxed.
#[test]
fn chain_of_5000_structs_generates() {
    let output = expect_ok(&[("spec.json", spec(&struct_chain(DEEP, None)))]);
    assert_eq!(output.models, DEEP);
    assert!(output.code.contains("pub struct D4999 {"));
    assert!(
        output.code.contains("pub next: Option<D4999>,"),
        "the chain holds its structs inline"
    );
    assert!(!output.code.contains("Box<"), "no struct of a chain contains itself");
}

/// The chain closed into a ring: every struct contains every other inline, so each `next` is boxed.
#[test]
fn ring_of_5000_structs_generates_with_every_link_boxed() {
    let output = expect_ok(&[("spec.json", spec(&struct_chain(DEEP, Some("#/definitions/D0"))))]);
    assert_eq!(output.models, DEEP);
    assert_eq!(output.code.matches("pub next: Option<Box<").count(), DEEP);
}

/// `D0` is only a `$ref` to `D1`, and so on: every use walks the chain, so it is bounded.
#[test]
fn chain_of_5000_aliases_is_a_clean_error() {
    let definitions = wrapped_chain(DEEP, |next| next.to_string());
    expect_err(
        &[("spec.json", spec(&definitions))],
        "spec.json",
        "/definitions/D0",
        &[
            "`$ref` chain: more than 64 schemas in a row",
            "D1 -> ... -> D64 -> D65 -> ...",
        ],
    );
    // A short chain is fine.
    let output = expect_ok(&[("spec.json", spec(&wrapped_chain(60, |next| next.to_string())))]);
    assert_eq!(output.models, 60);
}

/// `D0` is an array of `D1`, an array of `D2`, ...: the type `Vec<Vec<...>>` nests 5,000 deep.
#[test]
fn chain_of_5000_arrays_is_a_clean_error() {
    let definitions = wrapped_chain(DEEP, |next| format!(r#"{{"type": "array", "items": {next}}}"#));
    let d = expect_err(
        &[("spec.json", spec(&definitions))],
        "spec.json",
        "/definitions/D100/items",
        &["types nest more than 100 levels deep"],
    );
    assert!(d.line_col.is_some(), "{d}");
}

#[test]
fn chain_of_5000_maps_is_a_clean_error() {
    let definitions = wrapped_chain(DEEP, |next| {
        format!(r#"{{"type": "object", "additionalProperties": {next}}}"#)
    });
    expect_err(
        &[("spec.json", spec(&definitions))],
        "spec.json",
        "/definitions/D100/additionalProperties",
        &["types nest more than 100 levels deep"],
    );
}

#[test]
fn chain_of_5000_all_ofs_is_a_clean_error() {
    let definitions = wrapped_chain(DEEP, |next| {
        format!(r#"{{"type": "object", "allOf": [{next}], "properties": {{"x": {{"type": "string"}}}}}}"#)
    });
    expect_err(
        &[("spec.json", spec(&definitions))],
        "spec.json",
        "/definitions/D65",
        &["`allOf` nests more than 64"],
    );
}

/// A 5,000-link chain of `$ref`s inside another file (not to definitions, so each is inlined).
#[test]
fn chain_of_5000_inlined_refs_in_another_file_generates() {
    let links: Vec<String> = (0..DEEP)
        .map(|i| {
            if i + 1 < DEEP {
                format!(r##""x{i}": {{"$ref": "#/x{}"}}"##, i + 1)
            } else {
                format!(r#""x{i}": {{"type": "object", "properties": {{"name": {{"type": "string"}}}}}}"#)
            }
        })
        .collect();
    let files = [
        ("spec.json", spec(r##""D0": {"$ref": "other.json#/x0"}"##)),
        ("other.json", format!("{{{}}}", links.join(",\n"))),
    ];
    let output = expect_ok(&files);
    assert_eq!(output.models, 1);
}

/// The same through the command line, on its main thread.
#[test]
fn cli_deep_cases_exit_cleanly() {
    let (ok, _) = cli("chain", &spec(&struct_chain(DEEP, None)));
    assert!(ok, "a chain of structs generates");
    let (ok, _) = cli("ring", &spec(&struct_chain(DEEP, Some("#/definitions/D0"))));
    assert!(ok, "a ring of structs generates");
    let arrays = wrapped_chain(DEEP, |next| format!(r#"{{"type": "array", "items": {next}}}"#));
    let (ok, stderr) = cli("arrays", &spec(&arrays));
    assert!(
        !ok && stderr.contains("#/definitions/D100/items: types nest more than 100 levels deep"),
        "{stderr}"
    );
    let aliases = wrapped_chain(DEEP, |next| next.to_string());
    let (ok, stderr) = cli("aliases", &spec(&aliases));
    assert!(!ok && stderr.contains("#/definitions/D0: `$ref` chain"), "{stderr}");
    let body = nested(
        DEEP,
        r#"{"type": "object", "properties": {"p": "#,
        r#"{"type": "string"}"#,
        "}}",
    );
    let (ok, stderr) = cli("nested", &spec(&format!("\"D0\": {body}")));
    assert!(!ok && stderr.contains("nested too deeply"), "{stderr}");
    // The deepest schema the converter takes: the most stack any spec can ask for.
    let arrays = nested(47, r#"{"type": "array", "items": "#, r#"{"type": "string"}"#, "}");
    let (ok, stderr) = cli("deepest", &spec(&format!("\"D0\": {arrays}")));
    assert!(ok, "{stderr}");
}

// ----- a spec of 50 MB -------------------------------------------------------------------------

/// A Swagger spec of at least `bytes` bytes (pretty-printed, as specs are written): `n` resources,
/// each with a get/put/delete path and a pageable list, a model with properties of every common
/// kind (one referring to the previous resource's model, so the types form one long chain), a
/// part model and a list model. Returns the text and `n`.
fn big_spec(bytes: usize) -> (String, usize) {
    let mut paths = Vec::new();
    let mut definitions = vec![
        r#"    "Error": {"type": "object", "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}"#
            .to_string(),
    ];
    let (mut size, mut n) = (0, 0);
    while size < bytes {
        let i = n;
        let name = format!("Widget{i}");
        let previous = if i == 0 {
            r#"{"type": "string"}"#.to_string()
        } else {
            format!(r##"{{"$ref": "#/definitions/Widget{}"}}"##, i - 1)
        };
        let path = format!(
            r##"    "/widgets{i}/{{id}}": {{
      "parameters": [{{"name": "id", "in": "path", "required": true, "type": "string"}}],
      "get": {{
        "operationId": "{name}_Get",
        "description": "Gets a {name}.",
        "parameters": [{{"name": "api-version", "in": "query", "required": true, "type": "string"}}],
        "responses": {{
          "200": {{"description": "ok", "schema": {{"$ref": "#/definitions/{name}"}}}},
          "default": {{"description": "error", "schema": {{"$ref": "#/definitions/Error"}}}}
        }}
      }},
      "put": {{
        "operationId": "{name}_Put",
        "parameters": [{{"name": "body", "in": "body", "required": true, "schema": {{"$ref": "#/definitions/{name}"}}}}],
        "responses": {{
          "200": {{"description": "ok", "schema": {{"$ref": "#/definitions/{name}"}}}},
          "201": {{"description": "created", "schema": {{"$ref": "#/definitions/{name}"}}}},
          "default": {{"description": "error", "schema": {{"$ref": "#/definitions/Error"}}}}
        }}
      }},
      "delete": {{
        "operationId": "{name}_Delete",
        "responses": {{
          "204": {{"description": "deleted"}},
          "default": {{"description": "error", "schema": {{"$ref": "#/definitions/Error"}}}}
        }}
      }}
    }},
    "/widgets{i}": {{
      "get": {{
        "operationId": "{name}_List",
        "x-ms-pageable": {{"nextLinkName": "nextLink"}},
        "parameters": [{{"name": "$top", "in": "query", "type": "integer", "format": "int32", "minimum": 1}}],
        "responses": {{
          "200": {{"description": "ok", "schema": {{"$ref": "#/definitions/{name}List"}}}},
          "default": {{"description": "error", "schema": {{"$ref": "#/definitions/Error"}}}}
        }}
      }}
    }}"##
        );
        let definition = format!(
            r##"    "{name}": {{
      "type": "object",
      "description": "A {name}.",
      "required": ["name"],
      "properties": {{
        "id": {{"type": "string", "readOnly": true}},
        "name": {{"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[a-z][a-z0-9-]*$"}},
        "size": {{"type": "integer", "format": "int32", "minimum": 0}},
        "weight": {{"type": "number"}},
        "created": {{"type": "string", "format": "date-time"}},
        "tags": {{"type": "object", "additionalProperties": {{"type": "string"}}}},
        "color": {{"type": "string", "enum": ["red", "green", "blue"], "x-ms-enum": {{"name": "Color", "modelAsString": true}}}},
        "parts": {{"type": "array", "items": {{"$ref": "#/definitions/{name}Part"}}}},
        "previous": {previous}
      }}
    }},
    "{name}Part": {{
      "type": "object",
      "properties": {{"label": {{"type": "string"}}, "count": {{"type": "integer", "format": "int64"}}}}
    }},
    "{name}List": {{
      "type": "object",
      "properties": {{"value": {{"type": "array", "items": {{"$ref": "#/definitions/{name}"}}}}, "nextLink": {{"type": "string"}}}}
    }}"##
        );
        size += path.len() + definition.len();
        paths.push(path);
        definitions.push(definition);
        n += 1;
    }
    let text = format!(
        "{{\n  \"swagger\": \"2.0\",\n  \"info\": {{\"title\": \"Big Service\", \"version\": \"1.0\"}},\n  \
         \"host\": \"example.com\",\n  \"schemes\": [\"https\"],\n  \"consumes\": [\"application/json\"],\n  \
         \"produces\": [\"application/json\"],\n  \"paths\": {{\n{}\n  }},\n  \"definitions\": {{\n{}\n  }}\n}}\n",
        paths.join(",\n"),
        definitions.join(",\n")
    );
    (text, n)
}

/// The peak resident memory of this process so far (Linux), for the report.
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l[6..].trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

/// Generates a spec of `megabytes` MB and checks that every operation and model came out; reports
/// the time taken and the peak memory.
fn check_big_spec(megabytes: usize) {
    let (text, n) = big_spec(megabytes * 1_000_000);
    if let Some(path) = std::env::var_os("BIG_SPEC_OUT") {
        // For measuring the command line on the same spec: BIG_SPEC_OUT=/tmp/big.json.
        std::fs::write(&path, &text).unwrap();
    }
    let started = Instant::now();
    let output = expect_ok(&[("spec.json", text)]);
    let elapsed = started.elapsed();
    eprintln!(
        "{megabytes} MB, {n} resources: {} models, {} MB of Rust in {:.1}s; peak RSS of the test process {}",
        output.models,
        output.code.len() / 1_000_000,
        elapsed.as_secs_f64(),
        peak_rss()
    );
    assert_eq!(
        output.models,
        3 * n + 2,
        "every Widget, part and list, Error and the Color enum"
    );
    assert_eq!(output.operations, 4 * n);
    for i in [0, n / 2, n - 1] {
        assert!(output.code.contains(&format!("pub struct Widget{i} {{")), "Widget{i}");
    }
}

/// 1 MB in every test run (seconds, unoptimized).
#[test]
fn spec_of_1_mb_generates() {
    check_big_spec(1);
}

/// 50 MB: minutes unoptimized, so run on demand, optimized:
/// `cargo test --release -p azure-rest-codegen --test big_specs -- --ignored`.
#[test]
#[ignore]
fn spec_of_50_mb_generates() {
    check_big_spec(50);
}
