//! The service's data (keys, objects, snapshots, operations, faults, request log) and the rules
//! that change it. Nothing here knows about HTTP beyond status codes.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use time::OffsetDateTime;
use uuid::Uuid;

use super::{FaceObject, Fault, RequestRecord, SNAPSHOT_LIFETIME};
use azure_face::models::{OperationStatus, OperationStatusType, Snapshot, SnapshotObjectType};

/// An error answer: the status and the `code` and `message` of its `APIError` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Failure {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
}

impl Failure {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        Failure {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn bad_argument(message: impl Into<String>) -> Self {
        Failure::new(400, "BadArgument", message)
    }

    fn snapshot_not_found() -> Self {
        Failure::new(404, "SnapshotNotFound", "Snapshot is not found.")
    }
}

/// A validated Snapshot - Take body.
#[derive(Debug)]
pub(super) struct TakeRequest {
    pub kind: SnapshotObjectType,
    pub object_id: String,
    pub apply_scope: Vec<Uuid>,
    pub user_data: Option<String>,
}

/// The path segment of a kind of object in the Face API, as in `resourceLocation`.
pub(super) fn kind_path(kind: SnapshotObjectType) -> &'static str {
    match kind {
        SnapshotObjectType::FaceList => "facelists",
        SnapshotObjectType::LargeFaceList => "largefacelists",
        SnapshotObjectType::PersonGroup => "persongroups",
        SnapshotObjectType::LargePersonGroup => "largepersongroups",
    }
}

/// The `error.code` of a missing object, as the Face API names them.
fn object_not_found(kind: SnapshotObjectType) -> Failure {
    let (code, what) = match kind {
        SnapshotObjectType::FaceList => ("FaceListNotFound", "Face list"),
        SnapshotObjectType::LargeFaceList => ("LargeFaceListNotFound", "Large face list"),
        SnapshotObjectType::PersonGroup => ("PersonGroupNotFound", "Person group"),
        SnapshotObjectType::LargePersonGroup => ("LargePersonGroupNotFound", "Large person group"),
    };
    Failure::new(404, code, format!("{what} is not found."))
}

/// The Azure resource id reported as the `account` of a subscription's snapshots.
pub(super) fn account_of(subscription: Uuid) -> String {
    let short = &subscription.simple().to_string()[..8];
    let provider = "providers/Microsoft.CognitiveServices/accounts";
    format!("/subscriptions/{subscription}/resourceGroups/local-face/{provider}/face-{short}")
}

struct StoredObject {
    data: serde_json::Value,
    from_snapshot: Option<Uuid>,
}

struct StoredSnapshot {
    id: Uuid,
    source: Uuid,
    kind: SnapshotObjectType,
    apply_scope: Vec<Uuid>,
    user_data: Option<String>,
    created: OffsetDateTime,
    updated: OffsetDateTime,
    data: serde_json::Value,
}

impl StoredSnapshot {
    fn expires(&self) -> OffsetDateTime {
        self.created + SNAPSHOT_LIFETIME
    }

    fn visible_to(&self, subscription: Uuid) -> bool {
        self.source == subscription || self.apply_scope.contains(&subscription)
    }

    fn to_model(&self) -> Snapshot {
        Snapshot {
            id: self.id,
            account: account_of(self.source),
            type_: self.kind,
            apply_scope: self.apply_scope.clone(),
            user_data: self.user_data.clone(),
            created_time: self.created,
            last_update_time: self.updated,
        }
    }
}

enum Job {
    Take {
        kind: SnapshotObjectType,
        object_id: String,
        apply_scope: Vec<Uuid>,
        user_data: Option<String>,
        /// The source object's data when the take was requested.
        data: serde_json::Value,
    },
    Apply {
        snapshot_id: Uuid,
        kind: SnapshotObjectType,
        object_id: String,
    },
}

struct Operation {
    subscription: Uuid,
    /// Order of creation, to end operations that finish at the same instant in a fixed order.
    seq: u64,
    created: OffsetDateTime,
    starts: OffsetDateTime,
    finishes: OffsetDateTime,
    job: Job,
    /// Set when the operation ends: `Ok(resourceLocation)` or `Err(message)`.
    outcome: Option<Result<String, String>>,
}

