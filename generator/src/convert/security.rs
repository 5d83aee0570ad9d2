//! `securityDefinitions` -> `components.securitySchemes`, and security requirements.

use indexmap::IndexMap;
use openapiv3::{
    APIKeyLocation, AuthorizationCodeOAuth2Flow, ClientCredentialsOAuth2Flow, ImplicitOAuth2Flow, OAuth2Flows,
    PasswordOAuth2Flow, ReferenceOr, SecurityRequirement, SecurityScheme,
};

use super::json::Obj;
use super::source_map::Path;
use crate::diagnostic::Result;

/// Converts the root `securityDefinitions` (each scheme keeps its name, so it is found below the
/// recorded container; renamed keys are recorded).
pub(crate) fn schemes(root: &Obj<'_>) -> Result<IndexMap<String, ReferenceOr<SecurityScheme>>> {
    let Some(definitions) = root.object("securityDefinitions")? else {
        return Ok(IndexMap::new());
    };
    let container = Path::at("/components/securitySchemes");
    definitions
        .iter()
        .map(|(name, value)| {
            let scheme = scheme(
                &definitions.cx.object(value, definitions.at(name))?,
                container.key(name),
            )?;
            Ok((name.clone(), ReferenceOr::Item(scheme)))
        })
        .collect()
}

fn scheme(obj: &Obj<'_>, at: Path<'_>) -> Result<SecurityScheme> {
    let description = obj.string("description")?;
    let extensions = obj.extensions();
    match obj.required_str("type")? {
        "apiKey" => Ok(SecurityScheme::APIKey {
            location: match obj.required_str("in")? {
                "header" => APIKeyLocation::Header,
                "query" => APIKeyLocation::Query,
                other => {
                    return Err(obj.error_at(
                        "in",
                        format!("unknown API key location `{other}`; expected header or query"),
                    ))
                }
            },
            name: obj.required_str("name")?.to_string(),
            description,
            extensions,
        }),
        "basic" => {
            obj.cx.sources.renamed(&at, "scheme", &obj.pointer, "type");
            Ok(SecurityScheme::HTTP {
                scheme: "basic".into(),
                bearer_format: None,
                description,
                extensions,
            })
        }
        "oauth2" => Ok(SecurityScheme::OAuth2 {
            flows: flows(obj, at)?,
            description,
            extensions,
        }),
        other => Err(obj.error_at(
            "type",
            format!("unknown security scheme type `{other}`; expected apiKey, basic or oauth2"),
        )),
    }
}

/// Swagger's single `flow` as OpenAPI 3's flows (`application` is `clientCredentials`,
/// `accessCode` is `authorizationCode`), to be placed at `at`: the flow is the scheme's `flow`,
/// and what is below it (`scopes`, `tokenUrl`, ...) is in the scheme itself.
fn flows(obj: &Obj<'_>, at: Path<'_>) -> Result<OAuth2Flows> {
    let scopes = obj.string_map("scopes")?.unwrap_or_default();
    let url = |key: &str| obj.required_str(key).map(str::to_string);
    let extensions = IndexMap::new();
    let mut flows = OAuth2Flows::default();
    let name = match obj.required_str("flow")? {
        "implicit" => {
            flows.implicit = Some(ImplicitOAuth2Flow {
                authorization_url: url("authorizationUrl")?,
                refresh_url: None,
                scopes,
                extensions,
            });
            "implicit"
        }
        "password" => {
            flows.password = Some(PasswordOAuth2Flow {
                token_url: url("tokenUrl")?,
                refresh_url: None,
                scopes,
                extensions,
            });
            "password"
        }
        "application" => {
            flows.client_credentials = Some(ClientCredentialsOAuth2Flow {
                token_url: url("tokenUrl")?,
                refresh_url: None,
                scopes,
                extensions,
            });
            "clientCredentials"
        }
        "accessCode" => {
            flows.authorization_code = Some(AuthorizationCodeOAuth2Flow {
                authorization_url: url("authorizationUrl")?,
                token_url: url("tokenUrl")?,
                refresh_url: None,
                scopes,
                extensions,
            });
            "authorizationCode"
        }
        other => {
            return Err(obj.error_at(
                "flow",
                format!("unknown OAuth2 flow `{other}`; expected implicit, password, application or accessCode"),
            ))
        }
    };
    let sources = obj.cx.sources;
    let flows_at = at.key("flows");
    let flow = obj.at("flow");
    sources.entry(&flows_at.key(name), &flow, &obj.pointer);
    sources.node(&flows_at, &flow);
    Ok(flows)
}

