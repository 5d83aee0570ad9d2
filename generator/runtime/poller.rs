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
pub fn location_parameters<const N: usize, E>(location: &str, template: &str) -> Result<[String; N], Error<E>> {
    let mismatch = || Error::Header {
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
pub fn parse_param<T: DeserializeOwned, E>(text: &str, name: &'static str) -> Result<T, Error<E>> {
    let value = match text.parse::<i64>() {
        Ok(n) => serde_json::from_value(serde_json::Value::from(n)).or_else(|_| serde_json::from_value(text.into())),
        Err(_) => serde_json::from_value(text.into()),
    };
    value.map_err(|e| Error::Header {
        name,
        message: format!("`{text}` is not a valid {name}: {e}"),
    })
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
        Poller {
            pipeline,
            start: Box::pin(start),
            poll: Box::new(poll),
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

/// Follows an operation the spec marks `x-ms-long-running-operation`, the Azure way: the
/// status URL is the response's `Azure-AsyncOperation`, else `Operation-Location`, else
/// `Location` header; a status body's `status` (`succeeded`, `failed`, `canceled`, else still
/// running) decides the end, or, for a bare `Location`, the first answer that is not `202`. The
/// final value comes from where `x-ms-long-running-operation-options.final-state-via` says:
/// `location` (a GET of the first `Location`), `original-uri` (a GET of the request's URL), or the
/// final status answer itself (`azure-async-operation`, `operation-location`, the default).
pub struct LroPoller<T, E> {
    pipeline: Pipeline,
    start: BoxFuture<'static, Result<(RawResponse, String), Error<E>>>,
    final_state_via: Option<&'static str>,
    expected: &'static [u16],
    interval: Duration,
    timeout: Option<Duration>,
    _value: std::marker::PhantomData<fn() -> T>,
}

impl<T, E> fmt::Debug for LroPoller<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LroPoller")
            .field("final_state_via", &self.final_state_via)
            .finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned + Send + 'static, E: DeserializeOwned + Send + 'static> LroPoller<T, E> {
    /// A poller for the operation `start` sends; it yields the first response and the URL it
    /// was sent to.
    pub fn new(
        pipeline: Pipeline,
        start: impl std::future::Future<Output = Result<(RawResponse, String), Error<E>>> + Send + 'static,
        final_state_via: Option<&'static str>,
        expected: &'static [u16],
    ) -> Self {
        LroPoller {
            pipeline,
            start: Box::pin(start),
            final_state_via,
            expected,
            interval: Duration::from_secs(1),
            timeout: None,
            _value: std::marker::PhantomData,
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
            expected,
            interval,
            ..
        } = self;
        let (first, original) = start.await?;
        let header = |name: &str| {
            first
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let location = header("location");
        let status_url = header("azure-async-operation").or_else(|| header("operation-location"));
        let get = |url: String| {
            let pipeline = pipeline.clone();
            async move {
                pipeline
                    .send::<E>(Request::new(Method::GET, url), RequestOptions::default())
                    .await
            }
        };
        // Done at once: no URL to poll.
        let Some(poll_url) = status_url.clone().or_else(|| location.clone()) else {
            return decode(first, expected);
        };
        if !first.status.is_success() {
            return decode(first, expected);
        }
        let mut wait = retry_after(&first.headers).unwrap_or(interval);
        let last = loop {
            pipeline.sleeper().sleep(wait).await;
            let response = get(poll_url.clone()).await?;
            wait = retry_after(&response.headers).unwrap_or(interval);
            if status_url.is_none() {
                // Polling a bare Location: 202 means "not yet".
                if response.status.as_u16() == 202 {
                    continue;
                }
                break response;
            }
            let status: serde_json::Value = serde_json::from_slice(&response.body).unwrap_or_default();
            let state = status
                .get("status")
                .and_then(|s| s.as_str())
                .unwrap_or_default()
                .to_ascii_lowercase();
            match state.as_str() {
                "succeeded" => break response,
                "failed" | "canceled" | "cancelled" => {
                    let message = status
                        .pointer("/error/message")
                        .and_then(|m| m.as_str())
                        .map(str::to_string);
                    return Err(Error::OperationFailed { message });
                }
                _ => continue,
            }
        };
        let final_response = match (final_state_via, location) {
            (Some("location"), Some(location)) => get(location).await?,
            (Some("original-uri"), _) => get(original).await?,
            _ => last,
        };
        decode(final_response, &[200, 201, 202, 204])
    }
}

/// The value of a final response: `()` (or any type) from an empty body via `null`.
fn decode<T: DeserializeOwned, E: DeserializeOwned>(response: RawResponse, expected: &[u16]) -> Result<T, Error<E>> {
    let body = if response.body.is_empty() {
        Bytes::from_static(b"null")
    } else {
        response.body.clone()
    };
    let response = RawResponse { body, ..response };
    response.json::<T, (), E>(expected).map(Response::into_value)
}
