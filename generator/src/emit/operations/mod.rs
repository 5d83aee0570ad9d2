//! The `operations` module: per group, a type with one method per operation (required
//! parameters are its arguments, the others are fields of the operation's options type) that
//! validates the arguments, builds the request, sends it and decodes the response.

mod calls;
mod request;
mod response;

use proc_macro2::Ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{argument_type, default_tokens, doc_attrs, ident, rust_type, wire_format_path};
use super::xml::xml_codec;
use crate::model::{
    BodyKind, CodeModel, LinkQuery, LinkQueryValue, Location, LongRunning, NextArgument, Operation, OperationGroup,
    OperationKind, Pageable, Parameter, PathPart, PatternEngine, Presence, ResponseKind, SuccessResponse, TypeId,
    TypeRef,
};

use calls::method;
use request::*;
use response::*;

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
        let (headers_type, headers_item) = response_headers(model, op, &method_path);
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
        let error = rust_type(model, error, &quote!(models::));
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
        let ty = rust_type(op.model, &p.ty, &models);
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
