//! The loader over the files in `tests/fixtures/load/`.

use std::io;
use std::path::{Path, PathBuf};

use codegen::load::{self, Bundle, SpecVersion};
use codegen::Diagnostic;
use serde_json::json;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/load")
        .join(name)
}

fn ok(name: &str) -> Bundle {
    load::load(&fixture(name)).unwrap_or_else(|diagnostic| panic!("{name} should load: {diagnostic}"))
}

fn err(name: &str) -> Diagnostic {
    match load::load(&fixture(name)) {
        Ok(bundle) => panic!("{name} should not load, got {:#}", bundle.document),
        Err(diagnostic) => diagnostic,
    }
}

/// Asserts file, pointer, line and column of `diagnostic`.
fn assert_at(diagnostic: &Diagnostic, file: &str, pointer: &str, line_col: Option<(usize, usize)>) {
    assert_eq!(diagnostic.file, fixture(file), "{diagnostic}");
    assert_eq!(diagnostic.pointer, pointer, "{diagnostic}");
    assert_eq!(diagnostic.line_col, line_col, "{diagnostic}");
}

#[test]
fn json_with_bom_loads() {
    let bundle = ok("bom.json");
    assert_eq!(bundle.version, SpecVersion::Swagger2);
    assert_eq!(bundle.root_file, fixture("bom.json"));
    assert_eq!(bundle.document["info"]["title"], "BOM");
    // Lines and columns are counted after the BOM.
    assert_eq!(bundle.diagnostic("/paths", "x").line_col, Some((4, 12)));
}

#[test]
fn yaml_loads() {
    let bundle = ok("petstore.yaml");
    let get = &bundle.document["paths"]["/pets/{petId}"]["get"];
    assert_eq!(get["responses"]["200"]["schema"], json!({"$ref": "#/definitions/Pet"}));
    assert_eq!(get["parameters"][0]["name"], "petId");
    let diagnostic = bundle.diagnostic("/definitions/Pet", "x");
    assert_at(&diagnostic, "petstore.yaml", "/definitions/Pet", None);
}

#[test]
fn empty_file() {
    let diagnostic = err("empty.json");
    assert_eq!(diagnostic.message, "file is empty");
    assert_at(&diagnostic, "empty.json", "", None);
}

#[test]
fn a_word_is_a_yaml_string_not_a_spec() {
    let diagnostic = err("hello.txt");
    assert_eq!(diagnostic.message, "the root must be an object, found a string");
}

#[test]
fn truncated_json_has_line_and_column() {
    let diagnostic = err("truncated.json");
    assert_eq!(diagnostic.message, "invalid JSON: EOF while parsing an object");
    assert_at(&diagnostic, "truncated.json", "", Some((5, 1)));
}

#[test]
fn wrong_version() {
    let diagnostic = err("wrong_version.json");
    assert_at(&diagnostic, "wrong_version.json", "/swagger", Some((2, 14)));
    assert_eq!(
        diagnostic.message,
        "unsupported `swagger` version \"1.2\"; supported are `\"swagger\": \"2.0\"` and `\"openapi\": \"3.0.x\"`"
    );
    let diagnostic = err("openapi31.yaml");
    assert_at(&diagnostic, "openapi31.yaml", "/openapi", None);
    assert!(diagnostic.message.contains("\"3.1.0\""), "{diagnostic}");
}

#[test]
fn no_paths() {
    let diagnostic = err("no_paths.json");
    assert_eq!(diagnostic.message, "no `paths` object");
    assert_eq!(diagnostic.pointer, "");
}

#[test]
fn dangling_local_ref() {
    let diagnostic = err("dangling.json");
    assert_at(
        &diagnostic,
        "dangling.json",
        "/paths/~1a/get/responses/200/schema",
        Some((10, 23)),
    );
    assert_eq!(
        diagnostic.message,
        "`$ref` target `#/definitions/Missing` does not exist"
    );
    let shown = diagnostic.to_string();
    assert!(shown.ends_with("dangling.json:10:23: #/paths/~1a/get/responses/200/schema: `$ref` target `#/definitions/Missing` does not exist"), "{shown}");
}

#[test]
fn external_definition_is_imported_with_its_references() {
    let bundle = ok("external/spec.json");
    let document = &bundle.document;
    assert_eq!(
        document["paths"]["/pets"]["get"]["responses"]["200"]["schema"],
        json!({"$ref": "#/definitions/Pet"})
    );
    assert_eq!(
        document["definitions"]["Local"]["properties"]["pet"],
        json!({"$ref": "#/definitions/Pet", "description": "The pet."})
    );
    assert_eq!(
        document["definitions"]["Pet"]["properties"]["owner"],
        json!({"$ref": "#/definitions/Owner"})
    );
    assert_eq!(document["definitions"]["Owner"]["properties"]["name"]["type"], "string");
    assert_eq!(document["definitions"].get("NotUsed"), None);
}

#[test]
fn diagnostic_inside_an_imported_definition_names_its_file() {
    let bundle = ok("external/spec.json");
    let diagnostic = bundle.diagnostic("/definitions/Pet/properties/age", "unsupported format");
    assert_at(
        &diagnostic,
        "external/definitions.json",
        "/definitions/Pet/properties/age",
        Some((7, 16)),
    );
    assert_eq!(diagnostic.message, "unsupported format");
    // A pointer the source file does not have falls back to the line of its nearest ancestor.
    let diagnostic = bundle.diagnostic("/definitions/Pet/properties/age/nothing", "x");
    assert_at(
        &diagnostic,
        "external/definitions.json",
        "/definitions/Pet/properties/age/nothing",
        Some((7, 16)),
    );
}

