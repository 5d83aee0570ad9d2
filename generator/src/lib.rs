//! Generates async Rust clients from Azure-style REST API specs (Swagger 2.0 with `x-ms-*`
//! extensions, or OpenAPI 3.0).
//!
//! The pipeline runs in four stages, each a module, with data flowing one way:
//!
//! ```text
//! spec file(s) --load-->    Bundle            one JSON document, $refs resolved, origins kept
//!              --convert--> openapiv3::OpenAPI Swagger 2.0 only; x-ms-* kept as extensions
//!              --model-->   CodeModel         language-neutral: client, groups, operations, types, names
//!              --emit-->    Rust files        quote + prettyplease
//! ```
//!
//! From a build script, like `prost-build`:
//!
//! ```no_run
//! codegen::Config::new().build_script("spec/service.json").expect("client generation failed");
//! ```
//! and in the crate's `lib.rs`: `include!(concat!(env!("OUT_DIR"), "/client.rs"));`. With
//! [`Config::runtime`]`(`[`Runtime::Crate`]`)` the code uses the `azure-rest-runtime` crate, the one
//! dependency the crate then needs; by default it embeds a copy of the runtime.

pub mod convert;
pub mod diagnostic;
pub mod emit;
pub mod load;
pub mod model;
mod output;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use diagnostic::Diagnostic;
pub use emit::Runtime;
pub use output::{check_dir, write_dir, DirStatus};

/// Stages 2 and 3 on a loaded spec: convert, then build the code model, with diagnostics that
/// name the place in the user's file.
pub fn code_model(bundle: &load::Bundle, options: &model::Options) -> Result<model::CodeModel, Diagnostic> {
    let converted = convert::to_openapi3(bundle)?;
    let import_renames = bundle.import_renames().to_vec();
    let options = &model::Options {
        import_renames,
        ..options.clone()
    };
    let locate = |pointer: &str, message: String| converted.diagnostic(bundle, pointer, message);
    model::build(&converted.openapi, options, &locate)
}

/// What to generate, and how. Every setting has a default taken from the spec.
#[derive(Debug, Clone, Default)]
pub struct Config {
    crate_name: Option<String>,
    output_file: Option<String>,
    replay: bool,
    directives: Option<PathBuf>,
    tag: Option<String>,
    deny_warnings: bool,
    runtime: Runtime,
}

/// The result of one generation.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The code model the files were emitted from.
    pub model: model::CodeModel,
    /// The crate's name (package name, kebab case).
    pub crate_name: String,
    /// Files of a complete crate, sorted by path.
    pub files: Vec<emit::File>,
    /// Every file the spec was read from.
    pub inputs: Vec<PathBuf>,
    /// How long loading, converting, modelling and emitting took.
    pub elapsed: Duration,
    /// What the spec says that the client does not honour exactly, each with what it does
    /// instead (see [`Config::deny_warnings`]).
    pub warnings: Vec<Diagnostic>,
}

impl Generated {
    /// Number of operations.
    pub fn operations(&self) -> usize {
        self.model.operations().count()
    }

    /// Lines of generated Rust (the hand-written runtime and the test-only `replay` module
    /// excluded).
    pub fn generated_lines(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.path.ends_with(".rs") && !f.path.starts_with("src/runtime/") && f.path != "src/replay.rs")
            .map(|f| f.contents.lines().count())
            .sum()
    }

    /// A one-line summary for humans.
    pub fn summary(&self) -> String {
        let ops = self.operations();
        format!(
            "{}: {} operations, {} models, {} files, {} lines ({:.1} per operation), {} warnings, {:.1} ms",
            self.crate_name,
            ops,
            self.model.schemas.len(),
            self.files.len(),
            self.generated_lines(),
            self.generated_lines() as f64 / ops.max(1) as f64,
            self.warnings.len(),
            self.elapsed.as_secs_f64() * 1000.0,
        )
    }

    /// The public API listing (every operation's signature and every model's fields).
    pub fn api_listing(&self) -> String {
        emit::api_listing(&self.model)
    }
}

