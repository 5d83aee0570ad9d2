//! Long-running operations: a [`Poller`] follows an operation that answered "accepted" through
//! its status operation until it succeeds or fails.

use std::time::Duration;

use serde::de::DeserializeOwned;

use super::*;

/// Where an operation stands, as its status says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PollState {
    /// Not finished yet.
    Running,
    /// Finished; the result the status carries (e.g. the location of what was created).
    Succeeded(Option<String>),
    /// Finished unsuccessfully; the service's message.
    Failed(Option<String>),
}

/// A status model that tells where its operation stands (generated from the directives).
pub trait PollStatus {
    /// The state this status reports.
    fn state(&self) -> PollState;
}

/// How an operation started: the status location and the wait the service asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    pub location: String,
    pub retry_after: Option<Duration>,
}

/// The [`Started`] of an accepted response whose documented header `header` holds `location`.
pub fn started<E>(location: Option<String>, header: &'static str, headers: &HeaderMap) -> Result<Started, Error<E>> {
    let location = location.ok_or_else(|| Error::Header {
        name: header,
        message: "the service accepted the operation but sent no location to poll".into(),
    })?;
    Ok(Started {
        location,
        retry_after: retry_after(headers),
    })
}

/// The values of `template`'s placeholders (e.g. `/operations/{operationId}`) in the last path
/// segments of `location` (a path or a URL), percent-decoded.
pub fn location_parameters<const N: usize>(location: &str, template: &str) -> Result<[String; N], BadLocation> {
    let mismatch = || BadLocation {
        name: "location",
        message: format!("`{location}` does not end like `{template}`"),
    };
    let path = location
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .trim_end_matches('/');
    let segments: Vec<&str> = path.split('/').collect();
    let wanted: Vec<&str> = template.trim_matches('/').split('/').collect();
    if segments.len() < wanted.len() {
        return Err(mismatch());
    }
    let mut values = Vec::with_capacity(N);
    for (segment, pattern) in segments[segments.len() - wanted.len()..].iter().zip(&wanted) {
        if pattern.starts_with('{') && pattern.ends_with('}') {
            values.push(
                percent_encoding::percent_decode_str(segment)
                    .decode_utf8_lossy()
                    .into_owned(),
            );
        } else if segment != pattern {
            return Err(mismatch());
        }
    }
    values.try_into().map_err(|_| mismatch())
}

/// Parses a path parameter taken from a location into its type (a string, UUID, number, enum).
pub fn parse_param<T: DeserializeOwned>(text: &str, name: &'static str) -> Result<T, BadLocation> {
    let value = match text.parse::<i64>() {
        Ok(n) => serde_json::from_value(serde_json::Value::from(n)).or_else(|_| serde_json::from_value(text.into())),
        Err(_) => serde_json::from_value(text.into()),
    };
    value.map_err(|e| BadLocation {
        name,
        message: format!("`{text}` is not a valid {name}: {e}"),
    })
}

/// A status location that does not fit the status operation's path, or a value in it that does
/// not parse: an [`Error::Header`] of any call (which is why it is a type of its own: `?` turns it
/// into the caller's error without naming the error type).
#[derive(Debug)]
pub struct BadLocation {
    name: &'static str,
    message: String,
}

impl<E> From<BadLocation> for Error<E> {
    fn from(bad: BadLocation) -> Self {
        Error::Header {
            name: bad.name,
            message: bad.message,
        }
    }
}

type StatusFuture<S, E> = BoxFuture<'static, Result<Response<S>, Error<E>>>;
type Observer<S> = Box<dyn FnMut(&S) + Send>;

/// Follows a long-running operation to its end: starts it, then reads its status every
/// `interval` (or as often as the service's `Retry-After` says) until it succeeds or fails.
///
/// ```text
/// let result = client.group().operation(..).into_poller().on_status(|s| println!("{s:?}")).wait().await?;
/// ```
pub struct Poller<S, E> {
    pipeline: Pipeline,
    start: BoxFuture<'static, Result<Started, Error<E>>>,
    poll: Box<dyn Fn(String) -> StatusFuture<S, E> + Send + Sync>,
    interval: Duration,
    timeout: Option<Duration>,
    observer: Option<Observer<S>>,
}

