//! An operation's method, one renderer per kind of operation (plain, paged, long-running, paged
//! long-running, status-polled), and the pagers and pollers they hand back.

use super::*;

/// An operation's method: required parameters are its arguments, the others are in `options`.
/// A plain operation is an `async fn`; a pageable or long-running one returns the runtime's call
/// type, which is awaited the same way and also gives the pages or a poller.
pub(super) fn method(op: &Op, group: &OperationGroup, shared_error: Option<&TypeRef>) -> TokenStream {
    let o = op.op;
    let name = ident(&o.name);
    let models = quote!(models::);
    let mut args = Vec::new();
    let mut conversions = Vec::new();
    let mut arg_docs = String::new();
    for slot in &op.slots {
        let Slot::Required(p) = slot else { continue };
        let field = ident(&p.name);
        let ty = argument_type(op.model, &p.ty, &models);
        args.push(quote!(#field: #ty));
        match p.ty {
            TypeRef::String => conversions.push(quote!(let #field: String = #field.into();)),
            TypeRef::Binary => conversions.push(quote!(let #field: runtime::bytes::Bytes = #field.into();)),
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
    let value_type = response_value_type(op.model, o);
    let error_type = rust_type(op.model, o.error_type(), &models);
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
            let page = ident(op.model.type_name(paging.page));
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
            let status_model = ident(op.model.type_name(polling.status_model));
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
                ty => rust_type(op.model, ty, &models),
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
    let decode = decode_expr(op.model, o, &[200, 201, 202, 204], quote!(#response));
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

/// Where a pager's first page comes from.
enum FirstPage<'b> {
    /// The operation's own call (these statements send it): a `PagedCall`.
    Call(&'b TokenStream),
    /// The final value of the long-running operation: the pager is made by a closure given to
    /// its `LroCall`, which owns a clone of `client`.
    Poller,
}

/// The pager of a pageable operation, after the prelude and `let client = <owned client>`;
/// `client` is the method's own client (`self.client`).
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
    let page = ident(model.type_name(pageable.page));
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
    let keep_query = model
        .next_link_query(o)
        .map(|LinkQuery { wire_name, value }| match value {
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
            let error = rust_type(model, o.error_type(), &quote!(models::));
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
