//! The whole-API corpus (issue 14): each API folder of `FOLDERS.txt` in the azure-rest-api-specs
//! copy (`AZURE_REST_API_SPECS_DIR`, by default `azure-rest-api-specs` beside `AZURE_SPECS_DIR`;
//! see `support/prerequisites.rs`) is one crate, generated from every `*.json` directly inside
//! the folder.
//!
//! - Every folder is generated (in memory), timed; a folder that does not generate must be in
//!   [`EXPECTED_FAILURES`] with the diagnostic it gives, and one listed there must still fail.
//! - The folders of [`SUBSET`] (all of them with `ARM_CORPUS_ALL=1`) are written as crates with
//!   the `replay` module, which must pass `cargo clippy -- -D warnings` and `cargo doc` with
//!   `RUSTDOCFLAGS=-D warnings`, and every `x-ms-examples` file of the API is replayed through
//!   the generated client against a local HTTP server (`replay_harness/src/main.rs`, given the
//!   folder). Replay failures must be in [`KNOWN_REPLAY_FAILURES`], with their reason.
//!
//! The crates live in one Cargo workspace under `$CARGO_TARGET_TMPDIR/arm-corpus` (one member per
//! API and one replay harness per API), built with the repository's `Cargo.lock` into
//! `$CARGO_TARGET_TMPDIR/corpus-target` (shared with corpus.rs, whose crates have the same
//! dependencies), which is kept between runs; files are rewritten only when they change. The
//! table is printed (`--nocapture`) and written to `$CARGO_TARGET_TMPDIR/arm-corpus/REPORT.md`
//! (docs/corpus.md holds the full run's).
//!
//! ```text
//! cargo test -p azure-rest-codegen --test arm_corpus -- --nocapture                   # the subset
//! ARM_CORPUS_ALL=1 cargo test -p azure-rest-codegen --test arm_corpus -- --nocapture  # all APIs
//! ```
//!
//! `CORPUS_VERBOSE=1` prints every replayed example.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[path = "support/prerequisites.rs"]
mod prerequisites;
#[path = "support/replay_run.rs"]
mod replay_run;
#[path = "support/workspace.rs"]
mod workspace;
use replay_run::{errors_by_package, parse_replay, write_harness, Replay};
use workspace::{cargo, run, runtime_crate, secs, write_if_changed};

use codegen::{check_dir, write_dir, Config, DirStatus};

/// The APIs CI compiles and replays, by the names of [`api_name`]: five of the largest by
/// operations (Network, API Management, Automation, Cosmos DB, CDN), and ten others: data plane and
/// Resource Manager, single-file and multi-file, with long-running and pageable operations.
const SUBSET: &[&str] = &[
    // The five largest.
    "network/Microsoft.Network",
    "apimanagement/Microsoft.ApiManagement",
    "automation/Microsoft.Automation",
    "cosmos-db/Microsoft.DocumentDB",
    "cdn/Microsoft.Cdn",
    // Resource Manager: multi-file (KeyVault 4 files, Service Bus 15, Cost Management 2),
    // long-running operations (Container Service, Private DNS), pageable lists (all).
    "keyvault/Microsoft.KeyVault",
    "servicebus/Microsoft.ServiceBus",
    "containerservice/Microsoft.ContainerService",
    "privatedns/Microsoft.Network",
    "batch/Microsoft.Batch",
    "cost-management/Microsoft.CostManagement",
    // Data plane (long-running: Phone Numbers; pageable: Digital Twins, Chat).
    "digitaltwins/data-plane/Microsoft.DigitalTwins",
    "communication/data-plane/Microsoft.CommunicationServicesChat",
    "communication/data-plane/Microsoft.CommunicationServicesPhoneNumbers",
    "operationalinsights/data-plane/Microsoft.OperationalInsights",
];

/// APIs that do not generate: `(name, part of the diagnostic, reason)`. Generation must fail
/// with a diagnostic containing the part; every entry needs a reason.
#[rustfmt::skip]
const EXPECTED_FAILURES: &[(&str, &str, &str)] = &[];