impl<S, E> fmt::Debug for Poller<S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Poller")
            .field("interval", &self.interval)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl<S: PollStatus + Send + 'static, E: Send + 'static> Poller<S, E> {
    /// A poller that runs `start`, then `poll`s the location it returns.
    pub fn new(
        pipeline: Pipeline,
        start: impl std::future::Future<Output = Result<Started, Error<E>>> + Send + 'static,
        poll: impl Fn(String) -> StatusFuture<S, E> + Send + Sync + 'static,
    ) -> Self {
        Poller::from_parts(pipeline, Box::pin(start), Box::new(poll))
    }

    /// The poller of [`Poller::new`] from parts already boxed (a [`PollingCall`] has them so).
    fn from_parts(
        pipeline: Pipeline,
        start: BoxFuture<'static, Result<Started, Error<E>>>,
        poll: Box<dyn Fn(String) -> StatusFuture<S, E> + Send + Sync>,
    ) -> Self {
        Poller {
            pipeline,
            start,
            poll,
            interval: Duration::from_secs(1),
            timeout: None,
            observer: None,
        }
    }

    /// Waits this long between status reads when the service does not say (default 1 s).
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// Gives up after `timeout` in all (default: never), with [`Error::Timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Calls `observer` with every status read (for progress output).
    pub fn on_status(mut self, observer: impl FnMut(&S) + Send + 'static) -> Self {
        self.observer = Some(Box::new(observer));
        self
    }

    /// Runs the operation to its end: the result on success, [`Error::OperationFailed`] with the
    /// service's message on failure.
    pub async fn wait(self) -> Result<Option<String>, Error<E>> {
        let Poller {
            pipeline,
            start,
            poll,
            interval,
            timeout,
            mut observer,
        } = self;
        let work = async move {
            let started = start.await?;
            let mut wait = started.retry_after.unwrap_or(interval);
            loop {
                pipeline.sleeper().sleep(wait).await;
                let response = poll(started.location.clone()).await?;
                wait = retry_after(response.headers()).unwrap_or(interval);
                let status = response.into_value();
                if let Some(observer) = observer.as_mut() {
                    observer(&status);
                }
                match status.state() {
                    PollState::Running => continue,
                    PollState::Succeeded(result) => return Ok(result),
                    PollState::Failed(message) => return Err(Error::OperationFailed { message }),
                }
            }
        };
        within(timeout, work, Error::Timeout).await
    }
}

/// A call that starts a long-running operation the spec says how to follow (a status operation
/// at the location a response header gives): `.await` it for its own response, or follow the
/// operation to its end with [`PollingCall::into_poller`].
#[must_use = "a request is only sent when it is awaited or polled"]
pub struct PollingCall<T, H, S, E> {
    pipeline: Pipeline,
    call: BoxFuture<'static, CallResult<T, H, E>>,
    /// The typed header with the status location, and its name (for the error without it).
    location: (fn(&H) -> Option<String>, &'static str),
    poll: Box<dyn Fn(String) -> StatusFuture<S, E> + Send + Sync>,
}

impl<T, H, S, E> fmt::Debug for PollingCall<T, H, S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PollingCall")
            .field("location_header", &self.location.1)
            .finish_non_exhaustive()
    }
}

impl<T: Send + 'static, H: Send + 'static, S: PollStatus + Send + 'static, E: Send + 'static> PollingCall<T, H, S, E> {
    /// The call `call` sends; `location` reads the status location from its typed headers (the
    /// header `header`), and `poll` reads the status there.
    pub fn new(
        pipeline: Pipeline,
        call: impl std::future::Future<Output = CallResult<T, H, E>> + Send + 'static,
        location: fn(&H) -> Option<String>,
        header: &'static str,
        poll: impl Fn(String) -> StatusFuture<S, E> + Send + Sync + 'static,
    ) -> Self {
        PollingCall {
            pipeline,
            call: Box::pin(call),
            location: (location, header),
            poll: Box::new(poll),
        }
    }

    /// Sends the request, then follows the operation it starts until it ends: `.wait().await`
    /// gives its result (see [`Poller`]).
    pub fn into_poller(self) -> Poller<S, E> {
        let PollingCall {
            pipeline,
            call,
            location: (location, header),
            poll,
        } = self;
        let start = async move {
            let response = call.await?;
            started(location(response.typed_headers()), header, response.headers())
        };
        Poller::from_parts(pipeline, Box::pin(start), poll)
    }
}

