//! Regenerates the Face client from `spec/` whenever the spec (or the generator) changes.

fn main() {
    println!("cargo:rustc-check-cfg=cfg(upstream_specs)");
    println!("cargo:rerun-if-env-changed=AZURE_SPECS_DIR");
    // Tests that compare with the upstream Azure specs run only when they are available.
    if std::env::var_os("AZURE_SPECS_DIR").is_some() {
        println!("cargo:rustc-cfg=upstream_specs");
    }
    let generated = codegen::Config::new()
        .crate_name("azure-face")
        .build_script("spec/face-snapshot.json");
    // A second, small client that the tests compile to check generator behaviour the Face spec
    // does not exercise (extensible enums, x-ms-enum value names).
    let fixture = codegen::Config::new()
        .crate_name("pet-store")
        .output_file("fixture_enums.rs")
        .build_script("tests/fixtures/enums.json");
    if let Err(diagnostic) = generated.and(fixture) {
        eprintln!("error: {diagnostic}");
        std::process::exit(1);
    }
}
