//! The hand-written runtime every generated client calls: request building, sending, response
//! decoding, validation, errors and secrets. Generated operations stay declarative and short
//! because the logic lives here, once.
//!
//! This file is written into each generated crate as `src/runtime.rs` by the generator, verbatim.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

pub use bytes::Bytes;
pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

// ----- secrets ---------------------------------------------------------------------------------

/// An API key. It is never shown by `Debug`, and has no `Display`.
#[derive(Clone)]
pub struct ApiKey(Arc<str>);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(Arc::from(key.into()))
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl From<String> for ApiKey {
    fn from(key: String) -> Self {
        ApiKey::new(key)
    }
}

impl From<&str> for ApiKey {
    fn from(key: &str) -> Self {
        ApiKey::new(key)
    }
}

/// How the client authenticates, as the spec's `securityDefinitions` say.
#[derive(Debug, Clone)]
pub enum Credential {
    /// No authentication.
    None,
    /// An API key in the header `name`.
    ApiKeyHeader { name: &'static str, key: ApiKey },
    /// An API key in the query parameter `name`.
    ApiKeyQuery { name: &'static str, key: ApiKey },
}

// ----- errors ----------------------------------------------------------------------------------

/// A spec constraint that an argument broke.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Constraint {
    /// `maxLength`
    MaxLength(u64),
    /// `minLength`
    MinLength(u64),
    /// `pattern` (a regular expression the whole value must match)
    Pattern(&'static str),
    /// `maximum` (`exclusiveMaximum` when `exclusive`)
    Maximum { limit: f64, exclusive: bool },
    /// `minimum` (`exclusiveMinimum` when `exclusive`)
    Minimum { limit: f64, exclusive: bool },
    /// `multipleOf`
    MultipleOf(f64),
    /// `maxItems`
    MaxItems(u64),
    /// `minItems`
    MinItems(u64),
    /// `uniqueItems`
    UniqueItems,
}

impl fmt::Display for Constraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Constraint::MaxLength(n) => write!(f, "maxLength {n}"),
            Constraint::MinLength(n) => write!(f, "minLength {n}"),
            Constraint::Pattern(p) => write!(f, "pattern {p}"),
            Constraint::Maximum {
                limit,
                exclusive: false,
            } => write!(f, "maximum {limit}"),
            Constraint::Maximum { limit, exclusive: true } => write!(f, "exclusiveMaximum {limit}"),
            Constraint::Minimum {
                limit,
                exclusive: false,
            } => write!(f, "minimum {limit}"),
            Constraint::Minimum { limit, exclusive: true } => write!(f, "exclusiveMinimum {limit}"),
            Constraint::MultipleOf(m) => write!(f, "multipleOf {m}"),
            Constraint::MaxItems(n) => write!(f, "maxItems {n}"),
            Constraint::MinItems(n) => write!(f, "minItems {n}"),
            Constraint::UniqueItems => write!(f, "uniqueItems"),
        }
    }
}

/// An argument that failed validation; converts into [`Error::Validation`].
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    /// The parameter, as the Rust method names it.
    pub parameter: &'static str,
    /// The rule it broke.
    pub constraint: Constraint,
}

/// Everything that can go wrong with a call. `E` is the error body the spec documents.
///
/// No variant holds the API key or the request headers, so neither `Debug` nor `Display` can
/// show a secret.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = serde_json::Value> {
    /// An argument broke a constraint of the spec; nothing was sent.
    Validation {
        parameter: &'static str,
        constraint: Constraint,
    },
    /// The client was configured with something unusable (for example an endpoint that is not
    /// an http(s) URL, or a custom header that is not a valid header).
    Config(String),
    /// The request could not be sent or the response not received.
    Transport(reqwest::Error),
    /// The service answered with a status the operation does not document as success.
    Status(Box<StatusError<E>>),
    /// A success response whose body is not what the spec says.
    Deserialize {
        status: StatusCode,
        body: Bytes,
        source: serde_json::Error,
    },
    /// A documented response header whose value is not of its documented type.
    Header { name: &'static str, message: String },
    /// A request body that could not be serialized.
    Serialize(serde_json::Error),
}

/// An answer with an undocumented status (boxed in [`Error::Status`] to keep `Result`s small).
#[derive(Debug)]
pub struct StatusError<E> {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The raw body.
    pub body: Bytes,
    /// The body parsed as the documented error type, when it is one.
    pub error: Option<E>,
}

impl<E> Error<E> {
    /// The HTTP status, when the service answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Status(e) => Some(e.status),
            Error::Deserialize { status, .. } => Some(*status),
            Error::Transport(e) => e.status(),
            _ => None,
        }
    }

    /// The typed error body the service sent, when it sent one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Error::Status(e) => e.error.as_ref(),
            _ => None,
        }
    }
}

impl<E> From<Invalid> for Error<E> {
    fn from(invalid: Invalid) -> Self {
        Error::Validation {
            parameter: invalid.parameter,
            constraint: invalid.constraint,
        }
    }
}

/// Up to this many bytes of a body are shown by `Display`.
const BODY_PREVIEW: usize = 512;

