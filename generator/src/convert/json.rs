//! Located, typed reads of the Swagger document.
//!
//! The converter never indexes into user JSON directly: every read goes through [`Obj`], which
//! knows the JSON pointer of the object it wraps, so a value of the wrong type becomes a
//! [`Diagnostic`] naming the key, what was expected and what was found, at the key's pointer.

use indexmap::IndexMap;
use openapiv3::ExternalDocumentation;
use serde_json::{Map, Number, Value};

use super::source_map::Recorder;
use crate::diagnostic::{join, Diagnostic, Result};

/// Builds the diagnostic for a problem at a JSON pointer (no leading `#`) of the Swagger document.
pub(crate) type DiagFn<'a> = &'a dyn Fn(&str, String) -> Diagnostic;

/// The conversion context: the whole Swagger document (to follow local `$ref`s), the way to
/// report problems in it, and where the converted nodes came from.
#[derive(Clone, Copy)]
pub(crate) struct Cx<'a> {
    pub doc: &'a Value,
    diag: DiagFn<'a>,
    /// Records the origin of converted nodes (see [`super::source_map`]).
    pub sources: &'a Recorder,
}

impl<'a> Cx<'a> {
    pub fn new(doc: &'a Value, diag: DiagFn<'a>, sources: &'a Recorder) -> Self {
        Cx { doc, diag, sources }
    }

    /// A diagnostic at `pointer` of the Swagger document.
    pub fn error(&self, pointer: &str, message: impl Into<String>) -> Diagnostic {
        (self.diag)(pointer, message.into())
    }

    /// Views `value` (found at `pointer`) as an object, or reports that an object was expected.
    pub fn object(&self, value: &'a Value, pointer: impl Into<String>) -> Result<Obj<'a>> {
        let pointer = pointer.into();
        match value {
            Value::Object(map) => Ok(Obj {
                cx: *self,
                map,
                pointer,
            }),
            other => Err(self.error(&pointer, format!("expected an object, found {}", kind(other)))),
        }
    }

    /// Follows a local `$ref` (`#/...`) to the pointer and node it names.
    ///
    /// Returns `None` for references into other files (the loader normally rewrites those; when it
    /// did not, the reference is kept as written) and for dangling local references, which the
    /// callers report where they know what the target should have been.
    pub fn resolve(&self, reference: &str) -> Option<(String, &'a Value)> {
        let pointer = reference.strip_prefix('#')?;
        let target = crate::diagnostic::lookup(self.doc, pointer)?;
        Some((pointer.to_string(), target))
    }
}

/// Whether a `$ref` points into the same document.
pub(crate) fn is_local(reference: &str) -> bool {
    reference.starts_with('#')
}

/// A JSON object of the Swagger document together with its pointer.
#[derive(Clone)]
pub(crate) struct Obj<'a> {
    pub cx: Cx<'a>,
    pub map: &'a Map<String, Value>,
    pub pointer: String,
}

impl<'a> Obj<'a> {
    /// The pointer of `key` inside this object.
    pub fn at(&self, key: &str) -> String {
        join(&self.pointer, key)
    }

    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// Entries in document order.
    pub fn iter(&self) -> impl Iterator<Item = (&'a String, &'a Value)> {
        self.map.iter()
    }

