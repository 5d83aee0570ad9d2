//! The client's pipeline: every request passes through the built-in policies — per-call headers,
//! user agent, retries, redirects, authentication —, any policies the user adds, and then the
//! transport. The built-in ones run inline in one future ([`Pipeline::send`]); the user's are
//! [`Policy`] objects, chained with [`Next`].
//!
//! Operations only build a [`Request`]; everything that is the same for all of them lives here.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use reqwest::header::{Entry, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT, WWW_AUTHENTICATE};

use super::*;

/// A boxed, sendable future (what policies return).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

// ----- settings ----------------------------------------------------------------------------------

/// When and how often a failed attempt is tried again.
///
/// Connection errors, timeouts of one attempt, and the statuses 408, 429, 500, 502, 503 and 504
/// are retried; no other 4xx is. The wait before a retry is what the service asks for
/// (`retry-after-ms`, `x-ms-retry-after-ms`, or `Retry-After` in seconds or as an HTTP date), else
/// an exponential backoff with jitter, capped by `max_delay`.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryOptions {
    max_retries: u32,
    initial_delay: Duration,
    max_delay: Duration,
    max_elapsed: Duration,
}

impl Default for RetryOptions {
    fn default() -> Self {
        RetryOptions {
            max_retries: 3,
            initial_delay: Duration::from_millis(800),
            max_delay: Duration::from_secs(60),
            max_elapsed: Duration::from_secs(120),
        }
    }
}

impl RetryOptions {
    /// No retries at all.
    pub fn none() -> Self {
        RetryOptions {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Retries after the first attempt (default 3).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// The first backoff delay, doubled for each further retry (default 800 ms).
    pub fn initial_delay(mut self, delay: Duration) -> Self {
        self.initial_delay = delay;
        self
    }

    /// The longest single wait, whatever the service asks for (default 60 s).
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// No retry starts once attempts and waits would take longer than this (default 120 s).
    pub fn max_elapsed(mut self, elapsed: Duration) -> Self {
        self.max_elapsed = elapsed;
        self
    }
}

/// How the pipeline waits between attempts. Replace it (see [`ClientOptions::sleeper`]) to make
/// tests instant or to record the waits.
pub trait Sleeper: Send + Sync + fmt::Debug {
    /// Waits for `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// Waits with `tokio::time::sleep`.
#[derive(Debug, Default)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// Settings shared by every call of a client.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    http: Option<reqwest::Client>,
    user_agent: Option<String>,
    retry: RetryOptions,
    timeout: Option<Duration>,
    try_timeout: Option<Duration>,
    sleeper: Arc<dyn Sleeper>,
    policies: Vec<Arc<dyn Policy>>,
    max_response_bytes: usize,
    credential_scopes: Option<Vec<String>>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            http: None,
            user_agent: None,
            retry: RetryOptions::default(),
            timeout: None,
            try_timeout: None,
            sleeper: Arc::new(TokioSleeper),
            policies: Vec::new(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            credential_scopes: None,
        }
    }
}

/// The largest response body a client reads by default (256 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 256 * 1024 * 1024;

impl ClientOptions {
    /// Refuses response bodies larger than `bytes` (default [`DEFAULT_MAX_RESPONSE_BYTES`]) with
    /// [`Error::ResponseTooLarge`].
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// Uses this `reqwest::Client` (its pool, proxy and TLS settings) instead of a new one. Build
    /// it with `.redirect(reqwest::redirect::Policy::none())`: the client follows redirects
    /// itself, within the endpoint's origin; reqwest's own policy would follow them first, to any
    /// host, with the API key header.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Sets the `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// How failed attempts are retried (default: [`RetryOptions::default`]).
    pub fn retry(mut self, retry: RetryOptions) -> Self {
        self.retry = retry;
        self
    }

    /// Gives up on a call, all attempts and waits included, after `timeout` (default: none).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Gives up on one attempt after `timeout`; the attempt is then retried (default: none).
    pub fn try_timeout(mut self, timeout: Duration) -> Self {
        self.try_timeout = Some(timeout);
        self
    }

    /// Waits between attempts with `sleeper`.
    pub fn sleeper(mut self, sleeper: Arc<dyn Sleeper>) -> Self {
        self.sleeper = sleeper;
        self
    }

    /// Adds a policy that runs on every attempt, after authentication, before the transport.
    pub fn policy(mut self, policy: Arc<dyn Policy>) -> Self {
        self.policies.push(policy);
        self
    }

    /// Asks the token credential for tokens for these scopes instead of the ones the spec names
    /// (for example `https://cognitiveservices.azure.us/.default` in another cloud, or an
    /// application's own `api://.../.default`). Clients authenticated with a key ignore it.
    pub fn credential_scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.credential_scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }
}

