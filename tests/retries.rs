//! The retry policy, timeouts and tracing of the runtime's pipeline, through the generated Face
//! client against a real server on 127.0.0.1. Waits go through a recording sleeper, so the tests
//! check each wait without spending it.

mod common;

use std::sync::Arc;
use std::time::Duration;

use azure_face::models::SnapshotObjectType;
use azure_face::runtime::RetryOptions;
use azure_face::{Client, ClientOptions, Error};
use common::{RecordingSleeper, Reply, Server};
use serde_json::json;

const KEY: &str = "retry-test-key-5f2c1a";
const SNAPSHOT: &str = "5a0c1bcd-7e4f-4b4e-9c1a-2f6b8d3e9a10";

fn new_client(endpoint: String, retry: RetryOptions) -> (Client, Arc<RecordingSleeper>) {
    let sleeper = Arc::new(RecordingSleeper::default());
    let options = ClientOptions::default().retry(retry).sleeper(sleeper.clone());
    (
        Client::builder(endpoint, KEY).options(options).build().unwrap(),
        sleeper,
    )
}

fn snapshot() -> serde_json::Value {
    json!({"id": SNAPSHOT, "account": "a", "type": "FaceList", "applyScope": [], "createdTime": "2024-01-01T00:00:00Z",
           "lastUpdateTime": "2024-01-01T00:00:00Z"})
}

#[tokio::test]
async fn each_transient_status_is_retried_with_exponential_backoff_and_jitter() {
    for status in [408, 429, 500, 502, 503, 504] {
        let server = Server::start().await;
        let (client, sleeper) = new_client(server.endpoint(), RetryOptions::default());
        server.reply(Reply::status(status));
        server.reply(Reply::status(status));
        server.reply(Reply::json(200, &snapshot()));
        let value = client
            .snapshot()
            .get(SNAPSHOT.parse().unwrap(), None)
            .await
            .unwrap()
            .into_value();
        assert_eq!(value.account, "a");
        assert_eq!(server.requests().len(), 3, "status {status}: two retries");
        let waits = sleeper.waits();
        assert_eq!(waits.len(), 2);
        // 800 ms, then 1600 ms, each within ±20%.
        assert!((640..=960).contains(&waits[0].as_millis()), "{waits:?}");
        assert!((1280..=1920).contains(&waits[1].as_millis()), "{waits:?}");
    }
}

#[tokio::test]
async fn the_service_says_how_long_to_wait() {
    let cases = [
        ("Retry-After", "3", Duration::from_secs(3)),
        ("retry-after-ms", "250", Duration::from_millis(250)),
        ("x-ms-retry-after-ms", "120", Duration::from_millis(120)),
    ];
    for (header, value, expected) in cases {
        let server = Server::start().await;
        let (client, sleeper) = new_client(server.endpoint(), RetryOptions::default());
        server.reply(Reply::status(429).header(header, value));
        server.reply(Reply::json(200, &json!([])));
        client.snapshot().list(None).await.unwrap();
        assert_eq!(sleeper.waits(), [expected], "{header}: {value}");
    }
    // An HTTP date a few seconds ahead.
    let server = Server::start().await;
    let (client, sleeper) = new_client(server.endpoint(), RetryOptions::default());
    let at = time::OffsetDateTime::now_utc() + time::Duration::seconds(5);
    server.reply(Reply::status(503).header("Retry-After", &azure_face::runtime::rfc1123::format(&at)));
    server.reply(Reply::json(200, &json!([])));
    client.snapshot().list(None).await.unwrap();
    let wait = sleeper.waits()[0];
    assert!(
        wait > Duration::from_secs(3) && wait <= Duration::from_secs(5),
        "{wait:?}"
    );
}

#[tokio::test]
async fn other_client_errors_are_not_retried() {
    for status in [400, 401, 403, 404, 409] {
        let server = Server::start().await;
        let (client, sleeper) = new_client(server.endpoint(), RetryOptions::default());
        server.reply(Reply::json(
            status,
            &json!({"error": {"code": "Nope", "message": "no"}}),
        ));
        let error = client
            .snapshot()
            .get(SNAPSHOT.parse().unwrap(), None)
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::Status(e) if e.status.as_u16() == status),
            "{error:?}"
        );
        assert_eq!(server.requests().len(), 1, "{status} is not retried");
        assert!(sleeper.waits().is_empty());
    }
}

