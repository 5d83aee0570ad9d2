//! Decisions that follow from the built model, made here so the emitter only spells them out:
//! how each parameter reaches a method (positional, defaulted option, plain option) and the
//! default it sends, what a call returns, the error type a group's calls share, and which query
//! value rides on next-page links, and which optional runtime features the crate needs.

use serde_json::Value;

use super::{
    BodyKind, CodeModel, Location, Method, Operation, OperationGroup, OperationKind, Parameter, Pattern, PatternEngine,
    SchemaKind, TypeId, TypeRef, XmlRoot,
};

/// An optional feature of the runtime that generated code uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RuntimeFeature {
    /// `ecma-regex`: patterns the plain engine cannot run ([`PatternEngine::Full`]).
    EcmaRegex,
    /// `xml`: XML bodies.
    Xml,
}

impl RuntimeFeature {
    /// The Cargo feature's name (of the runtime crate, and of a crate that embeds the runtime).
    pub fn name(self) -> &'static str {
        match self {
            RuntimeFeature::EcmaRegex => "ecma-regex",
            RuntimeFeature::Xml => "xml",
        }
    }
}

impl Parameter {
    /// The pattern a call checks this parameter against before sending (text parameters only).
    pub fn checked_pattern(&self) -> Option<&Pattern> {
        self.constraints.pattern.as_ref().filter(|_| self.ty == TypeRef::String)
    }
}

/// How a method parameter reaches the operation's method.
#[derive(Debug, Clone, PartialEq)]
pub enum Presence<'m> {
    /// A positional argument.
    Required,
    /// A field of the options; when the caller leaves it `None` the client sends this default,
    /// as AutoRest's clients do (and as some services check).
    Defaulted(DefaultValue<'m>),
    /// A field of the options; nothing is sent when it is `None`.
    Optional,
}

/// A spec default the client can send, as a value of the parameter's type.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue<'m> {
    String(&'m str),
    Bool(bool),
    Integer(i64),
    Float(f64),
    /// A listed value of the enum `ty`: its variant.
    EnumVariant {
        ty: &'m str,
        variant: &'m str,
    },
    /// A value the extensible string enum `ty` does not list.
    EnumUnknown {
        ty: &'m str,
        value: &'m str,
    },
    /// A value the extensible integer enum `ty` does not list.
    EnumUnknownInteger {
        ty: &'m str,
        value: i64,
    },
    /// The type's own `Default`: an enum whose optional parameters all default to one value
    /// derives `Default` as that value ([`super::EnumDef::default`]).
    TypeDefault,
}

/// What an operation's successful call returns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ResponseKind<'m> {
    /// No body.
    Empty,
    /// A HEAD that documents 404: whether the resource exists.
    Exists,
    /// JSON of one type; `optional` when a documented answer has no body or may be `null`.
    Json { ty: &'m TypeRef, optional: bool },
    /// Raw bytes.
    Binary,
    /// XML of one type, with this root element.
    Xml { ty: &'m TypeRef, root: &'m XmlRoot },
}

/// A query value that goes on next-page links too (Azure services expect `api-version` there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkQuery<'m> {
    pub wire_name: &'m str,
    pub value: LinkQueryValue<'m>,
}