/// Runs `work`, giving up after `limit` (when there is one) with `timed_out(limit)`.
pub(crate) async fn within<T, E>(
    limit: Option<Duration>,
    work: impl Future<Output = Result<T, E>>,
    timed_out: impl FnOnce(Duration) -> E,
) -> Result<T, E> {
    match limit {
        Some(limit) => tokio::time::timeout(limit, work)
            .await
            .unwrap_or_else(|_| Err(timed_out(limit))),
        None => work.await,
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

// ----- policies ----------------------------------------------------------------------------------

/// A request as the policies see it. The body is `Bytes`, so every attempt sends it whole.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub method: Method,
    pub url: reqwest::Url,
    pub headers: HeaderMap,
    pub body: Option<Bytes>,
}

/// Why a request got no response.
#[derive(Debug)]
pub enum SendError {
    /// Connecting, sending or receiving failed.
    Transport(reqwest::Error),
    /// Something about the request is unusable (a bad header, a refused link, plain `http` to
    /// a host other than loopback with a key or token).
    Config(String),
    /// The token credential gave no token.
    Credential(String),
    /// The call's time limit passed.
    Timeout(Duration),
    /// Every attempt failed; `last` is how the last one did.
    Exhausted { attempts: u32, last: Box<SendError> },
    /// The response body was larger than the client reads.
    TooLarge(usize),
}

impl SendError {
    fn into_error<E>(self) -> Error<E> {
        match self {
            SendError::Transport(e) => Error::Transport(e),
            SendError::Config(message) => Error::Config(message),
            SendError::Credential(message) => Error::Credential(message),
            SendError::Timeout(limit) => Error::Timeout(limit),
            SendError::TooLarge(limit) => Error::ResponseTooLarge { limit },
            SendError::Exhausted { attempts, last } => Error::RetriesExhausted {
                attempts,
                last: Box::new(last.into_error()),
            },
        }
    }
}

/// What a policy returns: a response, with the number of attempts it took.
pub type PolicyResult = Result<RawResponse, SendError>;

/// Per-call state the policies share.
#[derive(Debug)]
pub struct CallContext {
    /// The call's own options (custom headers, retry, timeout).
    pub options: RequestOptions,
    /// The retry settings in force for this call.
    pub retry: RetryOptions,
}

/// A step of the pipeline. Implement it to add behaviour to every request of a client (see
/// [`ClientOptions::policy`]).
pub trait Policy: Send + Sync + fmt::Debug {
    /// Handles `request`, normally by changing it and passing it on with `next.send`.
    fn send<'a>(&'a self, ctx: &'a CallContext, request: HttpRequest, next: Next<'a>) -> BoxFuture<'a, PolicyResult>;
}

/// The rest of the pipeline after a policy.
#[derive(Clone, Copy)]
pub struct Next<'a> {
    rest: &'a [Arc<dyn Policy>],
    transport: &'a Transport,
}

impl<'a> Next<'a> {
    /// Passes `request` to the next policy, or to the transport after the last one.
    pub fn send(self, ctx: &'a CallContext, request: HttpRequest) -> BoxFuture<'a, PolicyResult> {
        match self.rest.split_first() {
            Some((policy, rest)) => policy.send(
                ctx,
                request,
                Next {
                    rest,
                    transport: self.transport,
                },
            ),
            None => self.transport.send(request),
        }
    }
}

fn invalid_name(name: &str) -> String {
    format!("`{name}` is not a valid header name")
}

fn invalid_value(name: &str) -> String {
    format!("the value of header `{name}` is not a valid header value")
}

/// A header from text (what the user gives, so checked here rather than at the call).
fn make_header(name: &str, value: &str, sensitive: bool) -> Result<(HeaderName, HeaderValue), String> {
    let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid_name(name))?;
    let mut header_value = HeaderValue::from_str(value).map_err(|_| invalid_value(name))?;
    header_value.set_sensitive(sensitive);
    Ok((header_name, header_value))
}

fn insert_header(headers: &mut HeaderMap, name: &str, value: &str, sensitive: bool) -> Result<(), SendError> {
    let (name, value) = make_header(name, value, sensitive).map_err(SendError::Config)?;
    headers.insert(name, value);
    Ok(())
}

/// A header value from an operation's request: `'static` text (media types, the spec's constants)
/// is used in place, with the same checks as `HeaderValue::from_str`, which copies.
#[allow(clippy::ptr_arg)] // `&str` would lose the `'static` of a borrowed value, which is the point
fn request_header_value(name: &str, value: &Cow<'static, str>) -> Result<HeaderValue, SendError> {
    match value {
        Cow::Borrowed(text) => HeaderValue::from_maybe_shared(Bytes::from_static(text.as_bytes())),
        Cow::Owned(text) => HeaderValue::from_str(text),
    }
    .map_err(|_| SendError::Config(invalid_value(name)))
}

