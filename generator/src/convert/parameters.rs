//! Swagger parameters: path/query/header parameters become OpenAPI 3 parameters; `body` and
//! `formData` parameters become request bodies.
//!
//! Global `parameters` go to `components.parameters` (non-body) or `components.requestBodies`
//! (body) under the same name. Global formData parameters have no OpenAPI 3 component of their
//! own: operations that reference them merge them into their form request body.

use indexmap::IndexMap;
use openapiv3::{
    HeaderStyle, MediaType, Parameter, ParameterData, ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr,
    RequestBody,
};
use serde_json::{json, Map, Value};

use super::json::{is_local, Cx, Obj};
use super::schema::{self, Flavor};
use super::source_map::Path;
use crate::diagnostic::{escape_token, Result};

/// How many `$ref` hops a parameter may take before we call it a cycle.
const MAX_REF_HOPS: usize = 32;

/// The Swagger `in` of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Location {
    Query,
    Header,
    Path,
    Body,
    FormData,
}

impl Location {
    fn of(param: &Obj<'_>) -> Result<Location> {
        match param.required_str("in")? {
            "query" => Ok(Location::Query),
            "header" => Ok(Location::Header),
            "path" => Ok(Location::Path),
            "body" => Ok(Location::Body),
            "formData" => Ok(Location::FormData),
            other => Err(param.error_at(
                "in",
                format!("unknown parameter location `{other}`; expected one of query, header, path, formData, body"),
            )),
        }
    }
}

/// One entry of a `parameters` array (or of the global `parameters` map), with its `$ref`s
/// followed.
#[derive(Clone)]
pub(crate) struct Source<'a> {
    /// Pointer of the entry as written (a `$ref` entry stays the place the user wrote it).
    pub entry: String,
    pub target: Target<'a>,
}

#[derive(Clone)]
pub(crate) enum Target<'a> {
    /// A parameter object, inline or reached through local `$ref`s.
    Param {
        param: Obj<'a>,
        location: Location,
        /// `Some(name)` when the last `$ref` hop named the global parameter `#/parameters/name`.
        global: Option<String>,
    },
    /// A `$ref` into another file that the loader did not bundle: kept as a parameter reference.
    External(String),
}

impl Source<'_> {
    /// What makes a parameter unique in Swagger: its name and location. External references are
    /// only known by their target.
    fn key(&self) -> Result<(String, String)> {
        match &self.target {
            Target::Param { param, .. } => Ok((
                param.required_str("name")?.to_string(),
                param.required_str("in")?.to_string(),
            )),
            Target::External(reference) => Ok((reference.clone(), "$ref".into())),
        }
    }
}

/// Follows the entry `value` at `entry` to the parameter object it is or references.
pub(crate) fn resolve<'a>(cx: Cx<'a>, value: &'a Value, entry: String) -> Result<Source<'a>> {
    let mut obj = cx.object(value, entry.clone())?;
    let mut global = None;
    for _ in 0..MAX_REF_HOPS {
        let Some(reference) = obj.str("$ref")? else {
            let location = Location::of(&obj)?;
            return Ok(Source {
                entry,
                target: Target::Param {
                    param: obj,
                    location,
                    global,
                },
            });
        };
        if !is_local(reference) {
            return Ok(Source {
                entry,
                target: Target::External(reference.to_string()),
            });
        }
        let Some((pointer, target)) = cx.resolve(reference) else {
            return Err(obj.error_at("$ref", format!("`$ref` target `{reference}` does not exist")));
        };
        global = global_name(&pointer);
        obj = cx.object(target, pointer)?;
    }
    Err(cx.error(&entry, "too many nested `$ref`s (is there a reference cycle?)"))
}

/// `Some(name)` for the pointer `/parameters/<name>`.
fn global_name(pointer: &str) -> Option<String> {
    let token = pointer.strip_prefix("/parameters/")?;
    (!token.contains('/')).then(|| token.replace("~1", "/").replace("~0", "~"))
}

