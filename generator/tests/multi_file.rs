//! One API from several spec files (tests/fixtures/multi): named one by one, as a folder, or
//! through an AutoRest readme.md and its tag, they make one code model and one crate. A definition
//! reached from several files is one type; same-named definitions with the same content are one;
//! same-named definitions that differ get distinct names, reported with both origins; an
//! operation id defined twice is an error naming both places; diagnostics name the file they are
//! about.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::model::{CodeModel, OperationKind, SchemaKind, TypeRef};
use codegen::{Config, Diagnostic, Generated};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)
}

#[track_caller]
fn generate(config: &Config, inputs: &[PathBuf]) -> Generated {
    config.generate_api(inputs).unwrap_or_else(|d| panic!("{d}"))
}

#[track_caller]
fn generate_err(config: &Config, inputs: &[PathBuf]) -> Diagnostic {
    match config.generate_api(inputs) {
        Ok(_) => panic!("expected a diagnostic"),
        Err(d) => d,
    }
}

fn two_files() -> Vec<PathBuf> {
    vec![fixture("multi/a.json"), fixture("multi/b.json")]
}

fn type_names(model: &CodeModel) -> Vec<&str> {
    model.schemas.iter().map(|s| s.name.as_str()).collect()
}

fn field_type<'m>(model: &'m CodeModel, owner: &str, field: &str) -> &'m TypeRef {
    let SchemaKind::Struct { fields } = &model.schema(owner).expect(owner).kind else {
        panic!("{owner} is not a struct");
    };
    &fields.iter().find(|f| f.wire_name == field).expect(field).ty
}

#[test]
fn the_operations_and_types_of_every_file_make_one_model() {
    let generated = generate(&Config::new(), &two_files());
    let model = &generated.model;
    let groups: Vec<&str> = model
        .groups
        .iter()
        .filter_map(|g| g.name.as_ref().map(|n| n.spec.as_str()))
        .collect();
    assert_eq!(groups, ["Widgets", "Gadgets"]);
    let (_, list) = model.operations().find(|(_, o)| o.id == "Gadgets_List").unwrap();
    assert!(matches!(list.kind, OperationKind::Paged(_)));
    // `Shared` is the same in both files: one type, used by both. `Error`, reached from both files
    // through the same common file, is one type. `Unused`, which no operation names, is there.
    assert_eq!(
        type_names(model),
        [
            "Shared",
            "Pet",
            "Widget",
            "Error",
            "Pet1",
            "Gadget",
            "GadgetList",
            "Unused"
        ]
    );
    let shared = TypeRef::Named(model.type_id("Shared").unwrap());
    assert_eq!(field_type(model, "Widget", "shared"), &shared);
    assert_eq!(field_type(model, "Gadget", "shared"), &shared);
    // `Pet` differs between the files: each file's operations get their own.
    assert_eq!(
        field_type(model, "Widget", "pet"),
        &TypeRef::Named(model.type_id("Pet").unwrap())
    );
    assert_eq!(
        field_type(model, "Gadget", "pet"),
        &TypeRef::Named(model.type_id("Pet1").unwrap())
    );
    // The client sends the API's one version unless told otherwise: no constructor argument.
    let api_version = &model.client.parameters[0];
    assert_eq!(api_version.wire_name, "api-version");
    assert_eq!(api_version.default, Some(serde_json::json!("2024-01-01")));
    // Every file read is an input of the build (for cargo:rerun-if-changed), the made root none.
    let mut read: Vec<String> = generated
        .inputs
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    read.sort();
    assert_eq!(read, ["a.json", "b.json", "types.json"]);
}

#[test]
fn renames_list_the_definitions_that_differ_with_both_origins() {
    let generated = generate(&Config::new(), &two_files());
    let renames = generated
        .files
        .iter()
        .find(|f| f.path == "RENAMES.md")
        .unwrap()
        .contents
        .clone();
    assert!(
        renames.contains(
            "| type | `Pet (b.json#/definitions/Pet)` | `Pet1` | another definition `Pet` is a.json#/definitions/Pet |"
        ),
        "{renames}"
    );
    assert!(renames.contains("in `a.json and 1 more`"), "{renames}");
}

#[test]
fn a_folder_is_every_spec_file_directly_inside_it() {
    // fixtures/multi has a.json and b.json; common/ and examples/ are not spec files of the API.
    let from_folder = generate(&Config::new(), &[fixture("multi")]);
    let from_files = generate(&Config::new(), &two_files());
    assert_eq!(type_names(&from_folder.model), type_names(&from_files.model));
    let code = |g: &Generated| -> Vec<(String, String)> {
        g.files
            .iter()
            .filter(|f| f.path.starts_with("src/operations") || f.path == "src/models.rs")
            // The header line names the inputs as given: the folder, or the files.
            .map(|f| (f.path.clone(), f.contents.split_once('\n').unwrap().1.to_string()))
            .collect()
    };
    assert_eq!(code(&from_folder), code(&from_files));
}

