//! The HTTP side: the accept loop, faults, authentication, routing, and the validation of
//! request bodies and query parameters.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderMap, CONTENT_TYPE};
use hyper::service::service_fn;
use hyper::{Method, Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use time::OffsetDateTime;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use uuid::Uuid;

use super::state::{Failure, State, TakeRequest};
use super::{Fault, RequestRecord, RetryAfter, Shared};
use azure_face::models::SnapshotObjectType;

/// Where the Face API lives on a Cognitive Services endpoint.
pub(super) const BASE_PATH: &str = "/face/v1.0";

/// The largest request body read; larger ones get `413`.
const MAX_BODY: usize = 1 << 20;

/// How much of a too-large request body is read (and thrown away) before giving up on it.
const MAX_DRAIN: usize = 16 << 20;

/// The longest `objectId` the spec allows.
const MAX_OBJECT_ID: usize = 64;

/// The longest `userData` the spec allows, in characters.
const MAX_USER_DATA: usize = 16 * 1024;

/// Accepts connections until `stop` changes or its sender is dropped.
pub(super) async fn serve(listener: TcpListener, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait a little rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
            _ = stop.changed() => return,
        };
        let shared = shared.clone();
        let mut stop = stop.clone();
        tokio::spawn(async move {
            // Set by a request that got `Fault::DropConnection`: the connection is then dropped,
            // which closes the socket without an answer.
            let drop_connection = Arc::new(Notify::new());
            let trigger = drop_connection.clone();
            let service = service_fn(move |request| {
                let shared = shared.clone();
                let trigger = trigger.clone();
                async move {
                    match handle(&shared, request).await {
                        Outcome::Answer(response, delay) => {
                            if let Some(delay) = delay {
                                tokio::time::sleep(delay).await;
                            }
                            Ok::<_, Infallible>(response)
                        }
                        Outcome::Drop => {
                            trigger.notify_one();
                            std::future::pending().await
                        }
                    }
                }
            });
            let connection = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = drop_connection.notified() => {}
                _ = stop.changed() => {}
            }
        });
    }
}

enum Outcome {
    /// Send this answer, after the delay if there is one.
    Answer(Response<Full<Bytes>>, Option<Duration>),
    /// Close the connection without answering.
    Drop,
}

/// An answer before it becomes a hyper response.
struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Option<(&'static str, Bytes)>,
}

impl Answer {
    fn empty(status: u16) -> Self {
        Answer {
            status,
            headers: Vec::new(),
            body: None,
        }
    }

    fn json(status: u16, value: &impl serde::Serialize) -> Self {
        let body = serde_json::to_vec(value).expect("the service's models serialize");
        Answer {
            status,
            headers: Vec::new(),
            body: Some(("application/json; charset=utf-8", Bytes::from(body))),
        }
    }

    fn error(failure: &Failure) -> Self {
        Answer::json(
            failure.status,
            &json!({ "error": { "code": failure.code, "message": failure.message } }),
        )
    }

    fn accepted(operation: Uuid) -> Self {
        let mut answer = Answer::empty(202);
        answer
            .headers
            .push(("operation-location", format!("/operations/{operation}")));
        answer
    }

    fn header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    fn into_response(self, request_id: Uuid) -> Response<Full<Bytes>> {
        let mut response = Response::builder().status(self.status);
        response = response.header("apim-request-id", request_id.to_string());
        for (name, value) in self.headers {
            response = response.header(name, value);
        }
        let body = match self.body {
            Some((content_type, body)) => {
                response = response.header(CONTENT_TYPE, content_type);
                body
            }
            None => Bytes::new(),
        };
        response.body(Full::new(body)).expect("a valid response")
    }
}

