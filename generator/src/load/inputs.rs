//! One API from several spec files: the inputs a user names (files, a folder of them, or an
//! AutoRest `readme.md` and a tag) and the one document they make.
//!
//! Several files are loaded as one: a root document made here refers to every path item of every
//! file (and to every definition, so that unreferenced models are part of the API too), and the
//! bundler follows those references as it follows any other. So every node keeps its own file,
//! pointer and line; a definition reached from several files is one entry; same-named definitions
//! with the same content are one; same-named definitions that differ are imported under distinct
//! names (`Pet`, `Pet_1`), which [`Bundle::import_renames`] lists with both origins.

use std::io;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use super::{load_with, read, Bundle};
use crate::diagnostic::{escape_token, Diagnostic, Result};

/// What a user names as the API to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    /// The spec files, in the order their operations and types are taken.
    pub files: Vec<PathBuf>,
    /// How the inputs read in generated headers: a file name, `readme.md (tag …)`, a folder.
    pub name: String,
    /// The readme's `title`, when the inputs come from one.
    pub title: Option<String>,
}

/// The private root key under which the made root document refers to every definition.
pub const ALL_DEFINITIONS: &str = "x-codegen-definitions";
/// The private root key that lists the inputs' `info.version`s when they differ (then the API
/// has no one version).
pub const API_VERSIONS: &str = "x-codegen-api-versions";

/// Turns what the user named into spec files: a file is itself; a folder is every `*.json`
/// directly inside it (by name; `examples/` and other folders are not spec files); an AutoRest
/// `readme.md` is the `input-file`s of its blocks for `tag` (default: the readme's own `tag`),
/// relative to the readme.
pub fn expand(named: &[PathBuf], tag: Option<&str>) -> Result<Inputs> {
    let mut files = Vec::new();
    let mut names = Vec::new();
    let mut title = None;
    for path in named {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| Diagnostic::new(path, "", format!("cannot read the folder: {e}")))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")))
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(Diagnostic::new(path, "", "the folder has no `*.json` spec file"));
            }
            files.extend(found);
            names.push(format!("{}/", file_name(path)));
        } else if is_readme(path) {
            let text =
                std::fs::read_to_string(path).map_err(|e| Diagnostic::new(path, "", format!("cannot read: {e}")))?;
            let readme = Readme::parse(&text);
            let tag = tag
                .map(str::to_string)
                .or_else(|| readme.default_tag.clone())
                .ok_or_else(|| Diagnostic::new(path, "", "the readme sets no default `tag`; name one with --tag"))?;
            let listed = readme.input_files(&tag);
            if listed.is_empty() {
                return Err(Diagnostic::new(
                    path,
                    "",
                    format!("no `input-file` is listed for the tag `{tag}`"),
                ));
            }
            let dir = path.parent().unwrap_or(Path::new(""));
            files.extend(listed.iter().map(|f| dir.join(f)));
            names.push(format!("{} (tag {tag})", file_name(path)));
            title = title.or(readme.title);
        } else {
            files.push(path.clone());
            names.push(file_name(path));
        }
    }
    // The same file named twice is one input.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(super::bundle::normalize(f)));
    let name = match names.as_slice() {
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} and {} more", rest.len()),
        [] => {
            return Err(Diagnostic::new(
                "",
                "",
                "no input: name a spec file, a folder or a readme.md",
            ))
        }
    };
    Ok(Inputs { files, name, title })
}

/// Loads the inputs as one bundle: a single file as it is, several through a made root document.
pub fn load_inputs(inputs: &Inputs) -> Result<Bundle> {
    load_inputs_with(inputs, &|file: &Path| std::fs::read(file))
}

/// [`load_inputs`], reading every file through `read`.
pub fn load_inputs_with(inputs: &Inputs, read: &dyn Fn(&Path) -> io::Result<Vec<u8>>) -> Result<Bundle> {
    if let [one] = inputs.files.as_slice() {
        return load_with(one, read);
    }
    let root_path = made_root_path(inputs);
    let root = made_root(inputs, read)?;
    let text = serde_json::to_vec_pretty(&root).map_err(|e| Diagnostic::new(&root_path, "", e.to_string()))?;
    let mut bundle = load_with(&root_path, &|file: &Path| {
        if file == root_path {
            Ok(text.clone())
        } else {
            read(file)
        }
    })?;
    bundle.made_root = true;
    Ok(bundle)
}

/// Where the made root document is said to be: beside the first input, so that relative
/// references from it resolve as from the inputs.
fn made_root_path(inputs: &Inputs) -> PathBuf {
    let first = &inputs.files[0];
    first.with_file_name("(api).json")
}