/// How many redirects one attempt follows at most.
const MAX_REDIRECTS: usize = 10;

/// Statuses that may be redirects to follow (see [`follow_redirect`]).
const REDIRECT_STATUSES: [u16; 5] = [301, 302, 303, 307, 308];

/// The request a redirect response asks for, when it is one to follow.
///
/// Redirects are followed within the client's origin, as Azure SDKs do: 301 and 302 for GET and
/// HEAD only (other methods get the 3xx back, for the caller to decide); 303 as a GET without a
/// body; 307 and 308 with the same method and body. 300 (a choice) is returned as it is. A
/// redirect to another scheme, host or port is not followed, so credentials never go to a server
/// the client was not pointed at. `request` is the hop's request before authentication, so each
/// hop is authenticated afresh.
fn follow_redirect(request: &HttpRequest, response: &RawResponse) -> Option<HttpRequest> {
    let status = response.status.as_u16();
    let read_only = request.method == Method::GET || request.method == Method::HEAD;
    let (method, body) = match status {
        301 | 302 if read_only => (request.method.clone(), None),
        303 if request.method == Method::HEAD => (Method::HEAD, None),
        303 => (Method::GET, None),
        307 | 308 => (request.method.clone(), request.body.clone()),
        _ => return None,
    };
    let location = response.headers.get(reqwest::header::LOCATION)?.to_str().ok()?;
    let url = request.url.join(location).ok()?;
    if url.origin() != request.url.origin() {
        tracing::debug!(status, "not following a redirect to another origin");
        return None;
    }
    let mut headers = request.headers.clone();
    if body.is_none() {
        headers.remove(reqwest::header::CONTENT_TYPE);
        headers.remove(reqwest::header::CONTENT_LENGTH);
    }
    Some(HttpRequest {
        method,
        url,
        headers,
        body,
    })
}

/// Statuses worth another attempt.
const RETRY_STATUSES: [u16; 6] = [408, 429, 500, 502, 503, 504];

/// The wait a response asks for: `retry-after-ms`, `x-ms-retry-after-ms`, or `Retry-After` in
/// seconds or as an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    for name in ["retry-after-ms", "x-ms-retry-after-ms"] {
        if let Some(ms) = text(name)
            .and_then(|t| t.parse::<f64>().ok())
            .filter(|ms| ms.is_finite() && *ms >= 0.0)
        {
            return Some(Duration::from_secs_f64(ms / 1000.0));
        }
    }
    let value = text("retry-after")?;
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = time::OffsetDateTime::parse_header(value).ok()?;
    let wait = at - time::OffsetDateTime::now_utc();
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

/// Exponential backoff with ±20% jitter: `initial * 2^(attempt-1)`.
fn backoff(retry: &RetryOptions, attempt: u32) -> Duration {
    let base = retry
        .initial_delay
        .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)));
    // A little randomness without a dependency: the clock's nanoseconds, mixed.
    let seed = u64::from(time::OffsetDateTime::now_utc().nanosecond()) ^ (u64::from(attempt) << 32);
    let mixed = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 11;
    let factor = 0.8 + (mixed % 4001) as f64 / 10_000.0;
    base.mul_f64(factor)
}

/// Sends one attempt with `reqwest` and reads the whole response.
#[derive(Debug)]
pub struct Transport {
    http: reqwest::Client,
    try_timeout: Option<Duration>,
    max_response_bytes: usize,
}

