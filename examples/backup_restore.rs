//! Back up a person group and restore it in another subscription: take a snapshot, follow the
//! operation, apply it as the target subscription, follow that operation, then list and delete
//! the snapshot.
//!
//! ```text
//! cargo run --example backup_restore
//! FACE_ENDPOINT=https://<resource>.cognitiveservices.azure.com FACE_KEY=<source key> \
//!   FACE_TARGET_KEY=<target key> FACE_TARGET_SUBSCRIPTION=<target subscription id> \
//!   FACE_PERSON_GROUP=<existing person group> cargo run --example backup_restore
//! ```
//!
//! Without `FACE_ENDPOINT` it starts the local Face service (`local-service/`, a dev-dependency)
//! with two subscriptions and a person group to copy.

use std::time::Duration;

use azure_face::models::SnapshotObjectType;
use azure_face::operations::snapshot::{ListOptions, TakeOptions};
use azure_face::Client;
use azure_face_local_service::FaceService;
use uuid::Uuid;

/// Where to run: a real endpoint from the environment, or the local service.
struct Setup {
    endpoint: String,
    source_key: String,
    target_key: String,
    target_subscription: Uuid,
    person_group: String,
    poll_interval: Duration,
    _local: Option<FaceService>,
}

async fn setup() -> Result<Setup, Box<dyn std::error::Error>> {
    if let Ok(endpoint) = std::env::var("FACE_ENDPOINT") {
        let var = |name: &str| std::env::var(name).map_err(|_| format!("{name} must be set with FACE_ENDPOINT"));
        return Ok(Setup {
            endpoint,
            source_key: var("FACE_KEY")?,
            target_key: var("FACE_TARGET_KEY")?,
            target_subscription: var("FACE_TARGET_SUBSCRIPTION")?.parse()?,
            person_group: var("FACE_PERSON_GROUP")?,
            poll_interval: Duration::from_secs(5),
            _local: None,
        });
    }
    let service = FaceService::builder()
        .operation_steps(Duration::from_millis(300), Duration::from_millis(700))
        .start()
        .await;
    let source = service.add_subscription("local-source-key");
    let target_subscription = service.add_subscription("local-target-key");
    service.add_object(source, SnapshotObjectType::PersonGroup, "employees");
    println!("started the local Face service at {}", service.endpoint());
    Ok(Setup {
        endpoint: service.endpoint(),
        source_key: "local-source-key".into(),
        target_key: "local-target-key".into(),
        target_subscription,
        person_group: "employees".into(),
        poll_interval: Duration::from_millis(250),
        _local: Some(service),
    })
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let setup = setup().await?;
    let source = Client::new(&setup.endpoint, setup.source_key.as_str())?;
    let target = Client::new(&setup.endpoint, setup.target_key.as_str())?;

    println!("taking a snapshot of person group `{}`", setup.person_group);
    let snapshot_location = source
        .snapshot()
        .take(
            SnapshotObjectType::PersonGroup,
            setup.person_group.as_str(),
            vec![setup.target_subscription],
            Some(TakeOptions {
                user_data: Some("backup_restore example".into()),
                ..Default::default()
            }),
        )
        .into_poller()
        .interval(setup.poll_interval)
        .timeout(Duration::from_secs(600))
        .on_status(|s| println!("  take: {}", s.status))
        .wait()
        .await?
        .ok_or("the take operation succeeded without naming the snapshot")?;
    let snapshot_id: Uuid = snapshot_location.rsplit('/').next().unwrap_or_default().parse()?;
    println!("snapshot {snapshot_id} is ready");

    let restored = format!("{}-restored", setup.person_group);
    println!("applying it to the target subscription as `{restored}`");
    let object = target
        .snapshot()
        .apply(snapshot_id, restored.as_str(), None)
        .into_poller()
        .interval(setup.poll_interval)
        .timeout(Duration::from_secs(600))
        .on_status(|s| println!("  apply: {}", s.status))
        .wait()
        .await?;
    println!("restored at {}", object.as_deref().unwrap_or("?"));

    let snapshots = source
        .snapshot()
        .list(Some(ListOptions {
            type_: Some(SnapshotObjectType::PersonGroup),
            ..Default::default()
        }))
        .await?
        .into_value();
    println!(
        "the source subscription sees {} person group snapshot(s)",
        snapshots.len()
    );
    source.snapshot().delete(snapshot_id, None).await?;
    println!("deleted snapshot {snapshot_id}");
    Ok(())
}
