//! Operation groups, operations and their parameters.

use super::paging::PendingNextLink;
use super::types::listed_values;
use super::*;

impl<'a> Builder<'a> {
    /// Every operation, in its group, whole: first what each operation's own spec says, then the
    /// directives' renames, then the kinds that name other operations (next-page operations and
    /// status operations), linked by id.
    pub(super) fn operations(&mut self, client: &mut ClientModel, options: &Options) -> Result<Vec<OperationGroup>> {
        let mut pending = Vec::new();
        let mut groups = self.operations_from_spec(client, &mut pending)?;
        let ids: HashMap<String, OperationId> = groups
            .iter()
            .enumerate()
            .flat_map(|(group, g)| {
                g.operations
                    .iter()
                    .enumerate()
                    .map(move |(index, op)| (op.id.clone(), OperationId { group, index }))
            })
            .collect();
        self.check_directive_targets(&ids, options)?;
        self.rename_operations(&mut groups, &ids, options)?;
        let mut next_operations = Vec::new();
        for link in &pending {
            next_operations.push((ids[&link.from_id], self.next_operation(&groups, &ids, link)?));
        }
        let mut polled = Vec::new();
        for (id, directive) in &options.directives.operations {
            if let Some(lro) = &directive.long_running {
                polled.push((ids[id], self.status_polling(&groups, &ids, id, lro, options)?));
            }
        }
        for (at, next) in next_operations {
            if let OperationKind::Paged(paging) | OperationKind::PagedLongRunning { paging, .. } =
                &mut groups[at.group].operations[at.index].kind
            {
                paging.next_operation = Some(next);
            }
        }
        for (at, polling) in polled {
            let operation = &mut groups[at.group].operations[at.index];
            let long_running = operation
                .kind
                .long_running()
                .cloned()
                .unwrap_or(LongRunning { final_state_via: None });
            operation.kind = OperationKind::StatusPolled { long_running, polling };
        }
        Ok(groups)
    }