#[tokio::test]
async fn retries_give_up_after_the_limit_with_a_clear_error() {
    let server = Server::start().await;
    let (client, sleeper) = new_client(server.endpoint(), RetryOptions::default().max_retries(2));
    for _ in 0..3 {
        server.reply(Reply::json(
            503,
            &json!({"error": {"code": "Busy", "message": "try later"}}),
        ));
    }
    let error = client.snapshot().list(None).await.unwrap_err();
    match &error {
        Error::RetriesExhausted { attempts: 3, last } => assert!(matches!(last.as_ref(), Error::Status(_))),
        other => panic!("expected RetriesExhausted, got {other:?}"),
    }
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(
        error
            .api_error()
            .and_then(|e| e.error.as_ref())
            .and_then(|e| e.code.as_deref()),
        Some("Busy")
    );
    assert!(
        error
            .to_string()
            .starts_with("gave up after 3 attempts: the service answered 503"),
        "{error}"
    );
    assert_eq!(server.requests().len(), 3);
    assert_eq!(sleeper.waits().len(), 2);
}

#[tokio::test]
async fn connection_failures_are_retried() {
    // A dropped connection, then an answer.
    let server = Server::start().await;
    let (client, sleeper) = new_client(server.endpoint(), RetryOptions::default());
    server.reply(Reply::dropped());
    server.reply(Reply::json(200, &json!([])));
    client.snapshot().list(None).await.unwrap();
    assert_eq!((server.requests().len(), sleeper.waits().len()), (2, 1));

    // Nobody listening: every attempt fails, and the error says how many there were.
    let (client, sleeper) = new_client("http://127.0.0.1:9".into(), RetryOptions::default().max_retries(2));
    let error = client.snapshot().list(None).await.unwrap_err();
    match &error {
        Error::RetriesExhausted { attempts: 3, last } => assert!(matches!(last.as_ref(), Error::Transport(_))),
        other => panic!("expected RetriesExhausted, got {other:?}"),
    }
    assert_eq!(sleeper.waits().len(), 2);
}

#[tokio::test]
async fn a_retried_request_sends_its_whole_body_again() {
    let server = Server::start().await;
    let (client, _) = new_client(server.endpoint(), RetryOptions::default());
    server.reply(Reply::status(500));
    server.reply(Reply::status(202).header("operation-location", "/operations/1"));
    client
        .snapshot()
        .take(
            SnapshotObjectType::PersonGroup,
            "group",
            vec![],
            Some(azure_face::operations::snapshot::TakeOptions {
                user_data: Some("ud".into()),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].body, requests[1].body);
    assert_eq!(requests[1].json()["userData"], "ud");
    assert_eq!(
        requests[1].header("ocp-apim-subscription-key"),
        Some(KEY),
        "every attempt is authenticated"
    );
}

#[tokio::test]
async fn retries_can_be_set_per_call_and_bounded_in_time() {
    let server = Server::start().await;
    let (client, sleeper) = new_client(server.endpoint(), RetryOptions::default());
    server.reply(Reply::status(503));
    let error = client
        .snapshot()
        .list(Some(azure_face::operations::snapshot::ListOptions {
            request: azure_face::runtime::RequestOptions::default().retry(RetryOptions::none()),
            ..Default::default()
        }))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Status(_)), "{error:?}");
    assert_eq!(server.requests().len(), 1);

    // A wait that would pass the time budget is not started.
    server.reply(Reply::status(429).header("Retry-After", "30"));
    let retry = RetryOptions::default().max_elapsed(Duration::from_secs(10));
    let error = client
        .snapshot()
        .list(Some(azure_face::operations::snapshot::ListOptions {
            request: azure_face::runtime::RequestOptions::default().retry(retry),
            ..Default::default()
        }))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Status(_)), "{error:?}");
    assert!(sleeper.waits().is_empty());
}

#[tokio::test]
async fn timeouts_per_call_and_per_attempt() {
    let server = Server::start().await;
    let (client, _) = new_client(server.endpoint(), RetryOptions::none());
    server.reply(Reply::json(200, &json!([])).delayed(Duration::from_millis(500)));
    let error = client
        .snapshot()
        .list(Some(azure_face::operations::snapshot::ListOptions {
            request: azure_face::runtime::RequestOptions::default().timeout(Duration::from_millis(50)),
            ..Default::default()
        }))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Timeout(limit) if limit == Duration::from_millis(50)),
        "{error:?}"
    );

    // A slow attempt is abandoned and retried.
    let server = Server::start().await;
    let sleeper = Arc::new(RecordingSleeper::default());
    let options = ClientOptions::default()
        .try_timeout(Duration::from_millis(100))
        .sleeper(sleeper.clone());
    let client = Client::builder(server.endpoint(), KEY)
        .options(options)
        .build()
        .unwrap();
    server.reply(Reply::json(200, &json!([])).delayed(Duration::from_millis(1000)));
    server.reply(Reply::json(200, &json!([])));
    client.snapshot().list(None).await.unwrap();
    assert_eq!((server.requests().len(), sleeper.waits().len()), (2, 1));
}
