//! Building and sending the request: argument checks, path, query, headers, constants and body.

use super::*;

/// The statements that validate the arguments, build the request and send it: the call's
/// result. `client` is where the client is (`self.client`, or an owned `client`).
pub(super) fn call_body(op: &Op, client: &TokenStream) -> TokenStream {
    let o = op.op;
    let Locals {
        options,
        path: path_local,
        request: request_local,
        ..
    } = &op.locals;
    let validations = op.slots.iter().flat_map(|slot| validation(slot, options));
    let (path, has_parameters) = path_expr(op.model, o, client);
    let method = format_ident!("{}", o.method.as_str());
    // A path without parameters goes straight into the request.
    let (path_binding, path) = if has_parameters {
        (quote!(let #path_local = #path;), quote!(#path_local))
    } else {
        (quote!(), path)
    };
    let request = request_expr(op, client, quote!(runtime::Request::new(Method::#method, #path)));
    let body = request_body(op);
    let statuses: Vec<u16> = o.responses.iter().map(|r| r.status).collect();
    let request_options = op.request_options();
    let decode = decode_expr(
        op.model,
        o,
        &statuses,
        quote!(#client.pipeline.send(#request_local, #request_options).await?),
    );
    quote! {
        #(#validations)*
        #path_binding
        let #request_local = #request;
        #body
        #decode
    }
}

/// The statements of a generic long-running operation's first call: what its poller needs to
/// follow it (`runtime::LroStart`).
pub(super) fn lro_start(op: &Op, client: &TokenStream, error_type: &TokenStream) -> TokenStream {
    let o = op.op;
    let Locals {
        options,
        path: path_local,
        url,
        request: request_local,
        response,
        ..
    } = &op.locals;
    let validations = op.slots.iter().flat_map(|slot| validation(slot, options));
    let (path, _) = path_expr(op.model, o, client);
    let method = format_ident!("{}", o.method.as_str());
    let request = request_expr(
        op,
        client,
        quote!(runtime::Request::new(Method::#method, #path_local.clone())),
    );
    let body = request_body(op);
    let request_options = op.request_options();
    let take_settings = op
        .request_field
        .is_some()
        .then(|| quote!(let #options = #request_options;));
    let start = [
        field_init("response", response),
        quote!(method: Method::#method),
        field_init("url", url),
        field_init("options", options),
    ];
    quote! {
        #(#validations)*
        let #path_local: String = #path;
        let #url = format!("{}{}", #client.pipeline.base_url(), #path_local);
        let #request_local = #request;
        #body
        let #response = #client.pipeline.send(#request_local, #request_options.clone()).await?;
        #take_settings
        Ok::<_, runtime::Error<#error_type>>(runtime::LroStart { #(#start),* })
    }
}

/// `new_request` with the operation's query and header parameters (its own and the client's),
/// constants and `Accept` added.
pub(super) fn request_expr(op: &Op, client: &TokenStream, new_request: TokenStream) -> TokenStream {
    let mut request = new_request;
    for slot in &op.slots {
        request = send_parameter(request, slot.param(), slot.value(&op.locals.options), slot.is_option());
    }
    for p in op.model.client_parameters_of(op.op) {
        let name = ident(&p.name);
        let optional = !p.required && p.default.is_none();
        request = send_parameter(request, p, quote!(#client.#name), optional);
    }
    request = send_constants(request, op.op);
    if let Some(accept) = &op.op.accept {
        request = quote!(#request.accept(#accept));
    }
    request
}

/// The statements that put the body on `request`.
pub(super) fn request_body(op: &Op) -> Option<TokenStream> {
    let (model, slots) = (op.model, &op.slots[..]);
    let Locals {
        options,
        request: request_local,
        ..
    } = &op.locals;
    op.op.body.as_ref().map(|body| {
        let content_type = &body.content_type;
        match &body.kind {
            BodyKind::Flattened { model: model_name } => {
                let model_ty = ident(model.type_name(*model_name));
                let fields = slots.iter().filter_map(|slot| {
                    let p = slot.param();
                    let Location::BodyProperty { field: field_name } = &p.location else {
                        return None;
                    };
                    let field = ident(field_name);
                    let value = slot.value(options);
                    let wrap = !p.required && !slot.is_option();
                    Some(if wrap {
                        quote!(#field: Some(#value))
                    } else if matches!(slot, Slot::Required(_)) && p.name == *field_name {
                        quote!(#field)
                    } else {
                        quote!(#field: #value)
                    })
                });
                // Read-only properties are never sent.
                let rest = flattened_rest(model, *model_name, slots);
                quote! {
                    let body = models::#model_ty { #(#fields,)* #rest };
                    let #request_local = #request_local.json(#content_type, &body)?;
                }
            }
            BodyKind::Json => {
                let p = slots.iter().map(|s| s.param()).find(|p| p.location == Location::Body);
                match p {
                    Some(p) => {
                        let slot = slots.iter().find(|s| s.param().location == Location::Body);
                        let held = slot.map(|s| s.value(options)).unwrap_or_default();
                        let value = |v: TokenStream| match wire_format(&p.ty) {
                            Some(format) => quote!(&runtime::AsWire::<_, #format>::new(#v)),
                            None => v,
                        };
                        if slots
                            .iter()
                            .any(|s| s.param().location == Location::Body && s.is_option())
                        {
                            let body = value(quote!(body));
                            quote! {
                                let #request_local = match &#held {
                                    Some(body) => #request_local.json(#content_type, #body)?,
                                    None => #request_local,
                                };
                            }
                        } else {
                            let body = value(quote!(&#held));
                            quote!(let #request_local = #request_local.json(#content_type, #body)?;)
                        }
                    }
                    None => quote!(),
                }
            }
            BodyKind::Xml(root) => {
                let slot = slots.iter().find(|s| s.param().location == Location::Body);
                let Some(slot) = slot else { return quote!() };
                let held = slot.value(options);
                let name = &root.name;
                let set = |body: TokenStream| match (&root.item, &slot.param().ty) {
                    (Some(item), TypeRef::Array(item_ty)) => {
                        let codec = xml_codec(model, item_ty);
                        quote!(#request_local.xml_list::<#codec, _, _>(#content_type, #body, #name, #item)?)
                    }
                    (_, ty) => {
                        let codec = xml_codec(model, ty);
                        quote!(#request_local.xml::<#codec, _, _>(#content_type, #body, #name)?)
                    }
                };
                if slot.is_option() {
                    let set = set(quote!(body));
                    quote! {
                        let #request_local = match &#held {
                            Some(body) => #set,
                            None => #request_local,
                        };
                    }
                } else {
                    let set = set(quote!(&#held));
                    quote!(let #request_local = #set;)
                }
            }
            BodyKind::Form => {
                let multipart = content_type.starts_with("multipart/");
                let fields = slots
                    .iter()
                    .filter(|s| s.param().location == Location::FormField)
                    .map(|slot| {
                        let p = slot.param();
                        let wire = &p.wire_name;
                        let value = slot.value(options);
                        match (&p.ty, slot.is_option()) {
                            (TypeRef::Binary, true) => quote!(.file(#wire, #value)),
                            (TypeRef::Binary, false) => quote!(.file(#wire, Some(#value))),
                            (TypeRef::Array(item), true) if **item == TypeRef::Binary => quote!(.files(#wire, #value)),
                            (TypeRef::Array(item), false) if **item == TypeRef::Binary => {
                                quote!(.files(#wire, Some(#value)))
                            }
                            (TypeRef::Array(_), true) => quote!(.text_list(#wire, #value.as_deref())),
                            (TypeRef::Array(_), false) => quote!(.text_list(#wire, Some(#value.as_slice()))),
                            (_, true) => quote!(.text(#wire, #value.as_ref())),
                            (_, false) => quote!(.text(#wire, Some(&#value))),
                        }
                    });
                quote!(let #request_local = #request_local.form(runtime::Form::new(#multipart) #(#fields)*);)
            }
            BodyKind::Binary => {
                let p = slots.iter().map(|s| s.param()).find(|p| p.location == Location::Body);
                match p {
                    Some(_) => {
                        let slot = slots.iter().find(|s| s.param().location == Location::Body);
                        let held = slot.map(|s| s.value(options)).unwrap_or_default();
                        if slots
                            .iter()
                            .any(|s| s.param().location == Location::Body && s.is_option())
                        {
                            quote! {
                                let #request_local = match #held {
                                    Some(body) => #request_local.bytes(#content_type, body),
                                    None => #request_local,
                                };
                            }
                        } else {
                            quote!(let #request_local = #request_local.bytes(#content_type, #held);)
                        }
                    }
                    None => quote!(),
                }
            }
        }
    })
}

/// Adds the operation's constant query and header values.
pub(super) fn send_constants(mut request: TokenStream, op: &Operation) -> TokenStream {
    for constant in &op.constants {
        let (wire, value) = (&constant.wire_name, &constant.value);
        request = match constant.location {
            Location::Header => quote!(#request.header(#wire, &#value)),
            _ if constant.skip_url_encoding => quote!(#request.query_unencoded(#wire, Some(&#value))),
            _ => quote!(#request.query(#wire, &#value)),
        };
    }
    request
}

/// Adds a query or header parameter to the request expression; `value` is where it is held.
pub(super) fn send_parameter(request: TokenStream, p: &Parameter, value: TokenStream, optional: bool) -> TokenStream {
    let wire = &p.wire_name;
    // An HTTP date travels as such, not as the RFC 3339 text of its type.
    let single = match (optional, &p.ty) {
        (true, TypeRef::DateTimeRfc1123) => quote!(#value.as_ref().map(runtime::Rfc1123Param).as_ref()),
        (false, TypeRef::DateTimeRfc1123) => quote!(Some(&runtime::Rfc1123Param(&#value))),
        (true, TypeRef::Base64Url) => quote!(#value.as_deref().map(runtime::Base64UrlParam).as_ref()),
        (false, TypeRef::Base64Url) => quote!(Some(&runtime::Base64UrlParam(&#value))),
        (true, _) => quote!(#value.as_ref()),
        (false, _) => quote!(Some(&#value)),
    };
    // A value that is always sent, with no wrapper for its wire form.
    let plain = !optional && !matches!(p.ty, TypeRef::DateTimeRfc1123 | TypeRef::Base64Url);
    let list = if optional {
        quote!(#value.as_deref())
    } else {
        quote!(Some(#value.as_slice()))
    };
    match (&p.location, p.collection_format) {
        (Location::Query, Some(format)) => {
            let separator = match format.separator() {
                Some(sep) => quote!(Some(#sep)),
                None => quote!(None),
            };
            quote!(#request.query_list(#wire, #list, #separator))
        }
        (Location::Query, None) if p.skip_url_encoding => quote!(#request.query_unencoded(#wire, #single)),
        (Location::Query, None) if plain => quote!(#request.query(#wire, &#value)),
        (Location::Query, None) => quote!(#request.query_opt(#wire, #single)),
        (Location::Header, Some(format)) => {
            let sep = format.separator().unwrap_or(",");
            quote!(#request.header_list(#wire, #list, #sep))
        }
        (Location::Header, None) if plain => quote!(#request.header(#wire, &#value)),
        (Location::Header, None) => quote!(#request.header_opt(#wire, #single)),
        (Location::HeaderCollection { prefix }, _) => {
            let entries = if optional {
                quote!(#value.as_ref())
            } else {
                quote!(Some(&#value))
            };
            quote!(#request.header_collection(#prefix, #entries))
        }
        _ => request,
    }
}

/// Fields of a flattened body model that have no parameter (read-only ones): `None`.
pub(super) fn flattened_rest(model: &CodeModel, body_model: TypeId, slots: &[Slot]) -> TokenStream {
    let crate::model::SchemaKind::Struct { fields } = &model.type_def(body_model).kind else {
        return quote!();
    };
    let missing = fields.iter().filter(|f| {
        !slots
            .iter()
            .any(|s| matches!(&s.param().location, Location::BodyProperty { field } if field == &f.name))
    });
    let values = missing.map(|f| {
        let name = ident(&f.name);
        if f.additional {
            quote!(#name: Default::default(),)
        } else {
            quote!(#name: None,)
        }
    });
    quote!(#(#values)*)
}

/// The request path with its parameters encoded, and whether it has any.
pub(super) fn path_expr(model: &CodeModel, op: &Operation, client: &TokenStream) -> (TokenStream, bool) {
    let mut format = String::new();
    let mut args = Vec::new();
    for part in op.path.parts() {
        let name = match part {
            PathPart::Literal(text) => {
                format.push_str(&text.replace('{', "{{").replace('}', "}}"));
                continue;
            }
            PathPart::Parameter(name) => name.as_str(),
        };
        let param = op
            .parameters
            .iter()
            .find(|p| p.location == Location::Path && p.wire_name == name);
        match param {
            Some(p) => {
                let field = ident(&p.name);
                let skip = p.skip_url_encoding;
                args.push(match (&p.ty, p.collection_format.and_then(|f| f.separator())) {
                    // An array in the path: its items, encoded each, joined (csv by default).
                    (TypeRef::Array(_), separator) => {
                        let separator = separator.unwrap_or(",");
                        quote!(runtime::path_list(&#field, #separator, #skip))
                    }
                    (TypeRef::Base64Url, _) => {
                        quote!(runtime::path_param(&runtime::Base64UrlParam(&#field), #skip))
                    }
                    _ => quote!(runtime::path_param(&#field, #skip)),
                });
            }
            None => {
                // A client parameter in the path.
                let p = model.client.parameters.iter().find(|p| p.wire_name == name);
                let field = ident(p.map_or(name, |p| p.name.as_str()));
                let skip = p.is_some_and(|p| p.skip_url_encoding);
                args.push(quote!(runtime::path_param(&#client.#field, #skip)));
            }
        }
        format.push_str("{}");
    }
    if args.is_empty() {
        (quote!(#format.into()), false)
    } else {
        (quote!(format!(#format, #(#args),*)), true)
    }
}

/// The checks of one parameter's constraints: one chain of the runtime's checks (none when the
/// parameter has no constraint).
pub(super) fn validation(slot: &Slot, options: &Ident) -> Option<TokenStream> {
    let p = slot.param();
    let c = &p.constraints;
    let label = &p.name;
    let held = slot.held(options);
    let unsuffixed = proc_macro2::Literal::u64_unsuffixed;
    let float = proc_macro2::Literal::f64_unsuffixed;
    let mut checks = Vec::new();
    let is_string = p.ty == TypeRef::String;
    let is_number = matches!(
        p.ty,
        TypeRef::Int32 | TypeRef::Int64 | TypeRef::Float32 | TypeRef::Float64
    );
    let is_array = matches!(p.ty, TypeRef::Array(_));
    if is_string && p.location == Location::Path && !p.skip_url_encoding {
        checks.push(quote!(path_segment()));
    }
    if is_string {
        if let Some(max) = c.max_length.map(unsuffixed) {
            checks.push(quote!(max_length(#max)));
        }
        if let Some(min) = c.min_length.map(unsuffixed) {
            checks.push(quote!(min_length(#min)));
        }
        if let Some(pattern) = p.checked_pattern() {
            let source = &pattern.source;
            checks.push(match pattern.engine {
                PatternEngine::Plain => quote!(pattern(#source)),
                PatternEngine::Full => quote!(ecma_pattern(#source)),
            });
        }
    }
    if is_number {
        if let Some(max) = c.maximum.filter(|v| v.is_finite()).map(float) {
            checks.push(if c.exclusive_maximum {
                quote!(exclusive_maximum(#max))
            } else {
                quote!(maximum(#max))
            });
        }
        if let Some(min) = c.minimum.filter(|v| v.is_finite()).map(float) {
            checks.push(if c.exclusive_minimum {
                quote!(exclusive_minimum(#min))
            } else {
                quote!(minimum(#min))
            });
        }
        if let Some(factor) = c.multiple_of.filter(|v| v.is_finite()).map(float) {
            checks.push(quote!(multiple_of(#factor)));
        }
    }
    if is_array {
        if let Some(max) = c.max_items.map(unsuffixed) {
            checks.push(quote!(max_items(#max)));
        }
        if let Some(min) = c.min_items.map(unsuffixed) {
            checks.push(quote!(min_items(#min)));
        }
        if c.unique_items {
            checks.push(quote!(unique_items()));
        }
    }
    (!checks.is_empty()).then(|| quote!(runtime::check(#label, &#held) #(.#checks?)*;))
}
