//! A local, in-process Face snapshot service: the seven snapshot operations of the Face API
//! served over HTTP/1.1 on 127.0.0.1, for the `azure-face` client's tests and its offline
//! example. A crate of its own (a dev-dependency of `azure-face`), so that users of the client
//! compile no HTTP server.
//!
//! What it models, following the operation descriptions of `spec/face-snapshot.json`:
//!
//! - **Subscriptions.** Every API key (header `Ocp-Apim-Subscription-Key`) belongs to a Face
//!   subscription id registered with [`FaceService::add_subscription`] (or
//!   [`FaceServiceBuilder::subscription`]). A missing or unknown key gets `401` with an
//!   `APIError` body whose code is `Unspecified`.
//! - **Objects.** Face lists, large face lists, person groups and large person groups exist only
//!   as names (and optional JSON data) that tests create with [`FaceService::add_object`], so that
//!   Snapshot - Take has something to copy and Snapshot - Apply somewhere to write.
//! - **Jobs.** Take and apply answer `202` with a relative `Operation-Location:
//!   /operations/{id}`; the operation is `notstarted`, then `running`, then `succeeded` or
//!   `failed` as the service's clock passes the step durations of
//!   [`FaceServiceBuilder::operation_steps`]. A take fails when its source object is removed
//!   before it ends; an apply fails when the target subscription already owns an object of the
//!   same kind and id when it ends (mode `CreateNew`), or when the snapshot is gone by then.
//! - **Access.** A snapshot is visible (get, list) to the subscription that took it and to the
//!   subscriptions in its applyScope; update and delete are for the taker only, apply for the
//!   applyScope only. A subscription that cannot see the snapshot gets `404`; one that can see it
//!   but may not do this gets `403`. An operation is visible only to the subscription that
//!   started it.
//! - **Expiry.** A snapshot is purged [`SNAPSHOT_LIFETIME`] (48 hours) after it was taken. The
//!   clock is injectable ([`Clock`], [`FixedClock`]) and can be moved with
//!   [`FaceService::advance`].
//! - **Faults.** [`FaceService::inject`] queues a [`Fault`] (throttling with a retry hint, `500`,
//!   `503`, a dropped connection, a slow answer, malformed JSON) that the next matching request
//!   gets instead of (or, for a delay, on top of) its normal answer.
//!
//! Where it departs from, or guesses at, the real service:
//!
//! - Only the snapshot operations exist. Objects are ids with opaque JSON data: there are no
//!   persons, faces or training, and no endpoints to manage objects (tests use the handle).
//! - The spec documents only the shape of error bodies. `BadArgument` (400, with messages in the
//!   style of the Face API's error reference), `Unspecified` (401), `429` (429) and the
//!   `*NotFound` codes of missing source objects follow the Face API; `SnapshotNotFound`,
//!   `OperationNotFound`, `Forbidden` (403), `NotFound` and `MethodNotAllowed` are this service's
//!   own. Whether the real service answers 403 or 404 to a subscription that can see a snapshot
//!   but may not change or apply it is not documented; this one answers 403.
//! - A CreateNew conflict is not refused at request time: the apply is accepted (202) and its
//!   operation fails, as the spec's description of the mode says.
//! - Job times do not depend on the object's size, and quotas (100 takes/applies a day or month)
//!   are not enforced. A take copies the source's data when it is requested; editing the source
//!   during the job does not fail it, only deleting it does.
//! - `lastUpdateTime` of a new snapshot is the end of its take job; operations are kept for the
//!   life of the service; `account` is a made-up resource id derived from the subscription id.
//! - Only the `Ocp-Apim-Subscription-Key` header authenticates (not a `subscription-key` query
//!   parameter); faults are served before authentication, as a gateway's would be.
//!
//! ```
//! use azure_face_local_service::FaceService;
//! use azure_face::models::SnapshotObjectType;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), azure_face::Error> {
//! let service = FaceService::start().await;
//! let source = service.add_subscription("source-key");
//! let target = service.add_subscription("target-key");
//! service.add_object(source, SnapshotObjectType::PersonGroup, "staff");
//!
//! let client = azure_face::Client::new(service.endpoint(), "source-key")?;
//! let taken = client.snapshot().take(SnapshotObjectType::PersonGroup, "staff", vec![target], None).await?;
//! assert!(taken.typed_headers().operation_location.as_deref().unwrap().starts_with("/operations/"));
//! # Ok(())
//! # }
//! ```

