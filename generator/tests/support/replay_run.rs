//! What the corpus tests (corpus.rs, arm_corpus.rs) share around the replay harness: the compiler
//! errors of a cargo run sorted out by package, and a harness's output read back.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use super::workspace::{run, write_if_changed};

/// What one harness run found.
#[derive(Default)]
pub struct Replay {
    pub passed: usize,
    /// `(operationId, example file, reason)` of each failed example.
    pub failed: Vec<(String, String, String)>,
    /// Set when the harness did not run to its summary.
    pub error: Option<String>,
}

/// Runs a cargo command with `--message-format=json` and returns the rendered errors by the
/// manifest folder of the package they belong to.
pub fn errors_by_package(command: Command, what: &str) -> BTreeMap<PathBuf, Vec<String>> {
    let output = run(command);
    let mut errors: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let manifest = PathBuf::from(message["manifest_path"].as_str().unwrap_or_default());
        let rendered = message["message"]["rendered"].as_str().unwrap_or_default().to_string();
        errors
            .entry(manifest.parent().unwrap_or(Path::new("")).to_path_buf())
            .or_default()
            .push(rendered);
    }
    if !output.status.success() && errors.is_empty() {
        panic!(
            "{what} failed without a compiler error:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    errors
}

/// Reads a harness's output: `ok ...`, `FAIL <name> <operationId> <example>: <reason>` and the
/// summary `<N> passed, <M> failed`.
pub fn parse_replay(name: &str, output: &Output, verbose: bool) -> Replay {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut replay = Replay::default();
    let mut summary = None;
    for line in stdout.lines() {
        if verbose {
            println!("    {line}");
        }
        if let Some(rest) = line.strip_prefix(&format!("FAIL {name} ")) {
            let (head, reason) = rest.split_once(": ").unwrap_or((rest, ""));
            let (operation, example) = head.split_once(' ').unwrap_or((head, ""));
            replay
                .failed
                .push((operation.to_string(), example.to_string(), reason.to_string()));
        } else if line.starts_with(&format!("ok {name} ")) {
            replay.passed += 1;
        } else if let Some((passed, failed)) = line.strip_suffix(" failed").and_then(|l| l.split_once(" passed, ")) {
            summary = passed.parse::<usize>().ok().zip(failed.parse::<usize>().ok());
        }
    }
    match summary {
        Some((passed, failed)) if passed == replay.passed && failed == replay.failed.len() => {}
        _ => {
            replay.error = Some(format!(
                "the harness did not finish (status {}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            ))
        }
    }
    replay
}

/// The replay harness's sources (the same for every generated crate).
const HARNESS_MAIN: &str = include_str!("../replay_harness/src/main.rs");
const HARNESS_EQUIVALENCE: &str = include_str!("../replay_harness/src/json_equivalence.rs");
const HARNESS_MANIFEST: &str = include_str!("../replay_harness/Cargo.toml.template");

/// Writes the replay harness `harness` of the generated crate `package` into `work` (each file
/// only when it changed, so cargo rebuilds nothing needlessly).
pub fn write_harness(work: &Path, harness: &str, package: &str) {
    let manifest = HARNESS_MANIFEST
        .replace("{harness}", harness)
        .replace("{crate}", package);
    write_if_changed(&work.join(harness).join("Cargo.toml"), &manifest);
    write_if_changed(&work.join(harness).join("src/main.rs"), HARNESS_MAIN);
    write_if_changed(&work.join(harness).join("src/json_equivalence.rs"), HARNESS_EQUIVALENCE);
}

/// Prints the first compiler errors of each crate that has some (`(name, clippy, rustdoc)`), and
/// of the first harness that does not compile (every harness has the same source: once is enough).
pub fn print_errors<'a>(
    crates: impl Iterator<Item = (&'a str, &'a [String], &'a [String])>,
    harness: Option<(&str, &[String])>,
) {
    for (name, clippy, doc) in crates.filter(|(_, clippy, doc)| !clippy.is_empty() || !doc.is_empty()) {
        println!("\n{name}: {} errors, the first ones:", clippy.len() + doc.len());
        for error in clippy.iter().chain(doc).take(3) {
            println!("{error}");
        }
    }
    if let Some((harness, errors)) = harness {
        println!(
            "\nThe replay harness ({harness}): {} errors, the first ones:",
            errors.len()
        );
        for error in errors.iter().take(3) {
            println!("{error}");
        }
    }
}