/// The root document of several files: the first file's top-level settings, and a reference to
/// every path item (or, for a path several files share, every operation) and definition.
fn made_root(inputs: &Inputs, read: &dyn Fn(&Path) -> io::Result<Vec<u8>>) -> Result<Value> {
    let mut documents = Vec::new();
    for file in &inputs.files {
        let bytes = read(file).map_err(|e| Diagnostic::new(file, "", format!("cannot read file: {e}")))?;
        documents.push(read::parse(file, bytes)?.value);
    }
    let root_dir = made_root_path(inputs)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let reference = |file: &Path, pointer: &str| {
        let relative = relative_to(&root_dir, file);
        json!({ "$ref": format!("{}#{pointer}", relative.display()) })
    };
    let first = &documents[0];
    let Some(version_key) = ["swagger", "openapi"].into_iter().find(|k| first.get(k).is_some()) else {
        return Err(Diagnostic::new(
            &inputs.files[0],
            "",
            "neither `swagger` nor `openapi` is set",
        ));
    };
    let mut root = Map::new();
    root.insert(version_key.into(), first[version_key].clone());
    // The API's own settings come from the first file that has each.
    for key in [
        "info",
        "host",
        "basePath",
        "schemes",
        "consumes",
        "produces",
        "securityDefinitions",
        "security",
        "servers",
        "x-ms-parameterized-host",
    ] {
        if let Some(i) = documents.iter().position(|d| d.get(key).is_some()) {
            root.insert(
                key.into(),
                reference(&inputs.files[i], &format!("/{}", escape_token(key))),
            );
        }
    }
    if let (Some(title), Some(Value::Object(_))) = (&inputs.title, root.get("info")) {
        // The readme names the API; the info object stays the first file's otherwise.
        let info_file = documents.iter().position(|d| d.get("info").is_some()).unwrap_or(0);
        let mut info = documents[info_file]["info"].clone();
        info["title"] = Value::String(title.clone());
        root.insert("info".into(), info);
    }
    for paths_key in ["paths", "x-ms-paths"] {
        let mut paths = Map::new();
        // Path keys in the order first met, with the files that have each.
        let mut owners: indexmap::IndexMap<&str, Vec<usize>> = indexmap::IndexMap::new();
        for (i, document) in documents.iter().enumerate() {
            if let Some(Value::Object(items)) = document.get(paths_key) {
                for key in items.keys() {
                    owners.entry(key.as_str()).or_default().push(i);
                }
            }
        }
        for (key, files) in owners {
            let item_pointer = format!("/{paths_key}/{}", escape_token(key));
            if let [only] = files.as_slice() {
                paths.insert(key.to_string(), reference(&inputs.files[*only], &item_pointer));
                continue;
            }
            // A path several files share: each operation from its own file. Path-level
            // parameters would apply to the other files' operations too, which is wrong code.
            let mut merged = Map::new();
            for &i in &files {
                let item = &documents[i][paths_key][key];
                if item.get("parameters").is_some() || item.get("$ref").is_some() {
                    let other = files.iter().find(|&&j| j != i).copied().unwrap_or(i);
                    return Err(Diagnostic::new(
                        &inputs.files[i],
                        item_pointer.clone(),
                        format!(
                            "the path `{key}` is also in {}; a path that several files share cannot have \
                             path-level `parameters` or a `$ref`",
                            inputs.files[other].display()
                        ),
                    ));
                }
                for (method, operation) in item.as_object().into_iter().flatten() {
                    if let Some(&earlier) = files
                        .iter()
                        .take_while(|&&j| j != i)
                        .find(|&&j| documents[j][paths_key][key].get(method).is_some())
                    {
                        // The same operation written alike in two files (files of one service
                        // often repeat its `operations` listing) is one operation.
                        if documents[earlier][paths_key][key][method] == *operation {
                            continue;
                        }
                        return Err(Diagnostic::new(
                            &inputs.files[i],
                            format!("{item_pointer}/{}", escape_token(method)),
                            format!(
                                "`{method} {key}` is also defined in {}",
                                inputs.files[earlier].display()
                            ),
                        ));
                    }
                    merged.insert(
                        method.clone(),
                        reference(&inputs.files[i], &format!("{item_pointer}/{}", escape_token(method))),
                    );
                }
            }
            paths.insert(key.to_string(), Value::Object(merged));
        }
        if !paths.is_empty() || paths_key == "paths" {
            root.insert(paths_key.into(), Value::Object(paths));
        }
    }
    // Every definition of every file, so that models no operation names are part of the API too.
    let container = if version_key == "swagger" {
        "definitions"
    } else {
        "components"
    };
    let mut all = Vec::new();
    for (i, document) in documents.iter().enumerate() {
        let entries = match container {
            "definitions" => document.get("definitions"),
            _ => document.get("components").and_then(|c| c.get("schemas")),
        };
        let prefix = if container == "definitions" {
            "/definitions"
        } else {
            "/components/schemas"
        };
        for name in entries.and_then(Value::as_object).into_iter().flat_map(|m| m.keys()) {
            all.push(reference(&inputs.files[i], &format!("{prefix}/{}", escape_token(name))));
        }
    }
    root.insert(ALL_DEFINITIONS.into(), Value::Array(all));
    let mut versions: Vec<&Value> = documents.iter().filter_map(|d| d.get("info")?.get("version")).collect();
    versions.dedup();
    if versions.len() > 1 {
        root.insert(
            API_VERSIONS.into(),
            Value::Array(versions.into_iter().cloned().collect()),
        );
    }
    Ok(Value::Object(root))
}

