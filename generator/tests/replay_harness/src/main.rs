//! Replays every `x-ms-examples` file of one API through its generated client against a real
//! HTTP/1.1 server on 127.0.0.1. The template of the corpus tests (generator/tests/corpus.rs,
//! generator/tests/arm_corpus.rs), which build one copy per API with the client crate, generated
//! with its `replay` module, renamed `api`.
//!
//! Usage: `HARNESS SPEC NAME`, where SPEC is a spec file or a folder (the API of every `*.json`
//! directly inside it, in name order, as the generator reads a folder). For every example of
//! every operation (paths and x-ms-paths), in file and document order (an operation found in
//! several files with the same example file once), the server answers with the example's first
//! 2xx response (a long-running operation's first answer: the call is awaited, not polled), the
//! client is built with `api::replay::client_for` and called with `api::replay::invoke`, and
//! then:
//! - the one request the server received must be the one the spec and the example describe:
//!   method, path (the base path of the operation's file, then the template with the example's
//!   path parameters), the query and header parameters the example gives, the API key, and the
//!   body (JSON compared with [`json_equivalent`], a binary body byte for byte, form fields by
//!   name and value);
//! - the status must be the example's, and the typed value serialized again must be equivalent to
//!   the example's response body (a binary body, or any body of an operation that produces no
//!   JSON: its length; no body of a HEAD that documents 404: `true`, the resource exists).
//!
//! An example without `subscriptionId` (an Azure Resource Manager operation outside any
//! subscription, such as `Operations_List`) builds its client with a placeholder one.
//!
//! Prints `ok NAME OPERATION EXAMPLE` or `FAIL NAME OPERATION EXAMPLE: REASON` per example, then
//! `N passed, M failed`; exits with 1 when an example failed.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{Map, Value};
use tokio::net::TcpListener;

/// The keys of a path item that are operations.
const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

// ----- JSON equivalence (the project's rule, in json_equivalence.rs beside this file) ------------

mod json_equivalence;
use json_equivalence::{json_equivalent, strings_equivalent};

/// `json_equivalent` as a message naming the pointer and both values there.
fn check_equivalent(what: &str, expected: &Value, actual: &Value) -> Result<(), String> {
    json_equivalent(expected, actual).map_err(|pointer| {
        let at = |v: &Value| {
            v.pointer(&pointer)
                .map_or_else(|| "(absent)".to_string(), Value::to_string)
        };
        format!(
            "{what} differs at `{pointer}`: expected {}, got {}",
            at(expected),
            at(actual)
        )
    })
}

// ----- the server (as in tests/common/mod.rs) -----------------------------------------------------

/// A request as the server received it.
#[derive(Debug, Clone)]
struct Recorded {
    method: String,
    /// The path exactly as sent (still percent-encoded).
    path: String,
    query: Option<String>,
    headers: hyper::HeaderMap,
    body: Vec<u8>,
}

impl Recorded {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn query_pairs(&self) -> Vec<(String, String)> {
        let query = self.query.as_deref().unwrap_or_default();
        url::form_urlencoded::parse(query.as_bytes()).into_owned().collect()
    }
}

/// The scripted reply.
#[derive(Debug, Clone)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

#[derive(Default)]
struct State {
    requests: Vec<Recorded>,
    replies: VecDeque<Reply>,
}

