//! Builds the [`CodeModel`] from an OpenAPI 3.0 document.
//!
//! Enum openness (modelerfour's rule): an enum with `x-ms-enum` and `modelAsString: false` (or no
//! `modelAsString`) is closed — an unknown value is an error; `modelAsString: true` or a plain
//! `enum` without `x-ms-enum` is extensible — unknown values are kept in an `UnknownValue` variant.
//!
//! Parameter placement (AutoRest's rule): a parameter defined in the global `parameters` section is
//! a client parameter unless it says `x-ms-parameter-location: method`; an inline parameter is a
//! method parameter unless it says `x-ms-parameter-location: client`.

use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, OpenAPI, Parameter as OaParameter, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaData,
    SchemaKind as OaKind, SecurityScheme, StatusCode, StringFormat, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

mod bodies;
mod client;
mod directives;
mod fields;
mod operations;
mod paging;
mod types;

use super::docs::rustdoc;
use super::names::{Namer, Scope};
use super::*;
use crate::diagnostic::{join, Diagnostic, Result};

/// Choices that do not come from the spec.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Directives (see [`super::directives`]) and the file they came from, for diagnostics.
    pub directives: super::directives::Directives,
    pub directives_file: std::path::PathBuf,
    /// Definitions the loader imported from another file under another name, because a different
    /// definition had theirs (`Pet` -> `Pet_1`): they are reported as renames.
    pub import_renames: Vec<crate::load::ImportRename>,
}

/// Builds the code model. `locate` turns a pointer into the OpenAPI 3.0 document into a
/// diagnostic naming the user's file and place.
pub fn build(doc: &OpenAPI, options: &Options, locate: &dyn Fn(&str, String) -> Diagnostic) -> Result<CodeModel> {
    let mut builder = Builder {
        doc,
        locate,
        namer: Namer::default(),
        types: Scope::with_reserved(RESERVED_TYPES),
        schemas: Vec::new(),
        components: IndexMap::new(),
        aliases_in_progress: Vec::new(),
        structs_in_progress: Vec::new(),
        nesting: 0,
        schema_index: HashMap::new(),
        type_ids: HashMap::new(),
        warnings: Default::default(),
        type_names: Vec::new(),
        client_scope: Scope::with_reserved(RESERVED_CLIENT_FIELDS),
        unions: IndexMap::new(),
        type_xml: Default::default(),
    };
    builder.register_components()?;
    builder.build_components()?;
    let mut client = builder.client()?;
    builder.security_directive(&mut client, options)?;
    let groups = builder.operations(&mut client, options)?;
    builder.report_import_renames(&options.import_renames);
    // Every type a `TypeRef` names has its definition by now.
    let mut type_index = Vec::with_capacity(builder.type_names.len());
    for name in &builder.type_names {
        match builder.schema_index.get(name) {
            Some(&i) => type_index.push(i),
            None => return Err(builder.error("", format!("the type `{name}` is named but never defined"))),
        }
    }
    Ok(CodeModel {
        title: doc.info.title.clone(),
        api_version: doc.info.version.clone(),
        docs: rustdoc(doc.info.description.as_deref()),
        client,
        groups,
        schemas: builder.schemas,
        renames: builder.namer.renames,
        schema_index: HashMap::new(),
        type_index,
        warnings: builder.warnings.into_inner(),
        type_xml: builder.type_xml,
    }
    .finish())
}

/// How deep [`Builder::type_of`] may recurse (a type inside a type inside ...): a spec nesting
/// deeper is an error rather than a stack overflow.
const MAX_TYPE_NESTING: usize = 100;
/// Beyond this nesting a struct or union a reference names is built later, from the top.
const BUILD_NESTING: usize = 32;
/// The longest chain of component schemas that are only a `$ref` to the next.
const MAX_REF_CHAIN: usize = 64;

/// Names the `models` module uses itself: a model may not shadow them.
const RESERVED_TYPES: &[&str] = &[
    "Serialize",
    "Deserialize",
    "Option",
    "Vec",
    "String",
    "Box",
    "Result",
    "Default",
];
/// Names an operations module uses itself: an operation's type names (options, headers) may not shadow them.
const RESERVED_BUILDERS: &[&str] = &[
    "Method", "Response", "Option", "Vec", "String", "Box", "Result", "Some", "None", "Ok", "Err",
];
/// Fields of the client and its builder: client parameters may not take them.
const RESERVED_CLIENT_FIELDS: &[&str] = &[
    "pipeline",
    "options",
    "api_key",
    "credential",
    "build",
    "new",
    "builder",
];
/// Client methods that group accessors and client-level operations may not take.
const RESERVED_CLIENT_METHODS: &[&str] = &[
    "new",
    "builder",
    "endpoint",
    "clone",
    "with_api_key",
    "builder_with_api_key",
    "with_token_credential",
    "builder_with_token_credential",
];

