//! Regenerates the Face client from `spec/` whenever the spec (or the generator) changes. The
//! generated code uses the runtime crate (`runtime/`), this crate's one dependency, as do the
//! test fixtures, so that clients of different specs share its types.

use codegen::Runtime;

fn main() {
    let mut result = codegen::Config::new()
        .crate_name("azure-face")
        .runtime(Runtime::Crate)
        .build_script("spec/face-snapshot.json");
    // Small clients that the tests compile, to check generator behaviour the Face spec does not
    // exercise: tests/fixtures/NAME.json -> $OUT_DIR/fixture_NAME.rs, included by tests/NAME.rs.
    println!("cargo:rerun-if-changed=tests/fixtures");
    let mut fixtures: Vec<_> = std::fs::read_dir("tests/fixtures")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    fixtures.sort();
    for spec in fixtures {
        let stem = spec.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        result = result.and(
            codegen::Config::new()
                .crate_name(format!("fixture-{stem}"))
                .output_file(format!("fixture_{stem}.rs"))
                .runtime(Runtime::Crate)
                .build_script(&spec),
        );
    }
    if let Err(diagnostic) = result {
        eprintln!("error: {diagnostic}");
        std::process::exit(1);
    }
}