/// Examples that may fail to replay: `(API, operationId, example file, part of the failure
/// message, reason)`; `*` as the operation or example matches any. The failure must still say
/// what the entry expects: a known failure that starts failing for another reason is reported,
/// and so is an entry that matches no failure any more.
#[rustfmt::skip]
const KNOWN_REPLAY_FAILURES: &[(&str, &str, &str, &str, &str)] = &[
    // The generator's faults (reported; see docs/corpus.md).
    ("automation/Microsoft.Automation", "*", "*", "PropertiesFrequency", REF_SIBLINGS),
    ("network/Microsoft.Network", "*", "*", "BypassTrafficSpecificationsProtocol", REF_SIBLINGS),
    ("apimanagement/Microsoft.ApiManagement", "Reports_ListByTime", "examples/ApiManagementGetReportsByTime.json", "expected a `SignedDuration`", REPLAY_TIME),
    ("operationalinsights/data-plane/Microsoft.OperationalInsights", "Query_Get", "examples/oms-get-example.json", "expected a `SignedDuration`", REPLAY_TIME),
    ("cdn/Microsoft.Cdn", "*", "*", "expected an `OffsetDateTime`", REPLAY_TIME),
    ("servicebus/Microsoft.ServiceBus", "*", "*", "expected \"P10675199DT2H48M5.4775807S\", got \"P10675199DT2H48M5.477539062S\"", "generator runtime: runtime/duration.rs adds a duration's parts as f64 seconds, so TimeSpan.MaxValue (`P10675199DT2H48M5.4775807S`) loses its sub-second digits"),
    // Upstream examples and specs that contradict each other.
    ("apimanagement/Microsoft.ApiManagement", "ApiManagementService_CreateOrUpdate", "examples/ApiManagementCreateServiceHavingMsi.json", "UUID parsing failed", NOT_A_UUID),
    ("apimanagement/Microsoft.ApiManagement", "ApiManagementService_Get", "examples/ApiManagementServiceGetServiceHavingMsi.json", "UUID parsing failed", NOT_A_UUID),
    ("apimanagement/Microsoft.ApiManagement", "*", "*", "invalid type: null, expected a string", "upstream example: `null` values in TenantSettingsContractProperties.settings, a map of strings"),
    ("apimanagement/Microsoft.ApiManagement", "TenantConfiguration_GetSyncState", "examples/ApiManagementTenantAccessSyncState.json", "differs at `/id`", "upstream spec: TenantConfigurationSyncStateContract declares only `properties`, not the `id`, `type` and `name` the example returns"),
    ("batch/Microsoft.Batch", "*", "*", "missing field `password`", "upstream example: a pool's `userAccounts` without `password`, which the spec's UserAccount requires"),
    ("containerservice/Microsoft.ContainerService", "ManagedClusters_GetAccessProfile", "examples/ManagedClustersGetAccessProfile.json", "differs at `/properties/kubeConfig`", "upstream example: `kubeConfig` is `kubeConfig1`, not the base64 the spec's `format: byte` requires"),
    ("cosmos-db/Microsoft.DocumentDB", "*", "*", "invalid type: map, expected a string", "upstream example: the body is an array of RegionForOnlineOffline; the spec's body is one"),
    ("cost-management/Microsoft.CostManagement", "*", "*", "%2FresourceGroups%2F", "upstream spec: the views' `scope` (scopeViewParameter) lacks the `x-ms-skip-url-encoding` of the API's other scope parameters, so the client encodes its slashes as the spec says; the example expects them raw"),
    ("network/Microsoft.Network", "ApplicationGatewayPrivateEndpointConnections_Update", "examples/ApplicationGatewayPrivateEndpointConnectionUpdate.json", "differs at `/properties/privateEndpoint`", READ_ONLY_SENT),
    ("network/Microsoft.Network", "PrivateLinkServices_UpdatePrivateEndpointConnection", "examples/PrivateLinkServiceUpdatePrivateEndpointConnection.json", "differs at `/properties/privateEndpoint`", READ_ONLY_SENT),
    ("network/Microsoft.Network", "AzureFirewalls_CreateOrUpdate", "examples/AzureFirewallPutWithAdditionalProperties.json", "differs at `/properties/ipGroups`", READ_ONLY_SENT),
    ("network/Microsoft.Network", "DisconnectActiveSessions", "examples/BastionSessionDelete.json", "expected a sequence", "upstream example: the body is the array of session ids; the spec's body (SessionIds) is an object holding it as `sessionIds`"),
    ("network/Microsoft.Network", "*", "*", "properties/roleInstance`", "upstream example: a network interface's `roleInstance`, which the spec does not declare (the typed model has no such field)"),
    ("network/Microsoft.Network", "*", "*", "expected struct NetworkInterface", ID_FOR_OBJECT),
    ("network/Microsoft.Network", "*", "*", "expected struct SubResource", ID_FOR_OBJECT),
    ("network/Microsoft.Network", "ExpressRouteCircuitPeerings_List", "examples/ExpressRouteCircuitPeeringList.json", "expected struct ExpressRouteConnectionId", ID_FOR_OBJECT),
    ("network/Microsoft.Network", "*", "*", "invalid type: map, expected a sequence at line 1 column 1", "upstream example: the list's body is a bare array; the spec's response is a list object with `value`"),
    ("network/Microsoft.Network", "P2sVpnGateways_GetP2sVpnConnectionHealthDetailed", "examples/P2SVpnGatewayGetConnectionHealthDetailed.json", "expected struct P2sVpnConnectionHealth", "upstream example: the 200 body is an empty string; the spec's is a P2SVpnConnectionHealth object"),
    ("network/Microsoft.Network", "Usages_List", "*", "expected i64", "upstream example: the int64 `currentValue` written as `8.0`; the client's i64 refuses a number with a fraction part (a strictness of serde more than a contradiction)"),
    ("privatedns/Microsoft.Network", "RecordSets_CreateOrUpdate", "examples/RecordSetSOAPut.json", "differs at `/properties/soaRecord/minimumTTL`", "upstream example: `minimumTTL`; the spec's property is `minimumTtl`"),
    ("operationalinsights/data-plane/Microsoft.OperationalInsights", "Query_Execute", "examples/oms-post-example.json", "invalid type: null, expected a string", "upstream example: a `null` cell in `rows`, which the spec types as arrays of strings"),
];

