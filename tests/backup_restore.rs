//! The whole backup/restore workflow against the local Face service, with the client's retry
//! policy and pollers: faults are recovered with the right attempts and waits, retries give up
//! with a clear error, and a failed operation surfaces the service's message.
//!
//! The client's sleeper moves the service's clock instead of waiting, so operations progress
//! and the tests run instantly and deterministically.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use azure_face::models::SnapshotObjectType;
use azure_face::runtime::{BoxFuture, Sleeper};
use azure_face::{Client, ClientOptions, Error};
use azure_face_local_service::{FaceService, Fault, FixedClock, RetryAfter};
use uuid::Uuid;

/// Waits by moving the local service's clock, and records each wait.
#[derive(Debug, Default)]
struct ServiceClockSleeper {
    service: Mutex<Option<Arc<FaceService>>>,
    waits: Mutex<Vec<Duration>>,
}

impl Sleeper for ServiceClockSleeper {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.waits.lock().unwrap().push(duration);
        if let Some(service) = self.service.lock().unwrap().as_ref() {
            service.advance(duration);
        }
        Box::pin(async {})
    }
}

struct World {
    service: Arc<FaceService>,
    sleeper: Arc<ServiceClockSleeper>,
    source: Client,
    target: Client,
    target_subscription: Uuid,
}

async fn world() -> World {
    let service = FaceService::builder()
        .clock(FixedClock(
            time::OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap(),
        ))
        .operation_steps(Duration::from_secs(2), Duration::from_secs(5))
        .start()
        .await;
    let source_subscription = service.add_subscription("source-key-0001");
    let target_subscription = service.add_subscription("target-key-0002");
    service.add_object(source_subscription, SnapshotObjectType::PersonGroup, "employees");
    let service = Arc::new(service);
    let sleeper = Arc::new(ServiceClockSleeper::default());
    *sleeper.service.lock().unwrap() = Some(service.clone());
    let options = ClientOptions::default().sleeper(sleeper.clone());
    let client = |key: &str| {
        Client::builder(service.endpoint(), key)
            .options(options.clone())
            .build()
            .unwrap()
    };
    World {
        source: client("source-key-0001"),
        target: client("target-key-0002"),
        service,
        sleeper,
        target_subscription,
    }
}

async fn take(world: &World) -> Result<Uuid, Error> {
    let location = world
        .source
        .snapshot()
        .take(
            SnapshotObjectType::PersonGroup,
            "employees",
            vec![world.target_subscription],
            None,
        )
        .into_poller()
        .interval(Duration::from_secs(1))
        .wait()
        .await?
        .expect("a snapshot location");
    Ok(location.rsplit('/').next().unwrap().parse().unwrap())
}

