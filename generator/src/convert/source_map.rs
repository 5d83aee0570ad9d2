//! Where each node of the converted OpenAPI 3 document came from in the Swagger document, recorded
//! by the converter as it converts (as `prost` carries `SourceCodeInfo` forward), so problems
//! found after conversion are reported where the user wrote the offending node.
//!
//! The map holds an entry only where the two documents part ways: a component container
//! (`/components/schemas` is `/definitions`), an `x-ms-paths` item, each operation parameter and
//! request body (with the `schema` that is the Swagger parameter itself), a response's and a
//! header's schema, a `$ref` followed for what lies below it, a schema `$ref` wrapped in `allOf`, a
//! renamed key (`nullable` is `x-nullable`, `style` is `collectionFormat`, ...), servers and
//! security flows. Any other pointer is answered by its longest recorded prefix plus the remaining
//! tokens, which is right for everything the converter copies key for key (a response under its
//! status code, a schema's `properties`, `items`, `allOf` members, extensions, ...); pointers
//! without a recorded prefix are the same in both documents (`/info/title`).
//!
//! Recording is cheap: the converter passes the OpenAPI 3 position down as a `Path` of borrowed
//! tokens, which becomes a pointer only where something is recorded, and then once, shared as the
//! prefix of every entry below it (one operation's pointer serves all its parameters and
//! responses). For the upstream Face spec that is about 530 entries.
//!
//! A lookup names a node that exists in the Swagger document: when the mapped node does not (a
//! node the converter synthesized, such as `openapi` or the `style` of a parameter without
//! `collectionFormat`), its nearest existing ancestor is returned.

use std::cell::{Cell, RefCell};
use std::fmt;

use serde_json::Value;

use crate::diagnostic::lookup;

/// How many times a lookup may go through an entry that defers to another OpenAPI 3 node (a
/// `$ref`'s target) before giving up; a chain longer than the `$ref` hops the converter follows
/// means a cycle.
const MAX_ALIAS_HOPS: usize = 40;

/// For each recorded pointer of the converted document, the Swagger pointer it came from. For
/// OpenAPI 3.0 input, the identity.
///
/// Recording must be cheap, lookups need not be (they happen when a diagnostic is made). So the
/// OpenAPI 3 pointers are kept as a tree of tokens that share their prefixes (each operation's
/// pointer is written once, however many entries are recorded below it), the Swagger pointers
/// are appended to one text, and a lookup renders the entries' pointers and scans them.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// The tokens (escaped) and Swagger pointers, one after the other.
    text: String,
    /// The OpenAPI 3 pointers: each a token below a parent (or a pointer of its own).
    pointers: Vec<Pointer>,
    /// In recording order; a later entry for the same pointer wins.
    entries: Vec<Entry>,
    /// OpenAPI 3.0 input: every pointer is its own origin.
    identity: bool,
}

/// A range of [`SourceMap::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

/// An OpenAPI 3 pointer: `parent`'s, then `/` and `token`; without a parent, `token` is the
/// whole pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pointer {
    parent: Option<u32>,
    token: Span,
}

/// Where one OpenAPI 3 node and the nodes below it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    /// The OpenAPI 3 pointer (an index into [`SourceMap::pointers`]).
    openapi3: u32,
    /// The Swagger pointer of the node itself.
    node: Span,
    /// Where its descendants are found.
    below: Below,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Below {
    /// Below `node`, token for token.
    Node,
    /// Below another Swagger node: the target of the `$ref` written at `node`.
    Swagger(Span),
    /// Where the descendants of another node of the OpenAPI 3 document came from: a `$ref` to a
    /// component (the model stage reads through it, keeping the referencing pointer), or the same
    /// schema offered for a second media type.
    OpenApi(u32),
}

impl SourceMap {
    /// The map of a document that was not converted (OpenAPI 3.0 input).
    pub fn identity() -> SourceMap {
        SourceMap {
            identity: true,
            ..SourceMap::default()
        }
    }

    /// Number of recorded entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The pointer (no leading `#`) of the node of `source`, the document that was converted, that
    /// the node at `openapi3_pointer` of the converted document came from: mapped by the longest
    /// recorded prefix, then cut back to the nearest node that exists in `source`.
    pub fn origin(&self, source: &Value, openapi3_pointer: &str) -> String {
        let pointer = openapi3_pointer.strip_prefix('#').unwrap_or(openapi3_pointer);
        if self.identity {
            return pointer.to_string();
        }
        let mut mapped = self.map(pointer);
        while lookup(source, &mapped).is_none() {
            match mapped.rfind('/') {
                Some(cut) => mapped.truncate(cut),
                None => mapped.clear(),
            }
        }
        mapped
    }