async fn handle(shared: &Shared, request: Request<Incoming>) -> Outcome {
    let (parts, body) = request.into_parts();
    let body = read_body(body).await;
    let path = parts.uri.path().to_string();
    let query = parts.uri.query().map(str::to_string);

    let (mut state, now) = shared.lock();
    let fault = state.next_fault(&path);
    let (answer, delay) = match &fault {
        Some(Fault::DropConnection) => {
            state.record(RequestRecord {
                method: parts.method.to_string(),
                path,
                query,
                status: None,
                fault: fault.clone(),
            });
            return Outcome::Drop;
        }
        Some(Fault::Delay(delay)) => (None, Some(*delay)),
        Some(fault) => (Some(fault_answer(fault, now)), None),
        None => (None, None),
    };
    let answer = answer.unwrap_or_else(|| {
        let request = ApiRequest {
            method: &parts.method,
            path: &path,
            query: query.as_deref(),
            headers: &parts.headers,
            body,
        };
        serve_api(&mut state, shared.steps, now, &request).unwrap_or_else(|failure| Answer::error(&failure))
    });
    state.record(RequestRecord {
        method: parts.method.to_string(),
        path,
        query,
        status: Some(answer.status),
        fault,
    });
    let request_id = state.new_id();
    drop(state);
    Outcome::Answer(answer.into_response(request_id), delay)
}

/// Reads a request body of at most [`MAX_BODY`] bytes. A larger one is still read to its end
/// (up to [`MAX_DRAIN`]), so that the client, still sending, sees the `413` rather than a reset.
async fn read_body(mut body: Incoming) -> Result<Bytes, Failure> {
    let mut bytes = Vec::new();
    let mut total = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| Failure::bad_argument("Request body is invalid."))?;
        if let Ok(data) = frame.into_data() {
            total += data.len();
            if total > MAX_DRAIN {
                break;
            }
            if total <= MAX_BODY {
                bytes.extend_from_slice(&data);
            }
        }
    }
    if total > MAX_BODY {
        return Err(Failure::new(413, "BadArgument", "Request body is too large."));
    }
    Ok(Bytes::from(bytes))
}

/// The answer of a fault that replaces the normal answer.
fn fault_answer(fault: &Fault, now: OffsetDateTime) -> Answer {
    match fault {
        Fault::TooManyRequests(retry_after) => {
            let seconds = match retry_after {
                RetryAfter::Seconds(s) => *s,
                RetryAfter::Date(at) => (*at - now).whole_seconds().max(0) as u64,
                RetryAfter::Millis(ms) | RetryAfter::XMsMillis(ms) => ms.div_ceil(1000),
            };
            let (name, value) = retry_header(retry_after);
            let message = format!("Rate limit is exceeded. Try again in {seconds} seconds.");
            Answer::error(&Failure::new(429, "429", message)).header(name, value)
        }
        Fault::InternalServerError => Answer::error(&Failure::new(
            500,
            "InternalServerError",
            "An internal error occurred (injected fault).",
        )),
        Fault::ServiceUnavailable(retry_after) => {
            let failure = Failure::new(
                503,
                "ServiceUnavailable",
                "The service is temporarily unavailable (injected fault).",
            );
            let answer = Answer::error(&failure);
            match retry_after {
                Some(retry_after) => {
                    let (name, value) = retry_header(retry_after);
                    answer.header(name, value)
                }
                None => answer,
            }
        }
        Fault::MalformedJson => Answer {
            status: 200,
            headers: Vec::new(),
            body: Some((
                "application/json; charset=utf-8",
                Bytes::from_static(b"{\"status\": \"succeeded\", \"createdTime\": \"2024-03-"),
            )),
        },
        // Handled by the caller.
        Fault::DropConnection | Fault::Delay(_) => unreachable!("not an answer of its own"),
    }
}

fn retry_header(retry_after: &RetryAfter) -> (&'static str, String) {
    match retry_after {
        RetryAfter::Seconds(s) => ("retry-after", s.to_string()),
        RetryAfter::Date(at) => ("retry-after", azure_face::runtime::rfc1123::format(at)),
        RetryAfter::Millis(ms) => ("retry-after-ms", ms.to_string()),
        RetryAfter::XMsMillis(ms) => ("x-ms-retry-after-ms", ms.to_string()),
    }
}

