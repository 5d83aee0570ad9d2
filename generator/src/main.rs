//! The command line: `azure-rest-codegen --input SPEC... [--tag TAG] --output DIR [--crate-name NAME]
//! [--check] [--deny-warnings] [--api-listing FILE] [--replay] [--runtime-path PATH | --runtime-version
//! VER | --runtime embed] [--emit-openapi3 FILE]`, or `--input SPEC --emit-openapi3 FILE` alone to
//! only convert.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: azure-rest-codegen --input SPEC [--input SPEC ...] [--tag TAG] --output DIR [--crate-name NAME] [--check]
                          [--deny-warnings] [--api-listing FILE] [--replay]
                          [--runtime-path PATH | --runtime-version VER | --runtime embed] [--emit-openapi3 FILE]
       azure-rest-codegen --input SPEC --emit-openapi3 FILE

Generates an async Rust client crate (Cargo.toml + src/) in DIR from a Swagger 2.0 or OpenAPI 3.0 spec.

  --input SPEC         a spec file (JSON or YAML; $refs to other files are followed), a folder (every *.json
                       directly inside it), or an AutoRest readme.md (the input-files of --tag). Repeat it for
                       an API of several files: they make one crate
  --tag TAG            the readme.md tag whose input-files make the API (default: the readme's own tag)
  --deny-warnings      fail at the first warning (what the spec says that the client cannot honour exactly)
  --output DIR         the crate folder to write (replaced atomically; files outside src/ are kept)
  --crate-name NAME    the package name (default: the spec's title in kebab case)
  --check              write nothing in DIR; exit 1 when DIR differs from what would be generated
  --api-listing FILE   also write the public API listing to FILE
  --replay             also generate the `replay` module (calls operations by id with example JSON; for tests)
  --runtime-path PATH  depend on the runtime crate `azure-rest-runtime` at PATH (written in Cargo.toml as given:
                       a relative PATH is relative to DIR) instead of embedding a copy of the runtime in src/runtime/
  --runtime-version VER
                       depend on `azure-rest-runtime` VER from crates.io instead of embedding the runtime
  --runtime embed      embed a copy of the runtime in src/runtime/ (the default): the crate depends only on the
                       runtime's own dependencies
  --emit-openapi3 FILE also write the spec converted to OpenAPI 3.0 to FILE, as pretty JSON (one document: other
                       files' $refs bundled in, those in x-ms-examples left as written). FILE is written before
                       generating: also with --check (which writes nothing in DIR) and when generation fails
";

struct Args {
    inputs: Vec<PathBuf>,
    tag: Option<String>,
    deny_warnings: bool,
    output: PathBuf,
    crate_name: Option<String>,
    check: bool,
    api_listing: Option<PathBuf>,
    replay: bool,
    runtime: codegen::Runtime,
    emit_openapi3: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut inputs = Vec::new();
    let mut tag = None;
    let mut deny_warnings = false;
    let mut output = None;
    let mut crate_name = None;
    let mut check = false;
    let mut api_listing = None;
    let mut replay = false;
    let mut runtime = None;
    let mut emit_openapi3 = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy().into_owned();
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--input" => inputs.push(PathBuf::from(value("--input")?)),
            "--tag" => tag = Some(value("--tag")?.to_string_lossy().into_owned()),
            "--output" => output = Some(PathBuf::from(value("--output")?)),
            "--crate-name" => crate_name = Some(value("--crate-name")?.to_string_lossy().into_owned()),
            "--api-listing" => api_listing = Some(PathBuf::from(value("--api-listing")?)),
            "--check" => check = true,
            "--deny-warnings" => deny_warnings = true,
            "--replay" => replay = true,
            "--runtime" | "--runtime-path" | "--runtime-version" => {
                let given = value(&arg)?.to_string_lossy().into_owned();
                let chosen = match arg.as_str() {
                    "--runtime-path" => codegen::Runtime::Path(given),
                    "--runtime-version" => codegen::Runtime::Version(given),
                    _ if given == "embed" => codegen::Runtime::Embed,
                    _ => return Err(format!("--runtime takes `embed`, not `{given}`")),
                };
                if runtime.is_some() {
                    return Err("give at most one of --runtime-path, --runtime-version and --runtime".into());
                }
                runtime = Some(chosen);
            }
            "--emit-openapi3" => emit_openapi3 = Some(PathBuf::from(value("--emit-openapi3")?)),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if inputs.is_empty() {
        return Err("--input is required".into());
    }
    Ok(Args {
        inputs,
        tag,
        deny_warnings,
        // Without --output only --emit-openapi3 is done, an empty DIR standing for "none".
        output: match (output, &emit_openapi3) {
            (Some(output), _) => output,
            (None, Some(_)) if !check && api_listing.is_none() => PathBuf::new(),
            (None, _) => return Err("--output is required".into()),
        },
        crate_name,
        check,
        api_listing,
        replay,
        runtime: runtime.unwrap_or_default(),
        emit_openapi3,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) if message.is_empty() => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut config = codegen::Config::new();
    config.replay(args.replay).runtime(args.runtime.clone());
    if let Some(name) = &args.crate_name {
        config.crate_name(name);
    }
    if let Some(tag) = &args.tag {
        config.tag(tag);
    }
    config.deny_warnings(args.deny_warnings);
    if let Some(path) = &args.emit_openapi3 {
        let written = config.openapi3_api(&args.inputs).and_then(|openapi| {
            std::fs::write(path, codegen::convert::to_json(&openapi))
                .map_err(|e| codegen::Diagnostic::new(path, "", format!("cannot write: {e}")))
        });
        if let Err(diagnostic) = written {
            eprintln!("error: {diagnostic}");
            return ExitCode::FAILURE;
        }
        if args.output.as_os_str().is_empty() {
            println!("wrote {}", path.display());
            return ExitCode::SUCCESS;
        }
    }
    let generated = match config.generate_api(&args.inputs) {
        Ok(g) => g,
        Err(diagnostic) => {
            eprintln!("error: {diagnostic}");
            return ExitCode::FAILURE;
        }
    };
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
    if let Some(path) = &args.api_listing {
        if let Err(e) = std::fs::write(path, generated.api_listing()) {
            eprintln!("error: {}: cannot write: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    if args.check {
        return match codegen::check_dir(&args.output, &generated.files) {
            codegen::DirStatus::UpToDate => {
                println!("{} is up to date ({})", args.output.display(), generated.summary());
                ExitCode::SUCCESS
            }
            codegen::DirStatus::Stale(paths) => {
                eprintln!(
                    "{} is stale; these files differ: {}",
                    args.output.display(),
                    paths.join(", ")
                );
                ExitCode::FAILURE
            }
        };
    }
    if let Err(diagnostic) = codegen::write_dir(&args.output, &generated.files) {
        eprintln!("error: {diagnostic}");
        return ExitCode::FAILURE;
    }
    println!("wrote {} ({})", args.output.display(), generated.summary());
    ExitCode::SUCCESS
}
