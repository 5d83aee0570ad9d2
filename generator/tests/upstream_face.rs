//! The full upstream Face spec through load, convert and model, when `AZURE_SPECS_DIR` points at
//! the `specs/azure` folder of azure-rest-api-specs (the one containing `cognitiveservices/`).
//!
//! The full spec need not be supported yet; what it must never do is panic. A failure must be a
//! Diagnostic naming `Face.json` (or the `Common/Parameters.json` it references) and a pointer.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use codegen::{convert, load, model, Config, Diagnostic};

#[path = "support/prerequisites.rs"]
mod prerequisites;

const FACE: &str = "cognitiveservices/Face/stable/v1.0/Face.json";

fn face_spec() -> Option<PathBuf> {
    let root = prerequisites::specs_dir("upstream_face.rs (the upstream Face.json)")?;
    let spec = root.join(FACE);
    assert!(
        spec.is_file(),
        "{} does not exist (AZURE_SPECS_DIR should be the `specs/azure` folder)",
        spec.display()
    );
    Some(spec)
}

/// A failure must say where: the Face spec or the common parameters it uses, and a node there.
#[track_caller]
fn check_diagnostic(stage: &str, d: &Diagnostic) {
    eprintln!("{stage}: {d}");
    let name = d.file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    assert!(
        name == "Face.json" || name == "Parameters.json",
        "{stage}: the diagnostic should name Face.json or Parameters.json: {d}"
    );
    assert!(
        !d.pointer.is_empty(),
        "{stage}: the diagnostic should have a pointer: {d}"
    );
    assert!(!d.message.is_empty(), "{stage}: {d}");
}

fn no_panic<T>(stage: &str, f: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(value) => value,
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{stage} panicked on the upstream Face.json: {message}");
        }
    }
}

#[test]
fn full_face_spec_loads_converts_and_models_without_panic() {
    let Some(spec) = face_spec() else { return };

    let bundle = match no_panic("load", || load::load(&spec)) {
        Ok(bundle) => bundle,
        Err(d) => return check_diagnostic("load", &d),
    };
    let definitions = bundle
        .document
        .get("definitions")
        .and_then(|d| d.as_object())
        .map_or(0, |d| d.len());
    eprintln!("load: ok, {definitions} definitions");

    let converted = match no_panic("convert", || convert::to_openapi3(&bundle)) {
        Ok(converted) => converted,
        Err(d) => return check_diagnostic("convert", &d),
    };
    let openapi = &converted.openapi;
    let schemas = openapi.components.as_ref().map_or(0, |c| c.schemas.len());
    eprintln!(
        "convert: ok, {} operations, {schemas} component schemas",
        openapi.operations().count()
    );

    // The same `locate` as `Config::generate`: model pointers are mapped back to the Swagger nodes.
    let locate = |p: &str, m: String| converted.diagnostic(&bundle, p, m);
    match no_panic("model", || model::build(openapi, &model::Options::default(), &locate)) {
        Ok(model) => {
            eprintln!(
                "model: ok, {} operations in {} groups, {} schemas, {} renames",
                model.operations().count(),
                model.groups.len(),
                model.schemas.len(),
                model.renames.len()
            );
            assert!(model.operations().count() > 0);
        }
        Err(d) => check_diagnostic("model", &d),
    }
}

/// The whole pipeline, emit included, as the CLI runs it.
#[test]
fn full_face_spec_generates_or_names_the_problem() {
    let Some(spec) = face_spec() else { return };
    match no_panic("generate", || Config::new().generate(&spec)) {
        Ok(generated) => eprintln!("generate: ok, {}", generated.summary()),
        Err(d) => check_diagnostic("generate", &d),
    }
}

/// The parameters of each method of AutoRest's Python client, by `group.method` (the group from
/// the file name, `_face_list_operations.py` -> `face_list`), sorted, without the Python-only ones.
fn python_signatures(operations: &std::path::Path) -> BTreeMap<String, Vec<String>> {
    const PYTHON_ONLY: [&str; 5] = ["self", "custom_headers", "raw", "callback", "polling"];
    let mut out = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(operations)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(group) = file.strip_prefix('_').and_then(|f| f.strip_suffix("_operations.py")) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        for def in text.split("\n    def ").skip(1) {
            let (name, rest) = def.split_once('(').unwrap();
            if name.starts_with('_') {
                continue;
            }
            let args = &rest[..rest.find("):").unwrap()];
            let mut names: Vec<String> = args
                .split(',')
                .map(|a| a.split('=').next().unwrap().trim().to_string())
                .filter(|a| !a.is_empty() && !a.starts_with("**") && !PYTHON_ONLY.contains(&a.as_str()))
                .collect();
            names.sort();
            out.insert(format!("{group}.{}", name.trim()), names);
        }
    }
    out
}