impl<T: Send + 'static, H: Send + 'static, S, E: Send + 'static> std::future::IntoFuture for PollingCall<T, H, S, E> {
    type Output = CallResult<T, H, E>;
    type IntoFuture = BoxFuture<'static, CallResult<T, H, E>>;

    fn into_future(self) -> Self::IntoFuture {
        self.call
    }
}

/// A call of an operation the spec marks `x-ms-long-running-operation`: `.await` it for its
/// first answer, or follow the operation to its end with [`LroCall::into_poller`].
#[must_use = "a request is only sent when it is awaited or polled"]
pub struct LroCall<T, H, E> {
    pipeline: Pipeline,
    start: BoxFuture<'static, Result<LroStart, Error<E>>>,
    final_state_via: Option<&'static str>,
    decode: fn(RawResponse) -> CallResult<T, H, E>,
    /// For a pageable operation: the pager that follows the final value's next links.
    pages: Option<PagerOf<T, E>>,
    /// The poller's settings, for `into_pages` (which makes the poller itself).
    interval: Option<Duration>,
    timeout: Option<Duration>,
}

/// Makes the pager of a pageable long-running operation, given its first page (the final value).
type PagerOf<T, E> = Box<dyn FnOnce(PageFuture<T, E>) -> Pager<T, E> + Send>;

impl<T, H, E> fmt::Debug for LroCall<T, H, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LroCall")
            .field("final_state_via", &self.final_state_via)
            .finish_non_exhaustive()
    }
}

impl<T: Send + 'static, H: Send + 'static, E: DeserializeOwned + Send + 'static> LroCall<T, H, E> {
    /// The call `start` sends; `decode` reads an answer (the first, or the final one) as the
    /// operation's value.
    pub fn new(
        pipeline: Pipeline,
        start: impl std::future::Future<Output = Result<LroStart, Error<E>>> + Send + 'static,
        final_state_via: Option<&'static str>,
        decode: fn(RawResponse) -> CallResult<T, H, E>,
    ) -> Self {
        LroCall {
            pipeline,
            start: Box::pin(start),
            final_state_via,
            decode,
            pages: None,
            interval: None,
            timeout: None,
        }
    }

    /// The poller's [`LroPoller::interval`] (for [`LroCall::into_pages`], which makes the poller).
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = Some(interval);
        self
    }

    /// The poller's [`LroPoller::timeout`] (for [`LroCall::into_pages`], which makes the poller).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Makes the operation pageable: `pages` builds the pager that starts with the final value.
    pub fn with_pages(mut self, pages: impl FnOnce(PageFuture<T, E>) -> Pager<T, E> + Send + 'static) -> Self {
        self.pages = Some(Box::new(pages));
        self
    }

    /// Sends the request and follows the long-running operation it starts to its end:
    /// `.wait().await` gives the final value (see [`LroPoller`]).
    pub fn into_poller(self) -> LroPoller<T, E> {
        let decode = self.decode;
        let mut poller = LroPoller::new(self.pipeline, self.start, self.final_state_via, move |response| {
            decode(response).map(Response::into_value)
        });
        if let Some(interval) = self.interval {
            poller = poller.interval(interval);
        }
        if let Some(timeout) = self.timeout {
            poller = poller.timeout(timeout);
        }
        poller
    }
}

impl<T: Page, H: Send + 'static, E: DeserializeOwned + Send + 'static> LroCall<T, H, E> {
    /// Follows the operation to its end, then walks the pages its final value starts: a `Stream`
    /// of pages whose first is that value.
    pub fn into_pages(mut self) -> Pager<T, E> {
        let (pipeline, pages) = (self.pipeline.clone(), self.pages.take());
        let first: PageFuture<T, E> = Box::pin(self.into_poller().wait());
        match pages {
            Some(pages) => pages(first),
            None => Pager::new(pipeline, RequestOptions::default(), &[], |_| None, first),
        }
    }
}

impl<T: Send + 'static, H: Send + 'static, E: DeserializeOwned + Send + 'static> std::future::IntoFuture
    for LroCall<T, H, E>
{
    type Output = CallResult<T, H, E>;
    type IntoFuture = BoxFuture<'static, CallResult<T, H, E>>;

    fn into_future(self) -> Self::IntoFuture {
        let (start, decode) = (self.start, self.decode);
        Box::pin(async move { decode(start.await?.response) })
    }
}

