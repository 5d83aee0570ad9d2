//! Microsoft Entra ID tokens, through the Face client built with a token credential
//! (`Client::with_token_credential`, declared by spec/face-snapshot.codegen.yaml) against a real
//! HTTP server on 127.0.0.1: the token is sent as `Authorization: Bearer`, kept until 5 minutes
//! before it expires, asked for once however many calls wait for it, renewed after a 401
//! challenge; and no key or token ever goes over plain http to another machine.

mod common;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use azure_face::runtime::{
    AccessToken, BoxFuture, Credential, Method, Pipeline, Request, RequestOptions, RetryOptions, SharedTokenCredential,
    TokenCredential,
};
use azure_face::{Client, ClientOptions, Error};
use common::{Reply, Server};
use serde_json::json;
use time::OffsetDateTime;

const SCOPE: &str = "https://cognitiveservices.azure.com/.default";
const KEY: &str = "entra-test-key-7d1e0b";
const HOUR: Duration = Duration::from_secs(3600);

/// A token credential that hands out scripted tokens (each valid for its lifetime from when it is
/// given), counts how often it is asked and records the scopes, taking `delay` to answer.
#[derive(Default)]
struct Scripted {
    tokens: Mutex<VecDeque<(&'static str, Duration)>>,
    asked: AtomicUsize,
    scopes: Mutex<Vec<Vec<String>>>,
    delay: Duration,
}

impl Scripted {
    fn new(tokens: &[(&'static str, Duration)]) -> Arc<Self> {
        Arc::new(Scripted {
            tokens: Mutex::new(tokens.iter().copied().collect()),
            ..Default::default()
        })
    }

    fn slow(tokens: &[(&'static str, Duration)], delay: Duration) -> Arc<Self> {
        Arc::new(Scripted {
            tokens: Mutex::new(tokens.iter().copied().collect()),
            delay,
            ..Default::default()
        })
    }

    fn asked(&self) -> usize {
        self.asked.load(Ordering::SeqCst)
    }
}

impl TokenCredential for Scripted {
    fn token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken, String>> {
        Box::pin(async move {
            self.asked.fetch_add(1, Ordering::SeqCst);
            self.scopes
                .lock()
                .unwrap()
                .push(scopes.iter().map(|s| s.to_string()).collect());
            tokio::time::sleep(self.delay).await;
            let next = self.tokens.lock().unwrap().pop_front();
            let (token, lifetime) = next.ok_or_else(|| "the identity provider is down".to_string())?;
            Ok(AccessToken::new(token, OffsetDateTime::now_utc() + lifetime))
        })
    }
}

fn client_with(endpoint: String, credential: Arc<Scripted>, options: ClientOptions) -> Client {
    Client::builder_with_token_credential(endpoint, SharedTokenCredential(credential))
        .options(options.retry(RetryOptions::none()))
        .build()
        .expect("a loopback endpoint")
}

fn client(server: &Server, credential: Arc<Scripted>) -> Client {
    client_with(server.endpoint(), credential, ClientOptions::default())
}

#[tokio::test]
async fn the_token_is_sent_as_a_bearer_for_the_cognitive_services_scope_and_kept() {
    let server = Server::start().await;
    server.always(Reply::json(200, &json!([])));
    let credential = Scripted::new(&[("t1", HOUR)]);
    let client = client(&server, credential.clone());
    for _ in 0..3 {
        client.snapshot().list(None).await.unwrap();
    }
    assert_eq!(server.header_values("authorization"), ["Bearer t1"; 3]);
    assert_eq!(credential.asked(), 1, "a valid token is asked for once");
    assert_eq!(*credential.scopes.lock().unwrap(), [vec![SCOPE.to_string()]]);
    let request = &server.requests()[0];
    assert_eq!(request.header("ocp-apim-subscription-key"), None, "no key with a token");
}

#[tokio::test]
async fn a_client_option_overrides_the_scopes() {
    let server = Server::start().await;
    server.always(Reply::json(200, &json!([])));
    let credential = Scripted::new(&[("t1", HOUR)]);
    let options = ClientOptions::default().credential_scopes(["https://cognitiveservices.azure.us/.default"]);
    let client = client_with(server.endpoint(), credential.clone(), options);
    client.snapshot().list(None).await.unwrap();
    assert_eq!(
        *credential.scopes.lock().unwrap(),
        [vec!["https://cognitiveservices.azure.us/.default".to_string()]]
    );
}

#[tokio::test]
async fn a_token_is_renewed_five_minutes_before_it_expires() {
    let server = Server::start().await;
    server.always(Reply::json(200, &json!([])));
    // t1 has 4 minutes left when given: due at once. t2 has 6: kept.
    let credential = Scripted::new(&[
        ("t1", Duration::from_secs(4 * 60)),
        ("t2", Duration::from_secs(6 * 60)),
        ("t3", HOUR),
    ]);
    let client = client(&server, credential.clone());
    for _ in 0..4 {
        client.snapshot().list(None).await.unwrap();
    }
    assert_eq!(
        server.header_values("authorization"),
        ["Bearer t1", "Bearer t2", "Bearer t2", "Bearer t2"]
    );
    assert_eq!(credential.asked(), 2);
}

#[tokio::test]
async fn a_token_given_already_expired_is_sent_once_then_renewed() {
    let server = Server::start().await;
    server.always(Reply::json(200, &json!([])));
    // A token that comes expired is sent (it is all there is; the service decides), and the next
    // call asks for another.
    let credential = Scripted::new(&[("old", Duration::ZERO), ("new", HOUR)]);
    let client = client(&server, credential.clone());
    client.snapshot().list(None).await.unwrap();
    client.snapshot().list(None).await.unwrap();
    client.snapshot().list(None).await.unwrap();
    assert_eq!(
        server.header_values("authorization"),
        ["Bearer old", "Bearer new", "Bearer new"]
    );
    assert_eq!(credential.asked(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_calls_on_a_cold_cache_ask_the_credential_once() {
    let server = Server::start().await;
    server.always(Reply::json(200, &json!([])));
    let credential = Scripted::slow(&[("t1", HOUR), ("t2", HOUR)], Duration::from_millis(100));
    let client = client(&server, credential.clone());
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..1000 {
        let client = client.clone();
        calls.spawn(async move { client.snapshot().list(None).await.map(|_| ()) });
    }
    while let Some(result) = calls.join_next().await {
        result.unwrap().unwrap();
    }
    assert_eq!(credential.asked(), 1, "one request for a token, shared by every call");
    assert_eq!(server.header_values("authorization"), vec!["Bearer t1"; 1000]);
}

#[tokio::test]
async fn a_token_due_for_renewal_is_still_sent_while_another_call_renews_it() {
    let server = Server::start().await;
    server.always(Reply::json(200, &json!([])));
    let credential = Scripted::slow(
        &[("t1", Duration::from_secs(4 * 60)), ("t2", HOUR)],
        Duration::from_millis(300),
    );
    let client = client(&server, credential.clone());
    client.snapshot().list(None).await.unwrap(); // t1, due for renewal from now on
    let renewing = tokio::spawn({
        let client = client.clone();
        async move { client.snapshot().list(None).await.map(|_| ()) }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    // Renewal under way: this call does not wait for it.
    let started = std::time::Instant::now();
    client.snapshot().list(None).await.unwrap();
    assert!(
        started.elapsed() < Duration::from_millis(250),
        "{:?}",
        started.elapsed()
    );
    renewing.await.unwrap().unwrap();
    assert_eq!(
        server.header_values("authorization"),
        ["Bearer t1", "Bearer t1", "Bearer t2"]
    );
    assert_eq!(credential.asked(), 2);
}

#[tokio::test]
async fn a_401_challenge_gets_a_new_token_and_one_more_try() {
    let server = Server::start().await;
    let credential = Scripted::new(&[("revoked", HOUR), ("t2", HOUR), ("t3", HOUR)]);
    let client = client(&server, credential.clone());
    server.reply(Reply::status(401).header("WWW-Authenticate", r#"Bearer error="invalid_token""#));
    server.reply(Reply::json(200, &json!([])));
    server.reply(Reply::json(200, &json!([])));
    client.snapshot().list(None).await.unwrap();
    // The new token is kept for the next calls.
    client.snapshot().list(None).await.unwrap();
    assert_eq!(
        server.header_values("authorization"),
        ["Bearer revoked", "Bearer t2", "Bearer t2"]
    );
    assert_eq!(credential.asked(), 2);

    // A second challenge is the answer: no loop.
    server.reply(Reply::status(401).header("WWW-Authenticate", "Bearer"));
    server.reply(Reply::status(401).header("WWW-Authenticate", "Bearer"));
    let error = client.snapshot().list(None).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(server.requests().len(), 5);
    assert_eq!(credential.asked(), 3);

    // A 401 without a challenge is not about the token: returned as it is.
    server.reply(Reply::status(401));
    let error = client.snapshot().list(None).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(server.requests().len(), 6);
    assert_eq!(credential.asked(), 3);
}

#[tokio::test]
async fn a_credential_that_fails_is_an_error_and_nothing_is_sent() {
    let server = Server::start().await;
    server.always(Reply::json(200, &json!([])));
    let credential = Scripted::new(&[]);
    let client = client(&server, credential.clone());
    let error = client.snapshot().list(None).await.unwrap_err();
    assert!(
        matches!(&error, Error::Credential(m) if m.contains("provider is down")),
        "{error:?}"
    );
    assert!(error.to_string().contains("token credential"), "{error}");
    assert!(server.requests().is_empty());

    // While the current token has not expired, a failed renewal keeps using it.
    let credential = Scripted::new(&[("t1", Duration::from_secs(4 * 60))]);
    let client = client_with(server.endpoint(), credential.clone(), ClientOptions::default());
    client.snapshot().list(None).await.unwrap();
    client.snapshot().list(None).await.unwrap();
    assert_eq!(server.header_values("authorization"), ["Bearer t1", "Bearer t1"]);
    assert_eq!(credential.asked(), 2);
}

#[tokio::test]
async fn a_fixed_token_never_expires() {
    let server = Server::start().await;
    server.always(Reply::json(200, &json!([])));
    let client = Client::with_token_credential(server.endpoint(), "fixed-token".to_string()).unwrap();
    client.snapshot().list(None).await.unwrap();
    client.snapshot().list(None).await.unwrap();
    assert_eq!(server.header_values("authorization"), ["Bearer fixed-token"; 2]);
}

// ----- plain http ---------------------------------------------------------------------------------

#[tokio::test]
async fn keys_and_tokens_never_go_over_plain_http_to_another_machine() {
    for endpoint in [
        "http://example.invalid",
        "http://10.0.0.1:8080",
        "http://[2001:db8::1]",
        "http://127.0.0.1.example.com",
        "http://localhost.example.com",
    ] {
        let error = Client::new(endpoint, KEY).unwrap_err();
        assert!(
            matches!(&error, Error::Config(m) if m.contains("plain http")),
            "{endpoint}: {error:?}"
        );
        assert!(error.to_string().contains("API key"), "{error}");
        assert!(!format!("{error} {error:?}").contains(KEY));
        let error = Client::with_token_credential(endpoint, KEY.to_string()).unwrap_err();
        assert!(
            matches!(&error, Error::Config(m) if m.contains("plain http")),
            "{endpoint}: {error:?}"
        );
        assert!(error.to_string().contains("token"), "{error}");
    }
    // https anywhere, and plain http to this machine (local tests, emulators).
    for endpoint in [
        "https://example.invalid",
        "http://127.0.0.1:9",
        "http://127.1.2.3",
        "http://localhost:9",
        "http://LOCALHOST.:9",
        "http://[::1]:9",
    ] {
        Client::new(endpoint, KEY).unwrap_or_else(|e| panic!("{endpoint}: {e}"));
        Client::with_token_credential(endpoint, KEY.to_string()).unwrap_or_else(|e| panic!("{endpoint}: {e}"));
    }
}

#[tokio::test]
async fn the_pipeline_checks_every_request_before_it_connects() {
    // Below the client's build-time check: a pipeline made without it (`Pipeline::new`) still
    // refuses, on the request's URL, before anything is sent. Its HTTP client would send
    // everything to the local server, as a proxy: nothing may reach it.
    let server = Server::start().await;
    server.always(Reply::json(200, &json!([])));
    let proxied = || {
        let http = reqwest::Client::builder()
            .proxy(reqwest::Proxy::all(server.endpoint()).unwrap())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        ClientOptions::default().http_client(http).retry(RetryOptions::none())
    };
    let credential = Scripted::new(&[("t1", HOUR)]);
    let credentials = [
        Credential::ApiKeyHeader {
            name: "api-key",
            key: KEY.into(),
        },
        Credential::ApiKeyQuery {
            name: "key",
            key: KEY.into(),
        },
        Credential::Bearer {
            scopes: &[SCOPE],
            credential: SharedTokenCredential(credential.clone()),
        },
    ];
    for credential in credentials {
        let pipeline = Pipeline::new("http://example.invalid".into(), credential, proxied(), "t");
        let request = Request::new(Method::GET, "/items".to_string());
        let error = pipeline
            .send::<serde_json::Value>(request, RequestOptions::default())
            .await
            .unwrap_err();
        assert!(
            matches!(&error, azure_face::runtime::Error::Config(m) if m.contains("plain http")),
            "{error:?}"
        );
    }
    assert_eq!(server.connections(), 0, "no connection was attempted");
    assert_eq!(credential.asked(), 0, "no token was even asked for");
    // Without a credential the same pipeline does send (through the proxy): the check, not the
    // setup, kept the others back.
    let pipeline = Pipeline::new("http://example.invalid".into(), Credential::None, proxied(), "t");
    let request = Request::new(Method::GET, "/items".to_string());
    pipeline
        .send::<serde_json::Value>(request, RequestOptions::default())
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 1);
}

// ----- secrets --------------------------------------------------------------------------------------

#[tokio::test]
async fn the_token_never_shows_in_debug_or_errors() {
    const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOi.secret-token-body";
    let server = Server::start().await;
    let credential = Arc::new(Scripted {
        tokens: Mutex::new([(TOKEN, HOUR), (TOKEN, HOUR)].into_iter().collect()),
        ..Default::default()
    });
    let builder = Client::builder_with_token_credential(server.endpoint(), SharedTokenCredential(credential.clone()));
    assert!(!format!("{builder:?}").contains(TOKEN));
    let client = builder.build().unwrap();
    server.reply(Reply::status(401).header("WWW-Authenticate", "Bearer"));
    server.reply(Reply::json(
        401,
        &json!({"error": {"code": "Unspecified", "message": "Access denied."}}),
    ));
    let error = client.snapshot().list(None).await.unwrap_err();
    assert!(!format!("{error:?}").contains(TOKEN) && !error.to_string().contains(TOKEN));
    // The client holds the token now: its Debug does not show it.
    assert!(!format!("{client:?}").contains(TOKEN), "{client:?}");
    assert!(format!("{client:?}").contains("redacted"));
    let token = AccessToken::new(TOKEN, OffsetDateTime::now_utc());
    assert!(!format!("{token:?}").contains(TOKEN), "{token:?}");
    // The bearer token was sent, so the assertions above looked at a client that had it.
    assert_eq!(
        server.header_values("authorization"),
        vec![format!("Bearer {TOKEN}"); 2]
    );
}
