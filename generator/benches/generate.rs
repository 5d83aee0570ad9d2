//! How long generation takes, in process.
//!
//! - `generate/face-snapshot`: `Config::generate` on `spec/face-snapshot.json` (the seven snapshot
//!   operations the `azure-face` crate is built from);
//! - `generate/face-full`: the same on the upstream `Face.json`, when `AZURE_SPECS_DIR` points at the
//!   `specs/azure` folder of azure-rest-api-specs. If that spec does not generate (yet), the error is
//!   printed once and the stages that do succeed are measured instead, as `face-full-partial`;
//! - `stages/*`: load, convert, model and emit separately, on the snapshot spec.
//!
//! Run with `cargo bench -p azure-rest-codegen --bench generate -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use codegen::{convert, emit, load, model, Config, Diagnostic};
use criterion::{criterion_group, criterion_main, Criterion};

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
    let openapi = match convert::to_openapi3(&bundle) {
        Ok(openapi) => openapi,
        Err(e) => return (1, Some(e)),
    };
    let model = match model::build(&openapi, &model::Options::default(), &|p, m| bundle.diagnostic(p, m)) {
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
    let openapi = convert::to_openapi3(&bundle).expect("convert");
    let locate = |p: &str, m: String| bundle.diagnostic(&convert::origin_pointer(&bundle, p), m);
    let code_model = model::build(&openapi, &model::Options::default(), &locate).expect("model");

    let mut group = c.benchmark_group("stages");
    group.bench_function("load", |b| b.iter(|| load::load(black_box(&spec)).unwrap()));
    group.bench_function("convert", |b| {
        b.iter(|| convert::to_openapi3(black_box(&bundle)).unwrap())
    });
    group.bench_function("model", |b| {
        b.iter(|| model::build(black_box(&openapi), &model::Options::default(), &locate).unwrap())
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

criterion_group!(benches, bench_generate, bench_stages, bench_corpus);
criterion_main!(benches);
