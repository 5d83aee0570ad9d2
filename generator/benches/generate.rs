//! How long generation takes, in process.
//!
//! - `generate/face-snapshot`: `Config::generate` on `spec/face-snapshot.json` (the seven snapshot
//!   operations the `azure-face` crate is built from);
//! - `generate/face-full`: the same on the upstream `Face.json`, when `AZURE_SPECS_DIR` points at the
//!   `specs/azure` folder of azure-rest-api-specs. If that spec does not generate (yet), the error is
//!   printed once and the stages that do succeed are measured instead, as `face-full-partial`;
//! - `stages/*`: load, convert, model and emit separately, on the snapshot spec;
//! - `scaling/face-1x`, `scaling/face-10x`: the upstream `Face.json` once, and ten times over in
//!   one document built in memory (see [`replicate`]), to check that generation time grows
//!   linearly with the size of the spec (the 10x median should be about ten times the 1x one).
//!   Skipped when `AZURE_SPECS_DIR` is not set.
//!
//! Run with `cargo bench -p azure-rest-codegen --bench generate -- --warm-up-time 1 --measurement-time 3`
//! (`-- scaling ...` for the scaling group alone).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use codegen::{convert, emit, load, model, Config, Diagnostic};
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{Map, Value};

const FACE_UPSTREAM: &str = "cognitiveservices/Face/stable/v1.0/Face.json";

fn snapshot_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/face-snapshot.json")
}

fn upstream_spec() -> Option<PathBuf> {
    let root = std::env::var_os("AZURE_SPECS_DIR")?;
    Some(Path::new(&root).join(FACE_UPSTREAM))
}

/// Load, convert and model `spec` in the way `Config::generate` does (the same `locate`), stopping
/// at the first error. Returns how many stages succeeded and the error, if any.
fn stages_as_far_as_they_go(spec: &Path) -> (usize, Option<Diagnostic>) {
    let bundle = match load::load(spec) {
        Ok(bundle) => bundle,
        Err(e) => return (0, Some(e)),
    };
    let converted = match convert::to_openapi3(&bundle) {
        Ok(converted) => converted,
        Err(e) => return (1, Some(e)),
    };
    let locate = |p: &str, m: String| converted.diagnostic(&bundle, p, m);
    let model = match model::build(&converted.openapi, &model::Options::default(), &locate) {
        Ok(model) => model,
        Err(e) => return (2, Some(e)),
    };
    match emit::crate_files(&model, "bench", "spec.json") {
        Ok(files) => {
            black_box(files);
            (4, None)
        }
        Err(e) => (3, Some(Diagnostic::new(spec, "", e.0))),
    }
}

fn bench_generate(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate");
    let snapshot = snapshot_spec();
    let generated = Config::new()
        .generate(&snapshot)
        .unwrap_or_else(|e| panic!("the snapshot spec must generate: {e}"));
    eprintln!("face-snapshot: {}", generated.summary());
    group.bench_function("face-snapshot", |b| {
        b.iter(|| Config::new().generate(black_box(&snapshot)).unwrap())
    });

    match upstream_spec() {
        None => eprintln!("note: AZURE_SPECS_DIR is not set; not benchmarking the upstream Face.json"),
        Some(full) => match Config::new().generate(&full) {
            Ok(generated) => {
                eprintln!("face-full: {}", generated.summary());
                group.bench_function("face-full", |b| {
                    b.iter(|| Config::new().generate(black_box(&full)).unwrap())
                });
            }
            Err(error) => {
                eprintln!("face-full does not generate yet: {error}");
                let (done, stage_error) = stages_as_far_as_they_go(&full);
                let names = ["load", "convert", "model", "emit"];
                eprintln!(
                    "face-full-partial measures {} ({})",
                    if done == 0 {
                        "nothing but the failing load".to_string()
                    } else {
                        names[..done].join(" + ")
                    },
                    stage_error.map_or_else(|| "all stages succeed separately".to_string(), |e| format!("then: {e}")),
                );
                group.bench_function("face-full-partial", |b| {
                    b.iter(|| stages_as_far_as_they_go(black_box(&full)))
                });
            }
        },
    }
    group.finish();
}