/// `file` as a path relative to the folder `dir` (with `..` where it must climb).
pub(super) fn relative_to(dir: &Path, file: &Path) -> PathBuf {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (dir, file) = (absolute(dir), absolute(file));
    let (dir_parts, file_parts): (Vec<_>, Vec<_>) = (dir.components().collect(), file.components().collect());
    let common = dir_parts.iter().zip(&file_parts).take_while(|(a, b)| a == b).count();
    let mut relative = PathBuf::new();
    for _ in common..dir_parts.len() {
        relative.push("..");
    }
    for part in &file_parts[common..] {
        relative.push(part);
    }
    relative
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn is_readme(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

/// What generation needs of an AutoRest `readme.md`: its YAML blocks.
#[derive(Debug, Default)]
struct Readme {
    default_tag: Option<String>,
    title: Option<String>,
    /// `(condition, block)`: the condition after ```` ```yaml ````, empty for none.
    blocks: Vec<(String, serde_yaml::Value)>,
}

impl Readme {
    fn parse(text: &str) -> Self {
        let mut readme = Readme::default();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let Some(info) = line.trim_start().strip_prefix("```") else {
                continue;
            };
            let info = info.trim();
            let Some(condition) = info.strip_prefix("yaml") else {
                // Another fenced block: skip to its end.
                for inner in lines.by_ref() {
                    if inner.trim_start().starts_with("```") {
                        break;
                    }
                }
                continue;
            };
            let mut body = String::new();
            for inner in lines.by_ref() {
                if inner.trim_start().starts_with("```") {
                    break;
                }
                body.push_str(inner);
                body.push('\n');
            }
            // A block that does not parse is not one generation needs.
            let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(&body) else {
                continue;
            };
            let condition = condition.split("/*").next().unwrap_or_default().trim().to_string();
            if condition.is_empty() {
                let text = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_string);
                readme.default_tag = readme.default_tag.or_else(|| text("tag"));
                readme.title = readme.title.or_else(|| text("title"));
            }
            readme.blocks.push((condition, value));
        }
        readme
    }

    /// The `input-file`s of the blocks that apply to `tag` (unconditional ones and `$(tag) ==
    /// '…'` ones, alone or joined by `||`), in order.
    fn input_files(&self, tag: &str) -> Vec<String> {
        let mut files = Vec::new();
        for (condition, block) in &self.blocks {
            if !condition.is_empty() && !tag_condition_holds(condition, tag) {
                continue;
            }
            match block.get("input-file") {
                Some(serde_yaml::Value::String(file)) => files.push(file.clone()),
                Some(serde_yaml::Value::Sequence(list)) => {
                    files.extend(list.iter().filter_map(|v| v.as_str()).map(str::to_string))
                }
                _ => {}
            }
        }
        files
    }
}

/// Whether a block condition made only of `$(tag) == '…'` tests joined by `||` holds for `tag`
/// (any other condition, such as `$(python)`, is for another generator: false).
fn tag_condition_holds(condition: &str, tag: &str) -> bool {
    condition.split("||").any(|test| {
        let test = test.trim();
        let Some(value) = test
            .strip_prefix("$(tag)")
            .map(str::trim)
            .and_then(|t| t.strip_prefix("=="))
        else {
            return false;
        };
        let value = value.trim().trim_matches(|c| c == '\'' || c == '"');
        value == tag
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const README: &str = "# Title\n\n``` yaml\ntitle: NetClient\ntag: package-b\n```\n\n\
        ```yaml $(tag) == 'package-a'\ninput-file:\n  - a/one.json\n```\n\n\
        ``` yaml $(tag) == 'package-b' || $(tag) == 'package-c'\ninput-file:\n  - b/one.json\n  - b/two.json\n```\n\n\
        ``` yaml $(python)\ninput-file: python.json\n```\n\n```json\n{\"not\": \"yaml\"}\n```\n";

    #[test]
    fn a_readme_gives_the_input_files_of_a_tag() {
        let readme = Readme::parse(README);
        assert_eq!(readme.default_tag.as_deref(), Some("package-b"));
        assert_eq!(readme.title.as_deref(), Some("NetClient"));
        assert_eq!(readme.input_files("package-b"), ["b/one.json", "b/two.json"]);
        assert_eq!(readme.input_files("package-c"), ["b/one.json", "b/two.json"]);
        assert_eq!(readme.input_files("package-a"), ["a/one.json"]);
        assert!(readme.input_files("package-z").is_empty());
    }

    #[test]
    fn only_tag_conditions_hold() {
        assert!(tag_condition_holds("$(tag) == 'x'", "x"));
        assert!(tag_condition_holds("$(tag)=='x'", "x"));
        assert!(!tag_condition_holds("$(tag) == 'x'", "y"));
        assert!(!tag_condition_holds("$(python)", "x"));
        assert!(!tag_condition_holds("$(python) && $(tag) == 'x'", "x"));
    }
}
