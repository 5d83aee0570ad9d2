//! Pageable (`x-ms-pageable`) and long-running (`x-ms-long-running-operation`) operations: each
//! operation's kind, from its own spec first, then linked to the operations it names by id.

use super::*;

/// An `x-ms-pageable.operationName` still to be resolved, once every operation exists.
pub(super) struct PendingNextLink {
    /// The pageable operation's id.
    pub from_id: String,
    /// The `operationName`.
    pub target_id: String,
    /// Where the `operationName` is.
    pub pointer: String,
}

/// An `x-ms-pageable.operationName` as written: the operation id, and where it is.
pub(super) struct OperationName {
    pub id: String,
    pub pointer: String,
}

impl<'a> Builder<'a> {
    /// The operation's kind as its own spec gives it: plain, pageable (an `operationName` is
    /// returned to be linked later), long-running, or both.
    pub(super) fn own_kind(
        &mut self,
        op: &openapiv3::Operation,
        responses: &[SuccessResponse],
        pointer: &str,
    ) -> Result<(OperationKind, Option<OperationName>)> {
        let (paging, next_link) = match self.pageable(op, responses, pointer)? {
            Some((paging, next)) => (Some(paging), next),
            None => (None, None),
        };
        let kind = match (paging, long_running(op)) {
            (None, None) => OperationKind::Plain,
            (Some(paging), None) => OperationKind::Paged(paging),
            (None, Some(long_running)) => OperationKind::LongRunning(long_running),
            (Some(paging), Some(long_running)) => OperationKind::PagedLongRunning { paging, long_running },
        };
        Ok((kind, next_link))
    }

    /// `x-ms-pageable`, checked against the page model the operation returns; with the
    /// `operationName` it names (and that name's pointer), if any.
    fn pageable(
        &mut self,
        op: &openapiv3::Operation,
        responses: &[SuccessResponse],
        pointer: &str,
    ) -> Result<Option<(Pageable, Option<OperationName>)>> {
        let Some(spec) = op.extensions.get("x-ms-pageable") else {
            return Ok(None);
        };
        let pointer = format!("{pointer}/x-ms-pageable");
        if responses.iter().any(|r| r.xml.is_some()) {
            // The pager follows links to JSON pages; XML services (Storage) page by a marker
            // the caller passes back, which a plain call lets it do.
            self.warn(
                &pointer,
                "`x-ms-pageable` on an XML operation: the operation returns one page, not a pager \
                 (pass the page's marker back for the next)",
            );
            return Ok(None);
        }
        let item_name = spec.get("itemName").and_then(Value::as_str).unwrap_or("value");
        let next_link_name = spec.get("nextLinkName").and_then(Value::as_str);
        let page = responses.iter().find_map(|r| match &r.body {
            Some(TypeRef::Named(id)) => Some(*id),
            _ => None,
        });
        let fields = page.and_then(|page| self.struct_fields_of(self.name_of(page)));
        let (Some(page_id), Some(fields)) = (page, fields) else {
            return Err(self.error(
                &pointer,
                "`x-ms-pageable` needs a success response that is an object (the page)",
            ));
        };
        let page = self.name_of(page_id);
        let field = |wire: &str| fields.iter().find(|f| f.wire_name == wire);
        if field(item_name).is_some_and(|f| f.ty == TypeRef::Any) {
            // AutoRest's pagers iterate whatever the property holds; so does ours, as JSON values.
            let page = page.to_string();
            self.warn(
                &pointer,
                format!(
                    "the page `{page}`'s property `{item_name}` (`itemName`) has no type; \
                     it is read as an array of untyped JSON values"
                ),
            );
            self.retype_field(page_id, item_name, TypeRef::Array(Box::new(TypeRef::Any)));
            return self.pageable(op, responses, pointer.trim_end_matches("/x-ms-pageable"));
        }
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
            Some(Value::String(id)) => Some(OperationName {
                id: id.clone(),
                pointer: format!("{pointer}/operationName"),
            }),
            Some(_) => return Err(self.error(&format!("{pointer}/operationName"), "`operationName` must be a string")),
        };
        let paging = Pageable {
            next_operation: None,
            page: page_id,
            items_field: items.name.clone(),
            items_optional: !items.required || items.nullable,
            next_link_field: next.map(|f| f.name.clone()),
            next_link_optional: next.is_some_and(|f| !f.required || f.nullable),
        };
        Ok(Some((paging, next_operation)))
    }

    /// The next-page operation an `x-ms-pageable.operationName` names, by id, and where each of
    /// its arguments comes from: the next link, or the listing operation's parameter of the same
    /// wire name.
    pub(super) fn next_operation(
        &self,
        groups: &[OperationGroup],
        ids: &HashMap<String, OperationId>,
        pending: &PendingNextLink,
    ) -> Result<NextOperation> {
        let (_, op) = operation_at(groups, ids[&pending.from_id]);
        let Some(&target) = ids.get(&pending.target_id) else {
            return Err(self.error(
                &pending.pointer,
                format!("no operation has the operationId `{}`", pending.target_id),
            ));
        };
        let (_, target_op) = operation_at(groups, target);
        let required = target_op
            .parameters
            .iter()
            .filter(|p| p.required && !matches!(p.location, Location::Body | Location::BodyProperty { .. }));
        let mut arguments = Vec::new();
        for wanted in required {
            let (wire, ty) = (&wanted.wire_name, &wanted.ty);
            let own = op.parameters.iter().find(|p| &p.wire_name == wire);
            let names_link = wire.eq_ignore_ascii_case("nextLink") && *ty == TypeRef::String;
            arguments.push(match own {
                _ if names_link && !arguments.contains(&NextArgument::Link) => NextArgument::Link,
                Some(p) if p.required && &p.ty == ty => NextArgument::Field(p.name.clone()),
                None if *ty == TypeRef::String && !arguments.contains(&NextArgument::Link) => NextArgument::Link,
                _ => {
                    return Err(self.error(
                        &pending.pointer,
                        format!(
                            "the next-page operation `{}` needs `{wire}`, which `{}` does not have as a required \
                             parameter of the same type",
                            pending.target_id, op.id
                        ),
                    ))
                }
            });
        }
        Ok(NextOperation {
            operation: target,
            arguments,
        })
    }
}

/// The operation at `id` of groups still being built.
pub(super) fn operation_at(groups: &[OperationGroup], id: OperationId) -> (&OperationGroup, &Operation) {
    let group = &groups[id.group];
    (group, &group.operations[id.index])
}

/// `x-ms-long-running-operation` and its options.
pub(super) fn long_running(op: &openapiv3::Operation) -> Option<LongRunning> {
    let on = op
        .extensions
        .get("x-ms-long-running-operation")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    on.then(|| LongRunning {
        final_state_via: op
            .extensions
            .get("x-ms-long-running-operation-options")
            .and_then(|o| o.get("final-state-via"))
            .and_then(Value::as_str)
            .and_then(FinalStateVia::parse),
    })
}
