//! XML decisions: which types have an XML form, the element or attribute each field is, and the
//! names of elements, taken from the spec's `xml` objects as AutoRest takes them.
//!
//! A field's name in XML is its property's `xml.name`, else the wire name; a field whose type is
//! a model with an `xml.name` and that has no `xml.name` of its own takes the model's. A list is
//! one element per item: unwrapped, named by the items' `xml.name`, else the property's, else
//! the item model's, else the wire name; `wrapped`, inside an element of the property's name and
//! named by the items' `xml.name`, else the item model's element name. A model's own element
//! (as a body's root, or a wrapped list's items) is its `xml.name`, else its definition's name.

use std::collections::BTreeSet;

use super::{CodeModel, Field, SchemaKind, TypeId, TypeRef, Xml};

/// What a field is in its model's element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlShape {
    /// An attribute of this name.
    Attribute(String),
    /// The element's text (`x-ms-text`).
    Text,
    /// A child element of this name.
    Element(String),
    /// One child element of this name per item.
    List { item: String },
    /// A child element `name` holding one element `item` per item.
    Wrapped { name: String, item: String },
    /// A child element of this name holding one element per entry, named by its key.
    Map(String),
    /// Not in XML (`additionalProperties` entries, lists of lists).
    Skipped,
}

/// `prefix:name` when the `xml` object gives a prefix.
fn qualified(name: String, xml: Option<&Xml>) -> String {
    match xml.and_then(|x| x.prefix.as_deref()) {
        Some(prefix) => format!("{prefix}:{name}"),
        None => name,
    }
}

/// An element's name from its `xml` object: its `name`, else `fallback`, with the prefix.
pub(super) fn element_name(xml: Option<&Xml>, fallback: impl FnOnce() -> String) -> String {
    qualified(xml.and_then(|x| x.name.clone()).unwrap_or_else(fallback), xml)
}

impl CodeModel {
    /// `ty` with aliases followed to the type they name.
    pub fn resolve_alias<'m>(&'m self, mut ty: &'m TypeRef) -> &'m TypeRef {
        while let TypeRef::Named(id) = ty {
            match &self.type_def(*id).kind {
                SchemaKind::Alias(target) => ty = target,
                _ => break,
            }
        }
        ty
    }

    /// Whether `id` is a model (a struct), the types with an XML form of their own.
    pub fn is_xml_model(&self, id: TypeId) -> bool {
        matches!(self.type_def(id).kind, SchemaKind::Struct { .. })
    }

    /// A model's own element name: its `xml.name`, else its definition's name.
    pub fn xml_type_name(&self, id: TypeId) -> String {
        element_name(self.type_xml.get(&id), || self.type_def(id).spec_name.clone())
    }

    /// The namespace a model's element declares: `(prefix, uri)`.
    pub fn xml_type_namespace(&self, id: TypeId) -> Option<(Option<&str>, &str)> {
        let xml = self.type_xml.get(&id)?;
        Some((xml.prefix.as_deref(), xml.namespace.as_deref()?))
    }

    /// What `field` is in its model's element.
    pub fn xml_shape(&self, field: &Field) -> XmlShape {
        if field.additional {
            return XmlShape::Skipped;
        }
        let own = field.xml.property.as_ref();
        let own_name = own.and_then(|x| x.name.clone());
        let name = || element_name(own, || field.wire_name.clone());
        if own.is_some_and(|x| x.attribute) {
            return XmlShape::Attribute(name());
        }
        if own.is_some_and(|x| x.text) {
            return XmlShape::Text;
        }
        if !self.has_xml_form(&field.ty) {
            return XmlShape::Skipped;
        }
        match self.resolve_alias(&field.ty) {
            TypeRef::Array(item) => {
                let item = self.resolve_alias(item);
                let items_xml = field.xml.items.as_ref();
                let item_name = items_xml.and_then(|x| x.name.clone()).map(|n| qualified(n, items_xml));
                let model = match item {
                    TypeRef::Named(id) if self.is_xml_model(*id) => Some(*id),
                    _ => None,
                };
                if own.is_some_and(|x| x.wrapped) {
                    // Inside the wrapper, items are named as themselves: the model's element.
                    let model_name = model.map(|id| self.xml_type_name(id));
                    let item = item_name.or(model_name).unwrap_or_else(name);
                    XmlShape::Wrapped { name: name(), item }
                } else {
                    // Side by side with the other fields, items take the property's `xml.name`
                    // before the model's (msrest reads them so).
                    let model_name = model.filter(|id| self.type_xml.get(id).is_some_and(|x| x.name.is_some()));
                    let item = item_name
                        .or_else(|| own_name.is_some().then(name))
                        .or_else(|| model_name.map(|id| self.xml_type_name(id)))
                        .unwrap_or_else(name);
                    XmlShape::List { item }
                }
            }
            TypeRef::Map(_) => XmlShape::Map(name()),
            TypeRef::Named(id) if own_name.is_none() && self.is_xml_model(*id) && self.type_xml.contains_key(id) => {
                XmlShape::Element(self.xml_type_name(*id))
            }
            _ => XmlShape::Element(name()),
        }
    }

    /// Whether values of `ty` can be written in XML: text values, models, and lists and maps of
    /// them (not lists of lists, polymorphic types or untyped JSON).
    pub fn has_xml_form(&self, ty: &TypeRef) -> bool {
        let scalar_or_model = |ty: &TypeRef| match self.resolve_alias(ty) {
            TypeRef::Named(id) => !matches!(self.type_def(*id).kind, SchemaKind::Union { .. }),
            TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Any | TypeRef::Binary => false,
            TypeRef::Nullable(_) => false,
            _ => true,
        };
        match self.resolve_alias(ty) {
            TypeRef::Array(item) | TypeRef::Map(item) => scalar_or_model(item),
            other => scalar_or_model(other),
        }
    }

    /// The models an XML body holds, directly or through other models, lists and maps.
    pub fn xml_types(&self) -> BTreeSet<TypeId> {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&TypeRef> = Vec::new();
        for (_, op) in self.operations() {
            if let Some(body) = &op.body {
                if matches!(body.kind, super::BodyKind::Xml(_)) {
                    let param = op.parameters.iter().find(|p| p.location == super::Location::Body);
                    todo.extend(param.map(|p| &p.ty));
                }
            }
            todo.extend(
                op.responses
                    .iter()
                    .filter(|r| r.xml.is_some())
                    .filter_map(|r| r.body.as_ref()),
            );
        }
        while let Some(ty) = todo.pop() {
            match ty {
                TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => todo.push(inner),
                TypeRef::Named(id) => {
                    if !seen.insert(*id) {
                        continue;
                    }
                    match &self.type_def(*id).kind {
                        SchemaKind::Struct { fields } => todo.extend(fields.iter().map(|f| &f.ty)),
                        SchemaKind::Alias(target) => todo.push(target),
                        SchemaKind::Union { variants, .. } => {
                            let _ = variants;
                        }
                        SchemaKind::Enum(_) => {}
                    }
                }
                _ => {}
            }
        }
        seen.retain(|id| self.is_xml_model(*id));
        seen
    }

    /// XML services leave out elements their spec calls required (Storage does): the fields of
    /// models an XML body holds are read as optional.
    pub(super) fn read_xml_leniently(&mut self) {
        for id in self.xml_types() {
            let position = self.type_position(id);
            if let SchemaKind::Struct { fields } = &mut self.schemas[position].kind {
                for field in fields {
                    field.required = false;
                }
            }
        }
    }
}
