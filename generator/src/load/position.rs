//! Where the value at a JSON pointer begins in JSON text.
//!
//! serde_json keeps no positions, so diagnostics find a node's line by walking the text again. The
//! walk never recurses: values it steps over are skipped by counting brackets, so any depth is safe.
//! It only runs when a diagnostic is made, so scanning from the start each time is fine.

/// The 1-based line and column (counted in characters) where the value at `pointer` (RFC 6901,
/// no leading `#`) begins in the JSON `text`, or `None` when the text has no such value.
pub fn line_col(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let offset = value_offset(text, pointer)?;
    Some(line_col_at_end(text.get(..offset)?))
}

/// The line and column just after `prefix`, i.e. of the character that follows it.
pub(crate) fn line_col_at_end(prefix: &str) -> (usize, usize) {
    let line_start = prefix.rfind('\n').map_or(0, |newline| newline + 1);
    let line = prefix.bytes().filter(|&b| b == b'\n').count() + 1;
    let column = prefix[line_start..].chars().count() + 1;
    (line, column)
}

/// The byte offset of the value at `pointer` in `text`.
fn value_offset(text: &str, pointer: &str) -> Option<usize> {
    let mut scanner = Scanner { text, pos: 0 };
    scanner.skip_whitespace();
    if pointer.is_empty() {
        return Some(scanner.pos);
    }
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = token.replace("~1", "/").replace("~0", "~");
        match scanner.peek()? {
            b'{' => scanner.enter_member(&token)?,
            b'[' => scanner.enter_element(parse_index(&token)?)?,
            _ => return None,
        }
    }
    Some(scanner.pos)
}

/// An array index token: digits only, as RFC 6901 requires (no sign, no `-`).
fn parse_index(token: &str) -> Option<usize> {
    if token.is_empty() || !token.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    token.parse().ok()
}

/// A cursor over JSON text. Every method returns `None` on text that is not as expected.
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Skips whitespace, then consumes `byte`.
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_whitespace();
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// At `{`: moves to the value of the member named `key`.
    fn enter_member(&mut self, key: &str) -> Option<()> {
        self.expect(b'{')?;
        loop {
            self.skip_whitespace();
            let name = self.string()?;
            self.expect(b':')?;
            self.skip_whitespace();
            if string_equals(name, key) {
                return Some(());
            }
            self.skip_value()?;
            self.expect(b',')?;
        }
    }

    /// At `[`: moves to the element at `index`.
    fn enter_element(&mut self, index: usize) -> Option<()> {
        self.expect(b'[')?;
        for _ in 0..index {
            self.skip_whitespace();
            self.skip_value()?;
            self.expect(b',')?;
        }
        self.skip_whitespace();
        (self.peek()? != b']').then_some(())
    }

    /// At `"`: consumes a string and returns it as written, quotes included.
    fn string(&mut self) -> Option<&'a str> {
        let start = self.pos;
        (self.peek()? == b'"').then_some(())?;
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => break,
                _ => self.pos += 1,
            }
        }
        self.pos += 1;
        self.text.get(start..self.pos)
    }

    /// Consumes one value of any kind, counting brackets instead of recursing.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.skip_whitespace();
            match self.peek()? {
                b'"' => {
                    self.string()?;
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.pos += 1;
                    continue;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.pos += 1;
                }
                b',' | b':' if depth > 0 => {
                    self.pos += 1;
                    continue;
                }
                _ => {
                    let start = self.pos;
                    while !matches!(
                        self.peek(),
                        None | Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' | b']' | b'}' | b'"')
                    ) {
                        self.pos += 1;
                    }
                    (self.pos > start).then_some(())?;
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }
}

/// Whether the JSON string literal `literal` (quotes included) decodes to `key`.
fn string_equals(literal: &str, key: &str) -> bool {
    let raw = literal
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(literal);
    if raw.contains('\\') {
        serde_json::from_str::<String>(literal).is_ok_and(|decoded| decoded == key)
    } else {
        raw == key
    }
}

#[cfg(test)]
mod tests {
    use super::line_col;

    const TEXT: &str = r#"{
  "a": {"b c": [10, {"d/e": true}, "x,y]"]},
  "f~g": "é", "h": null,
  "esc\"aped\u0041": [[], {}, -1.5e3]
}"#;

    #[test]
    fn finds_values_by_pointer() {
        assert_eq!(line_col(TEXT, ""), Some((1, 1)));
        assert_eq!(line_col(TEXT, "/a"), Some((2, 8)));
        assert_eq!(line_col(TEXT, "/a/b c"), Some((2, 16)));
        assert_eq!(line_col(TEXT, "/a/b c/0"), Some((2, 17)));
        assert_eq!(line_col(TEXT, "/a/b c/1/d~1e"), Some((2, 29)));
        assert_eq!(line_col(TEXT, "/a/b c/2"), Some((2, 36)));
        assert_eq!(line_col(TEXT, "/f~0g"), Some((3, 10)));
        assert_eq!(line_col(TEXT, "/h"), Some((3, 20)));
        assert_eq!(line_col(TEXT, "/esc\"apedA/2"), Some((4, 31)));
    }

    #[test]
    fn missing_or_malformed_pointers_give_none() {
        assert_eq!(line_col(TEXT, "/zzz"), None);
        assert_eq!(line_col(TEXT, "/a/b c/3"), None);
        assert_eq!(line_col(TEXT, "/a/b c/-"), None);
        assert_eq!(line_col(TEXT, "/a/b c/+1"), None);
        assert_eq!(line_col(TEXT, "/h/x"), None);
        assert_eq!(line_col(TEXT, "a"), None);
        assert_eq!(line_col("{\"a\": ", "/a/b"), None);
        assert_eq!(line_col("", ""), Some((1, 1)));
    }

    #[test]
    fn ignores_a_bom_and_counts_characters() {
        assert_eq!(line_col("\u{feff}{\"é\": 1, \"x\": 2}", "/x"), Some((1, 15)));
    }

    #[test]
    fn deep_nesting_is_skipped_without_recursion() {
        let deep = format!("{{\"a\": {}{}, \"b\": 1}}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(line_col(&deep, "/b"), Some((1, 200_014)));
    }
}
