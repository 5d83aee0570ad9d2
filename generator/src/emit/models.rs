//! The `models` module: one Rust type per named schema.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{doc_attrs, ident, rust_type};
use super::EmitError;
use crate::model::{CodeModel, EnumDef, Field, SchemaDef, SchemaKind, TypeRef};

/// Every named type of the code model.
pub fn models(model: &CodeModel) -> Result<TokenStream, EmitError> {
    let items = model
        .schemas
        .iter()
        .map(|def| schema(model, def))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(quote! {
        use serde::{Deserialize, Serialize};

        #(#items)*
    })
}

fn schema(model: &CodeModel, def: &SchemaDef) -> Result<TokenStream, EmitError> {
    let docs = doc_attrs(&def.docs);
    let name = ident(&def.name);
    Ok(match &def.kind {
        SchemaKind::Struct { fields } => {
            let fields = fields
                .iter()
                .map(|f| field(model, &def.name, f))
                .collect::<Result<Vec<_>, _>>()?;
            let default = fields.is_empty().then(|| quote!(Default,));
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, #default Serialize, Deserialize)]
                pub struct #name {
                    #(#fields)*
                }
            }
        }
        SchemaKind::Enum(e) => enumeration(&name, &docs, e),
        SchemaKind::Alias(ty) => {
            let ty = rust_type(ty, &quote!());
            quote! {
                #docs
                pub type #name = #ty;
            }
        }
    })
}

fn field(model: &CodeModel, owner: &str, f: &Field) -> Result<TokenStream, EmitError> {
    let docs = doc_attrs(&f.docs);
    let name = ident(&f.name);
    let ty = rust_type(&f.ty, &quote!());
    // A struct that contains itself without a Vec or map in between needs a Box to have a size.
    let ty = if contains_directly(model, &f.ty, owner) {
        quote!(Box<#ty>)
    } else {
        ty
    };
    let optional = !f.required || f.nullable;
    let mut serde = Vec::new();
    if f.name != f.wire_name {
        let wire = &f.wire_name;
        serde.push(quote!(rename = #wire));
    }
    if optional {
        serde.push(quote!(default));
    }
    if !f.required {
        serde.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    match (&f.ty, optional) {
        (TypeRef::DateTime, false) => serde.push(quote!(with = "time::serde::rfc3339")),
        (TypeRef::DateTime, true) => serde.push(quote!(with = "time::serde::rfc3339::option")),
        (TypeRef::Date, false) => serde.push(quote!(with = "crate::runtime::date")),
        (TypeRef::Date, true) => serde.push(quote!(with = "crate::runtime::date::option")),
        (TypeRef::DateTimeRfc1123, false) => serde.push(quote!(with = "crate::runtime::rfc1123")),
        (TypeRef::DateTimeRfc1123, true) => serde.push(quote!(with = "crate::runtime::rfc1123::option")),
        (ty, _) if contains_date(ty) => {
            return Err(EmitError(format!(
                "field `{}` of `{owner}`: date-times inside arrays or maps are not supported yet",
                f.wire_name
            )));
        }
        _ => {}
    }
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    let ty = if optional { quote!(Option<#ty>) } else { ty };
    Ok(quote! {
        #docs
        #serde
        pub #name: #ty,
    })
}

/// Whether a value of `ty` holds a `target` struct inline (not behind a Vec or map).
fn contains_directly(model: &CodeModel, ty: &TypeRef, target: &str) -> bool {
    let mut stack = vec![ty];
    let mut seen: Vec<&str> = Vec::new();
    while let Some(ty) = stack.pop() {
        let TypeRef::Named(name) = ty else { continue };
        if name == target {
            return true;
        }
        if seen.contains(&name.as_str()) {
            continue;
        }
        seen.push(name);
        match model.schema(name).map(|s| &s.kind) {
            Some(SchemaKind::Struct { fields }) => stack.extend(fields.iter().map(|f| &f.ty)),
            Some(SchemaKind::Alias(t)) => stack.push(t),
            _ => {}
        }
    }
    false
}

fn contains_date(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::DateTime | TypeRef::DateTimeRfc1123 | TypeRef::Date => true,
        TypeRef::Array(t) | TypeRef::Map(t) => contains_date(t),
        _ => false,
    }
}

fn enumeration(name: &proc_macro2::Ident, docs: &TokenStream, e: &EnumDef) -> TokenStream {
    let variants: Vec<_> = e.values.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<&String> = e.values.iter().map(|v| &v.value).collect();
    let variant_docs: Vec<_> = e.values.iter().map(|v| doc_attrs(&v.docs)).collect();
    if e.extensible {
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            pub enum #name {
                #( #variant_docs #variants, )*
                /// A value this version of the client does not know; kept as sent.
                UnknownValue(String),
            }

            impl #name {
                /// The value on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #( Self::#variants => #values, )*
                        Self::UnknownValue(value) => value,
                    }
                }
            }

            impl From<&str> for #name {
                fn from(value: &str) -> Self {
                    match value {
                        #( #values => Self::#variants, )*
                        other => Self::UnknownValue(other.to_string()),
                    }
                }
            }

            crate::runtime::extensible_enum!(#name);
        }
    } else {
        let renames = e.values.iter().map(|v| {
            (v.name != v.value).then(|| {
                let value = &v.value;
                quote!(#[serde(rename = #value)])
            })
        });
        quote! {
            #docs
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
            pub enum #name {
                #( #variant_docs #renames #variants, )*
            }

            impl #name {
                /// The value on the wire.
                pub fn as_str(&self) -> &'static str {
                    match self {
                        #( Self::#variants => #values, )*
                    }
                }
            }

            crate::runtime::closed_enum!(#name);
        }
    }
}
