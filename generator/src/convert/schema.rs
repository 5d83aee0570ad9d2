//! Swagger 2.0 schemas (and the schema-like parameter, header and items objects) to OpenAPI 3.0
//! schemas.
//!
//! Conversion goes Swagger JSON -> OpenAPI 3 JSON -> `openapiv3::Schema`: the last step is
//! openapiv3's own deserializer, so a converted Swagger schema gets exactly the `SchemaKind` the
//! same schema written in an OpenAPI 3 document would get (e.g. an object with `allOf` and
//! `properties` is `SchemaKind::Any`, an integer enum is `Type::Integer` with its values). Every
//! known key is validated on the way, so that last step cannot fail on converted input.

use openapiv3::{ReferenceOr, Schema};
use serde_json::{json, Map, Value};

use super::json::{is_local, Cx, Obj};
use super::source_map::Path;
use crate::diagnostic::{join, Result};

/// Which Swagger object a schema is built from; decides which keys belong to the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    /// A Swagger Schema Object (definitions, body parameters, responses): every key.
    Schema,
    /// A non-body parameter or a response header: only the value keys. The object's own
    /// `description` and `x-*` extensions stay on the parameter/header, except `x-ms-enum` and
    /// `x-nullable`, which describe the value and are copied to the schema too.
    Parameter,
    /// A formData parameter turned into a property of the form schema: value keys, `description`
    /// and every extension.
    FormField,
    /// The `items` of a parameter, header or form field: value keys and every extension.
    Items,
}

/// The keys of a Swagger Items Object (the schema-like part of parameters and headers).
const VALUE_KEYS: &[&str] = &[
    "type",
    "format",
    "items",
    "collectionFormat",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

/// The values Swagger 2.0 allows for `type`.
const TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "object", "file"];

impl Flavor {
    fn keeps(self, key: &str) -> bool {
        let value_key = VALUE_KEYS.contains(&key);
        match self {
            Flavor::Schema => true,
            // The parameter's own `x-ms-collection-format` and style carry `collectionFormat`.
            Flavor::Parameter => (value_key && key != "collectionFormat") || key == "x-ms-enum" || key == "x-nullable",
            Flavor::FormField => value_key || key == "description" || key.starts_with("x-"),
            // Swagger forbids `$ref` in items objects, but specs use it and it is unambiguous.
            Flavor::Items => value_key || key == "$ref" || key.starts_with("x-"),
        }
    }

    /// The flavor of nested `items`.
    fn nested(self) -> Flavor {
        match self {
            Flavor::Schema => Flavor::Schema,
            _ => Flavor::Items,
        }
    }
}

/// Converts the Swagger schema-like object `value` found at `pointer`, to be placed at `at` of the
/// OpenAPI 3 document (whose caller records that `at` came from `pointer`, when it does not follow
/// from an ancestor; nodes inside the schema that part ways with the Swagger ones are recorded
/// here).
pub(crate) fn convert(
    cx: Cx<'_>,
    value: &Value,
    pointer: &str,
    at: &Path<'_>,
    flavor: Flavor,
) -> Result<ReferenceOr<Schema>> {
    let obj = cx.object(value, pointer)?;
    convert_object(&obj, at, flavor)
}

/// Converts a Swagger schema-like object already viewed as an [`Obj`] (e.g. a parameter).
pub(crate) fn convert_object(obj: &Obj<'_>, at: &Path<'_>, flavor: Flavor) -> Result<ReferenceOr<Schema>> {
    typed(obj.cx, object_json(obj, at, flavor)?, &obj.pointer)
}

/// The deepest a converted schema may nest, in JSON levels below the schema itself. openapiv3's
/// deserializer goes through several stack frames per level and copies each subtree while it tries
/// the variants of its untagged enums, so deep schemas cost stack and time out of proportion; real
/// specs nest about ten levels. At this depth the whole pipeline runs in 2 MiB of stack (a test
/// thread's), even unoptimized.
pub(crate) const MAX_SCHEMA_DEPTH: usize = 48;