    /// The operations as their own spec gives them, with the `operationName`s still to link.
    fn operations_from_spec(
        &mut self,
        client: &mut ClientModel,
        pending: &mut Vec<PendingNextLink>,
    ) -> Result<Vec<OperationGroup>> {
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
                    // Name the first place as the user wrote it: with several files, its file.
                    let first = self.error(&format!("{first}/operationId"), String::new());
                    let line = first.line_col.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default();
                    return Err(self.error(
                        &format!("{pointer}/operationId"),
                        format!(
                            "duplicate operationId `{id}` (first at {}{line}: #{})",
                            first.file.display(),
                            first.pointer
                        ),
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
                let operation = self.operation(
                    Naming {
                        id,
                        name,
                        builder,
                        label: &label,
                        types: builders,
                    },
                    method_name,
                    path_key,
                    item,
                    op,
                    client,
                    &pointer,
                    pending,
                )?;
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
        naming: Naming,
        method_name: &str,
        path_key: &str,
        item: &'a openapiv3::PathItem,
        op: &'a openapiv3::Operation,
        client: &mut ClientModel,
        pointer: &str,
        pending: &mut Vec<PendingNextLink>,
    ) -> Result<Operation> {
        let Naming { id, name, builder, .. } = naming;
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
        // A parameter keeps its name: the emitter's locals make way for it.
        let mut scope = Scope::default();
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
                let existing = client.parameters.iter().position(|c| c.wire_name == data.name);
                let index = match existing {
                    Some(index) => index,
                    None => {
                        let mut scope = std::mem::take(&mut self.client_scope);
                        let parameter = self.parameter(param, &mut scope, "client parameter", &p_pointer);
                        self.client_scope = scope;
                        client.parameters.push(self.api_version_default(parameter?));
                        client.parameters.len() - 1
                    }
                };
                client_parameters.push(index);
                continue;
            }
            let parameter = self.parameter(param, &mut scope, &label, &p_pointer)?;
            // A required query or header parameter that can hold one value only is a constant
            // (AutoRest's rule): always sent, never asked for.
            let constant = match (&parameter.location, &parameter.ty) {
                (Location::Query | Location::Header, TypeRef::Named(id)) if parameter.required => {
                    match self.def_of(*id).map(|s| &s.kind) {
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
        let path = PathTemplate::parse(&path)
            .map_err(|problem| self.error(pointer, format!("path `{path}` is not a valid template: {problem}")))?;
        // Every `{name}` of the path must be a parameter in the path, and the other way round.
        for placeholder in path.parameters() {
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
            if !path.parameters().any(|ph| ph == p.wire_name) {
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
        let headers_type = responses.iter().any(|r| !r.headers.is_empty()).then(|| {
            self.namer
                .camel_in(naming.types, naming.label, &format!("{builder}Headers"))
        });
        let options_type = self
            .namer
            .camel_in(naming.types, naming.label, &format!("{builder}Options"));
        let settings_field = settings_field(&parameters, &name);
        let (kind, next_link) = self.own_kind(op, &responses, pointer)?;
        if let Some(name) = next_link {
            pending.push(PendingNextLink {
                from_id: id.clone(),
                target_id: name.id,
                pointer: name.pointer,
            });
        }
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
            headers_type,
            options_type,
            settings_field,
            constants,
            kind,
        })
    }

    /// The client's `api-version` query parameter: when the spec leaves it to the caller (no
    /// default, no enum) and the API has one version, the client sends that version unless told
    /// otherwise (AutoRest treats it as a constant; the client builder's setter overrides it).
    fn api_version_default(&self, mut parameter: Parameter) -> Parameter {
        let is_api_version = parameter.location == Location::Query
            && parameter.wire_name.eq_ignore_ascii_case("api-version")
            && parameter.ty == TypeRef::String;
        let one_version = !self.doc.extensions.contains_key(crate::load::API_VERSIONS);
        if is_api_version && one_version && parameter.default.is_none() && !self.doc.info.version.is_empty() {
            parameter.default = Some(Value::String(self.doc.info.version.clone()));
        }
        parameter
    }

    pub(super) fn parameter_key(
        &self,
        p: &'a ReferenceOr<OaParameter>,
        pointer: &str,
    ) -> Result<(String, &'static str)> {
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
    pub(super) fn deref_parameter(
        &self,
        p: &'a ReferenceOr<OaParameter>,
        pointer: &str,
    ) -> Result<(&'a OaParameter, bool)> {
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

    pub(super) fn parameter(
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
        let (location, ty) = match ext_str(&data.extensions, "x-ms-header-collection-prefix") {
            Some(prefix) if location == Location::Header => (
                Location::HeaderCollection {
                    prefix: prefix.to_string(),
                },
                TypeRef::Map(Box::new(TypeRef::String)),
            ),
            _ => (location, ty),
        };
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
            // `x-ms-client-default`: what the client sends when the caller gives nothing, though
            // the service has no default (AutoRest's clients send it the same way).
            default: resolved
                .schema_data
                .default
                .clone()
                .or_else(|| data.extensions.get("x-ms-client-default").cloned()),
            constraints: self.constraints(resolved, &resolved_pointer)?,
            collection_format,
            skip_url_encoding: ext_bool(&data.extensions, "x-ms-skip-url-encoding"),
            docs: rustdoc(data.description.as_deref()),
        })
    }
}

/// Whether a parameter's enum says `x-ms-enum.modelAsString: true` (then even a single value is
/// a choice, not a constant).
pub(super) fn model_as_string(param: &OaParameter) -> bool {
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

/// An operation's names, and the scope its other type names (its headers type) are taken from.
struct Naming<'s> {
    id: String,
    name: String,
    builder: String,
    label: &'s str,
    types: &'s mut Scope,
}

/// The options struct's field with the per-call settings: `request`, or another name when an
/// optional parameter (a field beside it) has that one; `None` without optional parameters.
fn settings_field(parameters: &[Parameter], method: &str) -> Option<String> {
    let optional: Vec<&str> = parameters
        .iter()
        .filter(|p| !p.required)
        .map(|p| p.name.as_str())
        .collect();
    if optional.is_empty() {
        return None;
    }
    ["request".to_string(), "request_options".to_string()]
        .into_iter()
        .find(|name| !optional.contains(&name.as_str()))
        .or_else(|| Some(format!("{method}_request_options")))
}
