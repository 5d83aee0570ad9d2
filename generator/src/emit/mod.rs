//! Stage 4 — emit: the code model spelled in Rust with `quote`, formatted with `prettyplease`.
//!
//! One list of modules is made, then written either as a crate (one file per module, plus
//! `Cargo.toml`), its files formatted on two threads, or as a single file for a build script's
//! `include!`.

mod client;
mod listing;
mod models;
mod operations;
mod replay;
mod types;
mod xml;

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro2::TokenStream;
use quote::quote;

pub use listing::api_listing;

use crate::model::{CodeModel, GroupNames, OperationGroup, RuntimeFeature};
use types::ident;

/// The hand-written runtime: the sources of the `azure-rest-runtime` crate (`runtime/src/`), which
/// a crate that embeds the runtime holds as `src/runtime/<file>` (see [`embedded_runtime_file`]):
/// `(file name in that folder, contents)`, `mod.rs` (the crate's `lib.rs`) first.
pub const RUNTIME: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../../runtime/src/lib.rs")),
    ("base64.rs", include_str!("../../../runtime/src/base64.rs")),
    ("date.rs", include_str!("../../../runtime/src/date.rs")),
    ("duration.rs", include_str!("../../../runtime/src/duration.rs")),
    ("identity.rs", include_str!("../../../runtime/src/identity.rs")),
    ("macros.rs", include_str!("../../../runtime/src/macros.rs")),
    ("paging.rs", include_str!("../../../runtime/src/paging.rs")),
    ("pipeline.rs", include_str!("../../../runtime/src/pipeline.rs")),
    ("poller.rs", include_str!("../../../runtime/src/poller.rs")),
    ("request.rs", include_str!("../../../runtime/src/request.rs")),
    ("response.rs", include_str!("../../../runtime/src/response.rs")),
    ("rfc1123.rs", include_str!("../../../runtime/src/rfc1123.rs")),
    ("rfc3339.rs", include_str!("../../../runtime/src/rfc3339.rs")),
    ("validate.rs", include_str!("../../../runtime/src/validate.rs")),
    ("wire.rs", include_str!("../../../runtime/src/wire.rs")),
    ("xml.rs", include_str!("../../../runtime/src/xml.rs")),
];

/// The runtime crate's package name, and the name its library has in code.
pub const RUNTIME_CRATE: (&str, &str) = ("azure-rest-runtime", "azure_rest_runtime");

/// A file of [`RUNTIME`] as a crate that embeds the runtime holds it: without `#[macro_export]`,
/// so the runtime's macros stay inside that crate (reached through `crate::runtime::`, as in the
/// runtime crate) instead of joining the root of its public API.
pub fn embedded_runtime_file(contents: &str) -> String {
    contents
        .lines()
        .filter(|line| line.trim() != "#[macro_export]")
        .flat_map(|line| [line, "\n"])
        .collect()
}

