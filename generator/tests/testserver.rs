//! The AutoRest test server, end to end: every Swagger file of the npm package
//! `@microsoft.azure/autorest.testserver` is generated as a crate, the crates are compiled in one
//! Cargo workspace, and a harness (`testserver_harness/`) calls the generated clients against a
//! running test server, checking the values they return. The server's coverage reports
//! (`/report`, `/report/azure`, `/report/optional`) are then compared with the minimum counts in
//! `testserver-coverage.json` (a ratchet: raise them when coverage grows).
//!
//! The package is found through `AUTOREST_TESTSERVER_DIR` (the package folder), else at
//! `<repo>/node_modules/@microsoft.azure/autorest.testserver` (`scripts/test` installs it there);
//! without it the test says so on stderr and passes, or fails under `CI=true`
//! (`support/prerequisites.rs`). With `AUTOREST_TESTSERVER_URL` the test uses
//! that running server; otherwise it starts `node dist/cli/cli.js run` on a free port and kills
//! it when done.
//!
//! The crates live in `$CARGO_TARGET_TMPDIR/testserver` (files are rewritten only when they
//! change), all on the repository's runtime crate (`runtime/`, compiled once; `body-complex` is
//! also generated with the runtime embedded, the CLI's default, to compile that mode), and build
//! into `$CARGO_TARGET_TMPDIR/testserver-target`, kept between runs. Run with `cargo test -p
//! azure-rest-codegen --test testserver -- --nocapture` to see the report; set
//! `TESTSERVER_VERBOSE=1` to see every scenario line.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

#[path = "support/prerequisites.rs"]
mod prerequisites;
#[path = "support/workspace.rs"]
mod workspace;
use workspace::{cargo, run, runtime_crate, secs, write_if_changed};

use codegen::{check_dir, write_dir, Config, DirStatus};
use serde_json::Value;

/// Swagger files that may fail to generate or compile: `(file stem, reason)`.
const EXPECTED_FAILURES: &[(&str, &str)] = &[];

