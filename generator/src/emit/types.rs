//! How code-model types are spelled in Rust.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use crate::model::{CodeModel, SchemaKind, TypeRef};

/// An identifier; names from the code model are already valid and non-keyword.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `#[doc = "..."]` attributes, one per line, so the text is never read as code.
pub fn doc_attrs(docs: &str) -> TokenStream {
    let lines = docs.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// The Rust type of `ty`; `models` is the path prefix of named types (`models::` outside the
/// models module, nothing inside it).
pub fn rust_type(ty: &TypeRef, models: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Base64 | TypeRef::Base64Url => quote!(Vec<u8>),
        TypeRef::Bool => quote!(bool),
        TypeRef::Int32 => quote!(i32),
        TypeRef::Int64 => quote!(i64),
        // `float` values arrive as decimal text that f32 would round; f64 keeps what was sent.
        TypeRef::Float32 => quote!(f64),
        TypeRef::Float64 => quote!(f64),
        TypeRef::Uuid => quote!(uuid::Uuid),
        TypeRef::DateTime | TypeRef::DateTimeRfc1123 => quote!(time::OffsetDateTime),
        TypeRef::Date => quote!(time::Date),
        TypeRef::Duration => quote!(time::Duration),
        TypeRef::Binary => quote!(bytes::Bytes),
        TypeRef::Any => quote!(serde_json::Value),
        TypeRef::Named(name) => {
            let name = format_ident!("{}", name);
            quote!(#models #name)
        }
        TypeRef::Array(item) => {
            let item = rust_type(item, models);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(value, models);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner, models);
            quote!(Option<#inner>)
        }
    }
}

/// The runtime's `WireFormat` of a value whose JSON form is not its type's serde default (base64,
/// dates, date-times, durations, and arrays or maps of them), spelled under `runtime` (a path
/// such as `runtime` or `crate::runtime`); `None` when serde's default is right.
pub fn wire_format_path(ty: &TypeRef, runtime: &str) -> Option<String> {
    let scalar = match ty {
        TypeRef::Base64 => "Base64Format",
        TypeRef::Base64Url => "Base64UrlFormat",
        TypeRef::Date => "DateFormat",
        TypeRef::DateTime => "Rfc3339Format",
        TypeRef::DateTimeRfc1123 => "Rfc1123Format",
        TypeRef::Duration => "DurationFormat",
        TypeRef::Array(item) => return wire_format_path(item, runtime).map(|f| format!("{runtime}::VecFormat<{f}>")),
        TypeRef::Map(value) => return wire_format_path(value, runtime).map(|f| format!("{runtime}::MapFormat<{f}>")),
        TypeRef::Nullable(inner) => {
            return wire_format_path(inner, runtime).map(|f| format!("{runtime}::OptionFormat<{f}>"))
        }
        _ => return None,
    };
    Some(format!("{runtime}::{scalar}"))
}

/// The type of a method argument or setter parameter (`impl Into<String>` for strings).
pub fn argument_type(ty: &TypeRef, models: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(impl Into<String>),
        TypeRef::Binary => quote!(impl Into<bytes::Bytes>),
        _ => rust_type(ty, models),
    }
}

/// Converts an argument of [`argument_type`] into the stored type.
pub fn argument_into(ty: &TypeRef, value: &Ident) -> TokenStream {
    match ty {
        TypeRef::String | TypeRef::Binary => quote!(#value.into()),
        _ => quote!(#value),
    }
}

/// An integer literal without a suffix (a negative one keeps its suffix: a bare `-1` is two tokens).
fn int(value: i64) -> TokenStream {
    if value >= 0 {
        let literal = proc_macro2::Literal::i64_unsuffixed(value);
        quote!(#literal)
    } else {
        quote!(#value)
    }
}

/// A Rust expression for a spec default value, when it can be expressed for this type.
pub fn default_expr(model: &CodeModel, ty: &TypeRef, value: &Value) -> Option<TokenStream> {
    match (ty, value) {
        (TypeRef::String, Value::String(s)) => Some(quote!(String::from(#s))),
        (TypeRef::Bool, Value::Bool(b)) => Some(quote!(#b)),
        // The place a default goes gives it its type: a bare literal will do.
        (TypeRef::Int32, Value::Number(n)) => n.as_i64().and_then(|v| i32::try_from(v).ok()).map(|v| int(v.into())),
        (TypeRef::Int64, Value::Number(n)) => n.as_i64().map(int),
        (TypeRef::Float32 | TypeRef::Float64, Value::Number(n)) => n.as_f64().map(|v| quote!(#v)),
        (TypeRef::Named(name), Value::String(_) | Value::Number(_)) => {
            let def = model.schema(name)?;
            let SchemaKind::Enum(e) = &def.kind else { return None };
            let ty = ident(name);
            let s = match value {
                Value::String(s) if !e.integer => s.clone(),
                Value::Number(n) if e.integer => n.to_string(),
                _ => return None,
            };
            match e.values.iter().find(|v| v.value == s) {
                Some(v) => {
                    let variant = ident(&v.name);
                    Some(quote!(models::#ty::#variant))
                }
                None if e.extensible && e.integer => {
                    let n: i64 = s.parse().ok()?;
                    Some(quote!(models::#ty::UnknownValue(#n)))
                }
                None if e.extensible => Some(quote!(models::#ty::UnknownValue(String::from(#s)))),
                None => None,
            }
        }
        _ => None,
    }
}
