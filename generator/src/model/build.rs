//! Builds the [`CodeModel`] from an OpenAPI 3.0 document.
//!
//! Enum openness (modelerfour's rule): an enum with `x-ms-enum` and `modelAsString: false` (or no
//! `modelAsString`) is closed — an unknown value is an error; `modelAsString: true` or a plain
//! `enum` without `x-ms-enum` is extensible — unknown values are kept in an `UnknownValue` variant.
//!
//! Parameter placement (AutoRest's rule): a parameter defined in the global `parameters` section is
//! a client parameter unless it says `x-ms-parameter-location: method`; an inline parameter is a
//! method parameter unless it says `x-ms-parameter-location: client`.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, OpenAPI, Parameter as OaParameter, ParameterSchemaOrContent, ReferenceOr, Schema,
    SchemaKind as OaKind, SecurityScheme, StatusCode, StringFormat, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

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
        schema_names: HashSet::new(),
        client_scope: Scope::with_reserved(RESERVED_CLIENT_FIELDS),
        unions: IndexMap::new(),
    };
    builder.register_components()?;
    builder.build_components()?;
    let mut client = builder.client()?;
    let mut groups = builder.operations(&mut client)?;
    builder.link_next_operations(&mut groups)?;
    builder.apply_directives(&mut groups, options)?;
    Ok(CodeModel {
        title: doc.info.title.clone(),
        api_version: doc.info.version.clone(),
        docs: rustdoc(doc.info.description.as_deref()),
        client,
        groups,
        schemas: builder.schemas,
        renames: builder.namer.renames,
    })
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
/// Names an operation's method uses for its own locals: parameters may not take them.
const RESERVED_PARAMS: &[&str] = &[
    "client", "options", "path", "url", "request", "response", "body", "start", "call", "location", "next", "link",
    "settings",
];
/// Fields of the client and its builder: client parameters may not take them.
const RESERVED_CLIENT_FIELDS: &[&str] = &["pipeline", "options", "api_key", "build", "new", "builder"];
/// Client methods that group accessors and client-level operations may not take.
const RESERVED_CLIENT_METHODS: &[&str] = &["new", "builder", "endpoint", "clone"];

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
    aliases_in_progress: Vec<String>,
    /// Structs whose fields are being built: a reference back to one of them is a recursive
    /// type, named but not built again.
    structs_in_progress: Vec<String>,
    /// How many [`Builder::type_of`] calls are under way, one inside another.
    nesting: usize,
    /// The names of the types in `schemas` (looking there takes time in proportion).
    schema_names: HashSet<String>,
    /// Names of the client's parameters and of the fields the client and its builder use.
    client_scope: Scope,
    /// Polymorphic component schemas (with a `discriminator`) and their discriminator property.
    unions: IndexMap<String, String>,
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

    // ----- schemas --------------------------------------------------------------------------

    /// Gives every component schema its Rust name before any is built, so references resolve
    /// whatever the order.
    fn register_components(&mut self) -> Result<()> {
        for (name, schema) in self.component_schemas() {
            let pointer = join("/components/schemas", name);
            let schema = match schema {
                ReferenceOr::Item(s) => s,
                ReferenceOr::Reference { reference } => self.deref_schema(reference, &pointer)?.0,
            };
            if let Some(discriminator) = &schema.schema_data.discriminator {
                self.unions.insert(name.clone(), discriminator.property_name.clone());
            }
            let component = if is_struct(schema) {
                Component::Named(self.namer.camel_in(&mut self.types, "type", name))
            } else if enum_values(schema).is_some() {
                // Named enums are created on first build; remember the spec name for now.
                Component::Named(String::new())
            } else {
                Component::Alias {
                    rust_name: self.namer.camel_in(&mut self.types, "type", name),
                    resolved: None,
                }
            };
            self.components.insert(name.clone(), component);
        }
        Ok(())
    }

    /// Builds every component schema, in spec order.
    fn build_components(&mut self) -> Result<()> {
        let components: Vec<_> = self.component_schemas().collect();
        for (name, schema) in components {
            let pointer = join("/components/schemas", name);
            let schema_ref = SchemaRef::from(schema);
            let ty = self.component_type(name, schema_ref, &pointer)?;
            if let Some(Component::Alias { rust_name, .. }) = self.components.get(name).cloned() {
                let (schema, _) = self.resolve(schema_ref, &pointer)?;
                self.push_schema(SchemaDef {
                    name: rust_name,
                    spec_name: name.clone(),
                    docs: rustdoc(schema.schema_data.description.as_deref()),
                    kind: SchemaKind::Alias(ty),
                    tag: None,
                });
            }
        }
        Ok(())
    }

    /// `ty`, or `Nullable(ty)` when the schema allows `null` (for array items and map values).
    fn nullable_if(&self, ty: TypeRef, schema: SchemaRef<'a>, pointer: &str) -> Result<TypeRef> {
        Ok(if ty != TypeRef::Any && self.is_nullable(schema, pointer)? {
            TypeRef::Nullable(Box::new(ty))
        } else {
            ty
        })
    }

    /// Whether `null` is a valid value of the schema (`nullable` / `x-nullable`, on the schema or
    /// on the definition it refers to).
    fn is_nullable(&self, schema: SchemaRef<'a>, pointer: &str) -> Result<bool> {
        let flagged = |data: &openapiv3::SchemaData| data.nullable || ext_bool(&data.extensions, "x-nullable");
        if let SchemaRef::Inline(s) = schema {
            if flagged(&s.schema_data) {
                return Ok(true);
            }
        }
        let (resolved, _) = self.effective(schema, pointer)?;
        Ok(flagged(&resolved.schema_data))
    }

    /// The schema that gives a value its type and constraints: references followed, and a
    /// one-member `allOf` (how the converter keeps keys written next to a Swagger `$ref`) seen
    /// through. Returns the schema and its pointer.
    fn effective(&self, schema: SchemaRef<'a>, pointer: &str) -> Result<(&'a Schema, String)> {
        let (mut current, mut current_pointer) = self.resolve(schema, pointer)?;
        for _ in 0..64 {
            match &current.schema_kind {
                OaKind::AllOf { all_of } if all_of.len() == 1 => {
                    let member_pointer = format!("{current_pointer}/allOf/0");
                    (current, current_pointer) = self.resolve((&all_of[0]).into(), &member_pointer)?;
                }
                _ => return Ok((current, current_pointer)),
            }
        }
        Err(self.error(pointer, "`allOf` nests more than 64 levels deep"))
    }

    fn resolve(&self, schema: SchemaRef<'a>, pointer: &str) -> Result<(&'a Schema, String)> {
        match schema {
            SchemaRef::Ref(r) => {
                let (s, name) = self.deref_schema(r, pointer)?;
                Ok((s, join("/components/schemas", &name)))
            }
            SchemaRef::Inline(s) => Ok((s, pointer.to_string())),
        }
    }

    /// The type a component schema stands for, building its definition on first use.
    fn component_type(&mut self, name: &str, schema: SchemaRef<'a>, pointer: &str) -> Result<TypeRef> {
        let Some(component) = self.components.get(name).cloned() else {
            return Err(self.error(pointer, format!("schema `{name}` does not exist")));
        };
        let (resolved, resolved_pointer) = self.resolve(schema, pointer)?;
        match component {
            // Deep inside other types a struct or union is only named: `build_components` builds
            // it in its turn, so a long chain of structs does not make the recursion deep.
            Component::Named(rust) if !rust.is_empty() && self.nesting > BUILD_NESTING => Ok(TypeRef::Named(rust)),
            Component::Named(rust) if !rust.is_empty() && self.unions.contains_key(name) => {
                self.union_type(name, &rust, resolved, &resolved_pointer)
            }
            Component::Named(rust) if !rust.is_empty() => {
                if !self.schema_names.contains(&rust) && !self.structs_in_progress.contains(&rust) {
                    self.structs_in_progress.push(rust.clone());
                    let fields = self.struct_fields(&rust, resolved, &resolved_pointer);
                    self.structs_in_progress.pop();
                    let mut fields = fields?;
                    // One kind of a polymorphic type: the discriminator becomes the struct's tag.
                    let tag = self.union_ancestor(name).map(|(_, property)| {
                        fields.retain(|f| f.wire_name != property);
                        (property, self.discriminator_value(name))
                    });
                    // A struct that refers to itself may have been pushed while its fields were built.
                    if !self.schema_names.contains(&rust) {
                        self.push_schema(SchemaDef {
                            name: rust.clone(),
                            spec_name: name.to_string(),
                            docs: rustdoc(resolved.schema_data.description.as_deref()),
                            kind: SchemaKind::Struct { fields },
                            tag,
                        });
                    }
                }
                Ok(TypeRef::Named(rust))
            }
            Component::Named(_) => {
                // A component enum: its name is the x-ms-enum name, else the component's.
                let ty = self.inline_type(resolved, name, &resolved_pointer)?;
                if let TypeRef::Named(rust) = &ty {
                    self.components.insert(name.to_string(), Component::Named(rust.clone()));
                }
                Ok(ty)
            }
            Component::Alias { resolved: Some(ty), .. } => Ok(ty),
            Component::Alias {
                rust_name,
                resolved: None,
            } => {
                if self.aliases_in_progress.iter().any(|a| a == name) {
                    return Err(self.error(
                        pointer,
                        format!("schema `{name}` is defined in terms of itself with no object in between"),
                    ));
                }
                self.aliases_in_progress.push(name.to_string());
                let ty = self.inline_type(resolved, name, &resolved_pointer);
                self.aliases_in_progress.pop();
                let ty = ty?;
                self.components.insert(
                    name.to_string(),
                    Component::Alias {
                        rust_name,
                        resolved: Some(ty.clone()),
                    },
                );
                Ok(ty)
            }
        }
    }

    /// A polymorphic component: an enum of its kinds (the base itself, as `<Base>Base`, and every
    /// schema that extends it through `allOf`, in spec order), each a struct tagged with its
    /// discriminator value.
    fn union_type(&mut self, name: &str, rust: &str, schema: &'a Schema, pointer: &str) -> Result<TypeRef> {
        if self.schema_names.contains(rust) || self.structs_in_progress.iter().any(|s| s == rust) {
            return Ok(TypeRef::Named(rust.to_string()));
        }
        self.structs_in_progress.push(rust.to_string());
        let result = self.union_variants(name, rust, schema, pointer);
        self.structs_in_progress.pop();
        let (discriminator, variants) = result?;
        self.push_schema(SchemaDef {
            name: rust.to_string(),
            spec_name: name.to_string(),
            docs: rustdoc(schema.schema_data.description.as_deref()),
            kind: SchemaKind::Union {
                discriminator,
                variants,
            },
            tag: None,
        });
        Ok(TypeRef::Named(rust.to_string()))
    }

    fn union_variants(
        &mut self,
        name: &str,
        rust: &str,
        schema: &'a Schema,
        pointer: &str,
    ) -> Result<(String, Vec<UnionVariant>)> {
        let discriminator = self.unions.get(name).cloned().unwrap_or_default();
        let mut variants = Vec::new();
        // The base's own fields, for values of the base kind itself.
        let base = self.namer.camel_in(&mut self.types, "type", &format!("{name}Base"));
        let mut fields = self.struct_fields(&base, schema, pointer)?;
        if !fields.iter().any(|f| f.wire_name == discriminator) {
            return Err(self.error(
                &format!("{pointer}/discriminator"),
                format!("the discriminator `{discriminator}` is not a property of `{name}`"),
            ));
        }
        fields.retain(|f| f.wire_name != discriminator);
        let value = self.discriminator_value(name);
        self.push_schema(SchemaDef {
            name: base.clone(),
            spec_name: name.to_string(),
            docs: rustdoc(schema.schema_data.description.as_deref()),
            kind: SchemaKind::Struct { fields },
            tag: Some((discriminator.clone(), value.clone())),
        });
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let label = format!("variant of {rust}");
        variants.push(UnionVariant {
            value,
            name: self.namer.camel_in(&mut scope, &label, &base),
            ty: base,
        });
        let kinds: Vec<(String, &'a ReferenceOr<Schema>)> = self
            .component_schemas()
            .filter(|(kind, _)| self.union_ancestor(kind).is_some_and(|(base, _)| base == name))
            .map(|(kind, schema)| (kind.clone(), schema))
            .collect();
        for (kind, schema) in kinds {
            let kind_pointer = join("/components/schemas", &kind);
            let TypeRef::Named(ty) = self.component_type(&kind, schema.into(), &kind_pointer)? else {
                return Err(self.error(&kind_pointer, format!("`{kind}` extends `{name}` but is not an object")));
            };
            let value = self.discriminator_value(&kind);
            if variants.iter().any(|v| v.value == value) {
                return Err(self.error(
                    &kind_pointer,
                    format!("two kinds of `{name}` have the discriminator value `{value}`"),
                ));
            }
            variants.push(UnionVariant {
                value,
                name: self.namer.camel_in(&mut scope, &label, &ty),
                ty,
            });
        }
        Ok((discriminator, variants))
    }

    /// The polymorphic component `component` extends (through `allOf`, at any depth), and its
    /// discriminator property.
    fn union_ancestor(&self, component: &str) -> Option<(String, String)> {
        let mut stack = vec![(component.to_string(), 0)];
        let mut seen = Vec::new();
        while let Some((current, depth)) = stack.pop() {
            if depth > 64 || seen.contains(&current) {
                continue;
            }
            seen.push(current.clone());
            let Some(ReferenceOr::Item(schema)) = self.doc.components.as_ref().and_then(|c| c.schemas.get(&current))
            else {
                continue;
            };
            let parents = match &schema.schema_kind {
                OaKind::AllOf { all_of } => all_of.as_slice(),
                OaKind::Any(any) => any.all_of.as_slice(),
                _ => &[],
            };
            for parent in parents {
                if let ReferenceOr::Reference { reference } = parent {
                    if let Some(parent) = ref_name(reference, SCHEMA_PREFIX) {
                        if let Some(property) = self.unions.get(&parent) {
                            return Some((parent, property.clone()));
                        }
                        stack.push((parent, depth + 1));
                    }
                }
            }
        }
        None
    }

    /// A kind's discriminator value: `x-ms-discriminator-value`, else the definition's name.
    fn discriminator_value(&self, component: &str) -> String {
        self.doc
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(component))
            .and_then(|s| s.as_item())
            .and_then(|s| ext_str(&s.schema_data.extensions, "x-ms-discriminator-value"))
            .unwrap_or(component)
            .to_string()
    }

    /// The type of a schema; `hint` names inline structs and enums that need a name.
    fn type_of(&mut self, schema: SchemaRef<'a>, hint: &str, pointer: &str) -> Result<TypeRef> {
        // Types are built by recursion: bound it, so that no spec can overflow the stack.
        if self.nesting >= MAX_TYPE_NESTING {
            let message = format!(
                "types nest more than {MAX_TYPE_NESTING} levels deep \
                 (arrays, maps, inline objects or aliases one inside another)"
            );
            return Err(self.error(pointer, message));
        }
        self.nesting += 1;
        let ty = self.type_of_unbounded(schema, hint, pointer);
        self.nesting -= 1;
        ty
    }

    fn type_of_unbounded(&mut self, schema: SchemaRef<'a>, hint: &str, pointer: &str) -> Result<TypeRef> {
        match schema {
            SchemaRef::Ref(reference) => {
                let name = ref_name(reference, SCHEMA_PREFIX)
                    .ok_or_else(|| self.error(pointer, format!("unsupported `$ref` `{reference}`")))?;
                self.component_type(&name, schema, pointer)
            }
            SchemaRef::Inline(s) => {
                if is_struct(s) {
                    let rust = self.namer.camel_in(&mut self.types, "type", hint);
                    let fields = self.struct_fields(&rust, s, pointer)?;
                    self.push_schema(SchemaDef {
                        name: rust.clone(),
                        spec_name: hint.to_string(),
                        docs: rustdoc(s.schema_data.description.as_deref()),
                        kind: SchemaKind::Struct { fields },
                        tag: None,
                    });
                    Ok(TypeRef::Named(rust))
                } else {
                    self.inline_type(s, hint, pointer)
                }
            }
        }
    }

    /// The type of a schema that is not a struct.
    fn inline_type(&mut self, s: &'a Schema, hint: &str, pointer: &str) -> Result<TypeRef> {
        if let Some((values, integer)) = enum_values(s) {
            return self.enum_type(s, values, integer, hint);
        }
        Ok(match &s.schema_kind {
            OaKind::Type(Type::String(st)) => match &st.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => TypeRef::Date,
                VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => TypeRef::Base64,
                VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => TypeRef::Binary,
                VariantOrUnknownOrEmpty::Unknown(f) => match f.as_str() {
                    "uuid" => TypeRef::Uuid,
                    "base64url" => TypeRef::Base64Url,
                    "date-time-rfc1123" => TypeRef::DateTimeRfc1123,
                    "duration" => TypeRef::Duration,
                    "file" => TypeRef::Binary,
                    _ => TypeRef::String,
                },
                _ => TypeRef::String,
            },
            OaKind::Type(Type::Integer(it)) => match &it.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => TypeRef::Int32,
                _ => TypeRef::Int64,
            },
            OaKind::Type(Type::Number(nt)) => match &nt.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => TypeRef::Float32,
                _ => TypeRef::Float64,
            },
            OaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            OaKind::Type(Type::Array(at)) => match &at.items {
                Some(items) => {
                    let item_hint = format!("{hint}Item");
                    let items_pointer = format!("{pointer}/items");
                    let item = self.type_of(items.into(), &item_hint, &items_pointer)?;
                    TypeRef::Array(Box::new(self.nullable_if(item, items.into(), &items_pointer)?))
                }
                None => TypeRef::Array(Box::new(TypeRef::Any)),
            },
            OaKind::Type(Type::Object(ot)) => match &ot.additional_properties {
                None | Some(AdditionalProperties::Any(false)) => TypeRef::Any,
                Some(additional) => self.map_type(Some(additional), hint, pointer)?,
            },
            OaKind::AllOf { all_of } if all_of.len() == 1 => {
                self.type_of((&all_of[0]).into(), hint, &format!("{pointer}/allOf/0"))?
            }
            // openapiv3 reads a schema whose keywords do not fit its `type` (e.g. `maxItems` on
            // an integer, which Swagger specs do write) as "any"; its `type` still decides.
            OaKind::Any(any) => match (any.typ.as_deref(), any.format.as_deref()) {
                (_, Some("file" | "binary")) => TypeRef::Binary,
                (Some("integer"), Some("int32")) => TypeRef::Int32,
                (Some("integer"), _) => TypeRef::Int64,
                (Some("number"), Some("float")) => TypeRef::Float32,
                (Some("number"), _) => TypeRef::Float64,
                (Some("boolean"), _) => TypeRef::Bool,
                (Some("string"), Some("uuid")) => TypeRef::Uuid,
                (Some("string"), Some("date-time")) => TypeRef::DateTime,
                (Some("string"), Some("date")) => TypeRef::Date,
                (Some("string"), Some("duration")) => TypeRef::Duration,
                (Some("string"), _) => TypeRef::String,
                (Some("array"), _) => match &any.items {
                    Some(items) => TypeRef::Array(Box::new(self.type_of(
                        items.into(),
                        &format!("{hint}Item"),
                        &format!("{pointer}/items"),
                    )?)),
                    None => TypeRef::Array(Box::new(TypeRef::Any)),
                },
                _ if any.additional_properties.is_some() => {
                    self.map_type(any.additional_properties.as_ref(), hint, pointer)?
                }
                _ => TypeRef::Any,
            },
            _ => TypeRef::Any,
        })
    }

    fn map_type(&mut self, additional: Option<&'a AdditionalProperties>, hint: &str, pointer: &str) -> Result<TypeRef> {
        let value = match additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let value_pointer = format!("{pointer}/additionalProperties");
                let value = self.type_of(schema.as_ref().into(), &format!("{hint}Value"), &value_pointer)?;
                self.nullable_if(value, schema.as_ref().into(), &value_pointer)?
            }
            _ => TypeRef::Any,
        };
        Ok(TypeRef::Map(Box::new(value)))
    }

    /// A snake-case name for `wire`, or for its `x-ms-client-name` when the spec gives one (the
    /// rename report then says so).
    fn name_in(&mut self, scope: &mut Scope, label: &str, wire: &str, client_name: Option<&str>) -> String {
        match client_name {
            Some(client_name) => {
                let name = self.namer.snake_in(scope, label, client_name);
                self.namer.renames.push(Rename {
                    scope: label.to_string(),
                    spec_name: wire.to_string(),
                    rust_name: name.clone(),
                    reason: format!("`x-ms-client-name: {client_name}`"),
                });
                name
            }
            None => self.namer.snake_in(scope, label, wire),
        }
    }

    /// The fields of a struct: those of its `allOf` parents first, then its own properties.
    fn struct_fields(&mut self, owner: &str, s: &'a Schema, pointer: &str) -> Result<Vec<Field>> {
        let mut properties: Vec<(String, SchemaRef<'a>, bool, String)> = Vec::new();
        self.collect_properties(s, pointer, &mut properties, 0)?;
        let mut scope = Scope::with_reserved(&[]);
        let label = format!("field of {owner}");
        let mut fields = Vec::with_capacity(properties.len());
        for (wire, prop, required, prop_pointer) in properties {
            let client_name = match prop {
                SchemaRef::Inline(s) => ext_str(&s.schema_data.extensions, "x-ms-client-name"),
                SchemaRef::Ref(_) => None,
            };
            let name = self.name_in(&mut scope, &label, &wire, client_name);
            let hint = format!("{owner}{}", names::camel(&wire).0);
            let ty = self.type_of(prop, &hint, &prop_pointer)?;
            let (resolved, resolved_pointer) = self.effective(prop, &prop_pointer)?;
            let data = match prop {
                SchemaRef::Inline(s) => &s.schema_data,
                SchemaRef::Ref(_) => &resolved.schema_data,
            };
            fields.push(Field {
                wire_name: wire,
                name,
                ty,
                required,
                nullable: data.nullable || ext_bool(&data.extensions, "x-nullable"),
                read_only: data.read_only,
                default: data.default.clone(),
                constraints: self.constraints(resolved, &resolved_pointer)?,
                docs: rustdoc(
                    data.description
                        .as_deref()
                        .or(resolved.schema_data.description.as_deref()),
                ),
                additional: false,
            });
        }
        if let Some((additional, additional_pointer)) = self.additional_properties(s, pointer, 0)? {
            let name = self.name_in(&mut scope, &label, "additionalProperties", None);
            let hint = format!("{owner}Additional");
            let TypeRef::Map(value) = self.map_type(Some(additional), &hint, &additional_pointer)? else {
                unreachable!("map_type gives a map");
            };
            fields.push(Field {
                wire_name: String::new(),
                name,
                ty: TypeRef::Map(value),
                required: false,
                nullable: false,
                read_only: false,
                default: None,
                constraints: Constraints::default(),
                docs: "Properties the spec does not list, by name.".to_string(),
                additional: true,
            });
        }
        Ok(fields)
    }

    /// `additionalProperties` (not `false`) of a struct or of the nearest of its `allOf` parents
    /// that says it, and the pointer of the schema that holds it.
    fn additional_properties(
        &self,
        s: &'a Schema,
        pointer: &str,
        depth: usize,
    ) -> Result<Option<(&'a AdditionalProperties, String)>> {
        if depth > 64 {
            return Err(self.error(pointer, "`allOf` nests more than 64 levels deep"));
        }
        let (own, parents): (Option<&'a AdditionalProperties>, &'a [ReferenceOr<Schema>]) = match &s.schema_kind {
            OaKind::Type(Type::Object(ot)) => (ot.additional_properties.as_ref(), &[]),
            OaKind::Any(any) => (any.additional_properties.as_ref(), &any.all_of),
            OaKind::AllOf { all_of } => (None, all_of),
            _ => (None, &[]),
        };
        match own {
            Some(AdditionalProperties::Any(false)) => return Ok(None),
            Some(additional) => return Ok(Some((additional, pointer.to_string()))),
            None => {}
        }
        for (i, parent) in parents.iter().enumerate() {
            let parent_pointer = format!("{pointer}/allOf/{i}");
            let (parent, parent_pointer) = self.resolve(parent.into(), &parent_pointer)?;
            if let Some(found) = self.additional_properties(parent, &parent_pointer, depth + 1)? {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    fn collect_properties(
        &self,
        s: &'a Schema,
        pointer: &str,
        out: &mut Vec<(String, SchemaRef<'a>, bool, String)>,
        depth: usize,
    ) -> Result<()> {
        if depth > 64 {
            return Err(self.error(pointer, "`allOf` nests more than 64 levels deep"));
        }
        let (properties, required) = match &s.schema_kind {
            OaKind::Type(Type::Object(ot)) => (&ot.properties, &ot.required),
            OaKind::Any(any) => {
                for (i, parent) in any.all_of.iter().enumerate() {
                    let parent_pointer = format!("{pointer}/allOf/{i}");
                    let (parent, parent_pointer) = self.resolve(parent.into(), &parent_pointer)?;
                    self.collect_properties(parent, &parent_pointer, out, depth + 1)?;
                }
                (&any.properties, &any.required)
            }
            OaKind::AllOf { all_of } => {
                for (i, parent) in all_of.iter().enumerate() {
                    let parent_pointer = format!("{pointer}/allOf/{i}");
                    let (parent, parent_pointer) = self.resolve(parent.into(), &parent_pointer)?;
                    self.collect_properties(parent, &parent_pointer, out, depth + 1)?;
                }
                return Ok(());
            }
            _ => return Ok(()),
        };
        for (name, prop) in properties {
            let prop_pointer = join(&format!("{pointer}/properties"), name);
            let required = required.contains(name);
            if let Some(existing) = out.iter_mut().find(|(n, ..)| n == name) {
                // A child may restate a parent's property; the child's view wins.
                *existing = (name.clone(), prop.into(), required || existing.2, prop_pointer);
            } else {
                out.push((name.clone(), prop.into(), required, prop_pointer));
            }
        }
        Ok(())
    }

    /// An enum type for `values`, shared by name with identical enums met before.
    fn enum_type(&mut self, s: &'a Schema, values: Vec<String>, integer: bool, hint: &str) -> Result<TypeRef> {
        let x_ms_enum = s.schema_data.extensions.get("x-ms-enum");
        let enum_name = x_ms_enum
            .and_then(|e| e.get("name"))
            .and_then(Value::as_str)
            .unwrap_or(hint);
        let extensible = match x_ms_enum {
            Some(e) => e.get("modelAsString").and_then(Value::as_bool).unwrap_or(false),
            None => true,
        };
        let described: HashMap<String, (Option<String>, Option<String>)> = x_ms_enum
            .and_then(|e| e.get("values"))
            .and_then(Value::as_array)
            .map(|vs| {
                vs.iter()
                    .filter_map(|v| {
                        let value = scalar_string(v.get("value")?)?;
                        let name = v.get("name").and_then(Value::as_str).map(str::to_string);
                        let doc = v.get("description").and_then(Value::as_str).map(str::to_string);
                        Some((value, (name, doc)))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut variants = Scope::with_reserved(&["UnknownValue"]);
        let label = format!("variant of {}", names::camel(enum_name).0);
        let mut enum_values = Vec::with_capacity(values.len());
        let mut variant_namer = Namer::default();
        for value in values {
            let (name, doc) = described.get(&value).cloned().unwrap_or((None, None));
            let spec_name = name.unwrap_or_else(|| value.clone());
            let name = variant_namer.camel_in(&mut variants, &label, &spec_name);
            enum_values.push(EnumValue {
                name,
                value,
                docs: rustdoc(doc.as_deref()),
            });
        }
        let def = EnumDef {
            extensible,
            integer,
            values: enum_values,
        };
        // The same x-ms-enum used in several places is one type.
        let (base, _) = names::camel(enum_name);
        let mut candidate = base.clone();
        let mut n = 2;
        loop {
            match self.schemas.iter().find(|d| d.name == candidate) {
                Some(SchemaDef {
                    kind: SchemaKind::Enum(existing),
                    ..
                }) if *existing == def => {
                    return Ok(TypeRef::Named(candidate));
                }
                // Taken by another type, built or only registered so far.
                Some(_) => {}
                None if self.types.contains(&candidate) => {}
                None => {
                    self.types.claim(&candidate);
                    break;
                }
            }
            candidate = format!("{base}{n}");
            n += 1;
        }
        self.namer.renames.extend(variant_namer.renames);
        if candidate != base || names::camel(enum_name).1.is_some() {
            self.namer.renames.push(Rename {
                scope: "type".into(),
                spec_name: enum_name.to_string(),
                rust_name: candidate.clone(),
                reason: if candidate != base {
                    format!("`{base}` is already used by another type")
                } else {
                    names::camel(enum_name).1.unwrap_or_default().to_string()
                },
            });
        }
        self.push_schema(SchemaDef {
            name: candidate.clone(),
            spec_name: enum_name.to_string(),
            docs: rustdoc(s.schema_data.description.as_deref()),
            kind: SchemaKind::Enum(def),
            tag: None,
        });
        Ok(TypeRef::Named(candidate))
    }

    /// Validation rules of a schema; a `pattern` that does not compile is an error here, not at
    /// run time.
    fn constraints(&self, s: &Schema, pointer: &str) -> Result<Constraints> {
        let mut c = Constraints::default();
        match &s.schema_kind {
            OaKind::Type(Type::String(st)) => {
                c.max_length = st.max_length.map(|v| v as u64);
                c.min_length = st.min_length.map(|v| v as u64);
                c.pattern = st.pattern.clone();
            }
            OaKind::Type(Type::Integer(it)) => {
                c.maximum = it.maximum.map(|v| v as f64);
                c.minimum = it.minimum.map(|v| v as f64);
                c.exclusive_maximum = it.exclusive_maximum;
                c.exclusive_minimum = it.exclusive_minimum;
                c.multiple_of = it.multiple_of.map(|v| v as f64);
            }
            OaKind::Type(Type::Number(nt)) => {
                c.maximum = nt.maximum;
                c.minimum = nt.minimum;
                c.exclusive_maximum = nt.exclusive_maximum;
                c.exclusive_minimum = nt.exclusive_minimum;
                c.multiple_of = nt.multiple_of;
            }
            OaKind::Type(Type::Array(at)) => {
                c.max_items = at.max_items.map(|v| v as u64);
                c.min_items = at.min_items.map(|v| v as u64);
                c.unique_items = at.unique_items;
            }
            _ => {}
        }
        if let Some(pattern) = &c.pattern {
            if let Err(e) = regex_lite::Regex::new(pattern) {
                return Err(self.error(
                    &format!("{pointer}/pattern"),
                    format!("`pattern` does not compile: {e}"),
                ));
            }
        }
        Ok(c)
    }

    // ----- client ---------------------------------------------------------------------------

    fn client(&mut self) -> Result<ClientModel> {
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
    fn host_parameter(&mut self, p: &Value, scope: &mut Scope, pointer: &str) -> Result<Parameter> {
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

    fn operations(&mut self, client: &mut ClientModel) -> Result<Vec<OperationGroup>> {
        let doc = self.doc;
        let mut groups: IndexMap<Option<String>, OperationGroup> = IndexMap::new();
        let mut group_scope = Scope::with_reserved(RESERVED_CLIENT_METHODS);
        let mut group_types = Scope::default();
        // `operations::operations` would stutter (and clippy says so).
        let mut module_scope = Scope::with_reserved(&["operations"]);
        let mut method_scopes: HashMap<String, Scope> = HashMap::new();
        let mut builder_scopes: HashMap<Option<String>, Scope> = HashMap::new();
        let mut seen_ids: HashMap<String, String> = HashMap::new();
        for (path_key, item) in doc.paths.iter() {
            let path_pointer = join("/paths", path_key);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { .. } => {
                    return Err(self.error(&path_pointer, "path item `$ref`s are not supported"))
                }
            };
            for (method_name, op) in item.iter() {
                let pointer = format!("{path_pointer}/{method_name}");
                let id = op
                    .operation_id
                    .clone()
                    .ok_or_else(|| self.error(&pointer, "operation has no `operationId`"))?;
                if let Some(first) = seen_ids.insert(id.clone(), pointer.clone()) {
                    return Err(self.error(
                        &format!("{pointer}/operationId"),
                        format!("duplicate operationId `{id}` (first at #{first})"),
                    ));
                }
                let (group, method) = match id.split_once('_') {
                    Some((g, m)) if !g.is_empty() && !m.is_empty() => (Some(g.to_string()), m.to_string()),
                    _ => (None, id.clone()),
                };
                let entry = groups.entry(group.clone()).or_insert_with(|| OperationGroup {
                    name: None,
                    operations: Vec::new(),
                });
                if entry.name.is_none() {
                    if let Some(g) = &group {
                        let accessor = self.namer.snake_in(&mut group_scope, "operation group", g);
                        let module = self.namer.snake_in(&mut module_scope, "operation group module", g);
                        let type_name =
                            self.namer
                                .camel_in(&mut group_types, "operation group type", &format!("{g}Operations"));
                        entry.name = Some(GroupNames {
                            spec: g.clone(),
                            accessor,
                            module,
                            type_name,
                        });
                    }
                }
                let label = format!("operation {id}");
                // Client-level operations share the client's method namespace with group accessors.
                let methods = match &group {
                    Some(g) => method_scopes.entry(g.clone()).or_default(),
                    None => &mut group_scope,
                };
                let name = self.namer.snake_in(methods, &label, &method);
                let builders = builder_scopes
                    .entry(group.clone())
                    .or_insert_with(|| Scope::with_reserved(RESERVED_BUILDERS));
                let builder = self.namer.camel_in(builders, &label, &method);
                let headers = format!("{builder}Headers");
                let mut operation =
                    self.operation(id, name, builder, method_name, path_key, item, op, client, &pointer)?;
                if operation.responses.iter().any(|r| !r.headers.is_empty()) {
                    operation.headers_type = Some(self.namer.camel_in(builders, &label, &headers));
                }
                operation.pageable = self.pageable(op, &operation, &pointer)?;
                if let Some(g) = groups.get_mut(&group) {
                    g.operations.push(operation);
                }
            }
        }
        // Client-level operations first, then groups in spec order.
        let mut groups: Vec<_> = groups.into_values().collect();
        groups.sort_by_key(|g| g.name.is_some());
        Ok(groups)
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        id: String,
        name: String,
        builder: String,
        method_name: &str,
        path_key: &str,
        item: &'a openapiv3::PathItem,
        op: &'a openapiv3::Operation,
        client: &mut ClientModel,
        pointer: &str,
    ) -> Result<Operation> {
        let method = match method_name {
            "get" => Method::Get,
            "put" => Method::Put,
            "post" => Method::Post,
            "delete" => Method::Delete,
            "options" => Method::Options,
            "head" => Method::Head,
            "patch" => Method::Patch,
            _ => Method::Trace,
        };
        let path = path_key.split('?').next().unwrap_or_default().to_string();
        let mut scope = Scope::with_reserved(RESERVED_PARAMS);
        let label = format!("parameter of {id}");
        let mut parameters = Vec::new();
        let mut client_parameters = Vec::new();
        let mut constants = Vec::new();
        // Path-level parameters first; an operation parameter with the same name and place wins.
        let mut merged: Vec<(&'a ReferenceOr<OaParameter>, String)> = Vec::new();
        for (i, p) in item.parameters.iter().enumerate() {
            merged.push((
                p,
                format!("{}/parameters/{i}", pointer.rsplit_once('/').map_or("", |x| x.0)),
            ));
        }
        for (i, p) in op.parameters.iter().enumerate() {
            let p_pointer = format!("{pointer}/parameters/{i}");
            let key = self.parameter_key(p, &p_pointer)?;
            let mut replaced = false;
            for slot in merged.iter_mut() {
                if self.parameter_key(slot.0, &slot.1)? == key {
                    *slot = (p, p_pointer.clone());
                    replaced = true;
                }
            }
            if !replaced {
                merged.push((p, p_pointer));
            }
        }
        // Where the body stood among the spec's parameters (`x-ms-requestBody-index` counts
        // them all), as a position among the method parameters kept below.
        let body_index = op
            .extensions
            .get("x-ms-requestBody-index")
            .or_else(|| match &op.request_body {
                Some(ReferenceOr::Item(rb)) => rb.extensions.get("x-ms-requestBody-index"),
                _ => None,
            })
            .and_then(Value::as_u64)
            .map(|i| i as usize);
        let mut body_at = None;
        for (i, (p, p_pointer)) in merged.into_iter().enumerate() {
            if body_index == Some(i) {
                body_at = Some(parameters.len());
            }
            let (param, global) = self.deref_parameter(p, &p_pointer)?;
            let data = param_data(param);
            if matches!(param, OaParameter::Header { .. })
                && (data.name.eq_ignore_ascii_case("content-type") || data.name.eq_ignore_ascii_case("accept"))
            {
                continue; // set from the media types
            }
            let placement = ext_str(&data.extensions, "x-ms-parameter-location");
            let is_client = match placement {
                Some("client") => true,
                Some(_) => false,
                None => global,
            };
            if is_client {
                // Set once on the client; the first operation that uses it defines it.
                let existing = client.parameters.iter().find(|c| c.wire_name == data.name);
                let name = match existing {
                    Some(c) => c.name.clone(),
                    None => {
                        let mut scope = std::mem::take(&mut self.client_scope);
                        let parameter = self.parameter(param, &mut scope, "client parameter", &p_pointer);
                        self.client_scope = scope;
                        let parameter = parameter?;
                        let name = parameter.name.clone();
                        client.parameters.push(parameter);
                        name
                    }
                };
                client_parameters.push(name);
                continue;
            }
            let parameter = self.parameter(param, &mut scope, &label, &p_pointer)?;
            // A required query or header parameter that can hold one value only is a constant
            // (AutoRest's rule): always sent, never asked for.
            let constant = match (&parameter.location, &parameter.ty) {
                (Location::Query | Location::Header, TypeRef::Named(name)) if parameter.required => {
                    match self.schemas.iter().find(|s| &s.name == name).map(|s| &s.kind) {
                        Some(SchemaKind::Enum(e)) if e.values.len() == 1 && !model_as_string(param) => {
                            Some(e.values[0].value.clone())
                        }
                        _ => None,
                    }
                }
                // A one-value `enum` of a formatted type (a date, say) is a constant too, sent as
                // the spec writes it.
                (Location::Query | Location::Header, _) if parameter.required && !model_as_string(param) => {
                    match &param_data(param).format {
                        ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => listed_values(schema)
                            .filter(|(values, _)| values.len() == 1)
                            .map(|(values, _)| values[0].clone()),
                        _ => None,
                    }
                }
                _ => None,
            };
            match constant {
                Some(value) => constants.push(Constant {
                    location: parameter.location.clone(),
                    wire_name: parameter.wire_name.clone(),
                    value,
                    skip_url_encoding: parameter.skip_url_encoding,
                }),
                None => parameters.push(parameter),
            }
        }
        // Braces must pair up, with a name and no `/` between them (`{a/{b}` is no template).
        if let Some(problem) = template_problem(&path) {
            return Err(self.error(pointer, format!("path `{path}` is not a valid template: {problem}")));
        }
        // Every `{name}` of the path must be a parameter in the path, and the other way round.
        for placeholder in placeholders(&path) {
            let known = parameters
                .iter()
                .any(|p| p.location == Location::Path && p.wire_name == placeholder)
                || client
                    .parameters
                    .iter()
                    .any(|p| p.location == Location::Path && p.wire_name == placeholder);
            if !known {
                return Err(self.error(
                    pointer,
                    format!(
                        "path `{path}` has `{{{placeholder}}}` but the operation has no path parameter `{placeholder}`"
                    ),
                ));
            }
        }
        for p in parameters.iter().filter(|p| p.location == Location::Path) {
            if !placeholders(&path).any(|ph| ph == p.wire_name) {
                return Err(self.error(
                    pointer,
                    format!("path parameter `{}` does not appear in the path `{path}`", p.wire_name),
                ));
            }
        }
        let body = match &op.request_body {
            Some(rb) => {
                let at = body_at.unwrap_or(parameters.len());
                let rb_pointer = format!("{pointer}/requestBody");
                Some(self.request_body(rb, &id, &mut scope, &label, &mut parameters, at, &rb_pointer)?)
            }
            None => None,
        };
        let (responses, error, accept) = self.responses(op, method == Method::Head, &builder, pointer)?;
        Ok(Operation {
            id,
            name,
            builder,
            method,
            path,
            docs: rustdoc(op.description.as_deref().or(op.summary.as_deref())),
            deprecated: op.deprecated,
            parameters,
            client_parameters,
            body,
            responses,
            error,
            accept,
            headers_type: None,
            constants,
            pageable: None,
            long_running: long_running(op),
        })
    }

    fn parameter_key(&self, p: &'a ReferenceOr<OaParameter>, pointer: &str) -> Result<(String, &'static str)> {
        let (param, _) = self.deref_parameter(p, pointer)?;
        let place = match param {
            OaParameter::Query { .. } => "query",
            OaParameter::Header { .. } => "header",
            OaParameter::Path { .. } => "path",
            OaParameter::Cookie { .. } => "cookie",
        };
        Ok((param_data(param).name.clone(), place))
    }

    /// The parameter behind a reference, and whether it came from the global section.
    fn deref_parameter(&self, p: &'a ReferenceOr<OaParameter>, pointer: &str) -> Result<(&'a OaParameter, bool)> {
        match p {
            ReferenceOr::Item(param) => Ok((param, false)),
            ReferenceOr::Reference { reference } => {
                let name = ref_name(reference, "#/components/parameters/")
                    .ok_or_else(|| self.error(pointer, format!("unsupported parameter `$ref` `{reference}`")))?;
                match self.doc.components.as_ref().and_then(|c| c.parameters.get(&name)) {
                    Some(ReferenceOr::Item(param)) => Ok((param, true)),
                    Some(ReferenceOr::Reference { .. }) => {
                        Err(self.error(pointer, "a parameter `$ref` to another `$ref` is not supported"))
                    }
                    None => Err(self.error(pointer, format!("`$ref` target `{reference}` does not exist"))),
                }
            }
        }
    }

    fn parameter(
        &mut self,
        param: &'a OaParameter,
        scope: &mut Scope,
        label: &str,
        pointer: &str,
    ) -> Result<Parameter> {
        let data = param_data(param);
        let location = match param {
            OaParameter::Query { .. } => Location::Query,
            OaParameter::Header { .. } => Location::Header,
            OaParameter::Path { .. } => Location::Path,
            OaParameter::Cookie { .. } => {
                return Err(self.error(pointer, "cookie parameters are not supported"));
            }
        };
        let schema = match &data.format {
            ParameterSchemaOrContent::Schema(s) => s,
            ParameterSchemaOrContent::Content(_) => {
                return Err(self.error(pointer, "parameters with `content` are not supported; use `schema`"));
            }
        };
        let name = self.name_in(scope, label, &data.name, ext_str(&data.extensions, "x-ms-client-name"));
        let schema_pointer = format!("{pointer}/schema");
        let ty = self.type_of(schema.into(), &data.name, &schema_pointer)?;
        let (resolved, resolved_pointer) = self.effective(schema.into(), &schema_pointer)?;
        let collection_format = match &ty {
            TypeRef::Array(_) => Some(match ext_str(&data.extensions, "x-ms-collection-format") {
                Some("multi") => CollectionFormat::Multi,
                Some("ssv") => CollectionFormat::Ssv,
                Some("tsv") => CollectionFormat::Tsv,
                Some("pipes") => CollectionFormat::Pipes,
                Some(_) => CollectionFormat::Csv,
                None => match param {
                    OaParameter::Query {
                        style: openapiv3::QueryStyle::SpaceDelimited,
                        ..
                    } => CollectionFormat::Ssv,
                    OaParameter::Query {
                        style: openapiv3::QueryStyle::PipeDelimited,
                        ..
                    } => CollectionFormat::Pipes,
                    OaParameter::Query { .. } if data.explode.unwrap_or(true) => CollectionFormat::Multi,
                    _ => CollectionFormat::Csv,
                },
            }),
            _ => None,
        };
        Ok(Parameter {
            wire_name: data.name.clone(),
            name,
            location,
            ty,
            required: data.required,
            default: resolved.schema_data.default.clone(),
            constraints: self.constraints(resolved, &resolved_pointer)?,
            collection_format,
            skip_url_encoding: ext_bool(&data.extensions, "x-ms-skip-url-encoding"),
            docs: rustdoc(data.description.as_deref()),
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn request_body(
        &mut self,
        rb: &'a ReferenceOr<openapiv3::RequestBody>,
        id: &str,
        scope: &mut Scope,
        label: &str,
        parameters: &mut Vec<Parameter>,
        insert_at: usize,
        pointer: &str,
    ) -> Result<RequestBody> {
        let (rb, pointer) = match rb {
            ReferenceOr::Item(rb) => (rb, pointer.to_string()),
            ReferenceOr::Reference { reference } => {
                let name = ref_name(reference, "#/components/requestBodies/")
                    .ok_or_else(|| self.error(pointer, format!("unsupported request body `$ref` `{reference}`")))?;
                match self.doc.components.as_ref().and_then(|c| c.request_bodies.get(&name)) {
                    Some(ReferenceOr::Item(rb)) => (rb, join("/components/requestBodies", &name)),
                    _ => return Err(self.error(pointer, format!("`$ref` target `{reference}` does not exist"))),
                }
            }
        };
        let (content_type, media) = rb
            .content
            .iter()
            .find(|(mt, _)| is_json(mt))
            .or_else(|| rb.content.first())
            .ok_or_else(|| self.error(&pointer, "request body has no `content`"))?;
        let media_pointer = join(&format!("{pointer}/content"), content_type);
        let body_name = ext_str(&rb.extensions, "x-ms-requestBody-name")
            .unwrap_or("body")
            .to_string();
        let schema = media.schema.as_ref();
        if content_type.starts_with("multipart/") || content_type == "application/x-www-form-urlencoded" {
            let form = self.form_fields(schema, scope, label, &format!("{media_pointer}/schema"))?;
            parameters.splice(insert_at..insert_at, form);
            return Ok(RequestBody {
                content_type: content_type.clone(),
                kind: BodyKind::Form,
                required: rb.required,
                parameter_name: body_name,
            });
        }
        // Raw bytes: a non-JSON media type, or a JSON one whose schema is binary.
        let ty = match schema {
            Some(schema) if is_json(content_type) => {
                let hint = format!("{}Body", names::camel(id).0);
                Some(self.type_of(schema.into(), &hint, &format!("{media_pointer}/schema"))?)
            }
            None if is_json(content_type) => {
                return Err(self.error(&media_pointer, "JSON request body has no `schema`"));
            }
            _ => None,
        };
        let Some(ty) = ty.filter(|ty| *ty != TypeRef::Binary) else {
            self.insert_body_parameter(
                parameters,
                insert_at,
                scope,
                label,
                body_name.clone(),
                TypeRef::Binary,
                rb,
            );
            return Ok(RequestBody {
                content_type: content_type.clone(),
                kind: BodyKind::Binary,
                required: rb.required,
                parameter_name: body_name,
            });
        };
        let flatten = ext_bool(&rb.extensions, "x-ms-client-flatten");
        let model_fields = match &ty {
            TypeRef::Named(model) if flatten => match self.schemas.iter().find(|s| &s.name == model) {
                Some(SchemaDef {
                    kind: SchemaKind::Struct { fields },
                    ..
                }) => Some((model.clone(), fields.clone())),
                _ => None,
            },
            _ => None,
        };
        if let Some((model, fields)) = model_fields {
            let flattened: Vec<Parameter> = fields
                .iter()
                .filter(|f| !f.read_only)
                .map(|f| Parameter {
                    wire_name: f.wire_name.clone(),
                    name: self.namer.snake_in(scope, label, &f.wire_name),
                    location: Location::BodyProperty { field: f.name.clone() },
                    ty: f.ty.clone(),
                    required: f.required,
                    default: f.default.clone(),
                    constraints: f.constraints.clone(),
                    collection_format: None,
                    skip_url_encoding: false,
                    docs: f.docs.clone(),
                })
                .collect();
            parameters.splice(insert_at..insert_at, flattened);
            return Ok(RequestBody {
                content_type: content_type.clone(),
                kind: BodyKind::Flattened { model },
                required: true,
                parameter_name: body_name,
            });
        }
        self.insert_body_parameter(parameters, insert_at, scope, label, body_name.clone(), ty, rb);
        Ok(RequestBody {
            content_type: content_type.clone(),
            kind: BodyKind::Json,
            required: rb.required,
            parameter_name: body_name,
        })
    }

    /// The fields of a form body: one parameter per property of its (object) schema.
    fn form_fields(
        &mut self,
        schema: Option<&'a ReferenceOr<Schema>>,
        scope: &mut Scope,
        label: &str,
        pointer: &str,
    ) -> Result<Vec<Parameter>> {
        let schema = schema.ok_or_else(|| self.error(pointer, "form body has no `schema`"))?;
        let (schema, pointer) = self.effective(schema.into(), pointer)?;
        let (properties, required) = match &schema.schema_kind {
            OaKind::Type(Type::Object(ot)) => (&ot.properties, &ot.required),
            OaKind::Any(any) => (&any.properties, &any.required),
            _ => return Err(self.error(&pointer, "a form body must be an object with one property per field")),
        };
        let mut fields = Vec::with_capacity(properties.len());
        for (wire, property) in properties {
            let field_pointer = join(&format!("{pointer}/properties"), wire);
            let ty = self.type_of(property.into(), wire, &field_pointer)?;
            let (resolved, resolved_pointer) = self.effective(property.into(), &field_pointer)?;
            if matches!(&ty, TypeRef::Array(item) if **item == TypeRef::Binary) {
                return Err(self.error(&field_pointer, "form fields holding several files are not supported"));
            }
            fields.push(Parameter {
                wire_name: wire.clone(),
                name: self.namer.snake_in(scope, label, wire),
                location: Location::FormField,
                collection_format: matches!(ty, TypeRef::Array(_)).then_some(CollectionFormat::Csv),
                ty,
                required: required.contains(wire),
                default: resolved.schema_data.default.clone(),
                constraints: self.constraints(resolved, &resolved_pointer)?,
                skip_url_encoding: false,
                docs: rustdoc(resolved.schema_data.description.as_deref()),
            });
        }
        Ok(fields)
    }

    /// Applies the directives file: renames and long-running markings, each checked against the
    /// spec so that a typo is an error, not a silent no-op.
    fn apply_directives(&mut self, groups: &mut [OperationGroup], options: &Options) -> Result<()> {
        let file = &options.directives_file;
        let fail = |pointer: String, message: String| Err(Diagnostic::new(file, pointer, message));
        let find = |groups: &[OperationGroup], id: &str| {
            groups
                .iter()
                .enumerate()
                .find_map(|(g, group)| group.operations.iter().position(|o| o.id == id).map(|o| (g, o)))
        };
        for (id, directive) in &options.directives.operations {
            let pointer = format!("/operations/{}", crate::diagnostic::escape_token(id));
            let Some((g, o)) = find(groups, id) else {
                return fail(pointer, format!("the spec has no operation `{id}`"));
            };
            if let Some(rename) = &directive.rename {
                let (name, _) = names::snake(rename);
                if groups[g]
                    .operations
                    .iter()
                    .any(|other| other.name == name && other.id != *id)
                {
                    return fail(
                        format!("{pointer}/rename"),
                        format!("`{name}` is already a method of this group"),
                    );
                }
                self.namer.renames.push(Rename {
                    scope: format!("operation {id}"),
                    spec_name: groups[g].operations[o].name.clone(),
                    rust_name: name.clone(),
                    reason: "directive `rename`".into(),
                });
                groups[g].operations[o].name = name;
            }
            let Some(lro) = &directive.long_running else { continue };
            let pointer = format!("{pointer}/long-running");
            let Some((sg, so)) = find(groups, &lro.status_operation) else {
                return fail(
                    format!("{pointer}/status-operation"),
                    format!("the spec has no operation `{}`", lro.status_operation),
                );
            };
            let status_op = &groups[sg].operations[so];
            let operation = &groups[g].operations[o];
            let Some(header) = operation
                .responses
                .iter()
                .flat_map(|r| &r.headers)
                .find(|h| h.wire_name.eq_ignore_ascii_case(&lro.location_header))
            else {
                return fail(
                    format!("{pointer}/location-header"),
                    format!("`{id}` documents no response header `{}`", lro.location_header),
                );
            };
            if header.ty != TypeRef::String {
                return fail(
                    format!("{pointer}/location-header"),
                    format!("header `{}` is not a string", lro.location_header),
                );
            }
            let model = status_op.responses.iter().find_map(|r| match &r.body {
                Some(TypeRef::Named(name)) => Some(name.clone()),
                _ => None,
            });
            let fields = model
                .as_ref()
                .and_then(|m| match self.schemas.iter().find(|s| &s.name == m) {
                    Some(SchemaDef {
                        kind: SchemaKind::Struct { fields },
                        ..
                    }) => Some(fields.clone()),
                    _ => None,
                });
            let (Some(status_model), Some(fields)) = (model, fields) else {
                return fail(
                    format!("{pointer}/status-operation"),
                    format!("`{}` does not return an object", lro.status_operation),
                );
            };
            let field = |key: &str, wire: &str| match fields.iter().find(|f| f.wire_name == wire) {
                Some(f) if key != "status-field" && f.ty != TypeRef::String => Err(Diagnostic::new(
                    file,
                    format!("{pointer}/{key}"),
                    format!("`{status_model}.{wire}` must be a string to be returned or reported"),
                )),
                Some(f) => Ok((f.name.clone(), !f.required || f.nullable)),
                None => Err(Diagnostic::new(
                    file,
                    format!("{pointer}/{key}"),
                    format!("`{status_model}` has no property `{wire}`"),
                )),
            };
            let status_field = field("status-field", &lro.status_field)?.0;
            let result_field = lro
                .result_field
                .as_deref()
                .map(|w| field("result-field", w))
                .transpose()?;
            let message_field = lro
                .message_field
                .as_deref()
                .map(|w| field("message-field", w))
                .transpose()?;
            let parameters: Vec<(String, TypeRef)> = status_op
                .parameters
                .iter()
                .filter(|p| p.location == Location::Path)
                .map(|p| (p.name.clone(), p.ty.clone()))
                .collect();
            if status_op
                .parameters
                .iter()
                .any(|p| p.required && p.location != Location::Path)
            {
                return fail(
                    format!("{pointer}/status-operation"),
                    format!("`{}` needs arguments that a location cannot give", lro.status_operation),
                );
            }
            let polling = StatusPolling {
                group: groups[sg].name.as_ref().map(|n| n.accessor.clone()),
                method: status_op.name.clone(),
                path: status_op.path.clone(),
                parameters,
                status_model,
                location_field: header.name.clone(),
                location_header: header.wire_name.clone(),
                status_field,
                succeeded: lro.succeeded.clone(),
                failed: lro.failed.clone(),
                result_field,
                message_field,
            };
            let operation = &mut groups[g].operations[o];
            let final_state_via = operation.long_running.take().and_then(|l| l.final_state_via);
            operation.long_running = Some(LongRunning {
                final_state_via,
                status: Some(polling),
            });
        }
        Ok(())
    }

    /// `x-ms-pageable`, checked against the page model the operation returns.
    fn pageable(&self, op: &openapiv3::Operation, operation: &Operation, pointer: &str) -> Result<Option<Pageable>> {
        let Some(spec) = op.extensions.get("x-ms-pageable") else {
            return Ok(None);
        };
        let pointer = format!("{pointer}/x-ms-pageable");
        let item_name = spec.get("itemName").and_then(Value::as_str).unwrap_or("value");
        let next_link_name = spec.get("nextLinkName").and_then(Value::as_str);
        let page = operation.responses.iter().find_map(|r| match &r.body {
            Some(TypeRef::Named(name)) => Some(name.clone()),
            _ => None,
        });
        let fields = page
            .as_ref()
            .and_then(|page| match self.schemas.iter().find(|s| &s.name == page) {
                Some(SchemaDef {
                    kind: SchemaKind::Struct { fields },
                    ..
                }) => Some(fields),
                _ => None,
            });
        let (Some(page), Some(fields)) = (page, fields) else {
            return Err(self.error(
                &pointer,
                "`x-ms-pageable` needs a success response that is an object (the page)",
            ));
        };
        let field = |wire: &str| fields.iter().find(|f| f.wire_name == wire);
        let items = field(item_name)
            .filter(|f| matches!(f.ty, TypeRef::Array(_)))
            .ok_or_else(|| {
                self.error(
                    &pointer,
                    format!("the page `{page}` has no array property `{item_name}` (`itemName`)"),
                )
            })?;
        let next = match next_link_name {
            Some(name) => Some(field(name).filter(|f| f.ty == TypeRef::String).ok_or_else(|| {
                self.error(
                    &pointer,
                    format!("the page `{page}` has no string property `{name}` (`nextLinkName`)"),
                )
            })?),
            None => None,
        };
        let next_operation = match spec.get("operationName") {
            None => None,
            // Linked in `link_next_operations`, once every operation is built.
            Some(Value::String(id)) => Some(NextOperation {
                id: id.clone(),
                group_accessor: None,
                same_group: false,
                method: String::new(),
                arguments: Vec::new(),
            }),
            Some(_) => return Err(self.error(&format!("{pointer}/operationName"), "`operationName` must be a string")),
        };
        Ok(Some(Pageable {
            next_operation,
            page: page.clone(),
            items_field: items.name.clone(),
            items_optional: !items.required || items.nullable,
            next_link_field: next.map(|f| f.name.clone()),
            next_link_optional: next.is_some_and(|f| !f.required || f.nullable),
        }))
    }

    /// Resolves each `x-ms-pageable.operationName` to the operation it names and maps that
    /// operation's arguments: the next link, or the listing operation's parameter of the same
    /// wire name.
    fn link_next_operations(&self, groups: &mut [OperationGroup]) -> Result<()> {
        /// An operation a next-page link may name: its group accessor and index, its method, and
        /// its (wire name, required, type) parameters.
        type Target = (Option<String>, usize, String, Vec<(String, bool, TypeRef)>);
        let mut targets: HashMap<String, Target> = HashMap::new();
        for (g, group) in groups.iter().enumerate() {
            for op in &group.operations {
                let params = op
                    .parameters
                    .iter()
                    .filter(|p| !matches!(p.location, Location::Body | Location::BodyProperty { .. }))
                    .map(|p| (p.wire_name.clone(), p.required, p.ty.clone()))
                    .collect();
                let accessor = group.name.as_ref().map(|n| n.accessor.clone());
                targets.insert(op.id.clone(), (accessor, g, op.name.clone(), params));
            }
        }
        for (g, group) in groups.iter_mut().enumerate() {
            for op in &mut group.operations {
                let Some(pageable) = op.pageable.as_mut() else { continue };
                let Some(next) = pageable.next_operation.as_mut() else {
                    continue;
                };
                let pointer = format!("{}/x-ms-pageable/operationName", self.operation_pointer(&op.id));
                let Some((accessor, target_group, method, params)) = targets.get(&next.id) else {
                    return Err(self.error(&pointer, format!("no operation has the operationId `{}`", next.id)));
                };
                let mut arguments = Vec::new();
                for (wire, _, ty) in params.iter().filter(|(_, required, _)| *required) {
                    let own = op.parameters.iter().find(|p| &p.wire_name == wire);
                    let names_link = wire.eq_ignore_ascii_case("nextLink") && *ty == TypeRef::String;
                    arguments.push(match own {
                        _ if names_link && !arguments.contains(&NextArgument::Link) => NextArgument::Link,
                        Some(p) if p.required && &p.ty == ty => NextArgument::Field(p.name.clone()),
                        None if *ty == TypeRef::String && !arguments.contains(&NextArgument::Link) => {
                            NextArgument::Link
                        }
                        _ => {
                            return Err(self.error(
                                &pointer,
                                format!(
                                    "the next-page operation `{}` needs `{wire}`, which `{}` does not have as a \
                                     required parameter of the same type",
                                    next.id, op.id
                                ),
                            ))
                        }
                    });
                }
                next.group_accessor = accessor.clone();
                next.same_group = *target_group == g;
                next.method = method.clone();
                next.arguments = arguments;
            }
        }
        Ok(())
    }

    /// Adds a named type to the model.
    fn push_schema(&mut self, def: SchemaDef) {
        self.schema_names.insert(def.name.clone());
        self.schemas.push(def);
    }

    /// The pointer of the operation with `id` in the OpenAPI document.
    fn operation_pointer(&self, id: &str) -> String {
        for (path_key, item) in self.doc.paths.iter() {
            if let ReferenceOr::Item(item) = item {
                for (method, op) in item.iter() {
                    if op.operation_id.as_deref() == Some(id) {
                        return format!("{}/{method}", join("/paths", path_key));
                    }
                }
            }
        }
        "/paths".to_string()
    }

    /// Adds the parameter that carries a whole (not flattened) request body.
    #[allow(clippy::too_many_arguments)]
    fn insert_body_parameter(
        &mut self,
        parameters: &mut Vec<Parameter>,
        at: usize,
        scope: &mut Scope,
        label: &str,
        wire_name: String,
        ty: TypeRef,
        rb: &openapiv3::RequestBody,
    ) {
        let name = self.namer.snake_in(scope, label, &wire_name);
        let parameter = Parameter {
            wire_name,
            name,
            location: Location::Body,
            ty,
            required: rb.required,
            default: None,
            constraints: Constraints::default(),
            collection_format: None,
            skip_url_encoding: false,
            docs: rustdoc(rb.description.as_deref()),
        };
        parameters.insert(at, parameter);
    }

    #[allow(clippy::type_complexity)]
    fn responses(
        &mut self,
        op: &'a openapiv3::Operation,
        head: bool,
        builder: &str,
        pointer: &str,
    ) -> Result<(Vec<SuccessResponse>, Option<TypeRef>, Option<String>)> {
        let mut successes = Vec::new();
        let mut error = None;
        let mut accept: Option<String> = None;
        let mut all: Vec<(Option<u16>, &'a ReferenceOr<openapiv3::Response>, String)> = op
            .responses
            .responses
            .iter()
            .map(|(code, r)| {
                let (status, key) = match code {
                    StatusCode::Code(c) => (Some(*c), c.to_string()),
                    StatusCode::Range(r) => (None, format!("{r}XX")),
                };
                (status, r, join(&format!("{pointer}/responses"), &key))
            })
            .collect();
        if let Some(default) = &op.responses.default {
            all.push((None, default, format!("{pointer}/responses/default")));
        }
        let documents_success = op
            .responses
            .responses
            .keys()
            .any(|code| matches!(code, StatusCode::Code(c) if *c < 400));
        for (status, response, r_pointer) in all {
            let response = match response {
                ReferenceOr::Item(r) => r,
                ReferenceOr::Reference { reference } => {
                    let name = ref_name(reference, "#/components/responses/")
                        .ok_or_else(|| self.error(&r_pointer, format!("unsupported response `$ref` `{reference}`")))?;
                    match self.doc.components.as_ref().and_then(|c| c.responses.get(&name)) {
                        Some(ReferenceOr::Item(r)) => r,
                        _ => return Err(self.error(&r_pointer, format!("`$ref` target `{reference}` does not exist"))),
                    }
                }
            };
            let media = response
                .content
                .iter()
                .find(|(mt, _)| is_json(mt))
                .or_else(|| response.content.first());
            // Success: documented 2xx and 3xx codes; a documented 4xx/5xx only when the operation
            // documents nothing below 400 (an "expected error" operation); and
            // `x-ms-error-response` overrides either way (AutoRest's rule).
            let marked = response.extensions.get("x-ms-error-response").and_then(Value::as_bool);
            let success = match (status, marked) {
                (_, Some(error)) => status.is_some() && !error,
                // A HEAD that documents 404 asks whether something exists: 404 is an answer.
                (Some(404), None) if head => true,
                (Some(s), None) if s < 400 => true,
                (Some(_), None) => !documents_success,
                (None, None) => false,
            };
            if accept.is_none() && success {
                accept = media.map(|(mt, _)| mt.clone());
            }
            let mut nullable = false;
            let body = match media.and_then(|(mt, m)| m.schema.as_ref().map(|s| (mt, s))) {
                Some((mt, schema)) => {
                    let schema_pointer = format!("{}/schema", join(&format!("{r_pointer}/content"), mt));
                    nullable = self.is_nullable(schema.into(), &schema_pointer)?;
                    let hint = format!("{builder}Response");
                    let ty = self.type_of(schema.into(), &hint, &schema_pointer)?;
                    match (success, is_json(mt), ty) {
                        // A success in another media type is handed over as bytes.
                        (true, false, _) => Some(TypeRef::Binary),
                        // Services answer errors in JSON whatever `produces` lists (AutoRest
                        // reads them so too); a binary error body stays raw.
                        (false, _, TypeRef::Binary) => None,
                        (_, _, ty) => Some(ty),
                    }
                }
                None => None,
            };
            if success {
                let mut headers = Vec::new();
                let mut scope = Scope::default();
                for (h_name, header) in &response.headers {
                    let h_pointer = join(&format!("{r_pointer}/headers"), h_name);
                    let header = match header {
                        ReferenceOr::Item(h) => h,
                        ReferenceOr::Reference { .. } => {
                            return Err(self.error(&h_pointer, "header `$ref`s are not supported"))
                        }
                    };
                    let ty = match &header.format {
                        ParameterSchemaOrContent::Schema(s) => {
                            self.type_of(s.into(), h_name, &format!("{h_pointer}/schema"))?
                        }
                        ParameterSchemaOrContent::Content(_) => TypeRef::String,
                    };
                    headers.push(ResponseHeader {
                        wire_name: h_name.clone(),
                        name: self.namer.snake_in(&mut scope, &format!("header of {builder}"), h_name),
                        ty,
                        docs: rustdoc(header.description.as_deref()),
                    });
                }
                successes.push(SuccessResponse {
                    status: status.unwrap_or(200),
                    body,
                    nullable,
                    headers,
                    docs: rustdoc(Some(&response.description)),
                });
            } else if error.is_none() {
                if accept.is_none() {
                    accept = media.map(|(mt, _)| mt.clone());
                }
                error = body;
            }
        }
        // An operation that documents only `default` succeeds on no status: every answer is an error.
        Ok((successes, error, accept))
    }
}

/// Whether a parameter's enum says `x-ms-enum.modelAsString: true` (then even a single value is
/// a choice, not a constant).
fn model_as_string(param: &OaParameter) -> bool {
    let ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) = &param_data(param).format else {
        return false;
    };
    let extensions = [&param_data(param).extensions, &schema.schema_data.extensions];
    extensions.iter().any(|ext| {
        ext.get("x-ms-enum")
            .and_then(|e| e.get("modelAsString"))
            .and_then(Value::as_bool)
            == Some(true)
    })
}

/// `x-ms-long-running-operation` and its options.
fn long_running(op: &openapiv3::Operation) -> Option<LongRunning> {
    let on = op
        .extensions
        .get("x-ms-long-running-operation")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    on.then(|| LongRunning {
        status: None,
        final_state_via: op
            .extensions
            .get("x-ms-long-running-operation-options")
            .and_then(|o| o.get("final-state-via"))
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

/// `true` for schemas that become structs: objects with properties, or `allOf` compositions.
fn is_struct(s: &Schema) -> bool {
    match &s.schema_kind {
        // An object without properties is free-form: a map, or any JSON value.
        OaKind::Type(Type::Object(ot)) => !ot.properties.is_empty(),
        OaKind::AllOf { all_of } => all_of.len() > 1,
        OaKind::Any(any) => !any.properties.is_empty() || !any.all_of.is_empty(),
        _ => false,
    }
}

/// The values of a string or integer enum, as text, and whether they are integers (`None` for
/// other schemas).
fn enum_values(s: &Schema) -> Option<(Vec<String>, bool)> {
    match &s.schema_kind {
        // An `enum` of dates, date-times, durations or bytes lists values of that type, which
        // their text does not identify (`0001-01-01t00:00:00+14:00` is the same instant as
        // `0001-01-01T00:00:00+14:00`): the value is read as its type.
        OaKind::Type(Type::String(st)) if is_formatted(&st.format) => None,
        _ => listed_values(s),
    }
}

/// The values of a schema's `enum`, as text, whatever its format; and whether they are integers.
fn listed_values(s: &Schema) -> Option<(Vec<String>, bool)> {
    match &s.schema_kind {
        OaKind::Type(Type::String(st)) if !st.enumeration.is_empty() => {
            Some((st.enumeration.iter().flatten().cloned().collect(), false))
        }
        OaKind::Type(Type::Integer(it)) if !it.enumeration.is_empty() => {
            Some((it.enumeration.iter().flatten().map(i64::to_string).collect(), true))
        }
        OaKind::Any(any) if !any.enumeration.is_empty() => match any.typ.as_deref() {
            Some("string") => Some((
                any.enumeration
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                false,
            )),
            Some("integer") => Some((
                any.enumeration
                    .iter()
                    .filter_map(Value::as_i64)
                    .map(|v| v.to_string())
                    .collect(),
                true,
            )),
            _ => None,
        },
        _ => None,
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

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence == "application/json" || essence.ends_with("+json") || essence == "text/json"
}

/// The `{name}`s of a path template.
/// What is wrong with the braces of a path template, if anything.
fn template_problem(path: &str) -> Option<&'static str> {
    let mut open = false;
    let mut name_len = 0;
    for c in path.chars() {
        match (c, open) {
            ('{', true) => return Some("a `{` inside a `{...}`"),
            ('{', false) => (open, name_len) = (true, 0),
            ('}', true) if name_len == 0 => return Some("an empty `{}`"),
            ('}', true) => open = false,
            ('}', false) => return Some("a `}` without its `{`"),
            ('/' | '?' | '#', true) => return Some("a `{` not closed before the next segment"),
            (_, true) => name_len += 1,
            _ => {}
        }
    }
    open.then_some("a `{` that is never closed")
}

fn placeholders(path: &str) -> impl Iterator<Item = &str> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
}

/// Whether a string `format` gives the value a type of its own (not text).
fn is_formatted(format: &VariantOrUnknownOrEmpty<StringFormat>) -> bool {
    match format {
        VariantOrUnknownOrEmpty::Item(f) => {
            matches!(f, StringFormat::Date | StringFormat::DateTime | StringFormat::Byte)
        }
        VariantOrUnknownOrEmpty::Unknown(f) => matches!(f.as_str(), "date-time-rfc1123" | "duration" | "base64url"),
        VariantOrUnknownOrEmpty::Empty => false,
    }
}
