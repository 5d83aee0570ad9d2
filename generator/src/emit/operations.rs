//! The `operations` module: per group, a type with one method per operation, and per operation a
//! request builder whose `send` validates, builds the request and decodes the response.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{argument_into, argument_type, default_expr, doc_attrs, ident, rust_type, wire_format_path};
use crate::model::{BodyKind, CodeModel, Location, Operation, OperationGroup, Parameter, SuccessResponse, TypeRef};

/// How one parameter is held by its request builder.
enum Slot<'p> {
    /// A positional argument of the operation method.
    Required(&'p Parameter),
    /// A setter, initially the spec's default (always sent).
    Defaulted(&'p Parameter, TokenStream),
    /// A setter, initially unset (not sent).
    Optional(&'p Parameter),
}

impl<'p> Slot<'p> {
    fn of(model: &CodeModel, p: &'p Parameter) -> Self {
        if p.required {
            return Slot::Required(p);
        }
        match p.default.as_ref().and_then(|d| default_expr(model, &p.ty, d)) {
            Some(expr) => Slot::Defaulted(p, expr),
            None => Slot::Optional(p),
        }
    }

    fn param(&self) -> &'p Parameter {
        match self {
            Slot::Required(p) | Slot::Defaulted(p, _) | Slot::Optional(p) => p,
        }
    }

    /// Whether the builder holds an `Option`.
    fn is_option(&self) -> bool {
        matches!(self, Slot::Optional(_))
    }
}

/// The items of a group's module (or of the `operations` module for client-level operations):
/// `owner` is the type the operation methods are implemented on.
pub fn group_items(model: &CodeModel, group: &OperationGroup) -> TokenStream {
    // Once per group: the error type most of its operations share (the `Output` alias).
    let shared_error = group_error(group).map(|ty| (ty.to_string(), ty));
    let builders = group
        .operations
        .iter()
        .map(|op| operation(model, group, op, shared_error.as_ref().map(|(text, _)| text.as_str())));
    let methods = group.operations.iter().map(|op| method(model, group, op));
    let owner = match &group.name {
        Some(names) => {
            let type_name = ident(&names.type_name);
            let doc = format!(
                " Operations of the `{}` group; get them with [`Client::{}`](crate::Client::{}).",
                names.spec, names.accessor, names.accessor
            );
            quote! {
                #[doc = #doc]
                #[derive(Debug, Clone)]
                pub struct #type_name {
                    client: crate::Client,
                }

                impl #type_name {
                    pub(crate) fn new(client: crate::Client) -> Self {
                        Self { client }
                    }

                    #(#methods)*
                }
            }
        }
        None => quote! {
            impl crate::Client {
                #(#methods)*
            }
        },
    };
    let alias = shared_error.as_ref().map(|(_, error)| {
        quote! {
            /// What the calls of this group give: the typed response, or an error whose API error
            /// body is the spec's error model (see [`runtime::CallResult`]).
            pub type Output<T, H = ()> = runtime::CallResult<T, H, #error>;
        }
    });
    quote! {
        use crate::runtime::{self, Method};
        #[allow(unused_imports)]
        use crate::models;

        #alias

        #owner

        #(#builders)*
    }
}

/// The error type of an operation's calls.
fn error_type(op: &Operation) -> TokenStream {
    match &op.error {
        Some(ty) => rust_type(ty, &quote!(models::)),
        None => quote!(serde_json::Value),
    }
}

/// The error type most operations of the group share, for the group's `Output` alias (none when
/// an operation's builder is itself called `Output`).
fn group_error(group: &OperationGroup) -> Option<TokenStream> {
    if group.operations.is_empty() || group.operations.iter().any(|op| op.builder == "Output") {
        return None;
    }
    let mut counts: Vec<(String, usize, TokenStream)> = Vec::new();
    for op in &group.operations {
        let ty = error_type(op);
        let key = ty.to_string();
        match counts.iter_mut().find(|(k, ..)| *k == key) {
            Some(entry) => entry.1 += 1,
            None => counts.push((key, 1, ty)),
        }
    }
    // The first of the most common, so the choice does not depend on anything but the spec.
    let best = counts.iter().map(|(_, n, _)| *n).max()?;
    counts.into_iter().find(|(_, n, _)| *n == best).map(|(.., ty)| ty)
}

