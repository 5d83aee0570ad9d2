//! The MODEL stage on its own: small Swagger 2.0 specs, held in memory, go through load -> convert
//! -> model, and each test asserts the exact code model one rule of `model::build` produces
//! (groups, parameters, client parameters, auth, bodies, responses, schemas, enums, names, docs,
//! and the pointers of the errors it reports).

use std::path::Path;

use codegen::model::{
    Auth, BodyKind, CodeModel, CollectionFormat, Constraints, EnumDef, EnumValue, Field, GroupNames, Location, Method,
    Operation, Parameter, Rename, RequestBody, ResponseHeader, SchemaDef, SchemaKind, SuccessResponse, TypeRef,
};
use codegen::{load, model, Diagnostic};
use serde_json::{json, Value};

/// The file name every in-memory spec is loaded under.
const SPEC: &str = "spec.json";

// ----- helpers ---------------------------------------------------------------------------------

/// A Swagger 2.0 document: `swagger`, `info` and `host` plus the given root entries.
fn swagger(rest: Value) -> Value {
    let mut doc = json!({
        "swagger": "2.0",
        "info": {"title": "Test Service", "version": "2024-01-01"},
        "host": "example.com"
    });
    let (Some(doc_map), Value::Object(rest)) = (doc.as_object_mut(), rest) else {
        panic!("swagger() takes an object");
    };
    doc_map.extend(rest);
    doc
}

/// A spec with one operation `method path` whose body (operationId, parameters, ...) is `op`.
fn one_operation(path: &str, method: &str, op: Value) -> Value {
    swagger(json!({"paths": {path: {method: op}}}))
}

/// The `responses` of an operation that documents only `200 OK` without a body.
fn ok() -> Value {
    json!({"200": {"description": "OK"}})
}

/// Runs load -> convert -> model on `spec`, read from memory as `spec.json`.
fn try_build(spec: &Value) -> Result<CodeModel, Diagnostic> {
    let text = serde_json::to_string_pretty(spec).expect("a spec serializes");
    codegen::code_model(&load::load_text(Path::new(SPEC), &text)?, &model::Options::default())
}

#[track_caller]
fn build(spec: &Value) -> CodeModel {
    try_build(spec).unwrap_or_else(|d| panic!("expected a code model, got the diagnostic {d}"))
}

#[track_caller]
fn build_err(spec: &Value) -> Diagnostic {
    match try_build(spec) {
        Ok(model) => panic!("expected a diagnostic, got a code model: {model:#?}"),
        Err(d) => d,
    }
}

#[track_caller]
fn operation<'m>(model: &'m CodeModel, id: &str) -> &'m Operation {
    model
        .operations()
        .map(|(_, op)| op)
        .find(|op| op.id == id)
        .unwrap_or_else(|| panic!("no operation `{id}`"))
}

#[track_caller]
fn schema<'m>(model: &'m CodeModel, name: &str) -> &'m SchemaDef {
    model.schema(name).unwrap_or_else(|| {
        let names: Vec<_> = model.schemas.iter().map(|s| &s.name).collect();
        panic!("no schema `{name}`; the schemas are {names:?}")
    })
}

#[track_caller]
fn fields<'m>(model: &'m CodeModel, name: &str) -> &'m [Field] {
    match &schema(model, name).kind {
        SchemaKind::Struct { fields } => fields,
        other => panic!("`{name}` is not a struct: {other:?}"),
    }
}

#[track_caller]
fn field<'m>(model: &'m CodeModel, owner: &str, wire_name: &str) -> &'m Field {
    fields(model, owner)
        .iter()
        .find(|f| f.wire_name == wire_name)
        .unwrap_or_else(|| panic!("`{owner}` has no field `{wire_name}`"))
}

#[track_caller]
fn enum_def<'m>(model: &'m CodeModel, name: &str) -> &'m EnumDef {
    match &schema(model, name).kind {
        SchemaKind::Enum(e) => e,
        other => panic!("`{name}` is not an enum: {other:?}"),
    }
}

/// `(wire name, Rust name, type)` of every field of a struct.
fn field_names_and_types(model: &CodeModel, name: &str) -> Vec<(String, String, TypeRef)> {
    fields(model, name)
        .iter()
        .map(|f| (f.wire_name.clone(), f.name.clone(), f.ty.clone()))
        .collect()
}

/// A parameter with everything but its names, place and type at the default.
fn param(wire_name: &str, name: &str, location: Location, ty: TypeRef) -> Parameter {
    Parameter {
        wire_name: wire_name.into(),
        name: name.into(),
        location,
        ty,
        required: false,
        default: None,
        constraints: Constraints::default(),
        collection_format: None,
        skip_url_encoding: false,
        docs: String::new(),
    }
}

/// The Rust names of the client parameters an operation sends.
fn client_names<'m>(model: &'m CodeModel, op: &'m codegen::model::Operation) -> Vec<&'m str> {
    model.client_parameters_of(op).map(|p| p.name.as_str()).collect()
}

fn named(model: &CodeModel, name: &str) -> TypeRef {
    TypeRef::Named(model.type_id(name).unwrap_or_else(|| panic!("no type {name}")))
}

fn array(item: TypeRef) -> TypeRef {
    TypeRef::Array(Box::new(item))
}

fn rename(scope: &str, spec_name: &str, rust_name: &str, reason: &str) -> Rename {
    Rename {
        scope: scope.into(),
        spec_name: spec_name.into(),
        rust_name: rust_name.into(),
        reason: reason.into(),
    }
}

#[track_caller]
fn renames_of<'m>(model: &'m CodeModel, spec_name: &str) -> Vec<&'m Rename> {
    model.renames.iter().filter(|r| r.spec_name == spec_name).collect()
}

/// A path parameter `{name}` of type string.
fn path_param(name: &str) -> Value {
    json!({"name": name, "in": "path", "required": true, "type": "string"})
}

// ----- operation groups -----------------------------------------------------------------------

#[test]
fn operation_ids_form_groups_with_snake_case_accessors_and_methods() {
    let spec = swagger(json!({
        "paths": {
            "/persongroups/{personGroupId}/training": {
                "get": {"operationId": "PersonGroup_GetTrainingStatus", "parameters": [path_param("personGroupId")],
                        "responses": ok()}
            },
            "/facelists": {"get": {"operationId": "FaceList_List", "responses": ok()}},
            "/persongroups/{personGroupId}": {
                "put": {"operationId": "PersonGroup_Create", "parameters": [path_param("personGroupId")],
                        "responses": ok()}
            },
            "/detect": {"post": {"operationId": "Detect", "responses": ok()}}
        }
    }));
    let model = build(&spec);

    /// `(spec, accessor, type_name)` of a group.
    type Names<'a> = Option<(&'a str, &'a str, &'a str)>;
    /// `(id, name, builder, method, path)` of an operation.
    type Op<'a> = (&'a str, &'a str, &'a str, Method, &'a str);
    let summary: Vec<(Names, Vec<Op>)> = model
        .groups
        .iter()
        .map(|g| {
            let names = g
                .name
                .as_ref()
                .map(|n: &GroupNames| (n.spec.as_str(), n.accessor.as_str(), n.type_name.as_str()));
            let ops = g
                .operations
                .iter()
                .map(|o| {
                    (
                        o.id.as_str(),
                        o.name.as_str(),
                        o.builder.as_str(),
                        o.method,
                        o.path.as_str(),
                    )
                })
                .collect();
            (names, ops)
        })
        .collect();
    assert_eq!(
        summary,
        [
            // The client-level group comes first although its operation is the last in the spec.
            (None, vec![("Detect", "detect", "Detect", Method::Post, "/detect")]),
            (
                Some(("PersonGroup", "person_group", "PersonGroupOperations")),
                vec![
                    (
                        "PersonGroup_GetTrainingStatus",
                        "get_training_status",
                        "GetTrainingStatus",
                        Method::Get,
                        "/persongroups/{personGroupId}/training",
                    ),
                    (
                        "PersonGroup_Create",
                        "create",
                        "Create",
                        Method::Put,
                        "/persongroups/{personGroupId}",
                    ),
                ]
            ),
            (
                Some(("FaceList", "face_list", "FaceListOperations")),
                vec![("FaceList_List", "list", "List", Method::Get, "/facelists")]
            ),
        ]
    );
    assert_eq!(model.renames, []);
}

// ----- parameters ----------------------------------------------------------------------------

