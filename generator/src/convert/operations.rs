//! `paths` and `x-ms-paths`: path items, operations, request bodies, responses and headers.

use indexmap::IndexMap;
use openapiv3::{
    Header, HeaderStyle, MediaType, Operation, ParameterSchemaOrContent, PathItem, Paths, ReferenceOr, RequestBody,
    Response, Responses, StatusCode,
};
use serde_json::Value;

use super::json::{is_local, Cx, Obj};
use super::parameters::{self, Location, Target};
use super::schema::{self, Flavor};
use super::security;
use super::source_map::Path;
use crate::diagnostic::{join, Result};

/// The HTTP methods Swagger 2.0 path items can hold.
pub(crate) const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// The document-wide media types operations fall back to.
pub(crate) struct Defaults {
    /// Root `consumes`, else `application/json`.
    pub consumes: Vec<String>,
    /// Root `produces`, else `application/json`.
    pub produces: Vec<String>,
}

impl Defaults {
    pub fn of(root: &Obj<'_>) -> Result<Defaults> {
        let json = || vec!["application/json".to_string()];
        Ok(Defaults {
            consumes: non_empty(root.strings("consumes")?).unwrap_or_else(json),
            produces: non_empty(root.strings("produces")?).unwrap_or_else(json),
        })
    }
}

fn non_empty(list: Option<Vec<String>>) -> Option<Vec<String>> {
    list.filter(|l| !l.is_empty())
}

/// Converts `paths`, then adds the `x-ms-paths` items under their original keys (query part
/// included, e.g. `/detect?overload=stream`): OpenAPI 3 has no separate place for them, and the
/// key is what tells the overloads apart.
pub(crate) fn convert_paths(root: &Obj<'_>, defaults: &Defaults) -> Result<Paths> {
    let mut paths = Paths::default();
    if let Some(obj) = root.object("paths")? {
        add_paths(&mut paths, &obj, defaults, false)?;
    }
    if let Some(obj) = root.object("x-ms-paths")? {
        add_paths(&mut paths, &obj, defaults, true)?;
    }
    Ok(paths)
}

fn add_paths(paths: &mut Paths, obj: &Obj<'_>, defaults: &Defaults, x_ms_paths: bool) -> Result<()> {
    let container = Path::at("/paths");
    for (key, value) in obj.iter() {
        if key.starts_with("x-") {
            paths.extensions.insert(key.clone(), value.clone());
            continue;
        }
        if !key.starts_with('/') {
            return Err(obj.error_at(key, format!("path `{key}` must start with `/`")));
        }
        if x_ms_paths && paths.paths.contains_key(key) {
            return Err(obj.error_at(
                key,
                format!("path `{key}` is declared in both `paths` and `x-ms-paths`"),
            ));
        }
        let item = obj.cx.object(value, obj.at(key))?;
        let at = container.key(key);
        if x_ms_paths {
            obj.cx.sources.node(&at, &item.pointer);
        }
        paths.paths.insert(key.clone(), convert_path_item(&item, defaults, at)?);
    }
    Ok(())
}

/// Converts a path item (to be placed at `at`). Path-level parameters are merged into each
/// operation (see [`parameters::merged`]), so the OpenAPI 3 path item has none of its own.
fn convert_path_item(item: &Obj<'_>, defaults: &Defaults, at: Path<'_>) -> Result<ReferenceOr<PathItem>> {
    if let Some(reference) = item.str("$ref")? {
        return Ok(ReferenceOr::Reference {
            reference: reference.to_string(),
        });
    }
    let mut out = PathItem {
        extensions: item.extensions(),
        ..PathItem::default()
    };
    for &method in METHODS {
        let Some(op) = item.object(method)? else {
            continue;
        };
        let op = Some(convert_operation(item, &op, defaults, at.key(method))?);
        match method {
            "get" => out.get = op,
            "put" => out.put = op,
            "post" => out.post = op,
            "delete" => out.delete = op,
            "options" => out.options = op,
            "head" => out.head = op,
            _ => out.patch = op,
        }
    }
    Ok(ReferenceOr::Item(out))
}

