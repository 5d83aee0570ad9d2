//! The optional `replay` module (see [`crate::Config::replay`]): calls any operation by its spec
//! operation id with arguments given as JSON, the way `x-ms-examples` files give them, and hands
//! back the status, the headers and the typed value serialized again. Test harnesses use it to
//! replay a spec's examples through the typed client without knowing the crate's API.
//!
//! The module is self-contained: its helpers are emitted with it, so the runtime stays as it is.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{doc_attrs, ident};
use crate::model::{Auth, CodeModel, Location, Operation, OperationGroup, Parameter, TypeRef};

/// The items of the `replay` module.
pub fn replay_items(model: &CodeModel) -> TokenStream {
    let arms = model.operations().map(|(group, op)| arm(group, op));
    let client_for = client_for(model);
    quote! {
        use crate::runtime::serde::de::DeserializeOwned;
        use crate::runtime::serde::Serialize;
        use crate::runtime::serde_json::{self, Value};

        use crate::runtime;

        /// What a replayed call returned.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Replayed {
            /// The HTTP status.
            pub status: u16,
            /// The response headers, as received.
            pub headers: Vec<(String, String)>,
            /// The typed value serialized to JSON again: `null` when the operation returns no
            /// body, the number of bytes for a binary body.
            pub value: Value,
        }

        /// Calls the operation whose spec `operationId` is `operation_id`, with the arguments in
        /// `parameters` (an example's `parameters` object: keys are wire names; a body parameter
        /// holds the JSON body, or the properties of a flattened body; a binary body is a
        /// string whose bytes are sent). Only the parameters present are set. Client parameters
        /// (the endpoint, the API version) are the client's: see [`client_for`].
        #[allow(deprecated)]
        pub async fn invoke(client: &crate::Client, operation_id: &str, parameters: &Value) -> Result<Replayed, String> {
            let a = Args { operation: operation_id, parameters };
            match operation_id {
                #(#arms)*
                _ => Err(format!("no operation has the id `{operation_id}`")),
            }
        }

        #client_for

        /// An example's parameters, read for one operation.
        struct Args<'a> {
            operation: &'a str,
            parameters: &'a Value,
        }

        // A spec needs only some of these helpers (binary bodies, optional parameters...).
        #[allow(dead_code)]
        impl Args<'_> {
            /// The value at `path` (a parameter's wire name, or a body parameter's name then a
            /// property's wire name); `null` counts as absent.
            fn find(&self, path: &[&str]) -> Option<&Value> {
                path.iter()
                    .try_fold(self.parameters, |value, key| value.get(key))
                    .filter(|value| !value.is_null())
            }

            fn missing(&self, path: &[&str]) -> String {
                format!("{}: the example has no required parameter `{}`", self.operation, path.join("."))
            }

            /// An optional argument. Path, query and header values are text on the wire, so an
            /// example may spell a scalar as text (`"10"`, `"true"`), text as a scalar, or a list
            /// as its comma-separated text: each is tried when the value itself does not fit.
            fn opt<T: DeserializeOwned>(&self, path: &[&str]) -> Result<Option<T>, String> {
                let Some(value) = self.find(path) else { return Ok(None) };
                let error = match serde_json::from_value(value.clone()) {
                    Ok(value) => return Ok(Some(value)),
                    Err(error) => format!("{}: parameter `{}`: {error}", self.operation, path.join(".")),
                };
                let text = match value {
                    Value::String(text) => text.clone(),
                    Value::Number(_) | Value::Bool(_) => value.to_string(),
                    _ => return Err(error),
                };
                let item = |text: &str| serde_json::from_str(text).unwrap_or_else(|_| Value::from(text));
                let spellings = [
                    Value::from(text.as_str()),
                    item(&text),
                    text.split(',').map(Value::from).collect(),
                    text.split(',').map(item).collect(),
                ];
                spellings.into_iter().find_map(|v| serde_json::from_value(v).ok()).map(Some).ok_or(error)
            }

            /// A required argument.
            fn req<T: DeserializeOwned>(&self, path: &[&str]) -> Result<T, String> {
                self.opt(path)?.ok_or_else(|| self.missing(path))
            }

            /// An optional binary argument: the bytes of the example's string.
            fn bytes_opt(&self, path: &[&str]) -> Result<Option<Vec<u8>>, String> {
                match self.find(path) {
                    None => Ok(None),
                    Some(Value::String(s)) => Ok(Some(s.clone().into_bytes())),
                    Some(other) => Err(format!("{}: binary parameter `{}` is not a string: {other}", self.operation, path.join("."))),
                }
            }

            /// A required binary argument.
            fn bytes(&self, path: &[&str]) -> Result<Vec<u8>, String> {
                self.bytes_opt(path)?.ok_or_else(|| self.missing(path))
            }

            /// Calls `set` on `builder` when the example has the value at `path`.
            fn set<B, T: DeserializeOwned>(&self, builder: B, path: &[&str], set: impl FnOnce(B, T) -> B) -> Result<B, String> {
                Ok(match self.opt(path)? {
                    Some(value) => set(builder, value),
                    None => builder,
                })
            }

            /// [`Args::set`] for a binary value.
            fn set_bytes<B>(&self, builder: B, path: &[&str], set: impl FnOnce(B, Vec<u8>) -> B) -> Result<B, String> {
                Ok(match self.bytes_opt(path)? {
                    Some(value) => set(builder, value),
                    None => builder,
                })
            }

            fn done<T: Serialize, H, E>(&self, result: Result<runtime::Response<T, H>, runtime::Error<E>>) -> Result<Replayed, String> {
                let response = result.map_err(|e| format!("{}: the call failed: {e}", self.operation))?;
                // Through text, as a request would carry it (`to_value` would widen an `f32`).
                let value = serde_json::to_vec(response.value())
                    .and_then(|text| serde_json::from_slice(&text))
                    .map_err(|e| format!("{}: cannot serialize the typed value: {e}", self.operation))?;
                Ok(replayed(&response, value))
            }

            fn done_bytes<H, E>(&self, result: Result<runtime::Response<runtime::Bytes, H>, runtime::Error<E>>) -> Result<Replayed, String> {
                let response = result.map_err(|e| format!("{}: the call failed: {e}", self.operation))?;
                let value = Value::from(response.value().len());
                Ok(replayed(&response, value))
            }
        }

        fn replayed<T, H>(response: &runtime::Response<T, H>, value: Value) -> Replayed {
            let headers = response
                .headers()
                .iter()
                .map(|(name, v)| (name.to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
                .collect();
            Replayed { status: response.status().as_u16(), headers, value }
        }
    }
}