/// The parameters that apply to an operation: the path item's, each replaced in place by an
/// operation parameter with the same name and location, followed by the operation's others.
///
/// This order is the positional order AutoRest gives method parameters, and the index of the body
/// in it is recorded as `x-ms-requestBody-index`.
pub(crate) fn merged<'a>(path_item: &Obj<'a>, operation: &Obj<'a>) -> Result<Vec<Source<'a>>> {
    let cx = path_item.cx;
    let mut merged: Vec<((String, String), Source<'a>)> = Vec::new();
    for (pointer, value) in path_item.array("parameters")?.unwrap_or_default() {
        let source = resolve(cx, value, pointer)?;
        let key = source.key()?;
        if merged.iter().any(|(k, _)| *k == key) {
            return Err(duplicate(cx, &source, &key));
        }
        merged.push((key, source));
    }
    let from_path_item = merged.len();
    let mut overridden = vec![false; from_path_item];
    for (pointer, value) in operation.array("parameters")?.unwrap_or_default() {
        let source = resolve(cx, value, pointer)?;
        let key = source.key()?;
        match merged.iter().position(|(k, _)| *k == key) {
            Some(i) if i < from_path_item && !overridden[i] => {
                overridden[i] = true;
                merged[i].1 = source;
            }
            Some(_) => return Err(duplicate(cx, &source, &key)),
            None => merged.push((key, source)),
        }
    }
    Ok(merged.into_iter().map(|(_, source)| source).collect())
}

fn duplicate(cx: Cx<'_>, source: &Source<'_>, (name, location): &(String, String)) -> crate::Diagnostic {
    cx.error(
        &source.entry,
        format!("parameter `{name}` in `{location}` is declared twice"),
    )
}

/// The reference to the component a global non-body parameter became.
pub(crate) fn component_ref(name: &str) -> String {
    format!("#/components/parameters/{}", escape_token(name))
}

/// The reference to the component a global body parameter became.
pub(crate) fn request_body_ref(name: &str) -> String {
    format!("#/components/requestBodies/{}", escape_token(name))
}

/// Converts a path, query or header parameter, to be placed at `at` (whose caller records where
/// the parameter came from; its schema, the parameter itself in Swagger, is recorded here).
pub(crate) fn convert(param: &Obj<'_>, location: Location, at: Path<'_>) -> Result<Parameter> {
    let sources = param.cx.sources;
    let ty = param.str("type")?;
    if ty == Some("file") {
        return Err(param.error_at("type", "type `file` is only allowed for formData parameters"));
    }
    let mut extensions = param.extensions();
    if param.contains("collectionFormat") {
        for key in ["style", "explode", "x-ms-collection-format"] {
            sources.renamed(&at, key, &param.pointer, "collectionFormat");
        }
    }
    let (collection_format, explode) = if ty == Some("array") {
        let format = collection_format(param, location)?;
        extensions.insert("x-ms-collection-format".into(), Value::String(format.into()));
        (Some(format), Some(format == "multi"))
    } else {
        (None, None)
    };
    let skip_url_encoding = param.bool("x-ms-skip-url-encoding")?.unwrap_or(false);
    if param.contains("x-ms-skip-url-encoding") {
        sources.renamed(&at, "allowReserved", &param.pointer, "x-ms-skip-url-encoding");
    }
    let schema_at = at.key("schema");
    sources.node(&schema_at, &param.pointer);
    let parameter_data = ParameterData {
        name: param.required_str("name")?.to_string(),
        description: param.string("description")?,
        required: param.bool("required")?.unwrap_or(location == Location::Path),
        deprecated: None,
        format: ParameterSchemaOrContent::Schema(schema::convert_object(param, &schema_at, Flavor::Parameter)?),
        example: None,
        examples: IndexMap::new(),
        explode,
        extensions,
    };
    Ok(match location {
        Location::Query => Parameter::Query {
            parameter_data,
            allow_reserved: skip_url_encoding,
            style: match collection_format {
                Some("ssv") => QueryStyle::SpaceDelimited,
                Some("pipes") => QueryStyle::PipeDelimited,
                _ => QueryStyle::Form,
            },
            allow_empty_value: param.bool("allowEmptyValue")?,
        },
        Location::Header => Parameter::Header {
            parameter_data,
            style: HeaderStyle::Simple,
        },
        // Body and formData never get here; treating them as path keeps this total.
        Location::Path | Location::Body | Location::FormData => Parameter::Path {
            parameter_data,
            style: PathStyle::Simple,
        },
    })
}

/// The array serialization of a parameter (Swagger's default is `csv`).
///
/// OpenAPI 3 styles cannot say everything: `tsv` has no style, and `ssv`/`pipes` have none for
/// path and header parameters. The original value is therefore always kept as the extension
/// `x-ms-collection-format`, and the style is the closest OpenAPI 3 one.
fn collection_format<'a>(param: &Obj<'a>, location: Location) -> Result<&'a str> {
    let format = param.str("collectionFormat")?.unwrap_or("csv");
    match format {
        "csv" | "ssv" | "tsv" | "pipes" => Ok(format),
        "multi" if location == Location::Query => Ok(format),
        "multi" => Err(param.error_at(
            "collectionFormat",
            "collectionFormat `multi` is only valid for query and formData parameters",
        )),
        other => Err(param.error_at(
            "collectionFormat",
            format!("unknown collectionFormat `{other}`; expected one of csv, ssv, tsv, pipes, multi"),
        )),
    }
}