impl Transport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, PolicyResult> {
        Box::pin(self.execute(request))
    }

    /// Sends `request`. It becomes reqwest's request here, before the returned future, so that
    /// the future holds only reqwest's small pending one rather than both forms of the request
    /// (every operation's future contains this one, and is boxed and moved).
    fn execute(&self, request: HttpRequest) -> impl Future<Output = PolicyResult> + Send + '_ {
        // The log line's method, URL and timing are only worth their cost when they are logged.
        let logged = tracing::enabled!(tracing::Level::DEBUG);
        let log = logged.then(|| (request.method.clone(), redacted(&request.url), Instant::now()));
        // A `reqwest::Request` made from the parts as they are: `RequestBuilder::headers` would
        // copy the header map into a new one.
        let mut http_request = reqwest::Request::new(request.method, request.url);
        *http_request.headers_mut() = request.headers;
        *http_request.body_mut() = request.body.map(reqwest::Body::from);
        // Only when there is one: `timeout_mut` makes the request's extension map.
        if let Some(timeout) = self.try_timeout {
            *http_request.timeout_mut() = Some(timeout);
        }
        let pending = self.http.execute(http_request);
        self.receive(pending, log)
    }

    /// Waits for the response to an attempt and reads it whole.
    async fn receive(
        &self,
        pending: impl Future<Output = reqwest::Result<reqwest::Response>>,
        log: Option<(Method, String, Instant)>,
    ) -> PolicyResult {
        // The URL may carry an API key in its query: never let it reach an error message.
        let limit = self.max_response_bytes;
        let result = async {
            let mut response = pending.await.map_err(|e| SendError::Transport(e.without_url()))?;
            let (status, headers) = (response.status(), std::mem::take(response.headers_mut()));
            // Read at most `limit` bytes, so that a hostile server cannot exhaust memory.
            if response.content_length().is_some_and(|n| n > limit as u64) {
                return Err(SendError::TooLarge(limit));
            }
            // A body that arrives in one chunk (the usual case for small bodies) is kept as that
            // chunk, without a copy; only a body in several chunks is gathered into a buffer.
            let mut first = Bytes::new();
            let mut gathered: Option<Vec<u8>> = None;
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|e| SendError::Transport(e.without_url()))?
            {
                let read = gathered.as_ref().map_or(first.len(), Vec::len);
                if read + chunk.len() > limit {
                    return Err(SendError::TooLarge(limit));
                }
                match &mut gathered {
                    Some(buffer) => buffer.extend_from_slice(&chunk),
                    None if first.is_empty() => first = chunk,
                    None => {
                        let expected = response.content_length().unwrap_or(0) as usize;
                        let mut buffer = Vec::with_capacity(expected.clamp(read + chunk.len(), limit));
                        buffer.extend_from_slice(&first);
                        buffer.extend_from_slice(&chunk);
                        gathered = Some(buffer);
                    }
                }
            }
            Ok(RawResponse {
                status,
                headers,
                body: gathered.map_or(first, Bytes::from),
                attempts: 1,
            })
        }
        .await;
        if let Some((method, url, started)) = log {
            let elapsed_ms = started.elapsed().as_millis() as u64;
            match &result {
                Ok(response) => {
                    tracing::debug!(%method, url = %url, status = response.status.as_u16(), elapsed_ms, "attempt")
                }
                Err(e) => tracing::debug!(%method, url = %url, error = ?e, elapsed_ms, "attempt failed"),
            }
        }
        result
    }
}

/// A URL without its query, for logs (a query may hold a key).
fn redacted(url: &reqwest::Url) -> String {
    let mut url = url.clone();
    if url.query().is_some() {
        url.set_query(Some("<redacted>"));
    }
    url.to_string()
}

/// Whether the path part of `path` (before any `?` or `#`) has a `.` or `..` segment, plain or
/// percent-encoded. One pass over the bytes (`?`, `#` and `/` are ASCII); only a short segment
/// with a `%` is decoded, as no segment longer than `%2E%2E` can be a dot segment.
fn has_dot_segment(path: &str) -> bool {
    let is_dot = |segment: &str| match segment {
        "." | ".." => true,
        _ if segment.len() <= "%2E%2E".len() && segment.bytes().any(|b| b == b'%') => matches!(
            percent_encoding::percent_decode_str(segment)
                .decode_utf8_lossy()
                .as_ref(),
            "." | ".."
        ),
        _ => false,
    };
    let mut start = 0;
    for (i, byte) in path.bytes().enumerate() {
        match byte {
            b'/' if is_dot(&path[start..i]) => return true,
            b'/' => start = i + 1,
            b'?' | b'#' => return is_dot(&path[start..i]),
            _ => {}
        }
    }
    is_dot(&path[start..])
}

// ----- the pipeline ------------------------------------------------------------------------------

/// Sends requests through the policies. Cheap to clone; shared by a client and its builders.
#[derive(Clone)]
pub struct Pipeline {
    inner: Arc<PipelineInner>,
}

struct PipelineInner {
    base_url: String,
    sleeper: Arc<dyn Sleeper>,
    retry: RetryOptions,
    timeout: Option<Duration>,
    /// The `User-Agent` value, made once for all calls (or why the text makes no header value,
    /// reported by every call that would send it, as when it was made per call).
    user_agent: Result<HeaderValue, String>,
    /// What `Debug` shows (it redacts itself).
    credential: Credential,
    auth: Auth,
    /// The base URL's host, and whether a key or token may go to it (see
    /// [`secure_for_credentials`]): every hop checks its URL, and most go to this host.
    base_host: (String, bool),
    /// The user's policies: they run on every attempt (and redirect hop), after authentication.
    policies: Vec<Arc<dyn Policy>>,
    transport: Transport,
}

impl fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pipeline")
            .field("base_url", &self.inner.base_url)
            .field("credential", &self.inner.credential)
            .field("policies", &self.inner.policies)
            .finish_non_exhaustive()
    }
}