#[test]
fn parameter_from_common_folder_is_imported() {
    let bundle = ok("upstream/Svc/stable/v1/spec.json");
    let document = &bundle.document;
    assert_eq!(
        document["paths"]["/detect"]["post"]["parameters"],
        json!([{"$ref": "#/parameters/returnId"}, {"$ref": "#/parameters/ImageUrl"}])
    );
    assert_eq!(
        document["paths"]["/detect/stream"]["post"]["parameters"],
        json!([{"$ref": "#/parameters/ImageStream"}])
    );
    assert_eq!(
        document["parameters"]["ImageUrl"]["schema"],
        json!({"$ref": "#/definitions/ImageUrl"})
    );
    assert_eq!(document["parameters"]["ImageStream"]["schema"]["format"], "file");
    assert_eq!(document["definitions"]["ImageUrl"]["required"], json!(["url"]));
    assert_eq!(
        document["paths"]["/detect"]["post"]["x-ms-examples"],
        json!({"Detect example": {"$ref": "./examples/Detect.json"}})
    );
    let diagnostic = bundle.diagnostic("/parameters/ImageUrl/schema", "x");
    assert_at(
        &diagnostic,
        "upstream/Common/Parameters.json",
        "/parameters/ImageUrl/schema",
        Some((27, 17)),
    );
}

#[test]
fn name_collision_gets_a_suffix() {
    let bundle = ok("collision/spec.json");
    let definitions = &bundle.document["definitions"];
    assert_eq!(
        definitions["Uses"]["properties"]["other"],
        json!({"$ref": "#/definitions/Error_1"})
    );
    assert_eq!(
        definitions["Uses"]["properties"]["again"],
        json!({"$ref": "#/definitions/Error_1"})
    );
    assert_eq!(
        definitions["Error"]["properties"].get("code"),
        Some(&json!({"type": "string"}))
    );
    assert_eq!(
        definitions["Error_1"]["properties"].get("message"),
        Some(&json!({"type": "string"}))
    );
    let diagnostic = bundle.diagnostic("/definitions/Error_1", "x");
    assert_at(&diagnostic, "collision/other.json", "/definitions/Error", Some((3, 14)));
}

#[test]
fn missing_file() {
    let diagnostic = err("missing_file.json");
    assert_at(&diagnostic, "missing_file.json", "/parameters/P", Some((6, 10)));
    let missing = fixture("nowhere/Parameters.json");
    let expected = format!(
        "cannot read `{}` (for `$ref` `nowhere/Parameters.json#/parameters/P`): ",
        missing.display()
    );
    assert!(diagnostic.message.starts_with(&expected), "{diagnostic}");
}

#[test]
fn ref_cycle() {
    let diagnostic = err("cycle.json");
    assert_at(&diagnostic, "cycle.json", "/definitions/A", Some((6, 10)));
    assert_eq!(
        diagnostic.message,
        "`$ref` cycle: #/definitions/A -> #/definitions/B -> #/definitions/A"
    );
}

#[test]
fn inlining_cycle_across_files() {
    let diagnostic = err("inline_cycle/spec.json");
    assert_at(&diagnostic, "inline_cycle/c.json", "/shared/ok/x-link", Some((5, 17)));
    let b = fixture("inline_cycle/b.json");
    let c = fixture("inline_cycle/c.json");
    let expected = format!(
        "`$ref` cycle: {b}#/paths/~1a -> {c}#/shared/ok -> {b}#/paths/~1a",
        b = b.display(),
        c = c.display()
    );
    assert_eq!(diagnostic.message, expected);
}

#[test]
fn recursive_schema_is_valid() {
    let bundle = ok("recursive.json");
    let children = &bundle.document["definitions"]["Node"]["properties"]["children"];
    assert_eq!(children["items"], json!({"$ref": "#/definitions/Node"}));
}

/// Loads `text` as the only file, through the in-memory reader.
fn load_text(name: &str, text: &str) -> Result<Bundle, Diagnostic> {
    let text = text.as_bytes().to_vec();
    load::load_with(Path::new(name), &|_: &Path| -> io::Result<Vec<u8>> { Ok(text.clone()) })
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let json = format!(
        "{{\"swagger\": \"2.0\", \"paths\": {}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let yaml: String = (0..10_000).map(|depth| format!("{}a:\n", " ".repeat(depth))).collect();
    for (name, text) in [("deep.json", json), ("deep.yaml", yaml)] {
        let diagnostic = load_text(name, &text)
            .err()
            .unwrap_or_else(|| panic!("{name} should not load"));
        assert!(diagnostic.message.contains("nested too deeply"), "{diagnostic}");
        assert!(diagnostic.line_col.is_some(), "{diagnostic}");
    }
}

#[test]
fn line_col_is_public() {
    let text = "{\n  \"a\": [true, {\"b\": 1}]\n}";
    assert_eq!(load::line_col(text, "/a/1/b"), Some((2, 21)));
    assert_eq!(load::line_col(text, "/a/2"), None);
}