/// Converts an operation, to be placed at `at` (each of its parameters, request body and
/// responses records its origin below it).
fn convert_operation(path_item: &Obj<'_>, op: &Obj<'_>, defaults: &Defaults, at: Path<'_>) -> Result<Operation> {
    let cx = op.cx;
    let consumes = non_empty(op.strings("consumes")?).unwrap_or_else(|| defaults.consumes.clone());
    let produces = non_empty(op.strings("produces")?).unwrap_or_else(|| defaults.produces.clone());

    let parameters_at = at.key("parameters");
    let mut parameters = Vec::new();
    let mut body = None;
    let mut form = Vec::new();
    let mut body_index = None;
    for (index, source) in parameters::merged(path_item, op)?.into_iter().enumerate() {
        let (param, location, global) = match source.target {
            Target::External(reference) => {
                cx.sources.node(&parameters_at.index(parameters.len()), &source.entry);
                parameters.push(ReferenceOr::Reference { reference });
                continue;
            }
            Target::Param {
                param,
                location,
                global,
            } => (param, location, global),
        };
        match location {
            Location::Body | Location::FormData => {
                if body.is_some() || (location == Location::Body && !form.is_empty()) {
                    return Err(cx.error(
                        &source.entry,
                        "an operation can have one body parameter, or formData parameters, not both or several",
                    ));
                }
                body_index.get_or_insert(index);
                if location == Location::Body {
                    body = Some((source.entry, param, global));
                } else {
                    form.push((source.entry, param));
                }
            }
            _ => {
                let at = parameters_at.index(parameters.len());
                parameters.push(match global {
                    Some(name) => {
                        // The model stage reads through the reference, under this pointer.
                        let container = Path::at("/components/parameters");
                        cx.sources.alias(&at, &source.entry, &container.key(&name));
                        ReferenceOr::Reference {
                            reference: parameters::component_ref(&name),
                        }
                    }
                    None => {
                        cx.sources.entry(&at, &source.entry, &param.pointer);
                        ReferenceOr::Item(parameters::convert(&param, location, at)?)
                    }
                })
            }
        }
    }

    let mut extensions = op.extensions();
    let body_at = at.key("requestBody");
    let request_body = match (body, body_index) {
        (Some((entry, param, global)), Some(index)) => {
            extensions.insert("x-ms-requestBody-index".into(), index.into());
            Some(body_request(
                &entry, &param, global, index, &consumes, defaults, body_at,
            )?)
        }
        (None, Some(index)) => {
            extensions.insert("x-ms-requestBody-index".into(), index.into());
            cx.sources.node(&body_at, &op.pointer);
            let mut request_body = parameters::form(cx, body_at, &op.pointer, &form, &consumes)?;
            request_body
                .extensions
                .insert("x-ms-requestBody-index".into(), index.into());
            Some(ReferenceOr::Item(request_body))
        }
        _ => None,
    };

    Ok(Operation {
        tags: op.strings("tags")?.unwrap_or_default(),
        summary: op.string("summary")?,
        description: op.string("description")?,
        external_docs: op.external_docs("externalDocs")?,
        operation_id: op.string("operationId")?,
        parameters,
        request_body,
        responses: match op.object("responses")? {
            Some(responses) => convert_responses(&responses, &produces, at.key("responses"))?,
            None => Responses::default(),
        },
        callbacks: IndexMap::new(),
        deprecated: op.bool("deprecated")?.unwrap_or(false),
        security: security::requirements(op, "security")?,
        servers: Vec::new(),
        extensions,
    })
}

