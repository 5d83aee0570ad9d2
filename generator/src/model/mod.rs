//! Stage 3 — model: a language-neutral code model built from an OpenAPI 3.0 document.
//!
//! Everything the emitter needs is decided here, once: which operations exist and in which group,
//! how every parameter travels (path, query, header, flattened body property), what each response
//! returns, what every schema becomes (struct, enum with its openness, alias), the constraints to
//! validate, the docs, and every name (cased with `heck`, Rust keywords and collisions resolved,
//! each rename recorded). The emitter only spells this model in Rust.

mod build;
mod decisions;
pub mod directives;
mod docs;
mod names;
mod path;
mod xml;

pub use build::{build, Options};
pub use decisions::{DefaultValue, LinkQuery, LinkQueryValue, Presence, ResponseKind, RuntimeFeature};
pub use docs::rustdoc;
pub use names::Rename;
pub use path::{PathPart, PathTemplate};
pub use xml::XmlShape;

use serde_json::Value;

/// The whole client: what the emitter turns into a crate.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeModel {
    /// The spec's `info.title`.
    pub title: String,
    /// The spec's `info.version`.
    pub api_version: String,
    /// The spec's `info.description`, as rustdoc.
    pub docs: String,
    /// How to reach and authenticate against the service.
    pub client: ClientModel,
    /// Operation groups in spec order; the group with `name == None` holds operations whose id has
    /// no `Group_` prefix (they become methods of the client itself).
    pub groups: Vec<OperationGroup>,
    /// Named types, in a deterministic order (spec order, then inline types as met).
    pub schemas: Vec<SchemaDef>,
    /// Every name that differs from a plain casing of the spec's name, with the reason.
    pub renames: Vec<Rename>,
    /// The index in `schemas` of each type, by name.
    schema_index: std::collections::HashMap<String, usize>,
    /// The index in `schemas` of each [`TypeId`].
    type_index: Vec<usize>,
    /// What the spec says that the client does not honour exactly, with what it does instead (in
    /// the order found; deterministic like the rest).
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
    /// The `xml` object of each named type that has one.
    pub type_xml: std::collections::BTreeMap<TypeId, Xml>,
}

/// Base URL, client parameters and authentication.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientModel {
    /// Base URL template, e.g. `{Endpoint}/svc/v1.0` (parameters in braces).
    pub host_template: String,
    /// Parameters set once on the client (host template parameters and client-level query/header
    /// parameters), in spec order.
    pub parameters: Vec<Parameter>,
    /// Supported authentication schemes, from `securityDefinitions` / `components.securitySchemes`
    /// that the spec's `security` requires.
    pub auth: Vec<Auth>,
}

/// An authentication scheme the client applies to every request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// An API key sent in the header with this name.
    ApiKeyHeader { name: String },
    /// An API key sent as the query parameter with this name.
    ApiKeyQuery { name: String },
    /// An OAuth 2 bearer token (Microsoft Entra ID) for these scopes, from a token credential.
    Bearer { scopes: Vec<String> },
}

/// Operations sharing a `Group_` prefix of their operation id.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationGroup {
    /// `None` for operations without a group prefix.
    pub name: Option<GroupNames>,
    pub operations: Vec<Operation>,
}

/// The names a group needs in Rust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupNames {
    /// The group as written in operation ids (e.g. `PersonGroup`).
    pub spec: String,
    /// Accessor method on the client (e.g. `person_group`).
    pub accessor: String,
    /// Module under `operations` (the accessor, unless that would be `operations` itself).
    pub module: String,
    /// Type holding the group's methods (e.g. `PersonGroupOperations`).
    pub type_name: String,
}

/// HTTP methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