#[test]
fn path_query_and_header_parameters_keep_wire_names_places_defaults_and_constraints() {
    let spec = one_operation(
        "/items/{itemId}",
        "get",
        json!({
            "operationId": "Items_Get",
            "parameters": [
                {"name": "itemId", "in": "path", "required": true, "type": "string", "description": "The item.",
                 "maxLength": 64, "minLength": 1, "pattern": "^[a-z0-9-]+$", "x-ms-skip-url-encoding": true},
                {"name": "top", "in": "query", "type": "integer", "format": "int32", "default": 10,
                 "minimum": 1, "maximum": 100, "exclusiveMaximum": true},
                {"name": "ratio", "in": "query", "required": true, "type": "number", "format": "double",
                 "minimum": 0, "exclusiveMinimum": true, "multipleOf": 0.5},
                {"name": "tags", "in": "query", "required": true, "type": "array", "items": {"type": "string"},
                 "minItems": 1, "maxItems": 5, "uniqueItems": true},
                {"name": "x-ms-client-request-id", "in": "header", "type": "string", "format": "uuid"},
                {"name": "Content-Type", "in": "header", "type": "string"}
            ],
            "responses": ok()
        }),
    );
    let model = build(&spec);
    let op = operation(&model, "Items_Get");
    let expected = [
        Parameter {
            required: true,
            constraints: Constraints {
                max_length: Some(64),
                min_length: Some(1),
                pattern: Some(codegen::model::Pattern {
                    source: "^[a-z0-9-]+$".into(),
                    engine: codegen::model::PatternEngine::Plain,
                }),
                ..Constraints::default()
            },
            skip_url_encoding: true,
            docs: "The item.".into(),
            ..param("itemId", "item_id", Location::Path, TypeRef::String)
        },
        Parameter {
            default: Some(json!(10)),
            constraints: Constraints {
                maximum: Some(100.0),
                exclusive_maximum: true,
                minimum: Some(1.0),
                ..Constraints::default()
            },
            ..param("top", "top", Location::Query, TypeRef::Int32)
        },
        Parameter {
            required: true,
            constraints: Constraints {
                minimum: Some(0.0),
                exclusive_minimum: true,
                multiple_of: Some(0.5),
                ..Constraints::default()
            },
            ..param("ratio", "ratio", Location::Query, TypeRef::Float64)
        },
        Parameter {
            required: true,
            constraints: Constraints {
                max_items: Some(5),
                min_items: Some(1),
                unique_items: true,
                ..Constraints::default()
            },
            collection_format: Some(CollectionFormat::Csv),
            ..param("tags", "tags", Location::Query, array(TypeRef::String))
        },
        // `Content-Type` is not a parameter: it is set from the media types.
        param(
            "x-ms-client-request-id",
            "x_ms_client_request_id",
            Location::Header,
            TypeRef::Uuid,
        ),
    ];
    assert_eq!(op.parameters, expected);
    assert_eq!(client_names(&model, op), Vec::<&str>::new());
    assert_eq!(op.body, None);
}

#[test]
fn array_parameters_get_their_collection_format() {
    let list = |name: &str, location: &str, format: Option<&str>| {
        let mut p = json!({"name": name, "in": location, "type": "array", "items": {"type": "string"}});
        if let Some(format) = format {
            p["collectionFormat"] = json!(format);
        }
        p
    };
    let spec = one_operation(
        "/lists",
        "get",
        json!({
            "operationId": "Lists_Get",
            "parameters": [
                list("plain", "query", None),
                list("csv", "query", Some("csv")),
                list("ssv", "query", Some("ssv")),
                list("tsv", "query", Some("tsv")),
                list("pipes", "query", Some("pipes")),
                list("multi", "query", Some("multi")),
                list("x-list", "header", Some("pipes")),
                {"name": "single", "in": "query", "type": "string"}
            ],
            "responses": ok()
        }),
    );
    let model = build(&spec);
    let formats: Vec<(&str, Option<CollectionFormat>)> = operation(&model, "Lists_Get")
        .parameters
        .iter()
        .map(|p| (p.wire_name.as_str(), p.collection_format))
        .collect();
    assert_eq!(
        formats,
        [
            ("plain", Some(CollectionFormat::Csv)),
            ("csv", Some(CollectionFormat::Csv)),
            ("ssv", Some(CollectionFormat::Ssv)),
            ("tsv", Some(CollectionFormat::Tsv)),
            ("pipes", Some(CollectionFormat::Pipes)),
            ("multi", Some(CollectionFormat::Multi)),
            ("x-list", Some(CollectionFormat::Pipes)),
            ("single", None),
        ]
    );
}

// ----- client ------------------------------------------------------------------------------------

#[test]
fn parameterized_host_without_scheme_prefix_keeps_the_template_and_base_path() {
    let mut spec = swagger(json!({
        "basePath": "/face/v1.0",
        "x-ms-parameterized-host": {
            "hostTemplate": "{Endpoint}",
            "useSchemePrefix": false,
            "parameters": [{
                "name": "Endpoint", "in": "path", "required": true, "type": "string",
                "description": "Supported Cognitive Services endpoints.", "x-ms-skip-url-encoding": true
            }]
        },
        "paths": {"/detect": {"post": {"operationId": "Face_Detect", "responses": ok()}}}
    }));
    spec.as_object_mut().unwrap().remove("host");
    let model = build(&spec);
    assert_eq!(model.client.host_template, "{Endpoint}/face/v1.0");
    assert_eq!(
        model.client.parameters,
        [Parameter {
            required: true,
            skip_url_encoding: true,
            docs: "Supported Cognitive Services endpoints.".into(),
            ..param("Endpoint", "endpoint", Location::Path, TypeRef::String)
        }]
    );
    assert_eq!(
        client_names(&model, operation(&model, "Face_Detect")),
        Vec::<&str>::new()
    );
}

#[test]
fn parameterized_host_with_scheme_prefix_and_referenced_parameters() {
    let spec = swagger(json!({
        "basePath": "/api",
        "x-ms-parameterized-host": {
            "hostTemplate": "{accountName}.{region}.example.com",
            "parameters": [
                {"$ref": "#/parameters/AccountName"},
                {"name": "region", "in": "path", "required": false, "type": "string", "default": "westus"}
            ]
        },
        "parameters": {
            "AccountName": {"name": "accountName", "in": "path", "required": true, "type": "string",
                            "x-ms-parameter-location": "client"}
        },
        "paths": {"/things": {"get": {"operationId": "Things_List", "responses": ok()}}}
    }));
    let model = build(&spec);
    assert_eq!(
        model.client.host_template,
        "https://{accountName}.{region}.example.com/api"
    );
    assert_eq!(
        model.client.parameters,
        [
            Parameter {
                required: true,
                ..param("accountName", "account_name", Location::Path, TypeRef::String)
            },
            Parameter {
                default: Some(json!("westus")),
                ..param("region", "region", Location::Path, TypeRef::String)
            },
        ]
    );
}

#[test]

fn parameterized_host_scheme_prefix_uses_the_specs_scheme() {
    let spec = swagger(json!({
        "schemes": ["http"],
        "x-ms-parameterized-host": {
            "hostTemplate": "{host}",
            "parameters": [{"name": "host", "in": "path", "required": true, "type": "string"}]
        },
        "paths": {"/things": {"get": {"operationId": "Things_List", "responses": ok()}}}
    }));
    let model = build(&spec);
    // The converter makes the server `http://{host}`; the model must not change the scheme.
    assert_eq!(model.client.host_template, "http://{host}");
}

#[test]
fn global_parameter_is_a_client_parameter_sent_by_every_operation_that_uses_it() {
    let spec = swagger(json!({
        "parameters": {
            "ApiVersion": {"name": "api-version", "in": "query", "required": true, "type": "string",
                           "default": "2024-01-01", "description": "The API version."}
        },
        "paths": {
            "/a": {"get": {"operationId": "A_Get", "parameters": [{"$ref": "#/parameters/ApiVersion"}],
                           "responses": ok()}},
            "/b": {"get": {"operationId": "B_Get",
                           "parameters": [{"name": "q", "in": "query", "type": "string"},
                                          {"$ref": "#/parameters/ApiVersion"}],
                           "responses": ok()}},
            "/c": {"get": {"operationId": "C_Get", "responses": ok()}}
        }
    }));
    let model = build(&spec);
    assert_eq!(
        model.client.parameters,
        [Parameter {
            required: true,
            default: Some(json!("2024-01-01")),
            docs: "The API version.".into(),
            ..param("api-version", "api_version", Location::Query, TypeRef::String)
        }]
    );
    let a = operation(&model, "A_Get");
    assert_eq!(a.parameters, []);
    assert_eq!(client_names(&model, a), ["api_version"]);
    let b = operation(&model, "B_Get");
    assert_eq!(b.parameters, [param("q", "q", Location::Query, TypeRef::String)]);
    assert_eq!(client_names(&model, b), ["api_version"]);
    assert_eq!(client_names(&model, operation(&model, "C_Get")), Vec::<&str>::new());
}