/// Harness scenarios that may fail: `(area/scenario, part of the failure message, reason)`. A
/// known failure that passes, or fails for another reason, is reported.
#[rustfmt::skip]
const KNOWN_FAILURES: &[(&str, &str, &str)] = &[
    ("features/reservedWordsOperationGroupImport", "EOF while parsing", NO_BODY),
    ("features/reservedWordsBodyNamedContent", "EOF while parsing", NO_BODY),
    ("features/reservedWordsBodyNamedJson", "EOF while parsing", NO_BODY),
    ("features/reservedWordsBodyNamedData", "EOF while parsing", NO_BODY),
    ("features/reservedWordsBodyNamedFiles", "EOF while parsing", NO_BODY),
    ("features/reservedWordsUrlHeaderQuery", "EOF while parsing", NO_BODY),
    ("features/reservedWordsHeaderEnum", "EOF while parsing", NO_BODY),
    ("features/ErrorWithSecrets", "did not decode as ErrorResponse", "server: the error body does not match ErrorResponse (a details item without `message`, a string `innererror`), so the typed error is lost"),
    ("azure/CustomBaseUri", "got \"https://", "generator (deliberate): a host template of a spec without `schemes` gets `https://` (AutoRest uses `http://`), so keys never travel in clear text by default"),
    ("lro/LROPostSuccededNoBody", "EOF while parsing", "server: the operation ends with a 204 without a body where the spec promises a Product (not nullable)"),
    ("body-duration/getDurationPositive", "not an ISO 8601 duration", "runtime: durations with years or months have no fixed length and are rejected"),
    ("body-string/getStringNotProvided", "EOF while parsing", NO_BODY),
    ("body-byte/getByteNull", "EOF while parsing", NO_BODY),
    ("body-complex/getComplexBasicNotProvided", "EOF while parsing", NO_BODY),
    ("body-complex/putComplexArrayValid", "Did not like complex array req", NULL_ITEM_SENT),
    ("body-complex/putComplexDictionaryValid", "Did not like complex dictionary req", NULL_ITEM_SENT),
    ("body-complex/getComplexPolymorphismComplicated", "`fishtype` sent \"smart_salmon\", kept \"salmon\"", SALMON_KINDS),
    ("body-complex/putComplexPolymorphismComplicated", "Did not like complex polymorphism req", SALMON_KINDS),
    ("body-complex/getComposedWithoutDiscriminator", "got Some(Unknown(", "generator: a polymorphic value without its discriminator decodes as `Unknown` instead of the property's declared (base) type"),
    ("httpInfrastructure/HttpRetry502Options", "EOF while parsing", NO_BODY),
    ("body-string/getEnumReferencedConstant", "missing field `ColorConstant`", "generator: a required constant property (`ColorConstant`) must be present when decoding; the server leaves it out"),
    ("httpInfrastructure/ResponsesScenarioF200DefaultNone", "EOF while parsing", NO_MODEL),
    ("httpInfrastructure/ResponsesScenarioH200MatchingNone", "EOF while parsing", NO_MODEL),
    ("multiapi/MultiapiPutTestOneApiVersionTwo", "expected i32", MULTIAPI_ID),
    ("multiapi/MultiapiGetTestTwoApiVersionTwo", "expected i32", MULTIAPI_ID),
    ("multiapi/MultiapiLRO", "expected i32", MULTIAPI_ID),
    ("multiapi/MultiapiLROAndPaging", "expected i32", MULTIAPI_ID),
    ("multiapi/MultiapiPaging", "Expected query param api-version=3.0.0", MULTIAPI_VERSION),
    ("multiapi/MultiapiOperationGroupPaging", "Expected query param api-version=3.0.0", MULTIAPI_VERSION),
    ("httpInfrastructure/ResponsesScenarioC404MatchingModel", "status: 404", "generator: a non-2xx status the operation lists with a schema (404 -> D) is still an error"),
];

// The reasons shared by several known failures.
const MULTIAPI_ID: &str = "server: sends `id` as a JSON string where the spec says integer (the server counts the \
                           scenario anyway)";
const MULTIAPI_VERSION: &str = "spec: the paging operation declares no api-version; AutoRest's multi-API client adds \
                                its own version to next links, a client generated from the spec alone has none to add";
const NULL_ITEM_SENT: &str =
    "server: wants a `null` item in an array (a value in a map) whose items the spec does not \
                              make x-nullable; a typed Vec<String> (BTreeMap<String, String>) cannot send it";
const SALMON_KINDS: &str = "generator: a discriminated subtype that has subtypes of its own (salmon) is a plain \
                            struct, not an enum of its kinds, and `additionalProperties: true` (smart_salmon) is not kept";
const NO_MODEL: &str = "server: a 200 without a body where the spec promises model `A` (not nullable); the \
                        value type cannot be absent, so the client reports the body as wrong";
const NO_BODY: &str =
    "server: no body (or `null`) where the spec promises a value that is not x-nullable; the typed client reports the body as wrong";

