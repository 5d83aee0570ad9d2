//! The runtime's redirect policy, through the generated Face client against real servers on
//! 127.0.0.1: which redirects are followed, with which method and body, and that the API key
//! never goes to another origin.

mod common;

use azure_face::runtime::RetryOptions;
use azure_face::{Client, ClientOptions, Error};
use common::{Reply, Server};
use serde_json::json;

const KEY: &str = "redirect-test-key-91d3";
const SNAPSHOT: &str = "5a0c1bcd-7e4f-4b4e-9c1a-2f6b8d3e9a10";

fn client(endpoint: String) -> Client {
    let options = ClientOptions::default().retry(RetryOptions::none());
    Client::builder(endpoint, KEY).options(options).build().unwrap()
}

fn snapshot() -> serde_json::Value {
    json!({"id": SNAPSHOT, "account": "a", "type": "FaceList", "applyScope": [], "createdTime": "2024-01-01T00:00:00Z",
           "lastUpdateTime": "2024-01-01T00:00:00Z"})
}

#[tokio::test]
async fn a_get_follows_301_302_307_and_308_within_the_origin_with_the_key() {
    for status in [301, 302, 307, 308] {
        let server = Server::start().await;
        server.reply(Reply::status(status).header("Location", "/moved/snapshot?x=1"));
        server.reply(Reply::json(200, &snapshot()));
        let value = client(server.endpoint())
            .snapshot()
            .get(SNAPSHOT.parse().unwrap(), None)
            .await
            .unwrap_or_else(|e| panic!("{status}: {e}"))
            .into_value();
        assert_eq!(value.account, "a");
        let requests = server.requests();
        assert_eq!(requests.len(), 2, "{status}");
        assert_eq!(requests[1].method, "GET");
        assert_eq!(
            requests[1].path, "/moved/snapshot",
            "{status}: a relative Location resolves"
        );
        assert_eq!(requests[1].query.as_deref(), Some("x=1"));
        assert_eq!(
            requests[1].header("ocp-apim-subscription-key"),
            Some(KEY),
            "same origin: authenticated"
        );
    }
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_returned_not_followed() {
    let server = Server::start().await;
    let elsewhere = Server::start().await;
    server.reply(Reply::status(302).header("Location", &format!("{}/steal", elsewhere.endpoint())));
    let error = client(server.endpoint())
        .snapshot()
        .get(SNAPSHOT.parse().unwrap(), None)
        .await
        .expect_err("a 302 the spec does not list is an error");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(302));
    assert!(
        elsewhere.requests().is_empty(),
        "nothing, and no key, went to the other server"
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_put_or_patch_gets_its_301_or_302_back() {
    let server = Server::start().await;
    server.reply(Reply::status(301).header("Location", "/elsewhere"));
    let error = client(server.endpoint())
        .snapshot()
        .update(
            SNAPSHOT.parse().unwrap(),
            Some(azure_face::operations::snapshot::UpdateOptions {
                user_data: Some("u".into()),
                ..Default::default()
            }),
        )
        .await
        .expect_err("the 301 is the caller's to handle");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(301));
    assert_eq!(server.requests().len(), 1, "a PATCH is not re-sent to the Location");
}

#[tokio::test]
async fn a_307_resends_method_and_body_and_a_303_turns_into_a_get() {
    let server = Server::start().await;
    server.reply(Reply::status(307).header("Location", "/again"));
    server.reply(Reply::status(200));
    client(server.endpoint())
        .snapshot()
        .update(
            SNAPSHOT.parse().unwrap(),
            Some(azure_face::operations::snapshot::UpdateOptions {
                user_data: Some("kept".into()),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        (requests[1].method.as_str(), requests[1].path.as_str()),
        ("PATCH", "/again")
    );
    assert_eq!(requests[1].json(), json!({"userData": "kept"}));
    assert_eq!(requests[1].header("content-type"), Some("application/json"));

    let server = Server::start().await;
    server.reply(Reply::status(303).header("Location", "/see-other"));
    server.reply(Reply::status(200));
    let _ = client(server.endpoint())
        .snapshot()
        .update(
            SNAPSHOT.parse().unwrap(),
            Some(azure_face::operations::snapshot::UpdateOptions {
                user_data: Some("dropped".into()),
                ..Default::default()
            }),
        )
        .await;
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        (requests[1].method.as_str(), requests[1].path.as_str()),
        ("GET", "/see-other")
    );
    assert!(requests[1].body.is_empty(), "a 303 drops the body");
    assert_eq!(requests[1].header("content-type"), None);
}

#[tokio::test]
async fn redirect_loops_stop_after_ten_hops() {
    let server = Server::start().await;
    server.always(Reply::status(302).header("Location", "/loop"));
    let error = client(server.endpoint())
        .snapshot()
        .get(SNAPSHOT.parse().unwrap(), None)
        .await
        .expect_err("a loop ends in the last 302");
    assert!(matches!(error, Error::Status(_)), "{error:?}");
    assert_eq!(server.requests().len(), 11, "the first request and ten redirects");
}
