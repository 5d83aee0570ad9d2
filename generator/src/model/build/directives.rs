//! The directives file applied to the code model: the client's authentication, renames, and
//! long-running operations followed through a status operation. Each is checked against the spec,
//! so a typo is an error, not a silent no-op.

use super::paging::operation_at;
use super::*;

impl<'a> Builder<'a> {
    /// `security` and `security-scopes`: the client's authentication instead of the spec's.
    pub(super) fn security_directive(&self, client: &mut ClientModel, options: &Options) -> Result<()> {
        let directives = &options.directives;
        let file = &options.directives_file;
        let fail = |pointer: String, message: String| Err(Diagnostic::new(file, pointer, message));
        let Some(security) = &directives.security else {
            if directives.security_scopes.is_some() {
                return fail(
                    "/security-scopes".into(),
                    "`security-scopes` are the scopes of `AADToken` in `security`, which is not there".into(),
                );
            }
            return Ok(());
        };
        let mut auth = Vec::new();
        for (i, name) in security.iter().enumerate() {
            let scheme = if name == "AADToken" {
                match directives.security_scopes.as_deref() {
                    Some(scopes) if !scopes.is_empty() => Auth::Bearer {
                        scopes: scopes.to_vec(),
                    },
                    _ => {
                        return fail(
                            "/security-scopes".into(),
                            "`AADToken` needs the scopes to ask tokens for in `security-scopes` \
                             (for example https://cognitiveservices.azure.com/.default)"
                                .into(),
                        )
                    }
                }
            } else {
                let Some(scheme) = self.security_scheme(name) else {
                    return fail(
                        format!("/security/{i}"),
                        format!("the spec has no security scheme `{name}`; expected one of its `securityDefinitions` or AADToken"),
                    );
                };
                // The scopes the spec's own requirement of the scheme lists, if it has one.
                let scopes = self
                    .doc
                    .security
                    .iter()
                    .flatten()
                    .find_map(|requirement| requirement.get(name))
                    .map_or(&[][..], Vec::as_slice);
                match super::client::scheme_auth(scheme, scopes) {
                    Some(scheme) => scheme,
                    None => {
                        return fail(
                            format!("/security/{i}"),
                            format!("`{name}` is not a scheme the client supports (an API key or OAuth 2)"),
                        )
                    }
                }
            };
            if !auth.contains(&scheme) {
                auth.push(scheme);
            }
        }
        if directives.security_scopes.is_some() && !security.iter().any(|name| name == "AADToken") {
            return fail(
                "/security-scopes".into(),
                "`security-scopes` are the scopes of `AADToken`, which `security` does not list".into(),
            );
        }
        client.auth = auth;
        Ok(())
    }

    /// Every operation a directive names must exist.
    pub(super) fn check_directive_targets(&self, ids: &HashMap<String, OperationId>, options: &Options) -> Result<()> {
        for (id, directive) in &options.directives.operations {
            let pointer = directive_pointer(id);
            if !ids.contains_key(id) {
                return Err(Diagnostic::new(
                    &options.directives_file,
                    pointer,
                    format!("the spec has no operation `{id}`"),
                ));
            }
            if let Some(lro) = &directive.long_running {
                if !ids.contains_key(&lro.status_operation) {
                    return Err(Diagnostic::new(
                        &options.directives_file,
                        format!("{pointer}/long-running/status-operation"),
                        format!("the spec has no operation `{}`", lro.status_operation),
                    ));
                }
            }
        }
        Ok(())
    }

    /// `rename`: the operation's method name. Other operations refer to it by id, so they see it.
    pub(super) fn rename_operations(
        &mut self,
        groups: &mut [OperationGroup],
        ids: &HashMap<String, OperationId>,
        options: &Options,
    ) -> Result<()> {
        for (id, directive) in &options.directives.operations {
            let Some(rename) = &directive.rename else { continue };
            let at = ids[id];
            let (name, _) = names::snake(rename);
            let group = &mut groups[at.group];
            if group
                .operations
                .iter()
                .any(|other| other.name == name && other.id != *id)
            {
                return Err(Diagnostic::new(
                    &options.directives_file,
                    format!("{}/rename", directive_pointer(id)),
                    format!("`{name}` is already a method of this group"),
                ));
            }
            let operation = &mut group.operations[at.index];
            self.namer.renames.push(Rename {
                scope: format!("operation {id}"),
                spec_name: operation.name.clone(),
                rust_name: name.clone(),
                reason: "directive `rename`".into(),
            });
            operation.name = name;
        }
        Ok(())
    }

    /// `long-running`: how the operation is followed through its status operation, checked
    /// against both operations and the status model.
    pub(super) fn status_polling(
        &self,
        groups: &[OperationGroup],
        ids: &HashMap<String, OperationId>,
        id: &str,
        lro: &super::super::directives::LongRunningDirective,
        options: &Options,
    ) -> Result<StatusPolling> {
        let file = &options.directives_file;
        let pointer = format!("{}/long-running", directive_pointer(id));
        let fail = |key: &str, message: String| Err(Diagnostic::new(file, format!("{pointer}/{key}"), message));
        let (_, operation) = operation_at(groups, ids[id]);
        let status_id = ids[&lro.status_operation];
        let (_, status_op) = operation_at(groups, status_id);
        if operation.kind.paging().is_some() {
            return fail(
                "status-operation",
                format!("`{id}` is pageable: its pages, not a status operation, give its result"),
            );
        }
        let Some(header) = operation
            .responses
            .iter()
            .flat_map(|r| &r.headers)
            .find(|h| h.wire_name.eq_ignore_ascii_case(&lro.location_header))
        else {
            return fail(
                "location-header",
                format!("`{id}` documents no response header `{}`", lro.location_header),
            );
        };
        if header.ty != TypeRef::String {
            return fail(
                "location-header",
                format!("header `{}` is not a string", lro.location_header),
            );
        }
        let model = status_op.responses.iter().find_map(|r| match &r.body {
            Some(TypeRef::Named(id)) => Some(*id),
            _ => None,
        });
        let fields = model.and_then(|m| self.struct_fields_of(self.name_of(m)));
        let (Some(status_type), Some(fields)) = (model, fields) else {
            return fail(
                "status-operation",
                format!("`{}` does not return an object", lro.status_operation),
            );
        };
        let status_model = self.name_of(status_type);
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
        if status_op
            .parameters
            .iter()
            .any(|p| p.required && p.location != Location::Path)
        {
            return fail(
                "status-operation",
                format!("`{}` needs arguments that a location cannot give", lro.status_operation),
            );
        }
        Ok(StatusPolling {
            operation: status_id,
            status_model: status_type,
            location_field: header.name.clone(),
            location_header: header.wire_name.clone(),
            status_field,
            succeeded: lro.succeeded.clone(),
            failed: lro.failed.clone(),
            result_field,
            message_field,
        })
    }
}

/// The pointer of an operation's entry in the directives file.
fn directive_pointer(id: &str) -> String {
    format!("/operations/{}", crate::diagnostic::escape_token(id))
}
