//! The hand-written runtime every generated client calls: request building, sending, response
//! decoding, validation, errors and secrets. Generated operations stay declarative and short
//! because the logic lives here, once.
//!
//! Generated code reaches it as `crate::runtime`: a crate generated to use this crate says
//! `pub use azure_rest_runtime as runtime;`, and one generated to stand alone embeds these same
//! files as its module `runtime` (without `#[macro_export]`). The crates whose types appear in
//! generated code are re-exported here ([`serde`], [`serde_json`], [`uuid`], [`time`], [`bytes`]),
//! so a crate that uses generated code needs no other dependency.

use std::fmt;
use std::sync::Arc;

pub use bytes::Bytes;
pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
/// The crates whose types generated code spells (`runtime::uuid::Uuid`, serde's derives with
/// `#[serde(crate = "crate::runtime::serde")]`), re-exported so that users need not depend on them.
pub use {bytes, serde, serde_json, time, uuid};

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

/// An OAuth 2 bearer token (Microsoft Entra ID) and when it expires, as a [`TokenCredential`]
/// gives it. `Debug` does not show the token.
#[derive(Debug, Clone)]
pub struct AccessToken {
    /// The token.
    pub token: ApiKey,
    /// When the token stops being valid. The client uses it until
    /// [`TOKEN_REFRESH_MARGIN`] before then, and asks for a new one after.
    pub expires_on: time::OffsetDateTime,
}

impl AccessToken {
    /// A token that expires at `expires_on`.
    pub fn new(token: impl Into<ApiKey>, expires_on: time::OffsetDateTime) -> Self {
        AccessToken {
            token: token.into(),
            expires_on,
        }
    }

    /// A fixed token, which never expires.
    pub fn fixed(token: impl Into<ApiKey>) -> Self {
        AccessToken::new(token, time::PrimitiveDateTime::MAX.assume_utc())
    }
}

/// How long before a token expires the client asks its credential for a new one (5 minutes, as
/// the Azure SDKs do): a token is never sent in its last minutes, when it might expire on the way.
pub const TOKEN_REFRESH_MARGIN: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// Gives OAuth 2 bearer tokens (Microsoft Entra ID) for scopes. Implement it to fetch tokens: the
/// client keeps each token until [`TOKEN_REFRESH_MARGIN`] before it expires (or until the service
/// refuses it with a `WWW-Authenticate` challenge), and asks once however many calls wait for
/// it. An [`ApiKey`] (or a `String`) is a fixed token that never expires; with the
/// `azure-identity` feature, any `Arc` of an `azure_core::credentials::TokenCredential` (the
/// credentials of `azure_identity`) is one too.
pub trait TokenCredential: Send + Sync {
    /// A token valid for `scopes`, or why there is none.
    fn token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken, String>>;
}

impl TokenCredential for ApiKey {
    fn token<'a>(&'a self, _: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken, String>> {
        Box::pin(std::future::ready(Ok(AccessToken::fixed(self.clone()))))
    }
}

impl TokenCredential for String {
    fn token<'a>(&'a self, _: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken, String>> {
        Box::pin(std::future::ready(Ok(AccessToken::fixed(self.as_str()))))
    }
}

/// A shared token credential (what a client holds).
#[derive(Clone)]
pub struct SharedTokenCredential(pub Arc<dyn TokenCredential>);

impl fmt::Debug for SharedTokenCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenCredential(<redacted>)")
    }
}

