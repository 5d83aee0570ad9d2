//! Stage 1 — load: read a spec (JSON or YAML, optional UTF-8 BOM), follow every `$ref` into other
//! files, and bundle everything into one JSON document whose `$ref`s are all local.
//!
//! Every node of the bundle keeps its origin (file and JSON pointer), so later stages can name the
//! file, pointer and line of a problem through [`Bundle::diagnostic`].
//!
//! The work is split in three parts:
//! - `read`: bytes of one file to a `serde_json::Value` (format detection, parse
//!   errors with line and column);
//! - `bundle`: `$ref` resolution across files (imports into the root's component
//!   containers, inlining of everything else, cycle detection);
//! - `position`: where the value at a JSON pointer starts in JSON text, so that
//!   diagnostics can carry a line and column although serde_json keeps no positions.

mod bundle;
mod inputs;
mod position;
mod read;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Result};

pub use inputs::{expand, load_inputs, load_inputs_with, Inputs, ALL_DEFINITIONS, API_VERSIONS};
pub use position::line_col;

/// Which kind of document the root file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecVersion {
    /// `"swagger": "2.0"`
    Swagger2,
    /// `"openapi": "3.0.x"`
    OpenApi3,
}

/// The root document with all external `$ref`s imported and rewritten as local ones.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The bundled document.
    pub document: serde_json::Value,
    /// The file the bundle was loaded from.
    pub root_file: PathBuf,
    /// Swagger 2.0 or OpenAPI 3.0.
    pub version: SpecVersion,
    /// Every file that was read, the root first; indexed by [`Origin::file`].
    files: Vec<SourceFile>,
    /// Where imported and inlined subtrees of `document` came from. A node's origin is given by
    /// the entry with the longest matching prefix; nodes without one come from the root file at
    /// the same pointer.
    origins: Vec<Origin>,
    /// Entries imported from another file under another name, because the name was taken by a
    /// different entry.
    import_renames: Vec<ImportRename>,
    /// The root document was made to join several files (it is in no file).
    made_root: bool,
}

/// An entry of a component container imported under another name than its own, because another
/// file's entry of that name differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRename {
    /// The container (`/definitions`, `/components/schemas`, ...).
    pub container: &'static str,
    /// The entry's name in its file, and the name it has in the bundle.
    pub name: String,
    pub local: String,
    /// `file#pointer` of the entry, and of the one that has the name.
    pub origin: String,
    pub holder: String,
}

/// One file as read, kept so that diagnostics can be given a line and column.
#[derive(Clone)]
struct SourceFile {
    /// The path shown to the user: as given for the root file, joined and normalized for others.
    path: PathBuf,
    /// The text after BOM removal (shared: a `Bundle` is cloned cheaply).
    text: Arc<str>,
    format: read::Format,
}

/// The bundle subtree at `prefix` is the node at `pointer` of file number `file`.
#[derive(Debug, Clone)]
struct Origin {
    prefix: String,
    file: usize,
    pointer: String,
}

/// Loads `path` and every file it references.
pub fn load(path: &Path) -> Result<Bundle> {
    load_with(path, &|file: &Path| std::fs::read(file))
}

/// Loads a spec held in memory as the single file `name` (a `$ref` to another file is reported
/// as a missing file).
pub fn load_text(name: &Path, text: &str) -> Result<Bundle> {
    load_with(name, &|file: &Path| {
        if file == name {
            Ok(text.as_bytes().to_vec())
        } else {
            Err(io::Error::new(io::ErrorKind::NotFound, file.display().to_string()))
        }
    })
}

/// Like [`load`], but reads every file through `read`, so that tests (or callers with specs in
/// memory) need no files on disk. `read` is given the referencing file's directory joined with the
/// relative `$ref` path, not normalized, as the file system would resolve it.
pub fn load_with(path: &Path, read: &dyn Fn(&Path) -> io::Result<Vec<u8>>) -> Result<Bundle> {
    let bytes = read(path).map_err(|e| Diagnostic::new(path, "", format!("cannot read file: {e}")))?;
    let parsed = read::parse(path, bytes)?;
    let root = SourceFile {
        path: path.to_path_buf(),
        text: parsed.text.into(),
        format: parsed.format,
    };
    let version = check_root(&root, &parsed.value)?;
    bundle::bundle(root, parsed.value, version, read)
}