/// The harness: its manifest template and sources, written into the workspace.
const HARNESS_MANIFEST: &str = include_str!("testserver_harness/Cargo.toml.template");
const HARNESS_FILES: &[(&str, &str)] = &[
    ("src/main.rs", include_str!("testserver_harness/src/main.rs")),
    (
        "src/scenarios/mod.rs",
        include_str!("testserver_harness/src/scenarios/mod.rs"),
    ),
    (
        "src/scenarios/primitive.rs",
        include_str!("testserver_harness/src/scenarios/primitive.rs"),
    ),
    (
        "src/scenarios/datetime.rs",
        include_str!("testserver_harness/src/scenarios/datetime.rs"),
    ),
    (
        "src/scenarios/array.rs",
        include_str!("testserver_harness/src/scenarios/array.rs"),
    ),
    (
        "src/scenarios/dictionary.rs",
        include_str!("testserver_harness/src/scenarios/dictionary.rs"),
    ),
    (
        "src/scenarios/complex.rs",
        include_str!("testserver_harness/src/scenarios/complex.rs"),
    ),
    (
        "src/scenarios/azure.rs",
        include_str!("testserver_harness/src/scenarios/azure.rs"),
    ),
    (
        "src/scenarios/lro.rs",
        include_str!("testserver_harness/src/scenarios/lro.rs"),
    ),
    (
        "src/scenarios/features.rs",
        include_str!("testserver_harness/src/scenarios/features.rs"),
    ),
    (
        "src/scenarios/paging.rs",
        include_str!("testserver_harness/src/scenarios/paging.rs"),
    ),
    (
        "src/scenarios/url.rs",
        include_str!("testserver_harness/src/scenarios/url.rs"),
    ),
    (
        "src/scenarios/header.rs",
        include_str!("testserver_harness/src/scenarios/header.rs"),
    ),
    (
        "src/scenarios/http.rs",
        include_str!("testserver_harness/src/scenarios/http.rs"),
    ),
    (
        "src/scenarios/misc.rs",
        include_str!("testserver_harness/src/scenarios/misc.rs"),
    ),
    (
        "src/scenarios/xml.rs",
        include_str!("testserver_harness/src/scenarios/xml.rs"),
    ),
    (
        "src/scenarios/multiapi.rs",
        include_str!("testserver_harness/src/scenarios/multiapi.rs"),
    ),
];
const HARNESS: &str = "testserver-harness";

/// A swagger file also generated with the runtime embedded (the CLI's default; every other crate
/// here is on the runtime crate), and the workspace folder of that crate: it must compile
/// warning-free too.
const EMBEDDED: (&str, &str) = ("body-complex", "embedded-body-complex");

/// The reports of the test server, by the key of `testserver-coverage.json`.
const REPORTS: &[(&str, &str)] = &[
    ("core", "/report"),
    ("azure", "/report/azure"),
    ("optional", "/report/optional"),
];

/// Scenario name prefixes of the core report and the swagger area they belong to (the first
/// matching prefix wins; the rest is `other`).
#[rustfmt::skip]
const AREAS: &[(&str, &str)] = &[
    ("getBool", "body-boolean"), ("putBool", "body-boolean"),
    ("getInteger", "body-integer"), ("putInteger", "body-integer"), ("getLong", "body-integer"),
    ("putLong", "body-integer"), ("getUnixTime", "body-integer"), ("putUnixTime", "body-integer"),
    ("getInvalidUnixTime", "body-integer"), ("getNullUnixTime", "body-integer"),
    ("getNumber", "body-number"), ("getFloat", "body-number"), ("putFloat", "body-number"),
    ("getDouble", "body-number"), ("putDouble", "body-number"),
    ("getString", "body-string"), ("putString", "body-string"), ("getEnum", "body-string"), ("putEnum", "body-string"),
    ("getByte", "body-byte"), ("putByte", "body-byte"),
    ("getDateTimeRfc1123", "body-datetime-rfc1123"), ("putDateTimeRfc1123", "body-datetime-rfc1123"),
    ("getDateTime", "body-datetime"), ("putDateTime", "body-datetime"),
    ("getDate", "body-date"), ("putDate", "body-date"),
    ("getDuration", "body-duration"), ("putDuration", "body-duration"),
    ("getArray", "body-array"), ("putArray", "body-array"),
    ("getDictionary", "body-dictionary"), ("putDictionary", "body-dictionary"),
    ("getComplex", "body-complex"), ("putComplex", "body-complex"), ("getComposed", "body-complex"),
    ("UrlPathItem", "url"), ("UrlPaths", "url"), ("UrlQueries", "url"),
    ("Header", "header"),
    ("Http", "httpInfrastructure"), ("ResponsesScenario", "httpInfrastructure"),
    ("Xml", "xml-service"), ("Storage", "xml-service"), ("Get", "xml-service"), ("Put", "xml-service"),
    ("expectedEnum", "extensible-enums"), ("unexpectedEnum", "extensible-enums"),
    ("allowedValueEnum", "extensible-enums"), ("roundTripEnum", "extensible-enums"),
    ("expected", "xms-error-responses"), ("animalNotFound", "xms-error-responses"),
    ("linkNotFound", "xms-error-responses"), ("intError", "xms-error-responses"),
    ("stringError", "xms-error-responses"),
    ("ConstantsIn", "validation"), ("ConstantClient", "constants"),
    ("getModelFlatten", "model-flattening"), ("putModelFlatten", "model-flattening"),
    ("postModelFlatten", "model-flattening"),
    ("additionalProperties", "additionalProperties"),
    ("ImplicitOptional", "required-optional"), ("ExplicitOptional", "required-optional"),
    ("ExplicitRequired", "required-optional"), ("OptionalImplicit", "required-optional"),
    ("GeneralOptional", "required-optional"), ("Optional", "required-optional"),
    ("reservedWords", "reserved-words"), ("MediaType", "media_types"), ("FileStream", "body-file"),
    ("BodyBinary", "body-binary"), ("MultipleInheritance", "multiple-inheritance"),
    ("NonStringEnums", "non-string-enum"), ("ObjectType", "object-type"), ("BodyTime", "body-time"),
    ("CustomBaseUri", "custom-baseUrl"), ("Security", "security"),
];

