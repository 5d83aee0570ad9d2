//! Turns the spec's descriptions into rustdoc that says exactly what the spec said.
//!
//! Descriptions are Markdown-ish prose written for a web page. Rustdoc would run indented or
//! fenced blocks as doctests, warn about bare URLs and unclosed HTML tags, and read `[x]` as an
//! intra-doc link. So: `<br>` becomes a paragraph break, other `<`, `>` and `&` are escaped as
//! entities, square brackets that do not form a Markdown link are escaped, bare URLs are wrapped in
//! `<...>`, code fences are marked `text`, and lines are unindented. The text itself never becomes
//! code: the emitter writes it as a string literal in a `#[doc]` attribute.

/// Rustdoc for a description (empty when there is none).
pub fn rustdoc(description: Option<&str>) -> String {
    let Some(text) = description else { return String::new() };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = replace_line_breaks(&text);
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("```") {
            // Open fences as `text` so rustdoc never compiles them.
            out.push(if in_fence { "```" } else { "```text" }.to_string());
            in_fence = !in_fence;
            continue;
        }
        out.push(if in_fence { line.to_string() } else { escape_line(line) });
    }
    if in_fence {
        out.push("```".to_string());
    }
    // Drop leading/trailing blank lines and runs of blank lines.
    let mut result: Vec<String> = Vec::new();
    for line in indent_list_continuations(out) {
        if line.is_empty() && result.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        result.push(line);
    }
    while result.last().is_some_and(|l| l.is_empty()) {
        result.pop();
    }
    result.join("\n")
}

/// Width of a Markdown list marker at the start of `line` (`* `, `- `, `+ `, `1. `, `1) `).
fn list_marker_width(line: &str) -> Option<usize> {
    if line.starts_with("* ") || line.starts_with("- ") || line.starts_with("+ ") {
        return Some(2);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    (digits > 0 && (rest.starts_with(". ") || rest.starts_with(") "))).then_some(digits + 2)
}

/// A line right after a list item continues it in Markdown; indent it so (rustdoc lints a "lazy"
/// continuation), except a heading, which starts a new block.
fn indent_list_continuations(lines: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut item_width = None;
    for line in lines {
        if let Some(width) = list_marker_width(&line) {
            item_width = Some(width);
            out.push(line);
            continue;
        }
        match item_width {
            _ if line.is_empty() || line.starts_with("```") => {
                item_width = None;
                out.push(line);
            }
            Some(_) if line.starts_with('#') => {
                item_width = None;
                out.push(String::new());
                out.push(line);
            }
            Some(width) => out.push(format!("{}{line}", " ".repeat(width))),
            None => out.push(line),
        }
    }
    out
}

/// `<br>`, `<br/>`, `<br />` (any case) become paragraph breaks.
fn replace_line_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after.find('>').map(|e| e + 1);
        match end {
            Some(end) if is_br(&after[..end]) => {
                out.push_str("\n\n");
                rest = &after[end..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_br(tag: &str) -> bool {
    let inner: String = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '/')
        .collect();
    inner.eq_ignore_ascii_case("br")
}

/// Escapes one line of prose (outside code fences).
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // A Markdown link `[text](url)`: keep it, escaping only inside the text.
        if c == '[' {
            if let Some((text_end, url_end)) = markdown_link(&chars, i) {
                out.push('[');
                for &t in &chars[i + 1..text_end] {
                    push_escaped(&mut out, t);
                }
                out.push_str("](");
                out.extend(&chars[text_end + 2..url_end]);
                out.push(')');
                i = url_end + 1;
                continue;
            }
        }
        if let Some(len) = url_at(&chars, i) {
            out.push('<');
            out.extend(&chars[i..i + len]);
            out.push('>');
            i += len;
            continue;
        }
        push_escaped(&mut out, c);
        i += 1;
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '&' => out.push_str("&amp;"),
        '[' => out.push_str("\\["),
        ']' => out.push_str("\\]"),
        '*' | '_' => out.push(c),
        c if c.is_control() => out.push(' '),
        c => out.push(c),
    }
}

/// If `chars[start..]` is `[text](http...)`, the index of `]` and of `)`.
fn markdown_link(chars: &[char], start: usize) -> Option<(usize, usize)> {
    let close = start + chars[start..].iter().position(|&c| c == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let url_start = close + 2;
    let url_end = url_start + chars[url_start..].iter().position(|&c| c == ')')?;
    let url: String = chars[url_start..url_end].iter().collect();
    let ok = (url.starts_with("http://") || url.starts_with("https://")) && !url.contains(char::is_whitespace);
    ok.then_some((close, url_end))
}

/// Length of a bare `http(s)://` URL starting at `i`.
fn url_at(chars: &[char], i: usize) -> Option<usize> {
    // Called at every character of every description: compare in place, allocate nothing.
    let starts_with = |prefix: &str| prefix.chars().enumerate().all(|(k, p)| chars.get(i + k) == Some(&p));
    if chars[i] != 'h' || !(starts_with("http://") || starts_with("https://")) {
        return None;
    }
    let len = chars[i..]
        .iter()
        .position(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | ']'))
        .unwrap_or(chars.len() - i);
    // Trailing sentence punctuation is not part of the URL.
    let trimmed = chars[i..i + len]
        .iter()
        .rposition(|c| !matches!(c, '.' | ',' | ';' | ':' | '!' | '?'))
        .map_or(0, |p| p + 1);
    (trimmed > "https://".len()).then_some(trimmed)
}

#[cfg(test)]
mod tests {
    use super::rustdoc;

    #[test]
    fn keeps_plain_prose() {
        assert_eq!(rustdoc(Some("Widget id.")), "Widget id.");
        assert_eq!(rustdoc(None), "");
    }

    #[test]
    fn turns_br_into_paragraphs_and_escapes_html() {
        assert_eq!(
            rustdoc(Some("One.<br />\nTwo <b>bold</b> & more")),
            "One.\n\nTwo &lt;b&gt;bold&lt;/b&gt; &amp; more"
        );
    }

    #[test]
    fn keeps_markdown_links_and_wraps_bare_urls() {
        assert_eq!(
            rustdoc(Some(
                "See [Widget - Get](https://example.com/a) or https://example.com/b."
            )),
            "See [Widget - Get](https://example.com/a) or <https://example.com/b>."
        );
    }

    #[test]
    fn escapes_brackets_backticks_and_indentation() {
        assert_eq!(rustdoc(Some("a [b] `c`\n    indented")), "a \\[b\\] `c`\nindented");
    }

    #[test]
    fn list_continuations_are_indented_and_headings_separated() {
        assert_eq!(
            rustdoc(Some("* one\nmore\n10. two\nmore\n# Title\ntext")),
            "* one\n  more\n10. two\n    more\n\n# Title\ntext"
        );
    }

    #[test]
    fn fences_become_text_blocks() {
        assert_eq!(
            rustdoc(Some("x\n```\nfn main() {}\n```")),
            "x\n```text\nfn main() {}\n```"
        );
        assert_eq!(rustdoc(Some("```json\n{}")), "```text\n{}\n```");
    }

    #[test]
    fn comment_terminators_and_quotes_stay_text() {
        assert_eq!(rustdoc(Some("a */ b \"] #[x]")), "a */ b \"\\] #\\[x\\]");
    }
}