impl<T: TokenCredential + 'static> From<T> for SharedTokenCredential {
    fn from(credential: T) -> Self {
        SharedTokenCredential(Arc::new(credential))
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
    /// `Authorization: Bearer` with a token for `scopes` (unless
    /// [`ClientOptions::credential_scopes`] says otherwise), kept until shortly before it expires
    /// (see [`TokenCredential`]).
    Bearer {
        scopes: &'static [&'static str],
        credential: SharedTokenCredential,
    },
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
    /// A path parameter may not be `.` or `..`.
    DotSegment,
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
            Constraint::DotSegment => write!(f, "not `.` or `..` (a path segment)"),
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
    /// an http(s) URL, a plain `http` endpoint other than loopback for a client with a key or
    /// token, or a custom header that is not a valid header); nothing was sent.
    Config(String),
    /// The token credential gave no token (its explanation); nothing was sent.
    Credential(String),
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
    /// The call's time limit (client or per-call `timeout`) passed.
    Timeout(std::time::Duration),
    /// Every attempt the retry policy allowed failed; `last` is how the last one failed.
    RetriesExhausted { attempts: u32, last: Box<Error<E>> },
    /// A long-running operation ended in failure; `message` is the service's explanation.
    OperationFailed { message: Option<String> },
    /// The response body was larger than the client reads (`ClientOptions::max_response_bytes`).
    ResponseTooLarge { limit: usize },
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
            Error::RetriesExhausted { last, .. } => last.status(),
            Error::Transport(e) => e.status(),
            _ => None,
        }
    }

    /// The typed error body the service sent, when it sent one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Error::Status(e) => e.error.as_ref(),
            Error::RetriesExhausted { last, .. } => last.api_error(),
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
            Error::Credential(message) => write!(f, "the token credential gave no token: {message}"),
            Error::Transport(e) => write!(f, "request failed: {e}"),
            Error::Status(e) if e.body.is_empty() => write!(f, "the service answered {}", e.status),
            Error::Status(e) => write!(f, "the service answered {}: {}", e.status, preview(&e.body)),
            Error::Deserialize { status, source, .. } => {
                write!(f, "the {status} response body is not what the spec describes: {source}")
            }
            Error::Header { name, message } => write!(f, "response header `{name}` is invalid: {message}"),
            Error::Serialize(e) => write!(f, "the request body could not be serialized: {e}"),
            Error::Timeout(limit) => write!(f, "the call did not finish within {limit:?}"),
            Error::RetriesExhausted { attempts, last } => write!(f, "gave up after {attempts} attempts: {last}"),
            Error::OperationFailed { message: Some(message) } => write!(f, "the operation failed: {message}"),
            Error::OperationFailed { message: None } => write!(f, "the operation failed"),
            Error::ResponseTooLarge { limit } => write!(f, "the response body is larger than {limit} bytes"),
        }
    }
}

impl<E: fmt::Debug + 'static> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(e),
            Error::Deserialize { source, .. } | Error::Serialize(source) => Some(source),
            Error::RetriesExhausted { last, .. } => Some(last.as_ref()),
            _ => None,
        }
    }
}

/// `pub mod option`: the enclosing serde format module's adapter for `Option<$t>` (used by the
/// format modules below, which are declared after it so that they see it).
macro_rules! option_adapter {
    ($t:ty) => {
        /// The same for an optional value.
        pub mod option {
            use serde::{Deserialize, Deserializer, Serializer};

            pub fn serialize<S: Serializer>(value: &Option<$t>, serializer: S) -> Result<S::Ok, S::Error> {
                match value {
                    Some(v) => super::serialize(v, serializer),
                    None => serializer.serialize_none(),
                }
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<$t>, D::Error> {
                #[derive(Deserialize)]
                struct Wrapped(#[serde(with = "super")] $t);
                Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|w| w.0))
            }
        }
    };
}

#[cfg(feature = "azure-identity")]
pub mod identity;
mod macros;
mod paging;
mod pipeline;
mod poller;
mod request;
mod response;
mod wire;

pub mod base64;
pub mod date;
pub mod duration;
pub mod rfc1123;
pub mod rfc3339;
pub mod validate;
#[cfg(feature = "xml")]
pub mod xml;

pub use macros::variant_name;
#[allow(unused_imports)]
pub(crate) use macros::*;
pub use paging::*;
pub use pipeline::*;
pub use poller::*;
pub use request::*;
pub use response::*;
pub use validate::check;
pub use wire::*;

/// This crate under the name generated code gives it, so that the macros' `$crate::runtime::`
/// paths hold both here (where `$crate` is this crate) and in an embedded copy (where `$crate` is
/// the generated crate, whose module `runtime` this is).
#[doc(hidden)]
#[allow(clippy::module_inception)] // in an embedded copy, it sits in the module `runtime`
pub mod runtime {
    pub use super::*;
}