#[test]
fn global_parameter_with_method_location_is_an_operation_parameter() {
    let spec = swagger(json!({
        "parameters": {
            "ApiVersion": {"name": "api-version", "in": "query", "required": true, "type": "string",
                           "default": "2024-01-01", "x-ms-parameter-location": "method"}
        },
        "paths": {
            "/a": {"get": {"operationId": "A_Get", "parameters": [{"$ref": "#/parameters/ApiVersion"}],
                           "responses": ok()}}
        }
    }));
    let model = build(&spec);
    assert_eq!(model.client.parameters, []);
    let a = operation(&model, "A_Get");
    assert_eq!(
        a.parameters,
        [Parameter {
            required: true,
            default: Some(json!("2024-01-01")),
            ..param("api-version", "api_version", Location::Query, TypeRef::String)
        }]
    );
    assert_eq!(client_names(&model, a), Vec::<&str>::new());
}

#[test]
fn inline_parameter_with_client_location_is_a_client_parameter() {
    let spec = one_operation(
        "/a",
        "get",
        json!({
            "operationId": "A_Get",
            "parameters": [{"name": "x-tenant", "in": "header", "type": "string",
                            "x-ms-parameter-location": "client"}],
            "responses": ok()
        }),
    );
    let model = build(&spec);
    assert_eq!(
        model.client.parameters,
        [param("x-tenant", "x_tenant", Location::Header, TypeRef::String)]
    );
    assert_eq!(operation(&model, "A_Get").parameters, []);
    assert_eq!(client_names(&model, operation(&model, "A_Get")), ["x_tenant"]);
}

#[test]
fn api_key_security_definitions_become_auth() {
    let definitions = json!({
        "headerKey": {"type": "apiKey", "name": "Ocp-Apim-Subscription-Key", "in": "header"},
        "queryKey": {"type": "apiKey", "name": "subscription-key", "in": "query"}
    });
    let paths = json!({"/a": {"get": {"operationId": "A_Get", "responses": ok()}}});
    let spec = swagger(json!({
        "securityDefinitions": definitions,
        "security": [{"headerKey": []}, {"queryKey": []}],
        "paths": paths
    }));
    assert_eq!(
        build(&spec).client.auth,
        [
            Auth::ApiKeyHeader {
                name: "Ocp-Apim-Subscription-Key".into()
            },
            Auth::ApiKeyQuery {
                name: "subscription-key".into()
            },
        ]
    );

    // Defined but not required by `security`: no authentication.
    let spec = swagger(json!({"securityDefinitions": definitions, "paths": paths}));
    assert_eq!(build(&spec).client.auth, []);
}

#[test]
fn oauth2_scopes_are_the_ones_entra_id_issues_tokens_for() {
    let paths = json!({"/a": {"get": {"operationId": "A_Get", "responses": ok()}}});
    let bearer = |scheme: Value, requirement: Value| {
        let spec = swagger(json!({
            "securityDefinitions": {"aad": scheme},
            "security": [{"aad": requirement}],
            "paths": paths
        }));
        build(&spec).client.auth
    };
    let scopes = |scopes: &[&str]| {
        vec![Auth::Bearer {
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
        }]
    };
    // Every Azure Resource Manager spec: `user_impersonation` on Entra ID's authorize endpoint is
    // no scope Entra ID issues tokens for; AutoRest asks for Resource Manager's.
    let arm = json!({
        "type": "oauth2",
        "authorizationUrl": "https://login.microsoftonline.com/common/oauth2/authorize",
        "flow": "implicit",
        "description": "Azure Active Directory OAuth2 Flow",
        "scopes": {"user_impersonation": "impersonate your user account"}
    });
    assert_eq!(
        bearer(arm.clone(), json!(["user_impersonation"])),
        scopes(&["https://management.azure.com/.default"])
    );
    // A requirement without scopes: the flow's declared ones.
    assert_eq!(
        bearer(arm, json!([])),
        scopes(&["https://management.azure.com/.default"])
    );
    // A scope that is a resource URL is used as it is (the AutoRest test server's AAD spec).
    let data_plane = json!({
        "type": "oauth2",
        "authorizationUrl": "https://login.microsoftonline.com/common/oauth2/authorize",
        "flow": "implicit",
        "scopes": {"https://cognitiveservices.azure.com/.default": ""}
    });
    assert_eq!(
        bearer(data_plane.clone(), json!([])),
        scopes(&["https://cognitiveservices.azure.com/.default"])
    );
    assert_eq!(
        bearer(data_plane, json!(["https://security.microsoft.com/.default"])),
        scopes(&["https://security.microsoft.com/.default"])
    );
    // `user_impersonation` of another authority is that authority's business: kept.
    let other = json!({
        "type": "oauth2",
        "tokenUrl": "https://auth.example.com/token",
        "flow": "application",
        "scopes": {"user_impersonation": ""}
    });
    assert_eq!(bearer(other, json!([])), scopes(&["user_impersonation"]));
}

/// Builds `spec` with the directives `yaml`.
fn try_build_with(spec: &Value, yaml: &str) -> Result<CodeModel, Diagnostic> {
    let text = serde_json::to_string_pretty(spec).expect("a spec serializes");
    let options = model::Options {
        directives: model::directives::parse(yaml).expect("directives parse"),
        directives_file: "spec.codegen.yaml".into(),
        ..Default::default()
    };
    codegen::code_model(&load::load_text(Path::new(SPEC), &text)?, &options)
}

#[test]
fn the_security_directive_adds_entra_id_tokens_to_a_key() {
    let spec = swagger(json!({
        "securityDefinitions": {"apim_key": {"type": "apiKey", "name": "Ocp-Apim-Subscription-Key", "in": "header"}},
        "security": [{"apim_key": []}],
        "paths": {"/a": {"get": {"operationId": "A_Get", "responses": ok()}}}
    }));
    let yaml = "security: [apim_key, AADToken]\nsecurity-scopes: [https://cognitiveservices.azure.com/.default]\n";
    assert_eq!(
        try_build_with(&spec, yaml).unwrap().client.auth,
        [
            Auth::ApiKeyHeader {
                name: "Ocp-Apim-Subscription-Key".into()
            },
            Auth::Bearer {
                scopes: vec!["https://cognitiveservices.azure.com/.default".into()]
            },
        ]
    );
    // Tokens first: `Client::new` takes a token credential.
    let yaml = "security: [AADToken, apim_key]\nsecurity-scopes: [api://app/.default]\n";
    assert!(matches!(
        try_build_with(&spec, yaml).unwrap().client.auth.first(),
        Some(Auth::Bearer { .. })
    ));
    // Mistakes are errors that point at the directive.
    for (yaml, pointer, message) in [
        ("security: [api_key]\n", "/security/0", "no security scheme `api_key`"),
        ("security: [AADToken]\n", "/security-scopes", "needs the scopes"),
        (
            "security: [apim_key]\nsecurity-scopes: [x]\n",
            "/security-scopes",
            "does not list",
        ),
        ("security-scopes: [x]\n", "/security-scopes", "is not there"),
    ] {
        let diagnostic = try_build_with(&spec, yaml).unwrap_err();
        assert_eq!(diagnostic.pointer, pointer, "{yaml}: {diagnostic}");
        assert!(diagnostic.message.contains(message), "{yaml}: {diagnostic}");
        assert!(diagnostic.file.ends_with("spec.codegen.yaml"), "{yaml}: {diagnostic}");
    }
}

// ----- request bodies --------------------------------------------------------------------------

/// A model with required, defaulted, constrained and read-only properties, for body tests.
fn widget_create() -> Value {
    json!({
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "maxLength": 10, "description": "The name."},
            "id": {"type": "string", "readOnly": true},
            "color": {"type": "string", "default": "red"},
            "size": {"type": "integer", "format": "int32"}
        }
    })
}

/// The parameters the properties of [`widget_create`] flatten into (the read-only `id` excluded).
fn flattened_widget_create() -> Vec<Parameter> {
    let property = |wire: &str, ty: TypeRef| param(wire, wire, Location::BodyProperty { field: wire.into() }, ty);
    vec![
        Parameter {
            required: true,
            constraints: Constraints {
                max_length: Some(10),
                ..Constraints::default()
            },
            docs: "The name.".into(),
            ..property("name", TypeRef::String)
        },
        Parameter {
            default: Some(json!("red")),
            ..property("color", TypeRef::String)
        },
        property("size", TypeRef::Int32),
    ]
}

