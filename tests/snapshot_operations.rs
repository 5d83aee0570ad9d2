//! Each snapshot operation of the generated client against a real HTTP server on 127.0.0.1: the
//! request the server received (method, path, query, headers, body) and the typed result.

mod common;

use azure_face::models::{OperationStatusType, SnapshotApplyMode, SnapshotObjectType};
use azure_face::runtime::{Constraint, RetryOptions};
use azure_face::{Client, ClientOptions, Error};
use common::{Reply, Server};
use serde_json::json;
use uuid::Uuid;

const KEY: &str = "test-key-0123456789abcdef";
const SNAPSHOT_ID: &str = "5a0c1bcd-7e4f-4b4e-9c1a-2f6b8d3e9a10";
const OPERATION_ID: &str = "0f4e2d1c-3b5a-4c6d-8e9f-a0b1c2d3e4f5";
const SCOPE_A: &str = "11111111-2222-4333-8444-555555555555";
const SCOPE_B: &str = "66666666-7777-4888-9999-aaaaaaaaaaaa";

/// A client of a fresh server; retries are off here (tests/retries.rs covers them), so each
/// scripted reply answers exactly one call.
async fn setup() -> (Server, Client) {
    let server = Server::start().await;
    let options = ClientOptions::default().retry(RetryOptions::none());
    let client = Client::builder(server.endpoint(), KEY)
        .options(options)
        .build()
        .expect("valid endpoint");
    (server, client)
}

fn snapshot_json() -> serde_json::Value {
    json!({
        "id": SNAPSHOT_ID,
        "account": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/face",
        "type": "PersonGroup",
        "applyScope": [SCOPE_A],
        "userData": "nightly backup",
        "createdTime": "2024-03-14T08:15:30.1234567Z",
        "lastUpdateTime": "2024-03-14T08:20:00Z"
    })
}

/// Headers every call must carry.
fn assert_common_headers(request: &common::Recorded) {
    assert_eq!(
        request.header("ocp-apim-subscription-key"),
        Some(KEY),
        "API key header from securityDefinitions"
    );
    assert_eq!(request.header("accept"), Some("application/json"));
    assert!(request
        .header("user-agent")
        .is_some_and(|ua| ua.starts_with("azure-face/")));
}

#[tokio::test]
async fn take_sends_the_flattened_body_and_returns_operation_location() {
    let (server, client) = setup().await;
    let location = format!("/operations/{OPERATION_ID}");
    server.reply(Reply::status(202).header("Operation-Location", &location));

    let response = client
        .snapshot()
        .take(
            SnapshotObjectType::PersonGroup,
            "my-group_1",
            vec![SCOPE_A.parse().unwrap(), SCOPE_B.parse().unwrap()],
            Some(azure_face::operations::snapshot::TakeOptions {
                user_data: Some("nightly backup".into()),
                request: azure_face::runtime::RequestOptions::default().header("x-ms-client-request-id", "req-42"),
            }),
        )
        .await
        .expect("take succeeds");

    let request = server.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/face/v1.0/snapshots");
    assert_eq!(request.query, None);
    assert_common_headers(&request);
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        request.header("x-ms-client-request-id"),
        Some("req-42"),
        "per-call custom header"
    );
    assert_eq!(
        request.json(),
        json!({"type": "PersonGroup", "objectId": "my-group_1", "applyScope": [SCOPE_A, SCOPE_B], "userData": "nightly backup"})
    );

    assert_eq!(response.status(), 202);
    assert_eq!(
        response.typed_headers().operation_location.as_deref(),
        Some(location.as_str())
    );
    assert_eq!(
        response.headers()["operation-location"],
        location.as_str(),
        "raw headers stay available"
    );
}

#[tokio::test]
async fn take_without_optional_fields_omits_them() {
    let (server, client) = setup().await;
    server.reply(Reply::status(202));
    let response = client
        .snapshot()
        .take(SnapshotObjectType::FaceList, "list", vec![], None)
        .await
        .unwrap();
    assert_eq!(
        server.single_request().json(),
        json!({"type": "FaceList", "objectId": "list", "applyScope": []})
    );
    assert_eq!(
        response.typed_headers().operation_location,
        None,
        "an absent documented header is None"
    );
}