/// The parts of a request the API needs.
struct ApiRequest<'a> {
    method: &'a Method,
    path: &'a str,
    query: Option<&'a str>,
    headers: &'a HeaderMap,
    body: Result<Bytes, Failure>,
}

/// Authentication, routing and the operation itself.
fn serve_api(
    state: &mut State,
    steps: (Duration, Duration),
    now: OffsetDateTime,
    request: &ApiRequest<'_>,
) -> Result<Answer, Failure> {
    let subscription = request
        .headers
        .get("ocp-apim-subscription-key")
        .and_then(|key| key.to_str().ok())
        .and_then(|key| state.subscription_of(key))
        .ok_or_else(|| {
            Failure::new(
                401,
                "Unspecified",
                "Access denied due to invalid subscription key. Make sure you are subscribed to an API you are \
                 trying to call and provide the right key.",
            )
        })?;
    let not_found = || Failure::new(404, "NotFound", "Resource not found.");
    let relative = request
        .path
        .strip_prefix(BASE_PATH)
        .and_then(|p| p.strip_prefix('/'))
        .ok_or_else(not_found)?;
    let segments: Vec<&str> = relative.split('/').collect();
    let method = request.method;
    match segments.as_slice() {
        ["snapshots"] => match *method {
            Method::GET => {
                let (kind, apply_scope) = list_filters(request.query)?;
                Ok(Answer::json(
                    200,
                    &state.list(subscription, kind, apply_scope.as_deref()),
                ))
            }
            Method::POST => {
                let take = take_request(&json_body(request)?)?;
                let operation = state.take(subscription, take, now, steps)?;
                Ok(Answer::accepted(operation))
            }
            _ => Err(method_not_allowed()),
        },
        ["snapshots", id] => {
            let id = path_uuid(id, "snapshotId")?;
            match *method {
                Method::GET => Ok(Answer::json(200, &state.get(subscription, id)?)),
                Method::PATCH => {
                    let body = json_body(request)?;
                    let apply_scope = body.get("applyScope").map(apply_scope).transpose()?;
                    let user_data = optional_user_data(&body)?;
                    state.update(subscription, id, apply_scope, user_data, now)?;
                    Ok(Answer::empty(200))
                }
                Method::DELETE => {
                    state.delete(subscription, id)?;
                    Ok(Answer::empty(200))
                }
                _ => Err(method_not_allowed()),
            }
        }
        ["snapshots", id, "apply"] => {
            let id = path_uuid(id, "snapshotId")?;
            if *method != Method::POST {
                return Err(method_not_allowed());
            }
            let body = json_body(request)?;
            let object_id = object_id(&body)?;
            match body.get("mode") {
                None | Some(Value::Null) => {}
                Some(Value::String(mode)) if mode.eq_ignore_ascii_case("CreateNew") => {}
                Some(_) => return Err(Failure::bad_argument("'mode' is invalid; the only mode is CreateNew.")),
            }
            let operation = state.apply(subscription, id, object_id, now, steps)?;
            Ok(Answer::accepted(operation))
        }
        ["operations", id] => {
            let id = path_uuid(id, "operationId")?;
            if *method != Method::GET {
                return Err(method_not_allowed());
            }
            Ok(Answer::json(200, &state.operation_status(subscription, id, now)?))
        }
        _ => Err(not_found()),
    }
}

fn method_not_allowed() -> Failure {
    Failure::new(405, "MethodNotAllowed", "The method is not allowed on this resource.")
}

fn path_uuid(text: &str, name: &str) -> Result<Uuid, Failure> {
    Uuid::parse_str(text).map_err(|_| Failure::bad_argument(format!("Invalid argument {name}.")))
}

/// The JSON object in a request body.
fn json_body(request: &ApiRequest<'_>) -> Result<Value, Failure> {
    let media_type = request
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::trim);
    if !media_type.is_some_and(|m| m.eq_ignore_ascii_case("application/json")) {
        return Err(Failure::new(415, "BadArgument", "Invalid Media Type."));
    }
    let body = request.body.clone()?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Failure::bad_argument("Request body is invalid."));
    }
    match serde_json::from_slice(&body) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err(Failure::bad_argument("Request body is invalid.")),
        Err(_) => Err(Failure::bad_argument("JSON parsing error.")),
    }
}