fn preview(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(BODY_PREVIEW)]);
    let more = if body.len() > BODY_PREVIEW { "…" } else { "" };
    format!("{}{more}", text.trim())
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation { parameter, constraint } => {
                write!(
                    f,
                    "invalid argument `{parameter}`: it breaks the constraint {constraint}; nothing was sent"
                )
            }
            Error::Config(message) => write!(f, "invalid client configuration: {message}"),
            Error::Transport(e) => write!(f, "request failed: {e}"),
            Error::Status(e) if e.body.is_empty() => write!(f, "the service answered {}", e.status),
            Error::Status(e) => write!(f, "the service answered {}: {}", e.status, preview(&e.body)),
            Error::Deserialize { status, source, .. } => {
                write!(f, "the {status} response body is not what the spec describes: {source}")
            }
            Error::Header { name, message } => write!(f, "response header `{name}` is invalid: {message}"),
            Error::Serialize(e) => write!(f, "the request body could not be serialized: {e}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(e),
            Error::Deserialize { source, .. } | Error::Serialize(source) => Some(source),
            _ => None,
        }
    }
}

// ----- validation ------------------------------------------------------------------------------

/// Checks run on arguments before a request is sent. Each takes `None` for an absent optional.
pub mod validate {
    use super::{Constraint, Invalid};

    type Checked = Result<(), Invalid>;

    fn fail(parameter: &'static str, constraint: Constraint) -> Checked {
        Err(Invalid { parameter, constraint })
    }

    /// `maxLength`, counted in characters.
    pub fn max_length(parameter: &'static str, value: Option<&str>, max: u64) -> Checked {
        match value {
            Some(v) if v.chars().count() as u64 > max => fail(parameter, Constraint::MaxLength(max)),
            _ => Ok(()),
        }
    }

    /// `minLength`, counted in characters.
    pub fn min_length(parameter: &'static str, value: Option<&str>, min: u64) -> Checked {
        match value {
            Some(v) if (v.chars().count() as u64) < min => fail(parameter, Constraint::MinLength(min)),
            _ => Ok(()),
        }
    }

    /// `pattern`: the value must match the regular expression (as in JSON Schema, unanchored
    /// unless the pattern anchors itself).
    pub fn pattern(parameter: &'static str, value: Option<&str>, pattern: &'static str) -> Checked {
        match value {
            Some(v) if !super::regex(pattern).is_some_and(|re| re.is_match(v)) => {
                fail(parameter, Constraint::Pattern(pattern))
            }
            _ => Ok(()),
        }
    }

    /// `maximum` / `exclusiveMaximum`.
    pub fn maximum(parameter: &'static str, value: Option<f64>, limit: f64, exclusive: bool) -> Checked {
        match value {
            Some(v) if v > limit || (exclusive && v == limit) => {
                fail(parameter, Constraint::Maximum { limit, exclusive })
            }
            _ => Ok(()),
        }
    }

    /// `minimum` / `exclusiveMinimum`.
    pub fn minimum(parameter: &'static str, value: Option<f64>, limit: f64, exclusive: bool) -> Checked {
        match value {
            Some(v) if v < limit || (exclusive && v == limit) => {
                fail(parameter, Constraint::Minimum { limit, exclusive })
            }
            _ => Ok(()),
        }
    }

    /// `multipleOf`.
    pub fn multiple_of(parameter: &'static str, value: Option<f64>, factor: f64) -> Checked {
        match value {
            Some(v) if (v / factor).fract() != 0.0 => fail(parameter, Constraint::MultipleOf(factor)),
            _ => Ok(()),
        }
    }

    /// `maxItems`.
    pub fn max_items(parameter: &'static str, len: Option<usize>, max: u64) -> Checked {
        match len {
            Some(n) if n as u64 > max => fail(parameter, Constraint::MaxItems(max)),
            _ => Ok(()),
        }
    }

    /// `minItems`.
    pub fn min_items(parameter: &'static str, len: Option<usize>, min: u64) -> Checked {
        match len {
            Some(n) if (n as u64) < min => fail(parameter, Constraint::MinItems(min)),
            _ => Ok(()),
        }
    }

    /// `uniqueItems`.
    pub fn unique_items<T: PartialEq>(parameter: &'static str, items: Option<&[T]>) -> Checked {
        match items {
            Some(items) if items.iter().enumerate().any(|(i, a)| items[..i].contains(a)) => {
                fail(parameter, Constraint::UniqueItems)
            }
            _ => Ok(()),
        }
    }
}

/// Compiled patterns, shared by all calls (the generator has checked that each compiles).
fn regex(pattern: &'static str) -> Option<regex_lite::Regex> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, regex_lite::Regex>>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(re) = cache.get(pattern) {
        return Some(re.clone());
    }
    let re = regex_lite::Regex::new(pattern).ok()?;
    cache.insert(pattern, re.clone());
    Some(re)
}

// ----- values in URLs and headers --------------------------------------------------------------

/// A value that can stand in a path segment, a query value or a header.
pub trait ParamValue {
    /// The value as the service expects it in text.
    fn to_param(&self) -> String;
}

