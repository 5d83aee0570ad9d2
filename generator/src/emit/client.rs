//! The crate root: `Client`, its builder, the group accessors and the crate's error alias.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{argument_into, argument_type, default_tokens, doc_attrs, ident, rust_type};
use crate::model::{rustdoc, Auth, CodeModel, Parameter, TypeRef};

/// Items of the crate root (after the module declarations).
pub fn client_items(model: &CodeModel, crate_name: &str) -> TokenStream {
    let error_type = match model.crate_error() {
        Some(ty) => rust_type(model, ty, &quote!(models::)),
        None => quote!(runtime::serde_json::Value),
    };
    let auth = model.client.auth.first();
    let models = quote!(models::);
    let is_host = |p: &Parameter| model.client.host_template.contains(&format!("{{{}}}", p.wire_name));

    let mut new_args = Vec::new();
    let mut arg_names = Vec::new();
    let mut builder_fields = Vec::new();
    let mut builder_inits = Vec::new();
    let mut setters = Vec::new();
    let mut client_fields = Vec::new();
    let mut client_inits = Vec::new();
    let mut host_params = Vec::new();
    let mut arg_docs = String::new();
    for p in &model.client.parameters {
        let name = ident(&p.name);
        let ty = rust_type(model, &p.ty, &models);
        let default = p
            .default
            .as_ref()
            .and_then(|d| model.default_value(&p.ty, d))
            .map(|value| default_tokens(&value));
        let optional = !p.required && default.is_none();
        let stored = if optional { quote!(Option<#ty>) } else { ty.clone() };
        builder_fields.push(quote!(#name: #stored));
        match default {
            _ if p.required && p.default.is_none() => {
                let arg = argument_type(model, &p.ty, &models);
                new_args.push(quote!(#name: #arg));
                arg_names.push(name.clone());
                builder_inits.push(match p.ty {
                    TypeRef::String | TypeRef::Binary => quote!(#name: #name.into()),
                    _ => quote!(#name),
                });
                let first_line = p.docs.lines().next().unwrap_or_default();
                arg_docs.push_str(&format!("\n* `{}`: {first_line}", p.name));
            }
            Some(expr) => builder_inits.push(quote!(#name: #expr)),
            None => builder_inits.push(quote!(#name: None)),
        }
        if !(p.required && p.default.is_none()) {
            let docs = doc_attrs(&p.docs);
            let arg = argument_type(model, &p.ty, &models);
            let value = argument_into(&p.ty, &name);
            let value = if optional { quote!(Some(#value)) } else { value };
            setters.push(quote! {
                #docs
                pub fn #name(mut self, #name: #arg) -> Self {
                    self.#name = #value;
                    self
                }
            });
        }
        if is_host(p) {
            let wire = &p.wire_name;
            let skip = p.skip_url_encoding;
            let value = if optional {
                quote!(self.#name.as_deref().unwrap_or_default())
            } else {
                quote!(self.#name.as_str())
            };
            host_params.push(quote!((#wire, #value, #skip)));
        } else {
            // Sent by the operations that use it.
            client_fields.push(quote!(#name: #stored));
            client_inits.push(quote!(#name: self.#name));
        }
    }
    match auth {
        Some(Auth::Bearer { .. }) => {
            new_args.push(quote!(credential: impl Into<runtime::SharedTokenCredential>));
            builder_fields.push(quote!(credential: runtime::SharedTokenCredential));
            builder_inits.push(quote!(credential: credential.into()));
            arg_docs.push_str(
                "\n* `credential`: gives the OAuth 2 (Azure AD) bearer tokens; a fixed token (`ApiKey`, `String`) will do. Tokens are never printed or logged",
            );
            arg_names.push(ident("credential"));
        }
        Some(_) => {
            new_args.push(quote!(api_key: impl Into<runtime::ApiKey>));
            builder_fields.push(quote!(api_key: runtime::ApiKey));
            builder_inits.push(quote!(api_key: api_key.into()));
            arg_docs.push_str("\n* `api_key`: the key the service issued; it is never printed or logged");
            arg_names.push(ident("api_key"));
        }
        None => {}
    }
    // A fixed host can still be pointed elsewhere (a proxy, a test server): `endpoint` replaces
    // its scheme and authority and keeps the base path.
    let fixed_host = !model.client.parameters.iter().any(is_host);
    let (default_endpoint, base_path) = split_origin(&model.client.host_template);
    let mut endpoint_setter = quote!();
    if fixed_host {
        builder_fields.push(quote!(endpoint: String));
        builder_inits.push(quote!(endpoint: String::from(#default_endpoint)));
        endpoint_setter = quote! {
            /// Sends requests to this scheme and host (and port) instead of the spec's.
            pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
                self.endpoint = endpoint.into();
                self
            }
        };
    }
    let host = if fixed_host {
        format!("{{$endpoint}}{base_path}")
    } else {
        model.client.host_template.clone()
    };
    let endpoint_param = fixed_host.then(|| quote!(("$endpoint", self.endpoint.as_str(), true),));
    let credential = match auth {
        Some(Auth::ApiKeyHeader { name }) => {
            quote!(runtime::Credential::ApiKeyHeader { name: #name, key: self.api_key })
        }
        Some(Auth::ApiKeyQuery { name }) => quote!(runtime::Credential::ApiKeyQuery { name: #name, key: self.api_key }),
        Some(Auth::Bearer { scopes }) => {
            quote!(runtime::Credential::Bearer { scopes: &[#(#scopes),*], credential: self.credential })
        }
        None => quote!(runtime::Credential::None),
    };
    // Spec text must not become format syntax.
    let escape = |text: &str| text.replace('{', "{{").replace('}', "}}");
    let user_agent = format!(
        "{}/{{}} (rust; api-version {})",
        escape(crate_name),
        escape(&model.api_version)
    );
    let accessors = model.groups.iter().filter_map(|g| g.name.as_ref()).map(|names| {
        let accessor = ident(&names.accessor);
        let module = ident(&names.module);
        let type_name = ident(&names.type_name);
        let doc = format!(" The operations of the `{}` group.", names.spec);
        quote! {
            #[doc = #doc]
            pub fn #accessor(&self) -> operations::#module::#type_name<'_> {
                operations::#module::#type_name { client: self }
            }
        }
    });
    let new_docs = doc_attrs(&format!(
        "Creates a client with default options.\n\n# Arguments{arg_docs}"
    ));
    let title = model.title.trim_end_matches(" Client").trim_end_matches(" client");
    let title_doc = doc_attrs(&rustdoc(Some(&format!(
        "The {title} client: cheap to clone, safe to share between tasks."
    ))));
    quote! {
        pub use runtime::{ApiKey, ClientOptions, Response};

        /// The error of this crate's operations, with the error body the spec documents.
        pub type Error = runtime::Error<#error_type>;

        #title_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            pipeline: runtime::Pipeline,
            #(#client_fields,)*
        }

        impl Client {
            #new_docs
            pub fn new(#(#new_args),*) -> Result<Self, Error> {
                Self::builder(#(#arg_names),*).build()
            }

            /// A builder for a client with non-default options.
            pub fn builder(#(#new_args),*) -> ClientBuilder {
                ClientBuilder {
                    #(#builder_inits,)*
                    options: ClientOptions::default(),
                }
            }

            /// The base URL every request goes to.
            pub fn endpoint(&self) -> &str {
                self.pipeline.base_url()
            }

            #(#accessors)*
        }

        /// Builds a [`Client`]; get one from [`Client::builder`].
        #[derive(Debug, Clone)]
        #[must_use]
        pub struct ClientBuilder {
            #(#builder_fields,)*
            options: ClientOptions,
        }

        impl ClientBuilder {
            #endpoint_setter
            #(#setters)*

            /// Sets the HTTP client, user agent and other options.
            pub fn options(mut self, options: ClientOptions) -> Self {
                self.options = options;
                self
            }

            /// Checks the endpoint and builds the client.
            pub fn build(self) -> Result<Client, Error> {
                let base_url = runtime::expand_host(#host, &[#endpoint_param #(#host_params),*])?;
                let user_agent = format!(#user_agent, env!("CARGO_PKG_VERSION"));
                Ok(Client {
                    pipeline: runtime::Pipeline::new(base_url, #credential, self.options, &user_agent),
                    #(#client_inits,)*
                })
            }
        }
    }
}

/// Splits `https://host:1/base` into `("https://host:1", "/base")`.
fn split_origin(url: &str) -> (&str, &str) {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => url.split_at(after_scheme + i),
        None => (url, ""),
    }
}
