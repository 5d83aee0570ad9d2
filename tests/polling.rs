//! Long-running snapshot operations: take and apply return a poller (from the directives in
//! spec/face-snapshot.codegen.yaml) that reads Snapshot_GetOperationStatus until the end.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use azure_face::models::{OperationStatusType, SnapshotObjectType};
use azure_face::runtime::RetryOptions;
use azure_face::{Client, ClientOptions, Error};
use common::{RecordingSleeper, Reply, Server};
use serde_json::json;

const OPERATION: &str = "0f4e2d1c-3b5a-4c6d-8e9f-a0b1c2d3e4f5";
const SNAPSHOT: &str = "5a0c1bcd-7e4f-4b4e-9c1a-2f6b8d3e9a10";

fn new_client(server: &Server) -> (Client, Arc<RecordingSleeper>) {
    let sleeper = Arc::new(RecordingSleeper::default());
    let options = ClientOptions::default()
        .retry(RetryOptions::none())
        .sleeper(sleeper.clone());
    (
        Client::builder(server.endpoint(), "key")
            .options(options)
            .build()
            .unwrap(),
        sleeper,
    )
}

fn status(status: &str, extra: serde_json::Value) -> Reply {
    let mut body = json!({"status": status, "createdTime": "2024-03-14T08:15:30Z"});
    body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    Reply::json(200, &body)
}

#[tokio::test]
async fn take_is_followed_to_the_snapshot_it_creates() {
    let server = Server::start().await;
    let (client, sleeper) = new_client(&server);
    server.reply(Reply::status(202).header("Operation-Location", &format!("/operations/{OPERATION}")));
    server.reply(status("notstarted", json!({})));
    server.reply(status("running", json!({})).header("Retry-After", "7"));
    server.reply(status(
        "succeeded",
        json!({"resourceLocation": format!("/snapshots/{SNAPSHOT}")}),
    ));

    let seen = Arc::new(Mutex::new(Vec::new()));
    let observed = seen.clone();
    let result = client
        .snapshot()
        .take(SnapshotObjectType::PersonGroup, "group", vec![], None)
        .into_poller()
        .interval(Duration::from_millis(250))
        .on_status(move |s| observed.lock().unwrap().push(s.status))
        .wait()
        .await
        .unwrap();

    assert_eq!(result, Some(format!("/snapshots/{SNAPSHOT}")));
    assert_eq!(
        *seen.lock().unwrap(),
        [
            OperationStatusType::Notstarted,
            OperationStatusType::Running,
            OperationStatusType::Succeeded
        ]
    );
    let requests = server.requests();
    assert_eq!(requests[0].path, "/face/v1.0/snapshots");
    for poll in &requests[1..] {
        assert_eq!(
            (poll.method.as_str(), poll.path.as_str()),
            ("GET", format!("/face/v1.0/operations/{OPERATION}").as_str())
        );
    }
    // The configured interval, except where the service asked for 7 s.
    let waits = sleeper.waits();
    assert_eq!(
        waits,
        [
            Duration::from_millis(250),
            Duration::from_millis(250),
            Duration::from_secs(7)
        ]
    );
}

#[tokio::test]
async fn a_failed_apply_carries_the_service_message() {
    let server = Server::start().await;
    let (client, _) = new_client(&server);
    let location = format!("{}/face/v1.0/operations/{OPERATION}", server.endpoint());
    server.reply(
        Reply::status(202)
            .header("Operation-Location", &location)
            .header("Retry-After", "2"),
    );
    server.reply(status("failed", json!({"message": "target already exists"})));
    let error = client
        .snapshot()
        .apply(SNAPSHOT.parse().unwrap(), "target", None)
        .into_poller()
        .wait()
        .await
        .unwrap_err();
    match &error {
        Error::OperationFailed { message } => assert_eq!(message.as_deref(), Some("target already exists")),
        other => panic!("expected OperationFailed, got {other:?}"),
    }
    assert_eq!(error.to_string(), "the operation failed: target already exists");
    assert_eq!(
        server.requests()[1].path,
        format!("/face/v1.0/operations/{OPERATION}"),
        "absolute locations work too"
    );
}

#[tokio::test]
async fn polling_stops_at_the_timeout_and_at_errors() {
    let server = Server::start().await;
    let sleeper_free = ClientOptions::default().retry(RetryOptions::none());
    let client = Client::builder(server.endpoint(), "key")
        .options(sleeper_free)
        .build()
        .unwrap();
    server.reply(Reply::status(202).header("Operation-Location", &format!("/operations/{OPERATION}")));
    for _ in 0..50 {
        server.reply(status("running", json!({})));
    }
    let poller = client
        .snapshot()
        .take(SnapshotObjectType::FaceList, "list", vec![], None)
        .into_poller();
    let error = poller
        .interval(Duration::from_millis(20))
        .timeout(Duration::from_millis(150))
        .wait()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");

    // No Operation-Location: a clear error instead of a poll of nothing.
    let server = Server::start().await;
    let (client, _) = new_client(&server);
    server.reply(Reply::status(202));
    let error = client
        .snapshot()
        .take(SnapshotObjectType::FaceList, "list", vec![], None)
        .into_poller()
        .wait()
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Header {
                name: "Operation-Location",
                ..
            }
        ),
        "{error:?}"
    );

    // A location that is not a status URL.
    let server = Server::start().await;
    let (client, _) = new_client(&server);
    server.reply(Reply::status(202).header("Operation-Location", "/elsewhere/x"));
    let error = client
        .snapshot()
        .take(SnapshotObjectType::FaceList, "list", vec![], None)
        .into_poller()
        .wait()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("/operations/{operationId}"), "{error}");
}
