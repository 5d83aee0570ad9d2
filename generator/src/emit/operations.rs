//! The `operations` module: per group, a type with one method per operation (required
//! parameters are its arguments, the others are fields of the operation's options type) that
//! validates the arguments, builds the request, sends it and decodes the response.

use proc_macro2::Ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{argument_type, default_tokens, doc_attrs, ident, rust_type, wire_format_path};
use crate::model::{
    BodyKind, CodeModel, LinkQuery, LinkQueryValue, Location, LongRunning, NextArgument, Operation, OperationGroup,
    OperationKind, Pageable, Parameter, PathPart, Presence, ResponseKind, SuccessResponse, TypeRef,
};

/// How one parameter reaches an operation's method.
enum Slot<'p> {
    /// A positional argument of the operation method.
    Required(&'p Parameter),
    /// A field of the options (an `Option`); the spec's default is sent when it is `None`, as
    /// AutoRest's clients do (and as some services check).
    Defaulted(&'p Parameter, TokenStream),
    /// A field of the options (an `Option`); nothing is sent when it is `None`.
    Optional(&'p Parameter),
}

impl<'p> Slot<'p> {
    fn of(model: &'p CodeModel, p: &'p Parameter) -> Self {
        match model.presence(p) {
            Presence::Required => Slot::Required(p),
            Presence::Defaulted(value) => Slot::Defaulted(p, default_tokens(&value)),
            Presence::Optional => Slot::Optional(p),
        }
    }

    fn param(&self) -> &'p Parameter {
        match self {
            Slot::Required(p) | Slot::Defaulted(p, _) | Slot::Optional(p) => p,
        }
    }

    /// Whether the value sent is an `Option` (nothing is sent for `None`).
    fn is_option(&self) -> bool {
        matches!(self, Slot::Optional(_))
    }

    /// Where the method holds the parameter: the argument, or the field of the `options` local.
    fn held(&self, options: &Ident) -> TokenStream {
        let name = ident(&self.param().name);
        match self {
            Slot::Required(_) => quote!(#name),
            _ => quote!(#options.#name),
        }
    }

    /// The value sent: the argument, the options' field, or the field with the default.
    fn value(&self, options: &Ident) -> TokenStream {
        let held = self.held(options);
        match self {
            Slot::Defaulted(_, default) if default.is_empty() => quote!(#held.unwrap_or_default()),
            Slot::Defaulted(_, default) => quote!(#held.unwrap_or(#default)),
            _ => held,
        }
    }
}

/// The names of a method's own locals. A parameter keeps its name; a local that a parameter
/// (or a value bound in one of the method's closures) already has takes a trailing underscore
/// until it is free, as progenitor's `unique_ident_from` does.
struct Locals {
    client: Ident,
    options: Ident,
    path: Ident,
    url: Ident,
    request: Ident,
    response: Ident,
    start: Ident,
    call: Ident,
    location: Ident,
    next: Ident,
    settings: Ident,
    pages: Ident,
    first: Ident,
    link: Ident,
}

impl Locals {
    fn new(taken: &[&str]) -> Self {
        let free = |name: &str| {
            let mut candidate = name.to_string();
            while taken.contains(&candidate.as_str()) {
                candidate.push('_');
            }
            ident(&candidate)
        };
        Locals {
            client: free("client"),
            options: free("options"),
            path: free("path"),
            url: free("url"),
            request: free("request"),
            response: free("response"),
            start: free("start"),
            call: free("call"),
            location: free("location"),
            next: free("next"),
            settings: free("settings"),
            pages: free("pages"),
            first: free("first"),
            link: free("link"),
        }
    }
}

/// `field: local` in a struct expression, or the shorthand `field` when the local has its name.
fn field_init(field: &str, local: &Ident) -> TokenStream {
    if local == field {
        quote!(#local)
    } else {
        let field = ident(field);
        quote!(#field: #local)
    }
}

/// What an operation's code is generated from.
struct Op<'a> {
    model: &'a CodeModel,
    op: &'a Operation,
    slots: Vec<Slot<'a>>,
    /// The options' type: a struct of the optional parameters, or `runtime::RequestOptions`.
    options_type: Ident,
    /// The options' field with the per-call settings; `None` when the options are the settings.
    request_field: Option<Ident>,
    /// The path to the operation's method, for docs (`Group::method`).
    method_path: String,
    /// The type of the documented response headers (`()` when none), and its items.
    headers_type: TokenStream,
    headers_item: TokenStream,
    /// Whether the operation documents response headers (`headers_type` is not `()`).
    has_headers: bool,
    locals: Locals,
}

impl<'a> Op<'a> {
    fn new(model: &'a CodeModel, group: &OperationGroup, op: &'a Operation) -> Self {
        let slots: Vec<Slot> = op.parameters.iter().map(|p| Slot::of(model, p)).collect();
        let request_field = op.settings_field.as_deref().map(ident);
        let method_path = match &group.name {
            Some(names) => format!("{}::{}", names.type_name, op.name),
            None => format!("crate::Client::{}", op.name),
        };
        let (headers_type, headers_item) = response_headers(op, &method_path);
        // Names the method binds besides its locals: its arguments, and the status operation's
        // path parameters, which a status-polled operation's closure binds.
        let mut taken: Vec<&str> = slots
            .iter()
            .filter(|s| matches!(s, Slot::Required(_)))
            .map(|s| s.param().name.as_str())
            .collect();
        if let Some(polling) = op.kind.status_polling() {
            let (_, status_op) = model.operation(polling.operation);
            taken.extend(
                status_op
                    .parameters
                    .iter()
                    .filter(|p| p.location == Location::Path)
                    .map(|p| p.name.as_str()),
            );
        }
        let locals = Locals::new(&taken);
        Op {
            locals,
            model,
            has_headers: op.headers_type.is_some(),
            headers_type,
            headers_item,
            op,
            slots,
            options_type: ident(&op.options_type),
            request_field,
            method_path,
        }
    }

    /// The per-call settings, from the local `options`.
    fn request_options(&self) -> TokenStream {
        let options = &self.locals.options;
        match &self.request_field {
            Some(field) => quote!(#options.#field),
            None => quote!(#options),
        }
    }
}

/// The items of a group's module (or of the `operations` module for client-level operations).
pub fn group_items(model: &CodeModel, group: &OperationGroup) -> TokenStream {
    // Once per group: the error type most of its operations share (the `Output` alias).
    let shared_error = group.shared_error();
    let ops: Vec<Op> = group.operations.iter().map(|op| Op::new(model, group, op)).collect();
    let items = ops.iter().map(options_items);
    let methods = ops.iter().map(|op| method(op, group, shared_error));
    let owner = match &group.name {
        Some(names) => {
            let type_name = ident(&names.type_name);
            let doc = format!(
                " Operations of the `{}` group; get them with [`Client::{}`](crate::Client::{}). Their \
                 calls borrow the client.",
                names.spec, names.accessor, names.accessor
            );
            quote! {
                #[doc = #doc]
                #[derive(Debug, Clone, Copy)]
                pub struct #type_name<'a> {
                    pub(crate) client: &'a crate::Client,
                }

                impl #type_name<'_> {
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
    let alias = shared_error.map(|error| {
        let error = rust_type(error, &quote!(models::));
        quote! {
            /// What the calls of this group give: the typed response, or an error whose API error
            /// body is the spec's error model (see [`runtime::CallResult`]).
            pub type Output<T, H = ()> = runtime::CallResult<T, H, #error>;
        }
    });
    let items = quote! {
        #alias

        #owner

        #(#items)*
    };
    // Most groups name the models; one that does not must not import them.
    let models = group.operations.iter().any(names_models).then(|| {
        quote!(
            use crate::models;
        )
    });
    quote! {
        use crate::runtime::{self, Method};
        #models

        #items
    }
}

/// Whether an operation's code names a type of the `models` module.
fn names_models(op: &Operation) -> bool {
    fn named(ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Named(_) => true,
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => named(inner),
            _ => false,
        }
    }
    op.error.as_ref().is_some_and(named)
        || op.parameters.iter().any(|p| named(&p.ty))
        || op.responses.iter().filter_map(|r| r.body.as_ref()).any(named)
        || op.responses.iter().flat_map(|r| &r.headers).any(|h| named(&h.ty))
        || op.kind.paging().is_some()
        || op.kind.status_polling().is_some()
        || matches!(op.body.as_ref().map(|b| &b.kind), Some(BodyKind::Flattened { .. }))
}

/// The options type of an operation (its optional parameters and the per-call settings) and its
/// typed response headers.
fn options_items(op: &Op) -> TokenStream {
    let options_type = &op.options_type;
    let method_path = &op.method_path;
    let headers_item = &op.headers_item;
    let Some(request_field) = &op.request_field else {
        let doc = format!(" Per-call settings of [`{method_path}`]: custom headers, timeout, retry.");
        return quote! {
            #[doc = #doc]
            pub type #options_type = runtime::RequestOptions;

            #headers_item
        };
    };
    let models = quote!(models::);
    let fields = op.slots.iter().filter(|s| !matches!(s, Slot::Required(_))).map(|slot| {
        let p = slot.param();
        let name = ident(&p.name);
        let ty = rust_type(&p.ty, &models);
        let mut docs = p.docs.clone();
        if let (Slot::Defaulted(..), Some(default)) = (slot, &p.default) {
            docs.push_str(&format!(" Default: `{default}`."));
        }
        let docs = doc_attrs(docs.trim_start());
        quote!(#docs pub #name: Option<#ty>,)
    });
    let doc = format!(" Optional parameters of [`{method_path}`]; `..Default::default()` leaves the others unset.");
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Default)]
        pub struct #options_type {
            #(#fields)*
            /// Per-call settings: custom headers, timeout, retry.
            pub #request_field: runtime::RequestOptions,
        }

        #headers_item
    }
}

/// An operation's method: required parameters are its arguments, the others are in `options`.
/// A plain operation is an `async fn`; a pageable or long-running one returns the runtime's call
/// type, which is awaited the same way and also gives the pages or a poller.
fn method(op: &Op, group: &OperationGroup, shared_error: Option<&TypeRef>) -> TokenStream {
    let o = op.op;
    let name = ident(&o.name);
    let models = quote!(models::);
    let mut args = Vec::new();
    let mut conversions = Vec::new();
    let mut arg_docs = String::new();
    for slot in &op.slots {
        let Slot::Required(p) = slot else { continue };
        let field = ident(&p.name);
        let ty = argument_type(&p.ty, &models);
        args.push(quote!(#field: #ty));
        match p.ty {
            TypeRef::String => conversions.push(quote!(let #field: String = #field.into();)),
            TypeRef::Binary => conversions.push(quote!(let #field: bytes::Bytes = #field.into();)),
            _ => {}
        }
        let first_line = p.docs.lines().next().unwrap_or_default();
        arg_docs.push_str(&format!("\n* `{}`: {}", p.name, first_line));
    }
    let mut docs = o.docs.clone();
    if !arg_docs.is_empty() {
        docs.push_str("\n\n# Arguments");
        docs.push_str(&arg_docs);
    }
    let docs = doc_attrs(&docs);
    let deprecated = o.deprecated.then(|| quote!(#[deprecated]));
    let allow = (args.len() > 5).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let options_type = &op.options_type;
    // A group's methods take their (copyable) group by value, so that a call borrows the client
    // only, not the temporary `client.group()`.
    let receiver = match group.name {
        Some(_) => quote!(self),
        None => quote!(&self),
    };
    let Locals {
        client: client_local,
        options,
        call,
        location: location_local,
        ..
    } = &op.locals;
    let signature = quote!(#name(#receiver, #(#args,)* #options: Option<#options_type>));
    let (client, owned_client) = match group.name {
        Some(_) => (quote!(self.client), quote!(self.client.clone())),
        None => (quote!(self), quote!(self.clone())),
    };
    let headers_type = &op.headers_type;
    let value_type = response_value_type(o);
    let error_type = rust_type(o.error_type(), &models);
    let attributes = quote!(#docs #deprecated #allow);
    let prelude = quote! {
        #(#conversions)*
        let #options = #options.unwrap_or_default();
    };

    match &o.kind {
        OperationKind::Plain => {
            let body = call_body(op, &client);
            let output = match (shared_error == Some(o.error_type()), op.has_headers) {
                (true, false) => quote!(Output<#value_type>),
                (true, true) => quote!(Output<#value_type, #headers_type>),
                (false, _) => quote!(runtime::CallResult<#value_type, #headers_type, #error_type>),
            };
            quote! {
                #attributes
                pub async fn #signature -> #output {
                    #prelude
                    #body
                }
            }
        }
        OperationKind::Paged(paging) => {
            let body = call_body(op, &quote!(#client_local));
            let page = ident(&paging.page);
            let paged = paged_call(op, group, paging, &client, FirstPage::Call(&body));
            quote! {
                #attributes
                pub fn #signature -> runtime::PagedCall<models::#page, #headers_type, #error_type> {
                    #prelude
                    let #client_local = #owned_client;
                    #paged
                }
            }
        }
        OperationKind::LongRunning(long_running) => {
            let lro = lro_call(op, group, long_running, None, &client, &error_type);
            quote! {
                #attributes
                pub fn #signature -> runtime::LroCall<#value_type, #headers_type, #error_type> {
                    #prelude
                    let #client_local = #owned_client;
                    #lro
                }
            }
        }
        OperationKind::PagedLongRunning { paging, long_running } => {
            let lro = lro_call(op, group, long_running, Some(paging), &client, &error_type);
            quote! {
                #attributes
                pub fn #signature -> runtime::LroCall<#value_type, #headers_type, #error_type> {
                    #prelude
                    let #client_local = #owned_client;
                    #lro
                }
            }
        }
        OperationKind::StatusPolled { polling, .. } => {
            let body = call_body(op, &quote!(#client_local));
            let status_model = ident(&polling.status_model);
            let location = ident(&polling.location_field);
            let header = &polling.location_header;
            // The status operation as the model has it now: its name, group and path template.
            let (status_group, status_op) = op.model.operation(polling.operation);
            let template = status_op.path.as_str();
            let status_method = ident(&status_op.name);
            let target = match &status_group.name {
                Some(names) => {
                    let accessor = ident(&names.accessor);
                    quote!(#client_local.#accessor().#status_method)
                }
                None => quote!(#client_local.#status_method),
            };
            let parameters: Vec<&Parameter> = status_op
                .parameters
                .iter()
                .filter(|p| p.location == Location::Path)
                .collect();
            let names: Vec<_> = parameters.iter().map(|p| ident(&p.name)).collect();
            let wires = parameters.iter().map(|p| p.name.as_str());
            let types = parameters.iter().map(|p| match &p.ty {
                TypeRef::String => quote!(String),
                ty => rust_type(ty, &models),
            });
            quote! {
                #attributes
                pub fn #signature -> runtime::PollingCall<#value_type, #headers_type, models::#status_model, #error_type> {
                    #prelude
                    let #client_local = #owned_client;
                    let #call = async move { #body };
                    let #client_local = #owned_client;
                    let #location_local = |headers: &#headers_type| headers.#location.clone();
                    runtime::PollingCall::new(#client.pipeline.clone(), #call, #location_local, #header, move |#location_local: String| {
                        let #client_local = #client_local.clone();
                        Box::pin(async move {
                            let [#(#names),*] = runtime::location_parameters(&#location_local, #template)?;
                            #( let #names: #types = runtime::parse_param(&#names, #wires)?; )*
                            #target(#(#names,)* None).await
                        })
                    })
                }
            }
        }
    }
}

/// The `LroCall` of a generic long-running operation (after the prelude and `let client = <owned
/// client>`); a pageable one also pages its final value.
fn lro_call(
    op: &Op,
    group: &OperationGroup,
    long_running: &LongRunning,
    paging: Option<&Pageable>,
    client: &TokenStream,
    error_type: &TokenStream,
) -> TokenStream {
    let o = op.op;
    let Locals {
        client: client_local,
        start,
        response,
        pages,
        ..
    } = &op.locals;
    let start_call = lro_start(op, &quote!(#client_local), error_type);
    let via = match long_running.final_state_via {
        Some(via) => {
            let via = via.as_str();
            quote!(Some(#via))
        }
        None => quote!(None),
    };
    // The final answer may come from a GET of another URL, with any success status.
    let decode = decode_expr(o, &[200, 201, 202, 204], quote!(#response));
    let (pager, with_pages) = match paging {
        Some(paging) => {
            let pager = paged_call(op, group, paging, &quote!(#client_local), FirstPage::Poller);
            (quote!(let #pages = #pager;), quote!(.with_pages(#pages)))
        }
        None => (quote!(), quote!()),
    };
    quote! {
        #pager
        let #start = async move { #start_call };
        runtime::LroCall::new(#client.pipeline.clone(), #start, #via, |#response| #decode) #with_pages
    }
}

/// The `PagedCall` of a pageable operation, after the prelude and `let client = <owned client>`;
/// `client` is the method's own client (`self.client`), `body` sends the first request.
/// Where a pager's first page comes from.
enum FirstPage<'b> {
    /// The operation's own call (these statements send it): a `PagedCall`.
    Call(&'b TokenStream),
    /// The final value of the long-running operation: the pager is made by a closure given to
    /// its `LroCall`, which owns a clone of `client`.
    Poller,
}

fn paged_call(
    op: &Op,
    group: &OperationGroup,
    pageable: &Pageable,
    client: &TokenStream,
    first_page: FirstPage,
) -> TokenStream {
    let o = op.op;
    let model = op.model;
    let Locals {
        client: client_local,
        settings: settings_local,
        first: first_local,
        next: next_local,
        link: link_local,
        ..
    } = &op.locals;
    let page = ident(&pageable.page);
    let statuses: Vec<u16> = o.responses.iter().map(|r| r.status).collect();
    let request_options = op.request_options();
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
    let keep_query = model.next_link_query(o).map(|LinkQuery { wire_name, value }| match value {
        LinkQueryValue::ClientParameter(name) => {
            let field = ident(name);
            quote!(.keep_query(#wire_name, #client.#field.clone()))
        }
        LinkQueryValue::Constant(value) => quote!(.keep_query(#wire_name, #value)),
    });
    let first = match first_page {
        FirstPage::Call(body) => quote! {
            runtime::PagedCall::new(#client.pipeline.clone(), #request_options.clone(), &[#(#statuses),*], #next_link, async move {
                #body
            })
            #keep_query
        },
        // Next pages are GETs of a page, whatever status started the operation.
        FirstPage::Poller => quote! {
            runtime::Pager::new(#client.pipeline.clone(), #settings_local, &[200], #next_link, #first_local)
            #keep_query
        },
    };
    let wrap = |pager: TokenStream| match first_page {
        FirstPage::Call(_) => pager,
        FirstPage::Poller => {
            let error = rust_type(o.error_type(), &quote!(models::));
            quote! {{
                let #client_local = #client_local.clone();
                let #settings_local = #request_options.clone();
                move |#first_local: runtime::PageFuture<models::#page, #error>| { #pager }
            }}
        }
    };
    let Some(next) = &pageable.next_operation else {
        return wrap(first);
    };
    // The next-page operation as the model has it now: its name and group.
    let (target_group, target_op) = model.operation(next.operation);
    let method = ident(&target_op.name);
    let target = match &target_group.name {
        Some(names) => {
            let accessor = ident(&names.accessor);
            quote!(#client_local.#accessor().#method)
        }
        None => quote!(#client_local.#method),
    };
    // A next-page operation without a parameter for the link knows where the next page is.
    let link = if next.arguments.contains(&NextArgument::Link) {
        quote!(#link_local)
    } else {
        let unused = format_ident!("_{}", link_local);
        quote!(#unused)
    };
    let fields: Vec<Ident> = next
        .arguments
        .iter()
        .filter_map(|a| match a {
            NextArgument::Field(field) => Some(ident(field)),
            NextArgument::Link => None,
        })
        .collect();
    let arguments = next.arguments.iter().map(|a| match a {
        NextArgument::Link => quote!(#link_local),
        NextArgument::Field(field) => {
            let field = ident(field);
            quote!(#field)
        }
    });
    // The call's own settings (custom headers, retry) go with every page when the next
    // operation's options type is at hand (same module).
    let same_group = target_group.name == group.name;
    let target_op = same_group.then(|| Op::new(model, target_group, target_op));
    let (settings, target_options) = match target_op {
        Some(target) => {
            let options_type = &target.options_type;
            let options = match &target.request_field {
                Some(field) => quote!(#options_type { #field: #settings_local, ..Default::default() }),
                None => quote!(#settings_local),
            };
            (quote!(#settings_local), quote!(Some(#options)))
        }
        None => (quote!(_), quote!(None)),
    };
    let pager = quote! {
        let #next_local = (#client_local.clone(), #request_options.clone(), #(#fields.clone()),*);
        #first
        .next_with(move |#link: String| {
            let (#client_local, #settings, #(#fields),*) = #next_local.clone();
            Box::pin(async move {
                #target(#(#arguments,)* #target_options).await.map(runtime::Response::into_value)
            })
        })
    };
    wrap(pager)
}

/// The statements that validate the arguments, build the request and send it: the call's
/// result. `client` is where the client is (`self.client`, or an owned `client`).
fn call_body(op: &Op, client: &TokenStream) -> TokenStream {
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
fn lro_start(op: &Op, client: &TokenStream, error_type: &TokenStream) -> TokenStream {
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
fn request_expr(op: &Op, client: &TokenStream, new_request: TokenStream) -> TokenStream {
    let mut request = new_request;
    for slot in &op.slots {
        request = send_parameter(request, slot.param(), slot.value(&op.locals.options), slot.is_option());
    }
    for client_parameter in &op.op.client_parameters {
        let Some(p) = op.model.client.parameters.iter().find(|p| &p.name == client_parameter) else {
            continue;
        };
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

/// `response` (an expression giving the raw response) decoded as the operation says, accepting
/// `statuses`.
fn decode_expr(op: &Operation, statuses: &[u16], response: TokenStream) -> TokenStream {
    let statuses: Vec<_> = statuses
        .iter()
        .map(|s| proc_macro2::Literal::u16_unsuffixed(*s))
        .collect();
    match op.response_kind() {
        ResponseKind::Empty => quote!(#response.empty(&[#(#statuses),*])),
        ResponseKind::Exists => quote!(#response.exists(&[#(#statuses),*])),
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
                        #response
                            .#method::<runtime::FromWire<#ty, #format>, _, _>(&[#(#statuses),*])
                            .map(|response| response.map_value(|wire| #unwrap))
                    }
                }
                None => quote!(#response.#method(&[#(#statuses),*])),
            }
        }
        ResponseKind::Binary => quote!(#response.binary(&[#(#statuses),*])),
    }
}

/// The runtime's wire format for a whole body of this type, when serde's default is not the
/// spec's format.
fn wire_format(ty: &TypeRef) -> Option<TokenStream> {
    let path = wire_format_path(ty, "runtime")?;
    Some(path.parse().expect("a wire format path is a valid type"))
}

/// The statements that put the body on `request`.
fn request_body(op: &Op) -> Option<TokenStream> {
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
                let model_ty = ident(model_name);
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
                let rest = flattened_rest(model, model_name, slots);
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

/// The request path with its parameters encoded, and whether it has any.
fn path_expr(model: &CodeModel, op: &Operation, client: &TokenStream) -> (TokenStream, bool) {
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
fn validation(slot: &Slot, options: &Ident) -> Option<TokenStream> {
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
        if let Some(pattern) = &c.pattern {
            checks.push(quote!(pattern(#pattern)));
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

fn response_value_type(op: &Operation) -> TokenStream {
    match op.response_kind() {
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
fn response_headers(op: &Operation, method_path: &str) -> (TokenStream, TokenStream) {
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
    let doc = format!(" The headers the spec documents for the response of [`{method_path}`].");
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