macro_rules! param_value_via_to_string {
    ($($t:ty),*) => {
        $(impl ParamValue for $t {
            fn to_param(&self) -> String {
                self.to_string()
            }
        })*
    };
}

param_value_via_to_string!(String, str, bool, i32, i64, f32, f64, uuid::Uuid);

impl<T: ParamValue + ?Sized> ParamValue for &T {
    fn to_param(&self) -> String {
        (**self).to_param()
    }
}

impl ParamValue for time::OffsetDateTime {
    fn to_param(&self) -> String {
        self.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    }
}

impl ParamValue for time::Duration {
    /// ISO 8601, as `format: duration` says.
    fn to_param(&self) -> String {
        duration::format(self)
    }
}

impl ParamValue for Vec<u8> {
    /// `format: byte` values travel as base64.
    fn to_param(&self) -> String {
        base64::encode(self)
    }
}

impl ParamValue for time::Date {
    fn to_param(&self) -> String {
        let (y, m, d) = (self.year(), u8::from(self.month()), self.day());
        format!("{y:04}-{m:02}-{d:02}")
    }
}

/// Characters left as they are in a path segment or query value: RFC 3986 unreserved ones.
const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A path parameter as one encoded segment (`/`, `?`, `%` and the like are escaped, and `.` or
/// `..` cannot climb the path), or as it is when the spec says `x-ms-skip-url-encoding`.
pub fn path_param(value: &impl ParamValue, skip_url_encoding: bool) -> String {
    let text = value.to_param();
    if skip_url_encoding {
        return text;
    }
    match text.as_str() {
        "." => "%2E".to_string(),
        ".." => "%2E%2E".to_string(),
        _ => percent_encoding::utf8_percent_encode(&text, UNRESERVED).to_string(),
    }
}

/// Joins array items for one query or header value (`csv`, `ssv`, `tsv`, `pipes`).
fn join_values<T: ParamValue>(values: &[T], separator: &str) -> String {
    values
        .iter()
        .map(ParamValue::to_param)
        .collect::<Vec<_>>()
        .join(separator)
}

// ----- requests --------------------------------------------------------------------------------

/// Per-call settings: custom headers (AutoRest's `custom_headers`).
#[derive(Clone, Default)]
pub struct RequestOptions {
    headers: Vec<(String, String)>,
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values may be secrets: show the names only.
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("RequestOptions").field("headers", &names).finish()
    }
}

impl RequestOptions {
    /// Adds a header sent with this call only (checked when the call is sent).
    pub fn add_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.headers.push((name.into(), value.into()));
    }
}