/// What a component schema becomes.
#[derive(Debug, Clone)]
enum Component {
    /// A struct or enum with this Rust name.
    Named(String),
    /// A name for another type, resolved on first use.
    Alias {
        rust_name: String,
        resolved: Option<TypeRef>,
    },
}

struct Builder<'a> {
    doc: &'a OpenAPI,
    locate: &'a dyn Fn(&str, String) -> Diagnostic,
    namer: Namer,
    /// Every type name of the crate.
    types: Scope,
    schemas: Vec<SchemaDef>,
    /// Component schemas by their spec name.
    components: IndexMap<String, Component>,
    /// Aliases being resolved (to report alias cycles instead of overflowing).
    /// With each, how many structs were being built when it started: one started since is an
    /// object between the alias and a reference back to it.
    aliases_in_progress: Vec<(String, usize)>,
    /// Structs whose fields are being built: a reference back to one of them is a recursive
    /// type, named but not built again.
    structs_in_progress: Vec<String>,
    /// How many [`Builder::type_of`] calls are under way, one inside another.
    nesting: usize,
    /// The index in `schemas` of each type, by name.
    schema_index: HashMap<String, usize>,
    /// What could not be honoured exactly, with what was done instead.
    warnings: std::cell::RefCell<Vec<Diagnostic>>,
    /// The id of each type a `TypeRef` names, by Rust name (Rust names are unique), and the
    /// names by id.
    type_ids: HashMap<String, TypeId>,
    type_names: Vec<String>,
    /// Names of the client's parameters and of the fields the client and its builder use.
    client_scope: Scope,
    /// Polymorphic component schemas (with a `discriminator`) and their discriminator property.
    unions: IndexMap<String, String>,
    /// The `xml` object of each component type that has one.
    type_xml: std::collections::BTreeMap<TypeId, Xml>,
}

