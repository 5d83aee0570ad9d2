//! Replays every `x-ms-examples` file of a spec against the generated client and a real HTTP
//! server on 127.0.0.1.
//!
//! The examples are discovered from the spec (paths -> methods -> operations -> `x-ms-examples`),
//! never listed here. For each one the server answers with the example's first response, the
//! client is called with the example's parameters through a typed call chosen by operation id,
//! and then:
//! - the request the server received must be the one the spec and the example describe (method,
//!   path, query, API key header, JSON body);
//! - the typed result, serialized back, must be the example's response body, and every response
//!   header the spec documents must come back in the typed headers.
//!
//! Values are compared with [`json_equivalent`], which ignores what JSON can spell in several
//! ways (absent vs. `null` members, UUID letter case, RFC 3339 offsets and precision).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use azure_face::models::{SnapshotApplyMode, SnapshotObjectType};
use azure_face::{Client, Response};
use common::{Recorded, Reply, Server};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

/// The example parameter holding the API key; its value is given to the client.
const KEY_PARAMETER: &str = "Ocp-Apim-Subscription-Key";
/// Example parameters that are not arguments of a call: the client sets them itself.
const NOT_ARGUMENTS: [&str; 3] = ["Endpoint", KEY_PARAMETER, "Content-Type"];
/// The keys of a path item that are operations.
const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

// ----- JSON equivalence (shared with the corpus replay harness) ------------------------------

#[path = "../generator/tests/support/prerequisites.rs"]
mod prerequisites;

#[path = "../generator/tests/replay_harness/src/json_equivalence.rs"]
mod json_equivalence;
use json_equivalence::json_equivalent;

/// `json_equivalent` as an assertion-ready message naming the pointer and both values there.
fn check_equivalent(what: &str, expected: &Value, actual: &Value) -> Result<(), String> {
    json_equivalent(expected, actual).map_err(|pointer| {
        let at = |v: &Value| {
            v.pointer(&pointer)
                .map_or_else(|| "(absent)".to_string(), Value::to_string)
        };
        format!(
            "{what} differs at `{pointer}`: expected {}, got {}\n  expected: {expected}\n  got:      {actual}",
            at(expected),
            at(actual)
        )
    })
}

// ----- discovering the examples ----------------------------------------------------------------

/// A spec file, parsed.
struct Spec {
    file: PathBuf,
    document: Value,
}

