//! The `models` module: one Rust type per named schema.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{doc_attrs, ident, rust_type, wire_format_path};
use super::EmitError;
use crate::model::{CodeModel, EnumDef, Field, SchemaDef, SchemaKind, TypeRef, UnionVariant};

/// Every named type of the code model.
pub fn models(model: &CodeModel) -> Result<TokenStream, EmitError> {
    let inline = InlineGroups::new(model);
    let items = model
        .schemas
        .iter()
        .map(|def| schema(&inline, def))
        .collect::<Result<Vec<_>, _>>()?;
    let pages = pages(model);
    let statuses = poll_statuses(model);
    let xml = super::xml::xml_models(model, &|ty, owner| inline.contains_directly(ty, owner));
    Ok(quote! {
        #[allow(unused_imports)] // a spec may have no struct, or only types with hand-written serde
        use crate::runtime::{self, serde::{Deserialize, Serialize}};

        #(#items)*

        #xml

        #(#pages)*

        #(#statuses)*
    })
}

/// `runtime::PollStatus` for each status model of a long-running operation.
fn poll_statuses(model: &CodeModel) -> Vec<TokenStream> {
    let mut seen = Vec::new();
    let mut impls = Vec::new();
    for (_, op) in model.operations() {
        let Some(polling) = op.kind.status_polling() else {
            continue;
        };
        if seen.contains(&polling.status_model) {
            continue;
        }
        seen.push(polling.status_model);
        let status_model = ident(model.type_name(polling.status_model));
        let status = ident(&polling.status_field);
        let field = |f: &Option<(String, bool)>| match f {
            Some((name, true)) => {
                let name = ident(name);
                quote!(self.#name.clone())
            }
            Some((name, false)) => {
                let name = ident(name);
                quote!(Some(self.#name.clone()))
            }
            None => quote!(None),
        };
        let (result, message) = (field(&polling.result_field), field(&polling.message_field));
        let (succeeded, failed) = (&polling.succeeded, &polling.failed);
        impls.push(quote! {
            impl crate::runtime::PollStatus for #status_model {
                fn state(&self) -> crate::runtime::PollState {
                    let status = crate::runtime::ParamValue::to_param(&self.#status);
                    if [#(#succeeded),*].iter().any(|s| s.eq_ignore_ascii_case(&status)) {
                        crate::runtime::PollState::Succeeded(#result)
                    } else if [#(#failed),*].iter().any(|s| s.eq_ignore_ascii_case(&status)) {
                        crate::runtime::PollState::Failed(#message)
                    } else {
                        crate::runtime::PollState::Running
                    }
                }
            }
        });
    }
    impls
}

/// `runtime::Page` for each page model of a pageable operation.
fn pages(model: &CodeModel) -> Vec<TokenStream> {
    let mut seen = Vec::new();
    let mut impls = Vec::new();
    for (_, op) in model.operations() {
        let Some(p) = op.kind.paging() else { continue };
        if seen.contains(&p.page) {
            continue;
        }
        seen.push(p.page);
        let SchemaDef {
            kind: SchemaKind::Struct { fields },
            ..
        } = model.type_def(p.page)
        else {
            continue;
        };
        let Some(TypeRef::Array(item)) = fields.iter().find(|f| f.name == p.items_field).map(|f| &f.ty) else {
            continue;
        };
        let page = ident(model.type_name(p.page));
        let item = rust_type(model, item, &quote!());
        let items = ident(&p.items_field);
        let into_items = if p.items_optional {
            quote!(self.#items.unwrap_or_default())
        } else {
            quote!(self.#items)
        };
        impls.push(quote! {
            impl crate::runtime::Page for #page {
                type Item = #item;

                fn into_items(self) -> Vec<#item> {
                    #into_items
                }
            }
        });
    }
    impls
}

fn schema(inline: &InlineGroups, def: &SchemaDef) -> Result<TokenStream, EmitError> {
    let docs = doc_attrs(&def.docs);
    let name = ident(&def.name);
    Ok(match &def.kind {
        SchemaKind::Struct { fields } => {
            // `rename_all = "camelCase"` when it spares per-field renames (it joins the container
            // attribute every derived type has, so it costs no line).
            let plain = fields.iter().filter(|f| !f.additional);
            let renamed = plain.clone().filter(|f| f.name != f.wire_name).count();
            let off_camel = plain.filter(|f| serde_camel_case_field(&f.name) != f.wire_name).count();
            let camel = off_camel < renamed;
            let container = serde_container(camel.then_some("camelCase"));
            let fields = fields
                .iter()
                .map(|f| field(inline, &def.name, f, camel))
                .collect::<Result<Vec<_>, _>>()?;
            let default = fields.is_empty().then(|| quote!(Default,));
            // One kind of a polymorphic type writes its discriminator itself.
            let tag = def
                .tag
                .as_ref()
                .map(|(property, value)| quote!(#[serde(tag = #property, rename = #value)]));
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, #default Serialize, Deserialize)]
                #container
                #tag
                pub struct #name {
                    #(#fields)*
                }
            }
        }
        SchemaKind::Union {
            discriminator,
            variants,
        } => union(inline.model, &name, &docs, discriminator, variants),
        SchemaKind::Enum(e) => enumeration(&name, &docs, e),
        SchemaKind::Alias(ty) => {
            let ty = rust_type(inline.model, ty, &quote!());
            quote! {
                #docs
                pub type #name = #ty;
            }
        }
    })
}

/// The container attribute of a type that derives serde's traits: the path to serde through the
/// runtime (so the crate holding the code needs no `serde` dependency of its own), and the
/// `rename_all` rule, if any.
fn serde_container(rename_all: Option<&str>) -> TokenStream {
    match rename_all {
        Some(rule) => quote!(#[serde(crate = "crate::runtime::serde", rename_all = #rule)]),
        None => quote!(#[serde(crate = "crate::runtime::serde")]),
    }
}

/// A polymorphic type: each kind's struct serializes itself with its tag; deserializing reads the
/// discriminator first, and keeps a kind this client does not know as JSON.
fn union(
    model: &CodeModel,
    name: &proc_macro2::Ident,
    docs: &TokenStream,
    discriminator: &str,
    variants: &[UnionVariant],
) -> TokenStream {
    let names: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let types: Vec<_> = variants.iter().map(|v| ident(model.type_name(v.ty))).collect();
    let values: Vec<&String> = variants.iter().map(|v| &v.value).collect();
    let variant_docs = values.iter().map(|v| format!(" `{discriminator}` is `{v}`."));
    // The kinds differ in size as the spec's models do; boxing some would make the API depend on
    // a lint's threshold.
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #( #[doc = #variant_docs] #names(#types), )*
            /// A kind this version of the client does not know; kept as sent.
            Unknown(runtime::serde_json::Value),
        }

        impl Serialize for #name {
            fn serialize<S: runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #( Self::#names(value) => value.serialize(serializer), )*
                    Self::Unknown(value) => value.serialize(serializer),
                }
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use runtime::serde_json::{self, Value};
                let value = Value::deserialize(deserializer)?;
                let kind = value.get(#discriminator).and_then(Value::as_str).map(str::to_string);
                match kind.as_deref() {
                    #( Some(#values) => serde_json::from_value(value).map(Self::#names).map_err(runtime::serde::de::Error::custom), )*
                    _ => Ok(Self::Unknown(value)),
                }
            }
        }
    }
}

/// A field's name as serde's `rename_all = "camelCase"` spells it (serde's own rule).
fn serde_camel_case_field(field: &str) -> String {
    let mut pascal = String::new();
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(ch);
        }
    }
    let mut chars = pascal.chars();
    chars
        .next()
        .map(|first| first.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// A variant's name as serde's `rename_all = rule` spells it (serde's own rules), for the rules
/// closed enums may use.
fn serde_variant_case(rule: &str, variant: &str) -> String {
    let snake = || {
        let mut snake = String::new();
        for (i, ch) in variant.char_indices() {
            if i > 0 && ch.is_uppercase() {
                snake.push('_');
            }
            snake.push(ch.to_ascii_lowercase());
        }
        snake
    };
    match rule {
        "lowercase" => variant.to_ascii_lowercase(),
        "UPPERCASE" => variant.to_ascii_uppercase(),
        "camelCase" => {
            let mut chars = variant.chars();
            chars
                .next()
                .map(|first| first.to_ascii_lowercase().to_string() + chars.as_str())
                .unwrap_or_default()
        }
        "snake_case" => snake(),
        "SCREAMING_SNAKE_CASE" => snake().to_ascii_uppercase(),
        "kebab-case" => snake().replace('_', "-"),
        _ => variant.to_string(),
    }
}

/// `camel`: the struct has `rename_all = "camelCase"`.
fn field(inline: &InlineGroups, owner: &str, f: &Field, camel: bool) -> Result<TokenStream, EmitError> {
    let docs = doc_attrs(&f.docs);
    let name = ident(&f.name);
    let ty = rust_type(inline.model, &f.ty, &quote!());
    // A struct that contains itself without a Vec or map in between needs a Box to have a size.
    let ty = if inline.contains_directly(&f.ty, owner) {
        quote!(Box<#ty>)
    } else {
        ty
    };
    if f.additional {
        // The entries the struct's own fields do not take.
        return Ok(quote! {
            #docs
            #[serde(flatten)]
            pub #name: #ty,
        });
    }
    let optional = !f.required || f.nullable;
    let mut serde = Vec::new();
    let spelled = if camel {
        serde_camel_case_field(&f.name)
    } else {
        f.name.clone()
    };
    if spelled != f.wire_name {
        let wire = &f.wire_name;
        serde.push(quote!(rename = #wire));
    }
    // A missing `Option` is `None` anyway, except through a custom deserializer.
    let custom = matches!(
        f.ty,
        TypeRef::DateTime
            | TypeRef::DateTimeRfc1123
            | TypeRef::Base64
            | TypeRef::Base64Url
            | TypeRef::Duration
            | TypeRef::Date
    ) || wire_format_path(&f.ty, "crate::runtime").is_some();
    if optional && custom {
        serde.push(quote!(default));
    }
    if f.read_only {
        // Set by the service only: a model read from one call and sent back must not carry it
        // (it still serializes outside request bodies, so values round-trip).
        let skip = if optional {
            "crate::runtime::read_only_or_none"
        } else {
            "crate::runtime::read_only"
        };
        serde.push(quote!(skip_serializing_if = #skip));
    } else if !f.required {
        serde.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    match (&f.ty, optional) {
        (TypeRef::DateTime, false) => serde.push(quote!(with = "crate::runtime::rfc3339")),
        (TypeRef::DateTime, true) => serde.push(quote!(with = "crate::runtime::rfc3339::option")),
        (TypeRef::Base64, false) => serde.push(quote!(with = "crate::runtime::base64")),
        (TypeRef::Base64, true) => serde.push(quote!(with = "crate::runtime::base64::option")),
        (TypeRef::Base64Url, false) => serde.push(quote!(with = "crate::runtime::base64::url")),
        (TypeRef::Base64Url, true) => serde.push(quote!(with = "crate::runtime::base64::url::option")),
        (TypeRef::Duration, false) => serde.push(quote!(with = "crate::runtime::duration")),
        (TypeRef::Duration, true) => serde.push(quote!(with = "crate::runtime::duration::option")),
        (TypeRef::Date, false) => serde.push(quote!(with = "crate::runtime::date")),
        (TypeRef::Date, true) => serde.push(quote!(with = "crate::runtime::date::option")),
        (TypeRef::DateTimeRfc1123, false) => serde.push(quote!(with = "crate::runtime::rfc1123")),
        (TypeRef::DateTimeRfc1123, true) => serde.push(quote!(with = "crate::runtime::rfc1123::option")),
        // Arrays and maps of such values go through the runtime's composable wire formats.
        (ty, optional) => {
            if let Some(format) = wire_format_path(ty, "crate::runtime") {
                let format = if optional {
                    format!("crate::runtime::OptionFormat<{format}>")
                } else {
                    format
                };
                let serialize = format!("crate::runtime::serialize_as::<_, {format}, _>");
                let deserialize = format!("crate::runtime::deserialize_as::<_, {format}, _>");
                serde.push(quote!(serialize_with = #serialize, deserialize_with = #deserialize));
            }
        }
    }
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    let ty = if optional { quote!(Option<#ty>) } else { ty };
    Ok(quote! {
        #docs
        #serde
        pub #name: #ty,
    })
}

/// The named types grouped so that two types are in one group when each holds the other inline
/// (not behind a Vec or map), directly or through other types: the strongly connected components
/// of the "holds inline" graph, found once for the whole model (Tarjan's algorithm, with an explicit
/// stack: the graph can be a chain thousands of types long).
struct InlineGroups<'m> {
    model: &'m CodeModel,
    group: HashMap<&'m str, usize>,
}

impl<'m> InlineGroups<'m> {
    fn new(model: &'m CodeModel) -> Self {
        let named = |ty: &'m TypeRef| match ty {
            TypeRef::Named(id) => Some(model.type_position(*id)),
            _ => None,
        };
        let edges: Vec<Vec<usize>> = model
            .schemas
            .iter()
            .map(|s| match &s.kind {
                SchemaKind::Struct { fields } => fields.iter().filter_map(|f| named(&f.ty)).collect(),
                SchemaKind::Alias(ty) => named(ty).into_iter().collect(),
                SchemaKind::Union { variants, .. } => variants.iter().map(|v| model.type_position(v.ty)).collect(),
                _ => Vec::new(),
            })
            .collect();
        const UNSEEN: usize = usize::MAX;
        let n = edges.len();
        let (mut order, mut low, mut group) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
        let (mut next, mut groups) = (0, 0);
        let mut open: Vec<usize> = Vec::new();
        for root in 0..n {
            if order[root] != UNSEEN {
                continue;
            }
            let mut calls = vec![(root, 0)];
            (order[root], low[root]) = (next, next);
            next += 1;
            open.push(root);
            while let Some((v, edge)) = calls.last_mut() {
                let v = *v;
                if let Some(&w) = edges[v].get(*edge) {
                    *edge += 1;
                    if order[w] == UNSEEN {
                        (order[w], low[w]) = (next, next);
                        next += 1;
                        open.push(w);
                        calls.push((w, 0));
                    } else if group[w] == UNSEEN {
                        low[v] = low[v].min(order[w]);
                    }
                    continue;
                }
                calls.pop();
                if let Some(&(parent, _)) = calls.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == order[v] {
                    while let Some(w) = open.pop() {
                        group[w] = groups;
                        if w == v {
                            break;
                        }
                    }
                    groups += 1;
                }
            }
        }
        let group = model
            .schemas
            .iter()
            .zip(group)
            .map(|(s, g)| (s.name.as_str(), g))
            .collect();
        InlineGroups { model, group }
    }

    /// Whether a value of `ty` holds a `target` struct inline (not behind a Vec or map), for `ty`
    /// the type of a field of `target`.
    fn contains_directly(&self, ty: &TypeRef, target: &str) -> bool {
        let TypeRef::Named(id) = ty else { return false };
        let name = self.model.type_name(*id);
        name == target || matches!((self.group.get(name), self.group.get(target)), (Some(a), Some(b)) if a == b)
    }
}

/// An integer enum: variants with `value()`; serde goes through the integer.
fn integer_enumeration(name: &proc_macro2::Ident, docs: &TokenStream, e: &EnumDef) -> TokenStream {
    let variants: Vec<_> = e.values.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<TokenStream> = e
        .values
        .iter()
        .map(|v| v.value.parse().unwrap_or_else(|_| quote!(0)))
        .collect();
    let variant_docs: Vec<_> = e.values.iter().map(|v| doc_attrs(&v.docs)).collect();
    if e.extensible {
        quote! {
            #docs
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum #name {
                #( #variant_docs #variants, )*
                /// A value this version of the client does not know; kept as sent.
                UnknownValue(i64),
            }

            impl #name {
                /// The value on the wire.
                pub fn value(&self) -> i64 {
                    match self {
                        #( Self::#variants => #values, )*
                        Self::UnknownValue(value) => *value,
                    }
                }
            }

            impl From<i64> for #name {
                fn from(value: i64) -> Self {
                    match value {
                        #( #values => Self::#variants, )*
                        other => Self::UnknownValue(other),
                    }
                }
            }

            crate::runtime::extensible_int_enum!(#name);
        }
    } else {
        quote! {
            #docs
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum #name {
                #( #variant_docs #variants, )*
            }

            impl #name {
                /// The value on the wire.
                pub fn value(&self) -> i64 {
                    match self {
                        #( Self::#variants => #values, )*
                    }
                }

                /// The variant for a value on the wire.
                pub fn from_value(value: i64) -> Option<Self> {
                    match value {
                        #( #values => Some(Self::#variants), )*
                        _ => None,
                    }
                }
            }

            crate::runtime::closed_int_enum!(#name);
        }
    }
}

/// A string enum; it derives `Default` as [`EnumDef::default`] when the model gives one.
fn enumeration(name: &proc_macro2::Ident, docs: &TokenStream, e: &EnumDef) -> TokenStream {
    let default = e.default.as_deref();
    if e.integer {
        return integer_enumeration(name, docs, e);
    }
    let variants: Vec<_> = e.values.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<&String> = e.values.iter().map(|v| &v.value).collect();
    let derive_default = default.map(|_| quote!(Default,));
    let variant_docs: Vec<_> = e
        .values
        .iter()
        .map(|v| {
            let docs = doc_attrs(&v.docs);
            let marker = (default == Some(v.value.as_str())).then(|| quote!(#[default]));
            quote!(#docs #marker)
        })
        .collect();
    if e.extensible {
        // An enum whose values are all unknown (none listed) needs no match.
        let from_body = if e.values.is_empty() {
            quote!(Self::UnknownValue(value.to_string()))
        } else {
            quote! {
                match value {
                    #( #values => Self::#variants, )*
                    other => Self::UnknownValue(other.to_string()),
                }
            }
        };
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, Eq, Hash, #derive_default)]
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
                    #from_body
                }
            }

            crate::runtime::extensible_enum!(#name);
        }
    } else {
        // The `rename_all` rule that leaves the fewest variants to rename one by one.
        let renames_under = |rule: &str| {
            e.values
                .iter()
                .filter(|v| serde_variant_case(rule, &v.name) != v.value)
                .count()
        };
        let rules = [
            "camelCase",
            "lowercase",
            "snake_case",
            "SCREAMING_SNAKE_CASE",
            "kebab-case",
            "UPPERCASE",
        ];
        let best = rules
            .into_iter()
            .min_by_key(|rule| renames_under(rule))
            .unwrap_or("PascalCase");
        // Free when it spares a rename: it joins the container attribute.
        let rule = if renames_under(best) < renames_under("PascalCase") {
            best
        } else {
            "PascalCase"
        };
        let container = serde_container((rule != "PascalCase").then_some(rule));
        let renames = e.values.iter().map(|v| {
            (serde_variant_case(rule, &v.name) != v.value).then(|| {
                let value = &v.value;
                quote!(#[serde(rename = #value)])
            })
        });
        quote! {
            #docs
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, #derive_default Serialize, Deserialize)]
            #container
            pub enum #name {
                #( #variant_docs #renames #variants, )*
            }

            crate::runtime::closed_enum!(#name);
        }
    }
}
