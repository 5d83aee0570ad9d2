//! The one diagnostic type of the generator: what went wrong (an error) or what could not be
//! honoured exactly (a warning), and where in which file.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem with the input, located by file, JSON pointer and (when known) line and column.
///
/// Every stage returns this type, so the user always sees `file:line:col: #/pointer: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in (empty when it is not about a file, e.g. an I/O error on output).
    pub file: PathBuf,
    /// JSON pointer (RFC 6901) to the offending node, without the leading `#`; empty for the root.
    pub pointer: String,
    /// 1-based line and column of the node in `file`, when the loader could tell.
    pub line_col: Option<(usize, usize)>,
    /// What is wrong, in plain words (for a warning: also what the generator did instead).
    pub message: String,
    /// An error stops generation; a warning does not (unless warnings are denied).
    pub severity: Severity,
}

/// How bad a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    /// Generation stops: the result would be wrong code.
    #[default]
    Error,
    /// Generation goes on: something the spec says is not honoured exactly, and the message says
    /// what was done instead.
    Warning,
}

impl Diagnostic {
    /// A diagnostic at `pointer` in `file`, without a line yet.
    pub fn new(file: impl AsRef<Path>, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.as_ref().to_path_buf(),
            pointer: pointer.into(),
            line_col: None,
            message: message.into(),
            severity: Severity::Error,
        }
    }

    /// The same diagnostic as a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    /// Attaches a line and column.
    pub fn at_line(mut self, line: usize, column: usize) -> Self {
        self.line_col = Some((line, column));
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, col)) = self.line_col {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": #{}: {}", self.pointer, self.message)
    }
}

impl std::error::Error for Diagnostic {}

/// Escapes one reference token for use in a JSON pointer (RFC 6901: `~` -> `~0`, `/` -> `~1`).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The value at a JSON pointer, as `serde_json::Value::pointer` finds it, without allocating for
/// tokens that need no unescaping (the loader looks up a pointer for every node it walks).
pub fn lookup<'v>(root: &'v serde_json::Value, pointer: &str) -> Option<&'v serde_json::Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    pointer.strip_prefix('/')?.split('/').try_fold(root, |node, token| {
        let token = if token.contains('~') {
            std::borrow::Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
        } else {
            std::borrow::Cow::Borrowed(token)
        };
        match node {
            serde_json::Value::Object(map) => map.get(token.as_ref()),
            // As RFC 6901 (and serde_json) read an index: no sign, no leading zero.
            serde_json::Value::Array(items) if token.as_ref() == "0" || !token.starts_with(['0', '+']) => {
                token.parse::<usize>().ok().and_then(|i| items.get(i))
            }
            _ => None,
        }
    })
}

/// Appends one token to a JSON pointer. Pointers are made for every node the stages visit, so
/// this allocates once and escapes only what needs it.
pub fn join(pointer: &str, token: &str) -> String {
    let mut joined = String::with_capacity(pointer.len() + 1 + token.len());
    joined.push_str(pointer);
    joined.push('/');
    if token.contains(['~', '/']) {
        joined.push_str(&escape_token(token));
    } else {
        joined.push_str(token);
    }
    joined
}

pub type Result<T, E = Diagnostic> = std::result::Result<T, E>;

#[cfg(test)]
mod lookup_tests {
    use super::lookup;

    #[test]
    fn finds_what_serde_json_pointer_finds() {
        let doc = serde_json::json!({
            "a/b": {"c~d": [10, {"e": null}], "": 1},
            "list": [0, 1, 2],
            "x": "y"
        });
        for pointer in [
            "",
            "/",
            "/a~1b",
            "/a~1b/c~0d",
            "/a~1b/c~0d/1/e",
            "/a~1b/",
            "/list/0",
            "/list/2",
            "/list/3",
            "/list/01",
            "/list/+1",
            "/list/-",
            "/x/0",
            "a",
            "/missing",
            "/a~1b/c~0d/0/deeper",
        ] {
            assert_eq!(lookup(&doc, pointer), doc.pointer(pointer), "{pointer:?}");
        }
    }
}
