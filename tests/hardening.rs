//! The generated client against a server it should not trust: hostile path values stay one
//! segment, header injection is refused before sending, oversized and deeply nested bodies are
//! errors, and the client is shareable and reuses connections under load. Uses the small client
//! build.rs generates from tests/fixtures/paging.json.
#![allow(dead_code)] // the whole generated client is included; not every item is used here

include!(concat!(env!("OUT_DIR"), "/fixture_paging.rs"));

mod common;

use common::{Reply, Server};
use serde_json::json;

fn client_with(server: &Server, options: ClientOptions) -> Client {
    let options = options.retry(runtime::RetryOptions::none());
    Client::builder("key-7f3a")
        .endpoint(server.endpoint())
        .options(options)
        .build()
        .unwrap()
}

#[tokio::test]
async fn path_values_reach_the_server_as_one_encoded_segment() {
    let server = Server::start().await;
    server.always(Reply::status(202));
    let client = client_with(&server, ClientOptions::default());
    let cases = [
        ("../x", "/items/..%2Fx/rebuild"),
        ("a/b", "/items/a%2Fb/rebuild"),
        ("%2F", "/items/%252F/rebuild"),
        ("a b", "/items/a%20b/rebuild"),
        ("ü", "/items/%C3%BC/rebuild"),
        ("?q=1#f", "/items/%3Fq%3D1%23f/rebuild"),
    ];
    for (value, _) in cases {
        client.items().rebuild(value, None).await.unwrap();
    }
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    let expected: Vec<&str> = cases.iter().map(|(_, path)| *path).collect();
    assert_eq!(paths, expected);
    // `.` and `..` would be read as moves up the path, however encoded: refused, nothing sent.
    for value in [".", ".."] {
        let error = client.items().rebuild(value, None).await.unwrap_err();
        assert!(
            matches!(error, runtime::Error::Validation { parameter: "id", .. }),
            "{error:?}"
        );
    }
    assert_eq!(server.requests().len(), cases.len());
}

#[tokio::test]
async fn header_values_with_line_breaks_are_refused_before_sending() {
    let server = Server::start().await;
    let client = client_with(&server, ClientOptions::default());
    for value in ["a\r\nX-Injected: 1", "a\nb", "a\rb"] {
        let error = client
            .items()
            .rebuild(
                "x",
                Some(crate::runtime::RequestOptions::default().header("x-custom", value)),
            )
            .await
            .unwrap_err();
        assert!(matches!(error, runtime::Error::Config(_)), "{error:?}");
    }
    assert!(server.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn response_bodies_are_bounded() {
    let server = Server::start().await;
    let big = json!({"items": [{"name": "x".repeat(4096)}]});
    server.reply(Reply::json(200, &big));
    let client = client_with(&server, ClientOptions::default().max_response_bytes(1024));
    let error = client.items().list(None).await.unwrap_err();
    assert!(matches!(error, Error::ResponseTooLarge { limit: 1024 }), "{error:?}");
    // Under the limit, the same body is fine.
    server.reply(Reply::json(200, &big));
    let client = client_with(&server, ClientOptions::default().max_response_bytes(1 << 20));
    assert_eq!(client.items().list(None).await.unwrap().into_value().items.len(), 1);
}

#[tokio::test]
async fn deeply_nested_json_is_an_error_not_a_crash() {
    let server = Server::start().await;
    let deep = format!("{{\"items\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    server.reply(Reply::status(200).header("content-type", "application/json").body(deep));
    let error = client_with(&server, ClientOptions::default())
        .items()
        .list(None)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Deserialize { .. }), "{error:?}");
}

#[test]
fn the_client_is_send_sync_and_clone() {
    fn shareable<T: Send + Sync + Clone + 'static>() {}
    shareable::<Client>();
    fn sendable<T: Send + 'static>() {}
    sendable::<runtime::PagedCall<models::ItemPage, (), models::Problem>>();
    sendable::<runtime::Error<models::Problem>>();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_succeed_on_reused_connections() {
    let server = Server::start().await;
    server.always(Reply::json(200, &json!({"items": [{"name": "a"}]})));
    let client = client_with(&server, ClientOptions::default());
    let tasks: Vec<_> = (0..1000)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.items().list(None).await.map(|r| r.into_value().items.len()) })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap(), 1);
    }
    assert_eq!(server.requests().len(), 1000);
    // Connections are pooled: far fewer than one per call.
    let connections = server.connections();
    assert!(connections < 1000, "{connections} connections for 1000 calls");
    // A second wave reuses the pool without opening as many again.
    for _ in 0..100 {
        client.items().list(None).await.unwrap();
    }
    assert!(
        server.connections() <= connections + 2,
        "{} then {}",
        connections,
        server.connections()
    );
}

#[tokio::test]
async fn the_pipeline_refuses_dot_segments_whatever_builds_the_path() {
    // Below the generated checks: any path with a `.` or `..` segment, encoded or not, is refused
    // before anything is sent, so no caller of the runtime can make a request climb the path.
    let server = Server::start().await;
    let pipeline = runtime::Pipeline::new(
        server.endpoint(),
        runtime::Credential::None,
        ClientOptions::default(),
        "t",
    );
    for path in [
        "/items/../secret",
        "/items/%2E%2E/secret",
        "/items/%2e/x",
        "/./x",
        "/items/..",
        "/items/..?q=1",
        "/items/.%2E#f",
        "/items/%2e.?q=/../",
        // URL parsing drops tabs and line breaks: these are `..` to it.
        "/items/.\t./secret",
        "/items/.\n%2E/secret",
        "/items/\r../secret",
    ] {
        let request = runtime::Request::new(runtime::Method::GET, path.to_string());
        let error = pipeline
            .send::<serde_json::Value>(request, runtime::RequestOptions::default())
            .await
            .unwrap_err();
        assert!(matches!(error, runtime::Error::Config(_)), "{path}: {error:?}");
    }
    assert!(server.requests().is_empty(), "nothing was sent");
}