/// One REST operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The spec's `operationId`.
    pub id: String,
    /// Method name (snake case, e.g. `get_operation_status`).
    pub name: String,
    /// The stem of its type names (upper camel case, e.g. `GetOperationStatus`).
    pub builder: String,
    /// Its method's options type (`<builder>Options`): a struct of the optional parameters and the
    /// per-call settings, or a name for the runtime's `RequestOptions` when it has none.
    pub options_type: String,
    /// The options struct's field with the per-call settings (`request`, unless an optional
    /// parameter has that name); `None` when the options type is the settings.
    pub settings_field: Option<String>,
    pub method: Method,
    /// Path template relative to the base URL, e.g. `/snapshots/{snapshotId}`; any `?query` part of
    /// an `x-ms-paths` key is dropped (it only tells overloads apart).
    pub path: PathTemplate,
    pub docs: String,
    pub deprecated: bool,
    /// Method parameters in the order the spec lists them (flattened body properties where the
    /// body stood). Required ones become positional arguments, the others builder setters.
    pub parameters: Vec<Parameter>,
    /// The client parameters this operation sends (query/header client parameters), as indices
    /// into [`ClientModel::parameters`]; [`CodeModel::client_parameters_of`] gives them.
    pub client_parameters: Vec<usize>,
    pub body: Option<RequestBody>,
    /// Documented success responses, by status.
    pub responses: Vec<SuccessResponse>,
    /// The body type of error responses (`default` or 4xx/5xx), when the spec gives one.
    pub error: Option<TypeRef>,
    /// Value of the `Accept` header, from the response media types.
    pub accept: Option<String>,
    /// Name of the struct of documented response headers, when there are any.
    pub headers_type: Option<String>,
    /// Query and header values always sent (required parameters with a single possible value).
    pub constants: Vec<Constant>,
    /// How the operation's answer is followed: one response, pages, or a long-running operation.
    pub kind: OperationKind,
}

/// An operation's place in the model: `model.groups[group].operations[index]`. Operations refer
/// to each other by this id, never by a copied name, so a rename is seen everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OperationId {
    pub group: usize,
    pub index: usize,
}

/// What an operation's call gives back, beyond its first response. A closed set: the emitter has
/// one renderer for each.
#[derive(Debug, Clone, PartialEq)]
pub enum OperationKind {
    /// One request, one response.
    Plain,
    /// `x-ms-pageable`: the response is the first page of a list.
    Paged(Pageable),
    /// `x-ms-long-running-operation`, followed by the runtime's generic poller.
    LongRunning(LongRunning),
    /// Both: the long-running operation's final value is the first page.
    PagedLongRunning {
        paging: Pageable,
        long_running: LongRunning,
    },
    /// A long-running operation followed through a status operation (a directive says which).
    StatusPolled {
        long_running: LongRunning,
        polling: StatusPolling,
    },
}

impl OperationKind {
    /// The paging of a pageable operation, long-running or not.
    pub fn paging(&self) -> Option<&Pageable> {
        match self {
            OperationKind::Paged(paging) | OperationKind::PagedLongRunning { paging, .. } => Some(paging),
            _ => None,
        }
    }

    /// The `x-ms-long-running-operation` options, however the operation is followed.
    pub fn long_running(&self) -> Option<&LongRunning> {
        match self {
            OperationKind::LongRunning(l)
            | OperationKind::PagedLongRunning { long_running: l, .. }
            | OperationKind::StatusPolled { long_running: l, .. } => Some(l),
            _ => None,
        }
    }

    /// How a status-polled operation is followed.
    pub fn status_polling(&self) -> Option<&StatusPolling> {
        match self {
            OperationKind::StatusPolled { polling, .. } => Some(polling),
            _ => None,
        }
    }
}

/// A value an operation always sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constant {
    /// `Location::Query` or `Location::Header`.
    pub location: Location,
    pub wire_name: String,
    pub value: String,
    /// `x-ms-skip-url-encoding`: a query value sent as it is.
    pub skip_url_encoding: bool,
}

/// How to walk the pages of a pageable operation's results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pageable {
    /// The page model (a struct of [`CodeModel::schemas`]).
    pub page: TypeId,
    /// Rust field of the page that holds the items (`itemName`, default `value`).
    pub items_field: String,
    /// Whether the items field is optional in the page model.
    pub items_optional: bool,
    /// Rust field of the page with the next page's URL (`nextLinkName`); `None` when the spec
    /// says there is only ever one page.
    pub next_link_field: Option<String>,
    /// Whether the next-link field is optional in the page model.
    pub next_link_optional: bool,
    /// `operationName`: the next page comes from this operation, given the next link, rather
    /// than from a GET of the link.
    pub next_operation: Option<NextOperation>,
}

/// The operation that fetches the next page (`x-ms-pageable.operationName`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextOperation {
    /// The operation it names.
    pub operation: OperationId,
    /// Its positional arguments, in order.
    pub arguments: Vec<NextArgument>,
}

