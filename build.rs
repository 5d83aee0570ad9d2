//! Regenerates the Face client from `spec/` whenever the spec (or the generator) changes.

fn main() {
    println!("cargo:rustc-check-cfg=cfg(upstream_specs)");
    println!("cargo:rerun-if-env-changed=AZURE_SPECS_DIR");
    // Tests that compare with the upstream Azure specs run only when they are available.
    if std::env::var_os("AZURE_SPECS_DIR").is_some() {
        println!("cargo:rustc-cfg=upstream_specs");
    }
    if let Err(diagnostic) = codegen::Config::new().crate_name("azure-face").build_script("spec/face-snapshot.json") {
        eprintln!("error: {diagnostic}");
        std::process::exit(1);
    }
}
