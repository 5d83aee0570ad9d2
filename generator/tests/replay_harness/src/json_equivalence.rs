//! The project's JSON equivalence, shared by tests/examples.rs and the corpus replay harness
//! (whose main.rs declares it as a module): what "the same JSON" means when a request or a
//! response is compared with an `x-ms-examples` file.

use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use uuid::Uuid;

/// Whether `expected` and `actual` say the same thing, as a JSON service reads them:
/// - objects are equal key by key, and a member whose value is `null` is the same as an absent
///   one (`{"a": null}` ≡ `{}`);
/// - arrays are equal element by element (same length, same order);
/// - strings are equal, or both are UUIDs that are equal ignoring letter case, or both are
///   RFC 3339 date-times denoting the same instant (offset and trailing zeros do not matter);
/// - numbers are equal (exactly for two integers, as `f64` when either has a fraction or
///   exponent, so `1` ≡ `1.0`);
/// - booleans and `null` are equal to themselves; values of different JSON types never are.
///
/// On a mismatch, returns the JSON pointer (RFC 6901) of the first difference, visiting object
/// members in `expected`'s order and then those only `actual` has; `""` is the whole value.
pub fn json_equivalent(expected: &Value, actual: &Value) -> Result<(), String> {
    fn descend(pointer: &mut String, token: &str, expected: &Value, actual: &Value) -> Result<(), String> {
        let len = pointer.len();
        pointer.push('/');
        pointer.push_str(&token.replace('~', "~0").replace('/', "~1"));
        walk(expected, actual, pointer)?;
        pointer.truncate(len);
        Ok(())
    }
    fn walk(expected: &Value, actual: &Value, pointer: &mut String) -> Result<(), String> {
        match (expected, actual) {
            (Value::Object(e), Value::Object(a)) => {
                for key in e.keys().chain(a.keys().filter(|key| !e.contains_key(*key))) {
                    let (ev, av) = (e.get(key).unwrap_or(&Value::Null), a.get(key).unwrap_or(&Value::Null));
                    descend(pointer, key, ev, av)?;
                }
                Ok(())
            }
            (Value::Array(e), Value::Array(a)) => {
                for (index, (ev, av)) in e.iter().zip(a).enumerate() {
                    descend(pointer, &index.to_string(), ev, av)?;
                }
                if e.len() != a.len() {
                    return Err(format!("{pointer}/{}", e.len().min(a.len())));
                }
                Ok(())
            }
            (Value::String(e), Value::String(a)) if strings_equivalent(e, a) => Ok(()),
            (Value::Number(e), Value::Number(a)) if numbers_equal(e, a) => Ok(()),
            (Value::Bool(e), Value::Bool(a)) if e == a => Ok(()),
            (Value::Null, Value::Null) => Ok(()),
            _ => Err(pointer.clone()),
        }
    }
    walk(expected, actual, &mut String::new())
}

/// Equal strings, UUIDs equal ignoring case, or RFC 3339 date-times of the same instant.
pub fn strings_equivalent(expected: &str, actual: &str) -> bool {
    if expected == actual {
        return true;
    }
    if let (Ok(e), Ok(a)) = (Uuid::parse_str(expected), Uuid::parse_str(actual)) {
        return e == a;
    }
    if let (Ok(e), Ok(a)) = (
        OffsetDateTime::parse(expected, &Rfc3339),
        OffsetDateTime::parse(actual, &Rfc3339),
    ) {
        return e == a; // `OffsetDateTime` compares instants, whatever the offsets
    }
    false
}

/// Integers exactly; anything with a fraction or exponent as `f64`.
pub fn numbers_equal(expected: &serde_json::Number, actual: &serde_json::Number) -> bool {
    if expected.is_f64() || actual.is_f64() {
        expected.as_f64() == actual.as_f64()
    } else {
        expected == actual
    }
}
