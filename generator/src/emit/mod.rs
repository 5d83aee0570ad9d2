//! Stage 4 — emit: the code model spelled in Rust with `quote`, formatted with `prettyplease`.
//!
//! One module tree is built, then written either as a crate (one file per module, plus
//! `Cargo.toml`) or as a single file for a build script's `include!`.

mod client;
mod listing;
mod models;
mod operations;
mod replay;
mod types;

use std::fmt;

use proc_macro2::TokenStream;
use quote::quote;

pub use listing::api_listing;

use crate::model::{CodeModel, OperationGroup};
use types::ident;

/// The hand-written runtime, copied into every generated crate as `src/runtime/<file>`:
/// `(file name, contents)`, `mod.rs` first.
pub const RUNTIME: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("base64.rs", include_str!("../../runtime/base64.rs")),
    ("date.rs", include_str!("../../runtime/date.rs")),
    ("duration.rs", include_str!("../../runtime/duration.rs")),
    ("macros.rs", include_str!("../../runtime/macros.rs")),
    ("paging.rs", include_str!("../../runtime/paging.rs")),
    ("pipeline.rs", include_str!("../../runtime/pipeline.rs")),
    ("poller.rs", include_str!("../../runtime/poller.rs")),
    ("request.rs", include_str!("../../runtime/request.rs")),
    ("response.rs", include_str!("../../runtime/response.rs")),
    ("rfc1123.rs", include_str!("../../runtime/rfc1123.rs")),
    ("rfc3339.rs", include_str!("../../runtime/rfc3339.rs")),
    ("validate.rs", include_str!("../../runtime/validate.rs")),
    ("wire.rs", include_str!("../../runtime/wire.rs")),
];

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
                    "{visibility}mod {} {{\n{contents}\n}}\n",
                    file.trim_end_matches(".rs")
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

/// Dependencies of a generated crate: `(name, Cargo.toml value)`. The crate that includes the
/// generated code from a build script needs the same.
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
    ("tokio", r#"{ version = "1", features = ["time"] }"#),
    (
        "tracing",
        r#"{ version = "0.1", default-features = false, features = ["std"] }"#,
    ),
    ("uuid", r#"{ version = "1", features = ["serde"] }"#),
];

/// Something the emitter cannot spell (reported to the user as a diagnostic).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitError(pub String);

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What to emit besides the client itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Also emit the `replay` module: `invoke` calls any operation by its spec id with
    /// example-style JSON arguments, `client_for` builds a client for a test server.
    pub replay: bool,
}

/// A module of the generated crate.
struct Module {
    name: String,
    docs: String,
    items: TokenStream,
    children: Vec<Module>,
    /// Declared by its parent, but its file is made elsewhere.
    external: bool,
}

const MODELS_DOCS: &str = "Types of the request and response bodies, one per schema of the spec.";

/// A generated file: path relative to the crate root, and contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub contents: String,
}

/// The module of a named group; `external` ones are only declared (their items are made
/// elsewhere).
fn group_module(model: &CodeModel, defaults: &operations::Defaults, group: &OperationGroup, external: bool) -> Module {
    let names = group.name.as_ref().expect("a named group");
    Module {
        name: names.module.clone(),
        docs: format!("Operations of the `{}` group.", names.spec),
        items: if external {
            quote!()
        } else {
            operations::group_items(model, defaults, group)
        },
        children: Vec::new(),
        external,
    }
}