/// The request body of a `body` parameter, to be placed at `at`: its schema for each media type
/// the operation consumes.
///
/// The parameter's extensions (e.g. `x-ms-client-flatten`, `x-ms-parameter-location`) move to the
/// request body, with `x-ms-requestBody-name` recording the Swagger parameter name. The caller
/// records where the request body came from; its schema and name are recorded here.
pub(crate) fn body(param: &Obj<'_>, consumes: &[String], at: Path<'_>) -> Result<RequestBody> {
    let sources = param.cx.sources;
    let name = param.required_str("name")?;
    let Some(schema_value) = param.get("schema") else {
        return Err(param.error("missing required `schema` of a body parameter"));
    };
    let schema_pointer = param.at("schema");
    // Converted once, placed at the first media type; the others hold the same schema.
    let first = consumes.first().map_or("", String::as_str);
    let first_keys = ["content", first, "schema"];
    let first_at = at.keys(&first_keys);
    let schema = schema::convert(param.cx, schema_value, &schema_pointer, &first_at, Flavor::Schema)?;
    let content = consumes
        .iter()
        .map(|media_type| {
            let keys = ["content", media_type, "schema"];
            match media_type == first {
                true => sources.node(&first_at, &schema_pointer),
                false => sources.alias(&at.keys(&keys), &schema_pointer, &first_at),
            }
            let media = MediaType {
                schema: Some(schema.clone()),
                ..MediaType::default()
            };
            (media_type.clone(), media)
        })
        .collect();
    sources.renamed(&at, "x-ms-requestBody-name", &param.pointer, "name");
    let mut extensions = param.extensions();
    extensions.insert("x-ms-requestBody-name".into(), Value::String(name.into()));
    Ok(RequestBody {
        description: param.string("description")?,
        content,
        required: param.bool("required")?.unwrap_or(false),
        extensions,
    })
}

