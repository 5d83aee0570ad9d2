//! Directives: a small configuration file next to a spec that says what the spec cannot, in the
//! spirit of AutoRest's `directive:` blocks. Applied to the code model, once.
//!
//! ```yaml
//! # spec/face-snapshot.codegen.yaml
//! operations:
//!   Snapshot_Take:
//!     long-running:
//!       status-operation: Snapshot_GetOperationStatus  # polled with the id from the header
//!       location-header: Operation-Location            # a documented response header
//!       status-field: status                           # default `status`
//!       succeeded: [succeeded]                         # default [succeeded]
//!       failed: [failed]                               # default [failed, canceled]
//!       result-field: resourceLocation                 # returned on success
//!       message-field: message                         # carried by the error on failure
//!     rename: take_snapshot                            # the method's Rust name
//! security: [apim_key, AADToken]                       # the client's credentials, the first for `new`
//! security-scopes: [https://cognitiveservices.azure.com/.default]  # the scopes of AADToken
//! ```

use indexmap::IndexMap;
use serde::Deserialize;

/// The whole file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Directives {
    /// By operation id.
    #[serde(default)]
    pub operations: IndexMap<String, OperationDirective>,
    /// How the client authenticates, instead of the spec's `security` (AutoRest's `security`
    /// setting): names of the spec's security schemes, or `AADToken` (OAuth 2 bearer tokens of
    /// Microsoft Entra ID for `security-scopes`). The first is the one of `Client::new`.
    pub security: Option<Vec<String>>,
    /// The scopes of `AADToken` (AutoRest's `security-scopes`).
    pub security_scopes: Option<Vec<String>>,
}

/// What to change about one operation.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OperationDirective {
    /// Marks the operation as long-running, polled through another operation.
    pub long_running: Option<LongRunningDirective>,
    /// The method's Rust name instead of the one derived from the operation id.
    pub rename: Option<String>,
}

/// How to poll a long-running operation that the spec does not mark as one.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LongRunningDirective {
    /// The operation id that reads the status.
    pub status_operation: String,
    /// The response header with the status URL; the status operation's path parameters are
    /// taken from its last segments.
    pub location_header: String,
    #[serde(default = "default_status_field")]
    pub status_field: String,
    #[serde(default = "default_succeeded")]
    pub succeeded: Vec<String>,
    #[serde(default = "default_failed")]
    pub failed: Vec<String>,
    pub result_field: Option<String>,
    pub message_field: Option<String>,
}

fn default_status_field() -> String {
    "status".into()
}

fn default_succeeded() -> Vec<String> {
    vec!["succeeded".into()]
}

fn default_failed() -> Vec<String> {
    vec!["failed".into(), "canceled".into()]
}

/// Parses a directives file (YAML or JSON); the error is `(message, line, column)`.
pub fn parse(text: &str) -> Result<Directives, (String, Option<(usize, usize)>)> {
    serde_yaml::from_str(text).map_err(|e| {
        let at = e.location().map(|l| (l.line(), l.column()));
        (e.to_string(), at)
    })
}