/// Where an argument of the next-page operation comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextArgument {
    /// The next link of the page.
    Link,
    /// The listing operation's required parameter of the same wire name (its Rust field).
    Field(String),
}

/// How a long-running operation reports its final result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LongRunning {
    /// `x-ms-long-running-operation-options.final-state-via`, when given.
    pub final_state_via: Option<FinalStateVia>,
}

/// `x-ms-long-running-operation-options.final-state-via`: where the final value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinalStateVia {
    AzureAsyncOperation,
    Location,
    OriginalUri,
    OperationLocation,
}

impl FinalStateVia {
    /// The spec's spelling, which the runtime's poller also takes.
    pub fn as_str(self) -> &'static str {
        match self {
            FinalStateVia::AzureAsyncOperation => "azure-async-operation",
            FinalStateVia::Location => "location",
            FinalStateVia::OriginalUri => "original-uri",
            FinalStateVia::OperationLocation => "operation-location",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            FinalStateVia::AzureAsyncOperation,
            FinalStateVia::Location,
            FinalStateVia::OriginalUri,
            FinalStateVia::OperationLocation,
        ]
        .into_iter()
        .find(|via| via.as_str() == text)
    }
}

/// How a long-running operation is followed through its status operation.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusPolling {
    /// The status operation; the location's last segments fill its path parameters.
    pub operation: OperationId,
    /// Its response model.
    pub status_model: TypeId,
    /// Rust field of the long-running operation's typed headers that holds the location.
    pub location_field: String,
    /// The location header as documented.
    pub location_header: String,
    /// Rust field of the status model with the state.
    pub status_field: String,
    pub succeeded: Vec<String>,
    pub failed: Vec<String>,
    /// Rust field returned on success, and whether it is optional.
    pub result_field: Option<(String, bool)>,
    /// Rust field carried by the error on failure, and whether it is optional.
    pub message_field: Option<(String, bool)>,
}

/// Where a parameter travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A `{name}` segment of the path or host template.
    Path,
    Query,
    Header,
    /// One header per entry of a map parameter, named `prefix` + key
    /// (`x-ms-header-collection-prefix`).
    HeaderCollection {
        prefix: String,
    },
    /// A property of a flattened request body; `field` is the Rust field of the body model.
    BodyProperty {
        field: String,
    },
    /// The whole request body.
    Body,
    /// A field of a form body (Swagger `formData`): a text value or, for `TypeRef::Binary`, a file.
    FormField,
}

/// How an array is written into one query or header value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CollectionFormat {
    Csv,
    Ssv,
    Tsv,
    Pipes,
    /// Repeated `name=value` pairs.
    Multi,
}

impl CollectionFormat {
    /// The separator between values; `None` for `Multi`.
    pub fn separator(self) -> Option<&'static str> {
        match self {
            CollectionFormat::Csv => Some(","),
            CollectionFormat::Ssv => Some(" "),
            CollectionFormat::Tsv => Some("\t"),
            CollectionFormat::Pipes => Some("|"),
            CollectionFormat::Multi => None,
        }
    }
}

/// A value the caller provides (or the client holds).
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// Name on the wire (path placeholder, query key, header name, JSON property).
    pub wire_name: String,
    /// Rust name (snake case).
    pub name: String,
    pub location: Location,
    pub ty: TypeRef,
    pub required: bool,
    /// Default value from the spec; an optional parameter with a default is always sent.
    pub default: Option<Value>,
    pub constraints: Constraints,
    /// For array parameters in the query or a header.
    pub collection_format: Option<CollectionFormat>,
    /// `x-ms-skip-url-encoding`: the value is inserted as it is.
    pub skip_url_encoding: bool,
    pub docs: String,
}

/// Validation rules checked before a request is sent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub max_length: Option<u64>,
    pub min_length: Option<u64>,
    pub pattern: Option<Pattern>,
    pub maximum: Option<f64>,
    pub exclusive_maximum: bool,
    pub minimum: Option<f64>,
    pub exclusive_minimum: bool,
    pub multiple_of: Option<f64>,
    pub max_items: Option<u64>,
    pub min_items: Option<u64>,
    pub unique_items: bool,
}