/// How a long-running operation's first request was sent: what the poller needs to follow it.
#[derive(Debug)]
pub struct LroStart {
    /// The first answer.
    pub response: RawResponse,
    /// The request's method and absolute URL.
    pub method: Method,
    pub url: String,
    /// The call's options (custom headers, retry, timeout): polls and the final GET use them too.
    pub options: RequestOptions,
}

/// Turns the final answer into the operation's value.
type Decode<T, E> = Box<dyn FnOnce(RawResponse) -> Result<T, Error<E>> + Send>;

/// Follows an operation the spec marks `x-ms-long-running-operation`, the way Azure SDKs do:
///
/// * `Azure-AsyncOperation` (or `Operation-Location`): GET it until its `status` is `Succeeded`,
///   `Failed` or `Canceled`; then the value comes from a GET of the original URL (PUT, PATCH), of
///   the `Location` (POST, DELETE, when there is one), or from the last status answer.
/// * `Location` only: GET it while it answers 202 (following a new `Location`); its final answer
///   is the value, except for PUT and PATCH, whose value is a GET of the original URL.
/// * Neither, for a PUT or PATCH answered with a resource whose `provisioningState` is not
///   final: GET the original URL until it is.
///
/// `x-ms-long-running-operation-options.final-state-via` (`location`, `original-uri`,
/// `azure-async-operation`, `operation-location`) overrides where the value comes from. Polls
/// carry the call's own headers; any error status, or a status answer that is not JSON with a
/// `status`, ends the operation with an error; `Failed`/`Canceled` is [`Error::OperationFailed`].
pub struct LroPoller<T, E> {
    pipeline: Pipeline,
    start: BoxFuture<'static, Result<LroStart, Error<E>>>,
    final_state_via: Option<&'static str>,
    decode: Decode<T, E>,
    interval: Duration,
    timeout: Option<Duration>,
}

impl<T, E> fmt::Debug for LroPoller<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LroPoller")
            .field("final_state_via", &self.final_state_via)
            .finish_non_exhaustive()
    }
}

/// A state of a status body or a resource's `provisioningState`, lower-cased.
fn terminal(state: &str) -> Option<bool> {
    match state {
        "succeeded" => Some(true),
        "failed" | "canceled" | "cancelled" => Some(false),
        _ => None,
    }
}

/// The `provisioningState` of a resource body (top level or under `properties`), lower-cased.
fn provisioning_state(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let state = value
        .get("properties")
        .and_then(|p| p.get("provisioningState"))
        .or_else(|| value.get("provisioningState"))?;
    state.as_str().map(str::to_ascii_lowercase)
}

/// The message of a failed operation's status or resource body (`error.message`), if any.
fn failure_message(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    value
        .pointer("/error/message")
        .and_then(|m| m.as_str())
        .map(str::to_string)
}

impl<T: Send + 'static, E: DeserializeOwned + Send + 'static> LroPoller<T, E> {
    /// A poller for the operation `start` sends; `decode` turns the final answer into the value.
    pub fn new(
        pipeline: Pipeline,
        start: impl std::future::Future<Output = Result<LroStart, Error<E>>> + Send + 'static,
        final_state_via: Option<&'static str>,
        decode: impl FnOnce(RawResponse) -> Result<T, Error<E>> + Send + 'static,
    ) -> Self {
        LroPoller {
            pipeline,
            start: Box::pin(start),
            final_state_via,
            decode: Box::new(decode),
            interval: Duration::from_secs(1),
            timeout: None,
        }
    }

    /// Waits this long between polls when the service does not say (default 1 s).
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// Gives up after `timeout` in all (default: never), with [`Error::Timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Runs the operation to its end and returns its final value.
    pub async fn wait(self) -> Result<T, Error<E>> {
        let timeout = self.timeout;
        let work = self.run();
        within(timeout, work, Error::Timeout).await
    }