mod http;
mod state;

use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use time::OffsetDateTime;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use uuid::Uuid;

use azure_face::models::{Snapshot, SnapshotObjectType};

/// How long a snapshot lives after it was taken: 48 hours.
pub const SNAPSHOT_LIFETIME: Duration = Duration::from_secs(48 * 60 * 60);

/// The default time an operation stays `notstarted`.
pub const DEFAULT_NOT_STARTED: Duration = Duration::from_millis(100);

/// The default time an operation stays `running`.
pub const DEFAULT_RUNNING: Duration = Duration::from_millis(400);

/// The source of the service's time. [`FaceService::advance`] moves the service's time forward
/// on top of whatever the clock says.
pub trait Clock: Send + Sync + 'static {
    /// The current time, in UTC.
    fn now(&self) -> OffsetDateTime;
}

/// The system clock (the default).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock that stands still: time passes only through [`FaceService::advance`], which makes
/// operation progress and snapshot expiry deterministic.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub OffsetDateTime);

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

/// The `Retry-After`-style header of a throttling answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetryAfter {
    /// `Retry-After: <seconds>`.
    Seconds(u64),
    /// `Retry-After: <HTTP-date>` (IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`).
    Date(OffsetDateTime),
    /// `retry-after-ms: <milliseconds>`.
    Millis(u64),
    /// `x-ms-retry-after-ms: <milliseconds>`.
    XMsMillis(u64),
}

/// A fault that one request gets instead of its normal answer; see [`FaceService::inject`].
///
/// Except for [`Fault::Delay`], the request has no effect on the service's data.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// `429 Too Many Requests` with an `APIError` body (code `429`) and the given retry header.
    TooManyRequests(RetryAfter),
    /// `500 Internal Server Error` with an `APIError` body (code `InternalServerError`).
    InternalServerError,
    /// `503 Service Unavailable` with an `APIError` body (code `ServiceUnavailable`) and,
    /// optionally, a retry header.
    ServiceUnavailable(Option<RetryAfter>),
    /// The connection is closed after the request was read, without any answer.
    DropConnection,
    /// The request is served normally (and takes effect at once), but its answer is sent only
    /// after this delay.
    Delay(Duration),
    /// `200 OK` with `Content-Type: application/json` and a body that is not valid JSON.
    MalformedJson,
}

/// One request the service received, for assertions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    /// The HTTP method, e.g. `POST`.
    pub method: String,
    /// The path as sent, e.g. `/face/v1.0/snapshots`.
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// The status answered; `None` when the connection was dropped ([`Fault::DropConnection`]).
    pub status: Option<u16>,
    /// The fault this request got, if any.
    pub fault: Option<Fault>,
}

/// A face list, large face list, person group or large person group of a subscription.
#[derive(Debug, Clone, PartialEq)]
pub struct FaceObject {
    /// The subscription that owns it.
    pub subscription: Uuid,
    /// Its kind.
    pub kind: SnapshotObjectType,
    /// Its id, e.g. a person group id.
    pub object_id: String,
    /// Whatever data the test gave it ([`FaceService::add_object_with_data`]); an apply copies
    /// the data the source object had when the snapshot was taken.
    pub data: serde_json::Value,
    /// The snapshot it was created from by an apply; `None` for objects added by the test.
    pub from_snapshot: Option<Uuid>,
}

