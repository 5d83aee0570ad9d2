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