fn bench_stages(c: &mut Criterion) {
    let spec = snapshot_spec();
    let bundle = load::load(&spec).expect("load");
    let converted = convert::to_openapi3(&bundle).expect("convert");
    let openapi = &converted.openapi;
    let locate = |p: &str, m: String| converted.diagnostic(&bundle, p, m);
    let code_model = model::build(openapi, &model::Options::default(), &locate).expect("model");

    let mut group = c.benchmark_group("stages");
    group.bench_function("load", |b| b.iter(|| load::load(black_box(&spec)).unwrap()));
    group.bench_function("convert", |b| {
        b.iter(|| convert::to_openapi3(black_box(&bundle)).unwrap())
    });
    group.bench_function("model", |b| {
        b.iter(|| model::build(black_box(openapi), &model::Options::default(), &locate).unwrap())
    });
    group.bench_function("emit", |b| {
        b.iter(|| emit::crate_files(black_box(&code_model), "bench", "spec.json").unwrap())
    });
    group.finish();
}

/// Every upstream corpus spec, in-process; prints each one's lines of generated code per operation.
fn bench_corpus(c: &mut Criterion) {
    let Some(root) = std::env::var_os("AZURE_SPECS_DIR").map(PathBuf::from) else {
        eprintln!("corpus: AZURE_SPECS_DIR is not set; skipped");
        return;
    };
    let mut specs = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for path in std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
        {
            if path.is_dir() && path.file_name().is_some_and(|n| n != "examples") {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") && path.to_string_lossy().contains("/stable/") {
                specs.push(path);
            }
        }
    }
    specs.sort();
    let mut group = c.benchmark_group("corpus");
    for spec in specs {
        let name = spec.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        match Config::new().generate(&spec) {
            Ok(generated) => {
                eprintln!(
                    "corpus: {name}: {} operations, {} lines, {} lines per operation",
                    generated.operations(),
                    generated.generated_lines(),
                    generated
                        .generated_lines()
                        .checked_div(generated.operations())
                        .unwrap_or(0)
                );
                group.bench_function(&name, |b| b.iter(|| Config::new().generate(black_box(&spec)).unwrap()));
            }
            Err(d) => eprintln!("corpus: {name}: {d}"),
        }
    }
    group.finish();
}

// ----- scaling ------------------------------------------------------------------------------------

/// `copies` copies of the Swagger 2.0 document `spec` in one document: copy `k` (from 0) has every
/// definition, every operation-level parameter (`x-ms-parameter-location: method`) and every
/// `x-ms-enum` name suffixed with `Copy{k}`, each path's first segment with `-copy{k}`, and each
/// operation id's method part with `Copy{k}`, and every `$ref` to a renamed definition or parameter
/// rewritten to match; copy 0 keeps the original names. What describes the client (host, security,
/// client parameters such as `Endpoint`, `$ref`s into other files) is shared, not copied. Every
/// `x-ms-examples` is left out (of copy 0 too, so `replicate(spec, 1)` is the unit the copies
/// are measured against).
fn replicate(spec: &Value, copies: usize) -> Value {
    let Value::Object(root) = spec else {
        panic!("the spec must be a JSON object");
    };
    let method_parameters: Vec<String> = root
        .get("parameters")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, p)| p.get("x-ms-parameter-location").and_then(Value::as_str) == Some("method"))
        .map(|(name, _)| name.clone())
        .collect();
    let mut out = Map::new();
    for (key, value) in root {
        match key.as_str() {
            "paths" | "x-ms-paths" | "definitions" => {
                out.insert(key.clone(), Value::Object(Map::new()));
            }
            "parameters" => {
                // The client's parameters are shared: copied once, unchanged.
                let shared = value
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(name, _)| !method_parameters.contains(name))
                    .map(|(name, p)| (name.clone(), p.clone()))
                    .collect();
                out.insert(key.clone(), Value::Object(shared));
            }
            _ => {
                out.insert(key.clone(), without_examples(value));
            }
        }
    }
    for copy in 0..copies {
        let suffix = if copy == 0 {
            String::new()
        } else {
            format!("Copy{copy}")
        };
        let renamer = Renamer {
            suffix: &suffix,
            method_parameters: &method_parameters,
        };
        for section in ["paths", "x-ms-paths"] {
            for (path, item) in root.get(section).and_then(Value::as_object).into_iter().flatten() {
                let mut item = renamer.rewrite(item);
                for operation in item.as_object_mut().into_iter().flat_map(|m| m.values_mut()) {
                    if let Some(Value::String(id)) = operation.get_mut("operationId") {
                        *id = match id.split_once('_') {
                            Some((group, method)) => format!("{group}_{method}{suffix}"),
                            None => format!("{id}{suffix}"),
                        };
                    }
                }
                out[section][path_copy(path, copy)] = item;
            }
        }
        for (section, only) in [("definitions", None), ("parameters", Some(&method_parameters))] {
            for (name, value) in root.get(section).and_then(Value::as_object).into_iter().flatten() {
                if only.is_none_or(|names| names.contains(name)) {
                    out[section][format!("{name}{suffix}")] = renamer.rewrite(value);
                }
            }
        }
    }
    Value::Object(out)
}