/// How each hop is authenticated: the [`Credential`], with a key header made once for all calls
/// rather than on every attempt.
enum Auth {
    None,
    /// `Credential::ApiKeyHeader`'s header, or why it makes none (reported by every call, as
    /// when the header was made per call).
    Header(Result<(HeaderName, HeaderValue), String>),
    Query {
        name: &'static str,
        key: ApiKey,
    },
    /// Boxed: most clients have none, and it is the largest.
    Bearer(Box<BearerAuth>),
}

impl Auth {
    /// `credential` with the scopes `scopes` overrides (see [`ClientOptions::credential_scopes`]).
    fn new(credential: Credential, scopes: Option<Vec<String>>) -> Self {
        match credential {
            Credential::None => Auth::None,
            Credential::ApiKeyHeader { name, key } => Auth::Header(make_header(name, &key.0, true)),
            Credential::ApiKeyQuery { name, key } => Auth::Query { name, key },
            Credential::Bearer {
                scopes: spec_scopes,
                credential,
            } => Auth::Bearer(Box::new(BearerAuth {
                scopes: scopes.unwrap_or_else(|| spec_scopes.iter().map(|s| s.to_string()).collect()),
                credential,
                current: std::sync::RwLock::new(None),
                refreshing: tokio::sync::Mutex::new(()),
            })),
        }
    }
}

/// What the bearer policy holds: the credential, and the token it last gave, kept for every call
/// until [`TOKEN_REFRESH_MARGIN`] before it expires.
struct BearerAuth {
    scopes: Vec<String>,
    credential: SharedTokenCredential,
    /// The cached token as the `Authorization` header value (marked sensitive, so never shown).
    current: std::sync::RwLock<Option<CachedToken>>,
    /// Held by the one call that asks the credential: the others wait for its token rather than
    /// ask too (a cold cache and a thousand calls make one request for a token).
    refreshing: tokio::sync::Mutex<()>,
}

#[derive(Clone)]
struct CachedToken {
    header: HeaderValue,
    expires_on: time::OffsetDateTime,
}

impl CachedToken {
    /// Whether it is good to send at `now` without asking for a new one.
    fn fresh(&self, now: time::OffsetDateTime) -> bool {
        now + TOKEN_REFRESH_MARGIN < self.expires_on
    }
}

impl BearerAuth {
    fn cached(&self) -> Option<CachedToken> {
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The `Authorization` header to send: the cached token while it is fresh, else a new one
    /// from the credential. `refused` is a header the service answered with a challenge: a token
    /// other than it is asked for, unless another call already got one.
    async fn header(&self, refused: Option<&HeaderValue>) -> Result<HeaderValue, SendError> {
        let usable = |token: &CachedToken, now| token.fresh(now) && refused.is_none_or(|r| token.header != *r);
        let cached = self.cached();
        let now = time::OffsetDateTime::now_utc();
        if let Some(token) = cached.as_ref().filter(|t| usable(t, now)) {
            return Ok(token.header.clone());
        }
        // Due for renewal. While another call asks for the new token, one that has not expired
        // yet (and was not refused) is still good to send.
        let _refreshing = match self.refreshing.try_lock() {
            Ok(guard) => guard,
            Err(_) => match cached.filter(|t| refused.is_none() && now < t.expires_on) {
                Some(token) => return Ok(token.header),
                None => self.refreshing.lock().await,
            },
        };
        // Another call may have renewed it while this one waited.
        let cached = self.cached();
        let now = time::OffsetDateTime::now_utc();
        if let Some(token) = cached.as_ref().filter(|t| usable(t, now)) {
            return Ok(token.header.clone());
        }
        let scopes: Vec<&str> = self.scopes.iter().map(String::as_str).collect();
        match self.credential.0.token(&scopes).await {
            Ok(token) => {
                let (_, header) = make_header("authorization", &format!("Bearer {}", token.token.0), true)
                    .map_err(|_| SendError::Credential("the token is not a valid header value".into()))?;
                let fresh = CachedToken {
                    header: header.clone(),
                    expires_on: token.expires_on,
                };
                *self.current.write().unwrap_or_else(|e| e.into_inner()) = Some(fresh);
                Ok(header)
            }
            // A token that has not expired (and was not refused) is better than none.
            Err(reason) => match cached.filter(|t| refused.is_none() && now < t.expires_on) {
                Some(token) => {
                    tracing::warn!(error = %reason, "the token credential gave no new token; using the current one");
                    Ok(token.header)
                }
                None => Err(SendError::Credential(reason)),
            },
        }
    }
}

/// Whether a key or token may be sent to `url`: over https, or over plain http to this machine
/// only (127.0.0.0/8, `::1`, `localhost`), where nothing crosses a network.
fn secure_for_credentials(url: &reqwest::Url) -> bool {
    if url.scheme() == "https" {
        return true;
    }
    let host = url.host_str().unwrap_or_default();
    if let Some(ip) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return ip
            .parse::<std::net::Ipv6Addr>()
            .is_ok_and(|ip| ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()));
    }
    match host.parse::<std::net::Ipv4Addr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.strip_suffix('.').unwrap_or(host).eq_ignore_ascii_case("localhost"),
    }
}