/// Options of a [`FaceService`]; get one from [`FaceService::builder`].
#[must_use]
pub struct FaceServiceBuilder {
    clock: Arc<dyn Clock>,
    not_started: Duration,
    running: Duration,
    subscriptions: Vec<(String, Uuid)>,
    addr: SocketAddr,
}

impl fmt::Debug for FaceServiceBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FaceServiceBuilder")
            .field("not_started", &self.not_started)
            .field("running", &self.running)
            .field("subscriptions", &self.subscriptions.len())
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl FaceServiceBuilder {
    /// Uses this clock instead of the system clock, e.g. a [`FixedClock`].
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// How long a take or apply operation stays `notstarted`, then `running`, before it ends
    /// (defaults: [`DEFAULT_NOT_STARTED`], [`DEFAULT_RUNNING`]).
    pub fn operation_steps(mut self, not_started: Duration, running: Duration) -> Self {
        self.not_started = not_started;
        self.running = running;
        self
    }

    /// Registers a subscription with a chosen id, reachable with `key`.
    pub fn subscription(mut self, key: impl Into<String>, id: Uuid) -> Self {
        self.subscriptions.push((key.into(), id));
        self
    }

    /// Listens on this address instead of `127.0.0.1:0` (a free port).
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Starts the service on the current tokio runtime.
    ///
    /// # Panics
    /// When the address cannot be bound; see [`try_start`](Self::try_start).
    pub async fn start(self) -> FaceService {
        let addr = self.addr;
        match self.try_start().await {
            Ok(service) => service,
            Err(e) => panic!("the local Face service cannot listen on {addr}: {e}"),
        }
    }

    /// Starts the service on the current tokio runtime.
    pub async fn try_start(self) -> std::io::Result<FaceService> {
        let listener = TcpListener::bind(self.addr).await?;
        let addr = listener.local_addr()?;
        let mut state = state::State::new();
        for (key, id) in self.subscriptions {
            state.add_key(key, id);
        }
        let shared = Arc::new(Shared {
            clock: self.clock,
            steps: (self.not_started, self.running),
            state: Mutex::new(state),
        });
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(http::serve(listener, shared.clone(), stopped));
        Ok(FaceService {
            addr,
            shared,
            stop,
            task: Some(task),
        })
    }
}

/// What the server task and the handle share.
pub(crate) struct Shared {
    clock: Arc<dyn Clock>,
    steps: (Duration, Duration),
    state: Mutex<state::State>,
}

impl Shared {
    /// Locks the state and brings it up to the current time (finished jobs, expired snapshots).
    fn lock(&self) -> (MutexGuard<'_, state::State>, OffsetDateTime) {
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = self.clock.now() + state.offset;
        state.settle(now);
        (state, now)
    }
}

/// A running local Face service. It stops when this handle is dropped or [`shutdown`] is called.
///
/// All methods take `&self` and may be called from any thread; every service has its own data.
///
/// [`shutdown`]: FaceService::shutdown
pub struct FaceService {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for FaceService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FaceService")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl FaceService {
    /// Starts a service with default options on `127.0.0.1` and a free port.
    ///
    /// # Panics
    /// When no port can be bound.
    pub async fn start() -> FaceService {
        FaceService::builder().start().await
    }

    /// Options for a service: clock, operation step durations, subscriptions, address.
    pub fn builder() -> FaceServiceBuilder {
        FaceServiceBuilder {
            clock: Arc::new(SystemClock),
            not_started: DEFAULT_NOT_STARTED,
            running: DEFAULT_RUNNING,
            subscriptions: Vec::new(),
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        }
    }

    /// The endpoint to give the client, `http://127.0.0.1:PORT` (the client appends
    /// `/face/v1.0`).
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the service listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Registers a new subscription with a fresh id, reachable with `key`, and returns its id.
    /// When the key is already registered, it is moved to the new subscription.
    pub fn add_subscription(&self, key: impl Into<String>) -> Uuid {
        let (mut state, _) = self.shared.lock();
        let id = state.new_id();
        state.add_key(key.into(), id);
        id
    }

