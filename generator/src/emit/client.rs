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
    let models = quote!(models::);
    let is_host = |p: &Parameter| model.client.host_template.contains(&format!("{{{}}}", p.wire_name));

    let mut new_args = Vec::new();
    let mut arg_names = Vec::new();
    let mut builder_fields = Vec::new();
    // The client parameters' part of every `ClientBuilder { .. }` (one per kind of credential).
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
    // The first scheme is the one of `new` and `builder`; each other kind of credential the
    // service accepts gets its own pair, `with_api_key` or `with_token_credential`.
    let credentials = credentials(&model.client.auth);
    builder_fields.push(quote!(credential: runtime::Credential));
    let (param_args, param_names, param_docs, param_inits) = (&new_args, &arg_names, &arg_docs, &builder_inits);
    let mut constructors = Vec::new();
    for (i, credential) in credentials.iter().enumerate() {
        let (arg, name, doc) = (&credential.arg, &credential.arg_name, &credential.doc);
        let value = &credential.value;
        let args = quote!(#(#param_args,)* #arg);
        let names = quote!(#(#param_names,)* #name);
        let (new, builder) = match i {
            0 => (ident("new"), ident("builder")),
            _ => (
                ident(&format!("with_{}", credential.kind)),
                ident(&format!("builder_with_{}", credential.kind)),
            ),
        };
        let new_docs = doc_attrs(&format!(
            "Creates a client{}, with default options.\n\n# Arguments{param_docs}\n{doc}",
            credential.what
        ));
        let builder_doc = format!(" A builder for a client{}, for non-default options.", credential.what);
        constructors.push(quote! {
            #new_docs
            pub fn #new(#args) -> Result<Self, Error> {
                Self::#builder(#names).build()
            }

            #[doc = #builder_doc]
            pub fn #builder(#args) -> ClientBuilder {
                ClientBuilder {
                    #(#param_inits,)*
                    credential: #value,
                    options: ClientOptions::default(),
                }
            }
        });
    }
    if credentials.is_empty() {
        let new_docs = doc_attrs(&format!(
            "Creates a client with default options.\n\n# Arguments{param_docs}"
        ));
        constructors.push(quote! {
            #new_docs
            pub fn new(#(#param_args),*) -> Result<Self, Error> {
                Self::builder(#(#param_names),*).build()
            }

            /// A builder for a client with non-default options.
            pub fn builder(#(#param_args),*) -> ClientBuilder {
                ClientBuilder {
                    #(#param_inits,)*
                    credential: runtime::Credential::None,
                    options: ClientOptions::default(),
                }
            }
        });
    }
    let host = if fixed_host {
        format!("{{$endpoint}}{base_path}")
    } else {
        model.client.host_template.clone()
    };
    let endpoint_param = fixed_host.then(|| quote!(("$endpoint", self.endpoint.as_str(), true),));
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
            #(#constructors)*

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

            /// Checks the endpoint and builds the client. A key or token goes over https only,
            /// or plain http to loopback (`127.0.0.1`, `::1`, `localhost`) for local tests.
            pub fn build(self) -> Result<Client, Error> {
                let base_url = runtime::expand_host(#host, &[#endpoint_param #(#host_params),*])?;
                let user_agent = format!(#user_agent, env!("CARGO_PKG_VERSION"));
                Ok(Client {
                    pipeline: runtime::Pipeline::try_new(base_url, self.credential, self.options, &user_agent)?,
                    #(#client_inits,)*
                })
            }
        }
    }
}

/// How a client can be given one kind of credential.
struct CredentialArg {
    /// `api_key` or `token_credential`: the constructors' names other than `new` and `builder`.
    kind: &'static str,
    /// The constructor's last argument, and its name.
    arg: TokenStream,
    arg_name: proc_macro2::Ident,
    /// The argument's line of the constructor's docs.
    doc: String,
    /// ` with a token credential`, for the constructors' first doc line.
    what: &'static str,
    /// The `runtime::Credential` it makes.
    value: TokenStream,
}

/// The credentials of `auth`, the first scheme first, then one of each other kind.
fn credentials(auth: &[Auth]) -> Vec<CredentialArg> {
    let mut out: Vec<CredentialArg> = Vec::new();
    for scheme in auth {
        let credential = match scheme {
            Auth::ApiKeyHeader { name } | Auth::ApiKeyQuery { name } => {
                let variant = match scheme {
                    Auth::ApiKeyQuery { .. } => quote!(ApiKeyQuery),
                    _ => quote!(ApiKeyHeader),
                };
                let place = match scheme {
                    Auth::ApiKeyQuery { .. } => format!("the query parameter `{name}`"),
                    _ => format!("the header `{name}`"),
                };
                CredentialArg {
                    kind: "api_key",
                    arg: quote!(api_key: impl Into<runtime::ApiKey>),
                    arg_name: ident("api_key"),
                    doc: format!(
                        "* `api_key`: the key the service issued, sent in {place}; it is never printed or logged"
                    ),
                    what: " with an API key",
                    value: quote!(runtime::Credential::#variant { name: #name, key: api_key.into() }),
                }
            }
            Auth::Bearer { scopes } => {
                let listed: Vec<String> = scopes.iter().map(|s| format!("`{s}`")).collect();
                let for_scopes = match listed.len() {
                    0 => String::new(),
                    _ => format!(" for {}", listed.join(", ")),
                };
                CredentialArg {
                    kind: "token_credential",
                    arg: quote!(credential: impl Into<runtime::SharedTokenCredential>),
                    arg_name: ident("credential"),
                    doc: format!(
                        "* `credential`: gives the OAuth 2 (Microsoft Entra ID) bearer tokens{for_scopes} \
                         (`ClientOptions::credential_scopes` changes them): a `runtime::TokenCredential`, with the \
                         `azure-identity` feature any `Arc` of an `azure_core` credential (`DeveloperToolsCredential`, \
                         `ManagedIdentityCredential`, ...), or a fixed token (`ApiKey`, `String`). Tokens are kept \
                         until shortly before they expire, and never printed or logged"
                    ),
                    what: " with a token credential",
                    value: quote!(runtime::Credential::Bearer { scopes: &[#(#scopes),*], credential: credential.into() }),
                }
            }
        };
        if !out.iter().any(|c| c.kind == credential.kind) {
            out.push(credential);
        }
    }
    out
}

/// Splits `https://host:1/base` into `("https://host:1", "/base")`.
fn split_origin(url: &str) -> (&str, &str) {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => url.split_at(after_scheme + i),
        None => (url, ""),
    }
}