/// One swagger file of the package and what became of it.
struct Entry {
    /// The file stem, e.g. `body-boolean` (also the crate's folder).
    name: String,
    /// `(operations, models)`, or the generator's diagnostic.
    generated: Result<(usize, usize), String>,
    /// Compiler errors of the generated crate, rendered.
    errors: Vec<String>,
}

/// Kills the test server it started (by its PID) and waits for it, however the test ends.
struct ServerGuard(Child);

impl Drop for ServerGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A plain HTTP/1.1 GET on `base` (`http://host:port`); the body, when the status is 200.
fn http_get(base: &str, path: &str) -> Result<String, String> {
    let host = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(host).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).map_err(|e| e.to_string())?;
    let response = String::from_utf8_lossy(&response);
    let (head, body) = response.split_once("\r\n\r\n").ok_or("no header end")?;
    if !head.starts_with("HTTP/1.1 200") {
        return Err(head.lines().next().unwrap_or_default().to_string());
    }
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        // Decode the chunks.
        let mut out = String::new();
        let mut rest = body;
        while let Some((size, tail)) = rest.split_once("\r\n") {
            let size = usize::from_str_radix(size.trim(), 16).map_err(|e| e.to_string())?;
            if size == 0 {
                break;
            }
            out.push_str(tail.get(..size).ok_or("truncated chunk")?);
            rest = tail.get(size + 2..).unwrap_or_default();
        }
        return Ok(out);
    }
    Ok(body.to_string())
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}