impl Spec {
    /// Reads a spec (a leading UTF-8 BOM, as upstream files have, is skipped).
    fn read(file: &Path) -> Spec {
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("cannot read spec {}: {e}", file.display()));
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let document = serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{} is not JSON: {e}", file.display()));
        Spec {
            file: file.to_path_buf(),
            document,
        }
    }

    /// `value` itself, or what its local `$ref` points at.
    fn resolve<'a>(&'a self, value: &'a Value) -> Result<&'a Value, String> {
        match value.get("$ref").and_then(Value::as_str) {
            None => Ok(value),
            Some(reference) => reference
                .strip_prefix('#')
                .and_then(|pointer| self.document.pointer(pointer))
                .ok_or_else(|| format!("{}: cannot resolve $ref `{reference}`", self.file.display())),
        }
    }

    /// Every example of every operation whose id `wanted` accepts, in document order.
    fn examples(&self, wanted: impl Fn(&str) -> bool) -> Vec<Example> {
        let folder = self.file.parent().expect("a spec file has a folder");
        let mut examples = Vec::new();
        for container in ["paths", "x-ms-paths"] {
            let Some(paths) = self.document.get(container).and_then(Value::as_object) else {
                continue;
            };
            for (path_key, item) in paths {
                let Some(item) = item.as_object() else { continue };
                for (method, operation) in item.iter().filter(|(method, _)| METHODS.contains(&method.as_str())) {
                    let operation_id = operation["operationId"].as_str().unwrap_or_default();
                    if !wanted(operation_id) {
                        continue;
                    }
                    let mut parameters = Vec::new();
                    let path_level = item.get("parameters").and_then(Value::as_array).into_iter().flatten();
                    for parameter in path_level.chain(operation["parameters"].as_array().into_iter().flatten()) {
                        parameters.push(self.resolve(parameter).unwrap_or_else(|e| panic!("{e}")).clone());
                    }
                    let listed = operation
                        .get("x-ms-examples")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten();
                    for (title, reference) in listed {
                        let reference = reference["$ref"]
                            .as_str()
                            .unwrap_or_else(|| panic!("{operation_id}: x-ms-examples entry `{title}` has no $ref"));
                        let file = folder.join(reference);
                        let text = std::fs::read(&file)
                            .unwrap_or_else(|e| panic!("{operation_id}: cannot read example {}: {e}", file.display()));
                        let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&text);
                        let (path, fixed_query) = match path_key.split_once('?') {
                            Some((path, query)) => (
                                path,
                                url::form_urlencoded::parse(query.as_bytes()).into_owned().collect(),
                            ),
                            None => (path_key.as_str(), Vec::new()),
                        };
                        let example: Value = serde_json::from_slice(text)
                            .unwrap_or_else(|e| panic!("example {} is not JSON: {e}", file.display()));
                        let arguments = example["parameters"].as_object().cloned().unwrap_or_default();
                        examples.push(Example {
                            name: reference.trim_start_matches("./").to_string(),
                            operation_id: operation_id.to_string(),
                            method: method.to_ascii_uppercase(),
                            path_template: path.to_string(),
                            fixed_query,
                            spec_parameters: parameters.clone(),
                            responses: operation["responses"].clone(),
                            example,
                            arguments,
                        });
                    }
                }
            }
        }
        examples
    }

    /// The path the client's base URL adds in front of every operation path, given the endpoint.
    fn base_path(&self, endpoint: &str) -> Result<String, String> {
        let Some(host) = self.document.get("x-ms-parameterized-host") else {
            return Ok(self.document["basePath"]
                .as_str()
                .unwrap_or_default()
                .trim_end_matches('/')
                .to_string());
        };
        let mut url = host["hostTemplate"]
            .as_str()
            .ok_or("x-ms-parameterized-host has no hostTemplate")?
            .to_string();
        for parameter in host["parameters"].as_array().into_iter().flatten() {
            let name = self.resolve(parameter)?["name"].as_str().unwrap_or_default();
            if name != "Endpoint" {
                return Err(format!("host parameter `{name}` is not supported by this test"));
            }
            url = url.replace("{Endpoint}", endpoint);
        }
        let url = url::Url::parse(&url).map_err(|e| format!("base URL `{url}`: {e}"))?;
        Ok(url.path().trim_end_matches('/').to_string())
    }
}

/// One example file of one operation.
struct Example {
    /// The file, as the spec's `$ref` names it (relative to the spec's folder).
    name: String,
    operation_id: String,
    /// Upper case, as on the wire.
    method: String,
    /// The path key, without the query part an `x-ms-paths` key may have.
    path_template: String,
    /// The query pairs an `x-ms-paths` key fixes.
    fixed_query: Vec<(String, String)>,
    /// The operation's parameters (path-level ones first), `$ref`s resolved.
    spec_parameters: Vec<Value>,
    /// The operation's `responses`.
    responses: Value,
    /// The example file.
    example: Value,
    /// Its `parameters` object (empty when it has none).
    arguments: Map<String, Value>,
}

impl Example {
    /// The example's `parameters`: the call's arguments by the spec's parameter names.
    fn arguments(&self) -> &Map<String, Value> {
        &self.arguments
    }

    /// The name of the operation's body parameter, if it has one.
    fn body_parameter(&self) -> Option<&str> {
        self.spec_parameters
            .iter()
            .find(|p| p["in"] == "body")
            .and_then(|p| p["name"].as_str())
    }