/// Where a [`LinkQuery`]'s value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkQueryValue<'m> {
    /// The client parameter with this Rust name.
    ClientParameter(&'m str),
    /// A constant of the operation.
    Constant(&'m str),
}

impl CodeModel {
    /// The optional runtime features the generated code uses, in order.
    pub fn runtime_features(&self) -> Vec<RuntimeFeature> {
        let operation_params = self.operations().flat_map(|(_, op)| &op.parameters);
        let full_pattern = operation_params
            .chain(&self.client.parameters)
            .filter_map(Parameter::checked_pattern)
            .any(|p| p.engine == PatternEngine::Full);
        let mut features = Vec::new();
        if full_pattern {
            features.push(RuntimeFeature::EcmaRegex);
        }
        if self.operations().any(|(_, op)| op.has_xml_body()) {
            features.push(RuntimeFeature::Xml);
        }
        features
    }

    /// The most common error body type of the operations (ties go to the first met): the
    /// crate's `Error` alias uses it.
    pub fn crate_error(&self) -> Option<&TypeRef> {
        let mut counts: Vec<(&TypeRef, usize)> = Vec::new();
        for (_, op) in self.operations() {
            if let Some(ty) = &op.error {
                match counts.iter_mut().find(|(known, _)| *known == ty) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((ty, 1)),
                }
            }
        }
        let mut best: Option<(&TypeRef, usize)> = None;
        for (ty, n) in counts {
            if best.is_none_or(|(_, b)| n > b) {
                best = Some((ty, n));
            }
        }
        best.map(|(ty, _)| ty)
    }

    /// How `p`, a parameter of an operation, reaches its method.
    pub fn presence<'m>(&'m self, p: &'m Parameter) -> Presence<'m> {
        if p.required {
            return Presence::Required;
        }
        match p.default.as_ref().and_then(|d| self.parameter_default(&p.ty, d)) {
            Some(value) => Presence::Defaulted(value),
            None => Presence::Optional,
        }
    }

    /// The default an optional operation parameter sends: its enum's `Default` when that is the
    /// value, else the value itself.
    fn parameter_default<'m>(&'m self, ty: &'m TypeRef, value: &'m Value) -> Option<DefaultValue<'m>> {
        if let (TypeRef::Named(id), Value::String(text)) = (ty, value) {
            if let SchemaKind::Enum(e) = &self.type_def(*id).kind {
                if e.default.as_deref() == Some(text.as_str()) {
                    return Some(DefaultValue::TypeDefault);
                }
            }
        }
        self.default_value(ty, value)
    }

    /// A spec default as a value of type `ty`, when it is one.
    pub fn default_value<'m>(&'m self, ty: &'m TypeRef, value: &'m Value) -> Option<DefaultValue<'m>> {
        match (ty, value) {
            (TypeRef::String, Value::String(s)) => Some(DefaultValue::String(s)),
            (TypeRef::Bool, Value::Bool(b)) => Some(DefaultValue::Bool(*b)),
            (TypeRef::Int32, Value::Number(n)) => n
                .as_i64()
                .filter(|v| i32::try_from(*v).is_ok())
                .map(DefaultValue::Integer),
            (TypeRef::Int64, Value::Number(n)) => n.as_i64().map(DefaultValue::Integer),
            (TypeRef::Float32 | TypeRef::Float64, Value::Number(n)) => n.as_f64().map(DefaultValue::Float),
            (TypeRef::Named(id), Value::String(_) | Value::Number(_)) => {
                let def = self.type_def(*id);
                let SchemaKind::Enum(e) = &def.kind else { return None };
                let text = match value {
                    Value::String(s) if !e.integer => s.clone(),
                    Value::Number(n) if e.integer => n.to_string(),
                    _ => return None,
                };
                match e.values.iter().find(|v| v.value == text) {
                    Some(v) => Some(DefaultValue::EnumVariant {
                        ty: &def.name,
                        variant: &v.name,
                    }),
                    None if e.extensible && e.integer => Some(DefaultValue::EnumUnknownInteger {
                        ty: &def.name,
                        value: text.parse().ok()?,
                    }),
                    None if e.extensible => Some(DefaultValue::EnumUnknown {
                        ty: &def.name,
                        value: value.as_str()?,
                    }),
                    None => None,
                }
            }
            _ => None,
        }
    }

    /// The query value an operation's next-page links carry: the client's `api-version`, or
    /// the operation's constant one.
    pub fn next_link_query<'m>(&'m self, op: &'m Operation) -> Option<LinkQuery<'m>> {
        let is_api_version =
            |location: &Location, wire: &str| *location == Location::Query && wire.eq_ignore_ascii_case("api-version");
        self.client_parameters_of(op)
            .find(|p| is_api_version(&p.location, &p.wire_name))
            .map(|p| LinkQuery {
                wire_name: &p.wire_name,
                value: LinkQueryValue::ClientParameter(&p.name),
            })
            .or_else(|| {
                op.constants
                    .iter()
                    .find(|c| is_api_version(&c.location, &c.wire_name))
                    .map(|c| LinkQuery {
                        wire_name: &c.wire_name,
                        value: LinkQueryValue::Constant(&c.value),
                    })
            })
    }
}

