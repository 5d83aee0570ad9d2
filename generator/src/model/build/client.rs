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
        let schemes = doc.components.as_ref().map(|c| &c.security_schemes);
        for requirement in doc.security.iter().flatten() {
            for name in requirement.keys() {
                let scheme = schemes.and_then(|s| s.get(name));
                match scheme {
                    Some(ReferenceOr::Item(SecurityScheme::APIKey {
                        location,
                        name: key_name,
                        ..
                    })) => {
                        let a = match location {
                            openapiv3::APIKeyLocation::Query => Auth::ApiKeyQuery { name: key_name.clone() },
                            _ => Auth::ApiKeyHeader { name: key_name.clone() },
                        };
                        if !auth.contains(&a) {
                            auth.push(a);
                        }
                    }
                    Some(ReferenceOr::Item(SecurityScheme::OAuth2 { .. })) => {
                        let a = Auth::Bearer {
                            scopes: requirement[name].clone(),
                        };
                        if !auth.contains(&a) {
                            auth.push(a);
                        }
                    }
                    Some(_) => {}
                    None => {
                        return Err(self.error(
                            "/security",
                            format!("security requirement names `{name}`, which `securitySchemes` does not define"),
                        ));
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
