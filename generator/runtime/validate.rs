//! Checks run on arguments before a request is sent. Each takes `None` for an absent optional.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use super::{Constraint, Invalid};

type Checked = Result<(), Invalid>;

fn fail(parameter: &'static str, constraint: Constraint) -> Checked {
    Err(Invalid { parameter, constraint })
}

/// A path segment that URL parsing would read as `.` or `..` (and so move up the path) is
/// refused, whatever its encoding.
pub fn path_segment(parameter: &'static str, value: Option<&str>) -> Checked {
    match value {
        Some("." | "..") => fail(parameter, Constraint::DotSegment),
        _ => Ok(()),
    }
}

/// `maxLength`, counted in characters.
pub fn max_length(parameter: &'static str, value: Option<&str>, max: u64) -> Checked {
    match value {
        Some(v) if v.chars().count() as u64 > max => fail(parameter, Constraint::MaxLength(max)),
        _ => Ok(()),
    }
}

/// `minLength`, counted in characters.
pub fn min_length(parameter: &'static str, value: Option<&str>, min: u64) -> Checked {
    match value {
        Some(v) if (v.chars().count() as u64) < min => fail(parameter, Constraint::MinLength(min)),
        _ => Ok(()),
    }
}

/// `pattern`: the value must match the regular expression (as in JSON Schema, unanchored
/// unless the pattern anchors itself).
pub fn pattern(parameter: &'static str, value: Option<&str>, pattern: &'static str) -> Checked {
    match value {
        Some(v) if !regex(pattern).is_some_and(|re| re.is_match(v)) => fail(parameter, Constraint::Pattern(pattern)),
        _ => Ok(()),
    }
}

/// `maximum` / `exclusiveMaximum`.
pub fn maximum(parameter: &'static str, value: Option<f64>, limit: f64, exclusive: bool) -> Checked {
    match value {
        Some(v) if v > limit || (exclusive && v == limit) => fail(parameter, Constraint::Maximum { limit, exclusive }),
        _ => Ok(()),
    }
}

/// `minimum` / `exclusiveMinimum`.
pub fn minimum(parameter: &'static str, value: Option<f64>, limit: f64, exclusive: bool) -> Checked {
    match value {
        Some(v) if v < limit || (exclusive && v == limit) => fail(parameter, Constraint::Minimum { limit, exclusive }),
        _ => Ok(()),
    }
}

/// `multipleOf`.
pub fn multiple_of(parameter: &'static str, value: Option<f64>, factor: f64) -> Checked {
    match value {
        Some(v) if (v / factor).fract() != 0.0 => fail(parameter, Constraint::MultipleOf(factor)),
        _ => Ok(()),
    }
}

/// `maxItems`.
pub fn max_items(parameter: &'static str, len: Option<usize>, max: u64) -> Checked {
    match len {
        Some(n) if n as u64 > max => fail(parameter, Constraint::MaxItems(max)),
        _ => Ok(()),
    }
}

/// `minItems`.
pub fn min_items(parameter: &'static str, len: Option<usize>, min: u64) -> Checked {
    match len {
        Some(n) if (n as u64) < min => fail(parameter, Constraint::MinItems(min)),
        _ => Ok(()),
    }
}

/// `uniqueItems`.
pub fn unique_items<T: PartialEq>(parameter: &'static str, items: Option<&[T]>) -> Checked {
    match items {
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
