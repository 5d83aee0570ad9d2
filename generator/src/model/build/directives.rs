//! The directives file applied to the operations: renames and status-polled long-running operations.

use super::*;

impl<'a> Builder<'a> {
    /// Applies the directives file: renames and long-running markings, each checked against the
    /// spec so that a typo is an error, not a silent no-op.
    pub(super) fn apply_directives(&mut self, groups: &mut [OperationGroup], options: &Options) -> Result<()> {
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
}
