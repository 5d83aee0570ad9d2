//! `host`, `basePath`, `schemes` and `x-ms-parameterized-host` -> `servers`.

use indexmap::IndexMap;
use openapiv3::{Server, ServerVariable};
use serde_json::Value;

use super::json::Obj;
use super::parameters::{self, Target};
use super::source_map::Path;
use crate::diagnostic::Result;

/// The converted servers, and the `x-ms-parameterized-host` extension to keep at the root with its
/// parameter `$ref`s replaced by the parameters they name (so later stages need not resolve
/// Swagger references in an OpenAPI 3 document).
pub(crate) struct Servers {
    pub servers: Vec<Server>,
    pub parameterized_host: Option<Value>,
}

/// With `x-ms-parameterized-host`: one server whose URL is the scheme prefix (unless
/// `useSchemePrefix` is false; the first of `schemes`, else `https`), the host template and the
/// base path, with a variable per `{name}` of the template. Otherwise one server per scheme
/// (`https` when none) for `host` + `basePath`, or just the base path (or `/`) without a host.
///
/// The servers are recorded as coming from `x-ms-parameterized-host` (the URL from its
/// `hostTemplate`, a variable from the parameter of that name), else from `host`, else from
/// `basePath`.
pub(crate) fn convert(root: &Obj<'_>) -> Result<Servers> {
    let base_path = root.str("basePath")?.unwrap_or_default();
    let schemes = root.strings("schemes")?.unwrap_or_default();
    if let Some(host) = root.object("x-ms-parameterized-host")? {
        return parameterized(&host, &schemes, base_path);
    }
    let servers = match root.str("host")? {
        Some(host) if schemes.is_empty() => vec![server(format!("https://{host}{base_path}"))],
        Some(host) => schemes
            .iter()
            .map(|s| server(format!("{s}://{host}{base_path}")))
            .collect(),
        None if base_path.is_empty() => vec![server("/".into())],
        None => vec![server(base_path.into())],
    };
    if let Some(key) = ["host", "basePath"].into_iter().find(|key| root.contains(key)) {
        let swagger = root.at(key);
        for i in 0..servers.len() {
            root.cx.sources.node(&Path::at("/servers").index(i), &swagger);
        }
    }
    Ok(Servers {
        servers,
        parameterized_host: None,
    })
}

fn server(url: String) -> Server {
    Server {
        url,
        ..Server::default()
    }
}

fn parameterized(host: &Obj<'_>, schemes: &[String], base_path: &str) -> Result<Servers> {
    let template = host.required_str("hostTemplate")?;
    let prefix = match host.bool("useSchemePrefix")?.unwrap_or(true) {
        true => format!("{}://", schemes.first().map(String::as_str).unwrap_or("https")),
        false => String::new(),
    };

    // Resolve the parameters: `$ref` entries are replaced by the parameter they name.
    let sources = host.cx.sources;
    let mut resolved = Vec::new();
    let mut params = Vec::new();
    for (i, (pointer, value)) in host.array("parameters")?.unwrap_or_default().into_iter().enumerate() {
        let source = parameters::resolve(host.cx, value, pointer)?;
        match source.target {
            Target::Param { param, .. } => {
                if param.pointer != source.entry {
                    let at = Path::at("/x-ms-parameterized-host/parameters");
                    sources.entry(&at.index(i), &source.entry, &param.pointer);
                }
                resolved.push(Value::Object(param.map.clone()));
                params.push((source.entry, param));
            }
            Target::External(_) => resolved.push(value.clone()),
        }
    }

    let at = Path::at("/servers/0");
    sources.node(&at, &host.pointer);
    sources.renamed(&at, "url", &host.pointer, "hostTemplate");
    let variables_at = at.key("variables");
    let mut variables = IndexMap::new();
    for name in template_variables(template) {
        let param = params.iter().find(|(_, p)| p.str("name").ok().flatten() == Some(name));
        let variable = match param {
            Some((entry, param)) => {
                sources.entry(&variables_at.key(name), entry, &param.pointer);
                ServerVariable {
                    enumeration: param
                        .array("enum")?
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(_, v)| display(v))
                        .collect(),
                    default: param.get("default").map(display).unwrap_or_default(),
                    description: param.string("description")?,
                    extensions: param.extensions(),
                }
            }
            None => ServerVariable::default(),
        };
        variables.insert(name.to_string(), variable);
    }

    let mut extension = host.map.clone();
    if host.contains("parameters") {
        extension.insert("parameters".into(), Value::Array(resolved));
    }
    let server = Server {
        url: format!("{prefix}{template}{base_path}"),
        description: None,
        variables: Some(variables),
        extensions: IndexMap::new(),
    };
    Ok(Servers {
        servers: vec![server],
        parameterized_host: Some(Value::Object(extension)),
    })
}

