//! Pageable (`x-ms-pageable`) and long-running (`x-ms-long-running-operation`) operations.

use super::*;

impl<'a> Builder<'a> {
    /// `x-ms-pageable`, checked against the page model the operation returns.
    pub(super) fn pageable(
        &self,
        op: &openapiv3::Operation,
        operation: &Operation,
        pointer: &str,
    ) -> Result<Option<Pageable>> {
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
    pub(super) fn link_next_operations(&self, groups: &mut [OperationGroup]) -> Result<()> {
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
}

/// `x-ms-long-running-operation` and its options.
pub(super) fn long_running(op: &openapiv3::Operation) -> Option<LongRunning> {
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
