//! Plain-text views of the generated API for reviewers: the public API listing (every operation's
//! signature and every model's fields) and the rename report.

use std::fmt::Write;

use crate::model::{Auth, BodyKind, CodeModel, Location, SchemaKind, TypeRef};

/// How a type reads in the listing (the Rust type, without module paths).
fn type_name(model: &CodeModel, ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Base64 => "Vec<u8> (base64)".into(),
        TypeRef::Base64Url => "Vec<u8> (base64url)".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::Int32 => "i32".into(),
        TypeRef::Int64 => "i64".into(),
        TypeRef::Float32 => "f64 (float)".into(),
        TypeRef::Float64 => "f64".into(),
        TypeRef::Uuid => "Uuid".into(),
        TypeRef::DateTime | TypeRef::DateTimeRfc1123 => "OffsetDateTime".into(),
        TypeRef::Date => "Date".into(),
        TypeRef::Duration => "Duration".into(),
        TypeRef::Binary => "Bytes".into(),
        TypeRef::Any => "serde_json::Value".into(),
        TypeRef::Named(id) => model.type_name(*id).to_string(),
        TypeRef::Array(t) => format!("Vec<{}>", type_name(model, t)),
        TypeRef::Map(t) => format!("BTreeMap<String, {}>", type_name(model, t)),
        TypeRef::Nullable(t) => format!("Option<{}>", type_name(model, t)),
    }
}

/// Constraints as the spec spells them, e.g. ` maxLength=64 pattern=^[a-z]+$`.
fn constraints(c: &crate::model::Constraints) -> String {
    let mut out = String::new();
    let mut add = |name: &str, value: Option<String>| {
        if let Some(v) = value {
            let _ = write!(out, " {name}={v}");
        }
    };
    add("maxLength", c.max_length.map(|v| v.to_string()));
    add("minLength", c.min_length.map(|v| v.to_string()));
    add("pattern", c.pattern.as_ref().map(|p| p.source.clone()));
    add(
        if c.exclusive_maximum {
            "exclusiveMaximum"
        } else {
            "maximum"
        },
        c.maximum.map(|v| v.to_string()),
    );
    add(
        if c.exclusive_minimum {
            "exclusiveMinimum"
        } else {
            "minimum"
        },
        c.minimum.map(|v| v.to_string()),
    );
    add("multipleOf", c.multiple_of.map(|v| v.to_string()));
    add("maxItems", c.max_items.map(|v| v.to_string()));
    add("minItems", c.min_items.map(|v| v.to_string()));
    add("uniqueItems", c.unique_items.then(|| "true".to_string()));
    out
}

/// Paging and long-running markers of an operation.
fn traits(op: &crate::model::Operation) -> String {
    let mut out = String::new();
    if let Some(p) = op.kind.paging() {
        let next = p.next_link_field.as_deref().unwrap_or("none");
        let _ = write!(out, ", pageable ({} items, next link {next})", p.items_field);
    }
    if let Some(lro) = op.kind.long_running() {
        let _ = write!(
            out,
            ", long-running (final state via {})",
            lro.final_state_via.map_or("default", |via| via.as_str())
        );
    }
    out
}