#[test]
fn flattened_body_properties_become_parameters_where_the_body_stood() {
    let spec = swagger(json!({
        "definitions": {"WidgetCreate": widget_create()},
        "paths": {"/widgets/{widgetId}": {"put": {
            "operationId": "Widgets_Create",
            "parameters": [
                path_param("widgetId"),
                {"name": "body", "in": "body", "required": true, "x-ms-client-flatten": true,
                 "schema": {"$ref": "#/definitions/WidgetCreate"}},
                {"name": "dryRun", "in": "query", "type": "boolean"}
            ],
            "responses": ok()
        }}}
    }));
    let model = build(&spec);
    let op = operation(&model, "Widgets_Create");
    let mut expected = vec![Parameter {
        required: true,
        ..param("widgetId", "widget_id", Location::Path, TypeRef::String)
    }];
    expected.extend(flattened_widget_create());
    expected.push(param("dryRun", "dry_run", Location::Query, TypeRef::Bool));
    assert_eq!(op.parameters, expected);
    assert_eq!(
        op.body,
        Some(RequestBody {
            content_type: "application/json".into(),
            kind: BodyKind::Flattened {
                model: model.type_id("WidgetCreate").unwrap()
            },
            required: true,
            parameter_name: "body".into(),
        })
    );
    // The model itself keeps every property, the read-only one included.
    let names: Vec<_> = fields(&model, "WidgetCreate").iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["name", "id", "color", "size"]);
}

#[test]

fn flattened_body_stays_before_later_parameters_when_a_client_parameter_precedes_it() {
    let spec = swagger(json!({
        "parameters": {
            "ApiVersion": {"name": "api-version", "in": "query", "required": true, "type": "string"}
        },
        "definitions": {"WidgetCreate": widget_create()},
        "paths": {"/widgets": {"post": {
            "operationId": "Widgets_Create",
            "parameters": [
                {"$ref": "#/parameters/ApiVersion"},
                {"name": "body", "in": "body", "required": true, "x-ms-client-flatten": true,
                 "schema": {"$ref": "#/definitions/WidgetCreate"}},
                {"name": "dryRun", "in": "query", "type": "boolean"}
            ],
            "responses": ok()
        }}}
    }));
    let model = build(&spec);
    let op = operation(&model, "Widgets_Create");
    assert_eq!(client_names(&model, op), ["api_version"]);
    let names: Vec<_> = op.parameters.iter().map(|p| p.name.as_str()).collect();
    // Actual: ["dry_run", "name", "color", "size"]: the body's index 1 counts api-version, which is
    // not in the list of method parameters it is applied to.
    assert_eq!(names, ["name", "color", "size", "dry_run"]);
    let mut expected = flattened_widget_create();
    expected.push(param("dryRun", "dry_run", Location::Query, TypeRef::Bool));
    assert_eq!(op.parameters, expected);
}

#[test]

fn global_body_parameter_keeps_its_position() {
    let spec = swagger(json!({
        "parameters": {
            "WidgetBody": {"name": "widget", "in": "body", "required": true,
                           "schema": {"$ref": "#/definitions/WidgetCreate"}, "x-ms-parameter-location": "method"}
        },
        "definitions": {"WidgetCreate": widget_create()},
        "paths": {"/widgets/{widgetId}": {"put": {
            "operationId": "Widgets_Create",
            "parameters": [
                path_param("widgetId"),
                {"$ref": "#/parameters/WidgetBody"},
                {"name": "dryRun", "in": "query", "type": "boolean"}
            ],
            "responses": ok()
        }}}
    }));
    let model = build(&spec);
    let names: Vec<_> = operation(&model, "Widgets_Create")
        .parameters
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    // Actual: ["widget_id", "dry_run", "widget"].
    assert_eq!(names, ["widget_id", "widget", "dry_run"]);
}

#[test]
fn unflattened_body_is_one_parameter_named_after_the_body_parameter() {
    let spec = swagger(json!({
        "definitions": {"WidgetCreate": widget_create()},
        "paths": {"/widgets/{widgetId}": {"put": {
            "operationId": "Widgets_Create",
            "parameters": [
                path_param("widgetId"),
                {"name": "newWidget", "in": "body", "required": true, "description": "What to create.",
                 "schema": {"$ref": "#/definitions/WidgetCreate"}},
                {"name": "dryRun", "in": "query", "type": "boolean"}
            ],
            "responses": ok()
        }}}
    }));
    let model = build(&spec);
    let op = operation(&model, "Widgets_Create");
    assert_eq!(
        op.parameters,
        [
            Parameter {
                required: true,
                ..param("widgetId", "widget_id", Location::Path, TypeRef::String)
            },
            Parameter {
                required: true,
                docs: "What to create.".into(),
                ..param("newWidget", "new_widget", Location::Body, named(&model, "WidgetCreate"))
            },
            param("dryRun", "dry_run", Location::Query, TypeRef::Bool),
        ]
    );
    assert_eq!(
        op.body,
        Some(RequestBody {
            content_type: "application/json".into(),
            kind: BodyKind::Json,
            required: true,
            parameter_name: "newWidget".into(),
        })
    );
}

#[test]
fn octet_stream_body_is_binary() {
    let spec = one_operation(
        "/detect",
        "post",
        json!({
            "operationId": "Face_DetectWithStream",
            "consumes": ["application/octet-stream"],
            "parameters": [
                {"name": "Image", "in": "body", "required": true, "schema": {"type": "string", "format": "binary"}}
            ],
            "responses": ok()
        }),
    );
    let model = build(&spec);
    let op = operation(&model, "Face_DetectWithStream");
    assert_eq!(
        op.parameters,
        [Parameter {
            required: true,
            ..param("Image", "image", Location::Body, TypeRef::Binary)
        }]
    );
    assert_eq!(
        op.body,
        Some(RequestBody {
            content_type: "application/octet-stream".into(),
            kind: BodyKind::Binary,
            required: true,
            parameter_name: "Image".into(),
        })
    );
}

// ----- responses -------------------------------------------------------------------------------

#[test]
fn responses_have_statuses_bodies_typed_headers_error_type_and_accept() {
    let spec = swagger(json!({
        "definitions": {
            "Widget": {"type": "object", "properties": {"name": {"type": "string"}}},
            "ErrorResponse": {"type": "object", "properties": {"message": {"type": "string"}}}
        },
        "paths": {"/widgets/{id}": {"get": {
            "operationId": "Widgets_Get",
            "produces": ["application/json"],
            "parameters": [path_param("id")],
            "responses": {
                "200": {
                    "description": "The widget.",
                    "schema": {"$ref": "#/definitions/Widget"},
                    "headers": {
                        "ETag": {"type": "string", "description": "Version."},
                        "Retry-After": {"type": "integer", "format": "int32"},
                        "x-ms-request-id": {"type": "string", "format": "uuid"}
                    }
                },
                "202": {"description": "Accepted.", "headers": {"Operation-Location": {"type": "string"}}},
                "default": {"description": "Error.", "schema": {"$ref": "#/definitions/ErrorResponse"}}
            }
        }}}
    }));
    let model = build(&spec);
    let op = operation(&model, "Widgets_Get");
    let header = |wire: &str, name: &str, ty: TypeRef, docs: &str| ResponseHeader {
        collection_prefix: None,
        wire_name: wire.into(),
        name: name.into(),
        ty,
        docs: docs.into(),
    };
    assert_eq!(
        op.responses,
        [
            SuccessResponse {
                xml: None,
                status: 200,
                body: Some(named(&model, "Widget")),
                nullable: false,
                headers: vec![
                    header("ETag", "e_tag", TypeRef::String, "Version."),
                    header("Retry-After", "retry_after", TypeRef::Int32, ""),
                    header("x-ms-request-id", "x_ms_request_id", TypeRef::Uuid, ""),
                ],
                docs: "The widget.".into(),
            },
            SuccessResponse {
                xml: None,
                status: 202,
                body: None,
                nullable: false,
                headers: vec![header("Operation-Location", "operation_location", TypeRef::String, "")],
                docs: "Accepted.".into(),
            },
        ]
    );
    assert_eq!(op.error, Some(named(&model, "ErrorResponse")));
    assert_eq!(op.accept.as_deref(), Some("application/json"));
}

#[test]
fn binary_response_and_no_error_schema() {
    let spec = one_operation(
        "/thumbnail",
        "get",
        json!({
            "operationId": "GetThumbnail",
            "produces": ["image/jpeg"],
            "responses": {
                "200": {"description": "The image.", "schema": {"type": "file"}},
                "default": {"description": "Error."}
            }
        }),
    );
    let model = build(&spec);
    let op = operation(&model, "GetThumbnail");
    assert_eq!(
        op.responses,
        [SuccessResponse {
            xml: None,
            status: 200,
            body: Some(TypeRef::Binary),
            nullable: false,
            headers: vec![],
            docs: "The image.".into(),
        }]
    );
    assert_eq!(op.error, None);
    assert_eq!(op.accept.as_deref(), Some("image/jpeg"));
}

