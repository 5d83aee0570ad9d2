//! The converter's round trip: a Swagger 2.0 spec generates a crate; the same spec converted to
//! OpenAPI 3.0 (`Config::openapi3`), written as JSON (`convert::to_json`, what `--emit-openapi3`
//! writes) and read back as OpenAPI 3.0 input must give the same code model and the very same
//! files. That shows the written document carries everything the later stages read and stands
//! alone: the loader has bundled every external `$ref` (e.g. `../../../Common/Parameters.json`)
//! into it, and it is generated from a temporary folder without those files. (`$ref`s under
//! `x-ms-examples` stay relative to the original spec; no stage reads them.)
//!
//! Specs: the project's `spec/face-snapshot.json`, every `*.json` under `tests/fixtures/`, and,
//! when `AZURE_SPECS_DIR` is set (e.g. `/work/shared/specs/azure`; without it the upstream test
//! says so on stderr and passes, or fails under `CI=true`), every `*.json` under a
//! `stable/` folder there outside `examples/`. A spec that does not convert is skipped; one that
//! converts must read back as the same `openapiv3::OpenAPI`; one that also generates must generate
//! the same from the written document. A spec listed in [`KNOWN_LOSSY`] must differ (so the table
//! cannot go stale); every other one must not.
//!
//! Both inputs meet in `openapiv3::OpenAPI` before the model stage, so this checks that the
//! converter builds only documents that JSON carries faithfully (what openapiv3 writes and reads
//! back the same). What the Swagger -> OpenAPI 3.0 step itself leaves out (see `convert`'s module
//! docs) is the same on both sides and tested by the converter's own tests.
//!
//! Also: the CLI's `--emit-openapi3` writes a document `openapiv3` reads back.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use codegen::emit::File;
use codegen::{convert, Config};

#[path = "support/prerequisites.rs"]
mod prerequisites;

/// Specs (path suffixes, `/`-separated) whose round trip is known to differ, each with a one-line
/// reason. Empty: every spec of the fixtures and of the upstream `stable/` corpus goes round
/// identically (after the converter stopped writing what openapiv3 does not read back: empty
/// `allOf`/`required`/`properties`/`enum`, `null` response examples).
const KNOWN_LOSSY: &[(&str, &str)] = &[(
    "load/collision/spec.json",
    "the converted document holds the imported `Error_1` as a definition of its own, so its \
     RENAMES.md no longer names the two files the two `Error`s came from",
)];

/// The workspace root (`generator/..`).
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fresh empty folder under the system's temporary folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("openapi3-roundtrip-{}-{label}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What one spec's round trip gave.
enum Outcome {
    /// The Swagger input does not convert (not a subject of this test); the reason.
    Skipped(String),
    /// It converts and the OpenAPI 3.0 document reads back unchanged, but the Swagger input does
    /// not generate, so there are no files to compare; the reason.
    DocumentOnly(String),
    /// Both inputs give the same code model and the same files; how many files.
    Same(usize),
    /// They differ, or the OpenAPI 3.0 file failed; what happened.
    Differs(String),
}