/// The request body of an operation's formData parameters (each with the pointer of its entry as
/// written), to be placed at `at`: one object schema with a property per parameter, sent as
/// `multipart/form-data` when the operation consumes it, else as
/// `application/x-www-form-urlencoded`.
///
/// `pointer` locates the form as a whole (the operation).
pub(crate) fn form(
    cx: Cx<'_>,
    at: Path<'_>,
    pointer: &str,
    params: &[(String, Obj<'_>)],
    consumes: &[String],
) -> Result<RequestBody> {
    let multipart = consumes.iter().any(|c| media_type_is(c, "multipart/form-data"));
    let media_type = if multipart {
        "multipart/form-data"
    } else {
        "application/x-www-form-urlencoded"
    };
    let keys = ["content", media_type, "schema", "properties"];
    let properties_at = at.keys(&keys);
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (entry, param) in params {
        let name = param.required_str("name")?;
        let property_at = properties_at.key(name);
        cx.sources.entry(&property_at, entry, &param.pointer);
        properties.insert(
            name.into(),
            schema::object_json(param, &property_at, Flavor::FormField)?,
        );
        if param.bool("required")?.unwrap_or(false) {
            required.push(Value::String(name.into()));
        }
    }
    let mut schema = json!({ "type": "object", "properties": properties });
    if !required.is_empty() {
        schema["required"] = Value::Array(required.clone());
    }
    let schema = schema::typed(cx, schema, pointer)?;
    let media = MediaType {
        schema: Some(schema),
        ..MediaType::default()
    };
    Ok(RequestBody {
        description: None,
        content: IndexMap::from([(media_type.to_string(), media)]),
        required: !required.is_empty(),
        extensions: IndexMap::new(),
    })
}

/// Whether `value` (possibly with parameters, e.g. `; charset=utf-8`) is `media_type`.
fn media_type_is(value: &str, media_type: &str) -> bool {
    value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .eq_ignore_ascii_case(media_type)
}

/// The converted global parameters.
#[derive(Default)]
pub(crate) struct Components {
    pub parameters: IndexMap<String, ReferenceOr<Parameter>>,
    pub request_bodies: IndexMap<String, ReferenceOr<RequestBody>>,
}

/// Converts the root `parameters` map; body parameters get the document's default `consumes`.
pub(crate) fn components(root: &Obj<'_>, consumes: &[String]) -> Result<Components> {
    let mut out = Components::default();
    let Some(globals) = root.object("parameters")? else {
        return Ok(out);
    };
    let sources = root.cx.sources;
    let (parameters, request_bodies) = (
        Path::at("/components/parameters"),
        Path::at("/components/requestBodies"),
    );
    for (name, value) in globals.iter() {
        let source = resolve(root.cx, value, globals.at(name))?;
        match source.target {
            Target::External(reference) => {
                out.parameters
                    .insert(name.clone(), ReferenceOr::Reference { reference });
            }
            Target::Param { param, location, .. } => match location {
                Location::Body => {
                    let at = request_bodies.key(name);
                    sources.entry(&at, &source.entry, &param.pointer);
                    let request_body = body(&param, consumes, at)?;
                    out.request_bodies.insert(name.clone(), ReferenceOr::Item(request_body));
                }
                Location::FormData => {}
                _ => {
                    let at = parameters.key(name);
                    sources.entry(&at, &source.entry, &param.pointer);
                    let parameter = convert(&param, location, at)?;
                    out.parameters.insert(name.clone(), ReferenceOr::Item(parameter));
                }
            },
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use openapiv3::{
        Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr, SchemaKind, StringFormat, Type,
        VariantOrUnknownOrEmpty,
    };
    use serde_json::{json, Value};

    use crate::convert::test_support::{convert_ok, error_of, swagger};

    /// The converted parameters of `GET /things` declaring `params`.
    fn params_of(params: Value) -> Vec<ReferenceOr<Parameter>> {
        let doc = swagger(json!({
            "paths": {"/things": {"get": {"parameters": params, "responses": {}}}}
        }));
        let oa = convert_ok(&doc);
        oa.paths.paths["/things"]
            .as_item()
            .unwrap()
            .get
            .clone()
            .unwrap()
            .parameters
    }

    fn only(params: Value) -> Parameter {
        params_of(params).remove(0).into_item().unwrap()
    }

    #[test]
    fn query_parameter_basics() {
        let p = only(json!([{
            "name": "top", "in": "query", "type": "integer", "format": "int32", "minimum": 1,
            "required": false, "description": "How many.", "allowEmptyValue": true,
            "x-ms-parameter-location": "method"
        }]));
        let Parameter::Query {
            parameter_data: d,
            allow_empty_value,
            style,
            ..
        } = p
        else {
            panic!()
        };
        assert_eq!(d.name, "top");
        assert_eq!(d.description.as_deref(), Some("How many."));
        assert!(!d.required);
        assert_eq!(allow_empty_value, Some(true));
        assert_eq!(style, QueryStyle::Form);
        assert_eq!(d.explode, None);
        assert_eq!(d.extensions["x-ms-parameter-location"], json!("method"));
        let ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) = d.format else {
            panic!()
        };
        let SchemaKind::Type(Type::Integer(i)) = s.schema_kind else {
            panic!()
        };
        assert_eq!(i.minimum, Some(1));
    }

    #[test]
    fn collection_formats() {
        let array = |name: &str, location: &str, format: Option<&str>| {
            let mut p = json!({
                "name": name, "in": location, "type": "array", "items": {"type": "string"},
                "required": true
            });
            if let Some(format) = format {
                p["collectionFormat"] = json!(format);
            }
            p
        };
        let ps = params_of(json!([
            array("a", "query", None),
            array("b", "query", Some("multi")),
            array("c", "query", Some("ssv")),
            array("d", "query", Some("pipes")),
            array("e", "query", Some("tsv")),
            array("f", "header", Some("csv")),
            array("g", "path", Some("csv")),
        ]));
        let query = |i: usize| match ps[i].as_item().unwrap() {
            Parameter::Query {
                parameter_data, style, ..
            } => (
                style.clone(),
                parameter_data.explode,
                parameter_data.extensions["x-ms-collection-format"].clone(),
            ),
            _ => panic!("not a query parameter"),
        };
        assert_eq!(query(0), (QueryStyle::Form, Some(false), json!("csv")));
        assert_eq!(query(1), (QueryStyle::Form, Some(true), json!("multi")));
        assert_eq!(query(2), (QueryStyle::SpaceDelimited, Some(false), json!("ssv")));
        assert_eq!(query(3), (QueryStyle::PipeDelimited, Some(false), json!("pipes")));
        assert_eq!(query(4), (QueryStyle::Form, Some(false), json!("tsv")));
        let Parameter::Header { parameter_data, .. } = ps[5].as_item().unwrap() else {
            panic!()
        };
        assert_eq!(parameter_data.extensions["x-ms-collection-format"], json!("csv"));
        let Parameter::Path { parameter_data, style } = ps[6].as_item().unwrap() else {
            panic!()
        };
        assert_eq!(*style, PathStyle::Simple);
        assert_eq!(parameter_data.explode, Some(false));
    }

    #[test]
    fn collection_format_lives_on_the_parameter_and_nested_items_keep_theirs() {
        let p = only(json!([{
            "name": "grid", "in": "query", "type": "array", "collectionFormat": "pipes",
            "items": {"type": "array", "collectionFormat": "csv", "items": {"type": "integer"}}
        }]));
        let d = p.parameter_data();
        assert_eq!(d.extensions["x-ms-collection-format"], json!("pipes"));
        let ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) = d.format else {
            panic!()
        };
        assert!(!s.schema_data.extensions.contains_key("x-ms-collection-format"));
        let SchemaKind::Type(Type::Array(a)) = s.schema_kind else {
            panic!()
        };
        let Some(ReferenceOr::Item(items)) = a.items else {
            panic!()
        };
        assert_eq!(items.schema_data.extensions["x-ms-collection-format"], json!("csv"));
    }

    #[test]
    fn x_ms_extensions_are_kept_and_skip_url_encoding_allows_reserved() {
        let x_ms_enum = json!({"name": "Mode", "modelAsString": false});
        let p = only(json!([{
            "name": "mode", "in": "query", "type": "string", "enum": ["a", "b"],
            "x-ms-enum": x_ms_enum, "x-ms-skip-url-encoding": true,
            "x-ms-client-name": "theMode", "x-ms-parameter-grouping": {"name": "options"}
        }]));
        let Parameter::Query {
            parameter_data: d,
            allow_reserved,
            ..
        } = p
        else {
            panic!()
        };
        assert!(allow_reserved);
        for key in [
            "x-ms-enum",
            "x-ms-skip-url-encoding",
            "x-ms-client-name",
            "x-ms-parameter-grouping",
        ] {
            assert!(d.extensions.contains_key(key), "{key} lost");
        }
        // x-ms-enum also describes the value, so the schema carries it too.
        let ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) = d.format else {
            panic!()
        };
        assert_eq!(s.schema_data.extensions["x-ms-enum"], x_ms_enum);
        assert!(!s.schema_data.extensions.contains_key("x-ms-client-name"));
    }

    #[test]
    fn path_parameter_is_required_by_default() {
        let p = only(json!([{"name": "id", "in": "path", "type": "string"}]));
        assert!(p.parameter_data_ref().required);
    }

    #[test]
    fn global_parameters_become_components_and_refs_are_rewritten() {
        let doc = swagger(json!({
            "paths": {"/things/{id}": {"get": {
                "parameters": [{"$ref": "#/parameters/Id"}, {"$ref": "#/parameters/ApiVersion"}],
                "responses": {}
            }}},
            "parameters": {
                "Id": {"name": "id", "in": "path", "required": true, "type": "string"},
                "ApiVersion": {"name": "api-version", "in": "query", "required": true, "type": "string",
                               "x-ms-parameter-location": "client"},
                "Body": {"name": "body", "in": "body", "schema": {"type": "string"}},
                "Form": {"name": "f", "in": "formData", "type": "string"}
            }
        }));
        let oa = convert_ok(&doc);
        let components = oa.components.unwrap();
        assert_eq!(components.parameters.keys().collect::<Vec<_>>(), ["Id", "ApiVersion"]);
        assert_eq!(components.request_bodies.keys().collect::<Vec<_>>(), ["Body"]);
        let api_version = components.parameters["ApiVersion"].as_item().unwrap();
        assert_eq!(
            api_version.parameter_data_ref().extensions["x-ms-parameter-location"],
            json!("client")
        );
        let op = oa.paths.paths["/things/{id}"].as_item().unwrap().get.clone().unwrap();
        assert_eq!(
            op.parameters,
            [
                ReferenceOr::Reference {
                    reference: "#/components/parameters/Id".into()
                },
                ReferenceOr::Reference {
                    reference: "#/components/parameters/ApiVersion".into()
                },
            ]
        );
    }

    #[test]
    fn path_level_parameters_are_merged_and_overridden_in_place() {
        let doc = swagger(json!({
            "paths": {"/things/{id}": {
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "type": "string"},
                    {"name": "q", "in": "query", "type": "string"}
                ],
                "get": {
                    "parameters": [
                        {"name": "x", "in": "header", "type": "string"},
                        {"name": "id", "in": "path", "required": true, "type": "integer"}
                    ],
                    "responses": {}
                }
            }}
        }));
        let oa = convert_ok(&doc);
        let op = oa.paths.paths["/things/{id}"].as_item().unwrap().get.clone().unwrap();
        let names: Vec<_> = op
            .parameters
            .iter()
            .map(|p| p.as_item().unwrap().parameter_data_ref().name.clone())
            .collect();
        assert_eq!(names, ["id", "q", "x"]);
        let ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) =
            &op.parameters[0].as_item().unwrap().parameter_data_ref().format
        else {
            panic!()
        };
        assert!(
            matches!(s.schema_kind, SchemaKind::Type(Type::Integer(_))),
            "operation overrides"
        );
    }

    #[test]
    fn form_data_becomes_a_form_request_body() {
        let doc = swagger(json!({
            "paths": {"/upload": {"post": {
                "consumes": ["multipart/form-data"],
                "parameters": [
                    {"name": "q", "in": "query", "type": "string"},
                    {"name": "file", "in": "formData", "type": "file", "required": true,
                     "description": "The file.", "x-ms-client-name": "content"},
                    {"name": "note", "in": "formData", "type": "string"}
                ],
                "responses": {}
            }}}
        }));
        let oa = convert_ok(&doc);
        let op = oa.paths.paths["/upload"].as_item().unwrap().post.clone().unwrap();
        assert_eq!(op.parameters.len(), 1);
        assert_eq!(op.extensions["x-ms-requestBody-index"], json!(1));
        let body = op.request_body.unwrap().into_item().unwrap();
        assert!(body.required);
        assert_eq!(body.extensions["x-ms-requestBody-index"], json!(1));
        assert_eq!(body.content.keys().collect::<Vec<_>>(), ["multipart/form-data"]);
        let ReferenceOr::Item(schema) = body.content["multipart/form-data"].schema.clone().unwrap() else {
            panic!()
        };
        let SchemaKind::Type(Type::Object(o)) = schema.schema_kind else {
            panic!()
        };
        assert_eq!(o.properties.keys().collect::<Vec<_>>(), ["file", "note"]);
        assert_eq!(o.required, ["file"]);
        let ReferenceOr::Item(file) = &o.properties["file"] else {
            panic!()
        };
        assert_eq!(file.schema_data.description.as_deref(), Some("The file."));
        assert_eq!(file.schema_data.extensions["x-ms-client-name"], json!("content"));
        let SchemaKind::Type(Type::String(s)) = &file.schema_kind else {
            panic!()
        };
        assert_eq!(s.format, VariantOrUnknownOrEmpty::Item(StringFormat::Binary));
    }

    #[test]
    fn form_data_without_multipart_is_urlencoded() {
        let doc = swagger(json!({
            "paths": {"/login": {"post": {
                "parameters": [{"name": "user", "in": "formData", "type": "string"}],
                "responses": {}
            }}}
        }));
        let oa = convert_ok(&doc);
        let op = oa.paths.paths["/login"].as_item().unwrap().post.clone().unwrap();
        let body = op.request_body.unwrap().into_item().unwrap();
        assert_eq!(
            body.content.keys().collect::<Vec<_>>(),
            ["application/x-www-form-urlencoded"]
        );
        assert!(!body.required);
    }

    #[test]
    fn parameter_errors_are_located() {
        let with = |params: Value| swagger(json!({"paths": {"/t": {"get": {"parameters": params, "responses": {}}}}}));
        let e = error_of(&with(json!([{"name": "a", "in": "cookie", "type": "string"}])));
        assert_eq!(e.pointer, "/paths/~1t/get/parameters/0/in");
        assert!(
            e.message.contains("unknown parameter location `cookie`"),
            "{}",
            e.message
        );

        let e = error_of(&with(
            json!([{"name": "a", "in": "query", "type": "array", "items": {"type": "string"},
                                       "collectionFormat": "bogus"}]),
        ));
        assert_eq!(e.pointer, "/paths/~1t/get/parameters/0/collectionFormat");

        let e = error_of(&with(
            json!([{"name": "a", "in": "path", "type": "array", "items": {"type": "string"},
                                       "collectionFormat": "multi", "required": true}]),
        ));
        assert!(e.message.contains("multi"), "{}", e.message);

        let e = error_of(&with(json!([{"$ref": "#/parameters/Nope"}])));
        assert_eq!(e.pointer, "/paths/~1t/get/parameters/0/$ref");

        let e = error_of(&with(
            json!([{"name": "a", "in": "query"}, {"name": "a", "in": "query"}]),
        ));
        assert_eq!(e.pointer, "/paths/~1t/get/parameters/1");
        assert!(e.message.contains("declared twice"), "{}", e.message);

        let e = error_of(&with(json!(["a"])));
        assert_eq!(e.pointer, "/paths/~1t/get/parameters/0");

        let e = error_of(&with(json!({"name": "a"})));
        assert_eq!(e.pointer, "/paths/~1t/get/parameters");

        let e = error_of(&with(json!([{"in": "query", "type": "string"}])));
        assert!(e.message.contains("missing required `name`"), "{}", e.message);

        let e = error_of(&with(json!([{"name": "b", "in": "body"}])));
        assert!(e.message.contains("`schema`"), "{}", e.message);

        let e = error_of(&swagger(
            json!({"paths": {}, "parameters": {"A": {"$ref": "#/parameters/A"}}}),
        ));
        assert!(e.message.contains("cycle"), "{}", e.message);
    }

    #[test]
    fn external_parameter_refs_are_kept() {
        let ps = params_of(json!([{"$ref": "../Common.json#/parameters/X"}]));
        assert_eq!(
            ps,
            [ReferenceOr::Reference {
                reference: "../Common.json#/parameters/X".into()
            }]
        );
    }
}