    /// The example's first response: status key and the response object.
    fn first_response(&self) -> Result<(&str, &Value), String> {
        let responses = self.example["responses"]
            .as_object()
            .ok_or("the example has no `responses` object")?;
        responses
            .iter()
            .next()
            .map(|(status, response)| (status.as_str(), response))
            .ok_or_else(|| "the example has no response".to_string())
    }
}

/// The `headers` of an example response; upstream examples spell the key `header`.
fn example_headers(response: &Value) -> Vec<(String, String)> {
    ["headers", "header"]
        .into_iter()
        .filter_map(|key| response.get(key).and_then(Value::as_object))
        .flatten()
        .map(|(name, value)| (name.clone(), scalar_text(value)))
        .collect()
}

/// A scalar as text in a URL or header: strings as they are, anything else as JSON.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

// ----- calling the client ----------------------------------------------------------------------

/// The example's arguments, taken one by one by a dispatch arm; [`Args::finish`] fails when the
/// arm left one unused, so an example cannot carry a parameter the replay silently drops.
struct Args {
    parameters: Map<String, Value>,
    body_name: Option<String>,
    body: Map<String, Value>,
    used: BTreeSet<String>,
    used_body: BTreeSet<String>,
}

impl Args {
    fn new(example: &Example) -> Result<Args, String> {
        let parameters = example.arguments().clone();
        let body_name = example.body_parameter().map(str::to_string);
        let body = match body_name.as_deref().and_then(|name| parameters.get(name)) {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(body)) => body.clone(),
            Some(other) => return Err(format!("the example's body is not an object: {other}")),
        };
        Ok(Args {
            parameters,
            body_name,
            body,
            used: BTreeSet::new(),
            used_body: BTreeSet::new(),
        })
    }

    fn decode<T: DeserializeOwned>(what: &str, value: &Value) -> Result<T, String> {
        T::deserialize(value).map_err(|e| format!("{what} {value}: {e}"))
    }

    /// A required path or query parameter.
    fn param<T: DeserializeOwned>(&mut self, name: &str) -> Result<T, String> {
        self.param_opt(name)?
            .ok_or_else(|| format!("the example has no parameter `{name}`"))
    }

    /// An optional path or query parameter (`null` counts as absent).
    fn param_opt<T: DeserializeOwned>(&mut self, name: &str) -> Result<Option<T>, String> {
        self.used.insert(name.to_string());
        match self.parameters.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => Self::decode(&format!("parameter `{name}`"), value).map(Some),
        }
    }

    /// A required property of the flattened body.
    fn body<T: DeserializeOwned>(&mut self, name: &str) -> Result<T, String> {
        self.body_opt(name)?
            .ok_or_else(|| format!("the example's body has no property `{name}`"))
    }

    /// An optional property of the flattened body (`null` counts as absent).
    fn body_opt<T: DeserializeOwned>(&mut self, name: &str) -> Result<Option<T>, String> {
        self.used_body.insert(name.to_string());
        match self.body.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => Self::decode(&format!("body property `{name}`"), value).map(Some),
        }
    }

    /// Fails when a parameter or body property of the example was not passed to the client.
    fn finish(&self) -> Result<(), String> {
        let unused: Vec<&String> = self
            .parameters
            .keys()
            .filter(|name| !NOT_ARGUMENTS.contains(&name.as_str()))
            .filter(|name| Some(name.as_str()) != self.body_name.as_deref())
            .filter(|name| !self.used.contains(*name))
            .collect();
        let unused_body: Vec<&String> = self
            .body
            .keys()
            .filter(|name| !self.used_body.contains(*name))
            .collect();
        if unused.is_empty() && unused_body.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "the dispatch arm ignored parameters {unused:?} and body properties {unused_body:?}"
            ))
        }
    }
}

/// What a call returned, made comparable with the example.
struct Outcome {
    status: u16,
    /// `response.value()` serialized (`null` for operations without a body).
    value: Value,
    /// The typed response headers, by the name the spec documents.
    headers: Vec<(&'static str, Option<String>)>,
}

impl Outcome {
    fn of<T: Serialize, H>(response: &Response<T, H>) -> Result<Outcome, String> {
        let value =
            serde_json::to_value(response.value()).map_err(|e| format!("cannot serialize the typed value: {e}"))?;
        Ok(Outcome {
            status: response.status().as_u16(),
            value,
            headers: Vec::new(),
        })
    }