#[tokio::test]
async fn list_sends_filters_in_the_query_and_returns_snapshots() {
    let (server, client) = setup().await;
    server.reply(Reply::json(200, &json!([snapshot_json()])));

    let snapshots = client
        .snapshot()
        .list(Some(azure_face::operations::snapshot::ListOptions {
            type_: Some(SnapshotObjectType::PersonGroup),
            apply_scope: Some(vec![SCOPE_A.parse().unwrap(), SCOPE_B.parse().unwrap()]),
            ..Default::default()
        }))
        .await
        .expect("list succeeds")
        .into_value();

    let request = server.single_request();
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/face/v1.0/snapshots");
    assert_eq!(
        request.query_pairs(),
        vec![
            ("type".into(), "PersonGroup".into()),
            ("applyScope".into(), format!("{SCOPE_A},{SCOPE_B}"))
        ],
        "applyScope is one comma-separated (csv) value"
    );
    assert_common_headers(&request);
    assert_eq!(request.header("content-type"), None, "no body, no content type");
    assert!(request.body.is_empty());

    assert_eq!(snapshots.len(), 1);
    let snapshot = &snapshots[0];
    assert_eq!(snapshot.id, SNAPSHOT_ID.parse::<Uuid>().unwrap());
    assert_eq!(snapshot.type_, SnapshotObjectType::PersonGroup);
    assert_eq!(snapshot.apply_scope, vec![SCOPE_A.parse::<Uuid>().unwrap()]);
    assert_eq!(snapshot.user_data.as_deref(), Some("nightly backup"));
    assert_eq!(snapshot.created_time.nanosecond(), 123_456_700);
    assert_eq!(snapshot.created_time.year(), 2024);
}

#[tokio::test]
async fn list_without_filters_sends_no_query() {
    let (server, client) = setup().await;
    server.reply(Reply::json(200, &json!([])));
    let snapshots = client.snapshot().list(None).await.unwrap().into_value();
    assert!(snapshots.is_empty());
    assert_eq!(server.single_request().query, None);
}

#[tokio::test]
async fn get_puts_the_id_in_the_path_and_returns_a_snapshot() {
    let (server, client) = setup().await;
    server.reply(Reply::json(200, &snapshot_json()));
    let snapshot = client
        .snapshot()
        .get(SNAPSHOT_ID.parse().unwrap(), None)
        .await
        .unwrap()
        .into_value();
    let request = server.single_request();
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, format!("/face/v1.0/snapshots/{SNAPSHOT_ID}"));
    assert_common_headers(&request);
    assert_eq!(snapshot.account, snapshot_json()["account"]);
    assert_eq!(
        serde_json::to_value(&snapshot).unwrap(),
        snapshot_json(),
        "the typed value serializes back to the wire JSON"
    );
}