    fn get(&self, span: Span) -> &str {
        &self.text[span.start as usize..span.end as usize]
    }

    /// The OpenAPI 3 pointer number `id`, appended to `out`.
    fn render(&self, id: u32, out: &mut String) {
        let pointer = self.pointers[id as usize];
        if let Some(parent) = pointer.parent {
            self.render(parent, out);
            out.push('/');
        }
        out.push_str(self.get(pointer.token));
    }

    /// Every entry's OpenAPI 3 pointer, in entry order.
    fn keys(&self) -> Vec<String> {
        let mut keys = Vec::with_capacity(self.entries.len());
        for entry in &self.entries {
            let mut key = String::new();
            self.render(entry.openapi3, &mut key);
            keys.push(key);
        }
        keys
    }

    /// The Swagger pointer of `pointer` as recorded, whether or not it exists.
    fn map(&self, pointer: &str) -> String {
        let keys = self.keys();
        let mut pointer = pointer.to_string();
        for _ in 0..MAX_ALIAS_HOPS {
            let Some((key, entry)) = longest_prefix(&keys, &self.entries, &pointer) else {
                return pointer;
            };
            let rest = &pointer[key.len()..];
            // The `$ref` of a reference is where it was written, not in its target.
            let written = rest == "/$ref" || rest.starts_with("/$ref/");
            let base = match entry.below {
                _ if rest.is_empty() => return self.get(entry.node).to_string(),
                Below::Node => entry.node,
                _ if written => entry.node,
                Below::Swagger(target) => target,
                Below::OpenApi(like) => {
                    let mut like_pointer = String::new();
                    self.render(like, &mut like_pointer);
                    like_pointer.push_str(rest);
                    pointer = like_pointer;
                    continue;
                }
            };
            return format!("{}{rest}", self.get(base));
        }
        pointer
    }
}

/// The entry of `pointer` or of its nearest recorded ancestor (the last recorded of equals), with
/// its key.
fn longest_prefix<'m>(keys: &'m [String], entries: &'m [Entry], pointer: &str) -> Option<(&'m str, &'m Entry)> {
    let mut best: Option<(&str, &Entry)> = None;
    for (key, entry) in keys.iter().zip(entries) {
        let Some(rest) = pointer.strip_prefix(key.as_str()) else {
            continue;
        };
        let longer = best.is_none_or(|(best, _)| key.len() >= best.len());
        if (rest.is_empty() || rest.starts_with('/')) && longer {
            best = Some((key, entry));
        }
    }
    best
}

/// Each entry as `openapi3 -> swagger` (`below ...` when its descendants are elsewhere).
impl fmt::Debug for SourceMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (entry, openapi3) in self.entries.iter().zip(self.keys()) {
            let node = self.get(entry.node);
            match entry.below {
                Below::Node => list.entry(&format_args!("{openapi3:?} -> {node:?}")),
                Below::Swagger(target) => {
                    list.entry(&format_args!("{openapi3:?} -> {node:?}, below {:?}", self.get(target)))
                }
                Below::OpenApi(like) => {
                    let mut like_pointer = String::new();
                    self.render(like, &mut like_pointer);
                    list.entry(&format_args!(
                        "{openapi3:?} -> {node:?}, below as openapi3 {like_pointer:?}"
                    ))
                }
            };
        }
        list.finish()?;
        if self.identity {
            write!(f, " (identity)")?;
        }
        Ok(())
    }
}

/// A position in the OpenAPI 3 document being built, as borrowed tokens linked to their parent:
/// turned into a recorded pointer only when something is recorded at or below it, and then once
/// (it remembers the pointer it became, so the entries below share it).
pub(crate) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    token: Token<'a>,
    /// The number of the recorded pointer, once there is one.
    recorded: Cell<Option<u32>>,
}

#[derive(Clone, Copy)]
enum Token<'a> {
    /// A whole pointer, already escaped.
    Pointer(&'a str),
    /// A key of the object at the parent.
    Key(&'a str),
    /// An index of the array at the parent.
    Index(usize),
    /// Keys one inside the other, below the parent.
    Keys(&'a [&'a str]),
}