// ----- schemas -----------------------------------------------------------------------------------

#[test]
fn struct_fields_have_a_type_for_every_format() {
    let spec = swagger(json!({
        "definitions": {"AllTypes": {
            "type": "object",
            "properties": {
                "i32": {"type": "integer", "format": "int32"},
                "i64": {"type": "integer", "format": "int64"},
                "integer": {"type": "integer"},
                "f32": {"type": "number", "format": "float"},
                "f64": {"type": "number", "format": "double"},
                "number": {"type": "number"},
                "flag": {"type": "boolean"},
                "id": {"type": "string", "format": "uuid"},
                "createdAt": {"type": "string", "format": "date-time"},
                "modified": {"type": "string", "format": "date-time-rfc1123"},
                "birthday": {"type": "string", "format": "date"},
                "blob": {"type": "string", "format": "byte"},
                "raw": {"type": "string", "format": "binary"},
                "upload": {"type": "file"},
                "text": {"type": "string"},
                "names": {"type": "array", "items": {"type": "string"}},
                "grid": {"type": "array", "items": {"type": "array", "items": {"type": "integer", "format": "int32"}}},
                "counts": {"type": "object", "additionalProperties": {"type": "integer", "format": "int64"}},
                "bag": {"type": "object", "additionalProperties": true},
                "anything": {}
            }
        }},
        "paths": {}
    }));
    let model = build(&spec);
    let map = |ty: TypeRef| TypeRef::Map(Box::new(ty));
    let expected = [
        ("i32", "i32", TypeRef::Int32),
        ("i64", "i64", TypeRef::Int64),
        ("integer", "integer", TypeRef::Int64),
        ("f32", "f32", TypeRef::Float32),
        ("f64", "f64", TypeRef::Float64),
        ("number", "number", TypeRef::Float64),
        ("flag", "flag", TypeRef::Bool),
        ("id", "id", TypeRef::Uuid),
        ("createdAt", "created_at", TypeRef::DateTime),
        ("modified", "modified", TypeRef::DateTimeRfc1123),
        ("birthday", "birthday", TypeRef::Date),
        ("blob", "blob", TypeRef::Base64),
        ("raw", "raw", TypeRef::Binary),
        ("upload", "upload", TypeRef::Binary),
        ("text", "text", TypeRef::String),
        ("names", "names", array(TypeRef::String)),
        ("grid", "grid", array(array(TypeRef::Int32))),
        ("counts", "counts", map(TypeRef::Int64)),
        ("bag", "bag", map(TypeRef::Any)),
        ("anything", "anything", TypeRef::Any),
    ]
    .map(|(wire, name, ty)| (wire.to_string(), name.to_string(), ty));
    assert_eq!(field_names_and_types(&model, "AllTypes"), expected);
    // Only the struct: no inline type was needed.
    assert_eq!(model.schemas.len(), 1);
}

#[test]
fn fields_are_required_nullable_read_only_and_documented_as_the_spec_says() {
    let spec = swagger(json!({
        "definitions": {"Widget": {
            "type": "object",
            "description": "A widget.",
            "required": ["name", "note"],
            "properties": {
                "name": {"type": "string", "description": "Its name.", "minLength": 2},
                "note": {"type": "string", "x-nullable": true},
                "etag": {"type": "string", "readOnly": true},
                "count": {"type": "integer", "format": "int32", "default": 3, "maximum": 9}
            }
        }},
        "paths": {}
    }));
    let model = build(&spec);
    let def = schema(&model, "Widget");
    assert_eq!(def.spec_name, "Widget");
    assert_eq!(def.docs, "A widget.");
    let base = |wire: &str, ty: TypeRef| Field {
        xml: Default::default(),
        wire_name: wire.into(),
        name: wire.into(),
        ty,
        required: false,
        nullable: false,
        read_only: false,
        default: None,
        constraints: Constraints::default(),
        docs: String::new(),
        additional: false,
    };
    assert_eq!(
        fields(&model, "Widget"),
        [
            Field {
                required: true,
                constraints: Constraints {
                    min_length: Some(2),
                    ..Constraints::default()
                },
                docs: "Its name.".into(),
                ..base("name", TypeRef::String)
            },
            Field {
                required: true,
                nullable: true,
                ..base("note", TypeRef::String)
            },
            Field {
                read_only: true,
                ..base("etag", TypeRef::String)
            },
            Field {
                default: Some(json!(3)),
                constraints: Constraints {
                    maximum: Some(9.0),
                    ..Constraints::default()
                },
                ..base("count", TypeRef::Int32)
            },
        ]
    );
}

#[test]
fn array_definition_is_an_alias_and_references_to_it_are_arrays() {
    let spec = swagger(json!({
        "definitions": {
            "Tags": {"type": "array", "description": "Some tags.", "items": {"type": "string"}},
            "Widget": {"type": "object", "properties": {"tags": {"$ref": "#/definitions/Tags"}}}
        },
        "paths": {"/tags": {"get": {"operationId": "Tags_List", "responses": {
            "200": {"description": "OK", "schema": {"$ref": "#/definitions/Tags"}}
        }}}}
    }));
    let model = build(&spec);
    assert_eq!(
        *schema(&model, "Tags"),
        SchemaDef {
            name: "Tags".into(),
            spec_name: "Tags".into(),
            docs: "Some tags.".into(),
            kind: SchemaKind::Alias(array(TypeRef::String)),
            tag: None,
        }
    );
    assert_eq!(field(&model, "Widget", "tags").ty, array(TypeRef::String));
    assert_eq!(
        operation(&model, "Tags_List").responses[0].body,
        Some(array(TypeRef::String))
    );
}

#[test]
fn all_of_puts_parent_fields_first_then_own() {
    let spec = swagger(json!({
        "definitions": {
            "Pet": {"type": "object", "required": ["name"],
                    "properties": {"name": {"type": "string"}, "age": {"type": "integer", "format": "int32"}}},
            // The common Azure form: allOf next to properties.
            "Dog": {"allOf": [{"$ref": "#/definitions/Pet"}], "required": ["barks"],
                    "properties": {"barks": {"type": "boolean"}}},
            // Two allOf members, no own properties.
            "Cat": {"allOf": [{"$ref": "#/definitions/Pet"},
                              {"type": "object", "properties": {"meows": {"type": "boolean"}}}]}
        },
        "paths": {}
    }));
    let model = build(&spec);
    let summary = |name: &str| -> Vec<(String, bool, TypeRef)> {
        fields(&model, name)
            .iter()
            .map(|f| (f.name.clone(), f.required, f.ty.clone()))
            .collect()
    };
    let row = |name: &str, required: bool, ty: TypeRef| (name.to_string(), required, ty);
    assert_eq!(
        summary("Dog"),
        [
            row("name", true, TypeRef::String),
            row("age", false, TypeRef::Int32),
            row("barks", true, TypeRef::Bool),
        ]
    );
    assert_eq!(
        summary("Cat"),
        [
            row("name", true, TypeRef::String),
            row("age", false, TypeRef::Int32),
            row("meows", false, TypeRef::Bool),
        ]
    );
    let names: Vec<_> = model.schemas.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Pet", "Dog", "Cat"]);
}

#[test]
fn recursive_definition_builds_once() {
    let spec = swagger(json!({
        "definitions": {"Node": {"type": "object", "properties": {
            "value": {"type": "string"},
            "children": {"type": "array", "items": {"$ref": "#/definitions/Node"}},
            "next": {"$ref": "#/definitions/Node"}
        }}},
        "paths": {}
    }));
    let model = build(&spec);
    assert_eq!(model.schemas.len(), 1);
    assert_eq!(
        field_names_and_types(&model, "Node"),
        [
            ("value".into(), "value".into(), TypeRef::String),
            ("children".into(), "children".into(), array(named(&model, "Node"))),
            ("next".into(), "next".into(), named(&model, "Node")),
        ]
    );
}

// ----- enums -------------------------------------------------------------------------------------