impl Operation {
    fn status(&self, now: OffsetDateTime) -> OperationStatus {
        let (status, last_action_time, resource_location, message) = match &self.outcome {
            Some(Ok(location)) => (
                OperationStatusType::Succeeded,
                Some(self.finishes),
                Some(location.clone()),
                None,
            ),
            Some(Err(message)) => (
                OperationStatusType::Failed,
                Some(self.finishes),
                None,
                Some(message.clone()),
            ),
            None if now < self.starts => (OperationStatusType::Notstarted, None, None, None),
            None => (OperationStatusType::Running, Some(now), None, None),
        };
        OperationStatus {
            status,
            created_time: self.created,
            last_action_time,
            resource_location,
            message,
        }
    }
}

struct FaultRule {
    path_prefix: Option<String>,
    fault: Fault,
}

impl FaultRule {
    fn matches(&self, path: &str) -> bool {
        match &self.path_prefix {
            None => true,
            Some(prefix) => {
                path.starts_with(prefix.as_str())
                    || path
                        .strip_prefix(super::http::BASE_PATH)
                        .is_some_and(|relative| relative.starts_with(prefix.as_str()))
            }
        }
    }
}

/// Random-looking, never-repeating ids without a random number generator dependency:
/// SplitMix64 seeded from the standard library's per-process random hasher keys.
struct Ids(u64);