fn kind(text: &str) -> Option<SnapshotObjectType> {
    [
        SnapshotObjectType::FaceList,
        SnapshotObjectType::LargeFaceList,
        SnapshotObjectType::LargePersonGroup,
        SnapshotObjectType::PersonGroup,
    ]
    .into_iter()
    .find(|kind| kind.as_str().eq_ignore_ascii_case(text))
}

/// `objectId`: required, at most 64 characters, `^[a-z0-9-_]+$`.
fn object_id(body: &Value) -> Result<String, Failure> {
    let id = match body.get("objectId") {
        None | Some(Value::Null) => return Err(Failure::bad_argument("'objectId' is missing.")),
        Some(Value::String(id)) => id,
        Some(_) => return Err(Failure::bad_argument("'objectId' is invalid.")),
    };
    if id.chars().count() > MAX_OBJECT_ID {
        return Err(Failure::bad_argument("'objectId' is too long."));
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    if id.is_empty() || !id.chars().all(allowed) {
        return Err(Failure::bad_argument("'objectId' is invalid."));
    }
    Ok(id.clone())
}

/// An `applyScope` array of subscription ids.
fn apply_scope(value: &Value) -> Result<Vec<Uuid>, Failure> {
    let invalid = || Failure::bad_argument("'applyScope' is invalid.");
    value
        .as_array()
        .ok_or_else(invalid)?
        .iter()
        .map(|id| id.as_str().and_then(|id| Uuid::parse_str(id).ok()).ok_or_else(invalid))
        .collect()
}

/// `userData`: optional, at most 16384 characters.
fn optional_user_data(body: &Value) -> Result<Option<String>, Failure> {
    match body.get("userData") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(data)) if data.chars().count() > MAX_USER_DATA => {
            Err(Failure::bad_argument("'userData' is too long."))
        }
        Some(Value::String(data)) => Ok(Some(data.clone())),
        Some(_) => Err(Failure::bad_argument("'userData' is invalid.")),
    }
}

fn take_request(body: &Value) -> Result<TakeRequest, Failure> {
    let kind = match body.get("type") {
        None | Some(Value::Null) => return Err(Failure::bad_argument("'type' is missing.")),
        Some(value) => value
            .as_str()
            .and_then(kind)
            .ok_or_else(|| Failure::bad_argument("'type' is invalid."))?,
    };
    let object_id = object_id(body)?;
    let apply_scope = match body.get("applyScope") {
        None | Some(Value::Null) => return Err(Failure::bad_argument("'applyScope' is missing.")),
        Some(value) => apply_scope(value)?,
    };
    Ok(TakeRequest {
        kind,
        object_id,
        apply_scope,
        user_data: optional_user_data(body)?,
    })
}

/// The `type` and `applyScope` (comma-separated) filters of Snapshot - List.
fn list_filters(query: Option<&str>) -> Result<(Option<SnapshotObjectType>, Option<Vec<Uuid>>), Failure> {
    let mut kind_filter = None;
    let mut scope_filter = None;
    for pair in query.unwrap_or_default().split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = value.replace('+', " ");
        let value = percent_encoding::percent_decode_str(&value).decode_utf8_lossy();
        match name {
            "type" => {
                kind_filter = Some(kind(&value).ok_or_else(|| Failure::bad_argument("'type' is invalid."))?);
            }
            "applyScope" => {
                let ids = value
                    .split(',')
                    .map(str::trim)
                    .filter(|id| !id.is_empty())
                    .map(|id| Uuid::parse_str(id).map_err(|_| Failure::bad_argument("'applyScope' is invalid.")))
                    .collect::<Result<Vec<_>, _>>()?;
                // An empty list filters nothing, as when the parameter is left out.
                scope_filter = (!ids.is_empty()).then_some(ids);
            }
            _ => {}
        }
    }
    Ok((kind_filter, scope_filter))
}
