//! Microsoft Entra ID credentials of the Azure SDK for Rust (the `azure-identity` feature): any
//! `azure_core::credentials::TokenCredential` — `DeveloperToolsCredential`,
//! `ManagedIdentityCredential`, `ClientSecretCredential`, `WorkloadIdentityCredential` of the
//! `azure_identity` crate, or one of your own — is a [`TokenCredential`] of this client, so an
//! `Arc` of one goes wherever the client takes a credential:
//!
//! ```ignore
//! let credential = azure_identity::DeveloperToolsCredential::new(None)?;
//! let client = Client::with_token_credential(endpoint, credential)?;
//! ```
//!
//! The client keeps each token until shortly before it expires, as for any [`TokenCredential`].
//!
//! [`transport`] lets `azure_identity` (built with `default-features = false`) send its token
//! requests with this client's HTTP stack (reqwest with rustls over ring) instead of its own.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use azure_core::credentials::TokenCredential as AzureTokenCredential;
use azure_core::http::{AsyncRawResponse, HttpClient, Request};

use super::*;

/// An `azure_core` credential as a [`TokenCredential`].
struct AzureCredential<T: ?Sized>(Arc<T>);

impl<T: AzureTokenCredential + ?Sized> TokenCredential for AzureCredential<T> {
    fn token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken, String>> {
        Box::pin(async move {
            let token = self.0.get_token(scopes, None).await.map_err(|e| e.to_string())?;
            Ok(AccessToken::new(token.token.secret(), token.expires_on))
        })
    }
}

impl<T: AzureTokenCredential + ?Sized + 'static> From<Arc<T>> for SharedTokenCredential {
    /// Any `azure_core` credential (`Arc<DeveloperToolsCredential>`, `Arc<dyn TokenCredential>`).
    fn from(credential: Arc<T>) -> Self {
        SharedTokenCredential(Arc::new(AzureCredential(credential)))
    }
}

/// An `azure_core` transport that sends with `reqwest` as this client does (rustls over ring),
/// for `azure_identity` credentials built without their default HTTP stack:
///
/// ```ignore
/// // azure_identity = { version = "1", default-features = false }
/// let options = azure_identity::ManagedIdentityCredentialOptions {
///     client_options: azure_core::http::ClientOptions {
///         transport: Some(runtime::identity::transport(None)),
///         ..Default::default()
///     },
///     ..Default::default()
/// };
/// ```
///
/// `http` is the `reqwest::Client` to use (a new one when `None`).
pub fn transport(http: Option<reqwest::Client>) -> azure_core::http::Transport {
    azure_core::http::Transport::new(Arc::new(ReqwestClient(http.unwrap_or_default())))
}

#[derive(Debug)]
struct ReqwestClient(reqwest::Client);

type AzureResult<T> = azure_core::Result<T>;

fn io_error(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> azure_core::Error {
    azure_core::Error::new(azure_core::error::ErrorKind::Io, error)
}

impl ReqwestClient {
    async fn execute(&self, request: &Request) -> AzureResult<AsyncRawResponse> {
        let method = Method::from_bytes(request.method().as_str().as_bytes()).map_err(io_error)?;
        let mut builder = self.0.request(method, request.url().clone());
        for (name, value) in request.headers().iter() {
            builder = builder.header(name.as_str(), value.as_str());
        }
        match request.body() {
            azure_core::http::Body::Bytes(bytes) => builder = builder.body(bytes.clone()),
            _ => return Err(io_error("this transport sends bodies of bytes only, not streams")),
        }
        let response = builder.send().await.map_err(|e| io_error(e.without_url()))?;
        let status = response.status().as_u16();
        let mut headers = azure_core::http::headers::Headers::new();
        for (name, value) in response.headers() {
            if let Ok(value) = value.to_str() {
                headers.insert(name.as_str().to_string(), value.to_string());
            }
        }
        let body = response.bytes().await.map_err(|e| io_error(e.without_url()))?;
        Ok(AsyncRawResponse::from_bytes(status.into(), headers, body))
    }
}

impl HttpClient for ReqwestClient {
    // `azure_core`'s trait is an `async_trait`: this is the method it declares, written out.
    fn execute_request<'life0, 'life1, 'async_trait>(
        &'life0 self,
        request: &'life1 Request,
    ) -> Pin<Box<dyn Future<Output = AzureResult<AsyncRawResponse>> + Send + 'async_trait>>
    where
        'life0: 'async_trait,
        'life1: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin(self.execute(request))
    }
}
