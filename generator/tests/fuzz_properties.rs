//! Property test: valid specs, mutated (a field dropped, a type changed, a `$ref` dangling or
//! made into a cycle, odd JSON in place of a value, ...; see `support/mutate.rs`), make the whole
//! pipeline (load, convert, model, emit) return files or a clean Diagnostic, never panic.
//!
//! The number of cases is bounded so that the test takes seconds; `PROPTEST_CASES=10000` runs
//! more. `cargo fuzz` (see `generator/fuzz/`) applies the same mutations for as long as it is
//! given. A failing case is shrunk to a minimal list of mutations and printed; add it to
//! `regressions` below once fixed.

#[path = "support/mutate.rs"]
mod mutate;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::OnceLock;

use codegen::{emit, load, model, Diagnostic};
use mutate::Mutation;
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestCaseError};
use serde_json::{json, Value};

/// Cases when `PROPTEST_CASES` is not set.
const DEFAULT_CASES: u32 = 256;

/// The specs mutated: the Face snapshot (the crate's own spec) and the fixtures that generate,
/// in JSON and YAML, Swagger 2.0 and OpenAPI 3.0.
fn seeds() -> &'static [(&'static str, Value)] {
    static SEEDS: OnceLock<Vec<(&'static str, Value)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let json = |text: &str| serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')).unwrap();
        vec![
            ("face-snapshot", json(include_str!("../../spec/face-snapshot.json"))),
            ("widgets", json(include_str!("fixtures/model/widgets.json"))),
            ("features", json(include_str!("fixtures/convert/features.json"))),
            (
                "petstore",
                serde_yaml::from_str(include_str!("fixtures/load/petstore.yaml")).unwrap(),
            ),
            ("openapi3", openapi3()),
        ]
    })
}

/// A small OpenAPI 3.0 document: the other input format, with components of each common kind.
fn openapi3() -> Value {
    json!({
        "openapi": "3.0.1",
        "info": {"title": "Widgets", "version": "1.0"},
        "servers": [{"url": "https://{host}/v1", "variables": {"host": {"default": "example.com"}}}],
        "paths": {"/widgets/{id}": {
            "parameters": [{"$ref": "#/components/parameters/Id"}],
            "get": {"operationId": "Widgets_Get", "responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Widget"}}}},
                "default": {"$ref": "#/components/responses/Error"}}},
            "put": {"operationId": "Widgets_Put",
                "requestBody": {"$ref": "#/components/requestBodies/Widget"},
                "responses": {"201": {"description": "created"}}}
        }},
        "components": {
            "parameters": {"Id": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}},
            "requestBodies": {"Widget": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Widget"}}}}},
            "responses": {"Error": {"description": "error", "content": {"application/json": {"schema": {"type": "object", "properties": {"message": {"type": "string"}}}}}}},
            "schemas": {
                "Widget": {"type": "object", "required": ["name"], "properties": {
                    "name": {"type": "string", "maxLength": 10},
                    "kind": {"type": "string", "enum": ["a", "b"]},
                    "parts": {"type": "array", "items": {"$ref": "#/components/schemas/Part"}},
                    "labels": {"type": "object", "additionalProperties": {"type": "integer", "format": "int32"}}
                }},
                "Part": {"allOf": [{"$ref": "#/components/schemas/Base"}], "properties": {"weight": {"type": "number", "nullable": true}}},
                "Base": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}}
            }
        }
    })
}

/// How a case ended.
enum Outcome {
    Generated,
    Diagnostic(Diagnostic),
}

/// Runs the whole pipeline on `text` as the file `spec.json`, in memory. A panic is an error
/// naming the panic.
fn run(text: &str) -> Result<Outcome, String> {
    let name = Path::new("spec.json");
    let pipeline = || -> Result<(), Diagnostic> {
        let bundle = load::load_text(name, text)?;
        let model = codegen::code_model(&bundle, &model::Options::default())?;
        emit::crate_files_with(
            &model,
            "mutated",
            "spec.json",
            &emit::Options {
                replay: true,
                ..Default::default()
            },
        )
        .map_err(|e| Diagnostic::new(name, "", e.0))?;
        Ok(())
    };
    match catch_unwind(AssertUnwindSafe(pipeline)) {
        Ok(Ok(())) => Ok(Outcome::Generated),
        Ok(Err(diagnostic)) => Ok(Outcome::Diagnostic(diagnostic)),
        Err(panic) => Err(panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "(no message)".into())),
    }
}