// The reasons shared by several known failures.
const REF_SIBLINGS: &str = "generator bug: a property that is a `$ref` with a sibling `type` (or `enum`) becomes an empty struct instead of the referenced enum";
const REPLAY_TIME: &str = "generator (the replay module): a `format: date-time` or `duration` query parameter is read from the example with the time crate's serde format, not RFC 3339 or ISO 8601";
const NOT_A_UUID: &str = "upstream example: a placeholder (`XXXX...`) where the spec requires `format: uuid`";
const READ_ONLY_SENT: &str =
    "upstream example: the request sets a property the spec marks readOnly, which the client never sends";
const ID_FOR_OBJECT: &str = "upstream example: a resource id string (or \"\") where the spec has an object (`SubResource`, `NetworkInterface`, `ExpressRouteConnectionId`)";

/// What a generated crate holds.
struct Stats {
    operations: usize,
    models: usize,
    lines: usize,
}

/// One API folder and what became of it.
struct Api {
    /// See [`api_name`].
    name: String,
    version: String,
    folder: PathBuf,
    /// The generated crate's package (and folder) name.
    package: String,
    /// The replay harness's package (and folder) name.
    harness: String,
    /// Compiled and replayed in this run.
    checked: bool,
    /// The crate's figures, or the generator's diagnostic.
    generated: Result<Stats, String>,
    generation_ms: f64,
    /// Clippy and rustdoc errors of the generated crate, rendered.
    clippy: Vec<String>,
    doc: Vec<String>,
    /// Clippy and rustdoc errors of the harness (the template's fault, not the generator's).
    harness_errors: Vec<String>,
    replay: Option<Replay>,
}

impl Api {
    fn compiled(&self) -> bool {
        self.checked && self.generated.is_ok() && self.clippy.is_empty() && self.doc.is_empty()
    }
}