#[test]
fn enum_openness_follows_model_as_string() {
    let string_enum = |values: Value, x_ms_enum: Option<Value>| {
        let mut s = json!({"type": "string", "enum": values});
        if let Some(e) = x_ms_enum {
            s["x-ms-enum"] = e;
        }
        s
    };
    let spec = swagger(json!({
        "definitions": {"Widget": {"type": "object", "properties": {
            "closed": string_enum(json!(["a", "b"]), Some(json!({"name": "Closed", "modelAsString": false}))),
            "absent": string_enum(json!(["a", "b"]), Some(json!({"name": "Absent"}))),
            "open": string_enum(json!(["a", "b"]), Some(json!({"name": "Open", "modelAsString": true}))),
            "plain": string_enum(json!(["a", "b"]), None)
        }}},
        "paths": {}
    }));
    let model = build(&spec);
    let openness: Vec<(&str, &str, bool)> = model
        .schemas
        .iter()
        .filter_map(|s| match &s.kind {
            SchemaKind::Enum(e) => Some((s.name.as_str(), s.spec_name.as_str(), e.extensible)),
            _ => None,
        })
        .collect();
    // The x-ms-enum name is the type name; a plain enum is named after its owner and property.
    assert_eq!(
        openness,
        [
            ("Closed", "Closed", false),
            ("Absent", "Absent", false),
            ("Open", "Open", true),
            ("WidgetPlain", "WidgetPlain", true),
        ]
    );
    assert_eq!(
        field_names_and_types(&model, "Widget"),
        [
            ("closed".into(), "closed".into(), named(&model, "Closed")),
            ("absent".into(), "absent".into(), named(&model, "Absent")),
            ("open".into(), "open".into(), named(&model, "Open")),
            ("plain".into(), "plain".into(), named(&model, "WidgetPlain")),
        ]
    );
}

#[test]
fn x_ms_enum_values_name_and_document_the_variants() {
    let spec = swagger(json!({
        "definitions": {"Level": {
            "type": "string",
            "description": "How much.",
            "enum": ["lo", "hi", "notstarted", "recognition_01"],
            "x-ms-enum": {"name": "Level", "modelAsString": true, "values": [
                {"value": "lo", "name": "Low", "description": "Not much."},
                {"value": "hi", "name": "High"}
            ]}
        }},
        "paths": {}
    }));
    let model = build(&spec);
    let value = |name: &str, value: &str, docs: &str| EnumValue {
        name: name.into(),
        value: value.into(),
        docs: docs.into(),
    };
    assert_eq!(
        model.schemas,
        [SchemaDef {
            name: "Level".into(),
            spec_name: "Level".into(),
            docs: "How much.".into(),
            kind: SchemaKind::Enum(EnumDef {
                extensible: true,
                integer: false,
                values: vec![
                    value("Low", "lo", "Not much."),
                    value("High", "hi", ""),
                    value("Notstarted", "notstarted", ""),
                    value("Recognition01", "recognition_01", ""),
                ],
                default: None,
            }),
            tag: None,
        }]
    );
}

#[test]
fn the_same_x_ms_enum_in_two_places_is_one_type() {
    let color = json!({"type": "string", "enum": ["red", "green"],
                       "x-ms-enum": {"name": "Color", "modelAsString": false}});
    let spec = swagger(json!({
        "definitions": {
            "Widget": {"type": "object", "properties": {"color": color}},
            "Gadget": {"type": "object", "properties": {"paint": color}}
        },
        "paths": {"/things": {"get": {
            "operationId": "Things_List",
            "parameters": [{"name": "color", "in": "query", "type": "string", "enum": ["red", "green"],
                            "x-ms-enum": {"name": "Color", "modelAsString": false}}],
            "responses": ok()
        }}}
    }));
    let model = build(&spec);
    let enums: Vec<&str> = model
        .schemas
        .iter()
        .filter(|s| matches!(s.kind, SchemaKind::Enum(_)))
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(enums, ["Color"]);
    assert_eq!(field(&model, "Widget", "color").ty, named(&model, "Color"));
    assert_eq!(field(&model, "Gadget", "paint").ty, named(&model, "Color"));
    assert_eq!(
        operation(&model, "Things_List").parameters[0].ty,
        named(&model, "Color")
    );
    assert_eq!(model.renames, []);
}

#[test]
fn the_same_enum_name_with_other_values_is_a_second_type_with_a_suffix() {
    let spec = swagger(json!({
        "definitions": {
            "Widget": {"type": "object", "properties": {"color": {
                "type": "string", "enum": ["red", "green"], "x-ms-enum": {"name": "Color", "modelAsString": false}
            }}},
            "Gadget": {"type": "object", "properties": {"color": {
                "type": "string", "enum": ["cyan"], "x-ms-enum": {"name": "Color", "modelAsString": false}
            }}}
        },
        "paths": {}
    }));
    let model = build(&spec);
    assert_eq!(field(&model, "Widget", "color").ty, named(&model, "Color"));
    assert_eq!(field(&model, "Gadget", "color").ty, named(&model, "Color2"));
    let values =
        |name: &str| -> Vec<String> { enum_def(&model, name).values.iter().map(|v| v.value.clone()).collect() };
    assert_eq!(values("Color"), ["red", "green"]);
    assert_eq!(values("Color2"), ["cyan"]);
    assert_eq!(schema(&model, "Color2").spec_name, "Color");
    assert_eq!(
        model.renames,
        [rename(
            "type",
            "Color",
            "Color2",
            "`Color` is already used by another type"
        )]
    );
}

// ----- naming ------------------------------------------------------------------------------------

#[test]
fn keyword_property_gets_a_trailing_underscore_and_a_rename() {
    let spec = swagger(json!({
        "definitions": {"Widget": {"type": "object", "properties": {
            "type": {"type": "string"}, "self": {"type": "string"}
        }}},
        "paths": {}
    }));
    let model = build(&spec);
    assert_eq!(
        field_names_and_types(&model, "Widget"),
        [
            ("type".into(), "type_".into(), TypeRef::String),
            ("self".into(), "self_".into(), TypeRef::String),
        ]
    );
    assert_eq!(
        model.renames,
        [
            rename("field of Widget", "type", "type_", "the name is a Rust keyword"),
            rename("field of Widget", "self", "self_", "the name is a Rust keyword"),
        ]
    );
    assert!(model.renames[0].reason.contains("keyword"));
}

#[test]
fn properties_colliding_after_casing_get_numbered_in_spec_order() {
    let spec = swagger(json!({
        "definitions": {"Widget": {"type": "object", "properties": {
            "fooBar": {"type": "string"}, "foo_bar": {"type": "integer"}
        }}},
        "paths": {}
    }));
    let model = build(&spec);
    assert_eq!(
        field_names_and_types(&model, "Widget"),
        [
            ("fooBar".into(), "foo_bar".into(), TypeRef::String),
            ("foo_bar".into(), "foo_bar_2".into(), TypeRef::Int64),
        ]
    );
    assert_eq!(
        model.renames,
        [rename(
            "field of Widget",
            "foo_bar",
            "foo_bar_2",
            "`foo_bar` is already used in this scope"
        )]
    );
}

#[test]
fn names_starting_with_a_digit_or_without_ascii_letters_are_made_valid() {
    let spec = swagger(json!({
        "definitions": {"Widget": {"type": "object", "properties": {
            "3dModel": {"type": "string"},
            "名前": {"type": "string"},
            "ünïcode": {"type": "string"},
            "a \"b\" c": {"type": "string"}
        }}},
        "paths": {}
    }));
    let model = build(&spec);
    assert_eq!(
        field_names_and_types(&model, "Widget"),
        [
            ("3dModel".into(), "_3d_model".into(), TypeRef::String),
            ("名前".into(), "value".into(), TypeRef::String),
            ("ünïcode".into(), "n_code".into(), TypeRef::String),
            ("a \"b\" c".into(), "a_b_c".into(), TypeRef::String),
        ]
    );
    assert_eq!(
        renames_of(&model, "3dModel"),
        [&rename(
            "field of Widget",
            "3dModel",
            "_3d_model",
            "a Rust name cannot start with a digit"
        )]
    );
    assert_eq!(
        renames_of(&model, "名前"),
        [&rename(
            "field of Widget",
            "名前",
            "value",
            "the name has no ASCII letter or digit"
        )]
    );
}