/// The server to test against: `AUTOREST_TESTSERVER_URL`, or one started from the package.
fn start_server(package: &Path, coverage: &Path) -> (String, Option<ServerGuard>) {
    if let Ok(url) = std::env::var("AUTOREST_TESTSERVER_URL") {
        println!("Using the test server at {url} (AUTOREST_TESTSERVER_URL)");
        return (url.trim_end_matches('/').to_string(), None);
    }
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}");
    std::fs::create_dir_all(coverage).expect("create the coverage folder");
    let log_path = coverage.join("server.log");
    let log = std::fs::File::create(&log_path).expect("create the server log");
    let child = Command::new("node")
        .args([
            "dist/cli/cli.js",
            "run",
            "--port",
            &port.to_string(),
            "--coverageDirectory",
        ])
        .arg(coverage)
        .current_dir(package)
        // The server's command line reads `AUTOREST_TESTSERVER_*` variables as options (yargs
        // `.env()`): `AUTOREST_TESTSERVER_DIR` would become an unknown `--dir`.
        .env_remove("AUTOREST_TESTSERVER_DIR")
        .env_remove("AUTOREST_TESTSERVER_URL")
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("clone the log file handle"))
        .stderr(log)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start the test server with node: {e}"));
    let mut guard = ServerGuard(child);
    let started = Instant::now();
    while http_get(&url, "/report").is_err() {
        let exited = guard.0.try_wait().ok().flatten();
        if exited.is_some() || started.elapsed() > Duration::from_secs(60) {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(20).collect();
            panic!(
                "the test server (pid {}) did not answer GET {url}/report within 60 s ({}, exit status {exited:?}); \
                 the end of {}:\n{}",
                guard.0.id(),
                http_get(&url, "/report").err().unwrap_or_default(),
                log_path.display(),
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            );
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    println!(
        "Started the test server at {url} (pid {}) in {}",
        guard.0.id(),
        secs(started.elapsed())
    );
    (url, Some(guard))
}

fn area_of(scenario: &str) -> &'static str {
    AREAS
        .iter()
        .find(|(prefix, _)| scenario.starts_with(prefix))
        .map_or("other", |(_, area)| area)
}

/// Scenario results of the harness: `ok <name>` / `FAIL <name>: <reason>`, and whether it printed
/// its summary.
struct HarnessRun {
    passed: Vec<String>,
    failed: Vec<(String, String)>,
    summary: bool,
}

fn parse_harness(output: &Output, verbose: bool) -> HarnessRun {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut run = HarnessRun {
        passed: Vec::new(),
        failed: Vec::new(),
        summary: false,
    };
    let mut summary = None;
    for line in stdout.lines() {
        if verbose {
            println!("    {line}");
        }
        if let Some(name) = line.strip_prefix("ok ") {
            run.passed.push(name.to_string());
        } else if let Some(rest) = line.strip_prefix("FAIL ") {
            let (name, reason) = rest.split_once(": ").unwrap_or((rest, ""));
            run.failed.push((name.to_string(), reason.to_string()));
        } else if let Some((passed, failed)) = line.strip_suffix(" failed").and_then(|l| l.split_once(" passed, ")) {
            summary = passed.parse::<usize>().ok().zip(failed.parse::<usize>().ok());
        }
    }
    run.summary = summary == Some((run.passed.len(), run.failed.len()));
    run
}

fn known_reason(name: &str, message: &str) -> Option<&'static str> {
    KNOWN_FAILURES
        .iter()
        .find(|(n, m, _)| *n == name && message.contains(m))
        .map(|(.., reason)| *reason)
}

