//! Building requests: values in paths, queries and headers, per-call options, and bodies.

use std::borrow::Cow;

use std::collections::BTreeMap;

use super::*;

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

/// A `null` item of a list parameter is an empty value.
impl<T: ParamValue> ParamValue for Option<T> {
    fn to_param(&self) -> String {
        self.as_ref().map(T::to_param).unwrap_or_default()
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

/// A `format: date-time-rfc1123` value in a query or header: an HTTP date, not RFC 3339.
#[derive(Debug, Clone, Copy)]
pub struct Rfc1123Param<'a>(pub &'a time::OffsetDateTime);

impl ParamValue for Rfc1123Param<'_> {
    fn to_param(&self) -> String {
        super::rfc1123::format(self.0)
    }
}

/// A `format: base64url` value in a path, query or header: URL-safe base64 without padding.
#[derive(Debug, Clone, Copy)]
pub struct Base64UrlParam<'a>(pub &'a [u8]);

impl ParamValue for Base64UrlParam<'_> {
    fn to_param(&self) -> String {
        super::base64::url::encode(self.0)
    }
}

/// Characters left as they are in a path segment or query value: RFC 3986 unreserved ones.
pub(crate) const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The bytes [`UNRESERVED`] leaves as they are, as a table indexed by byte (the same characters).
const UNRESERVED_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || matches!(b as u8, b'-' | b'.' | b'_' | b'~');
        b += 1;
    }
    table
};

/// A path parameter as one encoded segment (`/`, `?`, `%` and the like are escaped), or as it is
/// when the spec says `x-ms-skip-url-encoding`. `.` and `..` are escaped too, but URL parsing
/// still reads `%2E` as a dot: generated code refuses them first (`validate::path_segment`), and
/// the pipeline refuses any URL whose path parsing changed.
pub fn path_param(value: &impl ParamValue, skip_url_encoding: bool) -> String {
    let text = value.to_param();
    if skip_url_encoding {
        return text;
    }
    match text.as_str() {
        "." => "%2E".to_string(),
        ".." => "%2E%2E".to_string(),
        _ => encode_owned(text),
    }
}

/// `text` percent-encoded (all but RFC 3986 unreserved characters), reusing `text` itself when
/// nothing needs escaping (ids, numbers, names: most values), so that costs no second allocation.
fn encode_owned(text: String) -> String {
    // The common case, checked with a table (a few times faster than the encoder's own scan).
    if text.bytes().all(|b| UNRESERVED_BYTES[usize::from(b)]) {
        return text;
    }
    percent_encoding::utf8_percent_encode(&text, UNRESERVED).to_string()
}

/// A query parameter's name, percent-encoded; borrowed (no allocation) when nothing needs escaping.
fn encode_name(name: &'static str) -> Cow<'static, str> {
    percent_encoding::utf8_percent_encode(name, UNRESERVED).into()
}

/// An array path parameter: each item encoded as a segment, joined with `separator`.
pub fn path_list<T: ParamValue>(values: &[T], separator: &str, skip_url_encoding: bool) -> String {
    values
        .iter()
        .map(|v| path_param(v, skip_url_encoding))
        .collect::<Vec<_>>()
        .join(separator)
}

/// Joins array items for one query or header value (`csv`, `ssv`, `tsv`, `pipes`).
pub(crate) fn join_values<T: ParamValue>(values: &[T], separator: &str) -> String {
    values
        .iter()
        .map(ParamValue::to_param)
        .collect::<Vec<_>>()
        .join(separator)
}

/// Per-call settings: custom headers (AutoRest's `custom_headers`).
#[derive(Clone, Default)]
pub struct RequestOptions {
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) retry: Option<RetryOptions>,
    pub(crate) timeout: Option<std::time::Duration>,
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values may be secrets: show the names only.
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("headers", &names)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl RequestOptions {
    /// Adds a header sent with this call only (checked when the call is sent).
    pub fn add_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.headers.push((name.into(), value.into()));
    }

    /// Retries this call as `retry` says, instead of as the client does.
    pub fn set_retry(&mut self, retry: RetryOptions) {
        self.retry = Some(retry);
    }

    /// Gives up on this call (all attempts and waits included) after `timeout`.
    pub fn set_timeout(&mut self, timeout: std::time::Duration) {
        self.timeout = Some(timeout);
    }
}

/// Per-call settings, set the builder way: `RequestOptions::default().header("x-ms-client-request-id", id)`.
impl RequestOptions {
    /// Adds a header to this call only (for example a client request id).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.add_header(name, value);
        self
    }

    /// Gives up on this call, all attempts and waits included, after `timeout`.
    pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
        self.set_timeout(timeout);
        self
    }

    /// Retries this call as `retry` says, instead of as the client does.
    pub fn retry(mut self, retry: RetryOptions) -> Self {
        self.set_retry(retry);
        self
    }
}