impl<'a> Path<'a> {
    /// The position at `pointer` (escaped, no leading `#`).
    pub fn at(pointer: &'a str) -> Path<'a> {
        Path {
            parent: None,
            token: Token::Pointer(pointer),
            recorded: Cell::new(None),
        }
    }

    fn child(&'a self, token: Token<'a>) -> Path<'a> {
        Path {
            parent: Some(self),
            token,
            recorded: Cell::new(None),
        }
    }

    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        self.child(Token::Key(key))
    }

    pub fn index(&'a self, index: usize) -> Path<'a> {
        self.child(Token::Index(index))
    }

    /// `self.key(keys[0]).key(keys[1])...`, recorded as one pointer (cheaper when nothing is
    /// recorded in between).
    pub fn keys(&'a self, keys: &'a [&'a str]) -> Path<'a> {
        self.child(Token::Keys(keys))
    }

    /// The escaped JSON pointer.
    #[cfg(test)]
    pub fn render(&self) -> String {
        let mut out = self.parent.map(Path::render).unwrap_or_default();
        match self.token {
            Token::Pointer(pointer) => out.push_str(pointer),
            Token::Key(key) => {
                out.push('/');
                push_escaped(&mut out, key);
            }
            Token::Index(index) => {
                out.push('/');
                push_index(&mut out, index);
            }
            Token::Keys(keys) => {
                for key in keys {
                    out.push('/');
                    push_escaped(&mut out, key);
                }
            }
        }
        out
    }

    /// The number of this position among the recorded pointers of `map`, recording it (and the
    /// positions above it) if need be. A position is recorded into one map only (one conversion
    /// creates its positions and its recorder).
    fn record(&self, map: &mut SourceMap) -> u32 {
        if let Some(id) = self.recorded.get() {
            return id;
        }
        let parent = self.parent.map(|parent| parent.record(map));
        let start = map.text.len() as u32;
        match self.token {
            Token::Pointer(pointer) => map.text.push_str(pointer),
            Token::Key(key) => push_escaped(&mut map.text, key),
            Token::Index(index) => push_index(&mut map.text, index),
            Token::Keys(keys) => {
                for (i, key) in keys.iter().enumerate() {
                    if i > 0 {
                        map.text.push('/');
                    }
                    push_escaped(&mut map.text, key);
                }
            }
        }
        let token = Span {
            start,
            end: map.text.len() as u32,
        };
        let id = map.pointers.len() as u32;
        map.pointers.push(Pointer { parent, token });
        self.recorded.set(Some(id));
        id
    }
}

/// Appends `token`, escaped (RFC 6901), without allocating.
fn push_escaped(out: &mut String, token: &str) {
    if !token.bytes().any(|b| b == b'~' || b == b'/') {
        out.push_str(token);
        return;
    }
    let mut rest = token;
    while let Some(at) = rest.bytes().position(|b| b == b'~' || b == b'/') {
        out.push_str(&rest[..at]);
        out.push_str(if rest.as_bytes()[at] == b'~' { "~0" } else { "~1" });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Appends `index` in decimal.
fn push_index(out: &mut String, index: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = index;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// Collects the entries while the converter runs (shared by every [`super::json::Cx`] copy).
#[derive(Default)]
pub(crate) struct Recorder {
    map: RefCell<SourceMap>,
}

impl Recorder {
    /// A recorder with room for what converting `swagger` usually records (about 1 KiB of text,
    /// 25 pointers and 15 entries per path item), so that recording seldom reallocates.
    pub fn for_document(swagger: &Value) -> Recorder {
        let items = ["paths", "x-ms-paths"]
            .iter()
            .filter_map(|key| swagger.get(key)?.as_object())
            .map(|paths| paths.len())
            .sum::<usize>()
            .clamp(1, 10_000);
        let map = SourceMap {
            text: String::with_capacity(items * 1024),
            pointers: Vec::with_capacity(items * 25),
            entries: Vec::with_capacity(items * 15),
            identity: false,
        };
        Recorder { map: RefCell::new(map) }
    }

    pub fn finish(self) -> SourceMap {
        self.map.into_inner()
    }

    /// Appends `pointer` (and `/key`, escaped) to the text, as a span.
    fn push(map: &mut SourceMap, pointer: &str, key: Option<&str>) -> Span {
        let start = map.text.len() as u32;
        map.text.push_str(pointer);
        if let Some(key) = key {
            map.text.push('/');
            push_escaped(&mut map.text, key);
        }
        Span {
            start,
            end: map.text.len() as u32,
        }
    }

    fn insert(&self, openapi3: &Path<'_>, node: &str, node_key: Option<&str>, below: Option<BelowAt<'_>>) {
        let mut map = self.map.borrow_mut();
        let map = &mut *map;
        let openapi3 = openapi3.record(map);
        let node = Self::push(map, node, node_key);
        let below = match below {
            None => Below::Node,
            Some(BelowAt::Swagger(target)) => Below::Swagger(Self::push(map, target, None)),
            Some(BelowAt::OpenApi(like)) => Below::OpenApi(like.record(map)),
        };
        map.entries.push(Entry { openapi3, node, below });
    }

    /// The OpenAPI 3 node `openapi3`, and what is below it, came from the Swagger node `swagger`.
    pub fn node(&self, openapi3: &Path<'_>, swagger: &str) {
        self.insert(openapi3, swagger, None, None);
    }

    /// The OpenAPI 3 node `openapi3` came from the Swagger entry `entry` as written; what is below
    /// it from `target`, the node the entry's `$ref`s lead to (the same node when it has none).
    pub fn entry(&self, openapi3: &Path<'_>, entry: &str, target: &str) {
        let below = (entry != target).then_some(BelowAt::Swagger(target));
        self.insert(openapi3, entry, None, below);
    }

    /// The OpenAPI 3 node `openapi3` came from the Swagger node `swagger`; what is below it from
    /// where the same things below the OpenAPI 3 node `like` came from.
    pub fn alias(&self, openapi3: &Path<'_>, swagger: &str, like: &Path<'_>) {
        self.insert(openapi3, swagger, None, Some(BelowAt::OpenApi(like)));
    }

    /// The key `key` of the OpenAPI 3 object at `openapi3` is the key `swagger_key` of the Swagger
    /// object at `swagger`.
    pub fn renamed(&self, openapi3: &Path<'_>, key: &str, swagger: &str, swagger_key: &str) {
        self.insert(&openapi3.key(key), swagger, Some(swagger_key), None);
    }
}

/// [`Below`] before it is recorded.
enum BelowAt<'a> {
    Swagger(&'a str),
    OpenApi(&'a Path<'a>),
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Path, Recorder, SourceMap};

    #[test]
    fn paths_render_escaped_pointers() {
        let root = Path::at("/paths");
        let item = root.key("/a/{b}~c");
        let params = item.key("parameters");
        assert_eq!(params.index(3).render(), "/paths/~1a~1{b}~0c/parameters/3");
        assert_eq!(params.index(0).render(), "/paths/~1a~1{b}~0c/parameters/0");
        assert_eq!(
            params.index(1207).key("~").render(),
            "/paths/~1a~1{b}~0c/parameters/1207/~0"
        );
        assert_eq!(Path::at("/a").key("x/~/y").key("").render(), "/a/x~1~0~1y/");
        assert_eq!(Path::at("").key("x").render(), "/x");
    }

    #[test]
    fn lookups_use_the_longest_recorded_prefix() {
        let doc = json!({
            "parameters": {"P": {"name": "p", "items": {"type": "string"}}},
            "paths": {"/a": {"get": {"parameters": [{"$ref": "#/parameters/P"}]}}},
            "definitions": {"D": {"properties": {"x": {}}}}
        });
        let recorder = Recorder::default();
        recorder.node(&Path::at("/components/schemas"), "/definitions");
        recorder.node(&Path::at("/components/parameters/P/schema"), "/parameters/P");
        recorder.alias(
            &Path::at("/paths/~1a/get/parameters/0"),
            "/paths/~1a/get/parameters/0",
            &Path::at("/components/parameters/P"),
        );
        let map = recorder.finish();
        assert_eq!(map.len(), 3);
        assert_eq!(
            format!("{map:?}"),
            "[\"/components/schemas\" -> \"/definitions\", \"/components/parameters/P/schema\" -> \"/parameters/P\", \
             \"/paths/~1a/get/parameters/0\" -> \"/paths/~1a/get/parameters/0\", below as openapi3 \"/components/parameters/P\"]"
        );
        let origin = |pointer: &str| map.origin(&doc, pointer);
        // Not recorded, no recorded prefix: the same pointer (cut back to what exists).
        assert_eq!(origin("/paths/~1a/get"), "/paths/~1a/get");
        assert_eq!(origin("/openapi"), "");
        assert_eq!(origin("#/definitions/D"), "/definitions/D");
        // A recorded prefix plus the rest.
        assert_eq!(
            origin("/components/schemas/D/properties/x"),
            "/definitions/D/properties/x"
        );
        assert_eq!(
            origin("/components/schemas/D/properties/y"),
            "/definitions/D/properties"
        );
        assert_eq!(origin("/components/schemas/Nope"), "/definitions");
        // Through a `$ref`: the entry itself is the place the user wrote it.
        assert_eq!(origin("/paths/~1a/get/parameters/0"), "/paths/~1a/get/parameters/0");
        assert_eq!(
            origin("/paths/~1a/get/parameters/0/schema/items/type"),
            "/parameters/P/items/type"
        );
        // A component that was not recorded: its own pointer, cut back.
        assert_eq!(origin("/components/parameters/P/name"), "");
        assert_eq!(SourceMap::identity().origin(&doc, "/nowhere/at/all"), "/nowhere/at/all");
    }

    #[test]
    fn later_entries_win_and_renamed_keys_are_escaped() {
        let recorder = Recorder::default();
        recorder.node(&Path::at("/a"), "/x");
        recorder.node(&Path::at("/a"), "/y");
        recorder.renamed(&Path::at("/a"), "k/1", "/y", "k~2");
        let map = recorder.finish();
        let doc = json!({"x": {}, "y": {"k~2": 1}});
        assert_eq!(map.origin(&doc, "/a"), "/y");
        assert_eq!(map.origin(&doc, "/a/k~11"), "/y/k~02");
    }

    #[test]
    fn alias_cycles_end() {
        let recorder = Recorder::default();
        recorder.alias(&Path::at("/a"), "/x", &Path::at("/b"));
        recorder.alias(&Path::at("/b"), "/y", &Path::at("/a"));
        let map = recorder.finish();
        let doc = json!({"x": {}, "y": {}});
        assert_eq!(map.origin(&doc, "/a"), "/x");
        assert_eq!(map.origin(&doc, "/a/deeper"), "");
    }
}

/// What the converter records, on a document using every rule (these were the inverse rules'
/// cases before the converter recorded origins; the answers are the same).
#[cfg(test)]
mod conversion_tests {
    use serde_json::{json, Value};

    use crate::convert::test_support::{converted, swagger};

    fn doc() -> Value {
        swagger(json!({
            "x-ms-parameterized-host": {
                "hostTemplate": "{Endpoint}/widgets/v1.0",
                "useSchemePrefix": false,
                "parameters": [{"$ref": "#/parameters/Endpoint"}]
            },
            "paths": {
                "/things/{id}": {
                    "parameters": [{"$ref": "#/parameters/Id"}],
                    "put": {
                        "parameters": [
                            {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Thing"}},
                            {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"},
                             "collectionFormat": "csv"}
                        ],
                        "responses": {"200": {"description": "", "schema": {"$ref": "#/definitions/Thing"},
                                              "headers": {"H": {"type": "string"}}}}
                    },
                    "post": {
                        "parameters": [{"$ref": "#/parameters/Body"}],
                        "responses": {}
                    }
                }
            },
            "x-ms-paths": {
                "/things/{id}?form": {"post": {
                    "consumes": ["multipart/form-data"],
                    "parameters": [
                        {"name": "a", "in": "formData", "type": "string"},
                        {"name": "b", "in": "formData", "type": "file", "format": "binary"}
                    ],
                    "responses": {}
                }}
            },
            "definitions": {
                "Thing": {
                    "discriminator": "kind",
                    "properties": {
                        "kind": {"type": "string", "x-nullable": true},
                        "base": {"$ref": "#/definitions/Thing", "description": "Wrapped."}
                    }
                }
            },
            "parameters": {
                "Endpoint": {"name": "Endpoint", "in": "path", "type": "string", "required": true,
                             "description": "The endpoint."},
                "Id": {"name": "id", "in": "path", "type": "string", "required": true},
                "Body": {"name": "body", "in": "body", "schema": {"type": "object"}}
            },
            "securityDefinitions": {"aad": {"type": "oauth2", "flow": "application", "tokenUrl": "t"}}
        }))
    }

    #[track_caller]
    fn maps(from: &str, to: &str) {
        let doc = doc();
        let converted = converted(&doc).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(converted.sources.origin(&doc, from), to, "mapping {from}");
    }

    #[test]
    fn components_map_to_swagger_sections() {
        maps("", "");
        maps("/components/schemas/Thing", "/definitions/Thing");
        maps(
            "/components/schemas/Thing/properties/kind/type",
            "/definitions/Thing/properties/kind/type",
        );
        maps(
            "/components/schemas/Thing/properties/kind/nullable",
            "/definitions/Thing/properties/kind/x-nullable",
        );
        maps(
            "/components/schemas/Thing/discriminator/propertyName",
            "/definitions/Thing/discriminator",
        );
        maps(
            "/components/schemas/Thing/properties/base/allOf/0",
            "/definitions/Thing/properties/base",
        );
        maps(
            "/components/schemas/Thing/properties/base/description",
            "/definitions/Thing/properties/base/description",
        );
        maps("/components/parameters/Id/schema/type", "/parameters/Id/type");
        maps("/components/requestBodies/Body", "/parameters/Body");
        maps(
            "/components/requestBodies/Body/content/application~1json/schema/type",
            "/parameters/Body/schema/type",
        );
        maps(
            "/components/securitySchemes/aad/flows/clientCredentials/tokenUrl",
            "/securityDefinitions/aad/tokenUrl",
        );
        maps("/info/title", "/info/title");
    }

    #[test]
    fn operations_map_to_their_swagger_nodes() {
        let put = "/paths/~1things~1{id}/put";
        maps(put, put);
        // Merged parameters: the path-level $ref first, then the query (the body is not a parameter).
        maps(&format!("{put}/parameters/0"), "/paths/~1things~1{id}/parameters/0");
        maps(&format!("{put}/parameters/0/schema/type"), "/parameters/Id/type");
        maps(
            &format!("{put}/parameters/1/schema/items/type"),
            &format!("{put}/parameters/1/items/type"),
        );
        maps(
            &format!("{put}/parameters/1/style"),
            &format!("{put}/parameters/1/collectionFormat"),
        );
        maps(&format!("{put}/requestBody"), &format!("{put}/parameters/0"));
        maps(
            &format!("{put}/requestBody/content/application~1json/schema"),
            &format!("{put}/parameters/0/schema"),
        );
        maps(
            &format!("{put}/responses/200/content/application~1json/schema"),
            &format!("{put}/responses/200/schema"),
        );
        maps(
            &format!("{put}/responses/200/headers/H/schema/type"),
            &format!("{put}/responses/200/headers/H/type"),
        );
        maps(
            "/paths/~1things~1{id}/post/requestBody",
            "/paths/~1things~1{id}/post/parameters/0",
        );
        maps(
            "/paths/~1things~1{id}/post/requestBody/content/application~1json/schema/type",
            "/parameters/Body/schema/type",
        );
    }

    #[test]
    fn x_ms_paths_and_form_fields() {
        let post = "/paths/~1things~1{id}?form/post";
        maps(post, "/x-ms-paths/~1things~1{id}?form/post");
        maps(
            &format!("{post}/requestBody/content/multipart~1form-data/schema/properties/b/format"),
            "/x-ms-paths/~1things~1{id}?form/post/parameters/1/format",
        );
        maps(
            &format!("{post}/requestBody/content"),
            "/x-ms-paths/~1things~1{id}?form/post",
        );
    }

    #[test]
    fn servers_map_to_the_parameterized_host() {
        maps("/servers/0/url", "/x-ms-parameterized-host/hostTemplate");
        maps("/servers/0/variables/Endpoint", "/x-ms-parameterized-host/parameters/0");
        maps(
            "/servers/0/variables/Endpoint/description",
            "/parameters/Endpoint/description",
        );
    }

    #[test]
    fn synthesized_and_unknown_nodes_map_to_the_nearest_existing_ancestor() {
        maps("/openapi", "");
        maps("/components/schemas", "/definitions");
        maps("/components/requestBodies", "/parameters");
        maps("/components/parameters/Id/style", "/parameters/Id");
        maps(
            "/components/schemas/Thing/properties/base/allOf",
            "/definitions/Thing/properties/base",
        );
        maps("/servers/0/variables/Endpoint/default", "/parameters/Endpoint");
        maps("/paths/~1nope/get/responses/200", "/paths");
        maps("/components/schemas/Nope/properties/x", "/definitions");
        maps("#/info/title", "/info/title");
    }

    #[test]
    fn reference_keys_are_not_followed() {
        let put = "/paths/~1things~1{id}/put";
        maps(
            &format!("{put}/parameters/0/$ref"),
            "/paths/~1things~1{id}/parameters/0/$ref",
        );
        maps(
            "/paths/~1things~1{id}/post/requestBody/$ref",
            "/paths/~1things~1{id}/post/parameters/0/$ref",
        );
    }
}