/// `elsewhere`: the groups whose files the caller makes (declared here all the same).
fn module_tree(
    model: &CodeModel,
    crate_name: &str,
    options: &Options,
    models: Option<TokenStream>,
    elsewhere: &[&OperationGroup],
    defaults: &operations::Defaults,
) -> Result<Module, EmitError> {
    let mut groups = Vec::new();
    let mut client_level = quote!();
    for group in &model.groups {
        let external = elsewhere.iter().any(|g| std::ptr::eq(*g, group));
        match &group.name {
            Some(_) => groups.push(group_module(model, defaults, group, external)),
            None => client_level = operations::group_items(model, defaults, group),
        }
    }
    let operations = Module {
        name: "operations".into(),
        docs: "Operations, grouped as the spec's operation ids group them; each takes its required parameters and an options struct.".into(),
        items: client_level,
        children: groups,
        external: false,
    };
    let external = models.is_none();
    let models = Module {
        name: "models".into(),
        docs: MODELS_DOCS.into(),
        items: models.unwrap_or_default(),
        children: Vec::new(),
        external,
    };
    let mut children = vec![models, operations];
    if options.replay {
        children.push(Module {
            name: "replay".into(),
            docs: "Replays examples: calls operations by their spec id with JSON arguments. For tests.".into(),
            items: replay::replay_items(model),
            children: Vec::new(),
            external: false,
        });
    }
    Ok(Module {
        name: String::new(),
        docs: model.docs.clone(),
        items: client::client_items(model, crate_name),
        children,
        external: false,
    })
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
        if (ends_item || ends_uses) && ITEM_STARTS.iter().any(|s| next_body.starts_with(s)) {
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
    // The models file is made on a thread of its own while this one makes the rest: token
    // streams cannot cross threads, so each side builds and formats its own; text comes back.
    let header = format!("// Generated by azure-rest-codegen from `{spec_name}`. Do not edit: regenerate.\n\n");
    let elsewhere = second_thread_groups(model);
    let defaults = models::enum_defaults(model);
    let (models_file, rest) = std::thread::scope(|scope| {
        let models_file = scope.spawn(|| {
            let module = Module {
                name: "models".into(),
                docs: MODELS_DOCS.into(),
                items: models::models(model)?,
                children: Vec::new(),
                external: false,
            };
            let mut files = Vec::new();
            write_module(&module, "src", &header, &mut files)?;
            for group in &elsewhere {
                write_module(
                    &group_module(model, &defaults, group, false),
                    "src/operations",
                    &header,
                    &mut files,
                )?;
            }
            Ok::<_, EmitError>(files)
        });
        let rest = crate_files_but_models(model, crate_name, spec_name, options, &header, &elsewhere, &defaults);
        let models_file = models_file
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (models_file, rest)
    });
    let mut files = rest?;
    files.extend(models_file?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The groups whose files the second thread makes besides the models, so that the two threads
/// have about the same work: greedily, the largest groups first, each to the thread with less so
/// far (a model counts as a fifth of an operation, as callgrind weighs them). The choice changes
/// who formats a file, never what it holds.
fn second_thread_groups(model: &CodeModel) -> Vec<&OperationGroup> {
    let mut named: Vec<&OperationGroup> = model.groups.iter().filter(|g| g.name.is_some()).collect();
    named.sort_by_key(|g| std::cmp::Reverse(g.operations.len()));
    let (mut main, mut second) = (0, model.schemas.len() / 5);
    let mut chosen = Vec::new();
    for group in named {
        if second < main {
            second += group.operations.len();
            chosen.push(group);
        } else {
            main += group.operations.len();
        }
    }
    chosen
}

/// The files of [`crate_files_with`] but `src/models.rs` and those of the groups in `elsewhere`.
fn crate_files_but_models(
    model: &CodeModel,
    crate_name: &str,
    spec_name: &str,
    options: &Options,
    header: &str,
    elsewhere: &[&OperationGroup],
    defaults: &operations::Defaults,
) -> Result<Vec<File>, EmitError> {
    let root = module_tree(model, crate_name, options, None, elsewhere, defaults)?;
    let mut files = vec![
        File {
            path: "Cargo.toml".into(),
            contents: manifest(model, crate_name, spec_name),
        },
        File {
            path: "RENAMES.md".into(),
            contents: listing::rename_report(model, spec_name),
        },
    ];
    let declarations = root.children.iter().map(|c| ident(&c.name));
    let docs = inner_docs(&root.docs);
    let items = &root.items;
    let lib = quote! {
        #docs
        #![cfg_attr(rustfmt, rustfmt::skip)]
        pub mod runtime;
        #(pub mod #declarations;)*
        #items
    };
    files.push(File {
        path: "src/lib.rs".into(),
        contents: format!("{header}{}", format(lib, "src/lib.rs")?),
    });
    for (name, contents) in RUNTIME {
        files.push(File {
            path: format!("src/runtime/{name}"),
            contents: contents.to_string(),
        });
    }
    for child in &root.children {
        write_module(child, "src", header, &mut files)?;
    }
    Ok(files)
}

fn write_module(module: &Module, dir: &str, header: &str, files: &mut Vec<File>) -> Result<(), EmitError> {
    if module.external {
        return Ok(());
    }
    let docs = inner_docs(&module.docs);
    let declarations = module.children.iter().map(|c| ident(&c.name));
    let items = &module.items;
    let tokens = quote! {
        #docs
        #![cfg_attr(rustfmt, rustfmt::skip)]
        #(pub mod #declarations;)*
        #items
    };
    let path = if module.children.is_empty() {
        format!("{dir}/{}.rs", module.name)
    } else {
        format!("{dir}/{}/mod.rs", module.name)
    };
    files.push(File {
        contents: format!("{header}{}", format(tokens, &path)?),
        path,
    });
    for child in &module.children {
        write_module(child, &format!("{dir}/{}", module.name), header, files)?;
    }
    Ok(())
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
    fn inline(module: &Module) -> TokenStream {
        let name = ident(&module.name);
        let docs = inner_docs(&module.docs);
        let items = &module.items;
        let children = module.children.iter().map(inline);
        quote!(pub mod #name { #docs #items #(#children)* })
    }
    let defaults = models::enum_defaults(model);
    let root = module_tree(model, crate_name, options, Some(models::models(model)?), &[], &defaults)?;
    let runtime: TokenStream = runtime_inline()
        .parse()
        .map_err(|e| EmitError(format!("internal error: the runtime does not parse: {e}")))?;
    let items = &root.items;
    let children = root.children.iter().map(inline);
    let tokens = quote! {
        pub mod runtime { #runtime }
        #(#children)*
        #items
    };
    Ok(format!(
        "// Generated by azure-rest-codegen from `{spec_name}`. Do not edit: regenerate.\n\n{}",
        format(tokens, "the client")?
    ))
}

fn manifest(model: &CodeModel, crate_name: &str, spec_name: &str) -> String {
    let mut out = format!(
        "# Generated by azure-rest-codegen from `{spec_name}`. Do not edit: regenerate.\n\
         [package]\nname = \"{crate_name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\
         description = {}\npublish = false\n\n[dependencies]\n",
        toml_string(&format!(
            "Async Rust client for {} (API version {})",
            model.title, model.api_version
        )),
    );
    for (name, value) in DEPENDENCIES {
        out.push_str(&format!("{name} = {value}\n"));
    }
    out
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