/// Checks that `document` is a Swagger 2.0 or OpenAPI 3.0 document with paths, and tells which.
fn check_root(file: &SourceFile, document: &Value) -> Result<SpecVersion> {
    const SUPPORTED: &str = "supported are `\"swagger\": \"2.0\"` and `\"openapi\": \"3.0.x\"`";
    let Value::Object(root) = document else {
        return Err(file.diagnostic("", format!("the root must be an object, found {}", describe(document))));
    };
    let version = match (root.get("swagger"), root.get("openapi")) {
        (Some(_), Some(_)) => {
            return Err(file.diagnostic("", "both `swagger` and `openapi` are present; a spec has exactly one"));
        }
        (Some(Value::String(v)), None) if v == "2.0" => SpecVersion::Swagger2,
        (Some(found), None) => {
            let message = format!("unsupported `swagger` version {found}; {SUPPORTED}");
            return Err(file.diagnostic("/swagger", message));
        }
        (None, Some(Value::String(v))) if v == "3.0" || v.starts_with("3.0.") => SpecVersion::OpenApi3,
        (None, Some(found)) => {
            let message = format!("unsupported `openapi` version {found}; {SUPPORTED}");
            return Err(file.diagnostic("/openapi", message));
        }
        (None, None) => {
            let message = format!("neither `swagger` nor `openapi` is present; {SUPPORTED}");
            return Err(file.diagnostic("", message));
        }
    };
    match root.get("paths") {
        Some(Value::Object(_)) => Ok(version),
        Some(other) => Err(file.diagnostic(
            "/paths",
            format!("`paths` must be an object, found {}", describe(other)),
        )),
        None => Err(file.diagnostic("", "no `paths` object")),
    }
}

/// "a string", "an array", ...: the kind of a value, for messages.
fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Bundle {
    /// Every file that was read, the root first (for `cargo:rerun-if-changed`); a root made to
    /// join several files is in none.
    pub fn files(&self) -> Vec<PathBuf> {
        let skip = usize::from(self.made_root);
        self.files.iter().skip(skip).map(|f| f.path.clone()).collect()
    }

    /// Entries imported under another name than their own (see [`ImportRename`]).
    pub fn import_renames(&self) -> &[ImportRename] {
        &self.import_renames
    }

    /// A diagnostic about the node at `pointer` of the bundled document (no leading `#`), naming the
    /// file and pointer the node came from, with line and column where they can be found.
    pub fn diagnostic(&self, pointer: &str, message: impl Into<String>) -> Diagnostic {
        let (file, pointer) = self.origin(pointer);
        match self.files.get(file) {
            Some(source) => source.diagnostic(&pointer, message),
            None => Diagnostic::new(&self.root_file, pointer, message),
        }
    }

    /// The file number and the pointer within that file of the bundle node at `pointer`.
    fn origin(&self, pointer: &str) -> (usize, String) {
        let best = self
            .origins
            .iter()
            .filter_map(|origin| Some((origin, strip_pointer_prefix(pointer, &origin.prefix)?)))
            .max_by_key(|(origin, _)| origin.prefix.len());
        match best {
            Some((origin, rest)) => (origin.file, format!("{}{rest}", origin.pointer)),
            None => (0, pointer.to_owned()),
        }
    }
}

/// The rest of `pointer` after `prefix`, if `prefix` is `pointer` or one of its ancestors.
fn strip_pointer_prefix<'a>(pointer: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = pointer.strip_prefix(prefix)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

impl SourceFile {
    /// A diagnostic at `pointer` of this file, with the line and column of the value there or, if
    /// the pointer does not exist in the text, of its nearest existing ancestor.
    fn diagnostic(&self, pointer: &str, message: impl Into<String>) -> Diagnostic {
        let mut diagnostic = Diagnostic::new(&self.path, pointer, message);
        diagnostic.line_col = self.line_col(pointer);
        diagnostic
    }

    fn line_col(&self, pointer: &str) -> Option<(usize, usize)> {
        if self.format != read::Format::Json {
            return None;
        }
        let mut pointer = pointer;
        loop {
            if let Some(found) = line_col(&self.text, pointer) {
                return Some(found);
            }
            pointer = &pointer[..pointer.rfind('/')?];
        }
    }
}

/// Leaves the text out: it can be megabytes.
impl fmt::Debug for SourceFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceFile")
            .field("path", &self.path)
            .field("format", &self.format)
            .field("text_len", &self.text.len())
            .finish()
    }
}

#[cfg(test)]
mod tests;