/// An API's name and version from its folder, `specification/SERVICE/[PLANE/]NAMESPACE/stable/VERSION`:
/// the path between `specification/` and `/stable/` without a `resource-manager` segment
/// (`network/Microsoft.Network`, `digitaltwins/data-plane/Microsoft.DigitalTwins`).
fn api_name(folder: &str) -> (String, String) {
    let rest = folder.strip_prefix("specification/").unwrap_or(folder);
    let (head, version) = rest.rsplit_once("/stable/").unwrap_or((rest, ""));
    let name: Vec<&str> = head.split('/').filter(|s| *s != "resource-manager").collect();
    (name.join("/"), version.to_string())
}

/// A package name for an API: `arm-` and its name in kebab case without `Microsoft.`.
fn package_name(name: &str) -> String {
    let mut slug = String::from("arm-");
    for c in name.replace("Microsoft.", "").chars() {
        let c = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '-'
        };
        if c != '-' || !slug.ends_with('-') {
            slug.push(c);
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// The reason [`KNOWN_REPLAY_FAILURES`] gives for a failure, when it lists it with this message.
fn known_reason(api: &str, operation: &str, example: &str, message: &str) -> Option<&'static str> {
    known_entry(api, operation, example, message).map(|(.., reason)| *reason)
}

fn known_entry(
    api: &str,
    operation: &str,
    example: &str,
    message: &str,
) -> Option<&'static (&'static str, &'static str, &'static str, &'static str, &'static str)> {
    KNOWN_REPLAY_FAILURES.iter().find(|(a, o, e, m, _)| {
        *a == api && (*o == "*" || *o == operation) && (*e == "*" || *e == example) && message.contains(m)
    })
}

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0")
}