/// A `pattern` (an ECMA-262 regular expression) and the engine that checks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// As the spec writes it.
    pub source: String,
    pub engine: PatternEngine,
}

/// Which regular expressions a pattern needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternEngine {
    /// The runtime's own (`regex-lite`, whose `\d` and `\w` are ASCII as in ECMA-262).
    Plain,
    /// What `regex-lite` lacks (look-around, back-references, Unicode classes): the runtime's
    /// `ecma-regex` feature (`fancy-regex`).
    Full,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// The request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    pub content_type: String,
    pub kind: BodyKind,
    pub required: bool,
    /// The Swagger body parameter's name (`x-ms-requestBody-name`, default `body`): examples
    /// give the body, or a flattened body's properties, under this key.
    pub parameter_name: String,
}

/// How the body is built.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    /// A JSON body passed as one parameter (the parameter with `Location::Body`).
    Json,
    /// A JSON body built from flattened parameters (`x-ms-client-flatten`) into this model.
    Flattened { model: TypeId },
    /// Raw bytes (`application/octet-stream` and other binary media types).
    Binary,
    /// A form (`multipart/form-data` or `application/x-www-form-urlencoded`) built from the
    /// parameters with `Location::FormField`.
    Form,
    /// An XML body passed as one parameter (the parameter with `Location::Body`).
    Xml(XmlRoot),
}

/// One documented success response.
#[derive(Debug, Clone, PartialEq)]
pub struct SuccessResponse {
    pub status: u16,
    pub body: Option<TypeRef>,
    /// The body is XML, with this root element.
    pub xml: Option<XmlRoot>,
    /// The body's schema is `x-nullable` / `nullable`: `null` (or no body) is a valid answer.
    pub nullable: bool,
    pub headers: Vec<ResponseHeader>,
    pub docs: String,
}

/// A documented response header, exposed as a typed field.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeader {
    pub wire_name: String,
    pub name: String,
    pub ty: TypeRef,
    pub docs: String,
    /// `x-ms-header-collection-prefix`: every header named this prefix + a key, as a map by key
    /// (`ty` is then a map).
    pub collection_prefix: Option<String>,
}

/// A named type's identity: its definition is [`CodeModel::type_def`], its name
/// [`CodeModel::type_name`]. Types refer to each other by id, never by a copied name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// A type as the code model sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    String,
    Bool,
    Int32,
    Int64,
    Float32,
    Float64,
    Uuid,
    /// RFC 3339 date-time (`format: date-time`).
    DateTime,
    /// RFC 7231 date-time (`format: date-time-rfc1123`).
    DateTimeRfc1123,
    /// `format: date`.
    Date,
    /// `format: duration` (ISO 8601).
    Duration,
    /// `format: byte`: base64 in JSON.
    Base64,
    /// `format: base64url`: URL-safe base64 without padding.
    Base64Url,
    /// `format: binary` / `file`: raw bytes.
    Binary,
    /// Any JSON value.
    Any,
    /// A type of [`CodeModel::schemas`] (its definition: [`CodeModel::type_def`]).
    Named(TypeId),
    Array(Box<TypeRef>),
    /// An item or map value that may be `null` (`x-nullable` on an array's items or a map's
    /// values); fields and bodies say nullability themselves.
    Nullable(Box<TypeRef>),
    /// A JSON object with string keys (`additionalProperties`).
    Map(Box<TypeRef>),
}

/// A named type.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaDef {
    /// Rust name (upper camel case).
    pub name: String,
    /// Name in the spec (definition name, `x-ms-enum` name or a name derived from the context).
    pub spec_name: String,
    pub docs: String,
    pub kind: SchemaKind,
    /// For a struct that is one kind of a polymorphic type: the discriminator property and this
    /// kind's value of it, which the struct always writes.
    pub tag: Option<(String, String)>,
}

/// What a named type is.
#[derive(Debug, Clone, PartialEq)]
pub enum SchemaKind {
    Struct {
        fields: Vec<Field>,
    },
    Enum(EnumDef),
    /// A name for another type (e.g. an array definition).
    Alias(TypeRef),
    /// A polymorphic type (`discriminator`): one variant per kind, chosen by the discriminator
    /// property's value; unknown kinds are kept as JSON.
    Union {
        discriminator: String,
        variants: Vec<UnionVariant>,
    },
}