#[tokio::test]
async fn take_poll_apply_poll_list_delete() {
    let world = world().await;
    let statuses = Arc::new(Mutex::new(Vec::new()));
    let seen = statuses.clone();
    let location = world
        .source
        .snapshot()
        .take(
            SnapshotObjectType::PersonGroup,
            "employees",
            vec![world.target_subscription],
            Some(azure_face::operations::snapshot::TakeOptions {
                user_data: Some("nightly".into()),
                ..Default::default()
            }),
        )
        .into_poller()
        .interval(Duration::from_secs(1))
        .on_status(move |s| seen.lock().unwrap().push(s.status.to_string()))
        .wait()
        .await
        .unwrap()
        .unwrap();
    let snapshot_id: Uuid = location.trim_start_matches("/snapshots/").parse().unwrap();
    let statuses = statuses.lock().unwrap().clone();
    assert_eq!(statuses.first().map(String::as_str), Some("notstarted"));
    assert!(statuses.contains(&"running".to_string()), "{statuses:?}");
    assert_eq!(statuses.last().map(String::as_str), Some("succeeded"));

    let snapshot = world
        .target
        .snapshot()
        .get(snapshot_id, None)
        .await
        .unwrap()
        .into_value();
    assert_eq!(snapshot.user_data.as_deref(), Some("nightly"));
    assert_eq!(snapshot.apply_scope, vec![world.target_subscription]);

    let restored = world
        .target
        .snapshot()
        .apply(snapshot_id, "employees-copy", None)
        .into_poller()
        .wait()
        .await
        .unwrap();
    assert_eq!(restored.as_deref(), Some("/persongroups/employees-copy"));
    let target_objects = world.service.objects(world.target_subscription);
    assert!(
        target_objects.iter().any(|o| o.object_id == "employees-copy"),
        "{target_objects:?}"
    );

    let listed = world
        .source
        .snapshot()
        .list(Some(azure_face::operations::snapshot::ListOptions {
            type_: Some(SnapshotObjectType::PersonGroup),
            ..Default::default()
        }))
        .await
        .unwrap()
        .into_value();
    assert_eq!(listed.iter().map(|s| s.id).collect::<Vec<_>>(), [snapshot_id]);
    world.source.snapshot().delete(snapshot_id, None).await.unwrap();
    let error = world.source.snapshot().get(snapshot_id, None).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn each_fault_is_recovered_by_the_retry_policy() {
    let cases = [
        (
            Fault::TooManyRequests(RetryAfter::Seconds(2)),
            Some(Duration::from_secs(2)),
        ),
        (
            Fault::TooManyRequests(RetryAfter::Millis(300)),
            Some(Duration::from_millis(300)),
        ),
        (
            Fault::TooManyRequests(RetryAfter::XMsMillis(40)),
            Some(Duration::from_millis(40)),
        ),
        (Fault::InternalServerError, None),
        (
            Fault::ServiceUnavailable(Some(RetryAfter::Seconds(1))),
            Some(Duration::from_secs(1)),
        ),
        (Fault::DropConnection, None),
    ];
    for (fault, wait) in cases {
        let world = world().await;
        world.service.inject_at("/face/v1.0/snapshots", fault.clone());
        let before = world.service.requests().len();
        take(&world).await.unwrap_or_else(|e| panic!("{fault:?}: {e}"));
        let takes = world.service.requests()[before..]
            .iter()
            .filter(|r| r.method == "POST")
            .count();
        assert_eq!(takes, 2, "{fault:?}: one failed attempt, one retry");
        let first_wait = world.sleeper.waits.lock().unwrap()[0];
        match wait {
            Some(expected) => assert_eq!(first_wait, expected, "{fault:?}"),
            None => assert!(
                (640..=960).contains(&first_wait.as_millis()),
                "{fault:?}: backoff {first_wait:?}"
            ),
        }
        assert_eq!(
            world.service.snapshots().len(),
            1,
            "{fault:?}: exactly one snapshot, not two"
        );
    }
}

#[tokio::test]
async fn retries_give_up_after_the_limit() {
    let world = world().await;
    for _ in 0..4 {
        world.service.inject(Fault::ServiceUnavailable(None));
    }
    let error = take(&world).await.unwrap_err();
    assert!(
        matches!(error, Error::RetriesExhausted { attempts: 4, .. }),
        "{error:?}"
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert!(world.service.snapshots().is_empty());
    assert_eq!(
        world.sleeper.waits.lock().unwrap().len(),
        3,
        "three waits between four attempts"
    );
}

#[tokio::test]
async fn a_failed_apply_surfaces_the_service_message() {
    let world = world().await;
    let snapshot_id = take(&world).await.unwrap();
    world
        .service
        .add_object(world.target_subscription, SnapshotObjectType::PersonGroup, "taken");
    let error = world
        .target
        .snapshot()
        .apply(snapshot_id, "taken", None)
        .into_poller()
        .wait()
        .await
        .unwrap_err();
    match &error {
        Error::OperationFailed { message: Some(message) } => assert!(message.contains("taken"), "{message}"),
        other => panic!("expected OperationFailed with a message, got {other:?}"),
    }
}