/// Why a key or token is not sent to `url` (see [`secure_for_credentials`]).
fn insecure_message(url: &reqwest::Url, credential: &str) -> String {
    format!(
        "refusing to send the {credential} over plain http to `{}`: use https (plain http is allowed only to loopback, for local tests)",
        url.host_str().unwrap_or_default()
    )
}

/// What a [`Credential`] is called in errors.
fn credential_kind(credential: &Credential) -> &'static str {
    match credential {
        Credential::Bearer { .. } => "token",
        _ => "API key",
    }
}

impl Pipeline {
    /// A pipeline for `base_url` (see [`expand_host`]).
    ///
    /// It does not check that a key or token may go to `base_url`: every request does (see
    /// [`Pipeline::try_new`], which clients call so that the error comes at once).
    pub fn new(base_url: String, credential: Credential, options: ClientOptions, default_user_agent: &str) -> Self {
        let user_agent = options.user_agent.unwrap_or_else(|| default_user_agent.to_string());
        let user_agent = make_header("user-agent", &user_agent, false).map(|(_, value)| value);
        let base_host = match reqwest::Url::parse(&base_url) {
            Ok(url) => (
                url.host_str().unwrap_or_default().to_string(),
                secure_for_credentials(&url),
            ),
            Err(_) => (String::new(), false),
        };
        Pipeline {
            inner: Arc::new(PipelineInner {
                base_url,
                sleeper: options.sleeper,
                retry: options.retry,
                timeout: options.timeout,
                user_agent,
                auth: Auth::new(credential.clone(), options.credential_scopes),
                base_host,
                credential,
                policies: options.policies,
                transport: Transport {
                    // Redirects are the pipeline's to follow (see `follow_redirect`), not reqwest's.
                    http: options.http.unwrap_or_else(|| {
                        reqwest::Client::builder()
                            .redirect(reqwest::redirect::Policy::none())
                            .build()
                            .unwrap_or_default()
                    }),
                    try_timeout: options.try_timeout,
                    max_response_bytes: options.max_response_bytes,
                },
            }),
        }
    }

    /// [`Pipeline::new`], refusing a client that would send its key or token over plain `http`
    /// to a host other than loopback ([`Error::Config`]).
    pub fn try_new<E>(
        base_url: String,
        credential: Credential,
        options: ClientOptions,
        default_user_agent: &str,
    ) -> Result<Self, Error<E>> {
        if !matches!(credential, Credential::None) {
            let url = reqwest::Url::parse(&base_url)
                .map_err(|e| Error::Config(format!("the endpoint does not make a valid URL: {e}")))?;
            if !secure_for_credentials(&url) {
                return Err(Error::Config(insecure_message(&url, credential_kind(&credential))));
            }
        }
        Ok(Pipeline::new(base_url, credential, options, default_user_agent))
    }

    /// The base URL every path is appended to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// How this client waits (between retries, and between polls of long-running operations).
    pub fn sleeper(&self) -> &Arc<dyn Sleeper> {
        &self.inner.sleeper
    }

    /// The URL of a request path: relative to the base URL, or an absolute URL (a next-page
    /// link) that must have the base URL's scheme, host and port, so that the API key is never
    /// sent to a server the client was not pointed at.
    fn url(&self, path: &str) -> Result<reqwest::Url, SendError> {
        let base = &self.inner.base_url;
        let parse = |text: &str| {
            reqwest::Url::parse(text).map_err(|e| SendError::Config(format!("the request URL is not valid: {e}")))
        };
        if !(path.starts_with("http://") || path.starts_with("https://")) {
            // URL parsing resolves dot segments (`..`, even as `%2E%2E`): the request would go
            // somewhere else than the operation's path. It also drops tabs and line breaks
            // first (`.\t.` is `..` to it), so the check looks at the path as the parser will.
            let parsed_as = if path.contains(['\t', '\n', '\r']) {
                std::borrow::Cow::Owned(path.replace(['\t', '\n', '\r'], ""))
            } else {
                std::borrow::Cow::Borrowed(path)
            };
            if has_dot_segment(&parsed_as) {
                return Err(SendError::Config(format!(
                    "the request path `{path}` has a `.` or `..` segment"
                )));
            }
            // One allocation of the right size (`format!` would grow the string as it goes).
            let mut text = String::with_capacity(base.len() + path.len());
            text.push_str(base);
            text.push_str(path);
            return parse(&text);
        }
        let (url, base) = (parse(path)?, parse(base)?);
        if url.origin() != base.origin() {
            return Err(SendError::Config(format!(
                "refusing to follow a link to {} from a client of {}",
                url.origin().ascii_serialization(),
                base.origin().ascii_serialization()
            )));
        }
        Ok(url)
    }