    async fn run(self) -> Result<T, Error<E>> {
        let LroPoller {
            pipeline,
            start,
            final_state_via,
            decode,
            interval,
            ..
        } = self;
        let LroStart {
            response: first,
            method,
            url: original,
            options,
        } = start.await?;
        if !first.status.is_success() {
            return decode(first);
        }
        // Links are resolved against the request's URL (they may be relative).
        let link = |response: &RawResponse, names: &[&str]| {
            names.iter().find_map(|name| {
                let text = response.headers.get(*name)?.to_str().ok()?;
                let base = reqwest::Url::parse(&original).ok()?;
                base.join(text.trim()).ok().map(String::from)
            })
        };
        let get = |url: String| {
            let (pipeline, options) = (pipeline.clone(), options.clone());
            async move { pipeline.send::<E>(Request::new(Method::GET, url), options).await }
        };
        let checked = |response: RawResponse| -> Result<RawResponse, Error<E>> {
            if response.status.is_success() {
                Ok(response)
            } else {
                Err(response.status_error())
            }
        };
        let resource_method = method == Method::PUT || method == Method::PATCH;
        let status_url = link(
            &first,
            &["azure-asyncoperation", "azure-async-operation", "operation-location"],
        );
        let mut location = link(&first, &["location"]);
        let first_state = provisioning_state(&first.body);
        // A resource that is already in a final state needs no polling, whatever the headers say.
        if first.status.as_u16() == 200 {
            match first_state.as_deref().and_then(terminal) {
                Some(true) => return decode(first),
                Some(false) => {
                    return Err(Error::OperationFailed {
                        message: failure_message(&first.body),
                    })
                }
                None => {}
            }
        }
        let mut wait = retry_after(&first.headers).unwrap_or(interval);
        let polled_status = status_url.is_some();
        let last = if let Some(status_url) = status_url {
            loop {
                pipeline.sleeper().sleep(wait).await;
                let response = checked(get(status_url.clone()).await?)?;
                wait = retry_after(&response.headers).unwrap_or(interval);
                let status: serde_json::Value =
                    serde_json::from_slice(&response.body).map_err(|source| Error::Deserialize {
                        status: response.status,
                        body: response.body.clone(),
                        source,
                    })?;
                let Some(state) = status.get("status").and_then(|s| s.as_str()) else {
                    return Err(Error::OperationFailed {
                        message: Some("the operation's status answer has no `status`".to_string()),
                    });
                };
                match terminal(&state.to_ascii_lowercase()) {
                    Some(true) => break response,
                    Some(false) => {
                        return Err(Error::OperationFailed {
                            message: failure_message(&response.body),
                        })
                    }
                    None => continue,
                }
            }
        } else if let Some(first_location) = location.clone() {
            let mut poll_url = first_location;
            loop {
                pipeline.sleeper().sleep(wait).await;
                let response = checked(get(poll_url.clone()).await?)?;
                wait = retry_after(&response.headers).unwrap_or(interval);
                if response.status.as_u16() != 202 {
                    break response;
                }
                if let Some(next) = link(&response, &["location"]) {
                    poll_url = next.clone();
                    location = Some(next);
                }
            }
        } else if resource_method && first_state.as_deref().and_then(terminal).is_none() && first_state.is_some() {
            // Only the resource itself tells how far it is.
            loop {
                pipeline.sleeper().sleep(wait).await;
                let response = checked(get(original.clone()).await?)?;
                wait = retry_after(&response.headers).unwrap_or(interval);
                match provisioning_state(&response.body).as_deref().map(terminal) {
                    Some(None) => continue,
                    Some(Some(false)) => {
                        return Err(Error::OperationFailed {
                            message: failure_message(&response.body),
                        })
                    }
                    Some(Some(true)) | None => return decode(response),
                }
            }
        } else {
            // Nothing to follow: the first answer is the end.
            return decode(first);
        };
        let final_response = match (final_state_via, location) {
            (Some("azure-async-operation" | "operation-location"), _) => last,
            (Some("original-uri"), _) => checked(get(original).await?)?,
            (Some("location"), Some(location)) => checked(get(location).await?)?,
            // A polled Location's last answer is the result itself.
            _ if !polled_status => last,
            (None, _) if resource_method => checked(get(original).await?)?,
            // A POST that polled a status URL: its Location holds the result.
            (None, Some(location)) if method == Method::POST => checked(get(location).await?)?,
            _ => last,
        };
        decode(final_response)
    }
}