/// A query pair, percent-encoded.
pub(crate) fn encoded_pair(name: &str, value: &str) -> (String, String) {
    let encode = |text: &str| percent_encoding::utf8_percent_encode(text, UNRESERVED).to_string();
    (encode(name), encode(value))
}

/// An HTTP request, relative to the client's base URL.
///
/// Names and values that are `'static` (header names, media types, query names) are kept
/// borrowed: the pipeline turns them into header values without copying them.
#[derive(Debug)]
pub struct Request {
    pub(crate) method: Method,
    pub(crate) path: String,
    /// Query pairs, already percent-encoded.
    pub(crate) query: Vec<(Cow<'static, str>, String)>,
    pub(crate) headers: Vec<(&'static str, Cow<'static, str>)>,
    /// The content type and the body.
    pub(crate) body: Option<(Cow<'static, str>, Bytes)>,
    /// Headers named at run time: a prefix and a key (`x-ms-header-collection-prefix`).
    pub(crate) collection_headers: Vec<(String, String)>,
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
            collection_headers: Vec::new(),
        }
    }

    /// Adds a query parameter.
    pub fn query(mut self, name: &'static str, value: &impl ParamValue) -> Self {
        self.query.push((encode_name(name), encode_owned(value.to_param())));
        self
    }

    /// Adds a query parameter as it is, not percent-encoded (`x-ms-skip-url-encoding`), when it
    /// is set.
    pub fn query_unencoded(mut self, name: &'static str, value: Option<&impl ParamValue>) -> Self {
        if let Some(value) = value {
            self.query.push((encode_name(name), value.to_param()));
        }
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
            (Some(values), Some(sep)) => self
                .query
                .push((encode_name(name), encode_owned(join_values(values, sep)))),
            (Some(values), None) => {
                self.query
                    .extend(values.iter().map(|v| (encode_name(name), encode_owned(v.to_param()))));
            }
            (None, _) => {}
        }
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &'static str, value: &impl ParamValue) -> Self {
        self.headers.push((name, Cow::Owned(value.to_param())));
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
            self.headers.push((name, Cow::Owned(join_values(values, separator))));
        }
        self
    }

    /// Adds one header per entry, named `prefix` + key (`x-ms-header-collection-prefix`, e.g.
    /// `x-ms-meta-` for Storage's metadata).
    pub fn header_collection(mut self, prefix: &'static str, entries: Option<&BTreeMap<String, String>>) -> Self {
        for (key, value) in entries.into_iter().flatten() {
            self.collection_headers.push((format!("{prefix}{key}"), value.clone()));
        }
        self
    }

    /// Sets the `Accept` header (kept borrowed: the pipeline sends the static text as it is).
    pub fn accept(mut self, media_type: &'static str) -> Self {
        self.headers.push(("accept", Cow::Borrowed(media_type)));
        self
    }

    /// Sets a JSON body.
    pub fn json<E>(mut self, content_type: &'static str, body: &impl Serialize) -> Result<Self, Error<E>> {
        let bytes = {
            let _sending = SendingBody::start();
            serde_json::to_vec(body).map_err(Error::Serialize)?
        };
        self.body = Some((Cow::Borrowed(content_type), Bytes::from(bytes)));
        Ok(self)
    }

    /// Sets a raw body.
    pub fn bytes(mut self, content_type: &'static str, body: impl Into<Bytes>) -> Self {
        self.body = Some((Cow::Borrowed(content_type), body.into()));
        self
    }

    /// Sets a form body.
    pub fn form(mut self, form: Form) -> Self {
        let (content_type, body) = form.encode();
        self.body = Some((Cow::Owned(content_type), body));
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

    /// Adds one file part per item, all under `name` (a form field holding several files).
    pub fn files(mut self, name: &'static str, contents: Option<Vec<Bytes>>) -> Self {
        for content in contents.into_iter().flatten() {
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

thread_local! {
    /// Whether a request body is being serialized on this thread (serialization is synchronous).
    static SENDING_BODY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Marks a request body's serialization, until dropped (also when serialization panics).
pub(crate) struct SendingBody;

impl SendingBody {
    pub(crate) fn start() -> Self {
        SENDING_BODY.with(|sending| sending.set(true));
        SendingBody
    }
}

impl Drop for SendingBody {
    fn drop(&mut self) {
        SENDING_BODY.with(|sending| sending.set(false));
    }
}

/// `#[serde(skip_serializing_if)]` of a `readOnly` field: left out of request bodies (the service
/// sets it), kept when a model is serialized for any other purpose, so values read from the
/// service round-trip.
pub fn read_only<T>(_: &T) -> bool {
    SENDING_BODY.with(std::cell::Cell::get)
}

/// [`read_only`] for an optional field, which is left out when absent too.
pub fn read_only_or_none<T>(value: &Option<T>) -> bool {
    value.is_none() || read_only(value)
}