impl Operation {
    /// Whether a request or response body is XML.
    pub fn has_xml_body(&self) -> bool {
        self.body.as_ref().is_some_and(|b| matches!(b.kind, BodyKind::Xml(_)))
            || self.responses.iter().any(|r| r.xml.is_some())
    }

    /// What the success responses return, taken together.
    pub fn response_kind(&self) -> ResponseKind<'_> {
        let bodies: Vec<&TypeRef> = self.responses.iter().filter_map(|r| r.body.as_ref()).collect();
        // A pageable long-running operation's value is its final page: the answers without a
        // body (202 and the like) only start it.
        let interim_without_body = matches!(self.kind, OperationKind::PagedLongRunning { .. });
        let optional =
            (bodies.len() < self.responses.len() && !interim_without_body) || self.responses.iter().any(|r| r.nullable);
        match bodies.first() {
            None if self.method == Method::Head && self.responses.iter().any(|r| r.status == 404) => {
                ResponseKind::Exists
            }
            None => ResponseKind::Empty,
            Some(TypeRef::Binary) => ResponseKind::Binary,
            Some(first) if bodies.iter().all(|b| b == first) => {
                match self.responses.iter().find_map(|r| r.xml.as_ref()) {
                    Some(root) => ResponseKind::Xml { ty: first, root },
                    None => ResponseKind::Json { ty: first, optional },
                }
            }
            Some(_) => ResponseKind::Json {
                ty: &TypeRef::Any,
                optional,
            },
        }
    }

    /// The type of its error responses' bodies: the spec's error model, or any JSON.
    pub fn error_type(&self) -> &TypeRef {
        self.error.as_ref().unwrap_or(&TypeRef::Any)
    }
}

impl OperationGroup {
    /// The error type most of the group's operations share (the first of the most common, so
    /// that nothing but the spec decides); `None` for a group without operations.
    pub fn shared_error(&self) -> Option<&TypeRef> {
        let mut counts: Vec<(&TypeRef, usize)> = Vec::new();
        for op in &self.operations {
            let ty = op.error_type();
            match counts.iter_mut().find(|(known, _)| *known == ty) {
                Some(entry) => entry.1 += 1,
                None => counts.push((ty, 1)),
            }
        }
        let best = counts.iter().map(|(_, n)| *n).max()?;
        counts.into_iter().find(|(_, n)| *n == best).map(|(ty, _)| ty)
    }
}

/// The string enums whose optional operation parameters all have one spec default, which is one
/// of their values, with that value: the enum's `Default`.
pub(super) fn enum_defaults(model: &CodeModel) -> Vec<(TypeId, String)> {
    let mut seen: std::collections::BTreeMap<TypeId, Option<&str>> = std::collections::BTreeMap::new();
    for (_, op) in model.operations() {
        for p in op.parameters.iter().filter(|p| !p.required) {
            let TypeRef::Named(id) = &p.ty else { continue };
            let default = p.default.as_ref().and_then(|d| d.as_str());
            let entry = seen.entry(*id).or_insert(default);
            if *entry != default {
                *entry = None;
            }
        }
    }
    seen.into_iter()
        .filter_map(|(name, default)| Some((name, default?)))
        .filter(|(id, default)| {
            matches!(&model.type_def(*id).kind, SchemaKind::Enum(e)
                if !e.integer && e.values.iter().any(|v| v.value == *default))
        })
        .map(|(id, default)| (id, default.to_string()))
        .collect()
}