/// Deserializes converted OpenAPI 3 schema JSON; `pointer` locates the Swagger source should
/// openapiv3 reject it (validation on the way in makes that unexpected).
pub(crate) fn typed(cx: Cx<'_>, json: Value, pointer: &str) -> Result<ReferenceOr<Schema>> {
    if let Some(deep) = deeper_than(&json, MAX_SCHEMA_DEPTH) {
        let message = format!("the schema nests more than {MAX_SCHEMA_DEPTH} levels deep");
        return Err(cx.error(&format!("{pointer}{deep}"), message));
    }
    serde_json::from_value(json)
        .map_err(|e| cx.error(pointer, format!("this schema cannot be represented in OpenAPI 3: {e}")))
}

/// The pointer (relative to `value`) of the first node found more than `limit` levels below
/// `value`, if there is one. Without recursion: the depth is what is being checked.
pub(crate) fn deeper_than(value: &Value, limit: usize) -> Option<String> {
    let mut stack = vec![(value, String::new(), 0)];
    while let Some((value, pointer, depth)) = stack.pop() {
        if depth > limit {
            return Some(pointer);
        }
        match value {
            Value::Object(map) => stack.extend(map.iter().map(|(key, child)| (child, join(&pointer, key), depth + 1))),
            Value::Array(items) => stack.extend(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, child)| (child, format!("{pointer}/{i}"), depth + 1)),
            ),
            _ => {}
        }
    }
    None
}

/// Rewrites a Swagger schema reference for the OpenAPI 3 document (`#/definitions/X` ->
/// `#/components/schemas/X`); other references are kept as written.
pub(crate) fn convert_ref(reference: &str) -> String {
    match reference.strip_prefix("#/definitions") {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
            format!("#/components/schemas{rest}")
        }
        _ => reference.to_string(),
    }
}

/// The OpenAPI 3 JSON of a Swagger schema-like object, to be placed at `openapi3`.
///
/// A `$ref` with sibling keys (e.g. `description`, `readOnly`, `x-ms-client-flatten`,
/// `x-nullable`) becomes `{"allOf": [{"$ref": ...}], <converted siblings>}`: an OpenAPI 3.0
/// reference object cannot carry siblings, and dropping them would lose what the spec says about
/// this use of the referenced type. The source map records that `allOf/0` is the Swagger schema
/// itself and `allOf/k` its `allOf/k-1`.
fn to_openapi3_json(cx: Cx<'_>, value: &Value, pointer: &str, openapi3: &Path<'_>, flavor: Flavor) -> Result<Value> {
    object_json(&cx.object(value, pointer)?, openapi3, flavor)
}