/// A `security` array (root or operation): the same shape in both versions.
pub(crate) fn requirements(obj: &Obj<'_>, key: &str) -> Result<Option<Vec<SecurityRequirement>>> {
    let Some(items) = obj.objects(key)? else {
        return Ok(None);
    };
    items
        .iter()
        .map(|requirement| {
            requirement
                .iter()
                .map(|(name, _)| Ok((name.clone(), requirement.strings(name)?.unwrap_or_default())))
                .collect::<Result<SecurityRequirement>>()
        })
        .collect::<Result<_>>()
        .map(Some)
}

#[cfg(test)]
mod tests {
    use openapiv3::{APIKeyLocation, ReferenceOr, SecurityScheme};
    use serde_json::json;

    use crate::convert::test_support::{convert_ok, error_of, swagger};

    #[test]
    fn security_definitions_and_requirements() {
        let doc = swagger(json!({
            "paths": {},
            "securityDefinitions": {
                "key": {"type": "apiKey", "name": "X-Api-Key", "in": "header",
                        "description": "The key.", "x-ms-foo": 1},
                "basic": {"type": "basic"},
                "aad": {"type": "oauth2", "flow": "application", "tokenUrl": "https://login/token",
                        "scopes": {"user_impersonation": "Act as you"}},
                "code": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://login/auth",
                         "tokenUrl": "https://login/token", "scopes": {}},
                "implicit": {"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://login/auth"}
            },
            "security": [{"key": []}, {"aad": ["user_impersonation"]}]
        }));
        let oa = convert_ok(&doc);
        let schemes = oa.components.unwrap().security_schemes;
        let ReferenceOr::Item(SecurityScheme::APIKey {
            location,
            name,
            description,
            extensions,
        }) = &schemes["key"]
        else {
            panic!()
        };
        assert_eq!(*location, APIKeyLocation::Header);
        assert_eq!(name, "X-Api-Key");
        assert_eq!(description.as_deref(), Some("The key."));
        assert_eq!(extensions["x-ms-foo"], json!(1));
        assert!(
            matches!(&schemes["basic"], ReferenceOr::Item(SecurityScheme::HTTP { scheme, .. }) if scheme == "basic")
        );
        let ReferenceOr::Item(SecurityScheme::OAuth2 { flows, .. }) = &schemes["aad"] else {
            panic!()
        };
        let flow = flows.client_credentials.as_ref().unwrap();
        assert_eq!(flow.token_url, "https://login/token");
        assert_eq!(flow.scopes["user_impersonation"], "Act as you");
        let ReferenceOr::Item(SecurityScheme::OAuth2 { flows, .. }) = &schemes["code"] else {
            panic!()
        };
        assert!(flows.authorization_code.is_some());
        let ReferenceOr::Item(SecurityScheme::OAuth2 { flows, .. }) = &schemes["implicit"] else {
            panic!()
        };
        assert!(flows.implicit.is_some());

        let security = oa.security.unwrap();
        assert_eq!(security.len(), 2);
        assert_eq!(security[1]["aad"], ["user_impersonation"]);
    }

    #[test]
    fn security_errors_are_located() {
        let with = |def: serde_json::Value| swagger(json!({"paths": {}, "securityDefinitions": {"s": def}}));
        let e = error_of(&with(json!({"type": "apiKey", "name": "k", "in": "cookie"})));
        assert_eq!(e.pointer, "/securityDefinitions/s/in");
        let e = error_of(&with(json!({"type": "oauth2", "flow": "application"})));
        assert_eq!(e.pointer, "/securityDefinitions/s");
        assert!(e.message.contains("tokenUrl"), "{}", e.message);
        let e = error_of(&with(json!({"type": "magic"})));
        assert_eq!(e.pointer, "/securityDefinitions/s/type");
        let e = error_of(&swagger(json!({"paths": {}, "security": [{"key": "x"}]})));
        assert_eq!(e.pointer, "/security/0/key");
    }
}
