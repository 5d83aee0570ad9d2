//! Naming: every Rust identifier of the generated crate is decided here.
//!
//! Names are cased with `heck`; an identifier that would be a Rust keyword gets a trailing `_`
//! (`type` -> `type_`), one that would start with a digit or hold no usable character gets a
//! prefix, and names that collide after casing within one scope get a numeric suffix in spec
//! order. Every such change is recorded as a [`Rename`] for the crate's rename report.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// A generated name that is not the plain casing of the spec's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    /// Where the name lives, e.g. `field of Snapshot` or `operation Snapshot_Take`.
    pub scope: String,
    /// The name in the spec.
    pub spec_name: String,
    /// The Rust name chosen.
    pub rust_name: String,
    /// Why it differs.
    pub reason: String,
}

/// Strict and reserved keywords (2021 edition) and names that cannot be raw identifiers.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keeps ASCII letters, digits and word separators; other characters separate words.
fn ascii_words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// `snake_case` for fields, parameters, methods and modules.
pub fn snake(name: &str) -> (String, Option<&'static str>) {
    let cased = ascii_words(name).to_snake_case();
    fix_ident(cased, "value", "_")
}

/// `UpperCamelCase` for types and variants.
pub fn camel(name: &str) -> (String, Option<&'static str>) {
    let cased = ascii_words(name).to_upper_camel_case();
    fix_ident(cased, "Value", "V")
}

/// Makes a cased name a valid, non-keyword identifier; says why when it had to change it.
fn fix_ident(cased: String, empty: &str, digit_prefix: &str) -> (String, Option<&'static str>) {
    if cased.is_empty() {
        return (empty.to_string(), Some("the name has no ASCII letter or digit"));
    }
    if cased.starts_with(|c: char| c.is_ascii_digit()) {
        return (
            format!("{digit_prefix}{cased}"),
            Some("a Rust name cannot start with a digit"),
        );
    }
    if KEYWORDS.contains(&cased.as_str()) {
        return (format!("{cased}_"), Some("the name is a Rust keyword"));
    }
    (cased, None)
}

/// Hands out unique names within one scope (a struct's fields, an operation's parameters, ...).
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope in which `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Claims `candidate`, or `candidate_2`, `candidate_3`, ... when taken.
    /// Returns the name and whether it had to be changed.
    pub fn claim(&mut self, candidate: &str) -> (String, bool) {
        if self.taken.insert(candidate.to_string()) {
            return (candidate.to_string(), false);
        }
        let mut n = 2;
        loop {
            // Types (upper camel case) get `Foo2`; snake-case names get `foo_2`.
            let name = if candidate.starts_with(|c: char| c.is_ascii_uppercase()) {
                format!("{candidate}{n}")
            } else {
                format!("{candidate}_{n}")
            };
            if self.taken.insert(name.clone()) {
                return (name, true);
            }
            n += 1;
        }
    }
}

/// Collects renames while names are decided.
#[derive(Debug, Default)]
pub struct Namer {
    pub renames: Vec<Rename>,
}

impl Namer {
    /// A unique snake-case name for `spec_name` in `scope`, recording any rename.
    pub fn snake_in(&mut self, scope: &mut Scope, scope_label: &str, spec_name: &str) -> String {
        let (cased, why) = snake(spec_name);
        self.unique(scope, scope_label, spec_name, cased, why)
    }

    /// A unique upper-camel-case name for `spec_name` in `scope`, recording any rename.
    pub fn camel_in(&mut self, scope: &mut Scope, scope_label: &str, spec_name: &str) -> String {
        let (cased, why) = camel(spec_name);
        self.unique(scope, scope_label, spec_name, cased, why)
    }

    fn unique(
        &mut self,
        scope: &mut Scope,
        scope_label: &str,
        spec_name: &str,
        cased: String,
        why: Option<&'static str>,
    ) -> String {
        let (name, collided) = scope.claim(&cased);
        let reason = match (why, collided) {
            (_, true) => Some(format!("`{cased}` is already used in this scope")),
            (Some(why), false) => Some(why.to_string()),
            (None, false) => None,
        };
        if let Some(reason) = reason {
            self.renames.push(Rename {
                scope: scope_label.to_string(),
                spec_name: spec_name.to_string(),
                rust_name: name.clone(),
                reason,
            });
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_and_fixes_names() {
        assert_eq!(snake("applyScope").0, "apply_scope");
        assert_eq!(snake("Operation-Location").0, "operation_location");
        assert_eq!(snake("type"), ("type_".to_string(), Some("the name is a Rust keyword")));
        assert_eq!(snake("3dModel").0, "_3d_model");
        assert_eq!(snake("ünïcode").0, "n_code");
        assert_eq!(snake("$").0, "value");
        assert_eq!(camel("notstarted").0, "Notstarted");
        assert_eq!(camel("recognition_01").0, "Recognition01");
        assert_eq!(camel("Self").0, "Self_");
        assert_eq!(camel("2D").0, "V2d");
    }

    #[test]
    fn collisions_get_suffixes_in_order_and_are_reported() {
        let mut namer = Namer::default();
        let mut scope = Scope::default();
        assert_eq!(namer.snake_in(&mut scope, "s", "fooBar"), "foo_bar");
        assert_eq!(namer.snake_in(&mut scope, "s", "foo_bar"), "foo_bar_2");
        assert_eq!(namer.snake_in(&mut scope, "s", "FooBar"), "foo_bar_3");
        let mut types = Scope::default();
        assert_eq!(namer.camel_in(&mut types, "t", "foo"), "Foo");
        assert_eq!(namer.camel_in(&mut types, "t", "FOO"), "Foo2");
        assert_eq!(namer.renames.len(), 3);
        assert!(namer.renames[0].reason.contains("already used"));
    }
}