/// [`to_openapi3_json`] for an object already viewed as an [`Obj`].
pub(crate) fn object_json(obj: &Obj<'_>, openapi3: &Path<'_>, flavor: Flavor) -> Result<Value> {
    let cx = obj.cx;
    let mut out = Map::new();

    let reference = if flavor.keeps("$ref") { obj.str("$ref")? } else { None };
    if let Some(reference) = reference {
        if is_local(reference) && cx.resolve(reference).is_none() {
            return Err(obj.error_at("$ref", format!("`$ref` target `{reference}` does not exist")));
        }
        // Anywhere else in a Swagger document (`#/parameters/X`, `#/paths/...`) has no place in the
        // OpenAPI 3 one: the reference would dangle there.
        if is_local(reference) && convert_ref(reference) == reference {
            let message =
                format!("`$ref` `{reference}` is not a definition: a schema `$ref` points into `#/definitions`");
            return Err(obj.error_at("$ref", message));
        }
    }

    let (ty, format) = type_and_format(obj, flavor)?;
    if let Some(ty) = ty {
        out.insert("type".into(), Value::String(ty.into()));
    }
    if let Some(format) = format {
        out.insert("format".into(), Value::String(format.into()));
    }

    for (key, value) in obj.iter() {
        if !flavor.keeps(key) {
            continue;
        }
        let at = obj.at(key);
        match key.as_str() {
            "$ref" | "type" | "format" => {}
            "title" | "description" | "pattern" => {
                obj.str(key)?;
                out.insert(key.clone(), value.clone());
            }
            "default" | "example" => {
                out.insert(key.clone(), value.clone());
            }
            "enum" => {
                obj.array(key)?;
                out.insert(key.clone(), value.clone());
            }
            "readOnly" | "uniqueItems" | "exclusiveMaximum" | "exclusiveMinimum" => {
                obj.bool(key)?;
                out.insert(key.clone(), value.clone());
            }
            "maximum" | "minimum" | "multipleOf" => {
                obj.number(key)?;
                out.insert(key.clone(), value.clone());
            }
            "maxLength" | "minLength" | "maxItems" | "minItems" | "maxProperties" | "minProperties" => {
                obj.usize(key)?;
                out.insert(key.clone(), value.clone());
            }
            "required" => {
                obj.strings(key)?;
                out.insert(key.clone(), value.clone());
            }
            "discriminator" => {
                let property = obj.str(key)?.unwrap_or_default();
                out.insert(key.clone(), json!({ "propertyName": property }));
            }
            "externalDocs" => {
                obj.external_docs(key)?;
                out.insert(key.clone(), value.clone());
            }
            "x-nullable" => {
                let nullable = obj.bool(key)?.unwrap_or_default();
                out.insert("nullable".into(), Value::Bool(nullable));
                out.insert(key.clone(), value.clone());
                cx.sources.node(&openapi3.key("nullable"), &at);
            }
            "collectionFormat" => {
                // Items and form fields only: parameters turn it into their style.
                let format = obj.str(key)?.unwrap_or_default();
                out.insert("x-ms-collection-format".into(), Value::String(format.into()));
                cx.sources.node(&openapi3.key("x-ms-collection-format"), &at);
            }
            "properties" => {
                let properties = obj.required_object(key)?;
                let container = openapi3.key(key);
                let mut converted = Map::new();
                for (name, property) in properties.iter() {
                    let json = to_openapi3_json(cx, property, &join(&at, name), &container.key(name), Flavor::Schema)?;
                    converted.insert(name.clone(), json);
                }
                out.insert(key.clone(), Value::Object(converted));
            }
            "additionalProperties" => {
                let converted = match value {
                    Value::Bool(b) => Value::Bool(*b),
                    Value::Object(_) => to_openapi3_json(cx, value, &at, &openapi3.key(key), Flavor::Schema)?,
                    other => {
                        return Err(obj.error_at(
                            key,
                            format!(
                                "`additionalProperties` must be a boolean or a schema object, found {}",
                                super::json::kind(other)
                            ),
                        ))
                    }
                };
                out.insert(key.clone(), converted);
            }
            "items" => {
                let items = obj.required_object(key)?;
                let json = to_openapi3_json(cx, value, &items.pointer, &openapi3.key(key), flavor.nested())?;
                out.insert(key.clone(), json);
            }
            "allOf" => {
                let container = openapi3.key(key);
                let mut all_of = Vec::new();
                for (i, (pointer, member)) in obj.array(key)?.unwrap_or_default().into_iter().enumerate() {
                    // Next to a `$ref`, which will come first (see `wrap_reference`).
                    let index = i + usize::from(reference.is_some());
                    let member_at = container.index(index);
                    if reference.is_some() {
                        cx.sources.node(&member_at, &pointer);
                    }
                    all_of.push(to_openapi3_json(cx, member, &pointer, &member_at, Flavor::Schema)?);
                }
                // An empty `allOf` says nothing, and openapiv3 would not write it back (so the
                // schema would read back as another kind): leave it out.
                if !all_of.is_empty() {
                    out.insert(key.clone(), Value::Array(all_of));
                }
            }
            _ if key.starts_with("x-") => {
                out.insert(key.clone(), value.clone());
            }
            // openapiv3's Schema has no `xml`: it travels as the extension `x-xml`.
            "xml" => {
                obj.required_object(key)?;
                out.insert("x-xml".into(), value.clone());
                cx.sources.node(&openapi3.key("x-xml"), &at);
            }
            // Other unknown keys are not Swagger.
            _ => {}
        }
    }

    let implies_object = out.contains_key("properties") || out.contains_key("additionalProperties");
    drop_empty_lists(&mut out);
    match reference {
        Some(reference) => {
            let wrapped = wrap_reference(convert_ref(reference), out);
            if wrapped.get("allOf").is_some() {
                cx.sources.node(&openapi3.key("allOf").index(0), &obj.pointer);
            }
            Ok(wrapped)
        }
        None => {
            if !out.contains_key("type") && implies_object {
                out.insert("type".into(), Value::String("object".into()));
            }
            Ok(Value::Object(out))
        }
    }
}