/// What a clean Diagnostic is: about the spec, at a JSON pointer, with a message that is not an
/// internal error, and with a line and column when it comes from the spec's text.
fn check_diagnostic(d: &Diagnostic) -> Result<(), String> {
    let shown = d.to_string();
    if d.file != Path::new("spec.json") {
        return Err(format!("names the file {}: {shown}", d.file.display()));
    }
    if !(d.pointer.is_empty() || d.pointer.starts_with('/')) {
        return Err(format!("the pointer is not a JSON pointer: {shown}"));
    }
    if d.message.trim().is_empty() || d.message.contains("internal error") {
        return Err(format!("not a message for users: {shown}"));
    }
    Ok(())
}

/// Applies `mutations` to seed number `seed` and runs the pipeline on the result.
fn check_case(seed: usize, mutations: &[Mutation]) -> Result<Outcome, TestCaseError> {
    let (name, spec) = &seeds()[seed];
    let mut spec = spec.clone();
    for &mutation in mutations {
        mutate::apply(&mut spec, mutation);
    }
    let text = serde_json::to_string_pretty(&spec).expect("a Value serializes");
    let fail = |what: String| TestCaseError::fail(format!("{name} with {mutations:?}: {what}"));
    match run(&text).map_err(|panic| fail(format!("panicked: {panic}")))? {
        Outcome::Diagnostic(d) => {
            check_diagnostic(&d).map_err(fail)?;
            Ok(Outcome::Diagnostic(d))
        }
        generated => Ok(generated),
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (0..mutate::KINDS, any::<usize>(), any::<usize>(), any::<usize>())
        .prop_map(|(kind, a, b, c)| Mutation::from_numbers(kind, a, b, c))
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    ProptestConfig {
        cases,
        // Failures are kept as tests below, not in files next to this one.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_specs_generate_or_give_a_clean_diagnostic(
        seed in 0..seeds().len(),
        mutations in prop::collection::vec(mutation(), 1..=4),
    ) {
        check_case(seed, &mutations)?;
    }
}

/// Every seed generates as it is, so that the mutations start from valid specs.
#[test]
fn seeds_generate() {
    for (seed, (name, _)) in seeds().iter().enumerate() {
        match check_case(seed, &[]) {
            Ok(Outcome::Generated) => {}
            Ok(Outcome::Diagnostic(d)) => panic!("{name}: {d}"),
            Err(e) => panic!("{e}"),
        }
    }
}

/// Each kind of mutation at a few places of each seed: a deterministic sweep, so that every kind
/// runs on every seed whatever the random cases pick.
#[test]
fn every_kind_of_mutation_on_every_seed() {
    let (mut generated, mut diagnostics) = (0, 0);
    for seed in 0..seeds().len() {
        let nodes = mutate::nodes(&seeds()[seed].1).len();
        for kind in 0..mutate::KINDS {
            for step in 0..7 {
                let node = step * nodes / 7 + kind;
                let mutation = Mutation::from_numbers(kind, node, step * 13 + kind, step * 7);
                match check_case(seed, &[mutation]) {
                    Ok(Outcome::Generated) => generated += 1,
                    Ok(Outcome::Diagnostic(_)) => diagnostics += 1,
                    Err(e) => panic!("{e}"),
                }
            }
        }
    }
    eprintln!("{generated} generated, {diagnostics} diagnostics");
    assert!(generated > 0 && diagnostics > 0);
}

// ----- what fuzzing found ----------------------------------------------------------------------

/// `cargo fuzz run load_convert` with `FUZZ_STRICT=1`: a schema `$ref` to `#/parameters` (not a
/// definition) converted as written, so the OpenAPI 3 document of a spec that generated (the
/// parameter was unused) did not load again: the reference dangled there. Now the converter says
/// so, at the `$ref`.
#[test]
fn schema_ref_outside_the_definitions_is_a_clean_error() {
    let spec = r##"{"swagger": "2.0", "info": {"version": "2017-08-30", "title": ""}, "paths": {},
        "parameters": {"ImageStream": {"name": "Image", "in": "body", "required": true,
            "schema": {"$ref": "#/parameters"}}}}"##;
    let Ok(Outcome::Diagnostic(d)) = run(spec) else {
        panic!("expected a Diagnostic")
    };
    assert_eq!(d.pointer, "/parameters/ImageStream/schema/$ref", "{d}");
    assert!(d.message.contains("`$ref` `#/parameters` is not a definition"), "{d}");
    assert!(d.line_col.is_some(), "{d}");
}