#[test]
fn definitions_colliding_after_casing_are_two_types() {
    let spec = swagger(json!({
        "definitions": {
            "foo_bar": {"type": "object", "properties": {"a": {"type": "string"}}},
            "FooBar": {"type": "object", "properties": {"b": {"type": "string"}}},
            "Holder": {"type": "object", "properties": {
                "first": {"$ref": "#/definitions/foo_bar"},
                "second": {"$ref": "#/definitions/FooBar"}
            }}
        },
        "paths": {}
    }));
    let model = build(&spec);
    let names: Vec<(&str, &str)> = model
        .schemas
        .iter()
        .map(|s| (s.name.as_str(), s.spec_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [("FooBar", "foo_bar"), ("FooBar2", "FooBar"), ("Holder", "Holder")]
    );
    assert_eq!(field(&model, "FooBar", "a").ty, TypeRef::String);
    assert_eq!(field(&model, "FooBar2", "b").ty, TypeRef::String);
    assert_eq!(field(&model, "Holder", "first").ty, named(&model, "FooBar"));
    assert_eq!(field(&model, "Holder", "second").ty, named(&model, "FooBar2"));
    assert_eq!(
        model.renames,
        [rename(
            "type",
            "FooBar",
            "FooBar2",
            "`FooBar` is already used in this scope"
        )]
    );
}

#[test]
fn parameters_keep_names_like_the_methods_locals_and_flattened_properties_get_suffixes() {
    let spec = swagger(json!({
        "definitions": {"WidgetCreate": {"type": "object", "properties": {"name": {"type": "string"}}}},
        "paths": {"/widgets": {"post": {
            "operationId": "Widgets_Create",
            "parameters": [
                {"name": "options", "in": "query", "type": "string"},
                {"name": "body", "in": "body", "required": true, "x-ms-client-flatten": true,
                 "schema": {"$ref": "#/definitions/WidgetCreate"}},
                {"name": "name", "in": "header", "type": "string"}
            ],
            "responses": ok()
        }}}
    }));
    let model = build(&spec);
    assert_eq!(
        operation(&model, "Widgets_Create").parameters,
        [
            // A name the method uses for a local stays: the local makes way (tests/locals.rs).
            param("options", "options", Location::Query, TypeRef::String),
            // Parameters are named before the body is flattened: the property gets the suffix, and
            // still fills the model's field `name`.
            param(
                "name",
                "name_2",
                Location::BodyProperty { field: "name".into() },
                TypeRef::String
            ),
            param("name", "name", Location::Header, TypeRef::String),
        ]
    );
    let scope = "parameter of Widgets_Create";
    assert_eq!(
        model.renames,
        [rename(scope, "name", "name_2", "`name` is already used in this scope")]
    );
}

#[test]
fn enum_variants_colliding_after_casing_or_with_unknown_value_get_suffixes() {
    let spec = swagger(json!({
        "definitions": {"Mode": {
            "type": "string",
            "enum": ["a-b", "a_b", "UnknownValue"],
            "x-ms-enum": {"name": "Mode", "modelAsString": true}
        }},
        "paths": {}
    }));
    let model = build(&spec);
    let variants: Vec<(&str, &str)> = enum_def(&model, "Mode")
        .values
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(
        variants,
        [("AB", "a-b"), ("AB2", "a_b"), ("UnknownValue2", "UnknownValue")]
    );
    assert_eq!(
        model.renames,
        [
            rename("variant of Mode", "a_b", "AB2", "`AB` is already used in this scope"),
            rename(
                "variant of Mode",
                "UnknownValue",
                "UnknownValue2",
                "`UnknownValue` is already used in this scope"
            ),
        ]
    );
}

#[test]
fn inline_struct_is_named_after_its_owner_and_property() {
    let spec = swagger(json!({
        "definitions": {"Widget": {"type": "object", "properties": {
            "details": {"type": "object", "properties": {"weight": {"type": "number"}}}
        }}},
        "paths": {}
    }));
    let model = build(&spec);
    assert_eq!(field(&model, "Widget", "details").ty, named(&model, "WidgetDetails"));
    assert_eq!(schema(&model, "WidgetDetails").spec_name, "WidgetDetails");
    assert_eq!(
        field_names_and_types(&model, "WidgetDetails"),
        [("weight".into(), "weight".into(), TypeRef::Float64)]
    );
    let names: Vec<_> = model.schemas.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["WidgetDetails", "Widget"]);
}

#[test]

fn inline_struct_colliding_with_a_definition_is_renamed_and_reported() {
    let spec = swagger(json!({
        "definitions": {
            "Widget": {"type": "object", "properties": {
                "details": {"type": "object", "properties": {"weight": {"type": "number"}}}
            }},
            "WidgetDetails": {"type": "object", "properties": {"color": {"type": "string"}}}
        },
        "paths": {}
    }));
    let model = build(&spec);
    // The definition keeps its name; the inline type gets the suffix.
    assert_eq!(field(&model, "WidgetDetails", "color").ty, TypeRef::String);
    assert_eq!(field(&model, "Widget", "details").ty, named(&model, "WidgetDetails2"));
    assert_eq!(schema(&model, "WidgetDetails2").spec_name, "WidgetDetails");
    // The rename is reported, so RENAMES.md mentions `WidgetDetails2`.
    assert_eq!(
        model.renames,
        [rename(
            "type",
            "WidgetDetails",
            "WidgetDetails2",
            "`WidgetDetails` is already used in this scope"
        )]
    );
}

// ----- docs --------------------------------------------------------------------------------------

#[test]
fn descriptions_become_rustdoc_with_paragraphs_and_linked_urls() {
    let description = "First line.<br />Second line, see https://example.com/docs.";
    let expected = "First line.\n\nSecond line, see <https://example.com/docs>.";
    let spec = swagger(json!({
        "info": {"title": "Test Service", "version": "1", "description": description},
        "definitions": {"Widget": {"type": "object", "description": description,
                                   "properties": {"name": {"type": "string", "description": description}}}},
        "paths": {"/widgets": {"get": {
            "operationId": "Widgets_List",
            "description": description,
            "parameters": [{"name": "q", "in": "query", "type": "string", "description": description}],
            "responses": {"200": {"description": description, "schema": {"$ref": "#/definitions/Widget"}}}
        }}}
    }));
    let model = build(&spec);
    let op = operation(&model, "Widgets_List");
    assert_eq!(model.docs, expected);
    assert_eq!(op.docs, expected);
    assert_eq!(op.parameters[0].docs, expected);
    assert_eq!(op.responses[0].docs, expected);
    assert_eq!(schema(&model, "Widget").docs, expected);
    assert_eq!(field(&model, "Widget", "name").docs, expected);
}

// ----- errors ------------------------------------------------------------------------------------

/// Checks file, pointer and message of a diagnostic, and that it carries a line.
#[track_caller]
fn assert_diagnostic(d: &Diagnostic, pointer: &str, message: &str) {
    assert_eq!(d.file, Path::new(SPEC), "{d}");
    assert_eq!(d.pointer, pointer, "{d}");
    assert_eq!(d.message, message, "{d}");
    assert!(d.line_col.is_some(), "no line: {d}");
}

#[test]
fn duplicate_operation_id_points_at_the_second_one() {
    let get = |id: &str| json!({"get": {"operationId": id, "responses": ok()}});
    let spec = swagger(json!({"paths": {"/a": get("Widgets_Get"), "/b": get("Widgets_Get")}}));
    assert_diagnostic(
        &build_err(&spec),
        "/paths/~1b/get/operationId",
        "duplicate operationId `Widgets_Get` (first at spec.json:11:24: #/paths/~1a/get/operationId)",
    );
}

#[test]
fn missing_operation_id_points_at_the_operation() {
    let spec = swagger(json!({"paths": {
        "/a": {"get": {"operationId": "A_Get", "responses": ok()}},
        "/b": {"delete": {"responses": ok()}}
    }}));
    assert_diagnostic(&build_err(&spec), "/paths/~1b/delete", "operation has no `operationId`");
}

#[test]
fn path_placeholder_without_parameter_points_at_the_operation() {
    let spec = one_operation(
        "/items/{itemId}",
        "get",
        json!({"operationId": "Items_Get", "responses": ok()}),
    );
    assert_diagnostic(
        &build_err(&spec),
        "/paths/~1items~1{itemId}/get",
        "path `/items/{itemId}` has `{itemId}` but the operation has no path parameter `itemId`",
    );
}

/// formData bodies are forms (`BodyKind::Form`), a field holding several files included: one
/// part per file.
#[test]
fn form_data_fields_are_form_parameters_several_files_included() {
    let spec = one_operation(
        "/upload",
        "post",
        json!({
            "operationId": "Files_Upload",
            "consumes": ["multipart/form-data"],
            "parameters": [
                {"name": "q", "in": "query", "type": "string"},
                {"name": "note", "in": "formData", "type": "string"},
                {"name": "files", "in": "formData", "type": "array", "items": {"type": "file"}}
            ],
            "responses": ok()
        }),
    );
    let model = build(&spec);
    let op = operation(&model, "Files_Upload");
    assert!(
        matches!(op.body.as_ref().map(|b| &b.kind), Some(BodyKind::Form)),
        "{:?}",
        op.body
    );
    let form: Vec<(&str, &TypeRef)> = op
        .parameters
        .iter()
        .filter(|p| p.location == Location::FormField)
        .map(|p| (p.wire_name.as_str(), &p.ty))
        .collect();
    assert_eq!(form, [("note", &TypeRef::String), ("files", &array(TypeRef::Binary))]);
}

