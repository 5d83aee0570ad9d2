//! The `azure-identity` feature: any `azure_core::credentials::TokenCredential` drives the Face
//! client (passed as an `Arc`, as azure_identity's credentials come), against a real HTTP server
//! on 127.0.0.1: its token is sent, kept, and renewed 5 minutes before it expires.
//! (`tests/managed_identity.rs` does the same with a real azure_identity credential.)

mod common;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::time::{Duration, OffsetDateTime};
use azure_face::runtime::RetryOptions;
use azure_face::{Client, ClientOptions, Error};
use common::{Reply, Server};
use serde_json::json;

/// An `azure_core` credential that hands out scripted tokens and counts how often it is asked.
#[derive(Debug, Default)]
struct Scripted {
    tokens: Mutex<VecDeque<(&'static str, Duration)>>,
    asked: AtomicUsize,
    scopes: Mutex<Vec<String>>,
}

impl Scripted {
    fn new(tokens: &[(&'static str, Duration)]) -> Arc<Self> {
        Arc::new(Scripted {
            tokens: Mutex::new(tokens.iter().copied().collect()),
            ..Default::default()
        })
    }
}

#[async_trait::async_trait]
impl TokenCredential for Scripted {
    async fn get_token(&self, scopes: &[&str], _: Option<TokenRequestOptions<'_>>) -> azure_core::Result<AccessToken> {
        self.asked.fetch_add(1, Ordering::SeqCst);
        self.scopes.lock().unwrap().extend(scopes.iter().map(|s| s.to_string()));
        let next = self.tokens.lock().unwrap().pop_front();
        let (token, lifetime) = next.ok_or_else(|| {
            azure_core::Error::with_message(azure_core::error::ErrorKind::Credential, "no more tokens")
        })?;
        Ok(AccessToken::new(token, OffsetDateTime::now_utc() + lifetime))
    }
}

#[tokio::test]
async fn an_azure_core_credential_is_a_token_credential_of_the_client() {
    let server = Server::start().await;
    server.always(Reply::json(200, &json!([])));
    // Due for renewal at once (4 minutes left), then good for an hour.
    let credential = Scripted::new(&[("az-1", Duration::minutes(4)), ("az-2", Duration::hours(1))]);
    let client = Client::builder_with_token_credential(server.endpoint(), credential.clone())
        .options(ClientOptions::default().retry(RetryOptions::none()))
        .build()
        .unwrap();
    for _ in 0..3 {
        client.snapshot().list(None).await.unwrap();
    }
    assert_eq!(
        server.header_values("authorization"),
        ["Bearer az-1", "Bearer az-2", "Bearer az-2"]
    );
    assert_eq!(credential.asked.load(Ordering::SeqCst), 2);
    assert_eq!(
        *credential.scopes.lock().unwrap(),
        ["https://cognitiveservices.azure.com/.default"; 2]
    );

    // Its failure is the client's credential error, with azure_core's explanation.
    let error = client.snapshot().list(None).await;
    assert!(error.is_ok(), "az-2 is still good: {error:?}");
    let empty = Scripted::new(&[]);
    let client = Client::with_token_credential(server.endpoint(), empty).unwrap();
    let error = client.snapshot().list(None).await.unwrap_err();
    assert!(
        matches!(&error, Error::Credential(m) if m.contains("no more tokens")),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_shared_dyn_azure_core_credential_will_do() {
    let server = Server::start().await;
    server.always(Reply::json(200, &json!([])));
    let credential: Arc<dyn TokenCredential> = Scripted::new(&[("dyn-1", Duration::hours(1))]);
    // One credential object for two clients (each keeps its own token).
    let first = Client::with_token_credential(server.endpoint(), credential.clone()).unwrap();
    let second = Client::with_token_credential(server.endpoint(), credential).unwrap();
    first.snapshot().list(None).await.unwrap();
    first.snapshot().list(None).await.unwrap();
    assert_eq!(server.header_values("authorization"), ["Bearer dyn-1"; 2]);
    let error = second.snapshot().list(None).await.unwrap_err();
    assert!(
        matches!(error, Error::Credential(_)),
        "the script had one token: {error:?}"
    );
}
