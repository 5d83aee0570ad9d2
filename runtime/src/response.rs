//! Responses: checking the status, typed headers, typed bodies.

use super::*;

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

    /// Whether an empty value is a value (text) rather than no value (numbers, enums, dates).
    const EMPTY_IS_A_VALUE: bool = false;
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

header_type_via_from_str!(bool, i32, i64, f32, f64, uuid::Uuid);

impl HeaderType for String {
    fn parse_header(text: &str) -> Result<Self, String> {
        Ok(text.to_string())
    }

    const EMPTY_IS_A_VALUE: bool = true;
}

impl HeaderType for time::OffsetDateTime {
    fn parse_header(text: &str) -> Result<Self, String> {
        super::rfc3339::parse(text)
            .or_else(|| super::rfc1123::parse(text))
            .ok_or_else(|| format!("`{text}` is neither an RFC 3339 nor an HTTP date"))
    }
}

impl HeaderType for time::Duration {
    fn parse_header(text: &str) -> Result<Self, String> {
        super::duration::parse(text).ok_or_else(|| format!("`{text}` is not an ISO 8601 duration"))
    }
}

impl HeaderType for time::Date {
    fn parse_header(text: &str) -> Result<Self, String> {
        super::date::parse(text).ok_or_else(|| format!("`{text}` is not a date"))
    }
}

impl HeaderType for Vec<u8> {
    fn parse_header(text: &str) -> Result<Self, String> {
        super::base64::decode(text).ok_or_else(|| "not base64".to_string())
    }
}

/// A header value parsed as its JSON string form (generated enums use this).
pub fn parse_header_via_serde<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = match text.parse::<i64>() {
        Ok(n) => serde_json::from_value(serde_json::Value::from(n)).or_else(|_| serde_json::from_value(text.into())),
        Err(_) => serde_json::from_value(text.into()),
    };
    value.map_err(|e| e.to_string())
}

/// Reads the headers named `prefix` + a key (`x-ms-header-collection-prefix`) as a map by key
/// (lower case, as HTTP/2 and this client's HTTP stack give header names); `None` when there is
/// none.
pub fn header_collection(
    headers: &HeaderMap,
    prefix: &'static str,
) -> Result<Option<std::collections::BTreeMap<String, String>>, (&'static str, String)> {
    let mut entries = std::collections::BTreeMap::new();
    for (name, value) in headers {
        if let Some(key) = name.as_str().strip_prefix(prefix).filter(|key| !key.is_empty()) {
            let text = value.to_str().map_err(|_| (prefix, "not visible ASCII".to_string()))?;
            entries.insert(key.to_string(), text.to_string());
        }
    }
    Ok((!entries.is_empty()).then_some(entries))
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
            if text.trim().is_empty() && !T::EMPTY_IS_A_VALUE {
                return Ok(None);
            }
            T::parse_header(text).map(Some).map_err(|e| (name, e))
        }
    }
}

/// The typed error body: JSON, or (with the `xml` feature) an XML error such as Storage's
/// `<Error><Code>…</Code><Message>…</Message></Error>` read as the JSON object of its elements,
/// when the response says it is XML (an HTML error page of a proxy is no error model).
fn parse_error_body<E: DeserializeOwned>(headers: &HeaderMap, body: &[u8]) -> Option<E> {
    let json = serde_json::from_slice(body).ok();
    #[cfg(feature = "xml")]
    if json.is_none() {
        let content_type = headers.get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
        let essence = content_type
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default()
            .trim();
        let xml = essence.eq_ignore_ascii_case("application/xml")
            || essence.eq_ignore_ascii_case("text/xml")
            || essence.to_ascii_lowercase().ends_with("+xml");
        return if xml { super::xml::error_body(body) } else { None };
    }
    #[cfg(not(feature = "xml"))]
    let _ = headers;
    json
}

/// A response as received, before it is checked against the spec.
#[derive(Debug)]
pub struct RawResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    /// How many attempts the retry policy made to get this response.
    pub(crate) attempts: u32,
}

impl RawResponse {
    /// Turns a status outside `expected` into [`Error::Status`] (with the typed error body when
    /// the body parses as `E`), and parses the documented headers.
    pub(crate) fn check<H: FromHeaders, E: DeserializeOwned>(&self, expected: &[u16]) -> Result<H, Error<E>> {
        if !expected.contains(&self.status.as_u16()) {
            return Err(self.status_error());
        }
        H::from_headers(&self.headers).map_err(|(name, message)| Error::Header { name, message })
    }

    /// This response as an [`Error::Status`], with the typed error body when it parses as `E`.
    pub(crate) fn status_error<E: DeserializeOwned>(&self) -> Error<E> {
        let error = Error::Status(Box::new(StatusError {
            status: self.status,
            headers: self.headers.clone(),
            body: self.body.clone(),
            error: parse_error_body(&self.headers, &self.body),
        }));
        match self.attempts {
            0 | 1 => error,
            attempts => Error::RetriesExhausted {
                attempts,
                last: Box::new(error),
            },
        }
    }

    pub(crate) fn into_response<T, H>(self, value: T, typed_headers: H) -> Response<T, H> {
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

    /// A response whose body may be absent: no body, or JSON `null`, is `None`.
    pub fn optional_json<T: DeserializeOwned, H: FromHeaders, E: DeserializeOwned>(
        self,
        expected: &[u16],
    ) -> Result<Response<Option<T>, H>, Error<E>> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            let typed_headers = self.check(expected)?;
            return Ok(self.into_response(None, typed_headers));
        }
        self.json(expected)
    }

    /// The answer of a HEAD that asks whether something exists: a 2xx is `true`, a documented
    /// 404 `false`.
    pub fn exists<H: FromHeaders, E: DeserializeOwned>(self, expected: &[u16]) -> Result<Response<bool, H>, Error<E>> {
        let typed_headers = self.check(expected)?;
        let exists = self.status.is_success();
        Ok(self.into_response(exists, typed_headers))
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

/// What a call gives: the response with its typed value `T` and typed headers `H`, or an
/// [`Error`] whose API error body is `E`.
pub type CallResult<T, H, E> = Result<Response<T, H>, Error<E>>;

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
    /// The same response with its typed body changed by `f`.
    pub fn map_value<U>(self, f: impl FnOnce(T) -> U) -> Response<U, H> {
        Response {
            status: self.status,
            headers: self.headers,
            body: self.body,
            value: f(self.value),
            typed_headers: self.typed_headers,
        }
    }

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
