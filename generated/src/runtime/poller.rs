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
        match timeout {
            Some(limit) => tokio::time::timeout(limit, work)
                .await
                .unwrap_or(Err(Error::Timeout(limit))),
            None => work.await,
        }
    }
}