/// The request body (to be placed at `at`) of a body parameter, written at `entry`.
///
/// A global body parameter is referenced as its `components.requestBodies` entry when the
/// operation consumes the document's default media types (the ones that component was built
/// with); otherwise, and for inline body parameters, the body is converted in place. Only an
/// inline body can carry `x-ms-requestBody-index` itself; the operation always carries it.
fn body_request(
    entry: &str,
    param: &Obj<'_>,
    global: Option<String>,
    index: usize,
    consumes: &[String],
    defaults: &Defaults,
    at: Path<'_>,
) -> Result<ReferenceOr<RequestBody>> {
    if let Some(name) = global.filter(|_| consumes == defaults.consumes.as_slice()) {
        // The model stage reads through the reference, under this pointer.
        let container = Path::at("/components/requestBodies");
        param.cx.sources.alias(&at, entry, &container.key(&name));
        return Ok(ReferenceOr::Reference {
            reference: parameters::request_body_ref(&name),
        });
    }
    param.cx.sources.entry(&at, entry, &param.pointer);
    let mut request_body = parameters::body(param, consumes, at)?;
    request_body
        .extensions
        .insert("x-ms-requestBody-index".into(), index.into());
    Ok(ReferenceOr::Item(request_body))
}

/// Converts an operation's `responses`, to be placed at `at`.
fn convert_responses(obj: &Obj<'_>, produces: &[String], at: Path<'_>) -> Result<Responses> {
    let mut out = Responses::default();
    for (key, value) in obj.iter() {
        if key.starts_with("x-") {
            out.extensions.insert(key.clone(), value.clone());
            continue;
        }
        let response = convert_response(obj.cx, value, obj.at(key), produces, at.key(key))?;
        if key == "default" {
            out.default = Some(response);
        } else {
            let Some(code) = status_code(key) else {
                return Err(obj.error_at(key, format!("`{key}` is not an HTTP status code or `default`")));
            };
            out.responses.insert(code, response);
        }
    }
    Ok(out)
}

/// `"200"` -> `Code(200)`, `"2XX"` -> `Range(2)`.
fn status_code(key: &str) -> Option<StatusCode> {
    match key.as_bytes() {
        [d, x, y] if d.is_ascii_digit() && x.eq_ignore_ascii_case(&b'X') && y.eq_ignore_ascii_case(&b'X') => {
            Some(StatusCode::Range(u16::from(d - b'0')))
        }
        [_, _, _] => key
            .parse::<u16>()
            .ok()
            .filter(|c| (100..=999).contains(c))
            .map(StatusCode::Code),
        _ => None,
    }
}

/// Rewrites a Swagger response reference (`#/responses/X` -> `#/components/responses/X`).
fn convert_response_ref(reference: &str) -> String {
    match reference.strip_prefix("#/responses/") {
        Some(name) => format!("#/components/responses/{name}"),
        None => reference.to_string(),
    }
}