/// The server; it stops when the runtime ends.
struct Server {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl Server {
    async fn start(reply: Reply) -> Result<Server, String> {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| format!("cannot bind 127.0.0.1: {e}"))?;
        let addr = listener.local_addr().map_err(|e| format!("no local address: {e}"))?;
        let state = Arc::new(Mutex::new(State::default()));
        state.lock().unwrap().replies.push_back(reply);
        let shared = state.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let state = shared.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req: hyper::Request<Incoming>| {
                        let state = state.clone();
                        async move { Ok::<_, Infallible>(answer(&state, req).await) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(Server { addr, state })
    }

    fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }
}

async fn answer(state: &Mutex<State>, req: hyper::Request<Incoming>) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = req.into_parts();
    let body = body.collect().await.map(|b| b.to_bytes().to_vec()).unwrap_or_default();
    let reply = {
        let mut state = state.lock().unwrap();
        state.requests.push(Recorded {
            method: parts.method.to_string(),
            path: parts.uri.path().to_string(),
            query: parts.uri.query().map(str::to_string),
            headers: parts.headers,
            body,
        });
        state.replies.pop_front()
    };
    let reply = reply.unwrap_or_else(|| Reply {
        status: 599,
        headers: Vec::new(),
        body: b"no reply was scripted for this request".to_vec(),
    });
    let mut response = hyper::Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() = hyper::StatusCode::from_u16(reply.status).unwrap_or(hyper::StatusCode::OK);
    for (name, value) in &reply.headers {
        // An example header that HTTP cannot carry is left out.
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::from_bytes(name.as_bytes()),
            hyper::header::HeaderValue::from_str(value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response
}

// ----- the spec ----------------------------------------------------------------------------------

/// Reads a JSON file (a leading UTF-8 BOM, as upstream files have, is skipped).
fn read_json(file: &Path) -> Result<Value, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    serde_json::from_slice(bytes).map_err(|e| format!("{} is not JSON: {e}", file.display()))
}

/// The spec and the files its `$ref`s reach.
struct Documents {
    files: HashMap<PathBuf, Value>,
}

impl Documents {
    /// `value` (found in `file`) itself, or what its `$ref`s lead to, in whichever file.
    fn resolve(&mut self, file: &Path, value: &Value) -> Result<Value, String> {
        let (mut file, mut value) = (file.to_path_buf(), value.clone());
        for _ in 0..16 {
            let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
                return Ok(value);
            };
            let (target, pointer) = reference.split_once('#').unwrap_or((reference, ""));
            if !target.is_empty() {
                file = file.parent().unwrap_or(Path::new(".")).join(target);
            }
            if !self.files.contains_key(&file) {
                let document = read_json(&file)?;
                self.files.insert(file.clone(), document);
            }
            value = self.files[&file]
                .pointer(pointer)
                .cloned()
                .ok_or_else(|| format!("cannot resolve $ref `{reference}`"))?;
        }
        Err("a $ref chain is too long".into())
    }
}

/// The value of a required parameter that can hold one value only (a constant), if it is one.
fn constant_value(parameter: &Value) -> Option<String> {
    let model_as_string = parameter.pointer("/x-ms-enum/modelAsString").and_then(Value::as_bool) == Some(true);
    match parameter.get("enum").and_then(Value::as_array) {
        Some(values) if values.len() == 1 && parameter["required"] == true && !model_as_string => {
            Some(scalar_text(&values[0]))
        }
        _ => None,
    }
}

/// One example of one operation.
struct Example {
    /// The example file, as the spec's `$ref` names it (relative to the spec's folder).
    name: String,
    /// The index in [`Spec::files`] of the spec file that has the operation.
    file: usize,
    operation_id: String,
    /// Upper case, as on the wire.
    method: String,
    /// The path key without the query part an `x-ms-paths` key may have.
    path_template: String,
    /// The operation's parameters (path-level ones first, overridden by the operation's),
    /// `$ref`s resolved.
    parameters: Vec<Value>,
    /// The operation's `responses`, `$ref`s resolved.
    responses: Map<String, Value>,
    /// The media types the operation produces (its own `produces`, else its file's).
    produces: Vec<String>,
    /// The example file.
    example: Value,
}

impl Example {
    fn arguments(&self) -> Map<String, Value> {
        self.example["parameters"].as_object().cloned().unwrap_or_default()
    }

    /// The spec parameters that travel `place` (`query`, `header`, `body`, `formData`).
    fn spec_parameters<'a>(&'a self, place: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.parameters.iter().filter(move |p| p["in"] == place)
    }

    /// The example's first 2xx response: status and the response object.
    fn first_success(&self) -> Result<(u16, &Value), String> {
        self.example["responses"]
            .as_object()
            .ok_or("the example has no `responses` object")?
            .iter()
            .find_map(|(status, response)| {
                let status = status.parse::<u16>().ok().filter(|s| (200..300).contains(s))?;
                Some((status, response))
            })
            .ok_or_else(|| "the example has no 2xx response".to_string())
    }

    /// Whether the spec's response `status` is raw bytes: `type: file` or `format: binary`, or
    /// any body when the operation produces no JSON media type (`text/powershell`, say), which
    /// the generated client hands over as bytes too.
    fn binary_response(&self, status: u16) -> bool {
        let schema = &self.responses.get(&status.to_string()).unwrap_or(&Value::Null)["schema"];
        let json = |media_type: &String| {
            let essence = media_type.split(';').next().unwrap_or_default().trim();
            essence == "application/json" || essence.ends_with("+json") || essence == "text/json"
        };
        schema["type"] == "file"
            || schema["format"] == "binary"
            || schema["format"] == "file"
            || (!schema.is_null() && !self.produces.is_empty() && !self.produces.iter().any(json))
    }
}

