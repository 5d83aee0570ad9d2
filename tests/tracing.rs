//! Tracing of each attempt, with the API key kept out of every line. In its own test binary:
//! `tracing` caches per call site whether anyone listens, so a test that installs a subscriber
//! must not share its process with tests that run without one.

mod common;

use std::sync::{Arc, Mutex};

use azure_face::runtime::RetryOptions;
use azure_face::{Client, ClientOptions};
use common::{Reply, Server};
use serde_json::json;

const KEY: &str = "retry-test-key-5f2c1a";

fn new_client(endpoint: String, retry: RetryOptions) -> Client {
    let options = ClientOptions::default().retry(retry.initial_delay(std::time::Duration::from_millis(1)));
    Client::builder(endpoint, KEY).options(options).build().unwrap()
}

/// A `tracing` writer that keeps everything in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn attempts_are_traced_without_the_key() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = Server::start().await;
    let client = new_client(server.endpoint(), RetryOptions::default());
    server.reply(Reply::status(503));
    server.reply(Reply::json(200, &json!([])));
    client.snapshot().list(None).await.unwrap();

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("retrying"), "{log}");
    assert!(log.matches("attempt").count() >= 2, "{log}");
    assert!(log.contains("status=503") && log.contains("status=200"), "{log}");
    assert!(!log.contains(KEY), "the API key leaked into the log:\n{log}");
}

/// A token credential whose tokens are due for renewal at once, and which fails after the first.
struct OneShortToken(std::sync::atomic::AtomicBool);

const TOKEN: &str = "eyJ0eXAiOiJKV1Qi.tracing-test-token";

impl azure_face::runtime::TokenCredential for OneShortToken {
    fn token<'a>(
        &'a self,
        _: &'a [&'a str],
    ) -> azure_face::runtime::BoxFuture<'a, Result<azure_face::runtime::AccessToken, String>> {
        let first = !self.0.swap(true, std::sync::atomic::Ordering::SeqCst);
        let lifetime = time::Duration::minutes(4);
        let token = azure_face::runtime::AccessToken::new(TOKEN, time::OffsetDateTime::now_utc() + lifetime);
        Box::pin(std::future::ready(if first {
            Ok(token)
        } else {
            Err("no token today".to_string())
        }))
    }
}

#[tokio::test]
async fn attempts_with_a_token_are_traced_without_the_token() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = Server::start().await;
    let credential = OneShortToken(Default::default());
    let options =
        ClientOptions::default().retry(RetryOptions::default().initial_delay(std::time::Duration::from_millis(1)));
    let client = Client::builder_with_token_credential(server.endpoint(), credential)
        .options(options)
        .build()
        .unwrap();
    // A retry with a failed renewal that keeps the current token, then a 401 challenge that
    // refuses it: all logged.
    server.reply(Reply::status(503));
    server.reply(Reply::json(200, &json!([])));
    client.snapshot().list(None).await.unwrap();
    server.reply(Reply::status(401).header("WWW-Authenticate", "Bearer"));
    let error = client.snapshot().list(None).await.unwrap_err();
    assert!(matches!(error, azure_face::Error::Credential(_)), "{error:?}");

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("retrying") && log.contains("challenge"), "{log}");
    assert!(log.contains("no token today"), "{log}");
    assert!(!log.contains(TOKEN), "the token leaked into the log:\n{log}");
    assert!(server
        .requests()
        .iter()
        .all(|r| r.header("authorization") == Some(&format!("Bearer {TOKEN}"))));
}
