//! Reading one file: bytes to a JSON value, with the line and column of whatever cannot be read.

use std::fmt;
use std::path::Path;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::position::line_col_at_end;
use crate::diagnostic::{Diagnostic, Result};

/// The syntax a file was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Json,
    Yaml,
}

/// A file's text (without BOM) and its value.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub text: String,
    pub format: Format,
    pub value: Value,
}

/// The nesting limit of both parsers; deeper documents are rejected rather than overflowing the stack.
const PARSER_DEPTH_LIMIT: usize = 128;

/// Parses the bytes of `file`: JSON when the text starts with `{` or `[`, YAML otherwise.
pub(crate) fn parse(file: &Path, mut bytes: Vec<u8>) -> Result<Parsed> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::new(
            file,
            "",
            "file is UTF-16 encoded; only UTF-8 is supported",
        ));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let prefix = std::str::from_utf8(bytes.get(..valid).unwrap_or_default()).unwrap_or_default();
        let (line, column) = line_col_at_end(prefix);
        let byte = bytes.get(valid).copied().unwrap_or_default();
        let message = format!("file is not valid UTF-8 (byte 0x{byte:02X} at offset {valid})");
        Diagnostic::new(file, "", message).at_line(line, column)
    })?;
    let Some(first) = text.trim_start().chars().next() else {
        return Err(Diagnostic::new(file, "", "file is empty"));
    };
    let (format, value) = if matches!(first, '{' | '[') {
        let value = serde_json::from_str(&text).map_err(|e| json_error(file, &e))?;
        (Format::Json, value)
    } else {
        let FromYaml(value) = serde_yaml::from_str(&text).map_err(|e| yaml_error(file, &e))?;
        (Format::Yaml, value)
    };
    Ok(Parsed { text, format, value })
}

fn json_error(file: &Path, error: &serde_json::Error) -> Diagnostic {
    let position = (error.line() > 0).then(|| (error.line(), error.column()));
    parse_error(file, "JSON", &error.to_string(), position)
}

fn yaml_error(file: &Path, error: &serde_yaml::Error) -> Diagnostic {
    let position = error.location().map(|l| (l.line(), l.column()));
    parse_error(file, "YAML", &error.to_string(), position)
}

/// A parse error at the root pointer, with the parser's own " at line L column C" moved into
/// `line_col`, and the parsers' terse depth-limit message spelled out.
fn parse_error(file: &Path, syntax: &str, message: &str, position: Option<(usize, usize)>) -> Diagnostic {
    let mut message = message;
    if let Some((line, column)) = position {
        message = message
            .strip_suffix(&format!(" at line {line} column {column}"))
            .unwrap_or(message);
    }
    // serde_json reports column 0 for an error right after a newline; columns here are 1-based.
    let position = position.map(|(line, column)| (line, column.max(1)));
    let message = if message.starts_with("recursion limit exceeded") {
        format!(
            "invalid {syntax}: objects and arrays are nested too deeply \
             (the parser's limit is {PARSER_DEPTH_LIMIT} levels)"
        )
    } else {
        format!("invalid {syntax}: {message}")
    };
    let diagnostic = Diagnostic::new(file, "", message);
    match position {
        Some((line, column)) => diagnostic.at_line(line, column),
        None => diagnostic,
    }
}

/// A JSON value read from YAML. Converting by hand (rather than deserializing `serde_json::Value`
/// directly) keeps integers beyond 64 bits as floats, as serde_json does for JSON text, and gives
/// clear errors for what JSON cannot hold. Recursion is bounded by serde_yaml's depth limit.
struct FromYaml(Value);

impl<'de> Deserialize<'de> for FromYaml {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(YamlVisitor).map(FromYaml)
    }
}

struct YamlVisitor;