    /// Makes `key` a key of the subscription `id`, registering the subscription if needed (a
    /// subscription may have several keys, as Azure's key 1 and key 2).
    pub fn add_key(&self, id: Uuid, key: impl Into<String>) {
        self.shared.lock().0.add_key(key.into(), id);
    }

    /// The subscription a key belongs to.
    pub fn subscription_of(&self, key: &str) -> Option<Uuid> {
        self.shared.lock().0.subscription_of(key)
    }

    /// The Azure resource id the service reports as the `account` of the subscription's
    /// snapshots.
    pub fn account_of(&self, subscription: Uuid) -> String {
        state::account_of(subscription)
    }

    /// Creates (or replaces) an object of `subscription`, without data.
    pub fn add_object(&self, subscription: Uuid, kind: SnapshotObjectType, object_id: impl Into<String>) {
        self.add_object_with_data(subscription, kind, object_id, serde_json::Value::Null);
    }

    /// Creates (or replaces) an object of `subscription` that holds `data` (persons, faces: any
    /// JSON the test wants to see travel through a snapshot).
    pub fn add_object_with_data(
        &self,
        subscription: Uuid,
        kind: SnapshotObjectType,
        object_id: impl Into<String>,
        data: serde_json::Value,
    ) {
        let (mut state, _) = self.shared.lock();
        state.put_object(subscription, kind, object_id.into(), data, None);
    }

    /// Deletes an object; returns whether it existed. A take of it that has not ended yet fails.
    pub fn remove_object(&self, subscription: Uuid, kind: SnapshotObjectType, object_id: &str) -> bool {
        self.shared.lock().0.remove_object(subscription, kind, object_id)
    }

    /// One object of a subscription.
    pub fn object(&self, subscription: Uuid, kind: SnapshotObjectType, object_id: &str) -> Option<FaceObject> {
        self.shared.lock().0.object(subscription, kind, object_id)
    }

    /// All objects of a subscription, sorted by kind and id.
    pub fn objects(&self, subscription: Uuid) -> Vec<FaceObject> {
        self.shared.lock().0.objects(subscription)
    }

    /// Every snapshot that exists now (taken and not deleted or expired), whoever owns it.
    pub fn snapshots(&self) -> Vec<Snapshot> {
        self.shared.lock().0.all_snapshots()
    }

    /// The service's current time: its clock plus everything [`advance`](Self::advance)d.
    pub fn now(&self) -> OffsetDateTime {
        self.shared.lock().1
    }

    /// Moves the service's time forward: operations progress and snapshots expire as if that
    /// much time had passed.
    pub fn advance(&self, by: Duration) {
        let mut state = self
            .shared
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        state.offset += by;
    }

    /// Queues a fault for the next request (any path). Faults are used in the order they were
    /// queued, one per request.
    pub fn inject(&self, fault: Fault) {
        self.shared.lock().0.push_fault(None, fault);
    }

    /// Queues a fault for the next request whose path starts with `path_prefix`, given either
    /// relative to the API (`/snapshots`, `/operations/`) or in full (`/face/v1.0/snapshots`).
    /// Requests to other paths leave it queued.
    pub fn inject_at(&self, path_prefix: impl Into<String>, fault: Fault) {
        self.shared.lock().0.push_fault(Some(path_prefix.into()), fault);
    }

    /// How many injected faults no request has used yet.
    pub fn pending_faults(&self) -> usize {
        self.shared.lock().0.pending_faults()
    }

    /// Forgets the faults no request has used yet.
    pub fn clear_faults(&self) {
        self.shared.lock().0.clear_faults();
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.lock().0.requests().to_vec()
    }

    /// Stops listening, closes open connections, and waits for the server task to end.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for FaceService {
    fn drop(&mut self) {
        // The server task and every connection task watch this channel.
        let _ = self.stop.send(true);
    }
}
