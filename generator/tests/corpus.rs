//! The upstream corpus, end to end: every Swagger spec under `$AZURE_SPECS_DIR/**/stable/**`
//! (example files excluded) is generated as a crate with the `replay` module, the crates must pass
//! `cargo clippy -- -D warnings` and `cargo doc` with `RUSTDOCFLAGS=-D warnings`, and every
//! `x-ms-examples` file of every spec is replayed through its generated client against a local
//! HTTP server (see `replay_harness/src/main.rs`).
//!
//! The crates live in one Cargo workspace under `$CARGO_TARGET_TMPDIR/corpus` (one member per
//! spec and one replay harness per spec, all on the repository's runtime crate, compiled once),
//! built with the repository's `Cargo.lock` into `$CARGO_TARGET_TMPDIR/corpus-target`, which is
//! kept between runs. Files are rewritten only when they change, so a warm run recompiles nothing.
//!
//! Without `AZURE_SPECS_DIR` the test says so on stderr and passes, or fails under `CI=true`
//! (`support/prerequisites.rs`; `scripts/test` sets it). Run it with
//! `cargo test -p azure-rest-codegen --test corpus -- --nocapture` to see the report; set
//! `CORPUS_VERBOSE=1` to see every replayed example.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[path = "support/prerequisites.rs"]
mod prerequisites;
#[path = "support/replay_run.rs"]
mod replay_run;
#[path = "support/workspace.rs"]
mod workspace;
use replay_run::{errors_by_package, parse_replay, write_harness, Replay};
use workspace::{cargo, run, runtime_crate, secs, write_if_changed};

use codegen::{check_dir, write_dir, Config, DirStatus};

/// Specs that may fail to generate or compile: `(spec name, reason)`. Every entry needs a reason.
const EXPECTED_FAILURES: &[(&str, &str)] = &[];

/// Examples that may fail to replay: `(spec name, operationId, example file, part of the failure
/// message, reason)`. The failure must still say what the entry expects: a known failure that
/// starts failing for another reason is reported, and so is one that passes.
#[rustfmt::skip]
const KNOWN_REPLAY_FAILURES: &[(&str, &str, &str, &str, &str)] = &[
    ("Face", "PersonGroupPerson_GetFace", "examples/GetPersonGroupPersistedFace.json", "UUID parsing failed", NOT_A_UUID),
    ("FormRecognizer", "GetCustomModel", "examples/GetModel.json", "UUID parsing failed", NOT_A_UUID),
    ("FormRecognizer", "DeleteCustomModel", "examples/DeleteModel.json", "UUID parsing failed", NOT_A_UUID),
    ("FormRecognizer", "AnalyzeWithCustomModel", "examples/AnalyzeBatch.json", "UUID parsing failed", NOT_A_UUID),
    ("FormRecognizer", "GetAnalyzeFormResult", "examples/AnalyzeOperationResult.json", "UUID parsing failed", NOT_A_UUID),
    ("FormRecognizer", "CopyCustomModel", "examples/CopyModel.json", "UUID parsing failed", NOT_A_UUID),
    ("FormRecognizer", "GetCustomModelCopyResult", "examples/CopyOperationResult.json", "UUID parsing failed", NOT_A_UUID),
    ("FormRecognizer", "GetCustomModelCopyResult", "examples/CopyOperationResultWithErrors.json", "UUID parsing failed", NOT_A_UUID),
    ("FormRecognizer", "GetAnalyzeReceiptResult", "examples/ReceiptsBatchResult.json", "UUID parsing failed", NOT_A_UUID),
    ("FormRecognizer", "GetAnalyzeLayoutResult", "examples/LayoutBatchResult.json", "UUID parsing failed", NOT_A_UUID),
    ("LUIS-Runtime", "Prediction_GetVersionPredictionGET", "examples/prediction/SuccessfulGetVersionPredictionsFromEndpointViaGetRequest.json", "UUID parsing failed", NOT_A_UUID),
    ("LUIS-Runtime", "Prediction_GetVersionPrediction", "examples/prediction/SuccessfulGetVersionPredictionsFromEndpointViaPostRequest.json", "UUID parsing failed", NOT_A_UUID),
    ("LUIS-Runtime", "Prediction_GetSlotPredictionGET", "examples/prediction/SuccessfulGetSlotPredictionsFromEndpointViaGetRequest.json", "UUID parsing failed", NOT_A_UUID),
    ("LUIS-Runtime", "Prediction_GetSlotPrediction", "examples/prediction/SuccessfulGetSlotPredictionsFromEndpointViaPostRequest.json", "UUID parsing failed", NOT_A_UUID),
    ("TranslatorText", "Translator_Detect", "examples/detectSuccess.json", "differs at `/0/language`", "upstream spec: DetectResult declares only `text`, not the fields the service returns"),
    ("TranslatorText", "Translator_Languages", "examples/languagesSuccess.json", "differs at `/translation/af`", "upstream spec: LanguagesResult models the language map as one property `languageCode`"),
    ("TranslatorText", "Translator_Translate", "examples/translateSuccess.json", "differs at `/0/Text`", "upstream example: the body items say `Text`, the spec's property is `text`"),
    ("TranslatorText", "Translator_Transliterate", "examples/transliterateSuccess.json", "no required parameter `texts`", "upstream example: the body is `text`, the spec's body parameter is `texts`"),
];