/// Every operation's signature and every model's fields, one per line.
pub fn api_listing(model: &CodeModel) -> String {
    let mut out = String::new();
    let client_args: Vec<String> = model
        .client
        .parameters
        .iter()
        .filter(|p| p.required && p.default.is_none())
        .map(|p| format!("{}: {}", p.name, type_name(model, &p.ty)))
        .collect();
    // One constructor per kind of credential, the first scheme's being `new` (as emitted).
    let mut kinds: Vec<(&str, String, String)> = Vec::new();
    for auth in &model.client.auth {
        let (kind, arg, note) = match auth {
            Auth::ApiKeyHeader { .. } | Auth::ApiKeyQuery { .. } => ("api_key", "api_key: ApiKey", String::new()),
            Auth::Bearer { scopes } => (
                "token_credential",
                "credential: TokenCredential",
                format!(", scopes {}", scopes.join(" ")),
            ),
        };
        if !kinds.iter().any(|(k, _, _)| *k == kind) {
            kinds.push((kind, arg.to_string(), note));
        }
    }
    if kinds.is_empty() {
        kinds.push(("", String::new(), String::new()));
    }
    for (i, (kind, arg, note)) in kinds.iter().enumerate() {
        let name = match i {
            0 => "new".to_string(),
            _ => format!("with_{kind}"),
        };
        let args: Vec<&str> = client_args
            .iter()
            .map(String::as_str)
            .chain(Some(arg.as_str()).filter(|a| !a.is_empty()))
            .collect();
        let _ = writeln!(
            out,
            "Client::{name}({}) // base URL {}{note}",
            args.join(", "),
            model.client.host_template
        );
    }
    for group in &model.groups {
        let owner = match &group.name {
            Some(names) => {
                let _ = writeln!(out, "Client::{}() -> {}", names.accessor, names.type_name);
                names.type_name.clone()
            }
            None => "Client".into(),
        };
        for op in &group.operations {
            let required: Vec<String> = op
                .parameters
                .iter()
                .filter(|p| p.required)
                .map(|p| format!("{}: {}", p.name, type_name(model, &p.ty)))
                .collect();
            let optional: Vec<String> = op
                .parameters
                .iter()
                .filter(|p| !p.required)
                .map(|p| match &p.default {
                    Some(d) => format!(".{}({}) = {d}", p.name, type_name(model, &p.ty)),
                    None => format!(".{}({})", p.name, type_name(model, &p.ty)),
                })
                .collect();
            let statuses: Vec<String> = op.responses.iter().map(|r| r.status.to_string()).collect();
            let body = op
                .responses
                .iter()
                .find_map(|r| r.body.as_ref())
                .map_or("()".to_string(), |ty| type_name(model, ty));
            let headers: Vec<String> = op
                .responses
                .iter()
                .flat_map(|r| &r.headers)
                .map(|h| format!("{}: {}", h.name, type_name(model, &h.ty)))
                .collect();
            let headers = match &op.headers_type {
                Some(type_name) => format!(" + {type_name} {{ {} }}", headers.join(", ")),
                None => String::new(),
            };
            let error = op
                .error
                .as_ref()
                .map_or("serde_json::Value".to_string(), |ty| type_name(model, ty));
            let _ = writeln!(
                out,
                "  {owner}::{}({}){} -> {}{} ! Error<{}> // {} {} -> {}{}{}",
                op.name,
                required.join(", "),
                if optional.is_empty() {
                    String::new()
                } else {
                    format!(" {}", optional.join(" "))
                },
                body,
                headers,
                error,
                op.method.as_str(),
                op.path,
                statuses.join("|"),
                match &op.body {
                    Some(b) if matches!(b.kind, BodyKind::Flattened { .. }) =>
                        format!(", flattened {} body", b.content_type),
                    Some(b) => format!(", {} body", b.content_type),
                    None => String::new(),
                },
                traits(op),
            );
            for p in &op.parameters {
                let place = match &p.location {
                    Location::Path => format!("path {{{}}}", p.wire_name),
                    Location::Query => format!("query {}", p.wire_name),
                    Location::Header => format!("header {}", p.wire_name),
                    Location::HeaderCollection { prefix } => format!("headers {prefix}*"),
                    Location::BodyProperty { .. } => format!("body .{}", p.wire_name),
                    Location::Body => "body".to_string(),
                    Location::FormField => format!("form {}", p.wire_name),
                };
                let format = p
                    .collection_format
                    .map(|f| format!(" {f:?}").to_lowercase())
                    .unwrap_or_default();
                let constraints = constraints(&p.constraints);
                let _ = writeln!(out, "    {} <- {place}{format}{constraints}", p.name);
            }
        }
    }
    let xml_types: Vec<&str> = model.xml_types().into_iter().map(|id| model.type_name(id)).collect();
    for def in &model.schemas {
        match &def.kind {
            SchemaKind::Struct { fields } => {
                let _ = writeln!(out, "struct {} // {}", def.name, def.spec_name);
                let xml = xml_types.contains(&def.name.as_str());
                for f in fields {
                    let optional = if f.required && !f.nullable { "" } else { "?" };
                    let shape = if xml { xml_shape(model, f) } else { String::new() };
                    let _ = writeln!(
                        out,
                        "  {}{optional}: {} // \"{}\"{shape}",
                        f.name,
                        type_name(model, &f.ty),
                        f.wire_name
                    );
                }
            }
            SchemaKind::Enum(e) => {
                let kind = if e.extensible { "extensible" } else { "closed" };
                let values: Vec<String> = e
                    .values
                    .iter()
                    .map(|v| format!("{} = \"{}\"", v.name, v.value))
                    .collect();
                let _ = writeln!(out, "enum {} ({kind}) {{ {} }}", def.name, values.join(", "));
            }
            SchemaKind::Union {
                discriminator,
                variants,
            } => {
                let kinds: Vec<String> = variants
                    .iter()
                    .map(|v| format!("{}({}) = \"{}\"", v.name, model.type_name(v.ty), v.value))
                    .collect();
                let _ = writeln!(
                    out,
                    "union {} by \"{discriminator}\" {{ {} }}",
                    def.name,
                    kinds.join(", ")
                );
            }
            SchemaKind::Alias(ty) => {
                let _ = writeln!(out, "type {} = {}", def.name, type_name(model, ty));
            }
        }
    }
    out
}

/// A field's XML form, as the listing shows it: ` xml @name`, ` xml <name>`, ` xml text`, ...
fn xml_shape(model: &CodeModel, f: &crate::model::Field) -> String {
    use crate::model::XmlShape;
    match model.xml_shape(f) {
        XmlShape::Attribute(name) => format!(" xml @{name}"),
        XmlShape::Text => " xml text".to_string(),
        XmlShape::Element(name) => format!(" xml <{name}>"),
        XmlShape::List { item } => format!(" xml <{item}>*"),
        XmlShape::Wrapped { name, item } => format!(" xml <{name}><{item}>*"),
        XmlShape::Map(name) => format!(" xml <{name}><key>*"),
        XmlShape::Skipped => " xml none".to_string(),
    }
}

/// `RENAMES.md`: every generated name that is not the plain casing of the spec's name.
pub fn rename_report(model: &CodeModel, spec_name: &str) -> String {
    let mut out =
        format!("# Renames\n\nNames in this crate that differ from a plain casing of the names in `{spec_name}`.\n\n");
    if model.renames.is_empty() {
        out.push_str("None.\n");
        return out;
    }
    out.push_str("| where | in the spec | in Rust | why |\n|---|---|---|---|\n");
    for r in &model.renames {
        let _ = writeln!(
            out,
            "| {} | `{}` | `{}` | {} |",
            r.scope.replace('|', "\\|"),
            r.spec_name.replace('|', "\\|").replace('`', "'"),
            r.rust_name,
            r.reason
        );
    }
    out
}
