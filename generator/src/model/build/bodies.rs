//! Request bodies (JSON, flattened, binary, forms, XML) and responses.

use super::*;
use crate::model::xml::element_name;

impl<'a> Builder<'a> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn request_body(
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
        // XML of a type that has an XML form.
        if let Some(schema) = schema.filter(|_| is_xml(content_type)) {
            let hint = format!("{}Body", names::camel(id).0);
            let ty = self.type_of(schema.into(), &hint, &format!("{media_pointer}/schema"))?;
            if let Some(root) = self.xml_root(schema.into(), &ty, &format!("{media_pointer}/schema"))? {
                self.insert_body_parameter(parameters, insert_at, scope, label, body_name.clone(), ty, rb);
                return Ok(RequestBody {
                    content_type: content_type.clone(),
                    kind: BodyKind::Xml(root),
                    required: rb.required,
                    parameter_name: body_name,
                });
            }
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
            TypeRef::Named(model) if flatten => match self.def_of(*model) {
                Some(SchemaDef {
                    kind: SchemaKind::Struct { fields },
                    ..
                }) => Some((*model, fields.clone())),
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
    pub(super) fn form_fields(
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
            fields.push(Parameter {
                wire_name: wire.clone(),
                name: self.namer.snake_in(scope, label, wire),
                location: Location::FormField,
                // Several files are several parts, not one joined value.
                collection_format: matches!(&ty, TypeRef::Array(item) if **item != TypeRef::Binary)
                    .then_some(CollectionFormat::Csv),
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

    /// Adds the parameter that carries a whole (not flattened) request body.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn insert_body_parameter(
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
    pub(super) fn responses(
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
            let mut xml = None;
            let body = match media.and_then(|(mt, m)| m.schema.as_ref().map(|s| (mt, s))) {
                Some((mt, schema)) => {
                    let schema_pointer = format!("{}/schema", join(&format!("{r_pointer}/content"), mt));
                    nullable = self.is_nullable(schema.into(), &schema_pointer)?;
                    let hint = format!("{builder}Response");
                    let ty = self.type_of(schema.into(), &hint, &schema_pointer)?;
                    if success && is_xml(mt) {
                        xml = self.xml_root(schema.into(), &ty, &schema_pointer)?;
                    }
                    match (success, is_json(mt) || xml.is_some(), ty) {
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
                    let collection_prefix =
                        ext_str(&header.extensions, "x-ms-header-collection-prefix").map(str::to_string);
                    let ty = match collection_prefix {
                        Some(_) => TypeRef::Map(Box::new(TypeRef::String)),
                        None => ty,
                    };
                    let client_name = ext_str(&header.extensions, "x-ms-client-name");
                    let label = format!("header of {builder}");
                    headers.push(ResponseHeader {
                        wire_name: h_name.clone(),
                        name: self.name_in(&mut scope, &label, h_name, client_name),
                        ty,
                        docs: rustdoc(header.description.as_deref()),
                        collection_prefix,
                    });
                }
                successes.push(SuccessResponse {
                    status: status.unwrap_or(200),
                    body,
                    xml,
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

pub(super) fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence == "application/json" || essence.ends_with("+json") || essence == "text/json"
}

/// An XML media type (`application/xml`, `text/xml`, `…+xml`).
pub(super) fn is_xml(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence == "application/xml" || essence == "text/xml" || essence.ends_with("+xml")
}

impl<'a> Builder<'a> {
    /// The root element of an XML body of type `ty` given by `schema`: a model's (its `xml`
    /// name, else its definition's name), or a list's (the array schema's `xml` name, else its
    /// definition's name, and its items' element name). `None`, with a warning, for a type that
    /// has no XML form here: the body stays bytes.
    pub(super) fn xml_root(&mut self, schema: SchemaRef<'a>, ty: &TypeRef, pointer: &str) -> Result<Option<XmlRoot>> {
        let (own, definition) = match schema {
            SchemaRef::Inline(s) => (fields::xml_of(&s.schema_data), None),
            SchemaRef::Ref(reference) => {
                let (s, _) = self.deref_schema(reference, pointer)?;
                (fields::xml_of(&s.schema_data), ref_name(reference, SCHEMA_PREFIX))
            }
        };
        let own_name = own
            .as_ref()
            .filter(|x| x.name.is_some())
            .map(|x| element_name(Some(x), String::new));
        let root = match ty {
            TypeRef::Named(id) if self.is_xml_model(*id) => Some(XmlRoot {
                name: own_name.unwrap_or_else(|| self.xml_type_name(*id)),
                item: None,
            }),
            TypeRef::Array(item) => {
                let (resolved, _) = self.resolve(schema, pointer)?;
                let items_name = fields::items_xml(resolved).and_then(|x| x.name);
                let item_name = match &**item {
                    TypeRef::Named(id) if self.is_xml_model(*id) => {
                        Some(items_name.unwrap_or_else(|| self.xml_type_name(*id)))
                    }
                    TypeRef::Named(_) | TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Any | TypeRef::Nullable(_) => {
                        None
                    }
                    _ => items_name,
                };
                match (own_name.or(definition), item_name) {
                    (Some(name), Some(item)) => Some(XmlRoot { name, item: Some(item) }),
                    _ => None,
                }
            }
            _ => None,
        };
        if root.is_none() {
            self.warn(
                pointer,
                "this XML body has no XML form here (only models, and lists of models or named \
                 values, do); it is sent and returned as bytes",
            );
        }
        Ok(root)
    }

    /// Whether the type `id` is a struct, which has an XML form.
    fn is_xml_model(&self, id: TypeId) -> bool {
        matches!(self.def_of(id).map(|d| &d.kind), Some(SchemaKind::Struct { .. }))
            || self.structs_in_progress.iter().any(|s| s == self.name_of(id))
    }

    /// A model's own element name: its `xml` name, else its definition's name (`prefix:` first
    /// when its `xml` gives a prefix).
    fn xml_type_name(&self, id: TypeId) -> String {
        element_name(self.type_xml.get(&id), || {
            self.def_of(id)
                .map_or_else(|| self.name_of(id).to_string(), |d| d.spec_name.clone())
        })
    }
}