#[tokio::test]
async fn update_patches_only_the_given_fields() {
    let (server, client) = setup().await;
    server.reply(Reply::status(200));
    let response = client
        .snapshot()
        .update(
            SNAPSHOT_ID.parse().unwrap(),
            Some(azure_face::operations::snapshot::UpdateOptions {
                user_data: Some("renamed".into()),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(request.method, "PATCH");
    assert_eq!(request.path, format!("/face/v1.0/snapshots/{SNAPSHOT_ID}"));
    assert_common_headers(&request);
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.json(), json!({"userData": "renamed"}));
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn delete_sends_delete() {
    let (server, client) = setup().await;
    server.reply(Reply::status(200));
    client
        .snapshot()
        .delete(SNAPSHOT_ID.parse().unwrap(), None)
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(request.method, "DELETE");
    assert_eq!(request.path, format!("/face/v1.0/snapshots/{SNAPSHOT_ID}"));
    assert_common_headers(&request);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn apply_defaults_mode_to_create_new() {
    let (server, client) = setup().await;
    let location = format!("/operations/{OPERATION_ID}");
    server.reply(Reply::status(202).header("operation-location", &location));
    let response = client
        .snapshot()
        .apply(SNAPSHOT_ID.parse().unwrap(), "restored-group", None)
        .await
        .unwrap();
    let request = server.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, format!("/face/v1.0/snapshots/{SNAPSHOT_ID}/apply"));
    assert_common_headers(&request);
    // Unset, `mode` is sent as the spec's default.
    assert_eq!(
        request.json(),
        json!({"objectId": "restored-group", "mode": "CreateNew"})
    );
    assert_eq!(
        response.typed_headers().operation_location.as_deref(),
        Some(location.as_str())
    );

    // Set, it is sent as given.
    server.reply(Reply::status(202));
    client
        .snapshot()
        .apply(
            SNAPSHOT_ID.parse().unwrap(),
            "again",
            Some(azure_face::operations::snapshot::ApplyOptions {
                mode: Some(SnapshotApplyMode::CreateNew),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    assert_eq!(server.requests()[1].json()["mode"], "CreateNew");
}

#[tokio::test]
async fn get_operation_status_returns_the_typed_status() {
    let (server, client) = setup().await;
    server.reply(Reply::json(
        200,
        &json!({"status": "succeeded", "createdTime": "2024-03-14T08:15:30.1234567Z", "lastActionTime": "2024-03-14T08:16:00Z", "resourceLocation": format!("/snapshots/{SNAPSHOT_ID}"), "message": null}),
    ));
    let status = client
        .snapshot()
        .get_operation_status(OPERATION_ID.parse().unwrap(), None)
        .await
        .unwrap()
        .into_value();
    let request = server.single_request();
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, format!("/face/v1.0/operations/{OPERATION_ID}"));
    assert_common_headers(&request);
    assert_eq!(status.status, OperationStatusType::Succeeded);
    assert_eq!(
        status.resource_location.as_deref(),
        Some(format!("/snapshots/{SNAPSHOT_ID}").as_str())
    );
    assert_eq!(status.message, None);
    assert!(status.last_action_time.is_some());
}

// ----- error paths -----------------------------------------------------------------------------

#[tokio::test]
async fn a_4xx_with_an_api_error_body_is_a_typed_error() {
    let (server, client) = setup().await;
    server.reply(Reply::json(
        404,
        &json!({"error": {"code": "SnapshotNotFound", "message": "Snapshot is not found."}}),
    ));
    let error = client
        .snapshot()
        .get(SNAPSHOT_ID.parse().unwrap(), None)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    let api_error = error
        .api_error()
        .and_then(|e| e.error.as_ref())
        .expect("typed APIError body");
    assert_eq!(api_error.code.as_deref(), Some("SnapshotNotFound"));
    assert_eq!(api_error.message.as_deref(), Some("Snapshot is not found."));
    assert!(error.to_string().contains("404"), "{error}");
    assert!(error.to_string().contains("SnapshotNotFound"), "{error}");
}

#[tokio::test]
async fn a_5xx_with_an_html_body_keeps_the_raw_body() {
    let (server, client) = setup().await;
    let html = "<html><body>502 Bad Gateway</body></html>";
    server.reply(Reply::status(502).header("content-type", "text/html").body(html));
    let error = client
        .snapshot()
        .delete(SNAPSHOT_ID.parse().unwrap(), None)
        .await
        .unwrap_err();
    match &error {
        Error::Status(e) => {
            assert_eq!(e.status.as_u16(), 502);
            assert_eq!(e.body.as_ref(), html.as_bytes());
            assert!(e.error.is_none(), "HTML is not an APIError");
        }
        other => panic!("expected a status error, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_json_is_a_deserialize_error() {
    let (server, client) = setup().await;
    server.reply(
        Reply::status(200)
            .header("content-type", "application/json")
            .body("{\"id\": \"5a0c"),
    );
    let error = client
        .snapshot()
        .get(SNAPSHOT_ID.parse().unwrap(), None)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Deserialize { status, .. } if status.as_u16() == 200),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_unknown_value_of_a_closed_enum_is_an_error() {
    let (server, client) = setup().await;
    server.reply(Reply::json(
        200,
        &json!({"status": "paused", "createdTime": "2024-03-14T08:15:30Z"}),
    ));
    let error = client
        .snapshot()
        .get_operation_status(OPERATION_ID.parse().unwrap(), None)
        .await
        .unwrap_err();
    match &error {
        Error::Deserialize { source, .. } => assert!(source.to_string().contains("paused"), "{source}"),
        other => panic!("expected a deserialize error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_undocumented_success_status_is_an_error() {
    let (server, client) = setup().await;
    server.reply(Reply::json(200, &json!({})));
    let error = client
        .snapshot()
        .take(SnapshotObjectType::FaceList, "list", vec![], None)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200), "take documents 202 only");
}

#[tokio::test]
async fn validation_failures_send_nothing_and_name_the_parameter() {
    let (server, client) = setup().await;
    let cases = [
        (
            client
                .snapshot()
                .take(SnapshotObjectType::FaceList, "Upper-Case", vec![], None),
            "object_id",
            Constraint::Pattern("^[a-z0-9-_]+$"),
        ),
        (
            client
                .snapshot()
                .take(SnapshotObjectType::FaceList, "a".repeat(65), vec![], None),
            "object_id",
            Constraint::MaxLength(64),
        ),
        (
            client.snapshot().take(
                SnapshotObjectType::FaceList,
                "ok",
                vec![],
                Some(azure_face::operations::snapshot::TakeOptions {
                    user_data: Some("x".repeat(16385)),
                    ..Default::default()
                }),
            ),
            "user_data",
            Constraint::MaxLength(16384),
        ),
    ];
    for (call, parameter, constraint) in cases {
        let error = call.await.unwrap_err();
        match &error {
            Error::Validation {
                parameter: p,
                constraint: c,
            } => {
                assert_eq!((*p, c), (parameter, &constraint));
                assert!(error.to_string().contains(parameter), "{error}");
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }
    let error = client
        .snapshot()
        .apply(SNAPSHOT_ID.parse().unwrap(), "bad id!", None)
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        Error::Validation {
            parameter: "object_id",
            ..
        }
    ));
    // Exactly at the limit is fine (and is sent).
    server.reply(Reply::status(202));
    client
        .snapshot()
        .take(SnapshotObjectType::FaceList, "a".repeat(64), vec![], None)
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 1, "only the valid call reached the server");
}

#[tokio::test]
async fn the_endpoint_must_be_http_or_https() {
    for endpoint in ["ftp://example.com", "not a url", "file:///etc/passwd"] {
        let error = Client::new(endpoint, KEY).unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{endpoint}: {error:?}");
        assert!(!error.to_string().contains(KEY));
    }
}

#[tokio::test]
async fn the_api_key_never_shows_in_debug_or_errors() {
    let (server, client) = setup().await;
    let builder = Client::builder(server.endpoint(), KEY);
    assert!(!format!("{client:?}").contains(KEY), "{client:?}");
    assert!(!format!("{builder:?}").contains(KEY), "{builder:?}");
    assert!(format!("{client:?}").contains("redacted"));
    server.reply(Reply::json(
        401,
        &json!({"error": {"code": "Unspecified", "message": "Access denied."}}),
    ));
    let error = client.snapshot().list(None).await.unwrap_err();
    assert!(!format!("{error:?}").contains(KEY) && !error.to_string().contains(KEY));
    // A connection error does not show the key either.
    let options = ClientOptions::default().retry(RetryOptions::none());
    let dead = Client::builder("http://127.0.0.1:9", KEY)
        .options(options)
        .build()
        .unwrap();
    let error = dead.snapshot().list(None).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(!format!("{error:?}").contains(KEY) && !error.to_string().contains(KEY));
}

#[tokio::test]
async fn path_parameters_are_percent_encoded_as_one_segment() {
    // The endpoint is not encoded (x-ms-skip-url-encoding); a path value always is.
    let server = Server::start().await;
    let client = Client::new(format!("{}/prefix", server.endpoint()), KEY).unwrap();
    assert_eq!(client.endpoint(), format!("{}/prefix/face/v1.0", server.endpoint()));
    server.reply(Reply::json(200, &json!([])));
    client.snapshot().list(None).await.unwrap();
    assert_eq!(server.single_request().path, "/prefix/face/v1.0/snapshots");
    assert_eq!(
        azure_face::runtime::path_param(&"../a b/ü", false),
        "..%2Fa%20b%2F%C3%BC"
    );
    assert_eq!(azure_face::runtime::path_param(&"..", false), "%2E%2E");
}
