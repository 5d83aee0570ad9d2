//! The local Face snapshot service (the `azure-face-local-service` crate, `local-service/`), driven
//! through the generated client: the take -> apply workflow across subscriptions, access rules,
//! validation, expiry on an injected clock, and injected faults.
//!
//! Run with `cargo test --test local_service`.
//!
//! Retries: the client runtime may retry 429, 5xx and connection errors. The fault tests that go
//! through the client are written to pass either way (see `fault_or_retried`); the exact wire
//! behaviour of each fault is checked with a plain `reqwest` client, which never retries.

use std::time::{Duration, Instant};

use azure_face::models::{OperationStatus, OperationStatusType, Snapshot, SnapshotObjectType};
use azure_face::{Client, Error};
use azure_face_local_service::{FaceService, Fault, FixedClock, RetryAfter, SNAPSHOT_LIFETIME};
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use uuid::Uuid;

const SOURCE_KEY: &str = "source-key-1a2b3c";
const TARGET_KEY: &str = "target-key-4d5e6f";
const STRANGER_KEY: &str = "stranger-key-7a8b9c";
const NOT_STARTED: Duration = Duration::from_secs(1);
const RUNNING: Duration = Duration::from_secs(2);
const JOB: Duration = Duration::from_secs(3);

use OperationStatusType::{Failed, Notstarted, Running, Succeeded};
use SnapshotObjectType::{FaceList, LargeFaceList, LargePersonGroup, PersonGroup};

fn t0() -> OffsetDateTime {
    OffsetDateTime::parse("2024-03-14T08:15:30Z", &Rfc3339).unwrap()
}

/// A service on a clock that stands still at `t0`, with three subscriptions and their clients.
struct World {
    service: FaceService,
    source: Uuid,
    target: Uuid,
    stranger: Uuid,
    src: Client,
    tgt: Client,
    other: Client,
}

async fn world() -> World {
    let service = FaceService::builder()
        .clock(FixedClock(t0()))
        .operation_steps(NOT_STARTED, RUNNING)
        .start()
        .await;
    let source = service.add_subscription(SOURCE_KEY);
    let target = service.add_subscription(TARGET_KEY);
    let stranger = service.add_subscription(STRANGER_KEY);
    World {
        src: client(&service, SOURCE_KEY),
        tgt: client(&service, TARGET_KEY),
        other: client(&service, STRANGER_KEY),
        service,
        source,
        target,
        stranger,
    }
}

fn client(service: &FaceService, key: &str) -> Client {
    Client::new(service.endpoint(), key).expect("valid endpoint")
}

/// The operation id at the end of an `Operation-Location`.
fn operation_id(location: Option<&String>) -> Uuid {
    let location = location.expect("an Operation-Location header");
    let id = location
        .strip_prefix("/operations/")
        .expect("a relative /operations/{id} URL");
    id.parse().expect("a uuid")
}

async fn status(client: &Client, operation: Uuid) -> OperationStatus {
    client
        .snapshot()
        .get_operation_status(operation, None)
        .await
        .unwrap()
        .into_value()
}

/// Takes a snapshot of an existing object, lets the job finish, and returns the snapshot id.
async fn take_snapshot(w: &World, kind: SnapshotObjectType, object_id: &str, scope: Vec<Uuid>) -> Uuid {
    let taken = w.src.snapshot().take(kind, object_id, scope, None).await.unwrap();
    let operation = operation_id(taken.typed_headers().operation_location.as_ref());
    w.service.advance(JOB);
    let done = status(&w.src, operation).await;
    assert_eq!(done.status, Succeeded, "{done:?}");
    let location = done.resource_location.expect("resourceLocation");
    location.strip_prefix("/snapshots/").unwrap().parse().unwrap()
}

fn unwrap_err<T>(result: Result<T, Error>) -> Error {
    match result {
        Ok(_) => panic!("expected an error, got a success"),
        Err(e) => e,
    }
}

/// Checks an error's status and `error.code`, and returns its message.
#[track_caller]
fn assert_api_error<T>(result: Result<T, Error>, status: u16, code: &str) -> String {
    let error = unwrap_err(result);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(status), "{error:?}");
    let body = error
        .api_error()
        .and_then(|e| e.error.clone())
        .expect("an APIError body");
    assert_eq!(body.code.as_deref(), Some(code), "{error:?}");
    body.message.unwrap_or_default()
}

/// A request straight over HTTP, for what the typed client cannot send (it validates first).
async fn raw(w: &World, method: &str, path: &str, key: Option<&str>, body: Option<&str>) -> (u16, Value) {
    let (status, _, body) = raw_full(&w.service, method, path, key, body, "application/json").await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

async fn raw_full(
    service: &FaceService,
    method: &str,
    path: &str,
    key: Option<&str>,
    body: Option<&str>,
    content_type: &str,
) -> (u16, reqwest::header::HeaderMap, String) {
    let http = reqwest::Client::new();
    let url = format!("{}/face/v1.0{path}", service.endpoint());
    let mut request = http.request(method.parse().unwrap(), url);
    if let Some(key) = key {
        request = request.header("Ocp-Apim-Subscription-Key", key);
    }
    if let Some(body) = body {
        request = request.header("Content-Type", content_type).body(body.to_string());
    }
    let response = request.send().await.expect("an answer");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap())
}

fn error_code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("<no code>")
}

// ----- the workflow ------------------------------------------------------------------------------

