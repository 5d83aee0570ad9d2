//! Bundling: following `$ref`s into other files and merging what they point at into the root
//! document, so that later stages only ever see local references.
//!
//! A reference that leaves the root file is handled in one of two ways:
//! - a named entry of a component container (`#/definitions/Pet`, `#/components/schemas/Pet`, ...)
//!   is *imported*: copied into the same container of the root document (as `Pet_1`, `Pet_2`, ...
//!   when the root already has a different `Pet`) and the reference becomes `#/definitions/Pet`.
//!   Importing rather than inlining keeps recursive schemas finite and shared entries shared.
//! - anything else (a whole file, a node in the middle of one) is *inlined* in place of the
//!   reference.
//!
//! Imported and inlined nodes are walked like the root document, their references resolved against
//! the file they came from. References within the root file stay as they are once their target is
//! known to exist. Every walk uses an explicit stack: inlining can nest content deeper than any one
//! file, and recursion would make the stack depth depend on the input.
//!
//! Not followed: anything under `x-ms-examples`, and URLs (an error). The part after `#` is taken
//! as a plain JSON pointer (no percent-decoding), as Azure specs write them.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use serde_json::{Map, Value};

use super::{describe, read, Bundle, ImportRename, Origin, SourceFile, SpecVersion};
use crate::diagnostic::{join, lookup, Diagnostic, Result};

/// Index into [`Loader::files`] (and later `Bundle::files`).
type FileId = usize;

/// The root file is always the first one read.
const ROOT: FileId = 0;

/// Examples in Azure specs are `$ref`s to example files: not part of the API, so never followed.
const EXAMPLES: &str = "x-ms-examples";

/// More inlined references than this means they expand exponentially (a target inlining another
/// several times, and so on); stop rather than exhaust memory.
const MAX_INLINED: usize = 100_000;

/// The deepest bundle node allowed. Each file is at most 128 levels deep (the parsers' limit), but
/// inlining puts one file's content inside another's; this keeps the bundle shallow enough for the
/// recursive code of later stages (serde, drop).
const MAX_DEPTH: usize = 256;

/// Containers whose named entries are imported rather than inlined.
const SWAGGER_CONTAINERS: &[&str] = &["/definitions", "/parameters", "/responses"];
const OPENAPI_CONTAINERS: &[&str] = &[
    "/components/schemas",
    "/components/parameters",
    "/components/responses",
    "/components/requestBodies",
    "/components/headers",
    "/components/securitySchemes",
    "/components/examples",
    "/components/links",
    "/components/callbacks",
];

/// A node of one of the files read: which file, and the JSON pointer within it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Loc {
    file: FileId,
    pointer: String,
}

struct LoadedFile {
    source: SourceFile,
    /// The path handed to the reader; relative references resolve against its directory.
    read_path: PathBuf,
    /// The file's value as parsed, never modified; shared so it can be read while `Loader` changes.
    value: Rc<Value>,
}

/// One inlined target on the way from the root (or from an imported entry) to a node. A target
/// that is inlined inside itself would expand forever, so finding it among the frames is a cycle.
struct Frame {
    target: Loc,
    parent: Option<Rc<Frame>>,
}

/// A node of the output still to be walked.
struct Work {
    /// Its pointer in the output.
    at: String,
    /// The file it was written in and its pointer there, against which its references resolve.
    file: FileId,
    src: String,
    inlined: Option<Rc<Frame>>,
    depth: usize,
}

impl Work {
    fn child(&self, token: &str) -> Work {
        Work {
            at: join(&self.at, token),
            file: self.file,
            src: join(&self.src, token),
            inlined: self.inlined.clone(),
            depth: self.depth + 1,
        }
    }
}

/// A key written next to a `$ref`, kept on the node that replaces the reference.
struct Sibling {
    key: String,
    value: Value,
    /// Where it was written (a chain of references may collect keys from several files).
    file: FileId,
    src: String,
    inlined: Option<Rc<Frame>>,
}

/// What a `$ref` node becomes.
enum Resolved {
    /// A reference to this pointer of the output.
    Local(String),
    /// The target, copied in.
    Inline {
        value: Value,
        target: Loc,
        inlined: Option<Rc<Frame>>,
    },
}