/// The API: one spec file, or every `*.json` directly inside a folder.
struct Spec {
    /// The spec files and their documents.
    files: Vec<(PathBuf, Value)>,
    documents: Documents,
}

impl Spec {
    fn read(path: &Path) -> Result<Spec, String> {
        let paths = if path.is_dir() {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?
                .flatten()
                .map(|entry| entry.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
                .collect();
            paths.sort();
            if paths.is_empty() {
                return Err(format!("{} holds no *.json file", path.display()));
            }
            paths
        } else {
            vec![path.to_path_buf()]
        };
        let files = paths
            .into_iter()
            .map(|file| read_json(&file).map(|document| (file, document)))
            .collect::<Result<_, _>>()?;
        Ok(Spec {
            files,
            documents: Documents { files: HashMap::new() },
        })
    }

    /// Every example of every operation, in file and document order; an operation that several
    /// files repeat has its examples once.
    fn examples(&mut self) -> Result<Vec<Example>, String> {
        let mut examples: Vec<Example> = Vec::new();
        for index in 0..self.files.len() {
            for example in self.examples_of(index)? {
                let seen = examples
                    .iter()
                    .any(|e| e.operation_id == example.operation_id && e.name == example.name);
                if !seen {
                    examples.push(example);
                }
            }
        }
        Ok(examples)
    }

    /// The examples of the operations of one spec file.
    fn examples_of(&mut self, index: usize) -> Result<Vec<Example>, String> {
        let (file, document) = self.files[index].clone();
        let folder = file.parent().unwrap_or(Path::new(".")).to_path_buf();
        let mut examples = Vec::new();
        for container in ["paths", "x-ms-paths"] {
            let Some(paths) = document.get(container).and_then(Value::as_object).cloned() else {
                continue;
            };
            for (path_key, item) in &paths {
                let item = self.documents.resolve(&file, item)?;
                let path_level = item["parameters"].as_array().cloned().unwrap_or_default();
                for (method, operation) in item.as_object().into_iter().flatten() {
                    if !METHODS.contains(&method.as_str()) {
                        continue;
                    }
                    let operation_id = operation["operationId"].as_str().unwrap_or_default().to_string();
                    let mut parameters: Vec<Value> = Vec::new();
                    let own = operation["parameters"].as_array().cloned().unwrap_or_default();
                    for parameter in path_level.iter().chain(&own) {
                        let parameter = self.documents.resolve(&file, parameter)?;
                        // An operation parameter replaces a path-level one of the same name and place.
                        parameters.retain(|p| p["name"] != parameter["name"] || p["in"] != parameter["in"]);
                        parameters.push(parameter);
                    }
                    let mut responses = Map::new();
                    for (status, response) in operation["responses"].as_object().into_iter().flatten() {
                        responses.insert(status.clone(), self.documents.resolve(&file, response)?);
                    }
                    let path = path_key.split('?').next().unwrap_or_default().to_string();
                    let media_types = |value: &Value| -> Option<Vec<String>> {
                        let list = value["produces"].as_array()?;
                        Some(list.iter().filter_map(Value::as_str).map(str::to_string).collect())
                    };
                    let produces = media_types(operation).or_else(|| media_types(&document)).unwrap_or_default();
                    for (title, reference) in operation["x-ms-examples"].as_object().into_iter().flatten() {
                        let reference = reference["$ref"]
                            .as_str()
                            .ok_or(format!("{operation_id}: x-ms-examples entry `{title}` has no $ref"))?;
                        examples.push(Example {
                            name: reference.trim_start_matches("./").to_string(),
                            file: index,
                            operation_id: operation_id.clone(),
                            method: method.to_ascii_uppercase(),
                            path_template: path.clone(),
                            parameters: parameters.clone(),
                            responses: responses.clone(),
                            produces: produces.clone(),
                            example: read_json(&folder.join(reference))?,
                        });
                    }
                }
            }
        }
        Ok(examples)
    }

    /// The path every request path of spec file `index` starts with: that of the host template
    /// (with `endpoint` for the endpoint parameter and the example's values for the others) and
    /// of `basePath`.
    fn base_path(&mut self, index: usize, endpoint: &str, arguments: &Map<String, Value>) -> Result<String, String> {
        let (file, document) = self.files[index].clone();
        let base_path = document["basePath"].as_str().unwrap_or_default().to_string();
        let host = document["x-ms-parameterized-host"].clone();
        let Some(template) = host["hostTemplate"].as_str() else {
            return Ok(base_path.trim_end_matches('/').to_string());
        };
        let mut parameters = Vec::new();
        for parameter in host["parameters"].as_array().into_iter().flatten() {
            parameters.push(self.documents.resolve(&file, parameter)?);
        }
        let is_endpoint = |name: &str| {
            let name = name.to_ascii_lowercase();
            ["endpoint", "url", "host"].iter().any(|w| name.contains(w))
        };
        let endpoint_name = parameters
            .iter()
            .filter_map(|p| p["name"].as_str())
            .find(|name| is_endpoint(name))
            .or_else(|| parameters.first().and_then(|p| p["name"].as_str()))
            .unwrap_or_default()
            .to_string();
        let mut url = template.to_string();
        for parameter in &parameters {
            let name = parameter["name"].as_str().unwrap_or_default();
            let value = if name == endpoint_name {
                endpoint.to_string()
            } else {
                arguments
                    .get(name)
                    .or(parameter.get("default"))
                    .map(scalar_text)
                    .ok_or(format!("the example has no host parameter `{name}`"))?
            };
            url = url.replace(&format!("{{{name}}}"), &value);
        }
        if !url.contains("://") {
            url = format!("http://{url}");
        }
        let url = url::Url::parse(&format!("{url}{base_path}")).map_err(|e| format!("base URL `{url}`: {e}"))?;
        Ok(url.path().trim_end_matches('/').to_string())
    }

    /// Names of the API-key headers the security definitions of spec file `index` declare.
    fn key_headers(&self, index: usize) -> Vec<String> {
        self.files[index].1["securityDefinitions"]
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(_, scheme)| scheme["type"] == "apiKey" && scheme["in"] == "header")
            .filter_map(|(_, scheme)| scheme["name"].as_str().map(str::to_string))
            .collect()
    }
}