/// The names inside `{...}` in a host template, in order.
fn template_variables(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

/// A server variable value as text (they are strings in OpenAPI 3).
fn display(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::convert::test_support::{convert_ok, error_of, swagger};

    #[test]
    fn parameterized_host_becomes_server_and_extension() {
        let doc = swagger(json!({
            "paths": {},
            "schemes": ["https"],
            "basePath": "/vision/v3.2",
            "x-ms-parameterized-host": {
                "hostTemplate": "{Endpoint}",
                "useSchemePrefix": false,
                "parameters": [{"$ref": "#/parameters/Endpoint"}]
            },
            "parameters": {"Endpoint": {
                "name": "Endpoint", "in": "path", "required": true, "type": "string",
                "description": "The endpoint.", "x-ms-skip-url-encoding": true,
                "x-ms-parameter-location": "client"
            }}
        }));
        let oa = convert_ok(&doc);
        assert_eq!(oa.servers.len(), 1);
        assert_eq!(oa.servers[0].url, "{Endpoint}/vision/v3.2");
        let variable = &oa.servers[0].variables.as_ref().unwrap()["Endpoint"];
        assert_eq!(variable.default, "");
        assert_eq!(variable.description.as_deref(), Some("The endpoint."));
        let extension = &oa.extensions["x-ms-parameterized-host"];
        assert_eq!(extension["hostTemplate"], json!("{Endpoint}"));
        assert_eq!(extension["parameters"][0]["name"], json!("Endpoint"));
        assert_eq!(extension["parameters"][0]["x-ms-skip-url-encoding"], json!(true));
    }

    #[test]
    fn parameterized_host_with_scheme_prefix_default_and_enum() {
        let doc = swagger(json!({
            "paths": {},
            "x-ms-parameterized-host": {
                "hostTemplate": "{account}.{suffix}",
                "parameters": [
                    {"name": "account", "in": "path", "type": "string"},
                    {"name": "suffix", "in": "path", "type": "string", "default": "example.com",
                     "enum": ["example.com", "example.org"]}
                ]
            }
        }));
        let oa = convert_ok(&doc);
        assert_eq!(oa.servers[0].url, "https://{account}.{suffix}");
        let variables = oa.servers[0].variables.as_ref().unwrap();
        assert_eq!(variables.keys().collect::<Vec<_>>(), ["account", "suffix"]);
        assert_eq!(variables["suffix"].default, "example.com");
        assert_eq!(variables["suffix"].enumeration, ["example.com", "example.org"]);
    }

    #[test]
    fn host_base_path_and_schemes() {
        let oa = convert_ok(&swagger(json!({
            "paths": {}, "host": "api.example.com", "basePath": "/v1", "schemes": ["https", "http"]
        })));
        let urls: Vec<_> = oa.servers.iter().map(|s| s.url.as_str()).collect();
        assert_eq!(urls, ["https://api.example.com/v1", "http://api.example.com/v1"]);

        let oa = convert_ok(&swagger(json!({"paths": {}, "basePath": "/v1"})));
        assert_eq!(oa.servers[0].url, "/v1");
        let oa = convert_ok(&swagger(json!({"paths": {}})));
        assert_eq!(oa.servers[0].url, "/");
    }

    #[test]
    fn parameterized_host_errors() {
        let e = error_of(&swagger(
            json!({"paths": {}, "x-ms-parameterized-host": {"parameters": []}}),
        ));
        assert_eq!(e.pointer, "/x-ms-parameterized-host");
        assert!(e.message.contains("hostTemplate"), "{}", e.message);
        let e = error_of(&swagger(json!({"paths": {}, "x-ms-parameterized-host": {
            "hostTemplate": "{x}", "parameters": [{"$ref": "#/parameters/Missing"}]
        }})));
        assert_eq!(e.pointer, "/x-ms-parameterized-host/parameters/0/$ref");
    }
}