/// Converts `spec`, writes the document to a temporary folder under the same file name (the
/// generated files name the spec file), reads it back, and when `spec` generates, generates from
/// both and compares the code models and every file.
fn round_trip(spec: &Path) -> Outcome {
    let config = Config::new();
    let openapi = match config.openapi3(spec) {
        Ok(openapi) => openapi,
        Err(e) => return Outcome::Skipped(e.to_string()),
    };
    let text = convert::to_json(&openapi);
    let dir = TempDir::new("spec");
    let converted = dir.0.join(spec.file_name().expect("a spec has a file name"));
    std::fs::write(&converted, &text).unwrap_or_else(|e| panic!("cannot write {}: {e}", converted.display()));

    // The document itself must read back unchanged (a loss here may not show in the files).
    match config.openapi3(&converted) {
        Ok(reread) if reread == openapi => {}
        Ok(reread) => {
            // The structures: their JSON may well be the same (e.g. another `SchemaKind`).
            return Outcome::Differs(format!(
                "the OpenAPI 3.0 document reads back differently:\n{}",
                diff(&format!("{openapi:#?}"), &format!("{reread:#?}"))
            ));
        }
        Err(e) => return Outcome::Differs(format!("the OpenAPI 3.0 document does not load: {e}")),
    }

    let direct = match config.generate(spec) {
        Ok(generated) => generated,
        Err(e) => return Outcome::DocumentOnly(e.to_string()),
    };
    // Directives next to the spec (`<stem>.codegen.yaml`) apply to its converted form too.
    let mut again_config = Config::new();
    let directives = spec.with_file_name(format!("{}.codegen.yaml", spec.file_stem().unwrap().to_string_lossy()));
    if directives.is_file() {
        again_config.directives(directives);
    }
    let again = match again_config.generate(&converted) {
        Ok(generated) => generated,
        Err(e) => return Outcome::Differs(format!("the OpenAPI 3.0 document does not generate: {e}")),
    };
    let mut report = String::new();
    if again.model != direct.model {
        report += "the code models differ:\n";
        report += &diff(&format!("{:#?}", direct.model), &format!("{:#?}", again.model));
    }
    if let Some(files) = compare(&direct.files, &again.files) {
        report += &files;
    }
    if report.is_empty() {
        Outcome::Same(direct.files.len())
    } else {
        Outcome::Differs(report)
    }
}

/// `None` when both lists hold the same paths with the same contents; else what differs.
fn compare(swagger: &[File], openapi3: &[File]) -> Option<String> {
    let paths = |files: &[File]| files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    if paths(swagger) != paths(openapi3) {
        return Some(format!(
            "different files: from Swagger {:?}, from OpenAPI 3.0 {:?}",
            paths(swagger),
            paths(openapi3)
        ));
    }
    let mut report = String::new();
    for (a, b) in swagger.iter().zip(openapi3) {
        if a.contents != b.contents {
            report += &format!("--- {} (from Swagger 2.0)\n+++ {} (from OpenAPI 3.0)\n", a.path, b.path);
            report += &diff(&a.contents, &b.contents);
        }
    }
    (!report.is_empty()).then_some(report)
}

/// A unified-style hunk around the first difference: three lines of context, then the lines
/// between the common prefix and the common suffix (at most 20 of each side).
fn diff(a: &str, b: &str) -> String {
    const CONTEXT: usize = 3;
    const MAX: usize = 20;
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let start = prefix.saturating_sub(CONTEXT);
    let mut out = format!("@@ line {} @@\n", start + 1);
    for line in &a[start..prefix] {
        out += &format!(" {line}\n");
    }
    for (sign, side) in [('-', &a), ('+', &b)] {
        let changed = &side[prefix..side.len() - suffix];
        for line in changed.iter().take(MAX) {
            out += &format!("{sign}{line}\n");
        }
        if changed.len() > MAX {
            out += &format!("{sign}... {} more lines\n", changed.len() - MAX);
        }
    }
    out
}

