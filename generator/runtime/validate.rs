//! Checks run on arguments before a request is sent. Each takes the argument as the builder holds
//! it (a value, or an `Option` for an optional one: `None` passes every check), so that the
//! generated code is one short line per constraint.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use super::{Constraint, Invalid};

type Checked = Result<(), Invalid>;

fn fail(parameter: &'static str, constraint: Constraint) -> Checked {
    Err(Invalid { parameter, constraint })
}

/// An argument with text constraints (`maxLength`, `minLength`, `pattern`).
pub trait Text {
    fn text(&self) -> Option<&str>;
}

impl Text for String {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

impl Text for Option<String> {
    fn text(&self) -> Option<&str> {
        self.as_deref()
    }
}

/// An argument with numeric constraints (`maximum`, `minimum`, `multipleOf`), compared as `f64`.
pub trait Number {
    fn number(&self) -> Option<f64>;
}

macro_rules! number {
    ($($t:ty),*) => {
        $(
            impl Number for $t {
                fn number(&self) -> Option<f64> {
                    Some(*self as f64)
                }
            }

            impl Number for Option<$t> {
                fn number(&self) -> Option<f64> {
                    self.map(|v| v as f64)
                }
            }
        )*
    };
}

number!(i32, i64, f32, f64);

/// An argument with list constraints (`maxItems`, `minItems`, `uniqueItems`).
pub trait Items {
    type Item: PartialEq;
    fn items(&self) -> Option<&[Self::Item]>;
}

impl<T: PartialEq> Items for Vec<T> {
    type Item = T;
    fn items(&self) -> Option<&[T]> {
        Some(self)
    }
}

impl<T: PartialEq> Items for Option<Vec<T>> {
    type Item = T;
    fn items(&self) -> Option<&[T]> {
        self.as_deref()
    }
}

/// A path segment that URL parsing would read as `.` or `..` (and so move up the path) is
/// refused, whatever its encoding.
pub fn path_segment(parameter: &'static str, value: &impl Text) -> Checked {
    match value.text() {
        Some("." | "..") => fail(parameter, Constraint::DotSegment),
        _ => Ok(()),
    }
}

/// `maxLength`, counted in characters.
pub fn max_length(parameter: &'static str, value: &impl Text, max: u64) -> Checked {
    match value.text() {
        Some(v) if v.chars().count() as u64 > max => fail(parameter, Constraint::MaxLength(max)),
        _ => Ok(()),
    }
}

/// `minLength`, counted in characters.
pub fn min_length(parameter: &'static str, value: &impl Text, min: u64) -> Checked {
    match value.text() {
        Some(v) if (v.chars().count() as u64) < min => fail(parameter, Constraint::MinLength(min)),
        _ => Ok(()),
    }
}

/// `pattern`: the value must match the regular expression (as in JSON Schema, unanchored
/// unless the pattern anchors itself).
pub fn pattern(parameter: &'static str, value: &impl Text, pattern: &'static str) -> Checked {
    match value.text() {
        Some(v) if !regex(pattern).is_some_and(|re| re.is_match(v)) => fail(parameter, Constraint::Pattern(pattern)),
        _ => Ok(()),
    }
}

/// `maximum` / `exclusiveMaximum`.
pub fn maximum(parameter: &'static str, value: &impl Number, limit: f64, exclusive: bool) -> Checked {
    match value.number() {
        Some(v) if v > limit || (exclusive && v == limit) => fail(parameter, Constraint::Maximum { limit, exclusive }),
        _ => Ok(()),
    }
}

/// `minimum` / `exclusiveMinimum`.
pub fn minimum(parameter: &'static str, value: &impl Number, limit: f64, exclusive: bool) -> Checked {
    match value.number() {
        Some(v) if v < limit || (exclusive && v == limit) => fail(parameter, Constraint::Minimum { limit, exclusive }),
        _ => Ok(()),
    }
}

/// `multipleOf`.
pub fn multiple_of(parameter: &'static str, value: &impl Number, factor: f64) -> Checked {
    match value.number() {
        Some(v) if (v / factor).fract() != 0.0 => fail(parameter, Constraint::MultipleOf(factor)),
        _ => Ok(()),
    }
}

/// `maxItems`.
pub fn max_items(parameter: &'static str, value: &impl Items, max: u64) -> Checked {
    match value.items() {
        Some(items) if items.len() as u64 > max => fail(parameter, Constraint::MaxItems(max)),
        _ => Ok(()),
    }
}

/// `minItems`.
pub fn min_items(parameter: &'static str, value: &impl Items, min: u64) -> Checked {
    match value.items() {
        Some(items) if (items.len() as u64) < min => fail(parameter, Constraint::MinItems(min)),
        _ => Ok(()),
    }
}

/// `uniqueItems`.
pub fn unique_items(parameter: &'static str, value: &impl Items) -> Checked {
    match value.items() {
        Some(items) if items.iter().enumerate().any(|(i, a)| items[..i].contains(a)) => {
            fail(parameter, Constraint::UniqueItems)
        }
        _ => Ok(()),
    }
}

/// Compiled patterns, shared by all calls (the generator has checked that each compiles).
fn regex(pattern: &'static str) -> Option<regex_lite::Regex> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, regex_lite::Regex>>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(re) = cache.get(pattern) {
        return Some(re.clone());
    }
    let re = regex_lite::Regex::new(pattern).ok()?;
    cache.insert(pattern, re.clone());
    Some(re)
}