/// A schema seen through a reference or inline.
#[derive(Clone, Copy)]
enum SchemaRef<'s> {
    Ref(&'s str),
    Inline(&'s Schema),
}

impl<'s> From<&'s ReferenceOr<Schema>> for SchemaRef<'s> {
    fn from(r: &'s ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

impl<'s> From<&'s ReferenceOr<Box<Schema>>> for SchemaRef<'s> {
    fn from(r: &'s ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

const SCHEMA_PREFIX: &str = "#/components/schemas/";

fn ext_str<'v>(ext: &'v IndexMap<String, Value>, key: &str) -> Option<&'v str> {
    ext.get(key).and_then(Value::as_str)
}

fn ext_bool(ext: &IndexMap<String, Value>, key: &str) -> bool {
    ext.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// An unescaped JSON pointer token from a `#/components/<kind>/<name>` reference.
fn ref_name(reference: &str, prefix: &str) -> Option<String> {
    let name = reference.strip_prefix(prefix)?;
    (!name.contains('/')).then(|| name.replace("~1", "/").replace("~0", "~"))
}

impl<'a> Builder<'a> {
    fn error(&self, pointer: &str, message: impl Into<String>) -> Diagnostic {
        (self.locate)(pointer, message.into())
    }

    /// Records a warning at `pointer`: the message says what is not honoured and what is done
    /// instead.
    fn warn(&self, pointer: &str, message: impl Into<String>) {
        let warning = (self.locate)(pointer, message.into()).warning();
        let mut warnings = self.warnings.borrow_mut();
        // A schema used in several places is checked in each: one warning will do.
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }

    fn component_schemas(&self) -> impl Iterator<Item = (&'a String, &'a ReferenceOr<Schema>)> {
        self.doc.components.iter().flat_map(|c| c.schemas.iter())
    }

    /// The schema a reference points at.
    fn deref_schema(&self, reference: &str, pointer: &str) -> Result<(&'a Schema, String)> {
        let name = ref_name(reference, SCHEMA_PREFIX).ok_or_else(|| {
            self.error(
                pointer,
                format!("unsupported `$ref` `{reference}`: expected `{SCHEMA_PREFIX}<name>`"),
            )
        })?;
        let mut seen = vec![name.clone()];
        let mut current = name.clone();
        loop {
            let found = self.doc.components.as_ref().and_then(|c| c.schemas.get(&current));
            match found {
                Some(ReferenceOr::Item(schema)) => return Ok((schema, current)),
                Some(ReferenceOr::Reference { reference }) => {
                    let next = ref_name(reference, SCHEMA_PREFIX).ok_or_else(|| {
                        self.error(
                            &join("/components/schemas", &current),
                            format!("unsupported `$ref` `{reference}`"),
                        )
                    })?;
                    if seen.contains(&next) {
                        return Err(self.error(pointer, format!("`$ref` cycle: {} -> {next}", seen.join(" -> "))));
                    }
                    // Every use walks the chain: bound it, or long chains take quadratic time.
                    if seen.len() >= MAX_REF_CHAIN {
                        let message = format!(
                            "`$ref` chain: more than {MAX_REF_CHAIN} schemas in a row that are each only a `$ref` \
                             to the next: {name} -> ... -> {current} -> {next} -> ..."
                        );
                        return Err(self.error(pointer, message));
                    }
                    seen.push(next.clone());
                    current = next;
                }
                None => return Err(self.error(pointer, format!("`$ref` target `{reference}` does not exist"))),
            }
        }
    }

    /// Adds a named type to the model.
    fn push_schema(&mut self, def: SchemaDef) {
        self.schema_index.insert(def.name.clone(), self.schemas.len());
        self.schemas.push(def);
    }

    /// Records the types of definitions imported under another name, with both origins.
    fn report_import_renames(&mut self, imports: &[crate::load::ImportRename]) {
        for import in imports {
            if !matches!(import.container, "/definitions" | "/components/schemas") {
                continue;
            }
            if let Some(def) = self.schemas.iter().find(|s| s.spec_name == import.local) {
                // The pointer is the converted document's: the source map takes it back to the
                // definition in its own file.
                self.warn(
                    &format!("/components/schemas/{}", crate::diagnostic::escape_token(&import.local)),
                    format!(
                        "another file defines `{}` differently ({}); this definition is the type `{}` \
                         (RENAMES.md lists it)",
                        import.name, import.holder, def.name
                    ),
                );
                self.namer.renames.push(Rename {
                    scope: "type".into(),
                    spec_name: format!("{} ({})", import.name, import.origin),
                    rust_name: def.name.clone(),
                    reason: format!("another definition `{}` is {}", import.name, import.holder),
                });
            }
        }
    }

    /// A reference to the type called `rust`, whose definition is (or will be) in `schemas`.
    fn named(&mut self, rust: &str) -> TypeRef {
        TypeRef::Named(self.type_id(rust))
    }

    /// The id of the type called `rust`.
    fn type_id(&mut self, rust: &str) -> TypeId {
        if let Some(&id) = self.type_ids.get(rust) {
            return id;
        }
        let id = TypeId(self.type_names.len());
        self.type_names.push(rust.to_string());
        self.type_ids.insert(rust.to_string(), id);
        id
    }

    /// The Rust name of the type with this id.
    fn name_of(&self, id: TypeId) -> &str {
        &self.type_names[id.0]
    }

    /// The definition of the type with this id, once built.
    fn def_of(&self, id: TypeId) -> Option<&SchemaDef> {
        self.schema_index.get(self.name_of(id)).map(|&i| &self.schemas[i])
    }

    /// Gives the field of the struct `id` with this wire name another type.
    fn retype_field(&mut self, id: TypeId, wire_name: &str, ty: TypeRef) {
        let Some(&i) = self.schema_index.get(self.name_of(id)) else {
            return;
        };
        if let SchemaKind::Struct { fields } = &mut self.schemas[i].kind {
            for field in fields.iter_mut().filter(|f| f.wire_name == wire_name) {
                field.ty = ty.clone();
            }
        }
    }

    /// The fields of the struct called `name`, if it is one.
    fn struct_fields_of(&self, name: &str) -> Option<&Vec<Field>> {
        match self.schema_index.get(name).map(|&i| &self.schemas[i].kind) {
            Some(SchemaKind::Struct { fields }) => Some(fields),
            _ => None,
        }
    }
}

fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn param_data(p: &OaParameter) -> &openapiv3::ParameterData {
    match p {
        OaParameter::Query { parameter_data, .. }
        | OaParameter::Header { parameter_data, .. }
        | OaParameter::Path { parameter_data, .. }
        | OaParameter::Cookie { parameter_data, .. } => parameter_data,
    }
}
