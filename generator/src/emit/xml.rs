//! The XML form of each model an XML body holds: an `impl runtime::xml::XmlModel`, one line per
//! field naming its element (or attribute) and its codec; the names are the model's decisions
//! ([`CodeModel::xml_shape`]).

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{ident, wire_format_path};
use crate::model::{CodeModel, Field, SchemaKind, TypeRef, XmlShape};

/// The runtime codec of values of `ty`: `Model` for models, `Scalar<F>` for text values in wire
/// format `F` (the JSON path's).
pub fn xml_codec(model: &CodeModel, ty: &TypeRef) -> TokenStream {
    let ty = model.resolve_alias(ty);
    match ty {
        TypeRef::Named(id) if model.is_xml_model(*id) => quote!(runtime::xml::Model),
        _ => match wire_format_path(ty, "runtime") {
            Some(path) => {
                let format: TokenStream = path.parse().expect("a wire format path is a valid type");
                quote!(runtime::xml::Scalar<#format>)
            }
            None => quote!(runtime::xml::Scalar),
        },
    }
}

/// `impl XmlModel` for every model XML bodies hold. `boxed(field type, owner)` says whether the
/// field holds its value in a `Box` (as the struct declares it).
pub fn xml_models(model: &CodeModel, boxed: &dyn Fn(&TypeRef, &str) -> bool) -> TokenStream {
    let impls = model.xml_types().into_iter().map(|id| {
        let def = model.type_def(id);
        let SchemaKind::Struct { fields } = &def.kind else {
            return quote!();
        };
        let name = ident(&def.name);
        let namespace = model.xml_type_namespace(id).map(|(prefix, uri)| match prefix {
            Some(prefix) => quote!(.namespace(Some(#prefix), #uri)),
            None => quote!(.namespace(None, #uri)),
        });
        let writes: Vec<TokenStream> = fields
            .iter()
            .filter_map(|f| write_field(model, f, boxed(&f.ty, &def.name)))
            .collect();
        let reads = fields.iter().map(|f| read_field(model, f, boxed(&f.ty, &def.name)));
        let element = if writes.is_empty() {
            quote!(let element)
        } else {
            quote!(let mut element)
        };
        let read_from = if fields.iter().all(|f| model.xml_shape(f) == XmlShape::Skipped) {
            quote!(_element)
        } else {
            quote!(element)
        };
        quote! {
            impl runtime::xml::XmlModel for #name {
                fn to_xml(&self, name: &str) -> Result<runtime::xml::Element, runtime::xml::XmlError> {
                    #element = runtime::xml::Element::new(name) #namespace;
                    #(#writes)*
                    Ok(element)
                }

                fn from_xml(#read_from: &runtime::xml::Element) -> Result<Self, runtime::xml::XmlError> {
                    Ok(Self { #(#reads,)* })
                }
            }
        }
    });
    quote!(#(#impls)*)
}

/// The item type of a list or map field, else the field's type.
fn element_type<'m>(model: &'m CodeModel, f: &'m Field) -> &'m TypeRef {
    match model.resolve_alias(&f.ty) {
        TypeRef::Array(item) | TypeRef::Map(item) => item,
        other => other,
    }
}

fn write_field(model: &CodeModel, f: &Field, boxed: bool) -> Option<TokenStream> {
    let field = ident(&f.name);
    let codec = xml_codec(model, element_type(model, f));
    let value = if boxed {
        quote!(self.#field.as_deref())
    } else {
        quote!(self.#field.as_ref())
    };
    let write = match model.xml_shape(f) {
        XmlShape::Attribute(name) => quote!(element.set_attribute::<#codec, _>(#name, #value)?;),
        XmlShape::Text => quote!(element.set_text::<#codec, _>(#value)?;),
        XmlShape::Element(name) => quote!(element.push::<#codec, _>(#name, #value)?;),
        XmlShape::List { item } => quote!(element.push_list::<#codec, _>(#item, self.#field.as_deref())?;),
        XmlShape::Wrapped { name, item } => {
            quote!(element.push_wrapped::<#codec, _>(#name, #item, self.#field.as_deref())?;)
        }
        XmlShape::Map(name) => quote!(element.push_map::<#codec, _>(#name, self.#field.as_ref())?;),
        XmlShape::Skipped => return None,
    };
    // Set by the service only: left out of request bodies, kept otherwise (as in JSON).
    Some(if f.read_only {
        quote!(if !runtime::read_only(&self.#field) { #write })
    } else {
        write
    })
}

fn read_field(model: &CodeModel, f: &Field, boxed: bool) -> TokenStream {
    let field = ident(&f.name);
    let codec = xml_codec(model, element_type(model, f));
    let read = match model.xml_shape(f) {
        XmlShape::Attribute(name) => quote!(element.attribute::<#codec, _>(#name)?),
        XmlShape::Text => quote!(element.text::<#codec, _>()?),
        XmlShape::Element(name) => quote!(element.child::<#codec, _>(#name)?),
        XmlShape::List { item } => quote!(element.list::<#codec, _>(#item)?),
        XmlShape::Wrapped { name, item } => quote!(element.wrapped::<#codec, _>(#name, #item)?),
        XmlShape::Map(name) => quote!(element.map::<#codec, _>(#name)?),
        XmlShape::Skipped => return quote!(#field: Default::default()),
    };
    if boxed {
        quote!(#field: #read.map(Box::new))
    } else {
        quote!(#field: #read)
    }
}
