//! Checks run on arguments before a request is sent. Each takes the argument as the method holds
//! it (a value, or an `Option` for an optional one: `None` passes every check), so that the
//! generated code is one short chain per parameter.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use super::{Constraint, Invalid};

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

/// An argument being checked: `check("top", &top).minimum(1.0)?.maximum(1000.0)?;`. Each check
/// passes the argument on, so one chain per parameter checks all of its constraints.
pub struct Check<'v, V: ?Sized> {
    parameter: &'static str,
    value: &'v V,
}

/// Starts the checks of argument `parameter`.
pub fn check<'v, V: ?Sized>(parameter: &'static str, value: &'v V) -> Check<'v, V> {
    Check { parameter, value }
}

type Checked<'v, V> = Result<Check<'v, V>, Invalid>;

impl<'v, V: ?Sized> Check<'v, V> {
    fn fail(self, constraint: Constraint) -> Checked<'v, V> {
        Err(Invalid {
            parameter: self.parameter,
            constraint,
        })
    }

    fn unless(self, failed: bool, constraint: impl FnOnce() -> Constraint) -> Checked<'v, V> {
        if failed {
            self.fail(constraint())
        } else {
            Ok(self)
        }
    }
}

impl<'v, V: Text + ?Sized> Check<'v, V> {
    /// A path segment that URL parsing would read as `.` or `..` (and so move up the path) is
    /// refused, whatever its encoding.
    pub fn path_segment(self) -> Checked<'v, V> {
        let dot = matches!(self.value.text(), Some("." | ".."));
        self.unless(dot, || Constraint::DotSegment)
    }

    /// `maxLength`, counted in characters.
    pub fn max_length(self, max: u64) -> Checked<'v, V> {
        let long = self.value.text().is_some_and(|v| v.chars().count() as u64 > max);
        self.unless(long, || Constraint::MaxLength(max))
    }

    /// `minLength`, counted in characters.
    pub fn min_length(self, min: u64) -> Checked<'v, V> {
        let short = self.value.text().is_some_and(|v| (v.chars().count() as u64) < min);
        self.unless(short, || Constraint::MinLength(min))
    }

    /// `pattern`: the value must match the regular expression (as in JSON Schema, unanchored
    /// unless the pattern anchors itself).
    pub fn pattern(self, pattern: &'static str) -> Checked<'v, V> {
        let mismatch = self
            .value
            .text()
            .is_some_and(|v| !regex(pattern).is_some_and(|re| re.is_match(v)));
        self.unless(mismatch, || Constraint::Pattern(pattern))
    }

    /// `pattern` with look-around or back-references, which need a backtracking engine
    /// (`fancy-regex`, with the `ecma-regex` feature; the generator asks for it only for specs
    /// whose patterns need it). A value whose match gives up (fancy-regex's backtrack limit) is
    /// not refused here: the service decides.
    #[cfg(feature = "ecma-regex")]
    pub fn ecma_pattern(self, pattern: &'static str) -> Checked<'v, V> {
        let mismatch = self
            .value
            .text()
            .is_some_and(|v| !ecma_regex(pattern).is_some_and(|re| re.is_match(v).unwrap_or(true)));
        self.unless(mismatch, || Constraint::Pattern(pattern))
    }
}

impl<'v, V: Number + ?Sized> Check<'v, V> {
    /// `maximum`.
    pub fn maximum(self, limit: f64) -> Checked<'v, V> {
        self.above(limit, false)
    }

    /// `maximum` with `exclusiveMaximum`.
    pub fn exclusive_maximum(self, limit: f64) -> Checked<'v, V> {
        self.above(limit, true)
    }

    /// `minimum`.
    pub fn minimum(self, limit: f64) -> Checked<'v, V> {
        self.below(limit, false)
    }

    /// `minimum` with `exclusiveMinimum`.
    pub fn exclusive_minimum(self, limit: f64) -> Checked<'v, V> {
        self.below(limit, true)
    }

    fn above(self, limit: f64, exclusive: bool) -> Checked<'v, V> {
        let above = self
            .value
            .number()
            .is_some_and(|v| v > limit || (exclusive && v == limit));
        self.unless(above, || Constraint::Maximum { limit, exclusive })
    }

    fn below(self, limit: f64, exclusive: bool) -> Checked<'v, V> {
        let below = self
            .value
            .number()
            .is_some_and(|v| v < limit || (exclusive && v == limit));
        self.unless(below, || Constraint::Minimum { limit, exclusive })
    }

    /// `multipleOf`.
    pub fn multiple_of(self, factor: f64) -> Checked<'v, V> {
        let off = self.value.number().is_some_and(|v| (v / factor).fract() != 0.0);
        self.unless(off, || Constraint::MultipleOf(factor))
    }
}

impl<'v, V: Items + ?Sized> Check<'v, V> {
    /// `maxItems`.
    pub fn max_items(self, max: u64) -> Checked<'v, V> {
        let many = self.value.items().is_some_and(|items| items.len() as u64 > max);
        self.unless(many, || Constraint::MaxItems(max))
    }

    /// `minItems`.
    pub fn min_items(self, min: u64) -> Checked<'v, V> {
        let few = self.value.items().is_some_and(|items| (items.len() as u64) < min);
        self.unless(few, || Constraint::MinItems(min))
    }

    /// `uniqueItems`.
    pub fn unique_items(self) -> Checked<'v, V> {
        let repeated = self
            .value
            .items()
            .is_some_and(|items| items.iter().enumerate().any(|(i, a)| items[..i].contains(a)));
        self.unless(repeated, || Constraint::UniqueItems)
    }
}

/// A cache of compiled patterns, shared by all calls.
type Cache<R> = OnceLock<Mutex<HashMap<&'static str, R>>>;

/// `pattern` compiled once by `compile` and kept in `cache` (the generator has checked that
/// each compiles; one that does not is `None`).
fn cached<R: Clone>(cache: &'static Cache<R>, pattern: &'static str, compile: fn(&str) -> Option<R>) -> Option<R> {
    let mut cache = cache
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(re) = cache.get(pattern) {
        return Some(re.clone());
    }
    let re = compile(pattern)?;
    cache.insert(pattern, re.clone());
    Some(re)
}

fn regex(pattern: &'static str) -> Option<regex_lite::Regex> {
    static CACHE: Cache<regex_lite::Regex> = OnceLock::new();
    cached(&CACHE, pattern, |p| regex_lite::Regex::new(p).ok())
}

#[cfg(feature = "ecma-regex")]
fn ecma_regex(pattern: &'static str) -> Option<fancy_regex::Regex> {
    static CACHE: Cache<fancy_regex::Regex> = OnceLock::new();
    cached(&CACHE, pattern, |p| fancy_regex::Regex::new(p).ok())
}
