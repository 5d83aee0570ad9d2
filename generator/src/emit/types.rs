//! How code-model types are spelled in Rust.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::model::{CodeModel, DefaultValue, TypeRef};

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
/// models module, nothing inside it), whose names `model` gives.
pub fn rust_type(model: &CodeModel, ty: &TypeRef, models: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Base64 | TypeRef::Base64Url => quote!(Vec<u8>),
        TypeRef::Bool => quote!(bool),
        TypeRef::Int32 => quote!(i32),
        TypeRef::Int64 => quote!(i64),
        // `float` values arrive as decimal text that f32 would round; f64 keeps what was sent.
        TypeRef::Float32 => quote!(f64),
        TypeRef::Float64 => quote!(f64),
        // Crates the runtime re-exports, so that the crate holding the code needs only the runtime.
        TypeRef::Uuid => quote!(runtime::uuid::Uuid),
        TypeRef::DateTime | TypeRef::DateTimeRfc1123 => quote!(runtime::time::OffsetDateTime),
        TypeRef::Date => quote!(runtime::time::Date),
        TypeRef::Duration => quote!(runtime::time::Duration),
        TypeRef::Binary => quote!(runtime::bytes::Bytes),
        TypeRef::Any => quote!(runtime::serde_json::Value),
        TypeRef::Named(id) => {
            let name = format_ident!("{}", model.type_name(*id));
            quote!(#models #name)
        }
        TypeRef::Array(item) => {
            let item = rust_type(model, item, models);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(model, value, models);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(model, inner, models);
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
pub fn argument_type(model: &CodeModel, ty: &TypeRef, models: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(impl Into<String>),
        TypeRef::Binary => quote!(impl Into<runtime::bytes::Bytes>),
        _ => rust_type(model, ty, models),
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

/// A default value as a Rust expression; empty for the type's own `Default`. The place a default
/// goes gives it its type: a bare integer literal will do.
pub fn default_tokens(value: &DefaultValue) -> TokenStream {
    match *value {
        DefaultValue::String(s) => quote!(String::from(#s)),
        DefaultValue::Bool(b) => quote!(#b),
        DefaultValue::Integer(v) => int(v),
        DefaultValue::Float(v) => quote!(#v),
        DefaultValue::EnumVariant { ty, variant } => {
            let (ty, variant) = (ident(ty), ident(variant));
            quote!(models::#ty::#variant)
        }
        DefaultValue::EnumUnknown { ty, value } => {
            let ty = ident(ty);
            quote!(models::#ty::UnknownValue(String::from(#value)))
        }
        DefaultValue::EnumUnknownInteger { ty, value } => {
            let ty = ident(ty);
            quote!(models::#ty::UnknownValue(#value))
        }
        DefaultValue::TypeDefault => quote!(),
    }
}