// The reasons shared by several known failures.
const NOT_A_UUID: &str = "upstream example: a placeholder (`{Model Id}`, `foobar`) where the spec requires a UUID";

/// One spec of the corpus and what became of it.
struct Entry {
    /// The spec file's stem, e.g. `Face`.
    name: String,
    spec: PathBuf,
    /// The generated crate's package (and folder) name.
    package: String,
    /// The replay harness's package (and folder) name.
    harness: String,
    /// `(operations, models, generated lines)`, or the generator's diagnostic.
    generated: Result<(usize, usize, usize), String>,
    /// Clippy and rustdoc errors of the generated crate, rendered.
    clippy: Vec<String>,
    doc: Vec<String>,
    /// Clippy and rustdoc errors of the harness (the template's fault, not the generator's).
    harness_errors: Vec<String>,
    /// The harness's result lines, and a summary or error.
    replay: Option<Replay>,
}

impl Entry {
    fn compiled(&self) -> bool {
        self.generated.is_ok() && self.clippy.is_empty() && self.doc.is_empty()
    }
}

/// Every `*.json` under a `stable` folder of `root`, except examples, sorted.
fn find_specs(root: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, stable: bool, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "examples" {
                    walk(&path, stable || name == "stable", out);
                }
            } else if stable && name.ends_with(".json") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(root, false, &mut out);
    out
}

/// The reason [`KNOWN_REPLAY_FAILURES`] gives for a failure, when it lists it with this message.
fn known_reason(spec: &str, operation: &str, example: &str, message: &str) -> Option<&'static str> {
    KNOWN_REPLAY_FAILURES
        .iter()
        .find(|(s, o, e, m, _)| *s == spec && *o == operation && *e == example && message.contains(m))
        .map(|(.., reason)| *reason)
}

fn is_known(spec: &str, operation: &str, example: &str, message: &str) -> bool {
    known_reason(spec, operation, example, message).is_some()
}