/// An HTTP request, relative to the client's base URL.
#[derive(Debug)]
pub struct Request {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(&'static str, String)>,
    body: Option<(String, Bytes)>,
}

impl Request {
    /// A request for `path` (already encoded; see [`path_param`]).
    pub fn new(method: Method, path: String) -> Self {
        Request {
            method,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Adds a query parameter.
    pub fn query(mut self, name: &'static str, value: &impl ParamValue) -> Self {
        self.query.push((name.to_string(), value.to_param()));
        self
    }

    /// Adds a query parameter when it is set.
    pub fn query_opt(self, name: &'static str, value: Option<&impl ParamValue>) -> Self {
        match value {
            Some(v) => self.query(name, v),
            None => self,
        }
    }

    /// Adds an array query parameter: joined with `separator`, or repeated when `None` (`multi`).
    pub fn query_list<T: ParamValue>(
        mut self,
        name: &'static str,
        values: Option<&[T]>,
        separator: Option<&str>,
    ) -> Self {
        match (values, separator) {
            (Some(values), Some(sep)) => self.query.push((name.to_string(), join_values(values, sep))),
            (Some(values), None) => {
                self.query
                    .extend(values.iter().map(|v| (name.to_string(), v.to_param())));
            }
            (None, _) => {}
        }
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &'static str, value: &impl ParamValue) -> Self {
        self.headers.push((name, value.to_param()));
        self
    }

    /// Adds a header when it is set.
    pub fn header_opt(self, name: &'static str, value: Option<&impl ParamValue>) -> Self {
        match value {
            Some(v) => self.header(name, v),
            None => self,
        }
    }

    /// Adds an array header, joined with `separator`.
    pub fn header_list<T: ParamValue>(mut self, name: &'static str, values: Option<&[T]>, separator: &str) -> Self {
        if let Some(values) = values {
            self.headers.push((name, join_values(values, separator)));
        }
        self
    }

    /// Sets the `Accept` header.
    pub fn accept(mut self, media_type: &'static str) -> Self {
        self.headers.push(("accept", media_type.to_string()));
        self
    }

    /// Sets a JSON body.
    pub fn json<E>(mut self, content_type: &'static str, body: &impl Serialize) -> Result<Self, Error<E>> {
        let bytes = serde_json::to_vec(body).map_err(Error::Serialize)?;
        self.body = Some((content_type.into(), Bytes::from(bytes)));
        Ok(self)
    }

    /// Sets a raw body.
    pub fn bytes(mut self, content_type: &'static str, body: impl Into<Bytes>) -> Self {
        self.body = Some((content_type.into(), body.into()));
        self
    }

    /// Sets a form body.
    pub fn form(mut self, form: Form) -> Self {
        let (content_type, body) = form.encode();
        self.body = Some((content_type, body));
        self
    }
}

/// A form body (Swagger `formData`): `multipart/form-data`, or `application/x-www-form-urlencoded`
/// when it holds no file.
#[derive(Debug, Clone)]
pub struct Form {
    multipart: bool,
    fields: Vec<(&'static str, FormValue)>,
}

#[derive(Debug, Clone)]
enum FormValue {
    Text(String),
    File(Bytes),
}

impl Form {
    /// An empty form; `multipart` chooses the encoding.
    pub fn new(multipart: bool) -> Self {
        Form {
            multipart,
            fields: Vec::new(),
        }
    }

    /// Adds a text field when it is set.
    pub fn text(mut self, name: &'static str, value: Option<&impl ParamValue>) -> Self {
        if let Some(value) = value {
            self.fields.push((name, FormValue::Text(value.to_param())));
        }
        self
    }

    /// Adds an array field (comma-separated) when it is set.
    pub fn text_list<T: ParamValue>(mut self, name: &'static str, values: Option<&[T]>) -> Self {
        if let Some(values) = values {
            self.fields.push((name, FormValue::Text(join_values(values, ","))));
        }
        self
    }

    /// Adds a file field when it is set.
    pub fn file(mut self, name: &'static str, content: Option<Bytes>) -> Self {
        if let Some(content) = content {
            self.fields.push((name, FormValue::File(content)));
        }
        self
    }

    /// The content type and the encoded body.
    fn encode(self) -> (String, Bytes) {
        if !self.multipart {
            let pairs: Vec<String> = self
                .fields
                .iter()
                .map(|(name, value)| {
                    let text = match value {
                        FormValue::Text(t) => t.as_bytes(),
                        FormValue::File(b) => b.as_ref(),
                    };
                    let value = percent_encoding::percent_encode(text, UNRESERVED);
                    format!("{}={value}", percent_encoding::utf8_percent_encode(name, UNRESERVED))
                })
                .collect();
            return ("application/x-www-form-urlencoded".into(), Bytes::from(pairs.join("&")));
        }
        let boundary = self.boundary();
        let mut body = Vec::new();
        for (name, value) in &self.fields {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match value {
                FormValue::Text(text) => {
                    body.extend_from_slice(
                        format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                    );
                    body.extend_from_slice(text.as_bytes());
                }
                FormValue::File(content) => {
                    body.extend_from_slice(
                        format!(
                            "Content-Disposition: form-data; name=\"{name}\"; filename=\"{name}\"\r\n\
                             Content-Type: application/octet-stream\r\n\r\n"
                        )
                        .as_bytes(),
                    );
                    body.extend_from_slice(content);
                }
            }
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={boundary}"), Bytes::from(body))
    }

    /// A boundary that occurs in no field (checked, not hoped for).
    fn boundary(&self) -> String {
        let occurs = |b: &str| {
            self.fields.iter().any(|(_, v)| {
                let data: &[u8] = match v {
                    FormValue::Text(t) => t.as_bytes(),
                    FormValue::File(b) => b,
                };
                data.windows(b.len()).any(|w| w == b.as_bytes())
            })
        };
        let mut n: u64 = 0x9e37_79b9_7f4a_7c15;
        loop {
            let boundary = format!("azure-rest-boundary-{n:016x}");
            if !occurs(&boundary) {
                return boundary;
            }
            n = n
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
        }
    }
}

// ----- the client's pipeline -------------------------------------------------------------------

/// Settings shared by every call of a client.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    http: Option<reqwest::Client>,
    user_agent: Option<String>,
}

impl ClientOptions {
    /// Uses this `reqwest::Client` (its pool, proxy and TLS settings) instead of a new one.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Sets the `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }
}

/// Expands a host template such as `{Endpoint}/svc/v1.0` with the client's parameters:
/// `(name, value, skip_url_encoding)`.
pub fn expand_host<E>(template: &str, parameters: &[(&str, &str, bool)]) -> Result<String, Error<E>> {
    let mut url = template.to_string();
    for (name, value, skip) in parameters {
        let value = if *skip {
            value.to_string()
        } else {
            path_param(value, false)
        };
        url = url.replace(&format!("{{{name}}}"), &value);
    }
    let url = url.trim_end_matches('/').to_string();
    match reqwest::Url::parse(&url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.has_host() => Ok(url),
        Ok(parsed) => Err(Error::Config(format!(
            "the endpoint must be an http or https URL, not a `{}` URL",
            parsed.scheme()
        ))),
        Err(e) => Err(Error::Config(format!("the endpoint does not make a valid URL: {e}"))),
    }
}

/// Sends requests: applies the base URL, authentication and per-call headers.
#[derive(Clone)]
pub struct Pipeline {
    inner: Arc<PipelineInner>,
}

struct PipelineInner {
    http: reqwest::Client,
    base_url: String,
    credential: Credential,
    user_agent: String,
}

impl fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pipeline")
            .field("base_url", &self.inner.base_url)
            .field("credential", &self.inner.credential)
            .finish_non_exhaustive()
    }
}

impl Pipeline {
    /// A pipeline for `base_url` (see [`expand_host`]).
    pub fn new(base_url: String, credential: Credential, options: ClientOptions, default_user_agent: &str) -> Self {
        Pipeline {
            inner: Arc::new(PipelineInner {
                http: options.http.unwrap_or_default(),
                base_url,
                credential,
                user_agent: options.user_agent.unwrap_or_else(|| default_user_agent.to_string()),
            }),
        }
    }

