//! Whole-document conversions of the fixtures in `tests/fixtures/convert/`, compared with
//! reviewed snapshots (`INSTA_UPDATE=always` rewrites them after an intended change).

use std::path::Path;

use codegen::convert::convert_swagger;
use codegen::Diagnostic;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/convert")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn features_fixture_converts_as_reviewed() {
    let swagger = fixture("features.json");
    let converted = convert_swagger(&swagger, &|pointer, message| {
        Diagnostic::new("features.json", pointer, message)
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let openapi = &converted.openapi;
    let json = serde_json::to_string_pretty(openapi).expect("serialize");
    insta::with_settings!({ snapshot_path => "fixtures/convert", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("features.openapi3", json);
    });

    // The converted document reads back as the same OpenAPI 3 document.
    let reparsed: openapiv3::OpenAPI = serde_json::from_str(&json).expect("reparse");
    assert_eq!(&reparsed, openapi);

    // A few pointers of the converted document map back to what the user wrote, as the
    // converter recorded them.
    let origin = |pointer: &str| converted.sources.origin(&swagger, pointer);
    let item = "/paths/~1widgets~1{widgetId}?overload=image/put";
    assert_eq!(
        origin(&format!(
            "{item}/requestBody/content/multipart~1form-data/schema/properties/image"
        )),
        "/x-ms-paths/~1widgets~1{widgetId}?overload=image/put/parameters/1"
    );
    assert_eq!(
        origin("/components/schemas/Widget/properties/size/nullable"),
        "/definitions/Widget/properties/size/x-nullable"
    );
}