/// The method that starts a request: required parameters are its arguments.
fn method(model: &CodeModel, group: &OperationGroup, op: &Operation) -> TokenStream {
    let name = ident(&op.name);
    let builder = ident(&op.builder);
    let slots: Vec<Slot> = op.parameters.iter().map(|p| Slot::of(model, p)).collect();
    let models = quote!(models::);
    let mut args = Vec::new();
    let mut inits = Vec::new();
    let mut arg_docs = String::new();
    for slot in &slots {
        let p = slot.param();
        let field = ident(&p.name);
        match slot {
            Slot::Required(p) => {
                let ty = argument_type(&p.ty, &models);
                args.push(quote!(#field: #ty));
                inits.push(match p.ty {
                    TypeRef::String | TypeRef::Binary => quote!(#field: #field.into()),
                    _ => quote!(#field),
                });
                let first_line = p.docs.lines().next().unwrap_or_default();
                arg_docs.push_str(&format!("\n* `{}`: {}", p.name, first_line));
            }
            Slot::Defaulted(_, expr) => inits.push(quote!(#field: #expr)),
            Slot::Optional(_) => inits.push(quote!(#field: None)),
        }
    }
    let mut docs = op.docs.clone();
    if !arg_docs.is_empty() {
        docs.push_str("\n\n# Arguments");
        docs.push_str(&arg_docs);
    }
    let docs = doc_attrs(&docs);
    let client = if group.name.is_none() {
        quote!(self.clone())
    } else {
        quote!(self.client.clone())
    };
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let allow = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #docs
        #deprecated
        #allow
        pub fn #name(&self, #(#args),*) -> #builder {
            #builder {
                client: #client,
                #(#inits,)*
                options: runtime::RequestOptions::default(),
            }
        }
    }
}

/// The request builder of one operation, its typed response headers, and its `send`.
/// `shared_error`: the group's `Output` error type, as text, when it has the alias.
fn operation(model: &CodeModel, group: &OperationGroup, op: &Operation, shared_error: Option<&str>) -> TokenStream {
    let builder = ident(&op.builder);
    let models = quote!(models::);
    let slots: Vec<Slot> = op.parameters.iter().map(|p| Slot::of(model, p)).collect();
    let fields = slots.iter().map(|slot| {
        let p = slot.param();
        let name = ident(&p.name);
        let ty = rust_type(&p.ty, &models);
        if slot.is_option() {
            quote!(#name: Option<#ty>)
        } else {
            quote!(#name: #ty)
        }
    });
    let setters = slots.iter().filter(|s| !matches!(s, Slot::Required(_))).map(|slot| {
        let p = slot.param();
        let name = ident(&p.name);
        let ty = argument_type(&p.ty, &models);
        let value = argument_into(&p.ty, &name);
        let value = if slot.is_option() { quote!(Some(#value)) } else { value };
        let docs = doc_attrs(&p.docs);
        quote! {
            #docs
            pub fn #name(mut self, #name: #ty) -> Self {
                self.#name = #value;
                self
            }
        }
    });
    let method_path = match &group.name {
        Some(names) => format!("{}::{}", names.type_name, op.name),
        None => format!("crate::Client::{}", op.name),
    };
    let doc = format!(" Request builder for [`{method_path}`]: set optional parameters, then `.await` it (or call [`send`]({}::send)).", op.builder);
    let (headers_type, headers_item) = response_headers(op);
    let value_type = response_value_type(op);
    let error_type = error_type(op);
    let output = match shared_error {
        Some(shared) if shared == error_type.to_string() => match headers_type.to_string().as_str() {
            "()" => quote!(Output<#value_type>),
            _ => quote!(Output<#value_type, #headers_type>),
        },
        _ => quote!(runtime::CallResult<#value_type, #headers_type, #error_type>),
    };
    let send = send_body(model, op, &slots);
    let poller = op.long_running.as_ref().and_then(|l| l.status.as_ref()).map(|polling| {
        let status_model = ident(&polling.status_model);
        let location = ident(&polling.location_field);
        let header = &polling.location_header;
        let template = &polling.path;
        let method = ident(&polling.method);
        let target = match &polling.group {
            Some(group) => {
                let group = ident(group);
                quote!(client.#group().#method)
            }
            None => quote!(client.#method),
        };
        let count = polling.parameters.len();
        let names: Vec<_> = polling.parameters.iter().map(|(name, _)| ident(name)).collect();
        let wires = polling.parameters.iter().map(|(name, _)| name.as_str());
        let types = polling.parameters.iter().map(|(_, ty)| match ty {
            TypeRef::String => quote!(String),
            ty => rust_type(ty, &models),
        });
        let doc = doc_attrs(&format!(
            "Sends the request, then follows the operation it starts through `{}` until it ends:\n`.wait().await` gives its result (see [`runtime::Poller`]).",
            polling.method
        ));
        quote! {
            #doc
            pub fn into_poller(self) -> runtime::Poller<models::#status_model, #error_type> {
                let (client, pipeline) = (self.client.clone(), self.client.pipeline.clone());
                let start = async move {
                    let response = self.send().await?;
                    runtime::started(response.typed_headers().#location.clone(), #header, response.headers())
                };
                runtime::Poller::new(pipeline, start, move |location: String| {
                    let client = client.clone();
                    Box::pin(async move {
                        let [#(#names),*] = runtime::location_parameters::<#count, _>(&location, #template)?;
                        #( let #names = runtime::parse_param::<#types, _>(&#names, #wires)?; )*
                        #target(#(#names),*).send().await
                    })
                })
            }
        }
    });
    let generic = generic_long_running(op).then(|| generic_poller(model, op, &slots, &value_type, &error_type));
    let pages = op.pageable.as_ref().map(|pageable| {
        let page = ident(&pageable.page);
        let statuses: Vec<u16> = op.responses.iter().map(|r| r.status).collect();
        // This operation's next-link field (operations sharing a page model may differ).
        let next_link = match (&pageable.next_link_field, pageable.next_link_optional) {
            (Some(field), true) => {
                let field = ident(field);
                quote!(|page: &models::#page| page.#field.as_deref())
            }
            (Some(field), false) => {
                let field = ident(field);
                quote!(|page: &models::#page| Some(page.#field.as_str()))
            }
            (None, _) => quote!(|_: &models::#page| None),
        };
        // The client's `api-version` goes on next links too (Azure services expect it there).
        let keep_query = op
            .client_parameters
            .iter()
            .filter_map(|name| model.client.parameters.iter().find(|p| &p.name == name))
            .find(|p| p.location == Location::Query && p.wire_name.eq_ignore_ascii_case("api-version"))
            .map(|p| {
                let (wire, field) = (&p.wire_name, ident(&p.name));
                (
                    quote!(let kept = self.client.#field.clone();),
                    quote!(.keep_query(#wire, kept)),
                )
            })
            .or_else(|| {
                op.constants
                    .iter()
                    .find(|c| c.location == Location::Query && c.wire_name.eq_ignore_ascii_case("api-version"))
                    .map(|c| {
                        let (wire, value) = (&c.wire_name, &c.value);
                        (quote!(), quote!(.keep_query(#wire, #value)))
                    })
            });
        let (keep_prelude, keep_query) = keep_query.unzip();
        let Some(next) = &pageable.next_operation else {
            return quote! {
                /// Every page of the results, following each page's next link: a `Stream` of pages
                /// (or call `next_page`, or `all_items`).
                pub fn into_pages(self) -> runtime::Pager<models::#page, #error_type> {
                    let (pipeline, options) = (self.client.pipeline.clone(), self.options.clone());
                    #keep_prelude
                    runtime::Pager::new(pipeline, options, &[#(#statuses),*], #next_link, async move {
                        self.send().await.map(runtime::Response::into_value)
                    })
                    #keep_query
                }
            };
        };
        let method = ident(&next.method);
        let target = match &next.group_accessor {
            Some(accessor) => {
                let accessor = ident(accessor);
                quote!(this.client.#accessor().#method)
            }
            None => quote!(this.client.#method),
        };
        // A next-page operation without a parameter for the link knows where the next page is.
        let link = if next.arguments.contains(&crate::model::NextArgument::Link) {
            quote!(link)
        } else {
            quote!(_link)
        };
        let arguments = next.arguments.iter().map(|a| match a {
            crate::model::NextArgument::Link => quote!(link),
            crate::model::NextArgument::Field(field) => {
                let field = ident(field);
                quote!(this.#field.clone())
            }
        });
        // The call's own options (custom headers, retry) go with every page when the builder's
        // fields can be reached (same module).
        let keep_options = next.same_group.then(|| quote!(request.options = this.options.clone();));
        let doc = doc_attrs(&format!(
            "Every page of the results, each next one through `{}`: a `Stream` of pages (or call\n`next_page`, or `all_items`).",
            next.method
        ));
        quote! {
            #doc
            pub fn into_pages(self) -> runtime::Pager<models::#page, #error_type> {
                let (pipeline, options, this) = (self.client.pipeline.clone(), self.options.clone(), self.clone());
                runtime::Pager::new(pipeline, options, &[#(#statuses),*], #next_link, async move {
                    self.send().await.map(runtime::Response::into_value)
                })
                .next_with(move |#link: String| {
                    let this = this.clone();
                    Box::pin(async move {
                        #[allow(unused_mut)]
                        let mut request = #target(#(#arguments),*);
                        #keep_options
                        request.send().await.map(runtime::Response::into_value)
                    })
                })
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        #[must_use = "a request is only sent when it is awaited"]
        pub struct #builder {
            client: crate::Client,
            #(#fields,)*
            options: runtime::RequestOptions,
        }

        impl #builder {
            #(#setters)*

            /// Validates the arguments, sends the request and decodes the response.
            pub async fn send(self) -> #output {
                #send
            }

            #pages

            #poller

            #generic
        }

        runtime::request_builder!(#builder, #value_type, #headers_type, #error_type);

        #headers_item
    }
}

/// `new_request` with the operation's query and header parameters (its own and the client's),
/// constants and `Accept` added.
fn request_expr(model: &CodeModel, op: &Operation, slots: &[Slot], new_request: TokenStream) -> TokenStream {
    let mut request = new_request;
    for slot in slots {
        let name = ident(&slot.param().name);
        request = send_parameter(request, slot.param(), quote!(self.#name), slot.is_option());
    }
    for client_parameter in &op.client_parameters {
        let Some(p) = model.client.parameters.iter().find(|p| &p.name == client_parameter) else {
            continue;
        };
        let name = ident(&p.name);
        let optional = !p.required && p.default.is_none();
        request = send_parameter(request, p, quote!(self.client.#name), optional);
    }
    request = send_constants(request, op);
    if let Some(accept) = &op.accept {
        request = quote!(#request.accept(#accept));
    }
    request
}

/// `response` decoded as the operation says, accepting `statuses`.
fn decode_expr(op: &Operation, statuses: &[u16]) -> TokenStream {
    let statuses: Vec<_> = statuses
        .iter()
        .map(|s| proc_macro2::Literal::u16_unsuffixed(*s))
        .collect();
    match response_kind(op) {
        ResponseKind::Empty => quote!(response.empty(&[#(#statuses),*])),
        ResponseKind::Exists => quote!(response.exists(&[#(#statuses),*])),
        ResponseKind::Json { ty, optional } => {
            let method = if optional { quote!(optional_json) } else { quote!(json) };
            match wire_format(ty) {
                Some(format) => {
                    let ty = rust_type(ty, &quote!(models::));
                    let unwrap = if optional {
                        quote!(wire.map(|wire| wire.0))
                    } else {
                        quote!(wire.0)
                    };
                    quote! {
                        response
                            .#method::<runtime::FromWire<#ty, #format>, _, _>(&[#(#statuses),*])
                            .map(|response| response.map_value(|wire| #unwrap))
                    }
                }
                None => quote!(response.#method(&[#(#statuses),*])),
            }
        }
        ResponseKind::Binary => quote!(response.binary(&[#(#statuses),*])),
    }
}

/// The statements of `send`.
fn send_body(model: &CodeModel, op: &Operation, slots: &[Slot]) -> TokenStream {
    let validations = slots.iter().flat_map(validation);
    let path = path_expr(model, op);
    let method = format_ident!("{}", op.method.as_str());
    let request = request_expr(model, op, slots, quote!(runtime::Request::new(Method::#method, path)));
    let body = request_body(model, op, slots);
    let statuses: Vec<u16> = op.responses.iter().map(|r| r.status).collect();
    let decode = decode_expr(op, &statuses);
    if generic_long_running(op) {
        // The poller needs the raw first answer, so sending and decoding are two steps.
        return quote! {
            let response = self.send_raw().await?.response;
            #decode
        };
    }
    quote! {
        #(#validations)*
        let path = #path;
        let request = #request;
        #body
        let response = self.client.pipeline.send(request, self.options).await?;
        #decode
    }
}

/// The runtime's wire format for a whole body of this type, when serde's default is not the
/// spec's format.
fn wire_format(ty: &TypeRef) -> Option<TokenStream> {
    let path = wire_format_path(ty, "runtime")?;
    Some(path.parse().expect("a wire format path is a valid type"))
}

/// The statements that put the body on `request`.
fn request_body(model: &CodeModel, op: &Operation, slots: &[Slot]) -> Option<TokenStream> {
    op.body.as_ref().map(|body| {
        let content_type = &body.content_type;
        match &body.kind {
            BodyKind::Flattened { model: model_name } => {
                let model_ty = ident(model_name);
                let fields = slots.iter().filter_map(|slot| {
                    let p = slot.param();
                    let Location::BodyProperty { field } = &p.location else {
                        return None;
                    };
                    let field = ident(field);
                    let name = ident(&p.name);
                    let wrap = !p.required && !slot.is_option();
                    Some(if wrap {
                        quote!(#field: Some(self.#name))
                    } else {
                        quote!(#field: self.#name)
                    })
                });
                // Read-only properties are never sent.
                let rest = flattened_rest(model, model_name, slots);
                quote! {
                    let body = models::#model_ty { #(#fields,)* #rest };
                    let request = request.json(#content_type, &body)?;
                }
            }
            BodyKind::Json => {
                let p = slots.iter().map(|s| s.param()).find(|p| p.location == Location::Body);
                match p {
                    Some(p) => {
                        let name = ident(&p.name);
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
                                let request = match &self.#name {
                                    Some(body) => request.json(#content_type, #body)?,
                                    None => request,
                                };
                            }
                        } else {
                            let body = value(quote!(&self.#name));
                            quote!(let request = request.json(#content_type, #body)?;)
                        }
                    }
                    None => quote!(),
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
                        let name = ident(&p.name);
                        match (&p.ty, slot.is_option()) {
                            (TypeRef::Binary, true) => quote!(.file(#wire, self.#name)),
                            (TypeRef::Binary, false) => quote!(.file(#wire, Some(self.#name))),
                            (TypeRef::Array(_), true) => quote!(.text_list(#wire, self.#name.as_deref())),
                            (TypeRef::Array(_), false) => quote!(.text_list(#wire, Some(self.#name.as_slice()))),
                            (_, true) => quote!(.text(#wire, self.#name.as_ref())),
                            (_, false) => quote!(.text(#wire, Some(&self.#name))),
                        }
                    });
                quote!(let request = request.form(runtime::Form::new(#multipart) #(#fields)*);)
            }
            BodyKind::Binary => {
                let p = slots.iter().map(|s| s.param()).find(|p| p.location == Location::Body);
                match p {
                    Some(p) => {
                        let name = ident(&p.name);
                        if slots
                            .iter()
                            .any(|s| s.param().location == Location::Body && s.is_option())
                        {
                            quote! {
                                let request = match self.#name {
                                    Some(body) => request.bytes(#content_type, body),
                                    None => request,
                                };
                            }
                        } else {
                            quote!(let request = request.bytes(#content_type, self.#name);)
                        }
                    }
                    None => quote!(),
                }
            }
        }
    })
}

/// Whether the operation is `x-ms-long-running-operation` without a directive's status
/// operation: it is followed with the runtime's generic `LroPoller`.
fn generic_long_running(op: &Operation) -> bool {
    op.long_running.as_ref().is_some_and(|l| l.status.is_none())
}

/// `send_raw` and `into_poller` of a generic long-running operation.
fn generic_poller(
    model: &CodeModel,
    op: &Operation,
    slots: &[Slot],
    value_type: &TokenStream,
    error_type: &TokenStream,
) -> TokenStream {
    let validations = slots.iter().flat_map(validation);
    let path = path_expr(model, op);
    let method = format_ident!("{}", op.method.as_str());
    let request = request_expr(
        model,
        op,
        slots,
        quote!(runtime::Request::new(Method::#method, path.clone())),
    );
    let body = request_body(model, op, slots);
    let final_state_via = match op.long_running.as_ref().and_then(|l| l.final_state_via.as_deref()) {
        Some(via) => quote!(Some(#via)),
        None => quote!(None),
    };
    // The final answer may come from a GET of another URL, with any success status.
    let decode = decode_expr(op, &[200, 201, 202, 204]);
    quote! {
        /// Validates the arguments and sends the request; what the poller needs to follow it.
        async fn send_raw(self) -> Result<runtime::LroStart, runtime::Error<#error_type>> {
            #(#validations)*
            let path = #path;
            let url = format!("{}{}", self.client.pipeline.base_url(), path);
            let request = #request;
            #body
            let options = self.options.clone();
            let response = self.client.pipeline.send(request, self.options).await?;
            Ok(runtime::LroStart { response, method: Method::#method, url, options })
        }

        /// Sends the request and follows the long-running operation it starts to its end:
        /// `.wait().await` gives the final value (see [`runtime::LroPoller`]).
        pub fn into_poller(self) -> runtime::LroPoller<#value_type, #error_type> {
            let pipeline = self.client.pipeline.clone();
            runtime::LroPoller::new(pipeline, self.send_raw(), #final_state_via, |response: runtime::RawResponse| {
                #decode.map(runtime::Response::<_, ()>::into_value)
            })
        }
    }
}

/// Adds the operation's constant query and header values.
fn send_constants(mut request: TokenStream, op: &Operation) -> TokenStream {
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
fn send_parameter(request: TokenStream, p: &Parameter, value: TokenStream, optional: bool) -> TokenStream {
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
        (Location::Query, None) => quote!(#request.query_opt(#wire, #single)),
        (Location::Header, Some(format)) => {
            let sep = format.separator().unwrap_or(",");
            quote!(#request.header_list(#wire, #list, #sep))
        }
        (Location::Header, None) => quote!(#request.header_opt(#wire, #single)),
        _ => request,
    }
}

/// Fields of a flattened body model that have no parameter (read-only ones): `None`.
fn flattened_rest(model: &CodeModel, model_name: &str, slots: &[Slot]) -> TokenStream {
    let Some(crate::model::SchemaDef {
        kind: crate::model::SchemaKind::Struct { fields },
        ..
    }) = model.schema(model_name)
    else {
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

/// The request path with its parameters encoded.
fn path_expr(model: &CodeModel, op: &Operation) -> TokenStream {
    let mut format = String::new();
    let mut args = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        format.push_str(&rest[..start].replace('{', "{{").replace('}', "}}"));
        let name = &rest[start + 1..start + len];
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
                        quote!(runtime::path_list(&self.#field, #separator, #skip))
                    }
                    (TypeRef::Base64Url, _) => {
                        quote!(runtime::path_param(&runtime::Base64UrlParam(&self.#field), #skip))
                    }
                    _ => quote!(runtime::path_param(&self.#field, #skip)),
                });
            }
            None => {
                // A client parameter in the path.
                let p = model.client.parameters.iter().find(|p| p.wire_name == name);
                let field = ident(p.map_or(name, |p| p.name.as_str()));
                let skip = p.is_some_and(|p| p.skip_url_encoding);
                args.push(quote!(runtime::path_param(&self.client.#field, #skip)));
            }
        }
        format.push_str("{}");
        rest = &rest[start + len + 1..];
    }
    format.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    if args.is_empty() {
        quote!(String::from(#format))
    } else {
        quote!(format!(#format, #(#args),*))
    }
}

/// The checks of one parameter's constraints: one short runtime call each.
fn validation(slot: &Slot) -> Vec<TokenStream> {
    let p = slot.param();
    let c = &p.constraints;
    let name = ident(&p.name);
    let label = &p.name;
    let value = quote!(&self.#name);
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
        checks.push(quote!(runtime::validate::path_segment(#label, #value)?;));
    }
    if is_string {
        if let Some(max) = c.max_length.map(unsuffixed) {
            checks.push(quote!(runtime::validate::max_length(#label, #value, #max)?;));
        }
        if let Some(min) = c.min_length.map(unsuffixed) {
            checks.push(quote!(runtime::validate::min_length(#label, #value, #min)?;));
        }
        if let Some(pattern) = &c.pattern {
            checks.push(quote!(runtime::validate::pattern(#label, #value, #pattern)?;));
        }
    }
    if is_number {
        if let Some(max) = c.maximum.filter(|v| v.is_finite()).map(float) {
            let exclusive = c.exclusive_maximum;
            checks.push(quote!(runtime::validate::maximum(#label, #value, #max, #exclusive)?;));
        }
        if let Some(min) = c.minimum.filter(|v| v.is_finite()).map(float) {
            let exclusive = c.exclusive_minimum;
            checks.push(quote!(runtime::validate::minimum(#label, #value, #min, #exclusive)?;));
        }
        if let Some(factor) = c.multiple_of.filter(|v| v.is_finite()).map(float) {
            checks.push(quote!(runtime::validate::multiple_of(#label, #value, #factor)?;));
        }
    }
    if is_array {
        if let Some(max) = c.max_items.map(unsuffixed) {
            checks.push(quote!(runtime::validate::max_items(#label, #value, #max)?;));
        }
        if let Some(min) = c.min_items.map(unsuffixed) {
            checks.push(quote!(runtime::validate::min_items(#label, #value, #min)?;));
        }
        if c.unique_items {
            checks.push(quote!(runtime::validate::unique_items(#label, #value)?;));
        }
    }
    checks
}

enum ResponseKind<'t> {
    Empty,
    /// A HEAD that documents 404: whether the resource exists.
    Exists,
    /// JSON of one type; `optional` when a documented answer has no body or may be `null`.
    Json {
        ty: &'t TypeRef,
        optional: bool,
    },
    Binary,
}

/// What the success responses return, taken together.
fn response_kind(op: &Operation) -> ResponseKind<'_> {
    let bodies: Vec<&TypeRef> = op.responses.iter().filter_map(|r| r.body.as_ref()).collect();
    let optional = bodies.len() < op.responses.len() || op.responses.iter().any(|r| r.nullable);
    match bodies.first() {
        None if op.method == crate::model::Method::Head && op.responses.iter().any(|r| r.status == 404) => {
            ResponseKind::Exists
        }
        None => ResponseKind::Empty,
        Some(TypeRef::Binary) => ResponseKind::Binary,
        Some(first) if bodies.iter().all(|b| b == first) => ResponseKind::Json { ty: first, optional },
        Some(_) => ResponseKind::Json {
            ty: &TypeRef::Any,
            optional,
        },
    }
}

fn response_value_type(op: &Operation) -> TokenStream {
    match response_kind(op) {
        ResponseKind::Empty => quote!(()),
        ResponseKind::Exists => quote!(bool),
        ResponseKind::Json { ty, optional } => {
            let ty = rust_type(ty, &quote!(models::));
            if optional {
                quote!(Option<#ty>)
            } else {
                ty
            }
        }
        ResponseKind::Binary => quote!(bytes::Bytes),
    }
}

/// The typed headers of the success responses (`()` when none are documented).
fn response_headers(op: &Operation) -> (TokenStream, TokenStream) {
    let mut headers: Vec<&crate::model::ResponseHeader> = Vec::new();
    for SuccessResponse { headers: hs, .. } in &op.responses {
        for h in hs {
            if !headers
                .iter()
                .any(|known| known.wire_name.eq_ignore_ascii_case(&h.wire_name))
            {
                headers.push(h);
            }
        }
    }
    let Some(type_name) = op.headers_type.as_deref().filter(|_| !headers.is_empty()) else {
        return (quote!(()), quote!());
    };
    let type_name = ident(type_name);
    let names: Vec<_> = headers.iter().map(|h| ident(&h.name)).collect();
    let wires: Vec<_> = headers.iter().map(|h| h.wire_name.to_ascii_lowercase()).collect();
    let types = headers.iter().map(|h| rust_type(&h.ty, &quote!(models::)));
    let docs = headers.iter().map(|h| doc_attrs(&h.docs));
    let doc = format!(
        " The headers the spec documents for the response of [`{}`].",
        op.builder
    );
    let item = quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #type_name {
            #( #docs pub #names: Option<#types>, )*
        }

        impl runtime::FromHeaders for #type_name {
            fn from_headers(headers: &runtime::HeaderMap) -> Result<Self, (&'static str, String)> {
                Ok(Self {
                    #( #names: runtime::header_value(headers, #wires)?, )*
                })
            }
        }
    };
    (quote!(#type_name), item)
}
