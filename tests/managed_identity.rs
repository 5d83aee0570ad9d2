//! End to end with a real azure_identity credential (the `azure-identity` feature):
//! `ManagedIdentityCredential`, pointed at a local token endpoint as App Service points it
//! (`IDENTITY_ENDPOINT`, `IDENTITY_HEADER`), sending its token requests through the runtime's
//! transport (`runtime::identity::transport`, reqwest with rustls over ring: azure_identity is
//! built without its default HTTP stack). The Face client sends its tokens, keeps them, and gets
//! a new one when the current one is 5 minutes from expiring.
//!
//! In its own test binary: it sets environment variables, which no other test may read at the
//! same time.

mod common;

use azure_face::runtime::identity;
use azure_face::Client;
use azure_identity::{ManagedIdentityCredential, ManagedIdentityCredentialOptions};
use common::{Reply, Server};
use serde_json::json;

/// The token endpoint's answer: a token that expires `lifetime` seconds from now.
fn token_reply(token: &str, lifetime: i64) -> Reply {
    let expires_on = time::OffsetDateTime::now_utc().unix_timestamp() + lifetime;
    Reply::json(
        200,
        &json!({
            "access_token": token,
            "expires_on": expires_on.to_string(),
            "resource": "https://cognitiveservices.azure.com",
            "token_type": "Bearer"
        }),
    )
}

#[tokio::test]
async fn a_managed_identity_credential_gets_tokens_from_a_local_endpoint() {
    let identity_endpoint = Server::start().await;
    let face = Server::start().await;
    face.always(Reply::json(200, &json!([])));
    // 4 minutes left: due for renewal at once, by the client and by azure_identity's own cache.
    identity_endpoint.reply(token_reply("msi-token-1", 4 * 60));
    identity_endpoint.reply(token_reply("msi-token-2", 3600));
    std::env::set_var(
        "IDENTITY_ENDPOINT",
        format!("{}/msi/token", identity_endpoint.endpoint()),
    );
    std::env::set_var("IDENTITY_HEADER", "identity-header-secret");

    let options = ManagedIdentityCredentialOptions {
        client_options: azure_core::http::ClientOptions {
            transport: Some(identity::transport(None)),
            ..Default::default()
        },
        ..Default::default()
    };
    let credential = ManagedIdentityCredential::new(Some(options)).expect("App Service managed identity");
    let client = Client::with_token_credential(face.endpoint(), credential).unwrap();
    for _ in 0..3 {
        client.snapshot().list(None).await.unwrap();
    }

    let sent: Vec<_> = face
        .requests()
        .iter()
        .map(|r| r.header("authorization").unwrap_or_default().to_string())
        .collect();
    assert_eq!(sent, ["Bearer msi-token-1", "Bearer msi-token-2", "Bearer msi-token-2"]);
    let asked = identity_endpoint.requests();
    assert_eq!(asked.len(), 2, "{asked:#?}");
    for request in &asked {
        assert_eq!(request.method, "GET");
        assert_eq!(request.path, "/msi/token");
        assert_eq!(request.header("x-identity-header"), Some("identity-header-secret"));
        let query = request.query_pairs();
        assert!(
            query.contains(&("api-version".into(), "2019-08-01".into())),
            "{query:?}"
        );
        // The Face scope, as a resource.
        assert!(
            query.contains(&("resource".into(), "https://cognitiveservices.azure.com".into())),
            "{query:?}"
        );
    }
    // The credential's Debug (and so the client's) shows no token.
    assert!(!format!("{client:?}").contains("msi-token"));
}
