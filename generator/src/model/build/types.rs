//! Named types from component and inline schemas: structs, enums, unions, aliases.

use super::*;

impl<'a> Builder<'a> {
    /// Gives every component schema its Rust name before any is built, so references resolve
    /// whatever the order.
    pub(super) fn register_components(&mut self) -> Result<()> {
        // The polymorphic bases first: a kind of one is a struct whatever its shape (one that
        // only extends its base, `allOf: [Base]`, included).
        for (name, schema) in self.component_schemas() {
            let pointer = join("/components/schemas", name);
            let schema = match schema {
                ReferenceOr::Item(s) => s,
                ReferenceOr::Reference { reference } => self.deref_schema(reference, &pointer)?.0,
            };
            if let Some(discriminator) = &schema.schema_data.discriminator {
                let property = &discriminator.property_name;
                if self.declares_property(schema, property, 0) {
                    self.unions.insert(name.clone(), property.clone());
                } else {
                    self.warn(
                        &format!("{pointer}/discriminator"),
                        format!(
                            "the discriminator `{property}` is not a property of `{name}`; `{name}` and the \
                             schemas that extend it are generated as plain models, not as one polymorphic type"
                        ),
                    );
                }
            }
        }
        for (name, schema) in self.component_schemas() {
            let pointer = join("/components/schemas", name);
            let schema = match schema {
                ReferenceOr::Item(s) => s,
                ReferenceOr::Reference { reference } => self.deref_schema(reference, &pointer)?.0,
            };
            let component = if is_struct(schema) || self.union_ancestor(name).is_some() {
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

    /// Whether `schema` (or a schema it extends through `allOf`) has the property `name`.
    fn declares_property(&self, schema: &'a Schema, name: &str, depth: usize) -> bool {
        let (properties, all_of) = match &schema.schema_kind {
            OaKind::Type(Type::Object(ot)) => (Some(&ot.properties), &[][..]),
            OaKind::Any(any) => (Some(&any.properties), any.all_of.as_slice()),
            OaKind::AllOf { all_of } => (None, all_of.as_slice()),
            _ => (None, &[][..]),
        };
        if properties.is_some_and(|p| p.contains_key(name)) {
            return true;
        }
        depth < 64
            && all_of.iter().any(|member| match member {
                ReferenceOr::Item(s) => self.declares_property(s, name, depth + 1),
                ReferenceOr::Reference { reference } => self
                    .deref_schema(reference, "")
                    .is_ok_and(|(s, _)| self.declares_property(s, name, depth + 1)),
            })
    }

    /// Builds every component schema, in spec order.
    pub(super) fn build_components(&mut self) -> Result<()> {
        let components: Vec<_> = self.component_schemas().collect();
        for (name, schema) in components {
            let pointer = join("/components/schemas", name);
            let schema_ref = SchemaRef::from(schema);
            let ty = self.component_type(name, schema_ref, &pointer)?;
            if let (TypeRef::Named(id), ReferenceOr::Item(s)) = (&ty, schema) {
                if let Some(xml) = fields::xml_of(&s.schema_data) {
                    self.type_xml.insert(*id, xml);
                }
            }
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
    pub(super) fn nullable_if(&self, ty: TypeRef, schema: SchemaRef<'a>, pointer: &str) -> Result<TypeRef> {
        Ok(if ty != TypeRef::Any && self.is_nullable(schema, pointer)? {
            TypeRef::Nullable(Box::new(ty))
        } else {
            ty
        })
    }

    /// Whether `null` is a valid value of the schema (`nullable` / `x-nullable`, on the schema or
    /// on the definition it refers to).
    pub(super) fn is_nullable(&self, schema: SchemaRef<'a>, pointer: &str) -> Result<bool> {
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
    pub(super) fn effective(&self, schema: SchemaRef<'a>, pointer: &str) -> Result<(&'a Schema, String)> {
        let (mut current, mut current_pointer) = self.resolve(schema, pointer)?;
        for _ in 0..64 {
            match only_member(current) {
                Some(member) => {
                    let member_pointer = format!("{current_pointer}/allOf/0");
                    (current, current_pointer) = self.resolve(member.into(), &member_pointer)?;
                }
                None => return Ok((current, current_pointer)),
            }
        }
        Err(self.error(pointer, "`allOf` nests more than 64 levels deep"))
    }

    pub(super) fn resolve(&self, schema: SchemaRef<'a>, pointer: &str) -> Result<(&'a Schema, String)> {
        match schema {
            SchemaRef::Ref(r) => {
                let (s, name) = self.deref_schema(r, pointer)?;
                Ok((s, join("/components/schemas", &name)))
            }
            SchemaRef::Inline(s) => Ok((s, pointer.to_string())),
        }
    }

    /// The type a component schema stands for, building its definition on first use.
    pub(super) fn component_type(&mut self, name: &str, schema: SchemaRef<'a>, pointer: &str) -> Result<TypeRef> {
        let Some(component) = self.components.get(name).cloned() else {
            return Err(self.error(pointer, format!("schema `{name}` does not exist")));
        };
        let (resolved, resolved_pointer) = self.resolve(schema, pointer)?;
        match component {
            // Deep inside other types a struct or union is only named: `build_components` builds
            // it in its turn, so a long chain of structs does not make the recursion deep.
            Component::Named(rust) if !rust.is_empty() && self.nesting > BUILD_NESTING => Ok(self.named(&rust)),
            Component::Named(rust) if !rust.is_empty() && self.unions.contains_key(name) => {
                self.union_type(name, &rust, resolved, &resolved_pointer)
            }
            Component::Named(rust) if !rust.is_empty() => {
                if !self.schema_index.contains_key(&rust) && !self.structs_in_progress.contains(&rust) {
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
                    if !self.schema_index.contains_key(&rust) {
                        self.push_schema(SchemaDef {
                            name: rust.clone(),
                            spec_name: name.to_string(),
                            docs: rustdoc(resolved.schema_data.description.as_deref()),
                            kind: SchemaKind::Struct { fields },
                            tag,
                        });
                    }
                }
                Ok(self.named(&rust))
            }
            Component::Named(_) => {
                // A component enum: its name is the x-ms-enum name, else the component's.
                let ty = self.inline_type(resolved, name, &resolved_pointer)?;
                if let TypeRef::Named(id) = ty {
                    let rust = self.name_of(id).to_string();
                    self.components.insert(name.to_string(), Component::Named(rust));
                }
                Ok(ty)
            }
            Component::Alias { resolved: Some(ty), .. } => Ok(ty),
            Component::Alias {
                rust_name,
                resolved: None,
            } => {
                if let Some(&(_, structs)) = self.aliases_in_progress.iter().find(|(a, _)| a == name) {
                    // Through a struct, the alias may name itself (`type A = Vec<S>`, `S` holding
                    // an `A`): its name is the type. Without one it would be infinite.
                    if self.structs_in_progress.len() > structs {
                        return Ok(self.named(&rust_name));
                    }
                    return Err(self.error(
                        pointer,
                        format!("schema `{name}` is defined in terms of itself with no object in between"),
                    ));
                }
                self.aliases_in_progress
                    .push((name.to_string(), self.structs_in_progress.len()));
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
    pub(super) fn union_type(&mut self, name: &str, rust: &str, schema: &'a Schema, pointer: &str) -> Result<TypeRef> {
        if self.schema_index.contains_key(rust) || self.structs_in_progress.iter().any(|s| s == rust) {
            return Ok(self.named(rust));
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
        Ok(self.named(rust))
    }

    pub(super) fn union_variants(
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
            ty: self.type_id(&base),
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
                name: self.namer.camel_in(&mut scope, &label, &self.type_names[ty.0]),
                ty,
            });
        }
        Ok((discriminator, variants))
    }

    /// The polymorphic component `component` extends (through `allOf`, at any depth), and its
    /// discriminator property.
    pub(super) fn union_ancestor(&self, component: &str) -> Option<(String, String)> {
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
    pub(super) fn discriminator_value(&self, component: &str) -> String {
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
    pub(super) fn type_of(&mut self, schema: SchemaRef<'a>, hint: &str, pointer: &str) -> Result<TypeRef> {
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

    pub(super) fn type_of_unbounded(&mut self, schema: SchemaRef<'a>, hint: &str, pointer: &str) -> Result<TypeRef> {
        match schema {
            SchemaRef::Ref(reference) => {
                let name = ref_name(reference, SCHEMA_PREFIX)
                    .ok_or_else(|| self.error(pointer, format!("unsupported `$ref` `{reference}`")))?;
                self.component_type(&name, schema, pointer)
            }
            SchemaRef::Inline(s) => {
                if is_struct(s) && only_member(s).is_none() {
                    let rust = self.namer.camel_in(&mut self.types, "type", hint);
                    let fields = self.struct_fields(&rust, s, pointer)?;
                    self.push_schema(SchemaDef {
                        name: rust.clone(),
                        spec_name: hint.to_string(),
                        docs: rustdoc(s.schema_data.description.as_deref()),
                        kind: SchemaKind::Struct { fields },
                        tag: None,
                    });
                    Ok(self.named(&rust))
                } else {
                    self.inline_type(s, hint, pointer)
                }
            }
        }
    }

    /// The type of a schema that is not a struct.
    pub(super) fn inline_type(&mut self, s: &'a Schema, hint: &str, pointer: &str) -> Result<TypeRef> {
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
            _ if only_member(s).is_some() => {
                let member = only_member(s).into_iter().next().unwrap_or_else(|| unreachable!());
                self.type_of(member.into(), hint, &format!("{pointer}/allOf/0"))?
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
                // `items` without `type: array`, as some specs write it: AutoRest reads an array.
                (None, _) if any.items.is_some() => {
                    self.warn(pointer, "`items` without `type: array`: read as an array");
                    let items = any.items.as_ref().unwrap_or_else(|| unreachable!());
                    TypeRef::Array(Box::new(self.type_of(
                        items.into(),
                        &format!("{hint}Item"),
                        &format!("{pointer}/items"),
                    )?))
                }
                _ if any.additional_properties.is_some() => {
                    self.map_type(any.additional_properties.as_ref(), hint, pointer)?
                }
                _ => TypeRef::Any,
            },
            _ => TypeRef::Any,
        })
    }

    pub(super) fn map_type(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        hint: &str,
        pointer: &str,
    ) -> Result<TypeRef> {
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
}

/// `true` for schemas that become structs: objects with properties, or `allOf` compositions.
pub(super) fn is_struct(s: &Schema) -> bool {
    match &s.schema_kind {
        // An object without properties is free-form: a map, or any JSON value.
        OaKind::Type(Type::Object(ot)) => !ot.properties.is_empty(),
        OaKind::AllOf { all_of } => all_of.len() > 1,
        OaKind::Any(any) => !any.properties.is_empty() || !any.all_of.is_empty(),
        _ => false,
    }
}

/// The one `allOf` member of an inline schema that only wraps it: how the converter keeps the
/// keys a Swagger `$ref` has beside it (`{"$ref": …, "type": "object", "description": …}`). Such
/// keys add no properties, so the schema is its member's type, as JSON Reference and AutoRest
/// have it (and a recursive `$ref` stays a reference, not a new struct nested in itself). A
/// definition of that shape is another matter: a model of its own that extends its member.
pub(super) fn only_member(s: &Schema) -> Option<&ReferenceOr<Schema>> {
    match &s.schema_kind {
        OaKind::AllOf { all_of } if all_of.len() == 1 => all_of.first(),
        OaKind::Any(any)
            if any.all_of.len() == 1
                && any.properties.is_empty()
                && any.additional_properties.is_none()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && matches!(any.typ.as_deref(), None | Some("object"))
                && s.schema_data.discriminator.is_none() =>
        {
            any.all_of.first()
        }
        _ => None,
    }
}

/// The values of a string or integer enum, as text, and whether they are integers (`None` for
/// other schemas).
pub(super) fn enum_values(s: &Schema) -> Option<(Vec<String>, bool)> {
    match &s.schema_kind {
        // An `enum` of dates, date-times, durations or bytes lists values of that type, which
        // their text does not identify (`0001-01-01t00:00:00+14:00` is the same instant as
        // `0001-01-01T00:00:00+14:00`): the value is read as its type.
        OaKind::Type(Type::String(st)) if is_formatted(&st.format) => None,
        _ => listed_values(s),
    }
}

/// The values of a schema's `enum`, as text, whatever its format; and whether they are integers.
pub(super) fn listed_values(s: &Schema) -> Option<(Vec<String>, bool)> {
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

/// Whether a string `format` gives the value a type of its own (not text).
pub(super) fn is_formatted(format: &VariantOrUnknownOrEmpty<StringFormat>) -> bool {
    match format {
        VariantOrUnknownOrEmpty::Item(f) => {
            matches!(f, StringFormat::Date | StringFormat::DateTime | StringFormat::Byte)
        }
        VariantOrUnknownOrEmpty::Unknown(f) => matches!(f.as_str(), "date-time-rfc1123" | "duration" | "base64url"),
        VariantOrUnknownOrEmpty::Empty => false,
    }
}