/// The `headers` of an example response; upstream examples also spell the key `header`.
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

/// An array parameter's separator (`collectionFormat`); `None` for `multi`.
fn separator(parameter: &Value) -> Result<Option<&'static str>, String> {
    Ok(Some(match parameter["collectionFormat"].as_str().unwrap_or("csv") {
        "csv" => ",",
        "ssv" => " ",
        "tsv" => "\t",
        "pipes" => "|",
        "multi" => return Ok(None),
        other => return Err(format!("unknown collectionFormat `{other}`")),
    }))
}

/// A parameter's value as it travels in a query or header: arrays joined.
fn wire_text(parameter: &Value, value: &Value) -> Result<Vec<String>, String> {
    match value.as_array() {
        Some(items) => {
            let items: Vec<String> = items.iter().map(scalar_text).collect();
            Ok(match separator(parameter)? {
                Some(separator) => vec![items.join(separator)],
                None => items,
            })
        }
        None => Ok(vec![scalar_text(value)]),
    }
}

// ----- one replay --------------------------------------------------------------------------------

/// Replays one example; `Err` says what went wrong.
async fn replay(spec: &mut Spec, example: &Example) -> Result<(), String> {
    let arguments = example.arguments();
    let parameters = Value::Object(arguments.clone());
    let (status, response) = example.first_success()?;
    let binary = example.binary_response(status);
    let body = response.get("body");
    let mut headers = example_headers(response);
    // A binary body is the example's string; anything else is sent as JSON.
    let (content_type, reply_body) = match body {
        None => (None, Vec::new()),
        Some(Value::String(text)) if binary => (Some("application/octet-stream"), text.clone().into_bytes()),
        Some(body) => (Some("application/json"), body.to_string().into_bytes()),
    };
    headers.extend(content_type.map(|t| ("content-type".to_string(), t.to_string())));
    let sent_bytes = reply_body.len();
    let server = Server::start(Reply {
        status,
        headers,
        body: reply_body,
    })
    .await?;

    // An Azure Resource Manager client takes the subscription when it is built; an example of
    // an operation that does not use it (`Operations_List`) does not give one.
    let mut client_parameters = arguments.clone();
    client_parameters
        .entry("subscriptionId")
        .or_insert_with(|| Value::from("00000000-0000-0000-0000-000000000000"));
    let client = api::replay::client_for(&server.endpoint(), &Value::Object(client_parameters))?;
    let outcome = api::replay::invoke(&client, &example.operation_id, &parameters).await;
    let requests = server.requests();
    let [request] = requests.as_slice() else {
        return Err(match outcome {
            Err(message) => message,
            Ok(_) => format!("expected one request, the server received {}", requests.len()),
        });
    };
    check_request(spec, example, &server.endpoint(), &arguments, request)?;
    let outcome = outcome?;
    if outcome.status != status {
        return Err(format!("status {} instead of the example's {status}", outcome.status));
    }
    if binary {
        if outcome.value != sent_bytes {
            return Err(format!("binary value {} instead of {sent_bytes} bytes", outcome.value));
        }
        return Ok(());
    }
    // A HEAD operation that documents 404 asks whether the resource exists: its value for a
    // success is `true` (AutoRest's rule, and the generator's).
    let exists = example.method == "HEAD" && example.responses.contains_key("404");
    let expected = match body {
        Some(body) => body.clone(),
        None if exists => Value::Bool(true),
        None => Value::Null,
    };
    check_equivalent("the typed response value", &expected, &outcome.value)
}

