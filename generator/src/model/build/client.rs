//! The client: base URL template, client parameters and authentication.

use super::*;

impl<'a> Builder<'a> {
    pub(super) fn client(&mut self) -> Result<ClientModel> {
        let doc = self.doc;
        let host = doc.extensions.get("x-ms-parameterized-host");
        // The converter has already put scheme, host template and base path together.
        let host_template = doc.servers.first().map(|s| s.url.clone()).unwrap_or_else(|| "/".into());
        let mut scope = std::mem::take(&mut self.client_scope);
        let mut parameters = Vec::new();
        let host_params: Vec<Value> = host
            .and_then(|h| h.get("parameters"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (i, p) in host_params.iter().enumerate() {
            let pointer = format!("/x-ms-parameterized-host/parameters/{i}");
            parameters.push(self.host_parameter(p, &mut scope, &pointer)?);
        }
        // Server variables not described by x-ms-parameterized-host.
        for server in doc.servers.iter().take(1) {
            for (name, var) in server.variables.iter().flatten() {
                if parameters.iter().any(|p: &Parameter| &p.wire_name == name) {
                    continue;
                }
                let rust = self.namer.snake_in(&mut scope, "client parameter", name);
                parameters.push(Parameter {
                    wire_name: name.clone(),
                    name: rust,
                    location: Location::Path,
                    ty: TypeRef::String,
                    required: var.default.is_empty(),
                    default: (!var.default.is_empty()).then(|| Value::String(var.default.clone())),
                    constraints: Constraints::default(),
                    collection_format: None,
                    skip_url_encoding: true,
                    docs: rustdoc(var.description.as_deref()),
                });
            }
        }
        let mut auth = Vec::new();
        for requirement in doc.security.iter().flatten() {
            for (name, scopes) in requirement {
                let Some(scheme) = self.security_scheme(name) else {
                    return Err(self.error(
                        "/security",
                        format!("security requirement names `{name}`, which `securitySchemes` does not define"),
                    ));
                };
                if let Some(a) = scheme_auth(scheme, scopes) {
                    if !auth.contains(&a) {
                        auth.push(a);
                    }
                }
            }
        }
        self.client_scope = scope;
        Ok(ClientModel {
            host_template,
            parameters,
            auth,
        })
    }

    /// The security scheme `name` of `components.securitySchemes`.
    pub(super) fn security_scheme(&self, name: &str) -> Option<&'a SecurityScheme> {
        let schemes = &self.doc.components.as_ref()?.security_schemes;
        match schemes.get(name)? {
            ReferenceOr::Item(scheme) => Some(scheme),
            ReferenceOr::Reference { .. } => None,
        }
    }

    /// A parameter of `x-ms-parameterized-host` (Swagger 2.0 form, `$ref`s already resolved by
    /// the converter): always a string substituted into the host template.
    pub(super) fn host_parameter(&mut self, p: &Value, scope: &mut Scope, pointer: &str) -> Result<Parameter> {
        let name = p
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| self.error(pointer, "host parameter has no `name`"))?;
        if p.get("type").and_then(Value::as_str).is_some_and(|t| t != "string") {
            return Err(self.error(
                &format!("{pointer}/type"),
                format!("host parameter `{name}` must be a string"),
            ));
        }
        let ext = |key: &str| p.get(key).and_then(Value::as_bool);
        let placement = p.get("x-ms-parameter-location").and_then(Value::as_str);
        if placement == Some("method") {
            return Err(self.error(
                pointer,
                format!("host parameter `{name}` with `x-ms-parameter-location: method` is not supported"),
            ));
        }
        Ok(Parameter {
            wire_name: name.to_string(),
            name: self.namer.snake_in(scope, "client parameter", name),
            location: Location::Path,
            ty: TypeRef::String,
            required: ext("required").unwrap_or(true),
            default: p.get("default").cloned(),
            constraints: Constraints::default(),
            collection_format: None,
            skip_url_encoding: ext("x-ms-skip-url-encoding").unwrap_or(false),
            docs: rustdoc(p.get("description").and_then(Value::as_str)),
        })
    }

    // ----- operations -----------------------------------------------------------------------
}

/// How a client authenticates with `scheme`, when it is a scheme the client supports (an API key
/// in a header or the query, or OAuth 2); `scopes` are the ones the security requirement lists.
pub(super) fn scheme_auth(scheme: &SecurityScheme, scopes: &[String]) -> Option<Auth> {
    match scheme {
        SecurityScheme::APIKey { location, name, .. } => Some(match location {
            openapiv3::APIKeyLocation::Query => Auth::ApiKeyQuery { name: name.clone() },
            _ => Auth::ApiKeyHeader { name: name.clone() },
        }),
        SecurityScheme::OAuth2 { flows, .. } => Some(Auth::Bearer {
            scopes: bearer_scopes(scopes, flows),
        }),
        _ => None,
    }
}

/// The scope AutoRest gives Azure Resource Manager specs (their `azure_auth` scheme names only
/// `user_impersonation`, which is no scope Microsoft Entra ID issues tokens for).
pub const ARM_SCOPE: &str = "https://management.azure.com/.default";

/// The scopes a token credential is asked for: those the security requirement lists, else those
/// the scheme's flows declare. A scope that is a URL (`https://cognitiveservices.azure.com/.default`)
/// is used as it is; `user_impersonation` of a Microsoft Entra ID flow
/// (`https://login.microsoftonline.com/common/oauth2/authorize`, as every Azure Resource Manager
/// spec has it) is Azure Resource Manager's [`ARM_SCOPE`], as AutoRest maps it.
fn bearer_scopes(requested: &[String], flows: &openapiv3::OAuth2Flows) -> Vec<String> {
    let mut urls = Vec::new();
    let mut declared: Vec<&String> = Vec::new();
    if let Some(f) = &flows.implicit {
        urls.push(&f.authorization_url);
        declared.extend(f.scopes.keys());
    }
    if let Some(f) = &flows.password {
        urls.push(&f.token_url);
        declared.extend(f.scopes.keys());
    }
    if let Some(f) = &flows.client_credentials {
        urls.push(&f.token_url);
        declared.extend(f.scopes.keys());
    }
    if let Some(f) = &flows.authorization_code {
        urls.push(&f.authorization_url);
        urls.push(&f.token_url);
        declared.extend(f.scopes.keys());
    }
    let entra_id = urls.iter().any(|url| {
        let host = url
            .split("://")
            .nth(1)
            .unwrap_or(url)
            .split(['/', ':'])
            .next()
            .unwrap_or_default();
        ["login.microsoftonline.com", "login.windows.net"]
            .iter()
            .any(|login| host.eq_ignore_ascii_case(login))
    });
    let names: Vec<&String> = match requested {
        [] => declared,
        _ => requested.iter().collect(),
    };
    let mut scopes: Vec<String> = Vec::new();
    for name in names {
        let scope = match name.as_str() {
            "user_impersonation" if entra_id => ARM_SCOPE.to_string(),
            _ => name.clone(),
        };
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    scopes
}