/// Runs the round trip on each spec (`name` is how the spec is shown and matched against
/// [`KNOWN_LOSSY`]), prints one line per spec, and fails listing every unexpected result.
/// Returns how many specs went round identically.
fn check_all(specs: &[(String, PathBuf)]) -> usize {
    let mut failures = Vec::new();
    let mut same = 0;
    for (name, path) in specs {
        let known = KNOWN_LOSSY.iter().find(|(suffix, _)| name.ends_with(suffix));
        match (round_trip(path), known) {
            (Outcome::Skipped(why), _) => eprintln!("skipped   {name}: does not convert: {why}"),
            (Outcome::DocumentOnly(why), None) => eprintln!("document  {name} goes round; does not generate: {why}"),
            (Outcome::DocumentOnly(_), Some(_)) => failures.push(format!(
                "{name} no longer generates, so its KNOWN_LOSSY entry cannot be checked"
            )),
            (Outcome::Same(files), None) => {
                same += 1;
                eprintln!("identical {name} ({files} files)");
            }
            (Outcome::Same(_), Some(_)) => {
                failures.push(format!("{name} now goes round identically: remove it from KNOWN_LOSSY"))
            }
            (Outcome::Differs(_), Some((_, why))) => eprintln!("lossy     {name} (known: {why})"),
            (Outcome::Differs(report), None) => {
                eprintln!("DIFFERS   {name}");
                failures.push(format!("{name}: the round trip through OpenAPI 3.0 differs:\n{report}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    same
}

/// Every file under `dir` (recursively) for which `keep` holds, sorted.
fn json_files(dir: &Path, keep: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") && keep(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// `path` relative to `base`, `/`-separated.
fn relative(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn face_snapshot_spec_goes_round_identically() {
    let spec = workspace().join("spec/face-snapshot.json");
    match round_trip(&spec) {
        Outcome::Same(files) => assert!(files > 0),
        Outcome::Skipped(why) | Outcome::DocumentOnly(why) => {
            panic!("spec/face-snapshot.json must generate: {why}")
        }
        Outcome::Differs(report) => panic!("spec/face-snapshot.json: the round trip differs:\n{report}"),
    }
}

#[test]
fn fixtures_go_round_identically() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let specs: Vec<_> = json_files(&base, &|_| true)
        .into_iter()
        .map(|path| (relative(&path, &base), path))
        .collect();
    let same = check_all(&specs);
    assert!(
        same >= 2,
        "model/widgets.json and several load fixtures generate; {same} went round"
    );
}

#[test]
fn azure_stable_specs_go_round_identically() {
    let Some(base) = prerequisites::specs_dir("openapi3_roundtrip.rs (the upstream stable specs)") else {
        return;
    };
    let in_stable = |path: &Path| {
        let rel = path.strip_prefix(&base).unwrap_or(path);
        let dirs: Vec<_> = rel.parent().into_iter().flat_map(Path::components).collect();
        dirs.iter().any(|c| c.as_os_str() == "stable") && !dirs.iter().any(|c| c.as_os_str() == "examples")
    };
    let specs: Vec<_> = json_files(&base, &in_stable)
        .into_iter()
        .map(|path| (relative(&path, &base), path))
        .collect();
    assert!(!specs.is_empty(), "no stable specs under {}", base.display());
    check_all(&specs);
}

/// The comparison has teeth: a document that lost something (here, a request body's
/// `x-ms-client-flatten`) gives other files, and the report shows where.
#[test]
fn a_lossy_document_is_caught() {
    let spec = workspace().join("spec/face-snapshot.json");
    let config = Config::new();
    let direct = config.generate(&spec).expect("spec/face-snapshot.json generates");
    let mut openapi = config.openapi3(&spec).expect("converts");
    let mut dropped = 0;
    for item in openapi.paths.paths.values_mut() {
        let openapiv3::ReferenceOr::Item(item) = item else {
            continue;
        };
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.patch,
            &mut item.delete,
        ];
        for op in operations.into_iter().flatten() {
            if let Some(openapiv3::ReferenceOr::Item(body)) = &mut op.request_body {
                dropped += usize::from(body.extensions.shift_remove("x-ms-client-flatten").is_some());
            }
        }
    }
    assert!(dropped > 0, "spec/face-snapshot.json flattens a body");
    let dir = TempDir::new("lossy");
    let lossy = dir.0.join("face-snapshot.json");
    std::fs::write(&lossy, convert::to_json(&openapi)).expect("write");
    let again = config.generate(&lossy).expect("the lossy document generates");
    assert_ne!(again.model, direct.model);
    let report = compare(&direct.files, &again.files).expect("the files differ");
    assert!(
        report.contains("\n--- src/") && report.contains("\n-") && report.contains("\n+"),
        "{report}"
    );
}

/// The hunk starts with context before the first difference and shows both sides.
#[test]
fn diff_shows_the_first_difference_with_context() {
    let d = diff("a\nb\nc\nd\ne\nf\n", "a\nb\nc\nd\nE\nf\n");
    assert_eq!(d, "@@ line 2 @@\n b\n c\n d\n-e\n+E\n");
    let d = diff("a\n", "a\nb\n");
    assert_eq!(d, "@@ line 1 @@\n a\n+b\n");
}

// ----- the CLI ---------------------------------------------------------------------------------

fn cli(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_azure-rest-codegen"))
        .args(args)
        .output()
        .expect("the CLI runs")
}

/// The file `--emit-openapi3` wrote, parsed; its `openapi` version must be 3.0.x.
#[track_caller]
fn read_openapi3(path: &Path) -> openapiv3::OpenAPI {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{} not written: {e}", path.display()));
    let openapi: openapiv3::OpenAPI =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not OpenAPI 3: {e}", path.display()));
    assert!(openapi.openapi.starts_with("3.0"), "openapi: {}", openapi.openapi);
    openapi
}

#[test]
fn cli_emit_openapi3_writes_a_document_openapiv3_reads() {
    let spec = workspace().join("spec/face-snapshot.json");
    let dir = TempDir::new("cli");
    let alone = dir.0.join("alone.json");
    let out = cli(&[
        "--input".as_ref(),
        spec.as_os_str(),
        "--emit-openapi3".as_ref(),
        alone.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let openapi = read_openapi3(&alone);
    assert!(openapi.paths.paths.contains_key("/snapshots"));
    assert!(!dir.0.join("src").exists(), "without --output no crate is written");
    let expected = convert::to_json(&Config::new().openapi3(&spec).expect("converts"));
    assert_eq!(
        std::fs::read_to_string(&alone).unwrap(),
        expected,
        "the CLI writes convert::to_json"
    );

    // With --output, both are written.
    let crate_dir = dir.0.join("crate");
    let both = dir.0.join("both.json");
    let out = cli(&[
        "--input".as_ref(),
        spec.as_os_str(),
        "--output".as_ref(),
        crate_dir.as_os_str(),
        "--emit-openapi3".as_ref(),
        both.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(crate_dir.join("Cargo.toml").is_file());
    assert_eq!(std::fs::read_to_string(&both).unwrap(), expected);

    // With --check, the document is written and DIR is only checked (here: stale, so exit 1).
    let checked = dir.0.join("checked.json");
    let empty = dir.0.join("empty");
    let out = cli(&[
        "--input".as_ref(),
        spec.as_os_str(),
        "--output".as_ref(),
        empty.as_os_str(),
        "--check".as_ref(),
        "--emit-openapi3".as_ref(),
        checked.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!empty.exists(), "--check writes nothing in DIR");
    read_openapi3(&checked);

    // The document is written before generating: also when generation then fails (here: the
    // model stage needs an `operationId`).
    let no_id = dir.0.join("no-id.json");
    let swagger = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"},
                      "paths": {"/a": {"get": {"responses": {"204": {"description": "none"}}}}}}"#;
    std::fs::write(&no_id, swagger).expect("write");
    let converted = dir.0.join("no-id.openapi3.json");
    let out = cli(&[
        "--input".as_ref(),
        no_id.as_os_str(),
        "--output".as_ref(),
        dir.0.join("no-id").as_os_str(),
        "--emit-openapi3".as_ref(),
        converted.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("operationId"));
    assert!(read_openapi3(&converted).paths.paths.contains_key("/a"));

    // --check needs --output.
    let out = cli(&[
        "--input".as_ref(),
        spec.as_os_str(),
        "--check".as_ref(),
        "--emit-openapi3".as_ref(),
        checked.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}