    /// The base URL every path is appended to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The URL of a request path: relative to the base URL, or an absolute URL (a next-page
    /// link) that must have the base URL's scheme, host and port, so that the API key is never
    /// sent to a server the client was not pointed at.
    fn url<E>(&self, path: &str) -> Result<reqwest::Url, Error<E>> {
        let base = &self.inner.base_url;
        let parse = |text: &str| {
            reqwest::Url::parse(text).map_err(|e| Error::Config(format!("the request URL is not valid: {e}")))
        };
        if !(path.starts_with("http://") || path.starts_with("https://")) {
            return parse(&format!("{base}{path}"));
        }
        let (url, base) = (parse(path)?, parse(base)?);
        if url.origin() != base.origin() {
            return Err(Error::Config(format!(
                "refusing to follow a link to {} from a client of {}",
                url.origin().ascii_serialization(),
                base.origin().ascii_serialization()
            )));
        }
        Ok(url)
    }

    /// Sends `request` and reads the whole response.
    pub async fn send<E>(&self, request: Request, options: RequestOptions) -> Result<RawResponse, Error<E>> {
        let inner = &*self.inner;
        let mut url = self.url(&request.path)?;
        let mut query = request.query;
        if let Credential::ApiKeyQuery { name, key } = &inner.credential {
            query.push((name.to_string(), key.0.to_string()));
        }
        if !query.is_empty() {
            let encoded: Vec<String> = query
                .iter()
                .map(|(k, v)| {
                    let k = percent_encoding::utf8_percent_encode(k, UNRESERVED);
                    let v = percent_encoding::utf8_percent_encode(v, UNRESERVED);
                    format!("{k}={v}")
                })
                .collect();
            url.set_query(Some(&encoded.join("&")));
        }
        let mut headers = HeaderMap::new();
        let mut put = |name: &str, value: &str, sensitive: bool| -> Result<(), Error<E>> {
            let header_name = reqwest::header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::Config(format!("`{name}` is not a valid header name")))?;
            let mut header_value = reqwest::header::HeaderValue::from_str(value)
                .map_err(|_| Error::Config(format!("the value of header `{name}` is not a valid header value")))?;
            header_value.set_sensitive(sensitive);
            headers.insert(header_name, header_value);
            Ok(())
        };
        put("user-agent", &inner.user_agent, false)?;
        if let Some((content_type, _)) = &request.body {
            put("content-type", content_type, false)?;
        }
        for (name, value) in &request.headers {
            put(name, value, false)?;
        }
        if let Credential::ApiKeyHeader { name, key } = &inner.credential {
            put(name, &key.0, true)?;
        }
        for (name, value) in &options.headers {
            put(name, value, false)?;
        }
        let mut builder = inner.http.request(request.method, url).headers(headers);
        if let Some((_, body)) = request.body {
            builder = builder.body(body);
        }
        // A URL that carries a key must never reach an error message.
        let hide_url = matches!(inner.credential, Credential::ApiKeyQuery { .. });
        let transport = |e: reqwest::Error| Error::Transport(if hide_url { e.without_url() } else { e });
        let response = builder.send().await.map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(transport)?;
        Ok(RawResponse { status, headers, body })
    }
}

// ----- responses -------------------------------------------------------------------------------

/// Documented response headers, parsed into a typed struct.
pub trait FromHeaders: Sized {
    /// Reads the documented headers; a header that is absent is `None`.
    fn from_headers(headers: &HeaderMap) -> Result<Self, (&'static str, String)>;
}

impl FromHeaders for () {
    fn from_headers(_: &HeaderMap) -> Result<Self, (&'static str, String)> {
        Ok(())
    }
}

/// A type a response header can be parsed into.
pub trait HeaderType: Sized {
    /// Parses the header's text.
    fn parse_header(text: &str) -> Result<Self, String>;
}

macro_rules! header_type_via_from_str {
    ($($t:ty),*) => {
        $(impl HeaderType for $t {
            fn parse_header(text: &str) -> Result<Self, String> {
                text.parse().map_err(|e| format!("{e}"))
            }
        })*
    };
}

header_type_via_from_str!(String, bool, i32, i64, f32, f64, uuid::Uuid);

impl HeaderType for time::OffsetDateTime {
    fn parse_header(text: &str) -> Result<Self, String> {
        use time::format_description::well_known::{Rfc2822, Rfc3339};
        time::OffsetDateTime::parse(text, &Rfc3339)
            .or_else(|_| time::OffsetDateTime::parse(&text.replace(" GMT", " +0000"), &Rfc2822))
            .map_err(|e| e.to_string())
    }
}

/// Reads one documented header.
pub fn header_value<T: HeaderType>(
    headers: &HeaderMap,
    name: &'static str,
) -> Result<Option<T>, (&'static str, String)> {
    match headers.get(name) {
        None => Ok(None),
        Some(value) => {
            let text = value.to_str().map_err(|_| (name, "not visible ASCII".to_string()))?;
            T::parse_header(text).map(Some).map_err(|e| (name, e))
        }
    }
}

/// A response as received, before it is checked against the spec.
#[derive(Debug)]
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl RawResponse {
    /// Turns a status outside `expected` into [`Error::Status`] (with the typed error body when
    /// the body parses as `E`), and parses the documented headers.
    fn check<H: FromHeaders, E: DeserializeOwned>(&self, expected: &[u16]) -> Result<H, Error<E>> {
        if !expected.contains(&self.status.as_u16()) {
            return Err(Error::Status(Box::new(StatusError {
                status: self.status,
                headers: self.headers.clone(),
                body: self.body.clone(),
                error: serde_json::from_slice(&self.body).ok(),
            })));
        }
        H::from_headers(&self.headers).map_err(|(name, message)| Error::Header { name, message })
    }

    fn into_response<T, H>(self, value: T, typed_headers: H) -> Response<T, H> {
        Response {
            status: self.status,
            headers: self.headers,
            body: self.body,
            value,
            typed_headers,
        }
    }

    /// A response whose body is JSON of type `T`.
    pub fn json<T: DeserializeOwned, H: FromHeaders, E: DeserializeOwned>(
        self,
        expected: &[u16],
    ) -> Result<Response<T, H>, Error<E>> {
        let typed_headers = self.check(expected)?;
        match serde_json::from_slice(&self.body) {
            Ok(value) => Ok(self.into_response(value, typed_headers)),
            Err(source) => Err(Error::Deserialize {
                status: self.status,
                body: self.body,
                source,
            }),
        }
    }

    /// A response without a (documented) body.
    pub fn empty<H: FromHeaders, E: DeserializeOwned>(self, expected: &[u16]) -> Result<Response<(), H>, Error<E>> {
        let typed_headers = self.check(expected)?;
        Ok(self.into_response((), typed_headers))
    }

    /// A response whose body is raw bytes.
    pub fn binary<H: FromHeaders, E: DeserializeOwned>(self, expected: &[u16]) -> Result<Response<Bytes, H>, Error<E>> {
        let typed_headers = self.check(expected)?;
        let body = self.body.clone();
        Ok(self.into_response(body, typed_headers))
    }
}

/// A successful response: the typed value, the typed documented headers, and the raw status,
/// headers and body.
#[derive(Debug, Clone)]
pub struct Response<T, H = ()> {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    value: T,
    typed_headers: H,
}

impl<T, H> Response<T, H> {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// All response headers, as received.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The response body, as received.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The typed body.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// Takes the typed body.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The headers the spec documents for this response, typed.
    pub fn typed_headers(&self) -> &H {
        &self.typed_headers
    }
}

// ----- paging ----------------------------------------------------------------------------------

/// One page of an `x-ms-pageable` operation's results.
pub trait Page: DeserializeOwned + Send + 'static {
    /// What the page lists.
    type Item;