/// Converts a response, to be placed at `at`: its schema is offered for every media type the
/// operation produces, and Swagger's `examples` (keyed by media type) become the `example` of the
/// matching media type.
pub(crate) fn convert_response(
    cx: Cx<'_>,
    value: &Value,
    pointer: String,
    produces: &[String],
    at: Path<'_>,
) -> Result<ReferenceOr<Response>> {
    let obj = cx.object(value, pointer)?;
    if let Some(reference) = obj.str("$ref")? {
        let target = match is_local(reference) {
            true => match cx.resolve(reference) {
                Some((target, _)) => Some(target),
                None => return Err(obj.error_at("$ref", format!("`$ref` target `{reference}` does not exist"))),
            },
            false => None,
        };
        let reference = convert_response_ref(reference);
        // The model stage reads through a reference to a component, under this pointer.
        match (reference.strip_prefix("#/components/responses/"), target) {
            (Some(_), _) => cx.sources.alias(&at, &obj.pointer, &Path::at(&reference[1..])),
            (None, Some(target)) => cx.sources.entry(&at, &obj.pointer, &target),
            (None, None) => cx.sources.node(&at, &obj.pointer),
        }
        return Ok(ReferenceOr::Reference { reference });
    }
    // An inline response is where its key says (`responses/<code>` in both documents).
    let examples = obj.object("examples")?;
    let mut content = IndexMap::new();
    if let Some(schema_value) = obj.get("schema") {
        let schema_pointer = obj.at("schema");
        // Converted once, placed at the first media type; the others hold the same schema.
        let first = produces.first().map_or("", String::as_str);
        let first_keys = ["content", first, "schema"];
        let first_at = at.keys(&first_keys);
        let schema = schema::convert(cx, schema_value, &schema_pointer, &first_at, Flavor::Schema)?;
        for media_type in produces {
            let keys = ["content", media_type, "schema"];
            match media_type == first {
                true => cx.sources.node(&first_at, &schema_pointer),
                false => cx.sources.alias(&at.keys(&keys), &schema_pointer, &first_at),
            }
            // openapiv3 reads `"example": null` as no example; say so right away, so that the
            // document reads back as it was converted.
            let example = examples
                .as_ref()
                .and_then(|e| e.get(media_type))
                .filter(|e| !e.is_null())
                .cloned();
            if let (Some(_), Some(examples)) = (&example, &examples) {
                let keys = ["content", media_type, "example"];
                cx.sources.node(&at.keys(&keys), &examples.at(media_type));
            }
            let media = MediaType {
                schema: Some(schema.clone()),
                example,
                ..MediaType::default()
            };
            content.insert(media_type.clone(), media);
        }
    }
    let mut headers = IndexMap::new();
    if let Some(obj) = obj.object("headers")? {
        for (name, value) in obj.iter() {
            let header = convert_header(&cx.object(value, obj.at(name))?, &at, name)?;
            headers.insert(name.clone(), ReferenceOr::Item(header));
        }
    }
    Ok(ReferenceOr::Item(Response {
        description: obj.string("description")?.unwrap_or_default(),
        headers,
        content,
        links: IndexMap::new(),
        extensions: obj.extensions(),
    }))
}

/// Converts the response header `name` of the response to be placed at `response_at`; like a
/// parameter, its value keys become its schema.
fn convert_header(obj: &Obj<'_>, response_at: &Path<'_>, name: &str) -> Result<Header> {
    let sources = obj.cx.sources;
    let mut extensions = obj.extensions();
    if obj.str("type")? == Some("array") {
        let format = obj.str("collectionFormat")?.unwrap_or("csv");
        extensions.insert("x-ms-collection-format".into(), Value::String(format.into()));
        if obj.contains("collectionFormat") {
            let keys = ["headers", name, "x-ms-collection-format"];
            sources.node(&response_at.keys(&keys), &join(&obj.pointer, "collectionFormat"));
        }
    }
    // The header is where its key says; its schema is the header itself.
    let keys = ["headers", name, "schema"];
    let schema_at = response_at.keys(&keys);
    sources.node(&schema_at, &obj.pointer);
    Ok(Header {
        description: obj.string("description")?,
        style: HeaderStyle::Simple,
        required: false,
        deprecated: None,
        format: ParameterSchemaOrContent::Schema(schema::convert_object(obj, &schema_at, Flavor::Parameter)?),
        example: None,
        examples: IndexMap::new(),
        extensions,
    })
}