impl Config {
    /// Default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the crate name (default: the spec's `info.title`, in kebab case).
    pub fn crate_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.crate_name = Some(name.into());
        self
    }

    /// Sets the file name [`Config::build_script`] writes in `$OUT_DIR` (default `client.rs`).
    pub fn output_file(&mut self, name: impl Into<String>) -> &mut Self {
        self.output_file = Some(name.into());
        self
    }

    /// Also generates the module `replay` (default off): `replay::invoke` calls any operation by
    /// its spec operation id with arguments given as an `x-ms-examples` file gives them, and
    /// `replay::client_for` builds a client for a test server. For replaying examples in tests.
    pub fn replay(&mut self, on: bool) -> &mut Self {
        self.replay = on;
        self
    }

    /// Where the generated code finds its runtime (default [`Runtime::Embed`]: a copy of it in
    /// the generated code). With any other value the code uses the `azure-rest-runtime` crate,
    /// as `pub use azure_rest_runtime as runtime;`: a crate written by [`Config::generate`]
    /// depends on it as the value says, and the crate that includes the code of
    /// [`Config::build_script`] must depend on it (and needs no other dependency for it).
    pub fn runtime(&mut self, runtime: Runtime) -> &mut Self {
        self.runtime = runtime;
        self
    }

    /// The directives file: the one set with [`Config::directives`], else `<spec>.codegen.yaml`
    /// next to the spec when it exists.
    fn directives_path(&self, spec: &Path) -> Option<PathBuf> {
        if let Some(path) = &self.directives {
            return Some(path.clone());
        }
        let stem = spec.file_stem()?.to_string_lossy().into_owned();
        let beside = spec.with_file_name(format!("{stem}.codegen.yaml"));
        beside.is_file().then_some(beside)
    }

    fn model_options(&self, spec: &Path) -> Result<model::Options, Diagnostic> {
        let Some(path) = self.directives_path(spec) else {
            return Ok(model::Options::default());
        };
        let text =
            std::fs::read_to_string(&path).map_err(|e| Diagnostic::new(&path, "", format!("cannot read: {e}")))?;
        let directives = model::directives::parse(&text).map_err(|(message, at)| {
            let diagnostic = Diagnostic::new(&path, "", message);
            match at {
                Some((line, column)) => diagnostic.at_line(line, column),
                None => diagnostic,
            }
        })?;
        Ok(model::Options {
            directives,
            directives_file: path,
            import_renames: Vec::new(),
        })
    }

    /// Reads directives (see [`model::directives`]) from `path` instead of
    /// `<spec>.codegen.yaml` next to the spec.
    pub fn directives(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.directives = Some(path.into());
        self
    }

    /// The tag of an AutoRest `readme.md` input whose `input-file`s make the API (default: the
    /// readme's own `tag`).
    pub fn tag(&mut self, tag: impl Into<String>) -> &mut Self {
        self.tag = Some(tag.into());
        self
    }

    /// Turns warnings into errors (default off): generation fails at the first warning, which is
    /// returned as the error.
    pub fn deny_warnings(&mut self, deny: bool) -> &mut Self {
        self.deny_warnings = deny;
        self
    }

    /// The spec files the named inputs stand for (see [`load::expand`]).
    fn inputs<P: AsRef<Path>>(&self, named: &[P]) -> Result<load::Inputs, Diagnostic> {
        let named: Vec<PathBuf> = named.iter().map(|p| p.as_ref().to_path_buf()).collect();
        load::expand(&named, self.tag.as_deref())
    }

    fn emit_options(&self) -> emit::Options {
        emit::Options {
            replay: self.replay,
            runtime: self.runtime.clone(),
        }
    }

    /// Runs load -> convert for `spec`, in memory: the OpenAPI 3.0 document the model stage reads
    /// (Swagger 2.0 converted, OpenAPI 3.0 as read). Every `$ref` into another file is bundled in
    /// (those under `x-ms-examples`, never followed, stay as written), so the document stands
    /// alone. For debugging the converter: [`convert::to_json`] writes it as the CLI's
    /// `--emit-openapi3` does, and generating from that file gives the same crate.
    pub fn openapi3(&self, spec: impl AsRef<Path>) -> Result<openapiv3::OpenAPI, Diagnostic> {
        self.openapi3_api(&[spec])
    }

    /// [`Config::openapi3`] of an API made of several inputs (see [`Config::generate_api`]).
    pub fn openapi3_api<P: AsRef<Path>>(&self, inputs: &[P]) -> Result<openapiv3::OpenAPI, Diagnostic> {
        convert::to_openapi3(&load::load_inputs(&self.inputs(inputs)?)?).map(|converted| converted.openapi)
    }

    /// Runs load -> convert -> model for the inputs: the code model, the crate's name, how the
    /// inputs read in headers, and every file read (spec files and directives).
    fn prepare<P: AsRef<Path>>(&self, named: &[P]) -> Result<Prepared, Diagnostic> {
        let inputs = self.inputs(named)?;
        let bundle = load::load_inputs(&inputs)?;
        let first = named.first().map(|p| p.as_ref()).unwrap_or(Path::new(""));
        let options = self.model_options(first)?;
        let model = code_model(&bundle, &options)?;
        if let Some(first) = model.warnings.first().filter(|_| self.deny_warnings) {
            let mut denied = first.clone();
            denied.severity = diagnostic::Severity::Error;
            denied.message.push_str(" (a warning; warnings are denied)");
            return Err(denied);
        }
        let crate_name = self
            .crate_name
            .clone()
            .unwrap_or_else(|| heck::ToKebabCase::to_kebab_case(model.title.as_str()));
        let mut read = bundle.files();
        if !options.directives_file.as_os_str().is_empty() {
            read.push(options.directives_file.clone());
        }
        Ok(Prepared {
            model,
            crate_name,
            spec_name: inputs.name,
            inputs: read,
        })
    }

    /// Runs load -> convert -> model -> emit for `spec`, in memory.
    pub fn generate(&self, spec: impl AsRef<Path>) -> Result<Generated, Diagnostic> {
        self.generate_api(&[spec])
    }

    /// Runs load -> convert -> model -> emit for one API made of several inputs, in memory: spec
    /// files, folders (every `*.json` directly inside) and AutoRest `readme.md` files (the
    /// `input-file`s of [`Config::tag`]). Their operations and types make one crate.
    pub fn generate_api<P: AsRef<Path>>(&self, named: &[P]) -> Result<Generated, Diagnostic> {
        let started = Instant::now();
        let Prepared {
            model,
            crate_name,
            spec_name,
            inputs,
        } = self.prepare(named)?;
        let files = emit::crate_files_with(&model, &crate_name, &spec_name, &self.emit_options())
            .map_err(|e| Diagnostic::new(&spec_name, "", e.0))?;
        Ok(Generated {
            warnings: model.warnings.clone(),
            model,
            crate_name,
            files,
            inputs,
            elapsed: started.elapsed(),
        })
    }

    /// Generates the client as one file `$OUT_DIR/client.rs` (see [`Config::output_file`]) for `include!`, and tells Cargo to
    /// rerun when any input file changes. For use in `build.rs`.
    pub fn build_script(&self, spec: impl AsRef<Path>) -> Result<(), Diagnostic> {
        self.build_script_api(&[spec])
    }

    /// [`Config::build_script`] for one API made of several inputs (see [`Config::generate_api`]).
    pub fn build_script_api<P: AsRef<Path>>(&self, named: &[P]) -> Result<(), Diagnostic> {
        for path in named {
            println!("cargo:rerun-if-changed={}", path.as_ref().display());
        }
        let prepared = self.prepare(named)?;
        for input in &prepared.inputs {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        for warning in &prepared.model.warnings {
            println!("cargo:warning={warning}");
        }
        let code = emit::single_file_with(
            &prepared.model,
            &prepared.crate_name,
            &prepared.spec_name,
            &self.emit_options(),
        )
        .map_err(|e| Diagnostic::new(&prepared.spec_name, "", e.0))?;
        let out_dir = std::env::var_os("OUT_DIR")
            .ok_or_else(|| Diagnostic::new("", "", "OUT_DIR is not set: call build_script from a build script"))?;
        let target = Path::new(&out_dir).join(self.output_file.as_deref().unwrap_or("client.rs"));
        // Rewrite only on change, so dependants are not rebuilt needlessly.
        if std::fs::read_to_string(&target).ok().as_deref() != Some(code.as_str()) {
            std::fs::write(&target, code).map_err(|e| Diagnostic::new(&target, "", format!("cannot write: {e}")))?;
        }
        Ok(())
    }
}

/// What both layouts are emitted from.
struct Prepared {
    model: model::CodeModel,
    crate_name: String,
    /// How the inputs read in generated headers (`face.json`, `readme.md (tag …)`, ...).
    spec_name: String,
    inputs: Vec<PathBuf>,
}