impl<'de> Visitor<'de> for YamlVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value that JSON can represent")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        match i64::try_from(v) {
            Ok(small) => Ok(Value::from(small)),
            Err(_) => self.visit_f64(v as f64),
        }
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        match u64::try_from(v) {
            Ok(small) => Ok(Value::from(small)),
            Err(_) => self.visit_f64(v as f64),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom(format!("the number {v} cannot be represented in JSON")))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(FromYaml(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(MapKey(key)) = map.next_key()? {
            let FromYaml(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, _data: A) -> Result<Value, A::Error> {
        Err(de::Error::custom("YAML tags (`!name`) are not supported"))
    }
}

/// A mapping key. serde_yaml hands over any scalar key as written, so `200:` (a response code)
/// becomes `"200"`; a sequence or mapping used as a key is an error.
struct MapKey(String);

impl<'de> Deserialize<'de> for MapKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_string(KeyVisitor).map(MapKey)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string as mapping key")
    }

    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Parsed> {
        parse(Path::new("spec.json"), text.as_bytes().to_vec())
    }

    fn error(text: &str) -> Diagnostic {
        match parse_str(text) {
            Ok(parsed) => panic!("expected an error, got {}", parsed.value),
            Err(diagnostic) => diagnostic,
        }
    }

    #[test]
    fn json_with_bom() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(br#"{"a": [1, 2.5]}"#);
        let parsed = parse(Path::new("x.json"), bytes).expect("loads");
        assert_eq!(parsed.format, Format::Json);
        assert_eq!(parsed.text, r#"{"a": [1, 2.5]}"#);
        assert_eq!(parsed.value, serde_json::json!({"a": [1, 2.5]}));
    }

    #[test]
    fn yaml_scalar_keys_are_strings() {
        let parsed = parse_str("responses:\n  200: ok\n  true: yes\n  1.50: x\n").expect("loads");
        assert_eq!(parsed.format, Format::Yaml);
        assert_eq!(
            parsed.value,
            serde_json::json!({"responses": {"200": "ok", "true": "yes", "1.50": "x"}})
        );
    }

    #[test]
    fn yaml_collection_keys_are_rejected() {
        let diagnostic = error("? [a, b]\n: 1\n");
        assert!(diagnostic.message.contains("a string as mapping key"), "{diagnostic}");
        assert!(diagnostic.line_col.is_some());
    }

    #[test]
    fn big_numbers_become_floats() {
        let big = "123456789012345678901234567890";
        let expected = serde_json::json!({"n": 1.2345678901234568e29});
        assert_eq!(parse_str(&format!("{{\"n\": {big}}}")).expect("json").value, expected);
        assert_eq!(parse_str(&format!("n: {big}")).expect("yaml").value, expected);
    }

    #[test]
    fn yaml_tags_and_infinity_are_rejected() {
        assert!(error("a: !thing 5").message.contains("YAML tags"));
        assert!(error("a: .inf").message.contains("cannot be represented in JSON"));
    }

    #[test]
    fn yaml_aliases_are_expanded() {
        let parsed = parse_str("a: &x {b: 1}\nc: *x\n").expect("loads");
        assert_eq!(parsed.value, serde_json::json!({"a": {"b": 1}, "c": {"b": 1}}));
    }

    #[test]
    fn empty_and_blank_files() {
        assert_eq!(error("").message, "file is empty");
        assert_eq!(error(" \n\t\r\n").message, "file is empty");
        let bom_only = parse(Path::new("a.json"), b"\xEF\xBB\xBF\n".to_vec());
        assert_eq!(bom_only.err().map(|d| d.message).as_deref(), Some("file is empty"));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let diagnostic = parse(Path::new("a.json"), b"{\n  \"a\": \"\xC3\x28\"}".to_vec()).unwrap_err();
        assert_eq!(diagnostic.message, "file is not valid UTF-8 (byte 0xC3 at offset 10)");
        assert_eq!(diagnostic.line_col, Some((2, 9)));
    }

    #[test]
    fn utf16_is_named() {
        let diagnostic = parse(Path::new("a.json"), b"\xFF\xFE{\x00}\x00".to_vec()).unwrap_err();
        assert!(diagnostic.message.contains("UTF-16"));
    }

    #[test]
    fn json_errors_carry_line_and_column() {
        let diagnostic = error("{\n  \"a\": 1,\n  \"b\": ");
        assert_eq!(diagnostic.message, "invalid JSON: EOF while parsing a value");
        assert_eq!(diagnostic.line_col, Some((3, 7)));
        assert_eq!(diagnostic.pointer, "");
        assert_eq!(diagnostic.file, Path::new("spec.json"));
    }

    #[test]
    fn yaml_errors_carry_line_and_column() {
        let diagnostic = error("a: [1, 2\nb: 3\n");
        assert!(diagnostic.message.starts_with("invalid YAML: "), "{diagnostic}");
        assert_eq!(diagnostic.line_col, Some((2, 2)));
    }

    #[test]
    fn deep_nesting_is_an_error_not_an_overflow() {
        let json = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let yaml_flow = format!("a: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        let yaml_block: String = (0..10_000).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        for (text, syntax) in [(json, "JSON"), (yaml_flow, "YAML"), (yaml_block, "YAML")] {
            let diagnostic = error(&text);
            assert_eq!(
                diagnostic.message,
                format!(
                    "invalid {syntax}: objects and arrays are nested too deeply (the parser's limit is 128 levels)"
                )
            );
            assert!(diagnostic.line_col.is_some());
        }
    }

    #[test]
    fn a_plain_word_is_a_yaml_string() {
        let parsed = parse_str("hello").expect("a YAML scalar");
        assert_eq!(parsed.value, Value::String("hello".into()));
    }
}
