//! The generated code, as reviewers see it: `generated/` (the one committed copy of the generated
//! crate, whose diff shows every change to the code in PRs) must match the spec, generation must
//! be deterministic, and an insta snapshot of the public API listing shows API changes at a glance.

use std::path::PathBuf;

const REFRESH: &str = "cargo run --release --manifest-path generator/Cargo.toml -- --input spec/face-snapshot.json \
     --output generated --runtime-path ../runtime";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn generate() -> codegen::Generated {
    codegen::Config::new()
        .runtime(codegen::Runtime::Path("../runtime".into()))
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
fn this_crate_depends_on_the_runtime_crate_only() {
    // build.rs includes the generated code here, generated to use the runtime crate: that is all
    // it needs (the runtime re-exports serde, uuid, time and the rest for it).
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let dependencies: Vec<&str> = manifest
        .split("\n[dependencies]\n")
        .nth(1)
        .and_then(|s| s.split("\n[").next())
        .unwrap_or_default()
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .collect();
    assert_eq!(dependencies, [r#"azure-rest-runtime = { path = "runtime" }"#]);
    let generated = std::fs::read_to_string(root().join("generated/Cargo.toml")).unwrap();
    assert!(
        generated.ends_with("[dependencies]\nazure-rest-runtime = { path = \"../runtime\" }\n"),
        "{generated}"
    );
}
