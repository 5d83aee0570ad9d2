//! What the fuzz targets share: splitting an input into spec files, running the pipeline stages,
//! and what a Diagnostic must look like.
//!
//! An input is one spec file, or several separated by NUL bytes (which JSON and YAML text never
//! holds): `spec.json` first, then `a.json`, `b.json`, `c.json`, so that `$ref`s between files
//! are fuzzed too (the dictionary in `fuzz/spec.dict` has such references).

use std::io;
use std::path::Path;
use std::sync::OnceLock;

use codegen::{convert, emit, load, model, Diagnostic};

#[path = "../../tests/support/mutate.rs"]
pub mod mutate;

/// The names the parts of an input are read as.
const NAMES: [&str; 4] = ["spec.json", "a.json", "b.json", "c.json"];

/// Loads `data` as the spec `spec.json` (with the files after it, if any).
pub fn load(data: &[u8]) -> Result<load::Bundle, Diagnostic> {
    let parts: Vec<&[u8]> = data.splitn(NAMES.len(), |&b| b == 0).collect();
    let read = |path: &Path| {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        NAMES
            .iter()
            .position(|n| *n == name)
            .and_then(|i| parts.get(i))
            .map(|part| part.to_vec())
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, path.display().to_string()))
    };
    load::load_with(Path::new(NAMES[0]), &read)
}

/// Stages 1 and 2: load, convert to OpenAPI 3 and write that as JSON. The written document is a
/// spec of its own: it is loaded and converted again. With `FUZZ_STRICT=1`, when the input models
/// (stage 3) the written document must model too, to the same API: the promise of
/// `--emit-openapi3`.
pub fn load_convert(data: &[u8]) {
    let bundle = match load(data) {
        Ok(bundle) => bundle,
        Err(d) => return check(&d),
    };
    let openapi = match convert::to_openapi3(&bundle) {
        Ok(converted) => converted.openapi,
        Err(d) => return check(&d),
    };
    let json = convert::to_json(&openapi);
    let again = load::load_text(Path::new("openapi3.json"), &json)
        .and_then(|again| convert::to_openapi3(&again).map(|_| again));
    if !strict() {
        if let Err(d) = again {
            check(&d);
        }
        return;
    }
    let options = model::Options::default();
    let Ok(original) = codegen::code_model(&bundle, &options) else {
        return;
    };
    let again = again.and_then(|again| codegen::code_model(&again, &options));
    match again {
        // Known: a `$ref` the converter keeps as written where it expects none (in an `enum`
        // value, say) can name a Swagger location that the OpenAPI 3 document does not have.
        Err(d) if d.message.starts_with("`$ref` target `#/") && d.message.ends_with("` does not exist") => {}
        Ok(again) => assert_eq!(
            emit::api_listing(&original),
            emit::api_listing(&again),
            "the converted document models to another API:\n{json}"
        ),
        Err(d) => panic!("the input models, the converted document does not: {d}\n{json}"),
    }
}

/// The whole pipeline: load, convert, model, and emit (with the `replay` module).
pub fn generate(data: &[u8]) {
    let result = load(data).and_then(|bundle| {
        let model = codegen::code_model(&bundle, &model::Options::default())?;
        emit::crate_files_with(
            &model,
            "fuzzed",
            "spec.json",
            &emit::Options {
                replay: true,
                ..Default::default()
            },
        )
        .map_err(|e| Diagnostic::new("spec.json", "", e.0))
    });
    if let Err(d) = result {
        check(&d);
    }
}

/// A Diagnostic must name a file, point with a JSON pointer, and say something other than an
/// internal error.
pub fn check(d: &Diagnostic) {
    let shown = d.to_string();
    assert!(
        d.pointer.is_empty() || d.pointer.starts_with('/'),
        "not a JSON pointer: {shown}"
    );
    assert!(!d.message.trim().is_empty(), "no message: {shown}");
    assert!(!d.message.contains("internal error"), "{shown}");
    assert!(
        NAMES.iter().any(|n| d.file.ends_with(n)) || d.file.ends_with("openapi3.json"),
        "names no input file: {shown}"
    );
}

fn strict() -> bool {
    static STRICT: OnceLock<bool> = OnceLock::new();
    *STRICT.get_or_init(|| std::env::var_os("FUZZ_STRICT").is_some_and(|v| v == "1"))
}

/// A small fast random number generator (xorshift64*), for the structure-aware mutator.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u32) -> Rng {
        Rng(u64::from(seed) ^ 0x9E37_79B9_7F4A_7C15 | 1)
    }

    pub fn number(&mut self) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 16) as usize
    }
}

/// Mutates the spec in `data[..size]` as JSON: one to three [`mutate::Mutation`]s, written back
/// compactly. Returns the new size, or `None` when the input is not one JSON file or the result
/// does not fit in `max_size` (the caller then lets libFuzzer mutate the bytes).
pub fn mutate_json(data: &mut [u8], size: usize, max_size: usize, rng: &mut Rng) -> Option<usize> {
    let mut spec: serde_json::Value = serde_json::from_slice(&data[..size]).ok()?;
    for _ in 0..1 + rng.number() % 3 {
        let mutation = mutate::Mutation::from_numbers(rng.number(), rng.number(), rng.number(), rng.number());
        mutate::apply(&mut spec, mutation);
    }
    let out = if rng.number() & 1 == 0 {
        serde_json::to_vec(&spec).ok()?
    } else {
        serde_json::to_vec_pretty(&spec).ok()?
    };
    if out.len() > max_size || out.len() > data.len() {
        return None;
    }
    data[..out.len()].copy_from_slice(&out);
    Some(out.len())
}