/// One kind of a polymorphic type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionVariant {
    /// The discriminator's value (`x-ms-discriminator-value`, else the definition's name).
    pub value: String,
    /// Variant name.
    pub name: String,
    /// The struct that holds this kind (a tagged [`SchemaDef`]).
    pub ty: TypeId,
}

/// A struct field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub wire_name: String,
    pub name: String,
    pub ty: TypeRef,
    pub required: bool,
    /// `x-nullable` / `nullable`: `null` is a valid value.
    pub nullable: bool,
    pub read_only: bool,
    /// Default value from the spec (documentation, and the initial value of flattened setters).
    pub default: Option<Value>,
    pub constraints: Constraints,
    pub docs: String,
    /// The properties the schema does not list (`additionalProperties` next to `properties`): a
    /// map (`ty`) whose entries sit in the object itself.
    pub additional: bool,
    /// The spec's `xml` objects of the property and of its array items.
    pub xml: FieldXml,
}

/// A spec's `xml` object: how a schema or a property is written in XML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Xml {
    pub name: Option<String>,
    pub namespace: Option<String>,
    pub prefix: Option<String>,
    pub attribute: bool,
    pub wrapped: bool,
    /// `x-ms-text`: the value is its element's text.
    pub text: bool,
}

/// The `xml` objects of a field: its property's, and its array items'.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldXml {
    pub property: Option<Xml>,
    pub items: Option<Xml>,
}

/// The root element of an XML body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlRoot {
    /// The root element's name.
    pub name: String,
    /// For a list body: each item's element name.
    pub item: Option<String>,
}

/// An enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    /// `true` when values outside the list must be accepted (`UnknownValue` variant); see
    /// [`build`] for the rule.
    pub extensible: bool,
    /// `true` for an integer enum (`type: integer`); its values are decimal text.
    pub integer: bool,
    pub values: Vec<EnumValue>,
    /// The value its `Default` is: the one spec default of every optional operation parameter of
    /// this type (a string enum only), so that operations send it as the type's default.
    pub default: Option<String>,
}

/// One enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// Variant name (upper camel case).
    pub name: String,
    /// The value on the wire (for an integer enum, its decimal text).
    pub value: String,
    pub docs: String,
}

impl CodeModel {
    /// Indexes the types by name and makes the decisions that need the whole model (enum
    /// defaults); the last step of [`build`].
    fn finish(mut self) -> Self {
        self.schema_index = self
            .schemas
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.clone(), i))
            .collect();
        for (id, default) in decisions::enum_defaults(&self) {
            let i = self.type_position(id);
            if let SchemaKind::Enum(e) = &mut self.schemas[i].kind {
                e.default = Some(default);
            }
        }
        self.read_xml_leniently();
        self
    }

    /// The named type called `name`.
    pub fn schema(&self, name: &str) -> Option<&SchemaDef> {
        self.schema_index.get(name).map(|&i| &self.schemas[i])
    }

    /// The definition of a named type.
    pub fn type_def(&self, id: TypeId) -> &SchemaDef {
        &self.schemas[self.type_index[id.0]]
    }

    /// The index in [`CodeModel::schemas`] of a named type.
    pub fn type_position(&self, id: TypeId) -> usize {
        self.type_index[id.0]
    }

    /// The Rust name of a named type.
    pub fn type_name(&self, id: TypeId) -> &str {
        &self.type_def(id).name
    }

    /// The id of the named type called `name`.
    pub fn type_id(&self, name: &str) -> Option<TypeId> {
        let position = *self.schema_index.get(name)?;
        self.type_index.iter().position(|&p| p == position).map(TypeId)
    }

    /// The client parameters an operation sends.
    pub fn client_parameters_of<'m>(&'m self, op: &'m Operation) -> impl Iterator<Item = &'m Parameter> {
        op.client_parameters.iter().map(|&i| &self.client.parameters[i])
    }

    /// The operation with this id and its group.
    pub fn operation(&self, id: OperationId) -> (&OperationGroup, &Operation) {
        let group = &self.groups[id.group];
        (group, &group.operations[id.index])
    }

    /// Every operation, group by group.
    pub fn operations(&self) -> impl Iterator<Item = (&OperationGroup, &Operation)> {
        self.groups
            .iter()
            .flat_map(|g| g.operations.iter().map(move |o| (g, o)))
    }
}