/// The request must be the one the spec's operation and the example's parameters describe.
fn check_request(
    spec: &mut Spec,
    example: &Example,
    endpoint: &str,
    arguments: &Map<String, Value>,
    request: &Recorded,
) -> Result<(), String> {
    if request.method != example.method {
        return Err(format!("method {} instead of {}", request.method, example.method));
    }

    // Path: the base path, then the template with the example's path parameters.
    let mut expected_path = spec.base_path(example.file, endpoint, arguments)?;
    let mut rest = example.path_template.as_str();
    while let Some(start) = rest.find('{') {
        let end = rest[start..]
            .find('}')
            .map(|end| start + end)
            .ok_or(format!("unclosed `{{` in {}", example.path_template))?;
        let name = &rest[start + 1..end];
        let value = arguments
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
    let expected: Vec<Value> = expected_path.split('/').map(|s| Value::String(s.to_string())).collect();
    check_equivalent(
        &format!("the path (expected {expected_path}, got {})", request.path),
        &Value::Array(expected),
        &Value::Array(decoded),
    )?;

    // Query: every query parameter of the example, with its value; any other parameter sent
    // must be one with a spec default, at that default.
    let sent = request.query_pairs();
    // The query part of an `x-ms-paths` key only tells overloads apart and is not sent
    // (AutoRest's documentation of x-ms-paths); a required parameter with a single possible value
    // is a constant the client always sends.
    let mut expected: Vec<(String, String)> = Vec::new();
    for parameter in example.spec_parameters("query") {
        let name = parameter["name"].as_str().unwrap_or_default();
        if let Some(value) = arguments.get(name).filter(|v| !v.is_null()) {
            let texts = wire_text(parameter, value).map_err(|e| format!("query parameter `{name}`: {e}"))?;
            expected.extend(texts.into_iter().map(|text| (name.to_string(), text)));
        } else if let Some(constant) = constant_value(parameter) {
            expected.push((name.to_string(), constant));
        }
    }
    for (name, _) in &expected {
        let want: Vec<Value> = expected
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| Value::from(v.as_str()))
            .collect();
        let got: Vec<Value> = sent
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| Value::from(v.as_str()))
            .collect();
        check_equivalent(
            &format!("query parameter `{name}`"),
            &Value::Array(want),
            &Value::Array(got),
        )?;
    }
    for (name, value) in &sent {
        if expected.iter().any(|(n, _)| n == name) {
            continue;
        }
        let default = example
            .spec_parameters("query")
            .find(|p| p["name"] == name.as_str())
            .and_then(|p| p.get("default"));
        match default {
            Some(default) if strings_equivalent(&scalar_text(default), value) => {}
            _ => return Err(format!("query parameter `{name}={value}` is not in the example")),
        }
    }

    // Headers: the example's header parameters and API key.
    for parameter in example.spec_parameters("header") {
        let name = parameter["name"].as_str().unwrap_or_default();
        if name.eq_ignore_ascii_case("content-type") || name.eq_ignore_ascii_case("accept") {
            continue; // set from the media types
        }
        if let Some(value) = arguments.get(name).filter(|v| !v.is_null()) {
            let want = wire_text(parameter, value)?.join(",");
            let got = request.header(name);
            if !got.is_some_and(|got| strings_equivalent(&want, got)) {
                return Err(format!("header `{name}` is {got:?}, the example says {want:?}"));
            }
        }
    }
    for name in spec.key_headers(example.file) {
        let key = arguments
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(&name))
            .map(|(_, v)| scalar_text(v));
        if let Some(key) = key {
            let got = request.header(&name);
            if got != Some(key.as_str()) {
                return Err(format!(
                    "API key header `{name}` is {got:?}, the example's key is {key:?}"
                ));
            }
        }
    }

    // Body.
    let content_type = request.header("content-type").unwrap_or_default().to_string();
    let form: Vec<&Value> = example.spec_parameters("formData").collect();
    if let Some(parameter) = example.spec_parameters("body").next() {
        let name = parameter["name"].as_str().unwrap_or_default();
        let schema = &parameter["schema"];
        let is_binary = schema["format"] == "binary" || schema["format"] == "file" || schema["type"] == "file";
        match arguments.get(name).filter(|v| !v.is_null()) {
            Some(Value::String(text)) if is_binary => same_bytes(&request.body, text)?,
            Some(body) => {
                if !content_type.contains("json") {
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
                    "the example has no body `{name}`, the client sent {}",
                    String::from_utf8_lossy(&request.body)
                ))
            }
            None => {}
        }
    } else if !form.is_empty() {
        let body = String::from_utf8_lossy(&request.body).into_owned();
        for parameter in form {
            let name = parameter["name"].as_str().unwrap_or_default();
            let Some(value) = arguments.get(name).filter(|v| !v.is_null()) else {
                continue;
            };
            let text = wire_text(parameter, value)?.join(",");
            let found = if content_type.starts_with("multipart/") {
                // A part: headers naming the field, a blank line, the value, CRLF.
                let (disposition, content) = (format!("name=\"{name}\""), format!("\r\n\r\n{text}\r\n"));
                let boundary = content_type.split("boundary=").nth(1).unwrap_or_default();
                body.split(&format!("--{boundary}"))
                    .any(|part| part.contains(&disposition) && part.contains(&content))
            } else {
                url::form_urlencoded::parse(body.as_bytes()).any(|(n, v)| n == name && v == text)
            };
            if !found {
                return Err(format!("form field `{name}` with {text:?} is not in the body: {body}"));
            }
        }
    } else if !request.body.is_empty() {
        return Err(format!(
            "the operation has no body, the client sent {}",
            String::from_utf8_lossy(&request.body)
        ));
    }
    Ok(())
}

/// A binary body must be the bytes of the example's string.
fn same_bytes(body: &[u8], text: &str) -> Result<(), String> {
    if body == text.as_bytes() {
        return Ok(());
    }
    Err(format!(
        "the binary body is {:?}, the example's is {text:?}",
        String::from_utf8_lossy(body)
    ))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, spec_path, name] = args.as_slice() else {
        eprintln!("usage: replay-harness SPEC NAME (SPEC: a spec file, or a folder of them)");
        return ExitCode::from(2);
    };
    let mut spec = match Spec::read(Path::new(spec_path)) {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let examples = match spec.examples() {
        Ok(examples) => examples,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (mut passed, mut failed) = (0, 0);
    for example in &examples {
        match replay(&mut spec, example).await {
            Ok(()) => {
                passed += 1;
                println!("ok {name} {} {}", example.operation_id, example.name);
            }
            Err(reason) => {
                failed += 1;
                println!(
                    "FAIL {name} {} {}: {}",
                    example.operation_id,
                    example.name,
                    reason.replace('\n', " ")
                );
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
