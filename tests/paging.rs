//! `x-ms-pageable` and `x-ms-long-running-operation`, on a small client that build.rs generates
//! from tests/fixtures/paging.json: pages follow `nextLink` on the same origin only, and the
//! long-running operation's documented headers are typed.
#![allow(dead_code)] // the whole generated client is included; not every item is used here

include!(concat!(env!("OUT_DIR"), "/fixture_paging.rs"));

mod common;

use common::{Reply, Server};
use serde_json::json;

fn client(server: &Server) -> Client {
    let options = ClientOptions::default().retry(runtime::RetryOptions::none());
    Client::builder("secret-key")
        .endpoint(server.endpoint())
        .options(options)
        .build()
        .unwrap()
}

#[tokio::test]
async fn pages_follow_next_link_until_the_last_page() {
    let server = Server::start().await;
    let next = format!("{}/items?page=2&top=2", server.endpoint());
    server.reply(Reply::json(
        200,
        &json!({"items": [{"name": "a"}, {"name": "b", "data": "AAEC"}], "nextLink": next}),
    ));
    server.reply(Reply::json(200, &json!({"items": [{"name": "c"}]})));

    let items = client(&server)
        .items()
        .list(Some(crate::operations::items::ListOptions {
            top: Some(2),
            ..Default::default()
        }))
        .into_pages()
        .all_items()
        .await
        .unwrap();

    let names: Vec<_> = items.iter().map(|i| i.name.as_deref().unwrap_or_default()).collect();
    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(
        items[1].data.as_deref(),
        Some(&[0u8, 1, 2][..]),
        "format: byte is base64"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        (requests[0].path.as_str(), requests[0].query.as_deref()),
        ("/items", Some("top=2"))
    );
    assert_eq!(
        (requests[1].path.as_str(), requests[1].query.as_deref()),
        ("/items", Some("page=2&top=2"))
    );
    for request in &requests {
        assert_eq!(
            request.header("api-key"),
            Some("secret-key"),
            "every page is authenticated"
        );
    }
}

#[tokio::test]
async fn pages_are_a_stream_and_stop_at_an_error() {
    let server = Server::start().await;
    server.reply(Reply::json(
        200,
        &json!({"items": [{"name": "a"}], "nextLink": format!("{}/more", server.endpoint())}),
    ));
    server.reply(Reply::json(500, &json!({"message": "broken"})));
    let mut pages = client(&server).items().list(None).into_pages();
    assert_eq!(pages.next_page().await.unwrap().unwrap().items.len(), 1);
    let error = pages.next_page().await.unwrap().unwrap_err();
    assert_eq!(error.api_error().and_then(|e| e.message.as_deref()), Some("broken"));
    assert!(pages.next_page().await.is_none(), "an error ends the stream");
}

#[tokio::test]
async fn a_next_link_to_another_origin_is_refused_without_sending_the_key() {
    let server = Server::start().await;
    let elsewhere = Server::start().await;
    server.reply(Reply::json(
        200,
        &json!({"items": [], "nextLink": format!("{}/steal", elsewhere.endpoint())}),
    ));
    let mut pages = client(&server).items().list(None).into_pages();
    pages.next_page().await.unwrap().unwrap();
    let error = pages.next_page().await.unwrap().unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");
    assert!(elsewhere.requests().is_empty(), "nothing was sent to the other server");
}

#[tokio::test]
async fn validation_applies_before_the_first_page() {
    let server = Server::start().await;
    let error = client(&server)
        .items()
        .list(Some(crate::operations::items::ListOptions {
            top: Some(101),
            ..Default::default()
        }))
        .into_pages()
        .next_page()
        .await
        .unwrap()
        .unwrap_err();
    assert!(matches!(error, Error::Validation { parameter: "top", .. }), "{error:?}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_long_running_operation_exposes_its_polling_headers() {
    let server = Server::start().await;
    let location = format!("{}/operations/42", server.endpoint());
    server.reply(
        Reply::status(202)
            .header("Location", &location)
            .header("Retry-After", "3"),
    );
    let response = client(&server).items().rebuild("item 1", None).await.unwrap();
    assert_eq!(server.single_request().path, "/items/item%201/rebuild");
    assert_eq!(response.typed_headers().location.as_deref(), Some(location.as_str()));
    assert_eq!(response.typed_headers().retry_after, Some(3));
}

#[tokio::test]
async fn a_declared_long_running_operation_is_followed_to_its_final_state() {
    let server = Server::start().await;
    let sleeper_free = ClientOptions::default().retry(runtime::RetryOptions::none());
    let client = Client::builder("secret-key")
        .endpoint(server.endpoint())
        .options(sleeper_free)
        .build()
        .unwrap();
    // 202 with a status monitor and a Location; the monitor runs, then succeeds; the final state
    // is read from the Location (final-state-via: location).
    let monitor = format!("{}/operations/7", server.endpoint());
    server.reply(
        Reply::status(202)
            .header("Operation-Location", &monitor)
            .header("Location", "/items/item-1"),
    );
    server.reply(Reply::json(200, &json!({"status": "Running"})));
    server.reply(Reply::json(200, &json!({"status": "Succeeded"})));
    server.reply(Reply::status(200));
    client
        .items()
        .rebuild("item-1", None)
        .into_poller()
        .interval(std::time::Duration::from_millis(5))
        .wait()
        .await
        .unwrap();
    let paths: Vec<_> = server
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(
        paths,
        [
            "POST /items/item-1/rebuild",
            "GET /operations/7",
            "GET /operations/7",
            "GET /items/item-1"
        ]
    );
    assert!(server
        .requests()
        .iter()
        .all(|r| r.header("api-key") == Some("secret-key")));

    // A failed operation carries the service's message.
    server.reply(Reply::status(202).header("Operation-Location", &monitor));
    server.reply(Reply::json(
        200,
        &json!({"status": "Failed", "error": {"code": "Boom", "message": "disk full"}}),
    ));
    let error = client
        .items()
        .rebuild("item-2", None)
        .into_poller()
        .interval(std::time::Duration::from_millis(5))
        .wait()
        .await;
    assert!(
        matches!(&error, Err(runtime::Error::OperationFailed { message: Some(m) }) if m == "disk full"),
        "{error:?}"
    );
}
