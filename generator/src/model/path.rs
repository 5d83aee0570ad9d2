//! Path templates (`/snapshots/{snapshotId}`), parsed once: the model checks their parameters
//! against the operation's, and the emitter formats the request path from the parts.

use std::fmt;

/// A path template relative to the base URL: literal text and `{name}` placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    text: String,
    parts: Vec<PathPart>,
}

/// One piece of a [`PathTemplate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Text sent as it is.
    Literal(String),
    /// A `{name}`: the path parameter with this wire name.
    Parameter(String),
}

impl PathTemplate {
    /// Parses a template; braces must pair up, with a name and no `/`, `?` or `#` between them
    /// (`{a/{b}` is no template). The error says what is wrong.
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut name: Option<String> = None;
        for c in text.chars() {
            match (c, name.as_mut()) {
                ('{', Some(_)) => return Err("a `{` inside a `{...}`"),
                ('{', None) => {
                    if !literal.is_empty() {
                        parts.push(PathPart::Literal(std::mem::take(&mut literal)));
                    }
                    name = Some(String::new());
                }
                ('}', Some(n)) if n.is_empty() => return Err("an empty `{}`"),
                ('}', Some(_)) => parts.push(PathPart::Parameter(name.take().unwrap_or_default())),
                ('}', None) => return Err("a `}` without its `{`"),
                ('/' | '?' | '#', Some(_)) => return Err("a `{` not closed before the next segment"),
                (c, Some(n)) => n.push(c),
                (c, None) => literal.push(c),
            }
        }
        if name.is_some() {
            return Err("a `{` that is never closed");
        }
        if !literal.is_empty() {
            parts.push(PathPart::Literal(literal));
        }
        Ok(PathTemplate {
            text: text.to_string(),
            parts,
        })
    }

    /// The template as the spec writes it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn parts(&self) -> &[PathPart] {
        &self.parts
    }

    /// The wire names of its placeholders, in order.
    pub fn parameters(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            PathPart::Parameter(name) => Some(name.as_str()),
            PathPart::Literal(_) => None,
        })
    }
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_literals_and_parameters() {
        let template = PathTemplate::parse("/a/{b}/c{d}.json").unwrap();
        assert_eq!(
            template.parts(),
            [
                PathPart::Literal("/a/".into()),
                PathPart::Parameter("b".into()),
                PathPart::Literal("/c".into()),
                PathPart::Parameter("d".into()),
                PathPart::Literal(".json".into()),
            ]
        );
        assert_eq!(template.parameters().collect::<Vec<_>>(), ["b", "d"]);
        assert_eq!(template.to_string(), "/a/{b}/c{d}.json");
    }

    #[test]
    fn says_what_is_wrong_with_the_braces() {
        for (text, problem) in [
            ("/a/{b/{c}", "a `{` not closed before the next segment"),
            ("/a/{{b}}", "a `{` inside a `{...}`"),
            ("/a/{}", "an empty `{}`"),
            ("/a/b}", "a `}` without its `{`"),
            ("/a/{b", "a `{` that is never closed"),
        ] {
            assert_eq!(PathTemplate::parse(text), Err(problem), "{text}");
        }
    }
}
