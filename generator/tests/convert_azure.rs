//! Converts the real Azure specs under `AZURE_SPECS_DIR` (e.g. `/work/shared/specs/azure`).
//! Without them each test says so on stderr and passes, or fails under `CI=true`
//! (`support/prerequisites.rs`; `scripts/test` sets the variable).

use std::path::{Path, PathBuf};

#[path = "support/prerequisites.rs"]
mod prerequisites;

use codegen::convert::{convert_swagger, to_openapi3};
use codegen::load::{load, SpecVersion};
use codegen::Diagnostic;
use openapiv3::{OpenAPI, ReferenceOr, StatusCode};
use serde_json::Value;

const FACE: &str = "cognitiveservices/Face/stable/v1.0/Face.json";

fn specs_dir() -> Option<PathBuf> {
    prerequisites::specs_dir("convert_azure.rs (the upstream specs through the converter)")
}

/// What the Face spec must look like after conversion, however it was read.
fn check_face(oa: &OpenAPI) {
    assert_eq!(oa.servers.len(), 1);
    assert_eq!(oa.servers[0].url, "{Endpoint}/face/v1.0");
    assert!(oa.servers[0]
        .variables
        .as_ref()
        .is_some_and(|v| v.contains_key("Endpoint")));
    assert!(oa.extensions.contains_key("x-ms-parameterized-host"));
    assert!(!oa.extensions.contains_key("x-ms-paths"));

    let components = oa.components.as_ref().expect("components");
    assert!(components.schemas.contains_key("Snapshot"));
    assert!(components.security_schemes.contains_key("apim_key"));

    let (path, method, op) = oa
        .operations()
        .find(|(_, _, op)| op.operation_id.as_deref() == Some("Snapshot_Take"))
        .expect("Snapshot_Take");
    assert_eq!((path, method), ("/snapshots", "post"));
    let body = op
        .request_body
        .as_ref()
        .and_then(ReferenceOr::as_item)
        .expect("inline body");
    assert_eq!(body.extensions.get("x-ms-client-flatten"), Some(&Value::Bool(true)));
    assert_eq!(
        body.extensions.get("x-ms-requestBody-name"),
        Some(&Value::String("body".into()))
    );
    assert!(body.content.contains_key("application/json"));
    let accepted = op
        .responses
        .responses
        .get(&StatusCode::Code(202))
        .and_then(ReferenceOr::as_item);
    assert!(accepted.expect("202").headers.contains_key("Operation-Location"));

    // x-ms-paths overloads are paths of their own.
    assert!(oa.paths.paths.contains_key("/detect?overload=stream"));
    let (_, _, stream) = oa
        .operations()
        .find(|(path, _, _)| *path == "/detect?overload=stream")
        .expect("detect with stream");
    assert_eq!(stream.operation_id.as_deref(), Some("Face_DetectWithStream"));
}

/// Without the loader: the raw file (BOM stripped), its one external `$ref` left as written.
#[test]
fn face_converts_from_raw_json() {
    let Some(dir) = specs_dir() else { return };
    let text = std::fs::read_to_string(dir.join(FACE)).expect("read Face.json");
    let doc: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).expect("parse Face.json");
    let oa = convert_swagger(&doc, &|pointer, message| Diagnostic::new(FACE, pointer, message))
        .unwrap_or_else(|e| panic!("{e}"))
        .openapi;
    check_face(&oa);
}

#[test]
fn face_converts_through_the_loader() {
    let Some(dir) = specs_dir() else { return };
    let bundle = load(&dir.join(FACE)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bundle.version, SpecVersion::Swagger2);
    let oa = to_openapi3(&bundle).unwrap_or_else(|e| panic!("{e}")).openapi;
    check_face(&oa);
}

/// Every `*.json` under a `stable` directory (examples excluded) loads and converts.
#[test]
fn every_stable_spec_converts() {
    let Some(dir) = specs_dir() else { return };
    let mut specs = Vec::new();
    collect_stable_specs(&dir, false, &mut specs);
    specs.sort();
    assert!(!specs.is_empty(), "no specs under {}", dir.display());
    let failures: Vec<String> = specs
        .iter()
        .filter_map(|spec| {
            let converted = load(spec).and_then(|bundle| to_openapi3(&bundle));
            converted.err().map(|e| format!("{}: {e}", spec.display()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} specs failed:\n{}",
        failures.len(),
        specs.len(),
        failures.join("\n")
    );
    eprintln!("converted {} specs", specs.len());
}

fn collect_stable_specs(dir: &Path, under_stable: bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "examples" {
                collect_stable_specs(&path, under_stable || name == "stable", out);
            }
        } else if under_stable && path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}