/// Bundles the parsed root file `document` of `root` with every file it references.
pub(super) fn bundle(
    root: SourceFile,
    document: Value,
    version: SpecVersion,
    read: &dyn Fn(&Path) -> io::Result<Vec<u8>>,
) -> Result<Bundle> {
    let root_file = root.path.clone();
    let mut loader = Loader {
        read,
        containers: match version {
            SpecVersion::Swagger2 => SWAGGER_CONTAINERS,
            SpecVersion::OpenApi3 => OPENAPI_CONTAINERS,
        },
        output: document.clone(),
        by_key: HashMap::from([(file_key(&root.path), ROOT)]),
        files: vec![LoadedFile {
            read_path: root.path.clone(),
            source: root,
            value: Rc::new(document),
        }],
        origins: Vec::new(),
        names: HashMap::new(),
        imported: HashMap::new(),
        imports_at: HashSet::new(),
        local_refs: Vec::new(),
        inlined: 0,
        stack: Vec::new(),
        import_renames: Vec::new(),
    };
    loader.claim_root_names();
    loader.walk()?;
    let bundle = Bundle {
        document: loader.output,
        root_file,
        version,
        import_renames: loader.import_renames,
        files: loader.files.into_iter().map(|file| file.source).collect(),
        origins: loader.origins,
        made_root: false,
    };
    check_cycles(&bundle, &loader.local_refs)?;
    Ok(bundle)
}

struct Loader<'r> {
    read: &'r dyn Fn(&Path) -> io::Result<Vec<u8>>,
    /// The component containers of the root's spec version.
    containers: &'static [&'static str],
    /// Every file read so far, the root first.
    files: Vec<LoadedFile>,
    /// Files by canonical path, so that each is read once however it is spelled.
    by_key: HashMap<PathBuf, FileId>,
    /// The bundle being built.
    output: Value,
    origins: Vec<Origin>,
    /// What each name of each container of the output holds: (container, name) -> origin.
    names: HashMap<(&'static str, String), Loc>,
    /// The name each imported entry got.
    imported: HashMap<Loc, String>,
    /// The output pointers of imported entries.
    imports_at: HashSet<String>,
    /// Every local `$ref` of the output: (pointer of the node holding it, target pointer).
    local_refs: Vec<(String, String)>,
    inlined: usize,
    stack: Vec<Work>,
    import_renames: Vec<ImportRename>,
}

