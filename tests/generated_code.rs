//! The generated code, as reviewers see it: `generated/` (the one committed copy of the generated
//! crate, whose diff shows every change to the code in PRs) must match the spec, generation must
//! be deterministic, and an insta snapshot of the public API listing shows API changes at a glance.

use std::path::PathBuf;

const REFRESH: &str =
    "cargo run --release --manifest-path generator/Cargo.toml -- --input spec/face-snapshot.json --output generated";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn generate() -> codegen::Generated {
    codegen::Config::new()
        .generate(root().join("spec/face-snapshot.json"))
        .unwrap_or_else(|d| panic!("{d}"))
}

#[test]
fn generated_folder_matches_the_spec() {
    let generated = generate();
    if let codegen::DirStatus::Stale(paths) = codegen::check_dir(&root().join("generated"), &generated.files) {
        panic!(
            "generated/ is stale ({}). Refresh it with:\n    {REFRESH}",
            paths.join(", ")
        );
    }
}

#[test]
fn generation_is_deterministic() {
    let (first, second) = (generate(), generate());
    assert_eq!(first.files, second.files);
    assert_eq!(first.api_listing(), second.api_listing());
}

#[test]
fn snapshot_of_the_public_api() {
    insta::assert_snapshot!("api_listing", generate().api_listing());
}

#[test]
fn this_crate_has_every_dependency_the_generated_code_needs() {
    // build.rs includes the generated code here, so this crate needs what a generated crate lists.
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|s| s.split("\n[").next())
        .unwrap_or_default();
    for (name, _) in codegen::emit::DEPENDENCIES {
        assert!(
            dependencies.lines().any(|line| line.starts_with(&format!("{name} ="))),
            "Cargo.toml [dependencies] lacks `{name}`, which generated code uses"
        );
    }
}
