//! The loader over the upstream Azure specs, when `AZURE_SPECS_DIR` points at the `specs/azure`
//! folder of azure-rest-api-specs (the one containing `cognitiveservices/`).

use std::path::{Path, PathBuf};

use codegen::load;

#[path = "support/prerequisites.rs"]
mod prerequisites;
use serde_json::Value;

#[test]
fn every_stable_upstream_spec_bundles_to_local_refs() {
    let Some(root) = prerequisites::specs_dir("load_upstream.rs (the loader over the upstream specs)") else {
        return;
    };
    let specs = stable_specs(&root);
    assert!(!specs.is_empty(), "no */stable/*/*.json under {}", root.display());
    let mut failures = Vec::new();
    for spec in &specs {
        match load::load(spec) {
            Ok(bundle) => {
                for (pointer, reference) in non_local_refs(&bundle.document) {
                    failures.push(format!(
                        "{}: #{pointer}: `$ref` `{reference}` is not local",
                        spec.display()
                    ));
                }
            }
            Err(diagnostic) => failures.push(diagnostic.to_string()),
        }
    }
    eprintln!("loaded {} upstream specs", specs.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every `*.json` below a `stable` folder's version folder, outside `examples` folders.
fn stable_specs(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() {
                if name != "examples" {
                    folders.push(path);
                }
            } else if path.extension().is_some_and(|ext| ext == "json") && in_stable_version(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Whether `path` is `.../stable/<version>/...`.
fn in_stable_version(path: &Path) -> bool {
    let names: Vec<_> = path.components().map(|c| c.as_os_str()).collect();
    names.iter().rev().skip(2).any(|name| *name == "stable")
}

/// (pointer, reference) of every `$ref` outside `x-ms-examples` that does not start with `#`.
fn non_local_refs(document: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack = vec![(String::new(), document)];
    while let Some((pointer, value)) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(reference) = map.get("$ref") {
                    if !reference.as_str().is_some_and(|r| r.starts_with('#')) {
                        found.push((pointer.clone(), reference.to_string()));
                    }
                }
                for (key, child) in map {
                    if key != "x-ms-examples" {
                        stack.push((
                            format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")),
                            child,
                        ));
                    }
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    stack.push((format!("{pointer}/{index}"), child));
                }
            }
            _ => {}
        }
    }
    found
}