impl Loader<'_> {
    /// Records the names the root document already uses, so that imports do not take them.
    fn claim_root_names(&mut self) {
        for &container in self.containers {
            if let Some(Value::Object(entries)) = lookup(&self.output, container) {
                for name in entries.keys() {
                    let origin = Loc {
                        file: ROOT,
                        pointer: join(container, name),
                    };
                    self.names.insert((container, name.clone()), origin);
                }
            }
        }
    }

    /// Walks the output from the root, resolving every `$ref` outside `x-ms-examples`.
    fn walk(&mut self) -> Result<()> {
        self.stack.push(Work {
            at: String::new(),
            file: ROOT,
            src: String::new(),
            inlined: None,
            depth: 0,
        });
        while let Some(work) = self.stack.pop() {
            if work.depth > MAX_DEPTH {
                let message = format!("nested more than {MAX_DEPTH} levels deep once `$ref`s are inlined");
                return Err(self.error(work.file, &work.src, message));
            }
            let node = lookup(&self.output, &work.at);
            if matches!(node, Some(Value::Object(map)) if map.contains_key("$ref")) {
                self.resolve(work)?;
                continue;
            }
            // Imported entries are walked from their own work item, against their own file.
            let in_container = self.containers.contains(&work.at.as_str());
            let children = match node {
                Some(value) => child_tokens(value, |key| {
                    !in_container || !self.imports_at.contains(&join(&work.at, key))
                }),
                None => return Err(self.internal(&work)),
            };
            self.stack.extend(children.iter().rev().map(|token| work.child(token)));
        }
        Ok(())
    }

    /// Replaces the `$ref` node at `work.at`: by a local reference (targets in the root file, and
    /// imports) or by a copy of the target (inlining).
    fn resolve(&mut self, work: Work) -> Result<()> {
        let Some(Value::Object(node)) = lookup(&self.output, &work.at).cloned() else {
            return Err(self.internal(&work));
        };
        let (resolved, siblings) = self.follow(&work, &node)?;
        match resolved {
            Resolved::Local(pointer) => self.write_local(&work, node, pointer, siblings),
            Resolved::Inline { value, target, inlined } => self.write_inline(&work, value, &target, &inlined, siblings),
        }
    }

    /// Follows the reference of `node` (at `work`), and on through targets that are themselves
    /// references, until it ends in the root file, an import, or a value to inline. Also returns
    /// the keys next to each `$ref` on the way (the nearest to `node` first), each with its origin.
    fn follow(&mut self, work: &Work, node: &Map<String, Value>) -> Result<(Resolved, Vec<Sibling>)> {
        let mut siblings: Vec<Sibling> = Vec::new();
        let (mut link, mut file, mut src, mut inlined) =
            (node.clone(), work.file, work.src.clone(), work.inlined.clone());
        loop {
            let reference = match link.get("$ref") {
                Some(Value::String(reference)) => reference.clone(),
                other => {
                    let message = format!("`$ref` must be a string, found {}", other.map_or("nothing", describe));
                    return Err(self.error(file, &join(&src, "$ref"), message));
                }
            };
            for (key, value) in &link {
                if key != "$ref" && !siblings.iter().any(|sibling| sibling.key == *key) {
                    siblings.push(Sibling {
                        key: key.clone(),
                        value: value.clone(),
                        file,
                        src: join(&src, key),
                        inlined: inlined.clone(),
                    });
                }
            }
            let target = self.locate(file, &src, &reference)?;
            let document = Rc::clone(&self.files[target.file].value);
            let Some(value) = lookup(&document, &target.pointer) else {
                let mut message = format!("`$ref` target `{reference}` does not exist");
                if target.file != file {
                    let path = self.files[target.file].source.path.display();
                    message += &format!(" (`{path}` has no `#{}`)", target.pointer);
                }
                return Err(self.error(file, &src, message));
            };
            if target.file == ROOT {
                return Ok((Resolved::Local(target.pointer), siblings));
            }
            if let Some((container, name)) = self.component(&target.pointer) {
                let name = self.import(&target, container, name, value)?;
                return Ok((Resolved::Local(join(container, &name)), siblings));
            }
            if let Some(cycle) = self.cycle(&inlined, &target) {
                return Err(self.error(file, &src, format!("`$ref` cycle: {cycle}")));
            }
            self.inlined += 1;
            if self.inlined > MAX_INLINED {
                let message = format!("more than {MAX_INLINED} `$ref`s inlined; the references expand without end");
                return Err(self.error(file, &src, message));
            }
            inlined = Some(Rc::new(Frame {
                target: target.clone(),
                parent: inlined,
            }));
            match value {
                Value::Object(next) if next.contains_key("$ref") => {
                    link = next.clone();
                    file = target.file;
                    src = target.pointer;
                }
                _ => {
                    let value = value.clone();
                    return Ok((Resolved::Inline { value, target, inlined }, siblings));
                }
            }
        }
    }

    /// Writes `node` back with its `$ref` pointing at `pointer` of the output, plus the keys met
    /// further along the chain that `node` does not have itself.
    fn write_local(
        &mut self,
        work: &Work,
        mut node: Map<String, Value>,
        pointer: String,
        siblings: Vec<Sibling>,
    ) -> Result<()> {
        node.insert("$ref".to_owned(), Value::String(format!("#{pointer}")));
        for sibling in &siblings {
            if !node.contains_key(&sibling.key) {
                node.insert(sibling.key.clone(), sibling.value.clone());
            }
        }
        self.local_refs.push((work.at.clone(), pointer));
        self.replace(work, Value::Object(node))?;
        for sibling in siblings.into_iter().rev() {
            self.keep_sibling(work, sibling, false);
        }
        Ok(())
    }

    /// Writes the copied `value` of `target` in place of the `$ref` node, with the keys found next
    /// to the `$ref`s on the way overriding the target's own, and queues its children.
    fn write_inline(
        &mut self,
        work: &Work,
        mut value: Value,
        target: &Loc,
        inlined: &Option<Rc<Frame>>,
        siblings: Vec<Sibling>,
    ) -> Result<()> {
        if !siblings.is_empty() {
            let Value::Object(map) = &mut value else {
                let keys: Vec<_> = siblings.iter().map(|s| format!("`{}`", s.key)).collect();
                let message = format!(
                    "the `$ref` target `{}` is {}, so the keys next to `$ref` ({}) cannot be kept",
                    self.describe_loc(target),
                    describe(&value),
                    keys.join(", ")
                );
                return Err(self.error(work.file, &work.src, message));
            };
            for sibling in &siblings {
                map.insert(sibling.key.clone(), sibling.value.clone());
            }
        }
        self.origins.push(Origin {
            prefix: work.at.clone(),
            file: target.file,
            pointer: target.pointer.clone(),
        });
        let from_target = child_tokens(&value, |key| siblings.iter().all(|s| s.key != key));
        self.replace(work, value)?;
        for token in from_target.iter().rev() {
            self.stack.push(Work {
                at: join(&work.at, token),
                file: target.file,
                src: join(&target.pointer, token),
                inlined: inlined.clone(),
                depth: work.depth + 1,
            });
        }
        for sibling in siblings.into_iter().rev() {
            self.keep_sibling(work, sibling, true);
        }
        Ok(())
    }

    /// Records where a key kept next to a resolved `$ref` came from (unless that is where the
    /// default mapping already points, or `always`), and queues it for walking.
    fn keep_sibling(&mut self, work: &Work, sibling: Sibling, always: bool) {
        let at = join(&work.at, &sibling.key);
        if always || sibling.file != work.file || sibling.src != join(&work.src, &sibling.key) {
            self.origins.push(Origin {
                prefix: at.clone(),
                file: sibling.file,
                pointer: sibling.src.clone(),
            });
        }
        if sibling.key != EXAMPLES && matches!(sibling.value, Value::Object(_) | Value::Array(_)) {
            self.stack.push(Work {
                at,
                file: sibling.file,
                src: sibling.src,
                inlined: sibling.inlined,
                depth: work.depth + 1,
            });
        }
    }

    /// The node that `reference`, written at `src` of `file`, points at (the file is read if it
    /// was not yet). Whether the pointer exists is left to the caller.
    fn locate(&mut self, file: FileId, src: &str, reference: &str) -> Result<Loc> {
        let (path, pointer) = reference.split_once('#').unwrap_or((reference, ""));
        if !pointer.is_empty() && !pointer.starts_with('/') {
            let message = format!("`$ref` `{reference}`: the part after `#` must be a JSON pointer starting with `/`");
            return Err(self.error(file, src, message));
        }
        let file = if path.is_empty() {
            file
        } else {
            self.open(file, src, reference, path)?
        };
        Ok(Loc {
            file,
            pointer: pointer.to_owned(),
        })
    }

    /// Reads (once) the file at `relative` to the file `from`, for `reference` at `src` of `from`.
    fn open(&mut self, from: FileId, src: &str, reference: &str, relative: &str) -> Result<FileId> {
        if is_url(relative) {
            let message = format!("`$ref` `{reference}` is a URL; only relative file paths are supported");
            return Err(self.error(from, src, message));
        }
        let referrer = &self.files[from];
        let read_path = parent(&referrer.read_path).join(relative);
        let key = file_key(&read_path);
        if let Some(&id) = self.by_key.get(&key) {
            return Ok(id);
        }
        let path = normalize(&parent(&referrer.source.path).join(relative));
        let bytes = (self.read)(&read_path).map_err(|e| {
            let message = format!("cannot read `{}` (for `$ref` `{reference}`): {e}", path.display());
            self.error(from, src, message)
        })?;
        let parsed = read::parse(&path, bytes).map_err(|mut diagnostic| {
            let referrer = self.files[from].source.path.display();
            diagnostic.message += &format!(" (in a file referenced from {referrer}#{src})");
            diagnostic
        })?;
        self.files.push(LoadedFile {
            source: SourceFile {
                path,
                text: parsed.text.into(),
                format: parsed.format,
            },
            read_path,
            value: Rc::new(parsed.value),
        });
        let id = self.files.len() - 1;
        self.by_key.insert(key, id);
        Ok(id)
    }

    /// The container and entry name, if `pointer` names an entry of a component container.
    fn component(&self, pointer: &str) -> Option<(&'static str, String)> {
        self.containers.iter().find_map(|&container| {
            let name = pointer.strip_prefix(container)?.strip_prefix('/')?;
            (!name.contains('/')).then(|| (container, unescape(name)))
        })
    }

    /// Imports the entry `value` at `target` into `container` of the output (once), and returns
    /// the name it has there: `name` unless the output already has a different entry by that name.
    fn import(&mut self, target: &Loc, container: &'static str, name: String, value: &Value) -> Result<String> {
        if let Some(local) = self.imported.get(target) {
            return Ok(local.clone());
        }
        let mut local = name.clone();
        let mut suffix = 0;
        let mut first_holder = None;
        while let Some(holder) = self.names.get(&(container, local.clone())).cloned() {
            if self.same(holder.clone(), target.clone()) {
                self.imported.insert(target.clone(), local.clone());
                return Ok(local);
            }
            first_holder.get_or_insert(holder);
            suffix += 1;
            local = format!("{name}_{suffix}");
        }
        if let Some(holder) = first_holder {
            self.import_renames.push(ImportRename {
                container,
                name: name.clone(),
                local: local.clone(),
                origin: self.describe_loc_relative(target),
                holder: self.describe_loc_relative(&holder),
            });
        }
        let Some(entries) = container_mut(&mut self.output, container) else {
            let message = format!(
                "cannot import `{}` here: `#{container}` is not an object",
                self.describe_loc(target)
            );
            return Err(self.error(ROOT, container, message));
        };
        entries.insert(local.clone(), value.clone());
        let at = join(container, &local);
        self.names.insert((container, local.clone()), target.clone());
        self.imported.insert(target.clone(), local.clone());
        self.imports_at.insert(at.clone());
        self.origins.push(Origin {
            prefix: at.clone(),
            file: target.file,
            pointer: target.pointer.clone(),
        });
        self.stack.push(Work {
            depth: at.matches('/').count(),
            at,
            file: target.file,
            src: target.pointer.clone(),
            inlined: None,
        });
        Ok(local)
    }

    /// Whether the nodes at `a` and `b` mean the same: equal values, except that references must
    /// point at nodes that (recursively) mean the same, since the same `#/definitions/X` written
    /// in two files names two different definitions. Pairs under comparison are assumed equal, so
    /// recursive definitions compare in finite time. Unreadable references count as different;
    /// walking the imported entry then reports them.
    fn same(&mut self, a: Loc, b: Loc) -> bool {
        let mut assumed = HashSet::new();
        let mut pending = vec![(a, b)];
        while let Some((a, b)) = pending.pop() {
            if a == b || !assumed.insert((a.clone(), b.clone())) {
                continue;
            }
            let (doc_a, doc_b) = (
                Rc::clone(&self.files[a.file].value),
                Rc::clone(&self.files[b.file].value),
            );
            let (Some(value_a), Some(value_b)) = (lookup(&doc_a, &a.pointer), lookup(&doc_b, &b.pointer)) else {
                return false;
            };
            let mut stack = vec![(value_a, value_b)];
            while let Some((x, y)) = stack.pop() {
                match (x, y) {
                    (Value::Object(x), Value::Object(y)) => {
                        if x.len() != y.len() {
                            return false;
                        }
                        match (x.get("$ref"), y.get("$ref")) {
                            (None, None) => {}
                            (Some(Value::String(ref_x)), Some(Value::String(ref_y))) => {
                                match (self.locate(a.file, "", ref_x), self.locate(b.file, "", ref_y)) {
                                    (Ok(target_x), Ok(target_y)) => pending.push((target_x, target_y)),
                                    _ => return false,
                                }
                            }
                            _ => return false,
                        }
                        for (key, value_x) in x {
                            let Some(value_y) = y.get(key) else {
                                return false;
                            };
                            match key.as_str() {
                                "$ref" => {}
                                EXAMPLES if value_x != value_y => return false,
                                EXAMPLES => {}
                                _ => stack.push((value_x, value_y)),
                            }
                        }
                    }
                    (Value::Array(x), Value::Array(y)) => {
                        if x.len() != y.len() {
                            return false;
                        }
                        stack.extend(x.iter().zip(y));
                    }
                    (x, y) => {
                        if x != y {
                            return false;
                        }
                    }
                }
            }
        }
        true
    }

    /// If `target` is already being inlined around this node, the cycle as
    /// `a.json#/x -> b.json#/y -> a.json#/x`.
    fn cycle(&self, inlined: &Option<Rc<Frame>>, target: &Loc) -> Option<String> {
        let mut chain = vec![target];
        let mut frame = inlined.as_deref();
        while let Some(current) = frame {
            chain.push(&current.target);
            if current.target == *target {
                let steps: Vec<_> = chain.iter().rev().map(|loc| self.describe_loc(loc)).collect();
                return Some(steps.join(" -> "));
            }
            frame = current.parent.as_deref();
        }
        None
    }

    fn replace(&mut self, work: &Work, value: Value) -> Result<()> {
        match self.output.pointer_mut(&work.at) {
            Some(slot) => {
                *slot = value;
                Ok(())
            }
            None => Err(self.internal(work)),
        }
    }

    /// `file#pointer`, for messages.
    fn describe_loc(&self, loc: &Loc) -> String {
        format!("{}#{}", self.files[loc.file].source.path.display(), loc.pointer)
    }

    /// `file#pointer` with the file relative to the root file's folder, so that what reaches
    /// generated output does not depend on where the specs are.
    fn describe_loc_relative(&self, loc: &Loc) -> String {
        let root_dir = parent(&self.files[ROOT].source.path);
        let file = super::inputs::relative_to(root_dir, &self.files[loc.file].source.path);
        format!("{}#{}", file.display(), loc.pointer)
    }

    fn error(&self, file: FileId, pointer: &str, message: impl Into<String>) -> Diagnostic {
        self.files[file].source.diagnostic(pointer, message)
    }

    /// A node the walk queued has gone: a bug in the loader, reported rather than panicking.
    fn internal(&self, work: &Work) -> Diagnostic {
        let message = format!("internal error: the bundle has no node at `#{}`", work.at);
        self.error(work.file, &work.src, message)
    }
}