    /// The URL of the next page, if there is one.
    fn next_link(&self) -> Option<&str>;

    /// The items of this page.
    fn into_items(self) -> Vec<Self::Item>;
}

type PageFuture<P, E> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<P, Error<E>>> + Send>>;

enum PagerState<P, E> {
    /// A page is being fetched.
    Fetching(PageFuture<P, E>),
    /// The next page is at this link.
    Next(String),
    Done,
}

/// The pages of a pageable operation's results: a [`futures_core::Stream`] of pages that follows
/// each page's next link (same scheme, host and port only), or call [`Pager::next_page`].
pub struct Pager<P, E> {
    pipeline: Pipeline,
    options: RequestOptions,
    expected: &'static [u16],
    state: PagerState<P, E>,
}

impl<P, E> fmt::Debug for Pager<P, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pager")
            .field("pipeline", &self.pipeline)
            .finish_non_exhaustive()
    }
}

impl<P: Page, E: DeserializeOwned + Send + 'static> Pager<P, E> {
    /// Pages starting with the one `first` fetches.
    pub fn new(
        pipeline: Pipeline,
        options: RequestOptions,
        expected: &'static [u16],
        first: impl std::future::Future<Output = Result<P, Error<E>>> + Send + 'static,
    ) -> Self {
        Pager {
            pipeline,
            options,
            expected,
            state: PagerState::Fetching(Box::pin(first)),
        }
    }

    /// The next page, or `None` after the last one (or after an error).
    pub async fn next_page(&mut self) -> Option<Result<P, Error<E>>> {
        std::future::poll_fn(|cx| futures_core::Stream::poll_next(std::pin::Pin::new(&mut *self), cx)).await
    }

    /// Every item of every page.
    pub async fn all_items(mut self) -> Result<Vec<P::Item>, Error<E>> {
        let mut items = Vec::new();
        while let Some(page) = self.next_page().await {
            items.extend(page?.into_items());
        }
        Ok(items)
    }

    fn fetch(&self, link: String) -> PageFuture<P, E> {
        let (pipeline, options, expected) = (self.pipeline.clone(), self.options.clone(), self.expected);
        Box::pin(async move {
            let response = pipeline.send(Request::new(Method::GET, link), options).await?;
            response.json::<P, (), E>(expected).map(Response::into_value)
        })
    }
}

