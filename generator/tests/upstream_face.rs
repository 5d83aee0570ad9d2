//! The full upstream Face spec through load, convert and model, when `AZURE_SPECS_DIR` points at
//! the `specs/azure` folder of azure-rest-api-specs (the one containing `cognitiveservices/`).
//!
//! The full spec need not be supported yet; what it must never do is panic. A failure must be a
//! Diagnostic naming `Face.json` (or the `Common/Parameters.json` it references) and a pointer.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use codegen::{convert, load, model, Config, Diagnostic};

#[path = "support/prerequisites.rs"]
mod prerequisites;

const FACE: &str = "cognitiveservices/Face/stable/v1.0/Face.json";

fn face_spec() -> Option<PathBuf> {
    let root = prerequisites::specs_dir("upstream_face.rs (the upstream Face.json)")?;
    let spec = root.join(FACE);
    assert!(
        spec.is_file(),
        "{} does not exist (AZURE_SPECS_DIR should be the `specs/azure` folder)",
        spec.display()
    );
    Some(spec)
}

/// A failure must say where: the Face spec or the common parameters it uses, and a node there.
#[track_caller]
fn check_diagnostic(stage: &str, d: &Diagnostic) {
    eprintln!("{stage}: {d}");
    let name = d.file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    assert!(
        name == "Face.json" || name == "Parameters.json",
        "{stage}: the diagnostic should name Face.json or Parameters.json: {d}"
    );
    assert!(
        !d.pointer.is_empty(),
        "{stage}: the diagnostic should have a pointer: {d}"
    );
    assert!(!d.message.is_empty(), "{stage}: {d}");
}

fn no_panic<T>(stage: &str, f: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(value) => value,
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{stage} panicked on the upstream Face.json: {message}");
        }
    }
}

#[test]
fn full_face_spec_loads_converts_and_models_without_panic() {
    let Some(spec) = face_spec() else { return };

    let bundle = match no_panic("load", || load::load(&spec)) {
        Ok(bundle) => bundle,
        Err(d) => return check_diagnostic("load", &d),
    };
    let definitions = bundle
        .document
        .get("definitions")
        .and_then(|d| d.as_object())
        .map_or(0, |d| d.len());
    eprintln!("load: ok, {definitions} definitions");

    let converted = match no_panic("convert", || convert::to_openapi3(&bundle)) {
        Ok(converted) => converted,
        Err(d) => return check_diagnostic("convert", &d),
    };
    let openapi = &converted.openapi;
    let schemas = openapi.components.as_ref().map_or(0, |c| c.schemas.len());
    eprintln!(
        "convert: ok, {} operations, {schemas} component schemas",
        openapi.operations().count()
    );

    // The same `locate` as `Config::generate`: model pointers are mapped back to the Swagger nodes.
    let locate = |p: &str, m: String| converted.diagnostic(&bundle, p, m);
    match no_panic("model", || model::build(openapi, &model::Options::default(), &locate)) {
        Ok(model) => {
            eprintln!(
                "model: ok, {} operations in {} groups, {} schemas, {} renames",
                model.operations().count(),
                model.groups.len(),
                model.schemas.len(),
                model.renames.len()
            );
            assert!(model.operations().count() > 0);
        }
        Err(d) => check_diagnostic("model", &d),
    }
}

/// The whole pipeline, emit included, as the CLI runs it.
#[test]
fn full_face_spec_generates_or_names_the_problem() {
    let Some(spec) = face_spec() else { return };
    match no_panic("generate", || Config::new().generate(&spec)) {
        Ok(generated) => eprintln!("generate: ok, {}", generated.summary()),
        Err(d) => check_diagnostic("generate", &d),
    }
}