#[test]
fn autorest_testserver_scenarios() {
    let Some(package) = prerequisites::testserver_package("testserver.rs (the AutoRest test server scenarios)") else {
        return;
    };
    let started = Instant::now();
    let verbose = std::env::var_os("TESTSERVER_VERBOSE").is_some();
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let work = tmp.join("testserver");
    let target = tmp.join("testserver-target");

    // 1. Generate a crate for every swagger file of the package.
    let mut specs: Vec<PathBuf> = std::fs::read_dir(package.join("swagger"))
        .expect("read the swagger folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    specs.sort();
    let mut entries = Vec::new();
    // Every crate on the one runtime crate, compiled once.
    let runtime = runtime_crate();
    for spec in &specs {
        let name = spec.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let slug: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let package_name = format!("testserver-{slug}");
        let generated = Config::new()
            .crate_name(&package_name)
            .runtime(runtime.clone())
            .generate(spec)
            .map_err(|d| d.to_string())
            .and_then(|g| {
                let dir = work.join(&name);
                if let DirStatus::Stale(_) = check_dir(&dir, &g.files) {
                    write_dir(&dir, &g.files).map_err(|d| d.to_string())?;
                }
                Ok((g.operations(), g.model.schemas.len()))
            });
        entries.push(Entry {
            name,
            generated,
            errors: Vec::new(),
        });
    }
    let embedded = Config::new()
        .crate_name(format!("testserver-{}", EMBEDDED.1))
        .generate(package.join("swagger").join(format!("{}.json", EMBEDDED.0)))
        .unwrap_or_else(|d| panic!("{} does not generate: {d}", EMBEDDED.0));
    if let DirStatus::Stale(_) = check_dir(&work.join(EMBEDDED.1), &embedded.files) {
        write_dir(&work.join(EMBEDDED.1), &embedded.files).unwrap_or_else(|d| panic!("{d}"));
    }
    write_if_changed(&work.join(HARNESS).join("Cargo.toml"), HARNESS_MANIFEST);
    for (path, contents) in HARNESS_FILES {
        write_if_changed(&work.join(HARNESS).join(path), contents);
    }
    let mut members: Vec<String> = entries
        .iter()
        .filter(|e| e.generated.is_ok())
        .map(|e| format!("{:?}", e.name))
        .collect();
    members.push(format!("{HARNESS:?}"));
    members.push(format!("{:?}", EMBEDDED.1));
    write_if_changed(
        &work.join("Cargo.toml"),
        &format!(
            "# Written by generator/tests/testserver.rs.\n[workspace]\nmembers = [{}]\nresolver = \"2\"\n\n\
             [profile.dev]\ndebug = 0\n",
            members.join(", ")
        ),
    );
    // The repository's lock file as the starting point (cargo adds the harness's extra crates);
    // copied only when it changed, so the workspace lock file is not rewritten on every run.
    let lock = std::fs::read_to_string(prerequisites::workspace_root().join("Cargo.lock")).expect("read Cargo.lock");
    let stamp = work.join("Cargo.lock.orig");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(lock.as_str()) {
        write_if_changed(&work.join("Cargo.lock"), &lock);
        write_if_changed(&stamp, &lock);
    }
    let keep: BTreeSet<&str> = entries
        .iter()
        .map(|e| e.name.as_str())
        .chain([HARNESS, EMBEDDED.1])
        .collect();
    for entry in std::fs::read_dir(&work).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && !keep.contains(name.as_str()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    let generated_in = started.elapsed();

    // 2. Compile every crate and the harness once (the harness needs the crates built anyway).
    let phase = Instant::now();
    let output = run(cargo(
        &work,
        &target,
        &["build", "--workspace", "--keep-going", "--message-format=json"],
    ));
    // Errors, and warnings: generated code and the harness must both compile warning-free
    // (cargo replays the warnings of crates it does not rebuild).
    let mut errors: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    let mut warnings: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let found = match message["message"]["level"].as_str() {
            _ if message["reason"] != "compiler-message" => continue,
            Some("error") => &mut errors,
            Some("warning") => &mut warnings,
            _ => continue,
        };
        let manifest = PathBuf::from(message["manifest_path"].as_str().unwrap_or_default());
        let rendered = message["message"]["rendered"].as_str().unwrap_or_default().to_string();
        found
            .entry(manifest.parent().unwrap_or(Path::new("")).to_path_buf())
            .or_default()
            .push(rendered);
    }
    if !output.status.success() && errors.is_empty() {
        panic!(
            "cargo build failed without a compiler error:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let build_in = phase.elapsed();
    for entry in &mut entries {
        let dir = work.join(&entry.name);
        entry.errors = errors.get(&dir).cloned().unwrap_or_default();
        entry.errors.extend(warnings.get(&dir).cloned().unwrap_or_default());
    }
    let mut embedded_errors = errors.get(&work.join(EMBEDDED.1)).cloned().unwrap_or_default();
    embedded_errors.extend(warnings.get(&work.join(EMBEDDED.1)).cloned().unwrap_or_default());
    let harness_warnings = warnings.get(&work.join(HARNESS)).cloned().unwrap_or_default();
    let harness_errors = errors.get(&work.join(HARNESS)).cloned().unwrap_or_default();

    println!();
    println!(
        "Generated crates ({} swagger files in {}):",
        entries.len(),
        package.join("swagger").display()
    );
    let mut compiled = 0;
    for entry in &entries {
        match &entry.generated {
            Ok((ops, models)) if entry.errors.is_empty() => {
                compiled += 1;
                println!(
                    "  {:<32} {ops:>4} ops {models:>4} models  generated, compiled",
                    entry.name
                );
            }
            Ok(_) => println!(
                "  {:<32} generated, does NOT compile cleanly ({} errors or warnings)",
                entry.name,
                entry.errors.len()
            ),
            Err(diagnostic) => println!("  {:<32} not generated: {diagnostic}", entry.name),
        }
    }
    println!("  {compiled} of {} generated and compiled", entries.len());
    match embedded_errors.first() {
        None => println!("  {} with the runtime embedded: compiled", EMBEDDED.0),
        Some(first) => println!(
            "  {} with the runtime embedded: does NOT compile cleanly ({} errors or warnings), the first:\n{first}",
            EMBEDDED.0,
            embedded_errors.len()
        ),
    }
    for entry in entries.iter().filter(|e| !e.errors.is_empty()) {
        println!("\n{}: the first errors:", entry.name);
        for error in entry.errors.iter().take(3) {
            println!("{error}");
        }
    }
    if !harness_errors.is_empty() {
        println!(
            "\nThe harness does not compile ({} errors), the first ones:",
            harness_errors.len()
        );
        for error in harness_errors.iter().take(5) {
            println!("{error}");
        }
    }

    for warning in harness_warnings.iter().take(5) {
        println!("\nharness warning: {warning}");
    }

    // 3. The harness, against the server.
    let coverage_dir = tmp.join("testserver-coverage");
    let (url, guard) = start_server(&package, &coverage_dir);
    let phase = Instant::now();
    let harness_run = if harness_errors.is_empty() {
        let output = run(cargo(&work, &target, &["run", "-q", "-p", HARNESS, "--", &url]));
        let harness_run = parse_harness(&output, verbose);
        if !harness_run.summary {
            println!(
                "\nThe harness did not finish (status {}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        Some(harness_run)
    } else {
        None
    };
    let harness_in = phase.elapsed();
    let mut problems = Vec::new();
    let mut scenarios = "the harness did not run".to_string();
    if !embedded_errors.is_empty() {
        problems.push(format!(
            "{} with the runtime embedded does not compile warning-free",
            EMBEDDED.0
        ));
    }
    if !harness_warnings.is_empty() {
        problems.push(format!("the harness compiles with {} warnings", harness_warnings.len()));
    }
    if let Some(harness_run) = &harness_run {
        println!();
        let known = harness_run
            .failed
            .iter()
            .filter(|(name, message)| known_reason(name, message).is_some())
            .count();
        scenarios = format!(
            "{} passed, {known} known failures, {} unexpected failures",
            harness_run.passed.len(),
            harness_run.failed.len() - known
        );
        println!("Scenarios: {scenarios}");
        let mut by_area: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for name in &harness_run.passed {
            by_area.entry(name.split('/').next().unwrap_or_default()).or_default().0 += 1;
        }
        for (name, _) in &harness_run.failed {
            by_area.entry(name.split('/').next().unwrap_or_default()).or_default().1 += 1;
        }
        for (area, (passed, failed)) in &by_area {
            println!("  {area:<24} {passed:>4} passed {failed:>4} failed");
        }
        for (name, message) in &harness_run.failed {
            match known_reason(name, message) {
                Some(reason) => println!("  known FAIL {name}: {message} ({reason})"),
                None => {
                    println!("  FAIL {name}: {message}");
                    problems.push(format!("scenario {name} failed: {message}"));
                }
            }
        }
        for (name, message, _) in KNOWN_FAILURES {
            if !harness_run.failed.iter().any(|(n, m)| n == name && m.contains(message)) {
                problems.push(format!(
                    "{name} is in KNOWN_FAILURES but did not fail that way: update the entry"
                ));
            }
        }
        if !harness_run.summary {
            problems.push("the harness did not run to its summary".to_string());
        }
    } else {
        problems.push("the harness does not compile".to_string());
    }

    // 4. Coverage, from the server's reports, against the ratchet.
    let ratchet_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testserver-coverage.json");
    let ratchet: Value =
        serde_json::from_str(&std::fs::read_to_string(&ratchet_path).expect("read testserver-coverage.json"))
            .expect("testserver-coverage.json is JSON");
    println!();
    println!("Coverage (scenarios the server saw at least once):");
    let mut now = serde_json::Map::new();
    for (key, path) in REPORTS {
        let report: BTreeMap<String, Value> = match http_get(&url, path).map(|b| serde_json::from_str(&b)) {
            Ok(Ok(report)) => report,
            Ok(Err(e)) => panic!("GET {path}: not a JSON map: {e}"),
            Err(e) => panic!("GET {path}: {e}"),
        };
        let covered = report.values().filter(|v| v.as_i64().unwrap_or(0) > 0).count();
        let total = report.len();
        println!(
            "  {key:<9} {path:<16} {covered:>4} / {total:<4} ({:.0}%)",
            100.0 * covered as f64 / total.max(1) as f64
        );
        if *key == "core" {
            let mut areas: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
            for (scenario, count) in &report {
                let area = areas.entry(area_of(scenario)).or_default();
                area.0 += usize::from(count.as_i64().unwrap_or(0) > 0);
                area.1 += 1;
            }
            for (area, (covered, total)) in areas {
                println!("      {area:<26} {covered:>4} / {total}");
            }
        }
        if verbose {
            let missing: Vec<&str> = report
                .iter()
                .filter(|(_, v)| v.as_i64().unwrap_or(0) == 0)
                .map(|(k, _)| k.as_str())
                .collect();
            println!("      not covered: {}", missing.join(" "));
        }
        let minimum = ratchet[key].as_u64().unwrap_or(0) as usize;
        if covered < minimum {
            problems.push(format!(
                "coverage of {path} fell to {covered}, below the {minimum} of testserver-coverage.json"
            ));
        } else if covered > minimum {
            println!("      (above the ratchet's {minimum}: raise \"{key}\" to {covered} in testserver-coverage.json)");
        }
        now.insert(key.to_string(), covered.into());
    }
    let coverage = serde_json::to_string(&Value::Object(now)).expect("serialize the coverage numbers");
    println!("  now: {coverage}");
    drop(guard);
    println!();
    println!(
        "Time: {} (generate {}, build {}, harness {})",
        secs(started.elapsed()),
        secs(generated_in),
        secs(build_in),
        secs(harness_in)
    );
    prerequisites::summary(&format!(
        "testserver.rs ran: {compiled} of {} swagger files generate and compile; scenarios: \
         {scenarios}; coverage {coverage} ({}; `--nocapture` for the report)",
        entries.len(),
        secs(started.elapsed())
    ));

    // 5. The verdict.
    for entry in &entries {
        let expected = EXPECTED_FAILURES.iter().find(|(name, _)| *name == entry.name);
        let ok = entry.generated.is_ok() && entry.errors.is_empty();
        match (ok, expected) {
            (false, None) => problems.push(format!("{} does not generate or compile warning-free", entry.name)),
            (true, Some(_)) => problems.push(format!(
                "{} is in EXPECTED_FAILURES but now compiles: remove the entry",
                entry.name
            )),
            _ => {}
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems with the AutoRest test server:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