#[test]
fn a_readme_gives_the_files_of_its_tag() {
    let readme = fixture("multi/readme.md");
    // The default tag (package-all): both files, and the readme's title names the crate.
    let all = generate(&Config::new(), std::slice::from_ref(&readme));
    assert_eq!(all.crate_name, "multi-client");
    assert_eq!(all.operations(), 2);
    assert!(
        all.files[0].contents.contains("`readme.md (tag package-all)`")
            || all
                .files
                .iter()
                .any(|f| f.contents.contains("`readme.md (tag package-all)`"))
    );
    // Another tag: its own files only.
    let widgets = generate(Config::new().tag("package-widgets"), std::slice::from_ref(&readme));
    assert_eq!(widgets.operations(), 1);
    assert!(type_names(&widgets.model).contains(&"Widget"));
    assert!(!type_names(&widgets.model).contains(&"Gadget"));
    // A tag the readme does not have.
    let d = generate_err(Config::new().tag("package-none"), std::slice::from_ref(&readme));
    assert_eq!(d.file, readme);
    assert!(
        d.message
            .contains("no `input-file` is listed for the tag `package-none`"),
        "{d}"
    );
}

#[test]
fn an_operation_id_in_two_files_is_an_error_naming_both() {
    let d = generate_err(&Config::new(), &[fixture("multi-dup")]);
    assert_eq!(d.file, fixture("multi-dup/two.json"), "{d}");
    assert_eq!(d.pointer, "/paths/~1b/get/operationId", "{d}");
    assert_eq!(d.line_col, Some((7, 24)), "{d}");
    let first = fixture("multi-dup/one.json");
    assert!(d.message.contains(&format!("first at {}:4:46", first.display())), "{d}");
}

#[test]
fn a_problem_in_the_second_file_names_that_file_and_line() {
    let dir = std::env::temp_dir().join(format!("multi-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("multi/a.json"), dir.join("a.json")).unwrap();
    std::fs::create_dir_all(dir.join("common")).unwrap();
    std::fs::copy(fixture("multi/common/types.json"), dir.join("common/types.json")).unwrap();
    let b = std::fs::read_to_string(fixture("multi/b.json")).unwrap();
    std::fs::write(
        dir.join("b.json"),
        b.replace("#/definitions/Gadget\"", "#/definitions/Gizmo\""),
    )
    .unwrap();
    let d = generate_err(&Config::new(), &[dir.join("a.json"), dir.join("b.json")]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(d.file, dir.join("b.json"), "{d}");
    assert!(d.line_col.is_some(), "{d}");
    assert!(d.message.contains("Gizmo"), "{d}");
}

#[test]
fn the_cli_takes_several_inputs_and_a_tag() {
    let out = std::env::temp_dir().join(format!("multi-cli-{}", std::process::id()));
    let cli = env!("CARGO_BIN_EXE_azure-rest-codegen");
    let run = |args: &[&Path]| {
        let mut command = Command::new(cli);
        for input in args {
            command.arg("--input").arg(input);
        }
        let output = command.arg("--output").arg(&out).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        std::fs::read_to_string(out.join("src/models.rs")).unwrap()
    };
    let files = two_files();
    let from_cli = run(&[&files[0], &files[1]]);
    let expected = generate(&Config::new(), &files);
    let models = expected.files.iter().find(|f| f.path == "src/models.rs").unwrap();
    assert_eq!(from_cli, models.contents);
    let output = Command::new(cli)
        .args(["--tag", "package-widgets", "--input"])
        .arg(fixture("multi/readme.md"))
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&out);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("1 operations"));
}

#[test]
fn a_definition_two_files_give_differently_is_a_warning_at_the_second() {
    let generated = generate(&Config::new(), &two_files());
    let warnings: Vec<String> = generated.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = &generated.warnings[0];
    assert!(warning.file.ends_with("b.json"), "{warning}");
    assert_eq!(warning.pointer, "/definitions/Pet", "{warning}");
    assert!(warning.line_col.is_some(), "{warning}");
    assert!(
        warning.message.contains("`Pet` differently (a.json#/definitions/Pet)") && warning.message.contains("`Pet1`"),
        "{warning}"
    );
}

#[test]
fn a_discriminator_whose_kinds_live_in_another_file_is_one_polymorphic_type() {
    let dir = fixture("multi-kinds");
    let generated = generate(&Config::new(), &[dir.join("pets.json"), dir.join("kinds.json")]);
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let pet = generated.model.schemas.iter().find(|s| s.name == "Pet").unwrap();
    let SchemaKind::Union { variants, .. } = &pet.kind else {
        panic!("Pet is a union of the kinds in kinds.json: {pet:?}");
    };
    let mut kinds: Vec<&str> = variants.iter().map(|v| v.value.as_str()).collect();
    kinds.sort();
    // The base is a kind of its own (its name as the value), as in AutoRest.
    assert_eq!(kinds, ["Dog", "Pet", "cat"]);
}
