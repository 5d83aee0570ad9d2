//! Decoding the response: the success value by response kind, and the typed response headers.

use super::*;

/// `response` (an expression giving the raw response) decoded as the operation says, accepting
/// `statuses`.
pub(super) fn decode_expr(model: &CodeModel, op: &Operation, statuses: &[u16], response: TokenStream) -> TokenStream {
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
                    let ty = rust_type(model, ty, &quote!(models::));
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
        ResponseKind::Xml { ty, root } => match (&root.item, ty) {
            (Some(item), TypeRef::Array(item_ty)) => {
                let codec = xml_codec(model, item_ty);
                quote!(#response.xml_list::<#codec, _, _, _>(&[#(#statuses),*], #item))
            }
            _ => {
                let codec = xml_codec(model, ty);
                quote!(#response.xml::<#codec, _, _, _>(&[#(#statuses),*]))
            }
        },
    }
}

/// The runtime's wire format for a whole body of this type, when serde's default is not the
/// spec's format.
pub(super) fn wire_format(ty: &TypeRef) -> Option<TokenStream> {
    let path = wire_format_path(ty, "runtime")?;
    Some(path.parse().expect("a wire format path is a valid type"))
}

pub(super) fn response_value_type(model: &CodeModel, op: &Operation) -> TokenStream {
    match op.response_kind() {
        ResponseKind::Empty => quote!(()),
        ResponseKind::Exists => quote!(bool),
        ResponseKind::Xml { ty, .. } => rust_type(model, ty, &quote!(models::)),
        ResponseKind::Json { ty, optional } => {
            let ty = rust_type(model, ty, &quote!(models::));
            if optional {
                quote!(Option<#ty>)
            } else {
                ty
            }
        }
        ResponseKind::Binary => quote!(runtime::bytes::Bytes),
    }
}

/// The typed headers of the success responses (`()` when none are documented).
pub(super) fn response_headers(model: &CodeModel, op: &Operation, method_path: &str) -> (TokenStream, TokenStream) {
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
    let reads = headers.iter().map(|h| match &h.collection_prefix {
        Some(prefix) => {
            let prefix = prefix.to_ascii_lowercase();
            quote!(runtime::header_collection(headers, #prefix)?)
        }
        None => {
            let wire = h.wire_name.to_ascii_lowercase();
            quote!(runtime::header_value(headers, #wire)?)
        }
    });
    let types = headers.iter().map(|h| rust_type(model, &h.ty, &quote!(models::)));
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
                    #( #names: #reads, )*
                })
            }
        }
    };
    (quote!(#type_name), item)
}