    fn header(mut self, name: &'static str, value: Option<String>) -> Self {
        self.headers.push((name, value));
        self
    }
}

fn call_failed(error: azure_face::Error) -> String {
    format!("the call failed: {error}")
}

/// Calls the operation `operation_id` through its typed method, with the example's arguments.
async fn call(client: &Client, operation_id: &str, args: &mut Args) -> Result<Outcome, String> {
    use azure_face::operations::snapshot;
    let snapshot = client.snapshot();
    let outcome = match operation_id {
        "Snapshot_Take" => {
            let options = snapshot::TakeOptions {
                user_data: args.body_opt("userData")?,
                ..Default::default()
            };
            let call = snapshot.take(
                args.body::<SnapshotObjectType>("type")?,
                args.body::<String>("objectId")?,
                args.body::<Vec<Uuid>>("applyScope")?,
                Some(options),
            );
            let response = call.await.map_err(call_failed)?;
            Outcome::of(&response)?.header(
                "Operation-Location",
                response.typed_headers().operation_location.clone(),
            )
        }
        "Snapshot_List" => {
            let options = snapshot::ListOptions {
                type_: args.param_opt("type")?,
                apply_scope: args.param_opt("applyScope")?,
                ..Default::default()
            };
            Outcome::of(&snapshot.list(Some(options)).await.map_err(call_failed)?)?
        }
        "Snapshot_Get" => Outcome::of(
            &snapshot
                .get(args.param("snapshotId")?, None)
                .await
                .map_err(call_failed)?,
        )?,
        "Snapshot_Update" => {
            let options = snapshot::UpdateOptions {
                apply_scope: args.body_opt("applyScope")?,
                user_data: args.body_opt("userData")?,
                ..Default::default()
            };
            Outcome::of(
                &snapshot
                    .update(args.param("snapshotId")?, Some(options))
                    .await
                    .map_err(call_failed)?,
            )?
        }
        "Snapshot_Delete" => Outcome::of(
            &snapshot
                .delete(args.param("snapshotId")?, None)
                .await
                .map_err(call_failed)?,
        )?,
        "Snapshot_Apply" => {
            let options = snapshot::ApplyOptions {
                mode: args.body_opt::<SnapshotApplyMode>("mode")?,
                ..Default::default()
            };
            let call = snapshot.apply(
                args.param("snapshotId")?,
                args.body::<String>("objectId")?,
                Some(options),
            );
            let response = call.await.map_err(call_failed)?;
            Outcome::of(&response)?.header(
                "Operation-Location",
                response.typed_headers().operation_location.clone(),
            )
        }
        "Snapshot_GetOperationStatus" => Outcome::of(
            &snapshot
                .get_operation_status(args.param("operationId")?, None)
                .await
                .map_err(call_failed)?,
        )?,
        other => {
            return Err(format!(
                "operation `{other}` has no dispatch arm in tests/examples.rs: add one that calls its typed method"
            ))
        }
    };
    args.finish()?;
    Ok(outcome)
}

// ----- one replay ------------------------------------------------------------------------------

/// Replays one example; `Err` says what went wrong.
async fn replay(spec: &Spec, example: &Example) -> Result<(), String> {
    let parameters = example.arguments();
    let key = parameters
        .get(KEY_PARAMETER)
        .and_then(Value::as_str)
        .ok_or(format!("the example has no `{KEY_PARAMETER}`"))?;
    let (status_key, response) = example.first_response()?;
    let status: u16 = status_key
        .parse()
        .map_err(|_| format!("the first response of the example is `{status_key}`, not a status code"))?;
    let headers = example_headers(response);
    let body = response.get("body");

    let server = Server::start().await;
    let mut reply = match body {
        Some(body) => Reply::json(status, body),
        None => Reply::status(status),
    };
    for (name, value) in &headers {
        reply = reply.header(name, value);
    }
    server.reply(reply);

    let client = Client::new(server.endpoint(), key).map_err(|e| format!("cannot build the client: {e}"))?;
    let mut args = Args::new(example)?;
    let outcome = call(&client, &example.operation_id, &mut args).await;
    let requests = server.requests();
    let [request] = requests.as_slice() else {
        return Err(match outcome {
            Err(message) => message,
            Ok(_) => format!("expected exactly one request, got {}: {requests:#?}", requests.len()),
        });
    };
    check_request(spec, example, &server.endpoint(), key, request)?;
    let outcome = outcome?;

    if outcome.status != status {
        return Err(format!("status {} instead of the example's {status}", outcome.status));
    }
    check_equivalent("the typed response value", body.unwrap_or(&Value::Null), &outcome.value)?;

    let documented = example
        .responses
        .get(status_key)
        .or_else(|| example.responses.get("default"));
    let documented = documented.ok_or(format!("the spec documents no response {status_key}"))?;
    let documented: Vec<&String> = documented
        .get("headers")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(Map::keys)
        .collect();
    for name in &documented {
        let typed = outcome
            .headers
            .iter()
            .find(|(typed, _)| typed.eq_ignore_ascii_case(name));
        let (_, typed) = typed.ok_or(format!(
            "the dispatch arm does not report the documented header `{name}`"
        ))?;
        let sent = headers
            .iter()
            .find(|(sent, _)| sent.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.clone());
        if *typed != sent {
            return Err(format!("typed header `{name}` is {typed:?}, the example sent {sent:?}"));
        }
    }
    if let Some((name, _)) = outcome
        .headers
        .iter()
        .find(|(typed, _)| !documented.iter().any(|d| d.eq_ignore_ascii_case(typed)))
    {
        return Err(format!(
            "the dispatch arm reports header `{name}`, which the spec does not document for {status_key}"
        ));
    }
    Ok(())
}

/// The request must be the one the spec's operation and the example's parameters describe.
fn check_request(spec: &Spec, example: &Example, endpoint: &str, key: &str, request: &Recorded) -> Result<(), String> {
    let parameters = example.arguments();
    if request.method != example.method {
        return Err(format!("method {} instead of {}", request.method, example.method));
    }

    // Path: the base path of the client, then the template with the example's path parameters.
    let mut expected_path = spec.base_path(endpoint)?;
    let mut rest = example.path_template.as_str();
    while let Some(start) = rest.find('{') {
        let end = rest[start..]
            .find('}')
            .map(|end| start + end)
            .ok_or(format!("unclosed `{{` in {}", example.path_template))?;
        let name = &rest[start + 1..end];
        let value = parameters
            .get(name)
            .ok_or(format!("the example has no path parameter `{name}`"))?;
        expected_path.push_str(&rest[..start]);
        expected_path.push_str(&scalar_text(value));
        rest = &rest[end + 1..];
    }
    expected_path.push_str(rest);
    let decoded: Vec<Value> = request
        .path
        .split('/')
        .map(|segment| {
            Value::String(
                percent_encoding::percent_decode_str(segment)
                    .decode_utf8_lossy()
                    .into_owned(),
            )
        })
        .collect();
    let expected: Vec<Value> = expected_path
        .split('/')
        .map(|segment| Value::String(segment.to_string()))
        .collect();
    check_equivalent(
        &format!("the path (expected {expected_path}, got {})", request.path),
        &Value::Array(expected),
        &Value::Array(decoded),
    )?;

    // Query: the example's query parameters; arrays joined as their collectionFormat says.
    let mut separators = Vec::new();
    let mut expected: Vec<(String, Value)> = example
        .fixed_query
        .iter()
        .map(|(name, value)| (name.clone(), Value::String(value.clone())))
        .collect();
    for parameter in example.spec_parameters.iter().filter(|p| p["in"] == "query") {
        let name = parameter["name"].as_str().unwrap_or_default();
        let Some(value) = parameters.get(name).filter(|v| !v.is_null()) else {
            continue;
        };
        if parameter["type"] != "array" {
            expected.push((name.to_string(), Value::String(scalar_text(value))));
            continue;
        }
        let items: Vec<Value> = value
            .as_array()
            .ok_or(format!(
                "query parameter `{name}` is an array, the example gives {value}"
            ))?
            .iter()
            .map(|item| Value::String(scalar_text(item)))
            .collect();
        match parameter["collectionFormat"].as_str().unwrap_or("csv") {
            "multi" => expected.extend(items.into_iter().map(|item| (name.to_string(), item))),
            format => {
                let separator = match format {
                    "csv" => ",",
                    "ssv" => " ",
                    "tsv" => "\t",
                    "pipes" => "|",
                    other => {
                        return Err(format!(
                            "query parameter `{name}` has unknown collectionFormat `{other}`"
                        ))
                    }
                };
                separators.push((name.to_string(), separator));
                expected.push((name.to_string(), Value::Array(items)));
            }
        }
    }
    let mut actual: Vec<(String, Value)> = request
        .query_pairs()
        .into_iter()
        .map(|(name, value)| {
            let value = match separators.iter().find(|(array, _)| *array == name) {
                Some((_, separator)) => Value::Array(
                    value
                        .split(separator)
                        .map(|item| Value::String(item.to_string()))
                        .collect(),
                ),
                None => Value::String(value),
            };
            (name, value)
        })
        .collect();
    // The order of different names does not matter; that of repeated (`multi`) ones does.
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    actual.sort_by(|a, b| a.0.cmp(&b.0));
    let as_json = |pairs: Vec<(String, Value)>| {
        Value::Array(
            pairs
                .into_iter()
                .map(|(n, v)| Value::Array(vec![Value::String(n), v]))
                .collect(),
        )
    };
    check_equivalent("the query pairs", &as_json(expected), &as_json(actual))?;

    let sent_key = request.header(&KEY_PARAMETER.to_ascii_lowercase());
    if sent_key != Some(key) {
        return Err(format!(
            "header {KEY_PARAMETER} is {sent_key:?}, the example's key is {key:?}"
        ));
    }

    // Body: the example's body parameter, as JSON.
    match example.body_parameter().and_then(|name| parameters.get(name)) {
        Some(body) => {
            let content_type = request.header("content-type").unwrap_or_default();
            if !content_type.starts_with("application/json") {
                return Err(format!("content-type {content_type:?} for a JSON body"));
            }
            let sent: Value = serde_json::from_slice(&request.body).map_err(|e| {
                format!(
                    "the request body is not JSON ({e}): {}",
                    String::from_utf8_lossy(&request.body)
                )
            })?;
            check_equivalent("the request body", body, &sent)?;
        }
        None if !request.body.is_empty() => {
            return Err(format!(
                "the example has no body, the client sent {}",
                String::from_utf8_lossy(&request.body)
            ));
        }
        None => {}
    }
    Ok(())
}

/// Replays every example of the operations `wanted` accepts; returns how many there were.
async fn replay_all(spec_file: &Path, wanted: impl Fn(&str) -> bool) -> usize {
    let spec = Spec::read(spec_file);
    let examples = spec.examples(wanted);
    let mut failures = Vec::new();
    for example in &examples {
        match replay(&spec, example).await {
            Ok(()) => println!("replayed {} ({})", example.name, example.operation_id),
            Err(message) => failures.push(format!("{} ({}): {message}", example.name, example.operation_id)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples of {} failed:\n{}",
        failures.len(),
        examples.len(),
        spec_file.display(),
        failures.join("\n")
    );
    examples.len()
}

#[tokio::test]
async fn every_example_of_the_project_spec_replays() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/face-snapshot.json");
    let replayed = replay_all(&spec, |_| true).await;
    assert_eq!(replayed, 7, "one example per snapshot operation");
}

#[tokio::test]
async fn every_upstream_snapshot_example_replays() {
    let Some(dir) = prerequisites::specs_dir("examples.rs (the upstream Face spec's snapshot examples)") else {
        return;
    };
    let spec = dir.join("cognitiveservices/Face/stable/v1.0/Face.json");
    assert!(spec.is_file(), "upstream Face spec not found at {}", spec.display());
    let replayed = replay_all(&spec, |id| id.starts_with("Snapshot_")).await;
    assert_eq!(replayed, 7, "one upstream example per snapshot operation");
}

// ----- the equivalence itself ------------------------------------------------------------------

#[cfg(test)]
mod equivalence {
    use super::json_equivalent;
    use serde_json::json;

    #[test]
    fn accepts_what_only_differs_in_spelling() {
        let expected = json!({
            "id": "5A0C8E3D-91B2-4F47-A6D8-2E4B7C1F9A63",
            "time": "2024-03-14T08:15:30.1234567Z",
            "message": null,
            "list": [1, 2.5, true, null],
            "name": "same"
        });
        let actual = json!({
            "name": "same",
            "list": [1.0, 2.5, true, null],
            "time": "2024-03-14T09:15:30.123456700+01:00",
            "id": "5a0c8e3d-91b2-4f47-a6d8-2e4b7c1f9a63"
        });
        assert_eq!(json_equivalent(&expected, &actual), Ok(()));
        assert_eq!(json_equivalent(&actual, &expected), Ok(()), "symmetric");
        assert_eq!(
            json_equivalent(&json!({}), &json!({"extra": null})),
            Ok(()),
            "null is absent, both ways"
        );
    }

    #[test]
    fn reports_the_pointer_of_the_first_difference() {
        let cases = [
            (json!({"a": "x"}), json!({"a": "y"}), "/a"),
            (json!({"a": "X"}), json!({"a": "x"}), "/a"), // case only matters away from UUIDs
            (
                json!({"id": "5a0c8e3d-91b2-4f47-a6d8-2e4b7c1f9a63"}),
                json!({"id": "5a0c8e3d-91b2-4f47-a6d8-2e4b7c1f9a64"}),
                "/id",
            ),
            (
                json!({"t": "2024-03-14T08:15:30.1234567Z"}),
                json!({"t": "2024-03-14T08:15:30.1234568Z"}),
                "/t",
            ),
            (
                json!({"t": "2024-03-14T08:15:30Z"}),
                json!({"t": "2024-03-14T08:15:30+01:00"}),
                "/t",
            ),
            (json!({"n": 1}), json!({"n": 2}), "/n"),
            (json!({"n": 1}), json!({"n": "1"}), "/n"),
            (json!({"b": true}), json!({"b": false}), "/b"),
            (json!({"m": null}), json!({"m": "set"}), "/m"),
            (json!({}), json!({"extra": 0}), "/extra"),
            (json!({"l": [1, 2, 3]}), json!({"l": [1, 2]}), "/l/2"),
            (json!({"l": [1, 2]}), json!({"l": [2, 1]}), "/l/0"),
            (
                json!({"a": {"b": [{"c": 1}]}}),
                json!({"a": {"b": [{"c": 1, "d": 2}]}}),
                "/a/b/0/d",
            ),
            (json!({"a/b": {"c~d": 1}}), json!({"a/b": {"c~d": 2}}), "/a~1b/c~0d"),
            (json!([1]), json!({"0": 1}), ""),
            (json!("x"), json!(null), ""),
        ];
        for (expected, actual, pointer) in cases {
            assert_eq!(
                json_equivalent(&expected, &actual),
                Err(pointer.to_string()),
                "{expected} vs {actual}"
            );
        }
    }

    #[test]
    fn the_first_difference_is_in_the_expected_order() {
        let expected = json!({"z": 1, "a": 1});
        let actual = json!({"a": 2, "z": 2});
        assert_eq!(json_equivalent(&expected, &actual), Err("/z".to_string()));
    }
}