/// Removes an empty `required`, `properties` or `enum`: each says nothing (openapiv3 already
/// reads an empty `enum` of a string as no `enum`), but its mere presence makes openapiv3 read a
/// typed schema as `SchemaKind::Any`, and openapiv3 does not write it back, so the converted
/// document would read back as another kind of schema.
fn drop_empty_lists(out: &mut Map<String, Value>) {
    for key in ["required", "properties", "enum"] {
        let empty = match out.get(key) {
            Some(Value::Array(items)) => items.is_empty(),
            Some(Value::Object(entries)) => entries.is_empty(),
            _ => false,
        };
        if empty {
            out.remove(key);
        }
    }
}

/// `{"$ref"}` alone, or wrapped in `allOf` when the Swagger schema had siblings.
fn wrap_reference(reference: String, mut siblings: Map<String, Value>) -> Value {
    let reference = json!({ "$ref": reference });
    if siblings.is_empty() {
        return reference;
    }
    let mut all_of = vec![reference];
    if let Some(Value::Array(existing)) = siblings.remove("allOf") {
        all_of.extend(existing);
    }
    siblings.insert("allOf".into(), Value::Array(all_of));
    Value::Object(siblings)
}

/// The OpenAPI 3 `type` and `format`: Swagger's `type: file` and the common `format: file` are a
/// binary string in OpenAPI 3.
fn type_and_format<'a>(obj: &Obj<'a>, flavor: Flavor) -> Result<(Option<&'a str>, Option<&'a str>)> {
    let ty = if flavor.keeps("type") { obj.str("type")? } else { None };
    let format = if flavor.keeps("format") {
        obj.str("format")?
    } else {
        None
    };
    if let Some(ty) = ty {
        if !TYPES.contains(&ty) {
            return Err(obj.error_at(
                "type",
                format!("unknown type `{ty}`; expected one of {}", TYPES.join(", ")),
            ));
        }
    }
    if ty == Some("file") || format == Some("file") {
        return Ok((Some("string"), Some("binary")));
    }
    Ok((ty, format))
}

#[cfg(test)]
mod tests {
    use openapiv3::{
        AdditionalProperties, IntegerType, NumberType, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
        VariantOrUnknownOrEmpty,
    };
    use serde_json::{json, Value};

    use crate::convert::test_support::{convert_ok, error_of};

    /// Converts `definitions: {name: schema}` and returns components.schemas[name].
    fn definition(schema: Value) -> ReferenceOr<Schema> {
        let doc = json!({
            "swagger": "2.0",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "definitions": {"Base": {"type": "object"}, "T": schema}
        });
        let oa = convert_ok(&doc);
        oa.components.unwrap().schemas.get("T").cloned().unwrap()
    }

    fn item(schema: ReferenceOr<Schema>) -> Schema {
        schema.into_item().expect("an inline schema")
    }

    fn boxed(schema: &ReferenceOr<Box<Schema>>) -> Schema {
        match schema {
            ReferenceOr::Item(s) => (**s).clone(),
            ReferenceOr::Reference { reference } => panic!("unexpected reference {reference}"),
        }
    }

    #[test]
    fn object_with_properties_in_order_and_required() {
        let s = item(definition(json!({
            "description": "A thing.",
            "required": ["zeta"],
            "properties": {
                "zeta": {"type": "string", "readOnly": true},
                "alpha": {"$ref": "#/definitions/Base"}
            }
        })));
        assert_eq!(s.schema_data.description.as_deref(), Some("A thing."));
        let SchemaKind::Type(Type::Object(o)) = s.schema_kind else {
            panic!("not an object")
        };
        assert_eq!(o.properties.keys().collect::<Vec<_>>(), ["zeta", "alpha"]);
        assert_eq!(o.required, ["zeta"]);
        assert!(boxed(&o.properties["zeta"]).schema_data.read_only);
        assert_eq!(
            o.properties["alpha"],
            ReferenceOr::Reference {
                reference: "#/components/schemas/Base".into()
            }
        );
    }