impl<P: Page, E: DeserializeOwned + Send + 'static> futures_core::Stream for Pager<P, E> {
    type Item = Result<P, Error<E>>;

    fn poll_next(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match &mut this.state {
                PagerState::Done => return std::task::Poll::Ready(None),
                PagerState::Next(link) => {
                    let link = std::mem::take(link);
                    this.state = PagerState::Fetching(this.fetch(link));
                }
                PagerState::Fetching(future) => {
                    let result = std::task::ready!(future.as_mut().poll(cx));
                    this.state = match &result {
                        Ok(page) => match page.next_link() {
                            Some(link) if !link.is_empty() => PagerState::Next(link.to_string()),
                            _ => PagerState::Done,
                        },
                        Err(_) => PagerState::Done,
                    };
                    return std::task::Poll::Ready(Some(result));
                }
            }
        }
    }
}

// ----- date formats in JSON --------------------------------------------------------------------

/// `format: date` (`2024-03-14`) for serde: `#[serde(with = "crate::runtime::date")]`.
pub mod date {
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    use super::ParamValue;

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<time::Date> {
        let mut parts = text.splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = time::Month::try_from(parts.next()?.parse::<u8>().ok()?).ok()?;
        let day = parts.next()?.parse().ok()?;
        time::Date::from_calendar_date(year, month, day).ok()
    }

    pub fn serialize<S: Serializer>(value: &time::Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&value.to_param())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<time::Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).ok_or_else(|| D::Error::custom(format!("`{text}` is not a date (YYYY-MM-DD)")))
    }

    /// The same for `Option<time::Date>`.
    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(value: &Option<time::Date>, serializer: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(v) => super::serialize(v, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<time::Date>, D::Error> {
            #[derive(Deserialize)]
            struct Wrapped(#[serde(with = "super")] time::Date);
            Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|w| w.0))
        }
    }
}

/// `format: byte` (base64, RFC 4648 with padding) for serde: `#[serde(with = "crate::runtime::base64")]`.
pub mod base64 {
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// Encodes with the standard alphabet and padding.
    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    /// Decodes the standard or URL-safe alphabet, with or without padding.
    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(text.len() / 4 * 3);
        let (mut n, mut bits) = (0u32, 0);
        for c in text.trim_end_matches('=').bytes() {
            let v = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' | b'-' => 62,
                b'/' | b'_' => 63,
                _ => return None,
            };
            n = (n << 6) | u32::from(v);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((n >> bits) as u8);
            }
        }
        Some(out)
    }

    pub fn serialize<S: Serializer>(value: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&encode(value))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        decode(&text).ok_or_else(|| D::Error::custom("the value is not base64"))
    }

    /// The same for `Option<Vec<u8>>`.
    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(value: &Option<Vec<u8>>, serializer: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(v) => super::serialize(v, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<u8>>, D::Error> {
            #[derive(Deserialize)]
            struct Wrapped(#[serde(with = "super")] Vec<u8>);
            Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|w| w.0))
        }
    }
}

/// `format: duration` (ISO 8601, e.g. `PT10M`, `P1DT2H`) for serde, as `time::Duration`. Years
/// and months have no fixed length and are rejected; weeks and days are 7 and 1 times 24 hours.
pub mod duration {
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    /// Parses `[-]PnWnDTnHnMn.nS`.
    pub fn parse(text: &str) -> Option<time::Duration> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let rest = rest.strip_prefix('P')?;
        let (date, clock) = match rest.split_once('T') {
            Some((d, t)) if !t.is_empty() => (d, Some(t)),
            Some(_) => return None,
            None => (rest, None),
        };
        let mut seconds = 0f64;
        let mut any = false;
        let mut take = |part: &str, units: &[(char, f64)]| -> Option<()> {
            let mut number = String::new();
            for c in part.chars() {
                if c.is_ascii_digit() || c == '.' || c == ',' {
                    number.push(if c == ',' { '.' } else { c });
                    continue;
                }
                let scale = units.iter().find(|(u, _)| *u == c)?.1;
                seconds += number.parse::<f64>().ok()? * scale;
                number.clear();
                any = true;
            }
            number.is_empty().then_some(())
        };
        take(date, &[('W', 604_800.0), ('D', 86_400.0)])?;
        if let Some(clock) = clock {
            take(clock, &[('H', 3_600.0), ('M', 60.0), ('S', 1.0)])?;
        }
        if !any || !seconds.is_finite() {
            return None;
        }
        let duration = time::Duration::checked_seconds_f64(seconds)?;
        Some(if negative { -duration } else { duration })
    }

    /// Formats with the largest units first: `P1DT2H3M4.5S`, `PT0S` for zero.
    pub fn format(value: &time::Duration) -> String {
        let sign = if value.is_negative() { "-" } else { "" };
        let value = value.abs();
        let (days, hours, minutes) = (value.whole_days(), value.whole_hours() % 24, value.whole_minutes() % 60);
        let (seconds, nanos) = (value.whole_seconds() % 60, value.subsec_nanoseconds());
        let mut out = format!("{sign}P");
        if days > 0 {
            out.push_str(&format!("{days}D"));
        }
        let mut clock = String::new();
        if hours > 0 {
            clock.push_str(&format!("{hours}H"));
        }
        if minutes > 0 {
            clock.push_str(&format!("{minutes}M"));
        }
        if nanos > 0 {
            let fraction = format!("{nanos:09}");
            clock.push_str(&format!("{seconds}.{}S", fraction.trim_end_matches('0')));
        } else if seconds > 0 || (days == 0 && clock.is_empty()) {
            clock.push_str(&format!("{seconds}S"));
        }
        if !clock.is_empty() {
            out.push('T');
            out.push_str(&clock);
        }
        out
    }

    pub fn serialize<S: Serializer>(value: &time::Duration, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format(value))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<time::Duration, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).ok_or_else(|| D::Error::custom(format!("`{text}` is not an ISO 8601 duration of days and time")))
    }

    /// The same for `Option<time::Duration>`.
    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(value: &Option<time::Duration>, serializer: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(v) => super::serialize(v, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<time::Duration>, D::Error> {
            #[derive(Deserialize)]
            struct Wrapped(#[serde(with = "super")] time::Duration);
            Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|w| w.0))
        }
    }
}