    /// Sends `request` through the policies and reads the whole response.
    pub async fn send<E>(&self, request: Request, options: RequestOptions) -> Result<RawResponse, Error<E>> {
        let inner = &*self.inner;
        let timeout = options.timeout.or(inner.timeout);
        let retry = options.retry.clone().unwrap_or_else(|| inner.retry.clone());
        let ctx = CallContext { options, retry };
        let span = tracing::info_span!("request", method = %request.method, path = %request.path);
        let call = tracing::Instrument::instrument(self.run(&ctx, &request), span);
        // Not `within`: the call's future would then be held twice (as its argument and as what
        // it awaits), and every operation's future boxes this one.
        let result = match timeout {
            Some(limit) => tokio::time::timeout(limit, call)
                .await
                .unwrap_or_else(|_| Err(SendError::Timeout(limit))),
            None => call.await,
        };
        result.map_err(SendError::into_error)
    }

    /// The built-in policies, in one future rather than a chain of boxed ones: the call's custom
    /// headers and the user agent (see [`Pipeline::http_request`]), then retries with backoff
    /// (see [`RetryOptions`]), each attempt following redirects, each hop authenticated and
    /// passed through the user's policies to the transport.
    async fn run(&self, ctx: &CallContext, request: &Request) -> PolicyResult {
        let retry = &ctx.retry;
        let started = Instant::now();
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let result = self.attempt(ctx, request).await;
            let (retryable, asked) = match &result {
                Ok(response) => {
                    let retryable = RETRY_STATUSES.contains(&response.status.as_u16());
                    (retryable, retryable.then(|| retry_after(&response.headers)).flatten())
                }
                Err(SendError::Transport(e)) => {
                    (e.is_connect() || e.is_timeout() || e.is_request() || e.is_body(), None)
                }
                Err(_) => (false, None),
            };
            // The common case first: an answer not worth retrying needs no backoff or clock.
            let delay = if retryable && attempt <= retry.max_retries {
                asked.unwrap_or_else(|| backoff(retry, attempt)).min(retry.max_delay)
            } else {
                Duration::ZERO
            };
            let out_of_time = retryable && started.elapsed() + delay > retry.max_elapsed;
            if !retryable || attempt > retry.max_retries || out_of_time {
                return match result {
                    Ok(mut response) => {
                        response.attempts = attempt;
                        Ok(response)
                    }
                    Err(e) if retryable && attempt > 1 => Err(SendError::Exhausted {
                        attempts: attempt,
                        last: Box::new(e),
                    }),
                    Err(e) => Err(e),
                };
            }
            tracing::warn!(
                attempt,
                delay_ms = delay.as_millis() as u64,
                status = result.as_ref().ok().map(|r| r.status.as_u16()),
                error = result.as_ref().err().map(|e| format!("{e:?}")),
                "retrying"
            );
            self.inner.sleeper.sleep(delay).await;
        }
    }

    /// One attempt: the request, then the redirects it leads to (see [`follow_redirect`]).
    ///
    /// Each attempt builds its request afresh from the operation's request, and the first hop
    /// hands it to the transport: nothing is cloned for retries or redirects that most calls
    /// never make. A redirect builds the first hop's request once more to follow it from.
    async fn attempt(&self, ctx: &CallContext, request: &Request) -> PolicyResult {
        let mut response = self.hop(ctx, self.http_request(ctx, request)?).await?;
        if !REDIRECT_STATUSES.contains(&response.status.as_u16()) {
            return Ok(response);
        }
        let mut sent = self.http_request(ctx, request)?;
        for _ in 0..MAX_REDIRECTS {
            let Some(target) = follow_redirect(&sent, &response) else {
                break;
            };
            tracing::debug!(status = response.status.as_u16(), method = %target.method, "following a redirect");
            sent = target;
            response = self.hop(ctx, sent.clone()).await?;
        }
        Ok(response)
    }

    /// One request on the wire: authenticated as the spec's `securityDefinitions` say, then
    /// passed through the user's policies (boxed, as [`Policy`] is) to the transport.
    ///
    /// A key or token goes over https, or plain http to loopback only: checked here, on the URL
    /// the hop goes to, before anything is added or sent.
    async fn hop(&self, ctx: &CallContext, mut request: HttpRequest) -> PolicyResult {
        let inner = &*self.inner;
        match &inner.auth {
            Auth::None => {}
            _ if !self.may_carry_credentials(&request.url) => {
                let kind = credential_kind(&inner.credential);
                return Err(SendError::Config(insecure_message(&request.url, kind)));
            }
            Auth::Header(Ok((name, value))) => {
                request.headers.insert(name.clone(), value.clone());
            }
            Auth::Header(Err(message)) => return Err(SendError::Config(message.clone())),
            Auth::Query { name, key } => {
                request.url.query_pairs_mut().append_pair(name, &key.0);
            }
            // Boxed, so that the futures of calls without a token do not carry its state.
            Auth::Bearer(bearer) => return Box::pin(self.bearer_hop(ctx, request, bearer)).await,
        }
        if inner.policies.is_empty() {
            inner.transport.execute(request).await
        } else {
            let next = Next {
                rest: &inner.policies,
                transport: &inner.transport,
            };
            next.send(ctx, request).await
        }
    }

    /// Whether `url` may carry the key or token (see [`secure_for_credentials`]), without
    /// parsing the host again when it is the base URL's.
    fn may_carry_credentials(&self, url: &reqwest::Url) -> bool {
        let (base_host, base_secure) = &self.inner.base_host;
        match url.scheme() {
            "https" => true,
            _ if url.host_str() == Some(base_host.as_str()) => *base_secure,
            _ => secure_for_credentials(url),
        }
    }

    /// A hop with a bearer token. A 401 with a `WWW-Authenticate` challenge means the service
    /// refused the token (revoked, or expired early): the hop is sent once more with a new one.
    async fn bearer_hop(&self, ctx: &CallContext, request: HttpRequest, bearer: &BearerAuth) -> PolicyResult {
        let header = bearer.header(None).await?;
        let mut first = request.clone();
        first.headers.insert(AUTHORIZATION, header.clone());
        let response = self.dispatch(ctx, first).await?;
        if response.status != StatusCode::UNAUTHORIZED || !response.headers.contains_key(WWW_AUTHENTICATE) {
            return Ok(response);
        }
        tracing::debug!("the service refused the token with a challenge; retrying with a new token");
        let mut again = request;
        again.headers.insert(AUTHORIZATION, bearer.header(Some(&header)).await?);
        self.dispatch(ctx, again).await
    }

    /// A hop as authenticated: through the user's policies, if any, to the transport.
    fn dispatch<'a>(&'a self, ctx: &'a CallContext, request: HttpRequest) -> BoxFuture<'a, PolicyResult> {
        let inner = &*self.inner;
        let next = Next {
            rest: &inner.policies,
            transport: &inner.transport,
        };
        next.send(ctx, request)
    }

    /// The request as the policies see it: the operation's URL, query, headers and body, then
    /// the call's custom headers (AutoRest's `custom_headers`) and the `User-Agent`.
    fn http_request(&self, ctx: &CallContext, request: &Request) -> Result<HttpRequest, SendError> {
        let mut url = self.url(&request.path)?;
        if !request.query.is_empty() {
            let existing = url.query().filter(|existing| !existing.is_empty());
            let length = existing.map_or(0, |e| e.len() + 1)
                + request.query.iter().map(|(k, v)| k.len() + v.len() + 2).sum::<usize>();
            let mut query = String::with_capacity(length);
            if let Some(existing) = existing {
                query.push_str(existing);
                query.push('&');
            }
            for (i, (name, value)) in request.query.iter().enumerate() {
                if i > 0 {
                    query.push('&');
                }
                query.push_str(name);
                query.push('=');
                query.push_str(value);
            }
            url.set_query(Some(&query));
        }
        let mut headers = HeaderMap::new();
        if let Some((content_type, _)) = &request.body {
            headers.insert(CONTENT_TYPE, request_header_value("content-type", content_type)?);
        }
        for (name, value) in &request.headers {
            let header_name =
                HeaderName::from_bytes(name.as_bytes()).map_err(|_| SendError::Config(invalid_name(name)))?;
            headers.insert(header_name, request_header_value(name, value)?);
        }
        for (name, value) in &request.collection_headers {
            insert_header(&mut headers, name, value, false)?;
        }
        for (name, value) in &ctx.options.headers {
            insert_header(&mut headers, name, value, false)?;
        }
        // Unless a custom header set it (one lookup, not `contains_key` and `insert`).
        if let Entry::Vacant(entry) = headers.entry(USER_AGENT) {
            let user_agent = self
                .inner
                .user_agent
                .as_ref()
                .map_err(|m| SendError::Config(m.clone()))?;
            entry.insert(user_agent.clone());
        }
        Ok(HttpRequest {
            method: request.method.clone(),
            url,
            headers,
            // `Bytes`: a clone shares the body.
            body: request.body.as_ref().map(|(_, body)| body.clone()),
        })
    }
}