/// `path` with `-copy{copy}` after its first segment (`/detect?overload=stream` ->
/// `/detect-copy1?overload=stream`); copy 0 is the path itself.
fn path_copy(path: &str, copy: usize) -> String {
    if copy == 0 {
        return path.to_string();
    }
    let end = path[1..].find(['/', '?']).map_or(path.len(), |i| i + 1);
    if path[1..end].starts_with('{') {
        return format!("/copy{copy}{path}");
    }
    format!("{}-copy{copy}{}", &path[..end], &path[end..])
}

struct Renamer<'a> {
    suffix: &'a str,
    method_parameters: &'a [String],
}

impl Renamer<'_> {
    /// `value` with local `$ref`s and `x-ms-enum` names renamed, and without `x-ms-examples`.
    fn rewrite(&self, value: &Value) -> Value {
        match value {
            Value::Array(items) => Value::Array(items.iter().map(|v| self.rewrite(v)).collect()),
            Value::Object(map) => {
                let mut out = Map::new();
                for (key, value) in map {
                    let value = match (key.as_str(), value) {
                        ("x-ms-examples", _) => continue,
                        ("$ref", Value::String(target)) => Value::String(self.reference(target)),
                        ("x-ms-enum", Value::Object(enum_)) => {
                            let mut enum_ = enum_.clone();
                            if let Some(Value::String(name)) = enum_.get_mut("name") {
                                name.push_str(self.suffix);
                            }
                            Value::Object(enum_)
                        }
                        _ => self.rewrite(value),
                    };
                    out.insert(key.clone(), value);
                }
                Value::Object(out)
            }
            other => other.clone(),
        }
    }

    fn reference(&self, target: &str) -> String {
        if let Some(name) = target.strip_prefix("#/definitions/") {
            return format!("#/definitions/{name}{}", self.suffix);
        }
        match target.strip_prefix("#/parameters/") {
            Some(name) if self.method_parameters.iter().any(|p| p == name) => {
                format!("#/parameters/{name}{}", self.suffix)
            }
            _ => target.to_string(),
        }
    }
}

fn without_examples(value: &Value) -> Value {
    Renamer {
        suffix: "",
        method_parameters: &[],
    }
    .rewrite(value)
}

/// Generation of the spec `text`, held in memory as if it were the file `path` (so that `$ref`s
/// into other files resolve next to it): what `Config::generate` does after reading the file —
/// load, convert, model, emit the crate's files — with default options (the upstream Face spec has
/// no directives file).
fn generate_in_memory(path: &Path, text: &str) -> Vec<emit::File> {
    let read = |file: &Path| {
        if file == path {
            Ok(text.as_bytes().to_vec())
        } else {
            std::fs::read(file)
        }
    };
    let bundle = load::load_with(path, &read).unwrap_or_else(|e| panic!("load: {e}"));
    let model = codegen::code_model(&bundle, &model::Options::default()).unwrap_or_else(|e| panic!("model: {e}"));
    emit::crate_files(&model, "face", "Face.json").unwrap_or_else(|e| panic!("emit: {e}"))
}