#[test]
fn every_api_folder_generates_and_the_subset_compiles_and_replays() {
    let Some(root) = prerequisites::rest_api_specs_dir("arm_corpus.rs (the whole-API corpus)") else {
        return;
    };
    let started = Instant::now();
    let all = env_flag("ARM_CORPUS_ALL");
    let verbose = env_flag("CORPUS_VERBOSE");
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let work = tmp.join("arm-corpus");
    let target = tmp.join("corpus-target");
    let list = std::fs::read_to_string(root.join("FOLDERS.txt")).expect("read FOLDERS.txt");
    let folders: Vec<&str> = list.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    assert!(!folders.is_empty(), "{}/FOLDERS.txt lists no folder", root.display());

    // 1. Generate every API in memory; write the checked ones and their harnesses (only files
    //    that change are written).
    let mut apis: Vec<Api> = Vec::new();
    for folder in &folders {
        let (name, version) = api_name(folder);
        let package = package_name(&name);
        assert!(
            !apis.iter().any(|a| a.name == name || a.package == package),
            "two folders are both called {name} ({package})"
        );
        let checked = all || SUBSET.contains(&name.as_str());
        let path = root.join(folder);
        let phase = Instant::now();
        let generated = Config::new()
            .crate_name(&package)
            .replay(true)
            .runtime(runtime_crate())
            .generate_api(std::slice::from_ref(&path));
        let generation_ms = phase.elapsed().as_secs_f64() * 1000.0;
        let harness = format!("{package}-replay");
        let generated = generated.map_err(|d| d.to_string()).and_then(|g| {
            if checked {
                let dir = work.join(&package);
                if let DirStatus::Stale(_) = check_dir(&dir, &g.files) {
                    write_dir(&dir, &g.files).map_err(|d| d.to_string())?;
                }
                write_harness(&work, &harness, &package);
            }
            Ok(Stats {
                operations: g.operations(),
                models: g.model.schemas.len(),
                lines: g.generated_lines(),
            })
        });
        apis.push(Api {
            name,
            version,
            folder: path,
            package,
            harness,
            checked,
            generated,
            generation_ms,
            clippy: Vec::new(),
            doc: Vec::new(),
            harness_errors: Vec::new(),
            replay: None,
        });
    }
    for name in SUBSET {
        assert!(
            apis.iter().any(|a| a.name == *name),
            "SUBSET names {name}, which is no folder of FOLDERS.txt"
        );
    }
    let members: Vec<String> = apis
        .iter()
        .filter(|a| a.checked && a.generated.is_ok())
        .flat_map(|a| [format!("{:?}", a.package), format!("{:?}", a.harness)])
        .collect();
    write_if_changed(
        &work.join("Cargo.toml"),
        &format!(
            "# Written by generator/tests/arm_corpus.rs.\n[workspace]\nmembers = [{}]\nresolver = \"2\"\n\n\
             [profile.dev]\ndebug = 0\n",
            members.join(", ")
        ),
    );
    // The repository's lock file, so the crates build with the versions the project uses.
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    write_if_changed(
        &work.join("Cargo.lock"),
        &std::fs::read_to_string(&lock).expect("read Cargo.lock"),
    );
    // Folders of APIs not checked in this run stay (a later full run reuses them) unless their
    // API is gone.
    let known: BTreeSet<String> = apis
        .iter()
        .flat_map(|a| [a.package.clone(), a.harness.clone()])
        .collect();
    for entry in std::fs::read_dir(&work).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && name.starts_with("arm-") && !known.contains(&name) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    let generated_in = started.elapsed();
    let checked: Vec<&Api> = apis.iter().filter(|a| a.checked && a.generated.is_ok()).collect();
    let packages = |harnesses: bool| -> Vec<String> {
        checked
            .iter()
            .flat_map(|a| {
                let mut names = vec![a.package.clone()];
                if harnesses {
                    names.push(a.harness.clone());
                }
                names
            })
            .flat_map(|p| ["-p".to_string(), p])
            .collect()
    };

    // 2. Clippy and rustdoc, once for the workspace; errors are sorted out by package.
    let phase = Instant::now();
    let (clippy, doc) = if checked.is_empty() {
        (BTreeMap::new(), BTreeMap::new())
    } else {
        let mut command = cargo(&work, &target, &["clippy", "--keep-going", "--message-format=json"]);
        command.args(packages(true)).args(["--", "-D", "warnings"]);
        let clippy = errors_by_package(command, "cargo clippy");
        let mut command = cargo(
            &work,
            &target,
            &["doc", "--no-deps", "--lib", "--keep-going", "--message-format=json"],
        );
        command.args(packages(false)).env("RUSTDOCFLAGS", "-D warnings");
        (clippy, errors_by_package(command, "cargo doc"))
    };
    let compiled_in = phase.elapsed();
    for api in &mut apis {
        let of = |errors: &BTreeMap<PathBuf, Vec<String>>, package: &str| -> Vec<String> {
            errors.get(&work.join(package)).cloned().unwrap_or_default()
        };
        api.clippy = of(&clippy, &api.package);
        api.doc = of(&doc, &api.package);
        api.harness_errors = [of(&clippy, &api.harness), of(&doc, &api.harness)].concat();
    }

    // 3. Replay: build the harnesses once, then run each.
    let phase = Instant::now();
    let runnable: Vec<String> = apis
        .iter()
        .filter(|a| a.compiled())
        .flat_map(|a| ["-p".to_string(), a.harness.clone()])
        .collect();
    let build_errors = if runnable.is_empty() {
        BTreeMap::new()
    } else {
        let mut command = cargo(&work, &target, &["build", "--keep-going", "--message-format=json"]);
        command.args(&runnable);
        errors_by_package(command, "cargo build")
    };
    let built_in = phase.elapsed();
    let phase = Instant::now();
    for api in apis.iter_mut().filter(|a| a.compiled()) {
        let harness_errors = build_errors
            .get(&work.join(&api.harness))
            .or(Some(&api.harness_errors).filter(|e| !e.is_empty()));
        api.replay = Some(match harness_errors {
            Some(errors) => Replay {
                error: Some(format!(
                    "the harness does not build warning-free ({} errors)",
                    errors.len()
                )),
                ..Replay::default()
            },
            None => {
                let binary = target
                    .join("debug")
                    .join(format!("{}{}", api.harness, std::env::consts::EXE_SUFFIX));
                let mut command = std::process::Command::new(binary);
                command.arg(&api.folder).arg(&api.name);
                if verbose {
                    println!("  {}:", api.name);
                }
                parse_replay(&api.name, &run(command), verbose)
            }
        });
    }
    let replayed_in = phase.elapsed();

    // 4. The report.
    let mut table = String::new();
    let _ = writeln!(
        table,
        "| API | version | operations | models | lines/op | generation ms | check | replay |"
    );
    let _ = writeln!(table, "|---|---|--:|--:|--:|--:|---|--:|");
    let mut totals = Totals::default();
    for api in &apis {
        let (operations, models, per_operation, check) = match &api.generated {
            Ok(stats) => {
                totals.generated += 1;
                totals.operations += stats.operations;
                totals.models += stats.models;
                totals.lines += stats.lines;
                let check = if !api.checked {
                    "not checked".to_string()
                } else if api.compiled() {
                    totals.compiled += 1;
                    "ok".to_string()
                } else {
                    format!("FAIL: {} clippy, {} rustdoc errors", api.clippy.len(), api.doc.len())
                };
                (
                    stats.operations.to_string(),
                    stats.models.to_string(),
                    stats.lines.checked_div(stats.operations).unwrap_or(0).to_string(),
                    check,
                )
            }
            Err(diagnostic) => {
                let short = diagnostic.lines().next().unwrap_or_default();
                let short = short.split_once(": ").map_or(short, |(_, rest)| rest);
                (
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    format!("generation fails: {}", short.replace('|', "\\|")),
                )
            }
        };
        totals.generation_ms += api.generation_ms;
        let replay = match &api.replay {
            None => "-".to_string(),
            Some(Replay { error: Some(_), .. }) => "ERROR".to_string(),
            Some(replay) => {
                let total = replay.passed + replay.failed.len();
                totals.examples += total;
                totals.passed += replay.passed;
                for (operation, example, message) in &replay.failed {
                    if known_reason(&api.name, operation, example, message).is_some() {
                        totals.known += 1;
                    }
                }
                format!("{}/{total}", replay.passed)
            }
        };
        let _ = writeln!(
            table,
            "| {} | {} | {operations} | {models} | {per_operation} | {:.0} | {check} | {replay} |",
            api.name, api.version, api.generation_ms
        );
    }
    let checked_count = apis.iter().filter(|a| a.checked).count();
    let _ = writeln!(
        table,
        "| total: {} APIs | | {} | {} | {} | {:.0} | {} of {checked_count} checked compile | {}/{} |",
        apis.len(),
        totals.operations,
        totals.models,
        totals.lines.checked_div(totals.operations).unwrap_or(0),
        totals.generation_ms,
        totals.compiled,
        totals.passed,
        totals.examples
    );
    let percent = |part: usize, whole: usize| 100.0 * part as f64 / whole.max(1) as f64;
    let summary = format!(
        "arm_corpus.rs ran ({}): {} of {} API folders generate; {} of {checked_count} checked \
         ({}) pass clippy and rustdoc -D warnings; {} examples: {} replayed ({:.1}%), {} known \
         failures, {} unexpected ({}; `--nocapture` for the table)",
        if all { "ARM_CORPUS_ALL" } else { "the subset" },
        totals.generated,
        apis.len(),
        totals.compiled,
        if all { "all" } else { "SUBSET" },
        totals.examples,
        totals.passed,
        percent(totals.passed, totals.examples),
        totals.known,
        totals.examples - totals.passed - totals.known,
        secs(started.elapsed())
    );
    println!();
    print!("{table}");
    replay_run::print_errors(
        apis.iter().map(|a| (a.name.as_str(), &a.clippy[..], &a.doc[..])),
        apis.iter()
            .find(|a| !a.harness_errors.is_empty())
            .map(|a| (a.harness.as_str(), &a.harness_errors[..])),
    );
    let mut failures = String::new();
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for api in &apis {
        let Some(replay) = &api.replay else { continue };
        if let Some(error) = &replay.error {
            let _ = writeln!(failures, "- {}: ERROR: {error}", api.name);
        }
        for (operation, example, message) in &replay.failed {
            let reason = known_reason(&api.name, operation, example, message);
            if let Some(reason) = reason {
                *reasons.entry(reason).or_default() += 1;
            }
            if verbose || reason.is_none() {
                let _ = writeln!(
                    failures,
                    "- {} {operation} {example}: {message}{}",
                    api.name,
                    if reason.is_none() { " (UNEXPECTED)" } else { "" }
                );
            }
        }
    }
    if !failures.is_empty() {
        println!("\nReplay failures (unexpected ones; CORPUS_VERBOSE=1 lists all):\n{failures}");
    }
    let mut by_reason = String::new();
    let mut reasons: Vec<(&str, usize)> = reasons.into_iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (reason, count) in reasons {
        let _ = writeln!(by_reason, "- {count}: {reason}");
    }
    if !by_reason.is_empty() {
        println!("Known replay failures by reason:\n{by_reason}");
    }
    let time = format!(
        "Time: {} (generate {}, clippy and rustdoc {}, build {}, replay {})",
        secs(started.elapsed()),
        secs(generated_in),
        secs(compiled_in),
        secs(built_in),
        secs(replayed_in)
    );
    println!("{time}");
    write_if_changed(
        &work.join("REPORT.md"),
        &format!(
            "{summary}\n\n{table}\n{time}\n\nKnown replay failures by reason:\n\n{by_reason}\n\
             Replay failures:\n\n{failures}"
        ),
    );
    prerequisites::summary(&summary);

    // 5. The verdict.
    let mut problems = Vec::new();
    for api in &apis {
        let expected = EXPECTED_FAILURES.iter().find(|(name, ..)| *name == api.name);
        match (&api.generated, expected) {
            (Err(diagnostic), None) => problems.push(format!("{} does not generate: {diagnostic}", api.name)),
            (Err(diagnostic), Some((_, part, _))) if !diagnostic.contains(part) => problems.push(format!(
                "{} fails to generate with another diagnostic than EXPECTED_FAILURES says ({part}): {diagnostic}",
                api.name
            )),
            (Ok(_), Some(_)) => problems.push(format!(
                "{} is in EXPECTED_FAILURES but now generates: remove the entry",
                api.name
            )),
            _ => {}
        }
        if api.checked && api.generated.is_ok() && !api.compiled() {
            problems.push(format!("{} does not pass clippy and rustdoc -D warnings", api.name));
        }
        let Some(replay) = &api.replay else { continue };
        if let Some(error) = &replay.error {
            problems.push(format!("{}: {error}", api.name));
        }
        for (operation, example, message) in &replay.failed {
            if known_reason(&api.name, operation, example, message).is_none() {
                problems.push(format!("{} {operation} {example}: {message}", api.name));
            }
        }
    }
    for entry in KNOWN_REPLAY_FAILURES {
        let (api_name, operation, example, message, _) = entry;
        let Some(api) = apis.iter().find(|a| a.name == *api_name) else {
            problems.push(format!("KNOWN_REPLAY_FAILURES names {api_name}, which is no API"));
            continue;
        };
        // Entries of APIs this run does not replay are checked by the run that does.
        let Some(replay) = &api.replay else { continue };
        let matches = replay
            .failed
            .iter()
            .any(|(o, x, m)| known_entry(api_name, o, x, m).is_some_and(|found| std::ptr::eq(found, entry)));
        if !matches {
            problems.push(format!(
                "{api_name} {operation} {example} ({message}) is in KNOWN_REPLAY_FAILURES but matches no failure: remove the entry"
            ));
        }
    }
    // The issue's goal for the replay, on what this run replayed.
    if totals.examples > 0 && percent(totals.passed, totals.examples) < 95.0 {
        problems.push(format!(
            "only {:.1}% of the examples replay; the goal is 95%",
            percent(totals.passed, totals.examples)
        ));
    }
    assert!(
        problems.is_empty(),
        "{} problems in the whole-API corpus:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[derive(Default)]
struct Totals {
    generated: usize,
    compiled: usize,
    operations: usize,
    models: usize,
    lines: usize,
    generation_ms: f64,
    examples: usize,
    passed: usize,
    known: usize,
}