/// Where an example holds a parameter: `[wire]`, or `[body, wire]` for a flattened property.
fn path(op: &Operation, p: &Parameter) -> TokenStream {
    let wire = &p.wire_name;
    match (&p.location, &op.body) {
        (Location::BodyProperty { .. }, Some(body)) => {
            let body = &body.parameter_name;
            quote!(&[#body, #wire])
        }
        _ => quote!(&[#wire]),
    }
}

/// A required argument, converted to what the method takes.
fn argument(path: &TokenStream, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(a.req::<String>(#path)?),
        TypeRef::Binary => quote!(a.bytes(#path)?),
        _ => quote!(a.req(#path)?),
    }
}

/// A setter call for an optional client argument: `let <var> = a.set(<var>, path, |c, v| c.setter(v))?;`.
fn setter(var: &TokenStream, path: &TokenStream, p: &Parameter) -> TokenStream {
    let name = ident(&p.name);
    match p.ty {
        TypeRef::String => quote!(let #var = a.set(#var, #path, |c, v: String| c.#name(v))?;),
        TypeRef::Binary => quote!(let #var = a.set_bytes(#var, #path, |c, v| c.#name(v))?;),
        _ => quote!(let #var = a.set(#var, #path, |c, v| c.#name(v))?;),
    }
}

/// The match arm of one operation: required arguments from the example, and the options with
/// the optional ones it has.
fn arm(group: &OperationGroup, op: &Operation) -> TokenStream {
    let id = &op.id;
    let method = ident(&op.name);
    let (receiver, module) = match &group.name {
        Some(names) => {
            let accessor = ident(&names.accessor);
            let module = ident(&names.module);
            (quote!(client.#accessor()), quote!(crate::operations::#module))
        }
        None => (quote!(client), quote!(crate::operations)),
    };
    let args = op
        .parameters
        .iter()
        .filter(|p| p.required)
        .map(|p| argument(&path(op, p), &p.ty));
    let fields: Vec<TokenStream> = op
        .parameters
        .iter()
        .filter(|p| !p.required)
        .map(|p| {
            let name = ident(&p.name);
            let path = path(op, p);
            match p.ty {
                TypeRef::String => quote!(#name: a.opt::<String>(#path)?,),
                TypeRef::Binary => quote!(#name: a.bytes_opt(#path)?.map(Into::into),),
                _ => quote!(#name: a.opt(#path)?,),
            }
        })
        .collect();
    // Mirrors the operation's response kind: a binary success body is handed over as bytes.
    let binary = op.responses.iter().find_map(|r| r.body.as_ref()) == Some(&TypeRef::Binary);
    let done = if binary { quote!(done_bytes) } else { quote!(done) };
    if fields.is_empty() {
        return quote!(#id => a.#done(#receiver.#method(#(#args,)* None).await),);
    }
    let options_type = ident(&op.options_type);
    quote! {
        #id => {
            let options = #module::#options_type { #(#fields)* ..Default::default() };
            a.#done(#receiver.#method(#(#args,)* Some(options)).await)
        }
    }
}

/// `client_for`: a client whose endpoint is `base` and whose other parameters come from an
/// example.
fn client_for(model: &CodeModel) -> TokenStream {
    let is_host = |p: &Parameter| model.client.host_template.contains(&format!("{{{}}}", p.wire_name));
    let hosts: Vec<&Parameter> = model.client.parameters.iter().filter(|p| is_host(p)).collect();
    // The host parameter that is the service's address: the one named like an endpoint or URL,
    // else the only string one.
    let endpoint = hosts
        .iter()
        .find(|p| {
            let name = p.wire_name.to_ascii_lowercase();
            p.ty == TypeRef::String && ["endpoint", "url", "host"].iter().any(|w| name.contains(w))
        })
        .or_else(|| hosts.iter().find(|p| p.ty == TypeRef::String))
        .map(|p| p.wire_name.as_str());
    let mut args = Vec::new();
    let mut setters = Vec::new();
    let builder = quote!(builder);
    for p in &model.client.parameters {
        let wire = &p.wire_name;
        let positional = p.required && p.default.is_none();
        let is_endpoint = Some(wire.as_str()) == endpoint;
        match (positional, is_endpoint) {
            (true, true) => args.push(quote!(base)),
            (true, false) => args.push(argument(&quote!(&[#wire]), &p.ty)),
            (false, true) => {
                let name = ident(&p.name);
                setters.push(quote!(let builder = builder.#name(base);));
            }
            (false, false) => setters.push(setter(&builder, &quote!(&[#wire]), p)),
        }
    }
    let key_doc = match model.client.auth.first() {
        Some(Auth::ApiKeyHeader { name } | Auth::ApiKeyQuery { name }) => {
            args.push(quote!(a.key(#name)));
            format!("\nThe API key is the example's parameter `{name}` when it has one, else a dummy.")
        }
        Some(Auth::Bearer { .. }) => {
            args.push(quote!(a.key("Authorization")));
            "\nThe token is the example's parameter `Authorization` when it has one, else a dummy.".to_string()
        }
        None => String::new(),
    };
    let fixed_host = !model.client.parameters.iter().any(is_host);
    if fixed_host {
        setters.insert(0, quote!(let builder = builder.endpoint(base);));
    }
    let doc = doc_attrs(&format!(
        "A client that sends every request to `base` (scheme, host and port), with the other\n\
         client parameters taken from an example's `parameters` by wire name.{key_doc}"
    ));
    let key_fn = (!model.client.auth.is_empty()).then(|| {
        quote! {
            impl Args<'_> {
                /// The example's API key (a parameter named like the header or query parameter
                /// that carries it), or a dummy.
                fn key(&self, name: &str) -> String {
                    let value = self.parameters.as_object().and_then(|parameters| {
                        parameters.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value)
                    });
                    value.and_then(Value::as_str).unwrap_or("replay-key").to_string()
                }
            }
        }
    });
    // `a` is needed only when something is read from the example.
    let reads = args.len() + setters.len() > usize::from(endpoint.is_some()) + usize::from(fixed_host);
    let (parameters, args_binding) = if reads {
        (
            quote!(parameters),
            quote!(let a = Args { operation: "the client", parameters };),
        )
    } else {
        (quote!(_parameters), quote!())
    };
    quote! {
        #doc
        pub fn client_for(base: &str, #parameters: &Value) -> Result<crate::Client, String> {
            #args_binding
            let builder = crate::Client::builder(#(#args),*);
            #(#setters)*
            builder.build().map_err(|e| format!("cannot build the client: {e}"))
        }

        #key_fn
    }
}
