//! Helpers shared by the tests that build generated crates in a Cargo workspace of their own
//! (corpus.rs, testserver.rs).

use std::path::Path;

use codegen::Runtime;
use std::process::{Command, Output};
use std::time::Duration;

/// Writes `contents` to `path` unless it already holds exactly that (keeps mtimes, so cargo
/// rebuilds nothing).
pub fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return;
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
    }
    std::fs::write(path, contents).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// `cargo` in a test workspace, with its target folder.
pub fn cargo(work: &Path, target: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .args(args)
        .current_dir(work)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTDOCFLAGS")
        .env_remove("CARGO_BUILD_TARGET_DIR");
    command
}

pub fn run(mut command: Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

/// A duration for reports: `12.3s`.
pub fn secs(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

/// The runtime crate (`runtime/` of this repository) as a path dependency, absolute, so that every
/// generated crate of a test workspace uses it and the runtime is compiled once per workspace.
pub fn runtime_crate() -> Runtime {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    let path = path
        .canonicalize()
        .unwrap_or_else(|e| panic!("cannot find the runtime crate at {}: {e}", path.display()));
    Runtime::Path(path.to_string_lossy().into_owned())
}