    #[test]
    fn x_nullable_sets_nullable_and_is_kept() {
        let s = item(definition(json!({"type": "string", "x-nullable": true})));
        assert!(s.schema_data.nullable);
        assert_eq!(s.schema_data.extensions["x-nullable"], json!(true));
    }

    #[test]
    fn string_enum_with_x_ms_enum() {
        let x_ms_enum = json!({"name": "Color", "modelAsString": true});
        let s = item(definition(json!({
            "type": "string", "enum": ["red", "green"], "default": "red", "x-ms-enum": x_ms_enum
        })));
        assert_eq!(s.schema_data.extensions["x-ms-enum"], x_ms_enum);
        assert_eq!(s.schema_data.default, Some(json!("red")));
        let SchemaKind::Type(Type::String(st)) = s.schema_kind else {
            panic!("not a string")
        };
        assert_eq!(st.enumeration, [Some("red".to_string()), Some("green".to_string())]);
    }

    #[test]
    fn integer_enum_and_bounds_survive() {
        let s = item(definition(json!({
            "type": "integer", "format": "int32", "enum": [1, 2, 3],
            "minimum": 0, "maximum": 10, "exclusiveMaximum": true, "multipleOf": 1
        })));
        let SchemaKind::Type(Type::Integer(IntegerType {
            enumeration,
            minimum,
            maximum,
            exclusive_maximum,
            multiple_of,
            ..
        })) = s.schema_kind
        else {
            panic!("not an integer")
        };
        assert_eq!(enumeration, [Some(1), Some(2), Some(3)]);
        assert_eq!(
            (minimum, maximum, exclusive_maximum, multiple_of),
            (Some(0), Some(10), true, Some(1))
        );
    }

    #[test]
    fn number_bounds_survive() {
        let s = item(definition(json!({
            "type": "number", "minimum": 0, "maximum": 1.5, "exclusiveMinimum": true
        })));
        let SchemaKind::Type(Type::Number(NumberType {
            minimum,
            maximum,
            exclusive_minimum,
            ..
        })) = s.schema_kind
        else {
            panic!("not a number")
        };
        assert_eq!((minimum, maximum, exclusive_minimum), (Some(0.0), Some(1.5), true));
    }

    #[test]
    fn string_constraints() {
        let s = item(definition(json!({
            "type": "string", "maxLength": 64, "minLength": 1, "pattern": "^[a-z]+$"
        })));
        let SchemaKind::Type(Type::String(st)) = s.schema_kind else {
            panic!("not a string")
        };
        assert_eq!((st.min_length, st.max_length), (Some(1), Some(64)));
        assert_eq!(st.pattern.as_deref(), Some("^[a-z]+$"));
    }

    #[test]
    fn array_constraints_and_items() {
        let s = item(definition(json!({
            "type": "array", "items": {"$ref": "#/definitions/Base"},
            "maxItems": 10, "minItems": 1, "uniqueItems": true
        })));
        let SchemaKind::Type(Type::Array(a)) = s.schema_kind else {
            panic!("not an array")
        };
        assert_eq!((a.min_items, a.max_items, a.unique_items), (Some(1), Some(10), true));
        assert_eq!(
            a.items,
            Some(ReferenceOr::Reference {
                reference: "#/components/schemas/Base".into()
            })
        );
    }

    #[test]
    fn discriminator_and_all_of() {
        let s = item(definition(json!({
            "discriminator": "kind",
            "allOf": [{"$ref": "#/definitions/Base"}],
            "properties": {"kind": {"type": "string"}},
            "required": ["kind"],
            "x-ms-discriminator-value": "T"
        })));
        assert_eq!(s.schema_data.discriminator.as_ref().unwrap().property_name, "kind");
        assert_eq!(s.schema_data.extensions["x-ms-discriminator-value"], json!("T"));
        let SchemaKind::Any(any) = s.schema_kind else {
            panic!("allOf + properties is Any")
        };
        assert_eq!(any.typ.as_deref(), Some("object"));
        assert_eq!(
            any.all_of,
            [ReferenceOr::Reference {
                reference: "#/components/schemas/Base".into()
            }]
        );
        assert_eq!(any.properties.keys().collect::<Vec<_>>(), ["kind"]);
        assert_eq!(any.required, ["kind"]);
    }