impl Ids {
    fn new() -> Self {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(OffsetDateTime::now_utc().unix_timestamp_nanos() as u128);
        Ids(hasher.finish())
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn uuid(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

pub(super) struct State {
    /// Time added to the clock by `FaceService::advance`.
    pub offset: Duration,
    ids: Ids,
    seq: u64,
    keys: HashMap<String, Uuid>,
    objects: HashMap<(Uuid, SnapshotObjectType, String), StoredObject>,
    /// In the order they were created, which is the order Snapshot - List returns.
    snapshots: Vec<StoredSnapshot>,
    operations: HashMap<Uuid, Operation>,
    faults: VecDeque<FaultRule>,
    requests: Vec<RequestRecord>,
}

impl State {
    pub fn new() -> Self {
        State {
            offset: Duration::ZERO,
            ids: Ids::new(),
            seq: 0,
            keys: HashMap::new(),
            objects: HashMap::new(),
            snapshots: Vec::new(),
            operations: HashMap::new(),
            faults: VecDeque::new(),
            requests: Vec::new(),
        }
    }

    pub fn new_id(&mut self) -> Uuid {
        self.ids.uuid()
    }

    // ----- time ---------------------------------------------------------------------------------

    /// Ends every operation whose time is up and purges every expired snapshot, in the order
    /// those events happened, so that an apply that ends after its snapshot expired fails.
    pub fn settle(&mut self, now: OffsetDateTime) {
        loop {
            let next_operation = self
                .operations
                .iter()
                .filter(|(_, op)| op.outcome.is_none() && op.finishes <= now)
                .min_by_key(|(_, op)| (op.finishes, op.seq))
                .map(|(id, op)| (op.finishes, *id));
            let next_expiry = self
                .snapshots
                .iter()
                .filter(|s| s.expires() <= now)
                .min_by_key(|s| s.expires())
                .map(|s| (s.expires(), s.id));
            match (next_operation, next_expiry) {
                (None, None) => return,
                (Some((ends, _)), Some((expires, snapshot))) if expires <= ends => self.purge(snapshot),
                (None, Some((_, snapshot))) => self.purge(snapshot),
                (Some((_, operation)), _) => self.finish(operation),
            }
        }
    }

    fn purge(&mut self, snapshot: Uuid) {
        self.snapshots.retain(|s| s.id != snapshot);
    }

    fn finish(&mut self, id: Uuid) {
        let Some(mut op) = self.operations.remove(&id) else {
            return;
        };
        let outcome = match &op.job {
            Job::Take {
                kind,
                object_id,
                apply_scope,
                user_data,
                data,
            } => {
                if self.objects.contains_key(&(op.subscription, *kind, object_id.clone())) {
                    let snapshot = self.ids.uuid();
                    self.snapshots.push(StoredSnapshot {
                        id: snapshot,
                        source: op.subscription,
                        kind: *kind,
                        apply_scope: apply_scope.clone(),
                        user_data: user_data.clone(),
                        created: op.created,
                        updated: op.finishes,
                        data: data.clone(),
                    });
                    Ok(format!("/snapshots/{snapshot}"))
                } else {
                    Err(format!(
                        "The source {} '{object_id}' was deleted before the snapshot was complete.",
                        kind.as_str()
                    ))
                }
            }
            Job::Apply {
                snapshot_id,
                kind,
                object_id,
            } => {
                let key = (op.subscription, *kind, object_id.clone());
                match self.snapshots.iter().find(|s| s.id == *snapshot_id) {
                    None => Err(format!(
                        "Snapshot {snapshot_id} was deleted or expired before it could be applied."
                    )),
                    Some(_) if self.objects.contains_key(&key) => Err(format!(
                        "Apply mode CreateNew: a {} with id '{object_id}' already exists in the target subscription.",
                        kind.as_str()
                    )),
                    Some(snapshot) => {
                        let data = snapshot.data.clone();
                        self.objects.insert(
                            key,
                            StoredObject {
                                data,
                                from_snapshot: Some(*snapshot_id),
                            },
                        );
                        Ok(format!("/{}/{object_id}", kind_path(*kind)))
                    }
                }
            }
        };
        op.outcome = Some(outcome);
        self.operations.insert(id, op);
    }

    fn start_operation(
        &mut self,
        subscription: Uuid,
        job: Job,
        now: OffsetDateTime,
        steps: (Duration, Duration),
    ) -> Uuid {
        let id = self.ids.uuid();
        self.seq += 1;
        let starts = now + steps.0;
        self.operations.insert(
            id,
            Operation {
                subscription,
                seq: self.seq,
                created: now,
                starts,
                finishes: starts + steps.1,
                job,
                outcome: None,
            },
        );
        id
    }

    // ----- subscriptions and objects ------------------------------------------------------------

    pub fn add_key(&mut self, key: String, subscription: Uuid) {
        self.keys.insert(key, subscription);
    }

    pub fn subscription_of(&self, key: &str) -> Option<Uuid> {
        self.keys.get(key).copied()
    }

    pub fn put_object(
        &mut self,
        subscription: Uuid,
        kind: SnapshotObjectType,
        object_id: String,
        data: serde_json::Value,
        from_snapshot: Option<Uuid>,
    ) {
        self.objects
            .insert((subscription, kind, object_id), StoredObject { data, from_snapshot });
    }

    pub fn remove_object(&mut self, subscription: Uuid, kind: SnapshotObjectType, object_id: &str) -> bool {
        self.objects
            .remove(&(subscription, kind, object_id.to_string()))
            .is_some()
    }

    pub fn object(&self, subscription: Uuid, kind: SnapshotObjectType, object_id: &str) -> Option<FaceObject> {
        let key = (subscription, kind, object_id.to_string());
        self.objects.get(&key).map(|object| to_face_object(&key, object))
    }

    pub fn objects(&self, subscription: Uuid) -> Vec<FaceObject> {
        let mut objects: Vec<FaceObject> = self
            .objects
            .iter()
            .filter(|(key, _)| key.0 == subscription)
            .map(|(key, object)| to_face_object(key, object))
            .collect();
        objects.sort_by(|a, b| (a.kind.as_str(), &a.object_id).cmp(&(b.kind.as_str(), &b.object_id)));
        objects
    }

    pub fn all_snapshots(&self) -> Vec<Snapshot> {
        self.snapshots.iter().map(StoredSnapshot::to_model).collect()
    }

    // ----- faults and the request log ------------------------------------------------------------

    pub fn push_fault(&mut self, path_prefix: Option<String>, fault: Fault) {
        self.faults.push_back(FaultRule { path_prefix, fault });
    }

    /// Removes and returns the first queued fault that applies to `path`.
    pub fn next_fault(&mut self, path: &str) -> Option<Fault> {
        let position = self.faults.iter().position(|rule| rule.matches(path))?;
        self.faults.remove(position).map(|rule| rule.fault)
    }

    pub fn pending_faults(&self) -> usize {
        self.faults.len()
    }

    pub fn clear_faults(&mut self) {
        self.faults.clear();
    }

    pub fn record(&mut self, record: RequestRecord) {
        self.requests.push(record);
    }

    pub fn requests(&self) -> &[RequestRecord] {
        &self.requests
    }

    // ----- the seven operations ------------------------------------------------------------------

    /// Snapshot - Take: checks that the source object exists and starts the job.
    pub fn take(
        &mut self,
        subscription: Uuid,
        request: TakeRequest,
        now: OffsetDateTime,
        steps: (Duration, Duration),
    ) -> Result<Uuid, Failure> {
        let key = (subscription, request.kind, request.object_id);
        let Some(source) = self.objects.get(&key) else {
            return Err(object_not_found(request.kind));
        };
        let job = Job::Take {
            kind: request.kind,
            object_id: key.2,
            apply_scope: request.apply_scope,
            user_data: request.user_data,
            data: source.data.clone(),
        };
        Ok(self.start_operation(subscription, job, now, steps))
    }

    /// Snapshot - List: the visible snapshots, filtered by kind and by apply scope (a snapshot
    /// matches when its applyScope shares at least one id with the filter, as in the spec's
    /// example).
    pub fn list(
        &self,
        subscription: Uuid,
        kind: Option<SnapshotObjectType>,
        apply_scope: Option<&[Uuid]>,
    ) -> Vec<Snapshot> {
        self.snapshots
            .iter()
            .filter(|s| s.visible_to(subscription))
            .filter(|s| kind.is_none_or(|kind| s.kind == kind))
            .filter(|s| apply_scope.is_none_or(|filter| s.apply_scope.iter().any(|id| filter.contains(id))))
            .map(StoredSnapshot::to_model)
            .collect()
    }

    fn visible_snapshot(&mut self, subscription: Uuid, id: Uuid) -> Result<&mut StoredSnapshot, Failure> {
        self.snapshots
            .iter_mut()
            .find(|s| s.id == id && s.visible_to(subscription))
            .ok_or_else(Failure::snapshot_not_found)
    }

    /// Snapshot - Get.
    pub fn get(&mut self, subscription: Uuid, id: Uuid) -> Result<Snapshot, Failure> {
        self.visible_snapshot(subscription, id).map(|s| s.to_model())
    }

    /// Snapshot - Update: only the subscription that took the snapshot.
    pub fn update(
        &mut self,
        subscription: Uuid,
        id: Uuid,
        apply_scope: Option<Vec<Uuid>>,
        user_data: Option<String>,
        now: OffsetDateTime,
    ) -> Result<(), Failure> {
        let snapshot = self.visible_snapshot(subscription, id)?;
        if snapshot.source != subscription {
            return Err(Failure::new(
                403,
                "Forbidden",
                "Only the subscription that took the snapshot can update it.",
            ));
        }
        if let Some(apply_scope) = apply_scope {
            snapshot.apply_scope = apply_scope;
        }
        if let Some(user_data) = user_data {
            snapshot.user_data = Some(user_data);
        }
        snapshot.updated = now;
        Ok(())
    }

    /// Snapshot - Delete: only the subscription that took the snapshot.
    pub fn delete(&mut self, subscription: Uuid, id: Uuid) -> Result<(), Failure> {
        let snapshot = self.visible_snapshot(subscription, id)?;
        if snapshot.source != subscription {
            return Err(Failure::new(
                403,
                "Forbidden",
                "Only the subscription that took the snapshot can delete it.",
            ));
        }
        self.purge(id);
        Ok(())
    }

    /// Snapshot - Apply: only a subscription in the applyScope. Whether the target object
    /// already exists is decided when the job ends (it fails then), as the spec describes.
    pub fn apply(
        &mut self,
        subscription: Uuid,
        id: Uuid,
        object_id: String,
        now: OffsetDateTime,
        steps: (Duration, Duration),
    ) -> Result<Uuid, Failure> {
        let snapshot = self.visible_snapshot(subscription, id)?;
        if !snapshot.apply_scope.contains(&subscription) {
            return Err(Failure::new(
                403,
                "Forbidden",
                "Only a subscription in the snapshot's applyScope can apply it.",
            ));
        }
        let job = Job::Apply {
            snapshot_id: id,
            kind: snapshot.kind,
            object_id,
        };
        Ok(self.start_operation(subscription, job, now, steps))
    }

    /// Snapshot - Get Operation Status: only the subscription that started the operation.
    pub fn operation_status(
        &self,
        subscription: Uuid,
        id: Uuid,
        now: OffsetDateTime,
    ) -> Result<OperationStatus, Failure> {
        self.operations
            .get(&id)
            .filter(|op| op.subscription == subscription)
            .map(|op| op.status(now))
            .ok_or_else(|| Failure::new(404, "OperationNotFound", "Operation is not found."))
    }
}

fn to_face_object(key: &(Uuid, SnapshotObjectType, String), object: &StoredObject) -> FaceObject {
    FaceObject {
        subscription: key.0,
        kind: key.1,
        object_id: key.2.clone(),
        data: object.data.clone(),
        from_snapshot: object.from_snapshot,
    }
}
