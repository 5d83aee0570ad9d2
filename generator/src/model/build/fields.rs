//! A struct's fields, enums and validation constraints.

use super::*;

impl<'a> Builder<'a> {
    /// A snake-case name for `wire`, or for its `x-ms-client-name` when the spec gives one (the
    /// rename report then says so).
    pub(super) fn name_in(&mut self, scope: &mut Scope, label: &str, wire: &str, client_name: Option<&str>) -> String {
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
    pub(super) fn struct_fields(&mut self, owner: &str, s: &'a Schema, pointer: &str) -> Result<Vec<Field>> {
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
            let xml = FieldXml {
                property: match prop {
                    SchemaRef::Inline(s) => xml_of(&s.schema_data),
                    SchemaRef::Ref(_) => None,
                },
                items: items_xml(resolved),
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
                xml,
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
                xml: FieldXml::default(),
            });
        }
        Ok(fields)
    }

    /// `additionalProperties` (not `false`) of a struct or of the nearest of its `allOf` parents
    /// that says it, and the pointer of the schema that holds it.
    pub(super) fn additional_properties(
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

    pub(super) fn collect_properties(
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
    pub(super) fn enum_type(
        &mut self,
        s: &'a Schema,
        values: Vec<String>,
        integer: bool,
        hint: &str,
    ) -> Result<TypeRef> {
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
            default: None,
        };
        // The same x-ms-enum used in several places is one type.
        let (base, _) = names::camel(enum_name);
        let mut candidate = base.clone();
        let mut n = 2;
        loop {
            match self.schema_index.get(&candidate).map(|&i| &self.schemas[i]) {
                Some(SchemaDef {
                    kind: SchemaKind::Enum(existing),
                    ..
                }) if *existing == def => {
                    return Ok(self.named(&candidate));
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
        Ok(self.named(&candidate))
    }

    /// Validation rules of a schema. A `pattern` is checked by the runtime's plain regular
    /// expressions when they can compile it, else by its backtracking engine (look-around,
    /// back-references); one that neither compiles is not checked: a warning says so, and the
    /// other rules stay.
    pub(super) fn constraints(&self, s: &Schema, pointer: &str) -> Result<Constraints> {
        let mut c = Constraints::default();
        let mut pattern = None;
        match &s.schema_kind {
            OaKind::Type(Type::String(st)) => {
                c.max_length = st.max_length.map(|v| v as u64);
                c.min_length = st.min_length.map(|v| v as u64);
                pattern = st.pattern.as_deref();
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
        if let Some(pattern) = pattern {
            c.pattern = self.pattern(pattern, &format!("{pointer}/pattern"));
        }
        Ok(c)
    }

    /// The engine that can check `source`, or a warning and no check.
    fn pattern(&self, source: &str, pointer: &str) -> Option<Pattern> {
        let engine = match regex_lite::Regex::new(source) {
            Ok(_) => PatternEngine::Plain,
            Err(plain) => match fancy_regex::Regex::new(source) {
                Ok(_) => PatternEngine::Full,
                Err(full) => {
                    // fancy-regex says only "error parsing pattern 0" when the part it hands to
                    // the regex crate fails; the plain engine's reason is the useful one then.
                    let full = full.to_string();
                    let reason = if full.contains("error parsing pattern") {
                        plain.to_string()
                    } else {
                        full
                    };
                    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
                    self.warn(
                        pointer,
                        format!("`pattern` does not compile ({reason}); values are not checked against it"),
                    );
                    return None;
                }
            },
        };
        Some(Pattern {
            source: source.to_string(),
            engine,
        })
    }
}

/// A schema's `xml` object (which the converter carries as `x-xml`).
pub(super) fn xml_of(data: &SchemaData) -> Option<Xml> {
    let xml = data.extensions.get("x-xml")?.as_object()?;
    let text = |key: &str| xml.get(key).and_then(Value::as_str).map(str::to_string);
    let flag = |key: &str| xml.get(key).and_then(Value::as_bool).unwrap_or(false);
    Some(Xml {
        name: text("name"),
        namespace: text("namespace"),
        prefix: text("prefix"),
        attribute: flag("attribute"),
        wrapped: flag("wrapped"),
        text: flag("x-ms-text"),
    })
}

/// The `xml` object of an array schema's inline items.
pub(super) fn items_xml(s: &Schema) -> Option<Xml> {
    match &s.schema_kind {
        OaKind::Type(Type::Array(at)) => match at.items.as_ref()? {
            ReferenceOr::Item(items) => xml_of(&items.schema_data),
            ReferenceOr::Reference { .. } => None,
        },
        _ => None,
    }
}