#[test]
fn a_ref_with_sibling_keys_is_the_referenced_type_and_recursion_stays_recursion() {
    // `innerError` and `details` refer back to `Error`, `innerError` with keys beside its `$ref`
    // (as upstream specs write them): the keys add nothing, so both are `Error` itself, not new
    // structs nested a hundred levels deep. A definition of the same shape is a model of its own.
    let spec = swagger(json!({
        "definitions": {
            "Error": {"type": "object", "properties": {
                "code": {"type": "string"},
                "details": {"type": "array", "items": {"$ref": "#/definitions/Error"}},
                "innerError": {"type": "object", "$ref": "#/definitions/Error", "readOnly": true,
                               "description": "More specific."}
            }},
            "Holder": {"type": "object", "properties": {
                "error": {"$ref": "#/definitions/Error", "description": "The error."}
            }},
            "SpecialError": {"type": "object", "allOf": [{"$ref": "#/definitions/Error"}], "properties": {}}
        },
        "paths": {}
    }));
    let model = build(&spec);
    let error = named(&model, "Error");
    assert_eq!(field(&model, "Error", "innerError").ty, error);
    assert_eq!(field(&model, "Error", "details").ty, array(error.clone()));
    assert_eq!(field(&model, "Holder", "error").ty, error);
    let names: Vec<&str> = model.schemas.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Error", "Holder", "SpecialError"]);
}

#[test]
fn a_kind_that_only_extends_its_base_is_a_kind_of_its_own() {
    let spec = swagger(json!({
        "definitions": {
            "Shape": {"type": "object", "discriminator": "kind", "required": ["kind"],
                      "properties": {"kind": {"type": "string"}, "name": {"type": "string"}}},
            "Dot": {"x-ms-discriminator-value": "dot", "allOf": [{"$ref": "#/definitions/Shape"}]}
        },
        "paths": {}
    }));
    let model = build(&spec);
    let shape = model.schema("Shape").unwrap();
    let SchemaKind::Union { variants, .. } = &shape.kind else {
        panic!("Shape is a union: {shape:?}");
    };
    let kinds: Vec<(&str, &str)> = variants
        .iter()
        .map(|v| (v.value.as_str(), model.type_name(v.ty)))
        .collect();
    assert_eq!(kinds, [("Shape", "ShapeBase"), ("dot", "Dot")]);
    assert!(matches!(model.schema("Dot").unwrap().kind, SchemaKind::Struct { .. }));
}

#[test]
fn an_alias_that_names_itself_through_a_struct_is_recursion() {
    // `Evaluations` is an array of `Wrapper`, which holds an `Evaluation`, whose kind holds
    // `Evaluations` again: there is an object in between, so the alias is named, not expanded.
    let spec = swagger(json!({
        "definitions": {
            "Evaluations": {"type": "array", "items": {"$ref": "#/definitions/Wrapper"}},
            "Wrapper": {"type": "object", "properties": {"evaluation": {"$ref": "#/definitions/Evaluation"}}},
            "Evaluation": {"type": "object", "discriminator": "kind", "required": ["kind"],
                           "properties": {"kind": {"type": "string"}}},
            "Nested": {"x-ms-discriminator-value": "nested", "allOf": [{"$ref": "#/definitions/Evaluation"}],
                       "properties": {"children": {"$ref": "#/definitions/Evaluations"}}}
        },
        "paths": {}
    }));
    let model = build(&spec);
    assert_eq!(field(&model, "Nested", "children").ty, named(&model, "Evaluations"));
    assert!(matches!(
        model.schema("Evaluations").unwrap().kind,
        SchemaKind::Alias(_)
    ));
}

/// The XML decisions of a spec, in Swagger 2.0 or OpenAPI 3.0 (whose `xml` objects openapiv3
/// drops; they travel as `x-xml` as the converter's do).
fn xml_spec(openapi3: bool) -> Value {
    let schemas = json!({
        "Shelf": {
            "type": "object",
            "xml": {"name": "shelf", "namespace": "urn:books", "prefix": "b"},
            "properties": {
                "id": {"type": "string", "xml": {"attribute": true, "name": "ID"}},
                "label": {"type": "string", "xml": {"x-ms-text": true}},
                "books": {"type": "array", "xml": {"wrapped": true, "name": "Books"}, "items": {"$ref": "#/definitions/Book"}},
                "tags": {"type": "array", "items": {"type": "string", "xml": {"name": "tag"}}},
                "extra": {"type": "array", "items": {"$ref": "#/definitions/Plain"}},
                "plain": {"$ref": "#/definitions/Plain"},
                "named": {"$ref": "#/definitions/Book"},
                "notes": {"type": "object", "additionalProperties": {"type": "string"}},
                "any": {"description": "untyped"}
            }
        },
        "Book": {"type": "object", "xml": {"name": "book"}, "required": ["title"], "properties": {"title": {"type": "string"}}},
        "Plain": {"type": "object", "properties": {"n": {"type": "integer"}}}
    });
    if openapi3 {
        let text = serde_json::to_string(&schemas)
            .unwrap()
            .replace("#/definitions/", "#/components/schemas/");
        json!({
            "openapi": "3.0.0",
            "info": {"title": "Shelves", "version": "1"},
            "paths": {"/shelf": {"get": {"operationId": "Shelf_Get", "responses": {"200": {
                "description": "ok", "content": {"application/xml": {"schema": {"$ref": "#/components/schemas/Shelf"}}}}}}}},
            "components": {"schemas": serde_json::from_str::<Value>(&text).unwrap()}
        })
    } else {
        swagger(json!({
            "produces": ["application/xml"],
            "paths": {"/shelf": {"get": {"operationId": "Shelf_Get", "responses": {"200": {
                "description": "ok", "schema": {"$ref": "#/definitions/Shelf"}}}}}},
            "definitions": schemas
        }))
    }
}

#[test]
fn xml_objects_name_elements_and_attributes_as_autorest_does() {
    use codegen::model::{ResponseKind, XmlShape};
    for openapi3 in [false, true] {
        let model = build(&xml_spec(openapi3));
        let shape = |wire: &str| model.xml_shape(field(&model, "Shelf", wire));
        assert_eq!(shape("id"), XmlShape::Attribute("ID".into()), "openapi3: {openapi3}");
        assert_eq!(shape("label"), XmlShape::Text);
        // A wrapped list of models: the items take the model's own `xml.name`.
        assert_eq!(
            shape("books"),
            XmlShape::Wrapped {
                name: "Books".into(),
                item: "book".into()
            }
        );
        assert_eq!(shape("tags"), XmlShape::List { item: "tag".into() });
        // An unwrapped list of a model without an `xml.name`: one element per item, named as the property.
        assert_eq!(shape("extra"), XmlShape::List { item: "extra".into() });
        assert_eq!(shape("plain"), XmlShape::Element("plain".into()));
        // A property whose model has its own `xml.name` takes it.
        assert_eq!(shape("named"), XmlShape::Element("book".into()));
        assert_eq!(shape("notes"), XmlShape::Map("notes".into()));
        assert_eq!(shape("any"), XmlShape::Skipped);
        let (_, op) = model.operations().next().unwrap();
        let ResponseKind::Xml { root, .. } = op.response_kind() else {
            panic!("an XML response: {:?}", op.response_kind());
        };
        assert_eq!((root.name.as_str(), root.item.as_deref()), ("b:shelf", None));
        let shelf = model.schemas.iter().position(|s| s.name == "Shelf").unwrap();
        let id = (0..model.schemas.len())
            .map(codegen::model::TypeId)
            .find(|id| model.type_position(*id) == shelf)
            .unwrap();
        assert_eq!(model.xml_type_namespace(id), Some((Some("b"), "urn:books")));
        // Models an XML body holds are read leniently: `title` is required in the spec.
        assert!(!field(&model, "Book", "title").required);
        assert!(model.xml_types().len() == 3, "{:?}", model.xml_types());
        assert_eq!(model.runtime_features(), [codegen::model::RuntimeFeature::Xml]);
        // The API listing shows each field's XML form, for review.
        let listing = codegen::emit::api_listing(&model);
        for line in [
            "  id?: String // \"id\" xml @ID",
            "  label?: String // \"label\" xml text",
            "  books?: Vec<Book> // \"books\" xml <Books><book>*",
            "  named?: Book // \"named\" xml <book>",
            "  any?: serde_json::Value // \"any\" xml none",
        ] {
            assert!(listing.contains(line), "{line}\n{listing}");
        }
    }
}