/// The runtime as one inline module's contents: `mod.rs` with each `mod name;` replaced by the
/// file's contents in braces.
fn runtime_inline() -> String {
    let mut out = String::new();
    for line in RUNTIME[0].1.lines() {
        let declared = line
            .strip_suffix(';')
            .and_then(|l| l.strip_prefix("pub mod ").or_else(|| l.strip_prefix("mod ")));
        match declared.and_then(|name| RUNTIME.iter().find(|(file, _)| file.strip_suffix(".rs") == Some(name))) {
            Some((file, contents)) => {
                let visibility = if line.starts_with("pub ") { "pub " } else { "" };
                out.push_str(&format!(
                    "{visibility}mod {} {{\n{}\n}}\n",
                    file.trim_end_matches(".rs"),
                    embedded_runtime_file(contents)
                ));
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Dependencies of a generated crate that embeds the runtime: `(name, Cargo.toml value)`, the
/// runtime crate's own (`runtime/Cargo.toml`; a test checks they agree). The crate that includes
/// such generated code from a build script needs the same; with [`Runtime::Crate`] it needs only
/// `azure-rest-runtime`.
pub const DEPENDENCIES: &[(&str, &str)] = &[
    ("bytes", r#""1""#),
    ("futures-core", r#""0.3""#),
    ("percent-encoding", r#""2""#),
    ("regex-lite", r#""0.1""#),
    (
        "reqwest",
        r#"{ version = "0.12", default-features = false, features = ["rustls-tls"] }"#,
    ),
    ("serde", r#"{ version = "1", features = ["derive"] }"#),
    ("serde_json", r#"{ version = "1", features = ["float_roundtrip"] }"#),
    (
        "time",
        r#"{ version = "0.3", features = ["serde", "formatting", "parsing"] }"#,
    ),
    ("tokio", r#"{ version = "1", features = ["time", "sync"] }"#),
    (
        "tracing",
        r#"{ version = "0.1", default-features = false, features = ["std"] }"#,
    ),
    ("uuid", r#"{ version = "1", features = ["serde"] }"#),
    // Only with the `azure-identity` feature (see [`FEATURES`]).
    (
        "azure_core",
        r#"{ version = "1", default-features = false, optional = true }"#,
    ),
    // Only with the `ecma-regex` feature.
    (
        "fancy-regex",
        r#"{ version = "0.20", default-features = false, features = ["std", "unicode", "variable-lookbehinds"], optional = true }"#,
    ),
    // Only with the `xml` feature.
    ("quick-xml", r#"{ version = "0.41", optional = true }"#),
];

/// Cargo features of a generated crate: `(name, Cargo.toml value)`. A crate that includes the
/// generated code from a build script declares the same (the runtime tests them with `cfg`).
pub const FEATURES: &[(&str, &str)] = &[
    // Any `azure_core::credentials::TokenCredential` (azure_identity's credentials) is a token
    // credential of the client (`runtime/identity.rs`).
    ("azure-identity", r#"["dep:azure_core"]"#),
    // Patterns with look-around, back-references or Unicode classes (`runtime/validate.rs`); on
    // by default in a crate whose spec has such patterns ([`CodeModel::runtime_features`]).
    ("ecma-regex", r#"["dep:fancy-regex"]"#),
    // XML bodies (`runtime/xml.rs`); on by default in a crate whose spec has XML bodies.
    ("xml", r#"["dep:quick-xml"]"#),
];

/// Something the emitter cannot spell (reported to the user as a diagnostic).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitError(pub String);

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where generated code finds the runtime it calls (as `crate::runtime` in either case, so the
/// generated models and operations are the same).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Runtime {
    /// A copy of the runtime in the generated code: `src/runtime/` of a crate (which then depends
    /// on [`DEPENDENCIES`]), an inline module for a build script. The default.
    #[default]
    Embed,
    /// The `azure-rest-runtime` crate, which the crate holding the generated code depends on. For
    /// a build script (whose crate's own `Cargo.toml` declares that dependency) this is all there
    /// is to it; a generated crate's `Cargo.toml` depends on version [`RUNTIME_VERSION`].
    Crate,
    /// The `azure-rest-runtime` crate as a path dependency: `{ path = "..." }`, the path written
    /// as given (relative to the generated crate's folder).
    Path(String),
    /// The `azure-rest-runtime` crate from a registry, with this version requirement.
    Version(String),
}

/// The version of the runtime crate whose sources this generator embeds.
pub const RUNTIME_VERSION: &str = "0.1";

impl Runtime {
    /// Whether the runtime is embedded in the generated code.
    pub fn is_embedded(&self) -> bool {
        matches!(self, Runtime::Embed)
    }
}

/// What to emit besides the client itself, and where its runtime is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Also emit the `replay` module: `invoke` calls any operation by its spec id with
    /// example-style JSON arguments, `client_for` builds a client for a test server.
    pub replay: bool,
    /// Where the runtime is.
    pub runtime: Runtime,
}

/// A generated file: path relative to the crate root, and contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub contents: String,
}

/// A module of the generated crate: where it sits, its docs, the modules it declares, and how to
/// make its items. Both layouts are made from one list of these: a file per module
/// ([`crate_files`]) or every module inline in one file ([`single_file`]).
struct Module<'a> {
    /// Its path from the crate root, e.g. `["operations", "snapshot"]`; empty for the crate root.
    path: Vec<String>,
    docs: String,
    /// The names of the modules it declares, in order (`runtime` is the hand-written runtime).
    children: Vec<String>,
    /// About how much work its items are (an operation counts one, a model a fifth, as callgrind
    /// weighs them), so that the largest files are started first.
    weight: usize,
    items: Box<dyn Fn() -> Result<TokenStream, EmitError> + Sync + 'a>,
}

impl Module<'_> {
    /// Its file in a crate.
    fn file_path(&self) -> String {
        match (self.path.is_empty(), self.children.is_empty()) {
            (true, _) => "src/lib.rs".into(),
            (false, true) => format!("src/{}.rs", self.path.join("/")),
            (false, false) => format!("src/{}/mod.rs", self.path.join("/")),
        }
    }
}

const RUNTIME_MODULE: &str = "runtime";
const MODELS_DOCS: &str = "Types of the request and response bodies, one per schema of the spec.";
const OPERATIONS_DOCS: &str =
    "Operations, grouped as the spec's operation ids group them; each takes its required parameters and an options struct.";
const REPLAY_DOCS: &str = "Replays examples: calls operations by their spec id with JSON arguments. For tests.";

/// Every module of the crate, the root first. Nothing is emitted until a module's `items` is
/// called, on the thread that formats it (token streams cannot cross threads).
fn modules<'a>(model: &'a CodeModel, crate_name: &'a str, options: &Options) -> Vec<Module<'a>> {
    let named: Vec<&OperationGroup> = model.groups.iter().filter(|g| g.name.is_some()).collect();
    let client_level = model.groups.iter().rfind(|g| g.name.is_none());
    let mut root_children = vec![RUNTIME_MODULE.to_string(), "models".into(), "operations".into()];
    if options.replay {
        root_children.push("replay".into());
    }
    let mut modules = vec![
        Module {
            path: Vec::new(),
            docs: model.docs.clone(),
            children: root_children,
            weight: 1,
            items: Box::new(move || Ok(client::client_items(model, crate_name))),
        },
        Module {
            path: vec!["models".into()],
            docs: MODELS_DOCS.into(),
            children: Vec::new(),
            weight: model.schemas.len() / 5,
            items: Box::new(move || models::models(model)),
        },
        Module {
            path: vec!["operations".into()],
            docs: OPERATIONS_DOCS.into(),
            children: named.iter().map(|g| group_names(g).module.clone()).collect(),
            weight: client_level.map_or(0, |g| g.operations.len()),
            items: Box::new(move || {
                Ok(client_level.map_or_else(TokenStream::new, |g| operations::group_items(model, g)))
            }),
        },
    ];
    for group in named {
        let names = group_names(group);
        modules.push(Module {
            path: vec!["operations".into(), names.module.clone()],
            docs: format!("Operations of the `{}` group.", names.spec),
            children: Vec::new(),
            weight: group.operations.len(),
            items: Box::new(move || Ok(operations::group_items(model, group))),
        });
    }
    if options.replay {
        modules.push(Module {
            path: vec!["replay".into()],
            docs: REPLAY_DOCS.into(),
            children: Vec::new(),
            weight: model.operations().count(),
            items: Box::new(move || Ok(replay::replay_items(model))),
        });
    }
    modules
}

fn group_names(group: &OperationGroup) -> &GroupNames {
    group.name.as_ref().expect("a named group")
}

fn format(tokens: TokenStream, what: &str) -> Result<String, EmitError> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| EmitError(format!("internal error: generated {what} does not parse: {e}")))?;
    Ok(space_items(&prettyplease::unparse(&file)))
}

/// Puts a blank line between items (prettyplease leaves none), for readers of the generated code:
/// after an item that ends at module or impl level, and after the module's `//!` docs and `use`s.
fn space_items(code: &str) -> String {
    const ITEM_STARTS: &[&str] = &[
        "///",
        "#[",
        "pub ",
        "impl",
        "fn ",
        "async fn",
        "crate::",
        "runtime::",
        "use ",
        "const ",
        "static ",
        "type ",
        "struct ",
        "enum ",
        "mod ",
        "macro_rules!",
        "unsafe impl",
    ];
    let lines: Vec<&str> = code.lines().collect();
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        let Some(next) = lines.get(i + 1) else { continue };
        let indent = line.len() - line.trim_start().len();
        let next_indent = next.len() - next.trim_start().len();
        if indent > 4 || indent != next_indent || next.trim().is_empty() {
            continue;
        }
        let body = line.trim_start();
        let next_body = next.trim_start();
        if body.starts_with("///") || body.starts_with("//!") && next_body.starts_with("//!") {
            continue; // inside a doc comment
        }
        let ends_item = body == "}"
            || body.starts_with("#![") && !next_body.starts_with("#![")
            || body.ends_with(';') && !body.starts_with("use ")
            || body.starts_with("//!") && !next_body.starts_with("//!");
        let ends_uses = body.starts_with("use ")
            && !next_body.starts_with("use ")
            && !next_body.starts_with("#[allow(unused_imports)]");
        // An enum's `crate::runtime::closed_enum!(Name);` (and the like) stays under it, as its derives sit above it.
        let enum_macro = body == "}" && next_body.starts_with("crate::runtime::") && next_body.contains("_enum!(");
        if (ends_item || ends_uses) && !enum_macro && ITEM_STARTS.iter().any(|s| next_body.starts_with(s)) {
            out.push('\n');
        }
    }
    out
}

fn inner_docs(docs: &str) -> TokenStream {
    let lines = docs.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote!(#( #![doc = #lines] )*)
}

/// The crate as files: `Cargo.toml`, `RENAMES.md` and `src/...`. Files formatted by prettyplease
/// say `rustfmt::skip`, so `cargo fmt` in a workspace that holds the crate leaves them as generated.
pub fn crate_files(model: &CodeModel, crate_name: &str, spec_name: &str) -> Result<Vec<File>, EmitError> {
    crate_files_with(model, crate_name, spec_name, &Options::default())
}

/// [`crate_files`] with [`Options`].
pub fn crate_files_with(
    model: &CodeModel,
    crate_name: &str,
    spec_name: &str,
    options: &Options,
) -> Result<Vec<File>, EmitError> {
    let header = format!("// Generated by azure-rest-codegen from `{spec_name}`. Do not edit: regenerate.\n\n");
    let header = header.as_str();
    let mut jobs: Vec<FileJob> = vec![
        FileJob {
            path: "Cargo.toml".into(),
            weight: 0,
            make: Box::new(|| Ok(manifest(model, crate_name, spec_name, &options.runtime))),
        },
        FileJob {
            path: "RENAMES.md".into(),
            weight: 0,
            make: Box::new(|| Ok(listing::rename_report(model, spec_name))),
        },
    ];
    if options.runtime.is_embedded() {
        for (name, contents) in RUNTIME {
            jobs.push(FileJob {
                path: format!("src/{RUNTIME_MODULE}/{name}"),
                weight: 0,
                make: Box::new(|| Ok(embedded_runtime_file(contents))),
            });
        }
    }
    for module in modules(model, crate_name, options) {
        jobs.push(FileJob {
            path: module.file_path(),
            weight: module.weight,
            make: Box::new(move || module_file(&module, header, &options.runtime)),
        });
    }
    // Largest first, so that the last jobs to end are small ones.
    jobs.sort_by_key(|job| std::cmp::Reverse(job.weight));
    let contents = parallel_map(&jobs, EMIT_THREADS, |job| (job.make)());
    let mut files: Vec<(String, Result<String, EmitError>)> =
        jobs.into_iter().map(|job| job.path).zip(contents).collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
        .into_iter()
        .map(|(path, contents)| {
            Ok(File {
                path,
                contents: contents?,
            })
        })
        .collect()
}

/// How many threads [`crate_files`] formats files on (the calling thread is one of them).
const EMIT_THREADS: usize = 2;

/// One file of a crate: its path, and a pure function that makes its contents.
struct FileJob<'a> {
    path: String,
    /// Rough cost, to start the largest first.
    weight: usize,
    make: Box<dyn Fn() -> Result<String, EmitError> + Sync + 'a>,
}

/// `f` of every item, on `threads` threads (the calling one included), each taking the next item
/// not yet taken; the results in the order of `items`.
fn parallel_map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break done };
            done.push((i, f(item)));
        }
    };
    let mut done = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.max(1)).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for helper in helpers {
            done.extend(helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        done
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}

/// A module's file: its docs, its `mod` declarations, then its items.
fn module_file(module: &Module, header: &str, runtime: &Runtime) -> Result<String, EmitError> {
    let docs = inner_docs(&module.docs);
    let declarations = module.children.iter().map(|c| match c.as_str() {
        RUNTIME_MODULE if module.path.is_empty() && !runtime.is_embedded() => runtime_crate_alias(),
        _ => {
            let c = ident(c);
            quote!(pub mod #c;)
        }
    });
    let items = (module.items)()?;
    let tokens = quote! {
        #docs
        #![cfg_attr(rustfmt, rustfmt::skip)]
        #(#declarations)*
        #items
    };
    Ok(format!("{header}{}", format(tokens, &module.file_path())?))
}

/// The crate as one file of items for `include!` (no crate-level attributes).
pub fn single_file(model: &CodeModel, crate_name: &str, spec_name: &str) -> Result<String, EmitError> {
    single_file_with(model, crate_name, spec_name, &Options::default())
}

/// [`single_file`] with [`Options`].
pub fn single_file_with(
    model: &CodeModel,
    crate_name: &str,
    spec_name: &str,
    options: &Options,
) -> Result<String, EmitError> {
    /// `module`'s children as inline modules, each with its docs, its items, then its own children.
    fn children(modules: &[Module], module: &Module, runtime: &TokenStream) -> Result<TokenStream, EmitError> {
        let mut out = TokenStream::new();
        for name in &module.children {
            let ident = ident(name);
            if module.path.is_empty() && name == RUNTIME_MODULE {
                out.extend(runtime.clone());
                continue;
            }
            let child = modules
                .iter()
                .find(|m| m.path.split_last() == Some((name, module.path.as_slice())))
                .expect("every declared module is in the list");
            let docs = inner_docs(&child.docs);
            let items = (child.items)()?;
            let grandchildren = children(modules, child, runtime)?;
            out.extend(quote!(pub mod #ident { #docs #items #grandchildren }));
        }
        Ok(out)
    }
    let modules = modules(model, crate_name, options);
    let runtime = if options.runtime.is_embedded() {
        let runtime: TokenStream = runtime_inline()
            .parse()
            .map_err(|e| EmitError(format!("internal error: the runtime does not parse: {e}")))?;
        quote!(pub mod runtime { #runtime })
    } else {
        runtime_crate_alias()
    };
    let root = &modules[0];
    let children = children(&modules, root, &runtime)?;
    let items = (root.items)()?;
    let tokens = quote! {
        #children
        #items
    };
    Ok(format!(
        "// Generated by azure-rest-codegen from `{spec_name}`. Do not edit: regenerate.\n\n{}",
        format(tokens, "the client")?
    ))
}

/// `pub use azure_rest_runtime as runtime;`: the runtime crate under the name generated code
/// gives the runtime, in place of an embedded module `runtime`.
fn runtime_crate_alias() -> TokenStream {
    let name = ident(RUNTIME_CRATE.1);
    quote!(pub use #name as runtime;)
}

fn manifest(model: &CodeModel, crate_name: &str, spec_name: &str, runtime: &Runtime) -> String {
    let mut out = format!(
        "# Generated by azure-rest-codegen from `{spec_name}`. Do not edit: regenerate.\n\
         [package]\nname = \"{crate_name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\
         description = {}\npublish = false\n\n[features]\n",
        toml_string(&format!(
            "Async Rust client for {} (API version {})",
            model.title, model.api_version
        )),
    );
    let needed: Vec<&str> = model.runtime_features().into_iter().map(RuntimeFeature::name).collect();
    let dependency = match runtime {
        Runtime::Embed => {
            if !needed.is_empty() {
                out.push_str(&format!("default = {}\n", toml_list(&needed)));
            }
            for (name, value) in FEATURES {
                out.push_str(&format!("{name} = {value}\n"));
            }
            out.push_str("\n[dependencies]\n");
            for (name, value) in DEPENDENCIES {
                out.push_str(&format!("{name} = {value}\n"));
            }
            return out;
        }
        Runtime::Crate => ("version", RUNTIME_VERSION),
        Runtime::Version(version) => ("version", version.as_str()),
        Runtime::Path(path) => ("path", path.as_str()),
    };
    let dependency = match (dependency, needed.is_empty()) {
        (("version", version), true) => toml_string(version),
        ((key, value), true) => format!("{{ {key} = {} }}", toml_string(value)),
        ((key, value), false) => format!(
            "{{ {key} = {}, features = {} }}",
            toml_string(value),
            toml_list(&needed)
        ),
    };
    // The runtime crate has the features; the crate passes through those its users choose (the
    // ones its spec needs are on in the dependency).
    let spec_driven = [RuntimeFeature::EcmaRegex, RuntimeFeature::Xml].map(RuntimeFeature::name);
    for (name, _) in FEATURES.iter().filter(|(name, _)| !spec_driven.contains(name)) {
        out.push_str(&format!("{name} = [\"{}/{name}\"]\n", RUNTIME_CRATE.0));
    }
    out.push_str("\n[dependencies]\n");
    out.push_str(&format!("{} = {dependency}\n", RUNTIME_CRATE.0));
    out
}

/// A TOML array of basic strings.
fn toml_list(items: &[&str]) -> String {
    let items: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", items.join(", "))
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