    #[test]
    fn additional_properties_bool_and_schema() {
        let s = item(definition(json!({"type": "object", "additionalProperties": true})));
        let SchemaKind::Type(Type::Object(o)) = s.schema_kind else {
            panic!()
        };
        assert_eq!(o.additional_properties, Some(AdditionalProperties::Any(true)));

        // No `type`, but additionalProperties: still an object (a dictionary).
        let s = item(definition(json!({"additionalProperties": {"type": "integer"}})));
        let SchemaKind::Type(Type::Object(o)) = s.schema_kind else {
            panic!()
        };
        let Some(AdditionalProperties::Schema(inner)) = o.additional_properties else {
            panic!()
        };
        assert!(matches!(
            inner.as_ref(),
            ReferenceOr::Item(Schema {
                schema_kind: SchemaKind::Type(Type::Integer(_)),
                ..
            })
        ));
    }

    #[test]
    fn file_type_and_file_format_are_binary_strings() {
        for schema in [json!({"type": "file"}), json!({"type": "object", "format": "file"})] {
            let s = item(definition(schema));
            let SchemaKind::Type(Type::String(st)) = s.schema_kind else {
                panic!("not a string")
            };
            assert_eq!(st.format, VariantOrUnknownOrEmpty::Item(StringFormat::Binary));
        }
    }

    #[test]
    fn untyped_schemas() {
        let s = item(definition(json!({"properties": {"a": {}}})));
        assert!(matches!(s.schema_kind, SchemaKind::Type(Type::Object(_))));
        let s = item(definition(json!({"description": "anything"})));
        assert!(matches!(s.schema_kind, SchemaKind::Any(_)));
    }

    #[test]
    fn reference_with_siblings_is_wrapped_in_all_of() {
        let s = item(definition(json!({
            "$ref": "#/definitions/Base",
            "description": "The base.",
            "readOnly": true,
            "x-ms-client-flatten": true
        })));
        assert_eq!(s.schema_data.description.as_deref(), Some("The base."));
        assert!(s.schema_data.read_only);
        assert_eq!(s.schema_data.extensions["x-ms-client-flatten"], json!(true));
        let SchemaKind::AllOf { all_of } = s.schema_kind else {
            panic!("not allOf")
        };
        assert_eq!(
            all_of,
            [ReferenceOr::Reference {
                reference: "#/components/schemas/Base".into()
            }]
        );
    }

    #[test]
    fn plain_reference_stays_a_reference() {
        assert_eq!(
            definition(json!({"$ref": "#/definitions/Base"})),
            ReferenceOr::Reference {
                reference: "#/components/schemas/Base".into()
            }
        );
    }

    #[test]
    fn wrong_types_are_located() {
        let doc = |schema: Value| {
            json!({
                "swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
                "definitions": {"T": schema}
            })
        };
        let e = error_of(&doc(json!({"required": "yes"})));
        assert_eq!(e.pointer, "/definitions/T/required");
        assert!(e.message.contains("must be an array"), "{}", e.message);

        let e = error_of(&doc(json!({"properties": []})));
        assert_eq!(e.pointer, "/definitions/T/properties");
        assert!(e.message.contains("must be an object"), "{}", e.message);

        let e = error_of(&doc(json!({"type": "string", "maxLength": "x"})));
        assert_eq!(e.pointer, "/definitions/T/maxLength");
        assert!(e.message.contains("non-negative integer"), "{}", e.message);

        let e = error_of(&doc(json!({"properties": {"a/b": {"type": 3}}})));
        assert_eq!(e.pointer, "/definitions/T/properties/a~1b/type");

        let e = error_of(&doc(json!({"type": "strin"})));
        assert!(e.message.contains("unknown type `strin`"), "{}", e.message);

        let e = error_of(&doc(json!({"$ref": "#/definitions/Missing"})));
        assert_eq!(e.pointer, "/definitions/T/$ref");

        let e = error_of(&doc(json!({"items": [{"type": "string"}], "type": "array"})));
        assert_eq!(e.pointer, "/definitions/T/items");

        let e = error_of(&doc(json!("not a schema")));
        assert_eq!(e.pointer, "/definitions/T");
        assert!(e.message.contains("expected an object"), "{}", e.message);
    }
}
