//! What the generator's tests need from outside the repository, and what happens without it:
//! the upstream Azure specs (`AZURE_SPECS_DIR`, and the whole-API corpus beside them,
//! `AZURE_REST_API_SPECS_DIR`) and the AutoRest test server package (npm).
//!
//! One rule for every suite that needs one of them. When it is there, the suite runs. When it is
//! not, the suite says so on stderr (written past the test harness's output capture, so it shows
//! in a plain `cargo test`), naming what is missing and the command that fixes it, and passes;
//! under `CI=true` it fails instead, so a CI run can never pass with a suite silently skipped.
//! `scripts/test` sets both up and runs every test.
//!
//! Both test crates use this one file: the generator's tests as `support/prerequisites.rs`, the
//! `azure-face` crate's (`tests/spec_agreement.rs`, `tests/examples.rs`) through `#[path]`.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

/// The command that installs what is missing and runs every test.
pub const FIX: &str = "run `scripts/test` from the repository root";

/// The folder of the workspace's root `Cargo.toml` (the repository root), whatever package the
/// test belongs to. Cargo runs each package's tests from that package's folder, so relative paths
/// in the environment are resolved against this folder instead.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .ancestors()
        .find(|dir| {
            std::fs::read_to_string(dir.join("Cargo.toml"))
                .is_ok_and(|manifest| manifest.lines().any(|line| line.trim() == "[workspace]"))
        })
        .unwrap_or(manifest_dir)
        .to_path_buf()
}

/// An environment variable's path, relative ones taken from the workspace root.
pub fn path_from_env(name: &str) -> Option<PathBuf> {
    let value = std::env::var_os(name).filter(|v| !v.is_empty())?;
    let path = PathBuf::from(value);
    Some(if path.is_absolute() {
        path
    } else {
        workspace_root().join(path)
    })
}

/// Whether this is a CI run (`CI=true`, as CI services set it; `1` counts too).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// A suite cannot run: a loud line on stderr, or a failure under `CI=true`. `suite` says what is
/// not tested, `missing` what is missing, `fix` how to get it.
#[track_caller]
pub fn cannot_run(suite: &str, missing: &str, fix: &str) {
    let message = format!("{suite} did not run: {missing}. To run it, {fix}.");
    if in_ci() {
        panic!("{message} (CI=true: a suite that cannot run fails)");
    }
    // Straight to the process's stderr: `eprintln!` output of a passing test is captured and
    // never shown.
    let _ = writeln!(std::io::stderr(), "\nSKIPPED: {message}\n");
}

/// A one-line result of a long suite, shown in a plain `cargo test` (straight to stderr, past the
/// output capture), so a run shows that the suite ran and what it found.
pub fn summary(line: &str) {
    let _ = writeln!(std::io::stderr(), "\n{line}\n");
}

/// The upstream `specs/azure` folder (of azure-rest-api-specs, the one holding
/// `cognitiveservices/`) named by `AZURE_SPECS_DIR`, as an absolute path; `None` (after
/// [`cannot_run`]) when the variable is unset or names no folder.
#[track_caller]
pub fn specs_dir(suite: &str) -> Option<PathBuf> {
    let fix = format!(
        "{FIX} (it uses ../shared/specs/azure, or the folder given as its argument), or set \
         AZURE_SPECS_DIR to the specs/azure folder of azure-rest-api-specs"
    );
    match path_from_env("AZURE_SPECS_DIR") {
        None => {
            cannot_run(suite, "AZURE_SPECS_DIR is not set", &fix);
            None
        }
        Some(dir) if !dir.is_dir() => {
            let missing = format!("AZURE_SPECS_DIR names {}, which is not a folder", dir.display());
            cannot_run(suite, &missing, &fix);
            None
        }
        Some(dir) => Some(dir),
    }
}

/// The whole-API corpus: a copy of azure-rest-api-specs holding `FOLDERS.txt` (the API folders,
/// `specification/.../stable/VERSION`, one a line) and `specification/`. It is
/// `AZURE_REST_API_SPECS_DIR` when set, else `azure-rest-api-specs` beside the `AZURE_SPECS_DIR`
/// folder (`../shared/specs/azure-rest-api-specs` for a clone with `../shared` beside it); `None`
/// (after [`cannot_run`]) when neither names a folder with `FOLDERS.txt`.
#[track_caller]
pub fn rest_api_specs_dir(suite: &str) -> Option<PathBuf> {
    let fix = format!(
        "{FIX} (it uses ../shared/specs/azure-rest-api-specs), or set AZURE_REST_API_SPECS_DIR to \
         the folder holding FOLDERS.txt and specification/"
    );
    let dir = match path_from_env("AZURE_REST_API_SPECS_DIR") {
        Some(dir) => dir,
        None => match path_from_env("AZURE_SPECS_DIR") {
            Some(azure) => azure.join("../azure-rest-api-specs"),
            None => {
                cannot_run(
                    suite,
                    "neither AZURE_REST_API_SPECS_DIR nor AZURE_SPECS_DIR is set",
                    &fix,
                );
                return None;
            }
        },
    };
    if !dir.join("FOLDERS.txt").is_file() {
        let missing = format!("{} holds no FOLDERS.txt", dir.display());
        cannot_run(suite, &missing, &fix);
        return None;
    }
    Some(dir.canonicalize().unwrap_or(dir))
}

/// The version of `@microsoft.azure/autorest.testserver` the tests are written against.
pub const TESTSERVER_VERSION: &str = "3.3.51";

/// The AutoRest test server's npm package folder: `AUTOREST_TESTSERVER_DIR`, else
/// `node_modules/@microsoft.azure/autorest.testserver` in the repository (where `scripts/test`
/// installs it); `None` (after [`cannot_run`]) when it holds no `swagger/` folder.
#[track_caller]
pub fn testserver_package(suite: &str) -> Option<PathBuf> {
    let package = path_from_env("AUTOREST_TESTSERVER_DIR")
        .unwrap_or_else(|| workspace_root().join("node_modules/@microsoft.azure/autorest.testserver"));
    if package.join("swagger").is_dir() {
        return Some(package);
    }
    let missing = format!("the AutoRest test server package is not at {}", package.display());
    let fix = format!(
        "{FIX} (it installs the package), or `npm install --no-save \
         @microsoft.azure/autorest.testserver@{TESTSERVER_VERSION}` there, or set \
         AUTOREST_TESTSERVER_DIR to the package folder"
    );
    cannot_run(suite, &missing, &fix);
    None
}

/// The Face client AutoRest generated for Python (PyPI `azure-cognitiveservices-vision-face`,
/// unpacked) named by `AUTOREST_FACE_PYTHON_DIR`: the folder holding `azure/`. `None` (after
/// [`cannot_run`]) when unset or not such a folder.
#[track_caller]
pub fn autorest_face_python_dir(suite: &str) -> Option<PathBuf> {
    let fix = format!(
        "{FIX} (it downloads the wheel with pip into target/), or set AUTOREST_FACE_PYTHON_DIR to \
         the unpacked wheel of azure-cognitiveservices-vision-face 0.6.1"
    );
    let Some(dir) = path_from_env("AUTOREST_FACE_PYTHON_DIR") else {
        cannot_run(suite, "AUTOREST_FACE_PYTHON_DIR is not set", &fix);
        return None;
    };
    if !dir.join("azure/cognitiveservices/vision/face/operations").is_dir() {
        cannot_run(
            suite,
            &format!(
                "{} holds no azure/cognitiveservices/vision/face/operations",
                dir.display()
            ),
            &fix,
        );
        return None;
    }
    Some(dir)
}