/// Generation time of the upstream Face spec at 1x and 10x its size.
fn bench_scaling(c: &mut Criterion) {
    let Some(face) = upstream_spec() else {
        eprintln!("scaling: AZURE_SPECS_DIR is not set; skipped");
        return;
    };
    let text = std::fs::read_to_string(&face).unwrap_or_else(|e| panic!("{}: {e}", face.display()));
    let spec: Value = serde_json::from_str(&text).expect("Face.json is JSON");
    let mut group = c.benchmark_group("scaling");
    // A 10x generation takes about half a second: 20 samples, not 100, keep the run under a minute.
    group.sample_size(20);
    let mut inputs = Vec::new();
    for copies in [1, 10] {
        // A file name next to Face.json that does not exist: only the in-memory text is read.
        let path = face.with_file_name(format!("Face-x{copies}.in-memory.json"));
        let text = serde_json::to_string_pretty(&replicate(&spec, copies)).expect("serialize");
        let files = generate_in_memory(&path, &text);
        let lines: usize = files
            .iter()
            .filter(|f| f.path.ends_with(".rs") && !f.path.starts_with("src/runtime/"))
            .map(|f| f.contents.lines().count())
            .sum();
        eprintln!(
            "scaling: face-{copies}x: {} bytes of spec, {} files, {lines} lines generated (runtime excluded)",
            text.len(),
            files.len()
        );
        group.bench_function(format!("face-{copies}x"), |b| {
            b.iter(|| generate_in_memory(black_box(&path), black_box(&text)))
        });
        inputs.push((path, text));
    }
    group.finish();

    // Not in `-- --test` (one run of each, to check they work), `--list` or `--profile-time`.
    let args: Vec<String> = std::env::args().collect();
    if !args
        .iter()
        .any(|a| a == "--test" || a == "--list" || a == "--profile-time")
    {
        scaling_interleaved(&inputs[0], &inputs[1]);
    }
}

/// The 10x/1x ratio again, from alternating rounds (ten 1x runs, one 10x run, order swapped every
/// round), which load that changes during the run hits equally: the median of the rounds' ratios,
/// by wall time and by this thread's CPU time (from `/proc/thread-self/schedstat`, on Linux).
fn scaling_interleaved(one: &(PathBuf, String), ten: &(PathBuf, String)) {
    const ROUNDS: usize = 7;
    let measure = |(path, text): &(PathBuf, String), runs: usize| {
        let (wall, cpu) = (std::time::Instant::now(), thread_cpu_ns());
        for _ in 0..runs {
            black_box(generate_in_memory(path, text));
        }
        let cpu = cpu.zip(thread_cpu_ns()).map(|(a, b)| (b - a) as f64 / 1e9);
        (wall.elapsed().as_secs_f64(), cpu)
    };
    let (mut wall_ratios, mut cpu_ratios) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (one_x, ten_x) = if round % 2 == 0 {
            let one_x = measure(one, 10);
            (one_x, measure(ten, 1))
        } else {
            let ten_x = measure(ten, 1);
            (measure(one, 10), ten_x)
        };
        wall_ratios.push(ten_x.0 / (one_x.0 / 10.0));
        if let (Some(one_cpu), Some(ten_cpu)) = (one_x.1, ten_x.1) {
            cpu_ratios.push(ten_cpu / (one_cpu / 10.0));
        }
    }
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
    };
    eprintln!(
        "scaling/interleaved: {ROUNDS} rounds; face-10x / face-1x = {:.2} by wall time, {:.2} by CPU time \
         (medians; linear is 10)",
        median(&mut wall_ratios),
        median(&mut cpu_ratios)
    );
}

/// The CPU time this thread has run, in nanoseconds, where Linux tells it.
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

criterion_group!(benches, bench_generate, bench_stages, bench_corpus, bench_scaling);
criterion_main!(benches);