#[test]
fn every_stable_spec_compiles_warning_free_and_replays_its_examples() {
    let Some(root) = prerequisites::specs_dir("corpus.rs (the upstream corpus)") else {
        return;
    };
    let started = Instant::now();
    let verbose = std::env::var_os("CORPUS_VERBOSE").is_some();
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let work = tmp.join("corpus");
    let target = tmp.join("corpus-target");
    let specs = find_specs(&root);
    assert!(!specs.is_empty(), "no spec under {}/**/stable", root.display());

    // 1. Generate the crates and their harnesses; only files that change are written. Every crate
    // is on the one runtime crate, compiled once.
    let runtime = runtime_crate();
    let mut entries = Vec::new();
    for spec in &specs {
        let name = spec.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let slug: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let package = format!("corpus-{slug}");
        let harness = format!("{package}-replay");
        assert!(
            !entries.iter().any(|e: &Entry| e.package == package),
            "two specs are both called {name}"
        );
        let generated = Config::new()
            .crate_name(&package)
            .replay(true)
            .runtime(runtime.clone())
            .generate(spec);
        let generated = generated.map_err(|d| d.to_string()).and_then(|g| {
            let dir = work.join(&package);
            if let DirStatus::Stale(_) = check_dir(&dir, &g.files) {
                write_dir(&dir, &g.files).map_err(|d| d.to_string())?;
            }
            Ok((g.operations(), g.model.schemas.len(), g.generated_lines()))
        });
        write_harness(&work, &harness, &package);
        entries.push(Entry {
            name,
            spec: spec.clone(),
            package,
            harness,
            generated,
            clippy: Vec::new(),
            doc: Vec::new(),
            harness_errors: Vec::new(),
            replay: None,
        });
    }
    let members: Vec<&Entry> = entries.iter().filter(|e| e.generated.is_ok()).collect();
    let member_list: Vec<String> = members
        .iter()
        .flat_map(|e| [format!("{:?}", e.package), format!("{:?}", e.harness)])
        .collect();
    write_if_changed(
        &work.join("Cargo.toml"),
        &format!(
            "# Written by generator/tests/corpus.rs.\n[workspace]\nmembers = [{}]\nresolver = \"2\"\n\n\
             [profile.dev]\ndebug = 0\n",
            member_list.join(", ")
        ),
    );
    // The repository's lock file, so the crates build with the versions the project uses.
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    std::fs::copy(&lock, work.join("Cargo.lock")).expect("copy Cargo.lock");
    // Folders of specs that are gone would confuse nobody but take space: remove them.
    let keep: BTreeSet<String> = entries
        .iter()
        .flat_map(|e| [e.package.clone(), e.harness.clone()])
        .collect();
    for entry in std::fs::read_dir(&work).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && name.starts_with("corpus-") && !keep.contains(&name) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    let generated_in = started.elapsed();

    // 2. Clippy and rustdoc, once for the whole workspace; errors are sorted out by package.
    let phase = Instant::now();
    let clippy = errors_by_package(
        cargo(
            &work,
            &target,
            &[
                "clippy",
                "--workspace",
                "--keep-going",
                "--message-format=json",
                "--",
                "-D",
                "warnings",
            ],
        ),
        "cargo clippy",
    );
    let clippy_in = phase.elapsed();
    let phase = Instant::now();
    let mut doc_command = cargo(
        &work,
        &target,
        &[
            "doc",
            "--no-deps",
            "--workspace",
            "--lib",
            "--keep-going",
            "--message-format=json",
        ],
    );
    doc_command.env("RUSTDOCFLAGS", "-D warnings");
    let doc = errors_by_package(doc_command, "cargo doc");
    let doc_in = phase.elapsed();
    for entry in &mut entries {
        let of = |errors: &BTreeMap<PathBuf, Vec<String>>, package: &str| -> Vec<String> {
            errors.get(&work.join(package)).cloned().unwrap_or_default()
        };
        entry.clippy = of(&clippy, &entry.package);
        entry.doc = of(&doc, &entry.package);
        entry.harness_errors = [of(&clippy, &entry.harness), of(&doc, &entry.harness)].concat();
    }

    println!();
    println!("Generated crates ({} specs under {}):", entries.len(), root.display());
    println!(
        "  {:<18} {:>5} {:>7} {:>9}  compile (clippy -D warnings, rustdoc -D warnings)",
        "spec", "ops", "models", "lines/op"
    );
    let (mut total_ops, mut total_models, mut total_lines, mut compiled) = (0, 0, 0, 0);
    for entry in &entries {
        match &entry.generated {
            Ok((ops, models, lines)) => {
                total_ops += ops;
                total_models += models;
                total_lines += lines;
                compiled += usize::from(entry.compiled());
                let status = match (entry.clippy.len(), entry.doc.len()) {
                    (0, 0) => "ok".to_string(),
                    (c, d) => format!("FAIL: {c} clippy errors, {d} rustdoc errors"),
                };
                let per_op = lines.checked_div(*ops).unwrap_or(0);
                println!("  {:<18} {ops:>5} {models:>7} {per_op:>9}  {status}", entry.name);
            }
            Err(diagnostic) => println!("  {:<18} generation FAILED: {diagnostic}", entry.name),
        }
    }
    println!(
        "  {:<18} {total_ops:>5} {total_models:>7} {:>9}  {compiled} of {} compile",
        "total",
        total_lines.checked_div(total_ops).unwrap_or(0),
        entries.len()
    );
    replay_run::print_errors(
        entries.iter().map(|e| (e.name.as_str(), &e.clippy[..], &e.doc[..])),
        entries
            .iter()
            .find(|e| !e.harness_errors.is_empty())
            .map(|e| (e.harness.as_str(), &e.harness_errors[..])),
    );

    // 3. Replay every example: build the harnesses once, then run each.
    let phase = Instant::now();
    let runnable: Vec<String> = entries
        .iter()
        .filter(|e| e.compiled())
        .map(|e| e.harness.clone())
        .collect();
    let mut build = cargo(&work, &target, &["build", "--keep-going", "--message-format=json"]);
    for harness in &runnable {
        build.args(["-p", harness]);
    }
    // Without `-p` cargo would build every member: build nothing when nothing compiled.
    let build_errors = if runnable.is_empty() {
        BTreeMap::new()
    } else {
        errors_by_package(build, "cargo build")
    };
    let build_in = phase.elapsed();
    let phase = Instant::now();
    println!();
    println!("Replayed examples:");
    for entry in entries.iter_mut().filter(|e| e.compiled()) {
        let harness_errors = build_errors
            .get(&work.join(&entry.harness))
            .or(Some(&entry.harness_errors).filter(|e| !e.is_empty()));
        if let Some(errors) = harness_errors {
            entry.replay = Some(Replay {
                error: Some(format!(
                    "the harness does not build warning-free ({} errors)",
                    errors.len()
                )),
                ..Replay::default()
            });
        } else {
            let spec = entry.spec.to_string_lossy().into_owned();
            let output = run(cargo(
                &work,
                &target,
                &["run", "-q", "-p", &entry.harness, "--", &spec, &entry.name],
            ));
            entry.replay = Some(parse_replay(&entry.name, &output, verbose));
        }
        let replay = entry.replay.as_ref().expect("just set");
        if let Some(error) = &replay.error {
            println!("  {:<18} ERROR: {error}", entry.name);
            continue;
        }
        let known = replay
            .failed
            .iter()
            .filter(|(operation, example, message)| is_known(&entry.name, operation, example, message))
            .count();
        println!(
            "  {:<18} {:>3} examples: {:>3} passed, {known:>3} known failures, {:>3} unexpected failures",
            entry.name,
            replay.passed + replay.failed.len(),
            replay.passed,
            replay.failed.len() - known
        );
        for (operation, example, message) in &replay.failed {
            // (With CORPUS_VERBOSE the harness lines above already show every failure.)
            if !verbose && !is_known(&entry.name, operation, example, message) {
                println!("      FAIL {operation} {example}: {message}");
            }
        }
    }
    let replay_in = phase.elapsed();
    let mut totals = (0, 0, 0);
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for entry in &entries {
        let Some(replay) = &entry.replay else { continue };
        totals.0 += replay.passed;
        for (operation, example, message) in &replay.failed {
            match known_reason(&entry.name, operation, example, message) {
                Some(reason) => {
                    totals.1 += 1;
                    *reasons.entry(reason).or_default() += 1;
                }
                None => totals.2 += 1,
            }
        }
    }
    println!(
        "  {:<18} {:>3} examples: {:>3} passed, {:>3} known failures, {:>3} unexpected failures",
        "total",
        totals.0 + totals.1 + totals.2,
        totals.0,
        totals.1,
        totals.2
    );
    if !reasons.is_empty() {
        println!();
        println!("Known failures by reason (CORPUS_VERBOSE=1 lists them):");
        let mut reasons: Vec<(&str, usize)> = reasons.into_iter().collect();
        reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        for (reason, count) in reasons {
            println!("  {count:>3}  {reason}");
        }
    }
    println!();
    println!(
        "Time: {} (generate {}, clippy {}, rustdoc {}, build {}, replay {})",
        secs(started.elapsed()),
        secs(generated_in),
        secs(clippy_in),
        secs(doc_in),
        secs(build_in),
        secs(replay_in)
    );
    prerequisites::summary(&format!(
        "corpus.rs ran: {compiled} of {} upstream specs generate crates that pass clippy and rustdoc \
         -D warnings; {} examples: {} replayed, {} known failures, {} unexpected failures ({}; \
         `--nocapture` for the report)",
        entries.len(),
        totals.0 + totals.1 + totals.2,
        totals.0,
        totals.1,
        totals.2,
        secs(started.elapsed())
    ));

    // 4. The verdict.
    let mut problems = Vec::new();
    for entry in &entries {
        let expected = EXPECTED_FAILURES.iter().find(|(name, _)| *name == entry.name);
        let ok = entry.compiled();
        match (ok, expected) {
            (false, None) => problems.push(format!("{} does not generate or compile", entry.name)),
            (true, Some(_)) => problems.push(format!(
                "{} is in EXPECTED_FAILURES but now compiles: remove the entry",
                entry.name
            )),
            _ => {}
        }
        let Some(replay) = &entry.replay else { continue };
        if let Some(error) = &replay.error {
            problems.push(format!("{}: {error}", entry.name));
        }
        for (operation, example, reason) in &replay.failed {
            if !is_known(&entry.name, operation, example, reason) {
                problems.push(format!("{} {operation} {example}: {reason}", entry.name));
            }
        }
    }
    for (spec, operation, example, message, _) in KNOWN_REPLAY_FAILURES {
        let still_fails = entries.iter().filter(|e| e.name == *spec).any(|e| {
            e.replay.as_ref().is_none_or(|r| {
                r.failed
                    .iter()
                    .any(|(o, x, m)| o == operation && x == example && m.contains(message))
            })
        });
        if !still_fails {
            problems.push(format!(
                "{spec} {operation} {example} is in KNOWN_REPLAY_FAILURES but now passes: remove the entry"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems in the corpus:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