/// The tokens of the children of `value` that need walking (objects and arrays, not examples)
/// and pass `keep`.
fn child_tokens(value: &Value, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let walks = |child: &Value| matches!(child, Value::Object(_) | Value::Array(_));
    match value {
        Value::Object(map) => map
            .iter()
            .filter(|(key, child)| *key != EXAMPLES && walks(child) && keep(key))
            .map(|(key, _)| key.clone())
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter(|(_, child)| walks(child))
            .map(|(index, _)| index.to_string())
            .collect(),
        _ => Vec::new(),
    }
}

/// The object at `container` (e.g. `/components/schemas`) of `document`, created if missing;
/// `None` if something on the way is not an object.
fn container_mut<'a>(document: &'a mut Value, container: &str) -> Option<&'a mut Map<String, Value>> {
    let mut node = document;
    for token in container.split('/').skip(1) {
        node = node
            .as_object_mut()?
            .entry(token)
            .or_insert_with(|| Value::Object(Map::new()));
    }
    node.as_object_mut()
}

/// Fails if some local `$ref` of the bundle leads, through references only, back to itself: such
/// a chain never reaches a schema or parameter. (Recursion through properties is fine: the chain
/// stops at the object holding them.)
fn check_cycles(bundle: &Bundle, refs: &[(String, String)]) -> Result<()> {
    let next: HashMap<&str, &str> = refs.iter().map(|(at, target)| (at.as_str(), target.as_str())).collect();
    let mut done: HashSet<&str> = HashSet::new();
    for (start, _) in refs {
        let mut path: Vec<&str> = Vec::new();
        let mut current = start.as_str();
        while !done.contains(current) {
            if let Some(first) = path.iter().position(|&seen| seen == current) {
                let steps: Vec<_> = path[first..]
                    .iter()
                    .chain([&current])
                    .map(|p| format!("#{p}"))
                    .collect();
                let message = format!("`$ref` cycle: {}", steps.join(" -> "));
                return Err(bundle.diagnostic(current, message));
            }
            path.push(current);
            match next.get(current) {
                Some(target) => current = target,
                None => break,
            }
        }
        done.extend(path);
    }
    Ok(())
}

/// RFC 6901 unescaping of one token.
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// `scheme://...` references are not files.
fn is_url(reference: &str) -> bool {
    reference.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

fn parent(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new(""))
}

/// The identity of a file: its canonical path, or (when it does not exist on disk, e.g. with an
/// in-memory reader) its absolute path with `.` and `..` resolved by hand.
fn file_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())))
}

/// `path` with `.` dropped and `dir/..` removed, without looking at the file system.
pub(super) fn normalize(path: &Path) -> PathBuf {
    let mut normalized = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match normalized.components().next_back() {
                Some(Component::Normal(_)) => {
                    normalized.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => normalized.push(".."),
            },
            other => normalized.push(other.as_os_str()),
        }
    }
    normalized
}