/// `format: date-time-rfc1123` (`Sun, 06 Nov 1994 08:49:37 GMT`) for serde.
pub mod rfc1123 {
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    use super::HeaderType;

    /// Formats as an HTTP date, in UTC.
    pub fn format(value: &time::OffsetDateTime) -> String {
        const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let v = value.to_offset(time::UtcOffset::UTC);
        format!(
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
            DAYS[v.weekday().number_days_from_monday() as usize],
            v.day(),
            MONTHS[u8::from(v.month()) as usize - 1],
            v.year(),
            v.hour(),
            v.minute(),
            v.second()
        )
    }

    pub fn serialize<S: Serializer>(value: &time::OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format(value))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<time::OffsetDateTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        time::OffsetDateTime::parse_header(&text).map_err(D::Error::custom)
    }

    /// The same for `Option<time::OffsetDateTime>`.
    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(
            value: &Option<time::OffsetDateTime>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match value {
                Some(v) => super::serialize(v, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<time::OffsetDateTime>, D::Error> {
            #[derive(Deserialize)]
            struct Wrapped(#[serde(with = "super")] time::OffsetDateTime);
            Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|w| w.0))
        }
    }
}

// ----- generated-code helpers ------------------------------------------------------------------

/// Implements `.header()` and `IntoFuture` for a request builder with fields `options` and an
/// inherent `async fn send(self)`.
#[allow(unused_macros)] // used by the generated code only when the spec needs it
macro_rules! request_builder {
    ($builder:ident => $output:ty) => {
        impl $builder {
            /// Adds a header to this call only (for example a client request id).
            pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.options.add_header(name, value);
                self
            }
        }

        impl std::future::IntoFuture for $builder {
            type Output = $output;
            type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = $output> + Send>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use request_builder;

/// `as_str`-based `Display` and [`ParamValue`] for a closed enum.
#[allow(unused_macros)] // used by the generated code only when the spec needs it
macro_rules! closed_enum {
    ($name:ident) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::runtime::ParamValue for $name {
            fn to_param(&self) -> String {
                self.as_str().to_string()
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use closed_enum;

/// Serde, `Display`, `FromStr` and [`ParamValue`] for an extensible enum with `as_str` and
/// `From<&str>` (unknown values round-trip through `UnknownValue`).
#[allow(unused_macros)] // used by the generated code only when the spec needs it
macro_rules! extensible_enum {
    ($name:ident) => {
        $crate::runtime::closed_enum!($name);

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use extensible_enum;

/// Serde, `Display` and [`ParamValue`] for a closed integer enum with `value` and `from_value`.
#[allow(unused_macros)] // used by the generated code only when the spec needs it
macro_rules! closed_int_enum {
    ($name:ident) => {
        $crate::runtime::int_enum_common!($name);

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = i64::deserialize(deserializer)?;
                Self::from_value(value)
                    .ok_or_else(|| serde::de::Error::custom(format!("unknown value {value} of {}", stringify!($name))))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use closed_int_enum;

/// Serde, `Display` and [`ParamValue`] for an extensible integer enum with `value` and
/// `From<i64>` (unknown values round-trip through `UnknownValue`).
#[allow(unused_macros)] // used by the generated code only when the spec needs it
macro_rules! extensible_int_enum {
    ($name:ident) => {
        $crate::runtime::int_enum_common!($name);

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok(Self::from(i64::deserialize(deserializer)?))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use extensible_int_enum;

/// What closed and extensible integer enums share.
#[allow(unused_macros)] // used by the generated code only when the spec needs it
macro_rules! int_enum_common {
    ($name:ident) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        impl $crate::runtime::ParamValue for $name {
            fn to_param(&self) -> String {
                self.value().to_string()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use int_enum_common;