#[tokio::test]
async fn whole_workflow_take_poll_apply_poll_list_update_delete_across_two_subscriptions() {
    let w = world().await;
    let persons = json!({"persons": ["ada", "grace"]});
    w.service
        .add_object_with_data(w.source, PersonGroup, "front-desk", persons.clone());

    // Take: 202 with a relative Operation-Location.
    let taken = w
        .src
        .snapshot()
        .take(
            PersonGroup,
            "front-desk",
            vec![w.target],
            Some(azure_face::operations::snapshot::TakeOptions {
                user_data: Some("weekly backup".into()),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    assert_eq!(taken.status().as_u16(), 202);
    let take_op = operation_id(taken.typed_headers().operation_location.as_ref());

    // notstarted -> running -> succeeded as the clock moves.
    let queued = status(&w.src, take_op).await;
    assert_eq!(
        queued,
        OperationStatus {
            status: Notstarted,
            created_time: t0(),
            last_action_time: None,
            resource_location: None,
            message: None
        }
    );
    assert!(
        w.src.snapshot().list(None).await.unwrap().into_value().is_empty(),
        "no snapshot before the job ends"
    );
    w.service.advance(NOT_STARTED);
    let running = status(&w.src, take_op).await;
    assert_eq!(running.status, Running);
    assert_eq!(running.last_action_time, Some(t0() + NOT_STARTED));
    assert_eq!(running.resource_location, None);
    w.service.advance(RUNNING);
    let done = status(&w.src, take_op).await;
    assert_eq!(done.status, Succeeded);
    assert_eq!(done.created_time, t0());
    assert_eq!(done.last_action_time, Some(t0() + JOB));
    assert_eq!(done.message, None);
    let location = done.resource_location.unwrap();
    let snapshot_id: Uuid = location.strip_prefix("/snapshots/").unwrap().parse().unwrap();

    // The snapshot, as the source and as the target see it.
    let expected = Snapshot {
        id: snapshot_id,
        account: w.service.account_of(w.source),
        type_: PersonGroup,
        apply_scope: vec![w.target],
        user_data: Some("weekly backup".into()),
        created_time: t0(),
        last_update_time: t0() + JOB,
    };
    assert!(expected.account.starts_with("/subscriptions/"));
    assert!(expected
        .account
        .contains("/providers/Microsoft.CognitiveServices/accounts/"));
    assert_eq!(
        w.src.snapshot().get(snapshot_id, None).await.unwrap().into_value(),
        expected
    );
    assert_eq!(
        w.tgt.snapshot().get(snapshot_id, None).await.unwrap().into_value(),
        expected
    );
    assert_eq!(
        w.src.snapshot().list(None).await.unwrap().into_value(),
        vec![expected.clone()]
    );
    assert_eq!(
        w.tgt.snapshot().list(None).await.unwrap().into_value(),
        vec![expected.clone()]
    );
    assert_eq!(w.service.snapshots(), vec![expected.clone()]);

    // Apply under the target subscription, and poll that operation.
    let applied = w
        .tgt
        .snapshot()
        .apply(snapshot_id, "front-desk-restored", None)
        .await
        .unwrap();
    assert_eq!(applied.status().as_u16(), 202);
    let apply_op = operation_id(applied.typed_headers().operation_location.as_ref());
    assert_eq!(status(&w.tgt, apply_op).await.status, Notstarted);
    assert_eq!(w.service.object(w.target, PersonGroup, "front-desk-restored"), None);
    w.service.advance(NOT_STARTED);
    assert_eq!(status(&w.tgt, apply_op).await.status, Running);
    w.service.advance(RUNNING);
    let applied = status(&w.tgt, apply_op).await;
    assert_eq!(applied.status, Succeeded);
    assert_eq!(applied.created_time, t0() + JOB);
    assert_eq!(
        applied.resource_location.as_deref(),
        Some("/persongroups/front-desk-restored")
    );
    let object = w
        .service
        .object(w.target, PersonGroup, "front-desk-restored")
        .expect("created by apply");
    assert_eq!(object.data, persons, "the data travelled with the snapshot");
    assert_eq!(object.from_snapshot, Some(snapshot_id));
    assert_eq!(w.service.objects(w.source).len(), 1, "the source keeps its object");

    // Only the subscription that started an operation can read it.
    assert_api_error(
        w.src.snapshot().get_operation_status(apply_op, None).await,
        404,
        "OperationNotFound",
    );
    assert_api_error(
        w.tgt.snapshot().get_operation_status(take_op, None).await,
        404,
        "OperationNotFound",
    );

    // Update by the source: new scope and user data, lastUpdateTime moves.
    w.service.advance(Duration::from_secs(10));
    let updated = w
        .src
        .snapshot()
        .update(
            snapshot_id,
            Some(azure_face::operations::snapshot::UpdateOptions {
                apply_scope: Some(vec![w.target, w.stranger]),
                user_data: Some("shared with DR".into()),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    assert_eq!(updated.status().as_u16(), 200);
    let snapshot = w.src.snapshot().get(snapshot_id, None).await.unwrap().into_value();
    assert_eq!(snapshot.apply_scope, vec![w.target, w.stranger]);
    assert_eq!(snapshot.user_data.as_deref(), Some("shared with DR"));
    assert_eq!(snapshot.created_time, t0());
    assert_eq!(snapshot.last_update_time, t0() + JOB + JOB + Duration::from_secs(10));
    assert_eq!(
        w.other.snapshot().list(None).await.unwrap().into_value(),
        vec![snapshot],
        "now in scope"
    );

    // Delete by the source: gone for everyone; the applied object stays.
    assert_eq!(
        w.src
            .snapshot()
            .delete(snapshot_id, None)
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    assert_api_error(w.src.snapshot().get(snapshot_id, None).await, 404, "SnapshotNotFound");
    assert_api_error(w.tgt.snapshot().get(snapshot_id, None).await, 404, "SnapshotNotFound");
    assert!(w.src.snapshot().list(None).await.unwrap().into_value().is_empty());
    assert!(w.tgt.snapshot().list(None).await.unwrap().into_value().is_empty());
    assert!(w.service.object(w.target, PersonGroup, "front-desk-restored").is_some());

    // The request log.
    let log: Vec<(String, String, Option<u16>)> = w
        .service
        .requests()
        .into_iter()
        .map(|r| (r.method, r.path, r.status))
        .collect();
    let entry = |method: &str, path: String, status: u16| (method.to_string(), path, Some(status));
    assert_eq!(log[0], entry("POST", "/face/v1.0/snapshots".into(), 202));
    assert_eq!(log[1], entry("GET", format!("/face/v1.0/operations/{take_op}"), 200));
    assert!(log.contains(&entry("POST", format!("/face/v1.0/snapshots/{snapshot_id}/apply"), 202)));
    assert!(log.contains(&entry("PATCH", format!("/face/v1.0/snapshots/{snapshot_id}"), 200)));
    assert!(log.contains(&entry("DELETE", format!("/face/v1.0/snapshots/{snapshot_id}"), 200)));
    assert!(log.contains(&entry("GET", format!("/face/v1.0/operations/{apply_op}"), 404)));
    assert_eq!(log.last().unwrap(), &entry("GET", "/face/v1.0/snapshots".into(), 200));
    assert!(w.service.requests().iter().all(|r| r.fault.is_none()));
}

#[tokio::test]
async fn operations_progress_in_real_time_with_the_system_clock() {
    let service = FaceService::builder()
        .operation_steps(Duration::from_millis(150), Duration::from_millis(150))
        .start()
        .await;
    let source = service.add_subscription(SOURCE_KEY);
    service.add_object(source, FaceList, "faces");
    let src = client(&service, SOURCE_KEY);
    let taken = src
        .snapshot()
        .take(FaceList, "faces", vec![Uuid::nil()], None)
        .await
        .unwrap();
    let operation = operation_id(taken.typed_headers().operation_location.as_ref());
    let started = Instant::now();
    let mut seen = Vec::new();
    loop {
        let now = status(&src, operation).await;
        if seen.last() != Some(&now.status) {
            seen.push(now.status);
        }
        if now.status == Succeeded {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "stuck at {seen:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Depending on scheduling the first poll may already see "running", never anything else.
    assert!(
        seen == [Notstarted, Running, Succeeded] || seen == [Running, Succeeded] || seen == [Succeeded],
        "{seen:?}"
    );
    assert_eq!(src.snapshot().list(None).await.unwrap().into_value().len(), 1);
}

// ----- errors --------------------------------------------------------------------------------------

#[tokio::test]
async fn a_missing_or_unknown_key_is_401_unspecified() {
    let w = world().await;
    let intruder = client(&w.service, "not-a-registered-key");
    let message = assert_api_error(intruder.snapshot().list(None).await, 401, "Unspecified");
    assert!(
        message.starts_with("Access denied due to invalid subscription key"),
        "{message}"
    );
    assert_api_error(
        intruder.snapshot().take(PersonGroup, "any", vec![w.target], None).await,
        401,
        "Unspecified",
    );
    let (status, body) = raw(&w, "GET", "/snapshots", None, None).await;
    assert_eq!((status, error_code(&body)), (401, "Unspecified"));

    // A second key of the same subscription works like the first.
    w.service.add_key(w.source, "source-key-2");
    assert_eq!(w.service.subscription_of("source-key-2"), Some(w.source));
    assert!(client(&w.service, "source-key-2").snapshot().list(None).await.is_ok());
}

#[tokio::test]
async fn taking_a_missing_object_is_404_with_the_kind_s_code() {
    let w = world().await;
    for (kind, code) in [
        (FaceList, "FaceListNotFound"),
        (LargeFaceList, "LargeFaceListNotFound"),
        (PersonGroup, "PersonGroupNotFound"),
        (LargePersonGroup, "LargePersonGroupNotFound"),
    ] {
        assert_api_error(
            w.src.snapshot().take(kind, "missing", vec![w.target], None).await,
            404,
            code,
        );
    }
    // Another subscription's object, or another kind with the same id, does not count.
    w.service.add_object(w.target, PersonGroup, "theirs");
    w.service.add_object(w.source, LargePersonGroup, "mine");
    assert_api_error(
        w.src.snapshot().take(PersonGroup, "theirs", vec![], None).await,
        404,
        "PersonGroupNotFound",
    );
    assert_api_error(
        w.src.snapshot().take(PersonGroup, "mine", vec![], None).await,
        404,
        "PersonGroupNotFound",
    );
    assert!(w.service.requests().iter().all(|r| r.status == Some(404)));
}

#[tokio::test]
async fn take_bodies_that_break_the_spec_are_400_bad_argument() {
    let w = world().await;
    w.service.add_object(w.source, PersonGroup, "group");
    let scope = w.target.to_string();
    let long_id = "a".repeat(65);
    let long_data = "x".repeat(16_385);
    let cases = [
        (
            json!({"type": "Album", "objectId": "group", "applyScope": [scope]}),
            "'type' is invalid.",
        ),
        (
            json!({"objectId": "group", "applyScope": [scope]}),
            "'type' is missing.",
        ),
        (
            json!({"type": "PersonGroup", "objectId": "Group", "applyScope": [scope]}),
            "'objectId' is invalid.",
        ),
        (
            json!({"type": "PersonGroup", "objectId": "a b", "applyScope": [scope]}),
            "'objectId' is invalid.",
        ),
        (
            json!({"type": "PersonGroup", "objectId": "", "applyScope": [scope]}),
            "'objectId' is invalid.",
        ),
        (
            json!({"type": "PersonGroup", "objectId": long_id, "applyScope": [scope]}),
            "'objectId' is too long.",
        ),
        (
            json!({"type": "PersonGroup", "applyScope": [scope]}),
            "'objectId' is missing.",
        ),
        (
            json!({"type": "PersonGroup", "objectId": "group", "applyScope": ["nope"]}),
            "'applyScope' is invalid.",
        ),
        (
            json!({"type": "PersonGroup", "objectId": "group", "applyScope": scope}),
            "'applyScope' is invalid.",
        ),
        (
            json!({"type": "PersonGroup", "objectId": "group"}),
            "'applyScope' is missing.",
        ),
        (
            json!({"type": "PersonGroup", "objectId": "group", "applyScope": [scope], "userData": long_data}),
            "'userData' is too long.",
        ),
        (
            json!({"type": "PersonGroup", "objectId": "group", "applyScope": [scope], "userData": 7}),
            "'userData' is invalid.",
        ),
    ];
    for (body, message) in cases {
        let (status, answer) = raw(&w, "POST", "/snapshots", Some(SOURCE_KEY), Some(&body.to_string())).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(
            answer,
            json!({"error": {"code": "BadArgument", "message": message}}),
            "{body}"
        );
    }
    // Nothing was started.
    assert!(w.src.snapshot().list(None).await.unwrap().into_value().is_empty());
    w.service.advance(JOB);
    assert!(w.service.snapshots().is_empty());
}

#[tokio::test]
async fn take_accepts_values_at_the_spec_s_limits() {
    let w = world().await;
    let id = "a-_0".repeat(16);
    assert_eq!(id.len(), 64);
    w.service.add_object(w.source, LargeFaceList, &id);
    let user_data = "é".repeat(16_384); // 16384 characters, more bytes
    let taken = w
        .src
        .snapshot()
        .take(
            LargeFaceList,
            &id,
            vec![],
            Some(azure_face::operations::snapshot::TakeOptions {
                user_data: Some(user_data.clone()),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    let operation = operation_id(taken.typed_headers().operation_location.as_ref());
    w.service.advance(JOB);
    assert_eq!(status(&w.src, operation).await.status, Succeeded);
    let snapshots = w.src.snapshot().list(None).await.unwrap().into_value();
    assert_eq!(snapshots[0].user_data.as_deref(), Some(user_data.as_str()));
    assert_eq!(snapshots[0].apply_scope, Vec::<Uuid>::new());
    // The type is matched without regard to case, as the service's enum parsing does.
    w.service.add_object(w.source, PersonGroup, "group");
    let body = json!({"type": "personGROUP", "objectId": "group", "applyScope": []}).to_string();
    assert_eq!(
        raw(&w, "POST", "/snapshots", Some(SOURCE_KEY), Some(&body)).await.0,
        202
    );
}

#[tokio::test]
async fn update_and_apply_bodies_that_break_the_spec_are_400_bad_argument() {
    let w = world().await;
    w.service.add_object(w.source, PersonGroup, "group");
    let snapshot = take_snapshot(&w, PersonGroup, "group", vec![w.target]).await;
    let path = format!("/snapshots/{snapshot}");
    let long_data = "x".repeat(16_385);
    for (body, message) in [
        (json!({"userData": long_data}), "'userData' is too long."),
        (json!({"applyScope": ["not-a-uuid"]}), "'applyScope' is invalid."),
        (json!({"applyScope": {}}), "'applyScope' is invalid."),
    ] {
        let (status, answer) = raw(&w, "PATCH", &path, Some(SOURCE_KEY), Some(&body.to_string())).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(answer["error"]["message"], message, "{body}");
    }
    let apply = format!("/snapshots/{snapshot}/apply");
    for (body, message) in [
        (json!({"mode": "CreateNew"}), "'objectId' is missing."),
        (json!({"objectId": "UPPER"}), "'objectId' is invalid."),
        (json!({"objectId": "a".repeat(65)}), "'objectId' is too long."),
        (
            json!({"objectId": "copy", "mode": "Overwrite"}),
            "'mode' is invalid; the only mode is CreateNew.",
        ),
    ] {
        let (status, answer) = raw(&w, "POST", &apply, Some(TARGET_KEY), Some(&body.to_string())).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(answer["error"]["code"], "BadArgument", "{body}");
        assert_eq!(answer["error"]["message"], message, "{body}");
    }
    // `mode` may be left out: it defaults to CreateNew.
    let body = json!({"objectId": "copy"}).to_string();
    assert_eq!(raw(&w, "POST", &apply, Some(TARGET_KEY), Some(&body)).await.0, 202);
    // The snapshot is unchanged by the rejected updates.
    let unchanged = w.src.snapshot().get(snapshot, None).await.unwrap().into_value();
    assert_eq!(unchanged.apply_scope, vec![w.target]);
    assert_eq!(unchanged.user_data, None);
}

#[tokio::test]
async fn unreadable_bodies_wrong_media_types_paths_and_methods() {
    let w = world().await;
    let service = &w.service;
    let key = Some(SOURCE_KEY);
    let json = "application/json";
    let apply_path = format!("/snapshots/{}/apply", Uuid::nil());
    let operation_path = format!("/operations/{}", Uuid::nil());
    let huge = format!("{{\"userData\": \"{}\"}}", "x".repeat(1 << 20));
    let cases = [
        ("POST", "/snapshots", Some("{\"type\": "), json, 400, "BadArgument"),
        ("POST", "/snapshots", Some("[1, 2]"), json, 400, "BadArgument"),
        ("POST", "/snapshots", Some(""), json, 400, "BadArgument"),
        ("POST", "/snapshots", Some("{}"), "text/plain", 415, "BadArgument"),
        ("POST", "/snapshots", Some(huge.as_str()), json, 413, "BadArgument"),
        ("GET", "/snapshots?type=Album", None, json, 400, "BadArgument"),
        ("GET", "/snapshots?applyScope=abc", None, json, 400, "BadArgument"),
        ("GET", "/snapshots/not-a-uuid", None, json, 400, "BadArgument"),
        ("GET", "/operations/not-a-uuid", None, json, 400, "BadArgument"),
        ("GET", "/persongroups", None, json, 404, "NotFound"),
        ("PUT", "/snapshots", Some("{}"), json, 405, "MethodNotAllowed"),
        ("GET", apply_path.as_str(), None, json, 405, "MethodNotAllowed"),
        ("DELETE", operation_path.as_str(), None, json, 405, "MethodNotAllowed"),
    ];
    for (method, path, body, content_type, status, code) in cases {
        let (got, _, answer) = raw_full(service, method, path, key, body, content_type).await;
        let answer: Value = serde_json::from_str(&answer).unwrap();
        assert_eq!((got, error_code(&answer)), (status, code), "{method} {path} {body:?}");
    }
    let (status, _, _) = raw_full(service, "GET", "/../../snapshots", key, None, json).await;
    assert_eq!(status, 404);
    assert_eq!(
        raw_full(
            service,
            "GET",
            "/snapshots?type=PersonGroup&applyScope=",
            key,
            None,
            json
        )
        .await
        .0,
        200
    );
}

// ----- access rules ------------------------------------------------------------------------------

#[tokio::test]
async fn get_and_list_are_for_the_source_and_the_apply_scope_only() {
    let w = world().await;
    w.service.add_object(w.source, PersonGroup, "group");
    let snapshot = take_snapshot(&w, PersonGroup, "group", vec![w.target]).await;
    assert_api_error(w.other.snapshot().get(snapshot, None).await, 404, "SnapshotNotFound");
    assert!(w.other.snapshot().list(None).await.unwrap().into_value().is_empty());
    // A snapshot of the target's own, which the source is not in scope of.
    w.service.add_object(w.target, FaceList, "theirs");
    let theirs = w
        .tgt
        .snapshot()
        .take(FaceList, "theirs", vec![w.stranger], None)
        .await
        .unwrap();
    let operation = operation_id(theirs.typed_headers().operation_location.as_ref());
    w.service.advance(JOB);
    assert_eq!(status(&w.tgt, operation).await.status, Succeeded);
    let ids = |list: Vec<Snapshot>| list.into_iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(
        ids(w.src.snapshot().list(None).await.unwrap().into_value()),
        vec![snapshot]
    );
    assert_eq!(w.tgt.snapshot().list(None).await.unwrap().into_value().len(), 2);
    assert_eq!(w.other.snapshot().list(None).await.unwrap().into_value().len(), 1);
    assert_eq!(w.service.snapshots().len(), 2);
}

#[tokio::test]
async fn list_filters_by_type_and_by_any_shared_apply_scope_id() {
    let w = world().await;
    let (a, b, c) = (Uuid::from_u128(0xa), Uuid::from_u128(0xb), Uuid::from_u128(0xc));
    w.service.add_object(w.source, LargePersonGroup, "staff");
    w.service.add_object(w.source, LargePersonGroup, "visitors");
    w.service.add_object(w.source, FaceList, "faces");
    // As in the spec's example: the filter [a, b] matches scopes [a, b] and [b, c].
    let first = take_snapshot(&w, LargePersonGroup, "staff", vec![a, b]).await;
    let second = take_snapshot(&w, LargePersonGroup, "visitors", vec![b, c]).await;
    let third = take_snapshot(&w, FaceList, "faces", vec![c]).await;
    let ids = |list: Vec<Snapshot>| list.into_iter().map(|s| s.id).collect::<Vec<_>>();
    let list = |kind: Option<SnapshotObjectType>, scope: Option<Vec<Uuid>>| {
        let options = azure_face::operations::snapshot::ListOptions {
            type_: kind,
            apply_scope: scope,
            ..Default::default()
        };
        w.src.snapshot().list(Some(options))
    };
    assert_eq!(
        ids(list(None, None).await.unwrap().into_value()),
        vec![first, second, third]
    );
    assert_eq!(
        ids(list(Some(LargePersonGroup), None).await.unwrap().into_value()),
        vec![first, second]
    );
    assert_eq!(ids(list(Some(FaceList), None).await.unwrap().into_value()), vec![third]);
    assert_eq!(
        ids(list(Some(PersonGroup), None).await.unwrap().into_value()),
        Vec::<Uuid>::new()
    );
    assert_eq!(
        ids(list(None, Some(vec![a, b])).await.unwrap().into_value()),
        vec![first, second]
    );
    assert_eq!(
        ids(list(None, Some(vec![c])).await.unwrap().into_value()),
        vec![second, third]
    );
    assert_eq!(
        ids(list(Some(FaceList), Some(vec![a])).await.unwrap().into_value()),
        Vec::<Uuid>::new()
    );
    assert_eq!(
        ids(list(None, Some(vec![Uuid::max()])).await.unwrap().into_value()),
        Vec::<Uuid>::new()
    );
    // Upper-case ids in the filter, as in the spec's example, match too.
    let path = format!("/snapshots?applyScope={}", a.to_string().to_uppercase());
    let (status, body) = raw(&w, "GET", &path, Some(SOURCE_KEY), None).await;
    assert_eq!(status, 200);
    assert_eq!(body.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn update_and_delete_are_for_the_source_only() {
    let w = world().await;
    w.service.add_object(w.source, PersonGroup, "group");
    let snapshot = take_snapshot(&w, PersonGroup, "group", vec![w.target]).await;
    // In scope, so it can see the snapshot, but it did not take it: 403.
    assert_api_error(
        w.tgt
            .snapshot()
            .update(
                snapshot,
                Some(azure_face::operations::snapshot::UpdateOptions {
                    user_data: Some("mine now".into()),
                    ..Default::default()
                }),
            )
            .await,
        403,
        "Forbidden",
    );
    assert_api_error(w.tgt.snapshot().delete(snapshot, None).await, 403, "Forbidden");
    // Cannot see it at all: 404.
    assert_api_error(
        w.other
            .snapshot()
            .update(
                snapshot,
                Some(azure_face::operations::snapshot::UpdateOptions {
                    user_data: Some("x".into()),
                    ..Default::default()
                }),
            )
            .await,
        404,
        "SnapshotNotFound",
    );
    assert_api_error(w.other.snapshot().delete(snapshot, None).await, 404, "SnapshotNotFound");
    assert_api_error(
        w.src.snapshot().delete(Uuid::nil(), None).await,
        404,
        "SnapshotNotFound",
    );
    let unchanged = w.src.snapshot().get(snapshot, None).await.unwrap().into_value();
    assert_eq!(unchanged.user_data, None);
    assert_eq!(unchanged.last_update_time, t0() + JOB);
}

#[tokio::test]
async fn apply_is_for_the_apply_scope_only() {
    let w = world().await;
    w.service.add_object(w.source, LargePersonGroup, "group");
    let snapshot = take_snapshot(&w, LargePersonGroup, "group", vec![w.target]).await;
    // The source can see its snapshot but is not in its applyScope: 403.
    let message = assert_api_error(w.src.snapshot().apply(snapshot, "copy", None).await, 403, "Forbidden");
    assert!(message.contains("applyScope"), "{message}");
    // A subscription that cannot see it: 404, as for a snapshot that does not exist.
    assert_api_error(
        w.other.snapshot().apply(snapshot, "copy", None).await,
        404,
        "SnapshotNotFound",
    );
    assert_api_error(
        w.tgt.snapshot().apply(Uuid::nil(), "copy", None).await,
        404,
        "SnapshotNotFound",
    );
    w.service.advance(JOB);
    assert_eq!(w.service.objects(w.source).len(), 1);
    assert!(w.service.objects(w.stranger).is_empty());
    assert!(w.service.objects(w.target).is_empty());
    // Taking a subscription into the scope lets it apply; a source in its own scope may, too.
    w.src
        .snapshot()
        .update(
            snapshot,
            Some(azure_face::operations::snapshot::UpdateOptions {
                apply_scope: Some(vec![w.source, w.stranger]),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    assert_api_error(
        w.tgt.snapshot().apply(snapshot, "copy", None).await,
        404,
        "SnapshotNotFound",
    );
    for client in [&w.src, &w.other] {
        let applied = client.snapshot().apply(snapshot, "copy", None).await.unwrap();
        let operation = operation_id(applied.typed_headers().operation_location.as_ref());
        w.service.advance(JOB);
        let done = status(client, operation).await;
        assert_eq!(
            done.resource_location.as_deref(),
            Some("/largepersongroups/copy"),
            "{done:?}"
        );
    }
}

#[tokio::test]
async fn apply_in_create_new_mode_onto_an_existing_object_fails_the_operation() {
    let w = world().await;
    w.service.add_object(w.source, FaceList, "faces");
    let snapshot = take_snapshot(&w, FaceList, "faces", vec![w.target]).await;
    // The target already has a face list with that id: the request is accepted, the job fails.
    w.service
        .add_object_with_data(w.target, FaceList, "taken", json!("original"));
    let applied = w.tgt.snapshot().apply(snapshot, "taken", None).await.unwrap();
    assert_eq!(applied.status().as_u16(), 202);
    let operation = operation_id(applied.typed_headers().operation_location.as_ref());
    assert_eq!(status(&w.tgt, operation).await.status, Notstarted);
    w.service.advance(JOB);
    let failed = status(&w.tgt, operation).await;
    assert_eq!(failed.status, Failed);
    assert_eq!(failed.resource_location, None);
    assert_eq!(failed.last_action_time, Some(t0() + JOB + JOB));
    let message = failed.message.expect("a message");
    assert!(
        message.contains("CreateNew") && message.contains("'taken'"),
        "{message}"
    );
    assert_eq!(
        w.service.object(w.target, FaceList, "taken").unwrap().data,
        json!("original")
    );

    // The same id for another kind is free; two concurrent applies to one id: the first wins.
    w.service.add_object(w.target, PersonGroup, "fresh");
    let first = w.tgt.snapshot().apply(snapshot, "fresh", None).await.unwrap();
    w.service.advance(Duration::from_millis(1));
    let second = w.tgt.snapshot().apply(snapshot, "fresh", None).await.unwrap();
    w.service.advance(JOB);
    let first = status(&w.tgt, operation_id(first.typed_headers().operation_location.as_ref())).await;
    let second = status(&w.tgt, operation_id(second.typed_headers().operation_location.as_ref())).await;
    assert_eq!(first.status, Succeeded);
    assert_eq!(first.resource_location.as_deref(), Some("/facelists/fresh"));
    assert_eq!(second.status, Failed);
    assert_eq!(
        w.service.object(w.target, FaceList, "fresh").unwrap().from_snapshot,
        Some(snapshot)
    );
}

#[tokio::test]
async fn a_take_fails_when_its_source_object_is_removed_before_it_ends() {
    let w = world().await;
    w.service.add_object(w.source, PersonGroup, "group");
    let taken = w
        .src
        .snapshot()
        .take(PersonGroup, "group", vec![w.target], None)
        .await
        .unwrap();
    let operation = operation_id(taken.typed_headers().operation_location.as_ref());
    w.service.advance(NOT_STARTED);
    assert!(w.service.remove_object(w.source, PersonGroup, "group"));
    assert!(!w.service.remove_object(w.source, PersonGroup, "group"));
    w.service.advance(RUNNING);
    let failed = status(&w.src, operation).await;
    assert_eq!(failed.status, Failed);
    assert!(failed.message.unwrap().contains("deleted"));
    assert!(w.service.snapshots().is_empty());
}

#[tokio::test]
async fn unknown_operations_are_404() {
    let w = world().await;
    assert_api_error(
        w.src.snapshot().get_operation_status(Uuid::nil(), None).await,
        404,
        "OperationNotFound",
    );
}

// ----- expiry ------------------------------------------------------------------------------------

#[tokio::test]
async fn snapshots_expire_48_hours_after_they_were_taken() {
    let w = world().await;
    w.service.add_object(w.source, PersonGroup, "group");
    let snapshot = take_snapshot(&w, PersonGroup, "group", vec![w.target]).await;
    assert_eq!(w.service.now(), t0() + JOB);
    // An update does not extend the lifetime.
    w.src
        .snapshot()
        .update(
            snapshot,
            Some(azure_face::operations::snapshot::UpdateOptions {
                user_data: Some("still here".into()),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    w.service.advance(SNAPSHOT_LIFETIME - JOB - Duration::from_secs(1));
    assert_eq!(
        w.tgt.snapshot().get(snapshot, None).await.unwrap().into_value().id,
        snapshot
    );
    w.service.advance(Duration::from_secs(1));
    assert_eq!(w.service.now(), t0() + SNAPSHOT_LIFETIME);
    assert_api_error(w.src.snapshot().get(snapshot, None).await, 404, "SnapshotNotFound");
    assert_api_error(
        w.tgt.snapshot().apply(snapshot, "late", None).await,
        404,
        "SnapshotNotFound",
    );
    assert_api_error(w.src.snapshot().delete(snapshot, None).await, 404, "SnapshotNotFound");
    assert!(w.src.snapshot().list(None).await.unwrap().into_value().is_empty());
    assert!(w.service.snapshots().is_empty());
}

#[tokio::test]
async fn an_apply_that_ends_after_its_snapshot_expired_fails() {
    let w = world().await;
    w.service.add_object(w.source, PersonGroup, "group");
    let snapshot = take_snapshot(&w, PersonGroup, "group", vec![w.target]).await;
    w.service.advance(SNAPSHOT_LIFETIME - JOB - Duration::from_secs(1));
    let applied = w.tgt.snapshot().apply(snapshot, "too-late", None).await.unwrap();
    let operation = operation_id(applied.typed_headers().operation_location.as_ref());
    w.service.advance(JOB);
    let failed = status(&w.tgt, operation).await;
    assert_eq!(failed.status, Failed);
    assert!(failed.message.unwrap().contains("expired"));
    assert_eq!(w.service.object(w.target, PersonGroup, "too-late"), None);
}

// ----- faults ------------------------------------------------------------------------------------

/// The client's result after one injected fault, whether or not the runtime retries: returns
/// the error when the client gave up at once (no retries), or `None` when it retried and the
/// retry succeeded. Either way the first attempt got the fault.
fn fault_or_retried<T>(service: &FaceService, result: Result<T, Error>, fault: &Fault) -> Option<Error> {
    let requests = service.requests();
    let faulted: Vec<_> = requests.iter().filter(|r| r.fault.as_ref() == Some(fault)).collect();
    assert_eq!(faulted.len(), 1, "{requests:#?}");
    match result {
        Err(error) => Some(error),
        Ok(_) => {
            let last = requests.last().unwrap();
            assert!(
                last.fault.is_none() && last.status.is_some_and(|s| s < 300),
                "{requests:#?}"
            );
            None
        }
    }
}

#[tokio::test]
async fn throttling_faults_on_the_wire_carry_each_retry_header() {
    let w = world().await;
    let at = t0() + Duration::from_secs(30);
    let cases = [
        (RetryAfter::Seconds(7), "retry-after", "7".to_string(), 7),
        (
            RetryAfter::Date(at),
            "retry-after",
            "Thu, 14 Mar 2024 08:16:00 GMT".to_string(),
            30,
        ),
        (RetryAfter::Millis(1500), "retry-after-ms", "1500".to_string(), 2),
        (RetryAfter::XMsMillis(250), "x-ms-retry-after-ms", "250".to_string(), 1),
    ];
    for (retry_after, header, value, seconds) in cases {
        w.service.inject(Fault::TooManyRequests(retry_after.clone()));
        let (status, headers, body) = raw_full(&w.service, "GET", "/snapshots", Some(SOURCE_KEY), None, "").await;
        assert_eq!(status, 429);
        assert_eq!(headers[header], value.as_str(), "{retry_after:?}");
        let body: Value = serde_json::from_str(&body).unwrap();
        let message = format!("Rate limit is exceeded. Try again in {seconds} seconds.");
        assert_eq!(body, json!({"error": {"code": "429", "message": message}}));
    }
    assert_eq!(w.service.pending_faults(), 0);
    // A fault is served before authentication, like a gateway's.
    w.service.inject(Fault::TooManyRequests(RetryAfter::Seconds(1)));
    assert_eq!(raw(&w, "GET", "/snapshots", None, None).await.0, 429);
}

#[tokio::test]
async fn throttling_reaches_the_client_as_a_429_with_retry_after_and_has_no_effect() {
    let w = world().await;
    w.service.add_object(w.source, PersonGroup, "group");
    let fault = Fault::TooManyRequests(RetryAfter::Seconds(1));
    w.service.inject(fault.clone());
    let result = w.src.snapshot().take(PersonGroup, "group", vec![w.target], None).await;
    if let Some(error) = fault_or_retried(&w.service, result, &fault) {
        assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
        match &error {
            Error::Status(e) => assert_eq!(e.headers["retry-after"], "1"),
            other => panic!("expected Error::Status, got {other:?}"),
        }
        assert_api_error(Err::<(), _>(error), 429, "429");
        // The throttled take started nothing.
        w.service.advance(JOB);
        assert!(w.service.snapshots().is_empty());
    } else {
        w.service.advance(JOB);
        assert_eq!(w.service.snapshots().len(), 1, "only the retried take took effect");
    }
}

#[tokio::test]
async fn server_errors_on_the_wire_and_through_the_client() {
    let w = world().await;
    w.service.inject(Fault::InternalServerError);
    w.service.inject(Fault::ServiceUnavailable(None));
    w.service
        .inject(Fault::ServiceUnavailable(Some(RetryAfter::Seconds(2))));
    let mut seen = Vec::new();
    for _ in 0..3 {
        let (status, headers, body) = raw_full(&w.service, "GET", "/snapshots", Some(SOURCE_KEY), None, "").await;
        let body: Value = serde_json::from_str(&body).unwrap();
        seen.push((
            status,
            error_code(&body).to_string(),
            headers.get("retry-after").cloned(),
        ));
    }
    assert_eq!(
        seen,
        [
            (500, "InternalServerError".to_string(), None),
            (503, "ServiceUnavailable".to_string(), None),
            (503, "ServiceUnavailable".to_string(), Some("2".parse().unwrap())),
        ]
    );
    for (fault, status, code) in [
        (Fault::InternalServerError, 500, "InternalServerError"),
        (
            Fault::ServiceUnavailable(Some(RetryAfter::Millis(10))),
            503,
            "ServiceUnavailable",
        ),
    ] {
        let w = world().await;
        w.service.inject(fault.clone());
        let result = w.src.snapshot().list(None).await;
        if let Some(error) = fault_or_retried(&w.service, result, &fault) {
            assert_api_error(Err::<(), _>(error), status, code);
        }
    }
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error_and_has_no_effect() {
    let w = world().await;
    w.service.add_object(w.source, PersonGroup, "group");
    // On the wire: no answer at all.
    w.service.inject(Fault::DropConnection);
    let error = reqwest::Client::new()
        .get(format!("{}/face/v1.0/snapshots", w.service.endpoint()))
        .header("Ocp-Apim-Subscription-Key", SOURCE_KEY)
        .send()
        .await
        .expect_err("no answer");
    assert!(!error.is_status() && !error.is_timeout(), "{error:?}");
    let record = w.service.requests().pop().unwrap();
    assert_eq!((record.status, record.fault), (None, Some(Fault::DropConnection)));

    // Through the client, on a take: the take does not happen (unless the client retries it).
    let w = world().await;
    w.service.add_object(w.source, PersonGroup, "group");
    w.service.inject(Fault::DropConnection);
    let result = w.src.snapshot().take(PersonGroup, "group", vec![w.target], None).await;
    let expected = if let Some(error) = fault_or_retried(&w.service, result, &Fault::DropConnection) {
        assert!(matches!(error, Error::Transport(_)), "{error:?}");
        0
    } else {
        1
    };
    w.service.advance(JOB);
    assert_eq!(w.service.snapshots().len(), expected);
    // The service still answers on new connections.
    assert!(w.src.snapshot().list(None).await.is_ok());
}

#[tokio::test]
async fn a_slow_answer_arrives_late_and_the_request_takes_effect_anyway() {
    let w = world().await;
    w.service.add_object(w.source, PersonGroup, "group");
    let snapshot = take_snapshot(&w, PersonGroup, "group", vec![w.target]).await;
    // Through the client: the answer takes at least the delay. No retry is involved.
    w.service.inject(Fault::Delay(Duration::from_millis(300)));
    let started = Instant::now();
    let got = w.tgt.snapshot().get(snapshot, None).await.unwrap().into_value();
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(got.id, snapshot);
    // A caller that gives up early: the delete still happened.
    w.service.inject(Fault::Delay(Duration::from_secs(3)));
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let error = impatient
        .delete(format!("{}/face/v1.0/snapshots/{snapshot}", w.service.endpoint()))
        .header("Ocp-Apim-Subscription-Key", SOURCE_KEY)
        .send()
        .await
        .expect_err("timed out");
    assert!(error.is_timeout(), "{error:?}");
    assert_api_error(w.src.snapshot().get(snapshot, None).await, 404, "SnapshotNotFound");
    let delete = w.service.requests().into_iter().find(|r| r.method == "DELETE").unwrap();
    assert_eq!(delete.status, Some(200));
    assert_eq!(delete.fault, Some(Fault::Delay(Duration::from_secs(3))));
}

#[tokio::test]
async fn malformed_json_is_a_deserialize_error_in_the_client() {
    let w = world().await;
    w.service.inject(Fault::MalformedJson);
    let error = unwrap_err(w.src.snapshot().get_operation_status(Uuid::nil(), None).await);
    match &error {
        Error::Deserialize { status, body, .. } => {
            assert_eq!(status.as_u16(), 200);
            assert!(body.starts_with(b"{\"status\""));
        }
        other => panic!("expected Error::Deserialize, got {other:?}"),
    }
    w.service.inject(Fault::MalformedJson);
    let (status, headers, body) = raw_full(&w.service, "GET", "/snapshots", Some(SOURCE_KEY), None, "").await;
    assert_eq!(status, 200);
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    assert!(serde_json::from_str::<Value>(&body).is_err());
}

#[tokio::test]
async fn faults_are_used_in_order_one_per_matching_request() {
    let w = world().await;
    w.service.add_object(w.source, PersonGroup, "group");
    w.service.inject_at("/operations/", Fault::MalformedJson);
    w.service
        .inject_at("/face/v1.0/snapshots", Fault::Delay(Duration::from_millis(1)));
    w.service.inject(Fault::Delay(Duration::from_millis(2)));
    assert_eq!(w.service.pending_faults(), 3);
    // The take skips the /operations/ fault and gets the first matching one.
    let taken = w
        .src
        .snapshot()
        .take(PersonGroup, "group", vec![w.target], None)
        .await
        .unwrap();
    let operation = operation_id(taken.typed_headers().operation_location.as_ref());
    assert!(w.src.snapshot().list(None).await.is_ok());
    assert!(matches!(
        w.src.snapshot().get_operation_status(operation, None).await,
        Err(Error::Deserialize { .. })
    ));
    assert!(w.src.snapshot().get_operation_status(operation, None).await.is_ok());
    let faults: Vec<_> = w.service.requests().into_iter().map(|r| r.fault).collect();
    assert_eq!(
        faults,
        [
            Some(Fault::Delay(Duration::from_millis(1))),
            Some(Fault::Delay(Duration::from_millis(2))),
            Some(Fault::MalformedJson),
            None
        ]
    );
    w.service.inject(Fault::InternalServerError);
    w.service.clear_faults();
    assert_eq!(w.service.pending_faults(), 0);
    assert!(w.src.snapshot().list(None).await.is_ok());
}

// ----- the handle ------------------------------------------------------------------------------

async fn refuses_connections(addr: std::net::SocketAddr) -> bool {
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

#[tokio::test]
async fn the_service_stops_on_shutdown_and_when_dropped() {
    let service = FaceService::start().await;
    let addr = service.local_addr();
    assert_eq!(service.endpoint(), format!("http://{addr}"));
    service.add_subscription(SOURCE_KEY);
    assert!(client(&service, SOURCE_KEY).snapshot().list(None).await.is_ok());
    service.shutdown().await;
    assert!(refuses_connections(addr).await);

    let service = FaceService::start().await;
    let addr = service.local_addr();
    // An open keep-alive connection is closed too.
    service.add_subscription(SOURCE_KEY);
    let src = client(&service, SOURCE_KEY);
    assert!(src.snapshot().list(None).await.is_ok());
    drop(service);
    assert!(refuses_connections(addr).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn services_are_independent_and_usable_from_many_tasks() {
    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    let one = FaceService::builder()
        .clock(FixedClock(t0()))
        .subscription(SOURCE_KEY, Uuid::from_u128(1))
        .start()
        .await;
    let two = FaceService::builder().clock(FixedClock(t0())).start().await;
    assert_send_sync(&one);
    assert_eq!(one.subscription_of(SOURCE_KEY), Some(Uuid::from_u128(1)));
    assert_eq!(two.subscription_of(SOURCE_KEY), None);
    assert_api_error(client(&two, SOURCE_KEY).snapshot().list(None).await, 401, "Unspecified");

    let one = std::sync::Arc::new(one);
    let source = Uuid::from_u128(1);
    let mut tasks = Vec::new();
    for n in 0..16 {
        let service = one.clone();
        tasks.push(tokio::spawn(async move {
            let id = format!("group-{n}");
            service.add_object(source, PersonGroup, &id);
            let src = client(&service, SOURCE_KEY);
            let taken = src.snapshot().take(PersonGroup, id, vec![], None).await.unwrap();
            operation_id(taken.typed_headers().operation_location.as_ref())
        }));
    }
    let mut operations = Vec::new();
    for task in tasks {
        operations.push(task.await.unwrap());
    }
    one.advance(JOB + JOB);
    let src = client(&one, SOURCE_KEY);
    let mut snapshots = Vec::new();
    for operation in operations {
        let done = status(&src, operation).await;
        assert_eq!(done.status, Succeeded);
        snapshots.push(done.resource_location.unwrap());
    }
    snapshots.sort();
    snapshots.dedup();
    assert_eq!(snapshots.len(), 16);
    assert_eq!(one.snapshots().len(), 16);
    assert!(two.snapshots().is_empty());
    assert_eq!(one.requests().len(), 16 + 16);
    assert_eq!(two.requests().len(), 1);
}