/// Every parameter of all the Face API's operations has the name AutoRest's Python client
/// (`azure-cognitiveservices-vision-face` 0.6.1 on PyPI) gives it, a Rust keyword aside (`type`
/// is `type_`). The generator's locals never take a parameter's name.
#[test]
fn every_face_parameter_has_the_name_autorests_python_client_gives_it() {
    let Some(spec) = face_spec() else { return };
    let suite = "upstream_face.rs (parameter names against AutoRest's Python client)";
    let Some(python) = prerequisites::autorest_face_python_dir(suite) else {
        return;
    };
    let theirs = python_signatures(&python.join("azure/cognitiveservices/vision/face/operations"));
    let generated = Config::new().generate(&spec).expect("the Face spec generates");
    let mut ours = BTreeMap::new();
    for (group, op) in generated.model.operations() {
        let group = group.name.as_ref().map_or("", |n| n.accessor.as_str());
        let mut names: Vec<String> = op
            .parameters
            .iter()
            .map(|p| {
                p.name
                    .strip_suffix('_')
                    .filter(|n| KEYWORDS.contains(n))
                    .unwrap_or(&p.name)
                    .to_string()
            })
            .collect();
        names.sort();
        ours.insert(format!("{group}.{}", op.name), names);
    }
    assert_eq!(
        theirs.len(),
        69,
        "AutoRest's client has the spec's 69 operations: {:?}",
        theirs.keys()
    );
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        theirs.keys().collect::<Vec<_>>(),
        "the same operations, named the same"
    );
    let differ: Vec<String> = theirs
        .iter()
        .filter(|(op, names)| {
            let newer = NEWER_IN_AUTOREST
                .iter()
                .find(|(o, _)| o == op)
                .map_or(&[][..], |(_, n)| n);
            let mut ours: Vec<&str> = ours[*op]
                .iter()
                .map(String::as_str)
                .chain(newer.iter().copied())
                .collect();
            ours.sort();
            ours != **names
        })
        .map(|(op, names)| format!("{op}: AutoRest {names:?}, here {:?}", ours[op]))
        .collect();
    assert!(differ.is_empty(), "parameter names differ:\n{}", differ.join("\n"));
    prerequisites::summary(&format!(
        "upstream_face.rs: {} operations of the Face API, every parameter named as AutoRest's Python \
         client names it ({} with parameters only the client's later spec revision has)",
        ours.len(),
        NEWER_IN_AUTOREST.len()
    ));
}

/// Parameters AutoRest's package has and the stable v1.0 `Face.json` does not: the package was
/// generated from a later revision of the spec, which added paging to this list.
const NEWER_IN_AUTOREST: [(&str, &[&str]); 1] = [("large_face_list.list", &["start", "top"])];

/// Rust keywords a spec name may be, which take a trailing underscore.
const KEYWORDS: [&str; 6] = ["type", "self", "match", "ref", "move", "loop"];

/// The attributes of each model class of AutoRest's Python client: `class -> [(wire, attribute)]`,
/// from the classes' `_attribute_map`s.
fn python_models(models_file: &std::path::Path) -> BTreeMap<String, Vec<(String, String)>> {
    let text = std::fs::read_to_string(models_file).unwrap();
    let mut out = BTreeMap::new();
    for class in text.split("\nclass ").skip(1) {
        let name = class.split(['(', ':']).next().unwrap().trim().to_string();
        let Some(map) = class.split("_attribute_map = {").nth(1) else {
            continue;
        };
        let map = &map[..map.find("\n    }").unwrap_or(map.len())];
        let attributes = map
            .lines()
            .filter_map(|line| {
                let (attribute, rest) = line.trim().strip_prefix('\'')?.split_once('\'')?;
                let wire = rest.split("'key': '").nth(1)?.split('\'').next()?;
                Some((wire.to_string(), attribute.to_string()))
            })
            .collect();
        out.insert(name, attributes);
    }
    out
}

/// Every field of every model has the name AutoRest's Python client gives the attribute of the
/// same wire name (a Rust keyword aside).
#[test]
fn every_face_model_field_has_the_name_autorests_python_client_gives_it() {
    let Some(spec) = face_spec() else { return };
    let suite = "upstream_face.rs (model field names against AutoRest's Python client)";
    let Some(python) = prerequisites::autorest_face_python_dir(suite) else {
        return;
    };
    let theirs = python_models(&python.join("azure/cognitiveservices/vision/face/models/_models_py3.py"));
    let generated = Config::new().generate(&spec).expect("the Face spec generates");
    let (mut compared, mut differ) = (0, Vec::new());
    for def in &generated.model.schemas {
        let (Some(attributes), codegen::model::SchemaKind::Struct { fields }) = (theirs.get(&def.spec_name), &def.kind)
        else {
            continue;
        };
        for field in fields {
            let Some((_, attribute)) = attributes.iter().find(|(wire, _)| *wire == field.wire_name) else {
                continue;
            };
            compared += 1;
            let ours = field
                .name
                .strip_suffix('_')
                .filter(|n| KEYWORDS.contains(n))
                .unwrap_or(&field.name);
            if ours != attribute {
                differ.push(format!(
                    "{}.{}: AutoRest `{attribute}`, here `{}`",
                    def.spec_name, field.wire_name, field.name
                ));
            }
        }
    }
    assert!(
        compared > 150,
        "only {compared} fields compared: the models file or the spec changed"
    );
    assert!(differ.is_empty(), "field names differ:\n{}", differ.join("\n"));
    prerequisites::summary(&format!(
        "upstream_face.rs: {compared} model fields of the Face API, every one named as AutoRest's Python client names it"
    ));
}