    /// A diagnostic at this object.
    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        self.cx.error(&self.pointer, message)
    }

    /// A diagnostic at `key` of this object.
    pub fn error_at(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        self.cx.error(&self.at(key), message)
    }

    fn wrong_type(&self, key: &str, expected: &str, found: &Value) -> Diagnostic {
        self.error_at(key, format!("`{key}` must be {expected}, found {}", kind(found)))
    }

    pub fn str(&self, key: &str) -> Result<Option<&'a str>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(self.wrong_type(key, "a string", other)),
        }
    }

    pub fn required_str(&self, key: &str) -> Result<&'a str> {
        self.str(key)?
            .ok_or_else(|| self.error(format!("missing required `{key}` (a string)")))
    }

    pub fn string(&self, key: &str) -> Result<Option<String>> {
        Ok(self.str(key)?.map(str::to_string))
    }

    pub fn bool(&self, key: &str) -> Result<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(self.wrong_type(key, "a boolean", other)),
        }
    }

    pub fn usize(&self, key: &str) -> Result<Option<usize>> {
        match self.get(key) {
            None => Ok(None),
            Some(value @ Value::Number(n)) => n
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| self.wrong_type(key, "a non-negative integer", value)),
            Some(other) => Err(self.wrong_type(key, "a non-negative integer", other)),
        }
    }

    pub fn number(&self, key: &str) -> Result<Option<&'a Number>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(Some(n)),
            Some(other) => Err(self.wrong_type(key, "a number", other)),
        }
    }

    pub fn object(&self, key: &str) -> Result<Option<Obj<'a>>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(Obj {
                cx: self.cx,
                map,
                pointer: self.at(key),
            })),
            Some(other) => Err(self.wrong_type(key, "an object", other)),
        }
    }

    pub fn required_object(&self, key: &str) -> Result<Obj<'a>> {
        self.object(key)?
            .ok_or_else(|| self.error(format!("missing required `{key}` (an object)")))
    }

    /// The elements of the array at `key`, each with its pointer.
    pub fn array(&self, key: &str) -> Result<Option<Vec<(String, &'a Value)>>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => {
                let base = self.at(key);
                Ok(Some(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (join(&base, &i.to_string()), v))
                        .collect(),
                ))
            }
            Some(other) => Err(self.wrong_type(key, "an array", other)),
        }
    }

    /// The elements of the array at `key`, each required to be an object.
    pub fn objects(&self, key: &str) -> Result<Option<Vec<Obj<'a>>>> {
        let Some(items) = self.array(key)? else {
            return Ok(None);
        };
        items
            .into_iter()
            .map(|(p, v)| self.cx.object(v, p))
            .collect::<Result<_>>()
            .map(Some)
    }

    pub fn strings(&self, key: &str) -> Result<Option<Vec<String>>> {
        let Some(items) = self.array(key)? else {
            return Ok(None);
        };
        items
            .into_iter()
            .map(|(pointer, value)| match value {
                Value::String(s) => Ok(s.clone()),
                other => Err(self
                    .cx
                    .error(&pointer, format!("`{key}` must contain strings, found {}", kind(other)))),
            })
            .collect::<Result<_>>()
            .map(Some)
    }

    /// An object whose values must all be strings (e.g. OAuth2 scopes).
    pub fn string_map(&self, key: &str) -> Result<Option<IndexMap<String, String>>> {
        let Some(obj) = self.object(key)? else {
            return Ok(None);
        };
        obj.iter()
            .map(|(name, _)| Ok((name.clone(), obj.required_str_value(name)?.to_string())))
            .collect::<Result<_>>()
            .map(Some)
    }

    fn required_str_value(&self, key: &str) -> Result<&'a str> {
        match self.get(key) {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(self.wrong_type(key, "a string", other)),
            None => Err(self.error(format!("missing `{key}`"))),
        }
    }

    /// Every `x-*` entry, in document order.
    pub fn extensions(&self) -> IndexMap<String, Value> {
        self.iter()
            .filter(|(key, _)| key.starts_with("x-"))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect()
    }

    /// The `externalDocs` object at `key`.
    pub fn external_docs(&self, key: &str) -> Result<Option<ExternalDocumentation>> {
        let Some(docs) = self.object(key)? else {
            return Ok(None);
        };
        Ok(Some(ExternalDocumentation {
            description: docs.string("description")?,
            url: docs.required_str("url")?.to_string(),
            extensions: docs.extensions(),
        }))
    }
}

/// "a string", "an array", ...: what a value is, for messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