/// Converts the root `responses` map to `components.responses`.
pub(crate) fn global_responses(root: &Obj<'_>, defaults: &Defaults) -> Result<IndexMap<String, ReferenceOr<Response>>> {
    let Some(obj) = root.object("responses")? else {
        return Ok(IndexMap::new());
    };
    let container = Path::at("/components/responses");
    obj.iter()
        .map(|(name, value)| {
            Ok((
                name.clone(),
                convert_response(obj.cx, value, obj.at(name), &defaults.produces, container.key(name))?,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use openapiv3::{ReferenceOr, SchemaKind, StatusCode, StringFormat, Type, VariantOrUnknownOrEmpty};
    use serde_json::json;

    use crate::convert::test_support::{convert_ok, error_of, swagger};

    #[test]
    fn body_parameter_becomes_request_body_with_name_index_and_extensions() {
        let doc = swagger(json!({
            "consumes": ["application/json", "text/json"],
            "paths": {"/things/{id}": {"put": {
                "operationId": "Things_Put",
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "type": "string"},
                    {"name": "thing", "in": "body", "required": true, "description": "The thing.",
                     "x-ms-client-flatten": true, "schema": {"$ref": "#/definitions/Thing"}},
                    {"name": "q", "in": "query", "type": "string"}
                ],
                "responses": {"200": {"description": "OK"}}
            }}},
            "definitions": {"Thing": {"type": "object"}}
        }));
        let oa = convert_ok(&doc);
        let op = oa.paths.paths["/things/{id}"].as_item().unwrap().put.clone().unwrap();
        assert_eq!(op.operation_id.as_deref(), Some("Things_Put"));
        assert_eq!(op.parameters.len(), 2);
        assert_eq!(op.extensions["x-ms-requestBody-index"], json!(1));
        let body = op.request_body.unwrap().into_item().unwrap();
        assert!(body.required);
        assert_eq!(body.description.as_deref(), Some("The thing."));
        assert_eq!(body.extensions["x-ms-client-flatten"], json!(true));
        assert_eq!(body.extensions["x-ms-requestBody-name"], json!("thing"));
        assert_eq!(body.extensions["x-ms-requestBody-index"], json!(1));
        assert_eq!(
            body.content.keys().collect::<Vec<_>>(),
            ["application/json", "text/json"]
        );
        assert_eq!(
            body.content["text/json"].schema,
            Some(ReferenceOr::Reference {
                reference: "#/components/schemas/Thing".into()
            })
        );
    }

    #[test]
    fn global_body_parameter_is_referenced_unless_consumes_differ() {
        let doc = swagger(json!({
            "paths": {
                "/a": {"post": {"parameters": [{"$ref": "#/parameters/Body"}], "responses": {}}},
                "/b": {"post": {"consumes": ["application/octet-stream"],
                                "parameters": [{"$ref": "#/parameters/Body"}], "responses": {}}}
            },
            "parameters": {"Body": {"name": "payload", "in": "body", "x-ms-parameter-location": "method",
                                    "schema": {"type": "object", "format": "file"}}}
        }));
        let oa = convert_ok(&doc);
        let a = oa.paths.paths["/a"].as_item().unwrap().post.clone().unwrap();
        assert_eq!(
            a.request_body,
            Some(ReferenceOr::Reference {
                reference: "#/components/requestBodies/Body".into()
            })
        );
        assert_eq!(a.extensions["x-ms-requestBody-index"], json!(0));
        let component = oa.components.unwrap().request_bodies["Body"]
            .clone()
            .into_item()
            .unwrap();
        assert_eq!(component.extensions["x-ms-requestBody-name"], json!("payload"));
        assert_eq!(component.extensions["x-ms-parameter-location"], json!("method"));
        assert_eq!(component.content.keys().collect::<Vec<_>>(), ["application/json"]);

        let b = oa.paths.paths["/b"].as_item().unwrap().post.clone().unwrap();
        let body = b.request_body.unwrap().into_item().unwrap();
        assert_eq!(body.content.keys().collect::<Vec<_>>(), ["application/octet-stream"]);
        let ReferenceOr::Item(s) = body.content["application/octet-stream"].schema.clone().unwrap() else {
            panic!()
        };
        let SchemaKind::Type(Type::String(s)) = s.schema_kind else {
            panic!()
        };
        assert_eq!(s.format, VariantOrUnknownOrEmpty::Item(StringFormat::Binary));
    }

    #[test]
    fn responses_with_headers_content_and_extensions() {
        let doc = swagger(json!({
            "produces": ["application/json"],
            "paths": {"/jobs": {"post": {
                "produces": ["application/json", "application/xml"],
                "responses": {
                    "202": {
                        "description": "Accepted.",
                        "headers": {"Operation-Location": {"type": "string", "description": "Where to poll.",
                                                           "x-ms-client-name": "location"}},
                        "x-ms-error-response": false
                    },
                    "200": {"description": "Done.", "schema": {"$ref": "#/definitions/Job"},
                            "examples": {"application/json": {"id": "1"}}},
                    "default": {"description": "Error.", "schema": {"type": "object"}, "x-ms-error-response": true},
                    "x-ms-foo": 1
                },
                "x-ms-long-running-operation": true,
                "x-ms-long-running-operation-options": {"final-state-via": "location"}
            }}},
            "definitions": {"Job": {"type": "object"}}
        }));
        let oa = convert_ok(&doc);
        let op = oa.paths.paths["/jobs"].as_item().unwrap().post.clone().unwrap();
        assert_eq!(op.extensions["x-ms-long-running-operation"], json!(true));
        assert_eq!(
            op.extensions["x-ms-long-running-operation-options"]["final-state-via"],
            json!("location")
        );
        assert_eq!(op.responses.extensions["x-ms-foo"], json!(1));

        let accepted = op.responses.responses[&StatusCode::Code(202)].as_item().unwrap();
        assert_eq!(accepted.description, "Accepted.");
        assert!(accepted.content.is_empty());
        assert_eq!(accepted.extensions["x-ms-error-response"], json!(false));
        let header = accepted.headers["Operation-Location"].as_item().unwrap();
        assert_eq!(header.description.as_deref(), Some("Where to poll."));
        assert_eq!(header.extensions["x-ms-client-name"], json!("location"));
        let openapiv3::ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) = &header.format else {
            panic!()
        };
        assert!(matches!(s.schema_kind, SchemaKind::Type(Type::String(_))));

        let ok = op.responses.responses[&StatusCode::Code(200)].as_item().unwrap();
        assert_eq!(
            ok.content.keys().collect::<Vec<_>>(),
            ["application/json", "application/xml"]
        );
        assert_eq!(ok.content["application/json"].example, Some(json!({"id": "1"})));
        assert_eq!(ok.content["application/xml"].example, None);

        let default = op.responses.default.clone().unwrap().into_item().unwrap();
        assert_eq!(default.extensions["x-ms-error-response"], json!(true));
    }

    #[test]
    fn file_response_is_binary_and_produces_falls_back_to_json() {
        let doc = swagger(json!({
            "paths": {"/blob": {"get": {"responses": {"200": {"description": "", "schema": {"type": "file"}}}}}}
        }));
        let oa = convert_ok(&doc);
        let op = oa.paths.paths["/blob"].as_item().unwrap().get.clone().unwrap();
        let ok = op.responses.responses[&StatusCode::Code(200)].as_item().unwrap();
        assert_eq!(ok.content.keys().collect::<Vec<_>>(), ["application/json"]);
        let Some(ReferenceOr::Item(s)) = &ok.content["application/json"].schema else {
            panic!()
        };
        let SchemaKind::Type(Type::String(s)) = &s.schema_kind else {
            panic!()
        };
        assert_eq!(s.format, VariantOrUnknownOrEmpty::Item(StringFormat::Binary));
    }

    #[test]
    fn global_responses_and_refs() {
        let doc = swagger(json!({
            "paths": {"/a": {"get": {"responses": {"default": {"$ref": "#/responses/Error"}}}}},
            "responses": {"Error": {"description": "Bad.", "schema": {"type": "string"}}}
        }));
        let oa = convert_ok(&doc);
        let op = oa.paths.paths["/a"].as_item().unwrap().get.clone().unwrap();
        assert_eq!(
            op.responses.default,
            Some(ReferenceOr::Reference {
                reference: "#/components/responses/Error".into()
            })
        );
        assert!(oa.components.unwrap().responses.contains_key("Error"));
    }

    #[test]
    fn operation_fields() {
        let doc = swagger(json!({
            "paths": {"/a": {
                "x-ms-path-note": "p",
                "get": {
                    "tags": ["T"], "summary": "S", "description": "D", "deprecated": true,
                    "operationId": "A_Get", "security": [{"key": []}],
                    "externalDocs": {"url": "https://example.com"},
                    "x-ms-pageable": {"nextLinkName": "nextLink"},
                    "x-ms-examples": {"Ex": {"$ref": "./examples/a.json"}},
                    "responses": {}
                }
            }}
        }));
        let oa = convert_ok(&doc);
        let item = oa.paths.paths["/a"].as_item().unwrap();
        assert_eq!(item.extensions["x-ms-path-note"], json!("p"));
        let op = item.get.clone().unwrap();
        assert_eq!(op.tags, ["T"]);
        assert_eq!(
            (op.summary.as_deref(), op.description.as_deref()),
            (Some("S"), Some("D"))
        );
        assert!(op.deprecated);
        assert_eq!(op.security.unwrap()[0]["key"], Vec::<String>::new());
        assert_eq!(op.external_docs.unwrap().url, "https://example.com");
        assert_eq!(op.extensions["x-ms-pageable"]["nextLinkName"], json!("nextLink"));
        assert_eq!(op.extensions["x-ms-examples"]["Ex"]["$ref"], json!("./examples/a.json"));
    }

    #[test]
    fn x_ms_paths_are_added_under_their_keys() {
        let doc = swagger(json!({
            "paths": {"/detect": {"post": {"operationId": "Detect_Url", "responses": {}}}},
            "x-ms-paths": {"/detect?overload=stream": {"post": {
                "operationId": "Detect_Stream",
                "consumes": ["application/octet-stream"],
                "parameters": [{"name": "Image", "in": "body", "required": true,
                                "schema": {"type": "object", "format": "file"}}],
                "responses": {}
            }}}
        }));
        let oa = convert_ok(&doc);
        assert_eq!(
            oa.paths.paths.keys().collect::<Vec<_>>(),
            ["/detect", "/detect?overload=stream"]
        );
        let op = oa.paths.paths["/detect?overload=stream"]
            .as_item()
            .unwrap()
            .post
            .clone()
            .unwrap();
        assert_eq!(op.operation_id.as_deref(), Some("Detect_Stream"));
        assert!(!oa.extensions.contains_key("x-ms-paths"));
    }

    #[test]
    fn operation_errors_are_located() {
        let e = error_of(&swagger(json!({
            "paths": {"/a": {"get": {"responses": {}}}},
            "x-ms-paths": {"/a": {"get": {"responses": {}}}}
        })));
        assert_eq!(e.pointer, "/x-ms-paths/~1a");
        assert!(e.message.contains("both"), "{}", e.message);

        let e = error_of(&swagger(json!({"paths": {"a": {}}})));
        assert_eq!(e.pointer, "/paths/a");

        let e = error_of(&swagger(
            json!({"paths": {"/a": {"get": {"responses": {"ok": {"description": ""}}}}}}),
        ));
        assert_eq!(e.pointer, "/paths/~1a/get/responses/ok");

        let e = error_of(&swagger(json!({"paths": {"/a": {"get": []}}})));
        assert_eq!(e.pointer, "/paths/~1a/get");

        let e = error_of(&swagger(json!({"paths": {"/a": {"post": {"parameters": [
            {"name": "a", "in": "body", "schema": {}}, {"name": "b", "in": "body", "schema": {}}
        ], "responses": {}}}}})));
        assert_eq!(e.pointer, "/paths/~1a/post/parameters/1");

        let e = error_of(&swagger(
            json!({"paths": {"/a": {"get": {"tags": "x", "responses": {}}}}}),
        ));
        assert_eq!(e.pointer, "/paths/~1a/get/tags");

        let e = error_of(&swagger(json!({"paths": {"/a": {"get": {"responses": {"200": {
            "description": "", "headers": {"H": {"type": "string", "maxLength": -1}}
        }}}}}})));
        assert_eq!(e.pointer, "/paths/~1a/get/responses/200/headers/H/maxLength");
    }
}
