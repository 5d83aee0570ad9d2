//! model-flattening, media_types, non-string-enum, object-type, reserved-words, body-time,
//! body-binary, body-file, additionalProperties, multiple-inheritance, security-key, security-aad,
//! body-formdata-urlencoded, url-multi-collectionFormat, any-type, incorrect-error-response,
//! error-with-secrets, merge-patch, client-enum, parameterized-endpoint, the JSON operations of
//! xml-service, and body-string's putEnumReferencedConstant.

use std::collections::BTreeMap;

use serde_json::json;

use super::{eq, Scenario};
use crate::{call, client, opts, scenario, value};

pub fn all() -> Vec<Scenario> {
    [
        model_flattening(),
        media_types(),
        non_string_enum(),
        object_type(),
        reserved_words(),
        body_time(),
        body_binary(),
        body_file(),
        additional_properties(),
        multiple_inheritance(),
        security(),
        formdata_urlencoded(),
        url_multi_collection_format(),
        any_type(),
        errors(),
        json_in_xml_swagger(),
        formdata(),
        parameterized_endpoint(),
        merge_patch(),
        client_enum(),
        body_string(),
    ]
    .concat()
}

/// `{"tag1": "value1", "tag2": "value3"}`.
fn tags() -> BTreeMap<String, String> {
    BTreeMap::from([
        ("tag1".to_string(), "value1".to_string()),
        ("tag2".to_string(), "value3".to_string()),
    ])
}

// The generated models keep the wire's nesting (`x-ms-client-flatten` on properties is not
// applied: `properties.p_name`, `details.max_product_image.odata_value`); the scenarios use them so.
fn model_flattening() -> Vec<Scenario> {
    use model_flattening::models::{
        FlattenedProduct, FlattenedProductProperties, FlattenedProductPropertiesProvisioningStateValues as State,
        ProductUrl, ResourceCollection, SimpleProduct, SimpleProductProperties,
        SimpleProductPropertiesMaxProductCapacity,
    };
    use model_flattening::operations as flattening;

    /// A product as the server sends it: `full` ones have tags, a type and properties.
    fn got(id: &str, name: &str, location: Option<&str>, full: Option<&str>) -> FlattenedProduct {
        FlattenedProduct {
            id: Some(id.to_string()),
            type_: full.map(|_| "Microsoft.Web/sites".to_string()),
            tags: full.map(|_| tags()),
            location: location.map(str::to_string),
            name: Some(name.to_string()),
            properties: full.map(|p_name| FlattenedProductProperties {
                p_name: Some(p_name.to_string()),
                type_: Some("Flat".to_string()),
                provisioning_state_values: Some(State::Ok),
                provisioning_state: Some("Succeeded".to_string()),
            }),
        }
    }
    fn got_dictionary(first: u32) -> BTreeMap<String, FlattenedProduct> {
        BTreeMap::from([
            (
                format!("Product{first}"),
                got(
                    &first.to_string(),
                    &format!("Resource{first}"),
                    Some("Building 44"),
                    Some(&format!("Product{first}")),
                ),
            ),
            (
                format!("Product{}", first + 1),
                got(
                    &(first + 1).to_string(),
                    &format!("Resource{}", first + 1),
                    Some("Building 44"),
                    None,
                ),
            ),
            (
                format!("Product{}", first + 2),
                got(&(first + 2).to_string(), &format!("Resource{}", first + 2), None, None),
            ),
        ])
    }
    /// A product to send: no read-only properties.
    fn put(location: &str, with_tags: bool, p_name: Option<&str>) -> FlattenedProduct {
        FlattenedProduct {
            id: None,
            type_: None,
            tags: with_tags.then(tags),
            location: Some(location.to_string()),
            name: None,
            properties: p_name.map(|p_name| FlattenedProductProperties {
                p_name: Some(p_name.to_string()),
                type_: Some("Flat".to_string()),
                provisioning_state_values: None,
                provisioning_state: None,
            }),
        }
    }
    fn put_dictionary() -> BTreeMap<String, FlattenedProduct> {
        BTreeMap::from([
            ("Resource1".to_string(), put("West US", true, Some("Product1"))),
            ("Resource2".to_string(), put("Building 44", false, Some("Product2"))),
        ])
    }
    /// The simple product's details; with `generic`, also the image's inherited `generic_value`.
    fn details(generic: bool) -> SimpleProductProperties {
        SimpleProductProperties {
            max_product_display_name: "max name".to_string(),
            capacity: SimpleProductPropertiesMaxProductCapacity::Large,
            max_product_image: Some(ProductUrl {
                generic_value: generic.then(|| "https://generic".to_string()),
                odata_value: Some("http://foo".to_string()),
            }),
        }
    }

    vec![
        scenario!("getModelFlattenArray", |ctx| {
            let products = value!(client!(model_flattening, ctx).get_array(None));
            eq(
                "products",
                products,
                vec![
                    got("1", "Resource1", Some("Building 44"), Some("Product1")),
                    got("2", "Resource2", Some("Building 44"), None),
                    got("3", "Resource3", None, None),
                ],
            )
        }),
        scenario!("putModelFlattenArray", |ctx| {
            use model_flattening::models::Resource;
            let resource = |location: &str, with_tags: bool| Resource {
                id: None,
                type_: None,
                tags: with_tags.then(tags),
                location: Some(location.to_string()),
                name: None,
            };
            let c = client!(model_flattening, ctx);
            let request = c.put_array(opts!(flattening::PutArrayOptions {
                resource_array: vec![resource("West US", true), resource("Building 44", false)],
            }));
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("getModelFlattenDictionary", |ctx| {
            let products = value!(client!(model_flattening, ctx).get_dictionary(None));
            eq("products", products, got_dictionary(1))
        }),
        scenario!("putModelFlattenDictionary", |ctx| {
            let c = client!(model_flattening, ctx);
            let request = c.put_dictionary(opts!(flattening::PutDictionaryOptions {
                resource_dictionary: put_dictionary(),
            }));
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("getModelFlattenResourceCollection", |ctx| {
            let collection = value!(client!(model_flattening, ctx).get_resource_collection(None));
            let expected = ResourceCollection {
                productresource: Some(FlattenedProduct {
                    id: Some("7".to_string()),
                    type_: None,
                    tags: None,
                    location: Some("Building 44".to_string()),
                    name: Some("Resource7".to_string()),
                    properties: None,
                }),
                arrayofresources: Some(vec![
                    got("4", "Resource4", Some("Building 44"), Some("Product4")),
                    got("5", "Resource5", Some("Building 44"), None),
                    got("6", "Resource6", None, None),
                ]),
                dictionaryofresources: Some(got_dictionary(1)),
            };
            eq("collection", collection, expected)
        }),
        scenario!("putModelFlattenResourceCollection", |ctx| {
            use model_flattening::models::FlattenedProductProperties as Properties;
            let collection = ResourceCollection {
                productresource: Some(FlattenedProduct {
                    id: None,
                    type_: None,
                    tags: None,
                    location: Some("India".to_string()),
                    name: None,
                    properties: Some(Properties {
                        p_name: Some("Azure".to_string()),
                        type_: Some("Flat".to_string()),
                        provisioning_state_values: None,
                        provisioning_state: None,
                    }),
                }),
                arrayofresources: Some(vec![
                    put("West US", true, Some("Product1")),
                    put("East US", false, Some("Product2")),
                ]),
                dictionaryofresources: Some(put_dictionary()),
            };
            let c = client!(model_flattening, ctx);
            let request = c.put_resource_collection(opts!(flattening::PutResourceCollectionOptions {
                resource_complex_object: collection,
            }));
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("putModelFlattenCustomBase", |ctx| {
            let product = SimpleProduct {
                product_id: "123".to_string(),
                description: Some("product description".to_string()),
                details: Some(details(true)),
            };
            let echoed = value!(client!(model_flattening, ctx).put_simple_product(opts!(
                flattening::PutSimpleProductOptions {
                    simple_body_product: product,
                }
            )));
            eq(
                "echoed product",
                echoed,
                SimpleProduct {
                    product_id: "123".to_string(),
                    description: Some("product description".to_string()),
                    details: Some(details(true)),
                },
            )
        }),
        scenario!("postModelFlattenCustomParameter", |ctx| {
            use model_flattening::models::SimpleProduct as Echoed;
            let c = client!(model_flattening, ctx);
            let request = c.post_flattened_simple_product(
                "123",
                opts!(flattening::PostFlattenedSimpleProductOptions {
                    base_product_description: "product description".to_string(),
                    details: details(false),
                }),
            );
            let echoed = value!(request);
            eq(
                "echoed product",
                echoed,
                Echoed {
                    product_id: "123".to_string(),
                    description: Some("product description".to_string()),
                    details: Some(details(false)),
                },
            )
        }),
        scenario!("putModelFlattenCustomGroupedParameter", |ctx| {
            use model_flattening::models::SimpleProduct as Echoed;
            let c = client!(model_flattening, ctx);
            let request = c.put_simple_product_with_grouping(
                "123",
                "groupproduct",
                opts!(flattening::PutSimpleProductWithGroupingOptions {
                    base_product_description: "product description".to_string(),
                    details: details(false),
                }),
            );
            let echoed = value!(request);
            eq(
                "echoed product",
                echoed,
                Echoed {
                    product_id: "123".to_string(),
                    description: Some("product description".to_string()),
                    details: Some(details(false)),
                },
            )
        }),
    ]
}

fn media_types() -> Vec<Scenario> {
    use media_types::models::SourcePath;
    use media_types::operations as media;
    vec![
        scenario!("MediaTypeJson", |ctx| {
            let input = SourcePath {
                source: Some("https://example.com/document.pdf".to_string()),
            };
            let answer =
                value!(client!(media_types, ctx).analyze_body(opts!(media::AnalyzeBodyOptions { input: input })));
            eq("answer", answer.as_str(), "Nice job with JSON")
        }),
        scenario!("MediaTypeWithEncoding", |ctx| {
            let answer = value!(client!(media_types, ctx)
                .content_type_with_encoding(opts!(media::ContentTypeWithEncodingOptions { input: "input".into() })));
            eq("answer", answer.as_str(), "Nice job sending content type with encoding")
        }),
        scenario!("MediaTypesAnalyzeBodyNoAcceptHeader", |ctx| {
            let input = SourcePath {
                source: Some("https://example.com/document.pdf".to_string()),
            };
            let response = call!(client!(media_types, ctx)
                .analyze_body_no_accept_header(opts!(media::AnalyzeBodyNoAcceptHeaderOptions { input: input })));
            eq("status", response.status().as_u16(), 202)
        }),
        scenario!("MediaTypesTwoContentTypes", |ctx| {
            // The JSON one of the two content types (the client cannot choose octet-stream).
            let c = client!(media_types, ctx);
            let request = c.binary_body_with_two_content_types(&br#"{"hello":"world"}"#[..], None);
            let response = call!(request);
            eq("status", response.status().as_u16(), 200)?;
            eq("body", &response.value()[..], &b""[..])
        }),
        scenario!("MediaTypesThreeContentTypes", |ctx| {
            let c = client!(media_types, ctx);
            let request = c.binary_body_with_three_content_types(&br#"{"hello":"world"}"#[..], None);
            let response = call!(request);
            eq("status", response.status().as_u16(), 200)?;
            eq("body", &response.value()[..], &b""[..])
        }),
        scenario!("MediaTypesThreeBodyTypes", |ctx| {
            let response = call!(client!(media_types, ctx).body_three_types(json!({"hello": "world"}), None));
            eq("status", response.status().as_u16(), 200)?;
            eq("body", &response.value()[..], &b""[..])
        }),
    ]
}

fn non_string_enum() -> Vec<Scenario> {
    use non_string_enum::models::IntEnum;
    use non_string_enum::operations::{float, int};
    vec![
        scenario!("NonStringEnumsPostInt", |ctx| {
            let answer = value!(client!(non_string_enum, ctx)
                .int()
                .put(opts!(int::PutOptions { input: IntEnum::V200 })));
            eq("answer", answer.as_str(), "Nice job posting an int enum")
        }),
        scenario!("NonStringEnumsGetInt", |ctx| {
            eq(
                "value",
                value!(client!(non_string_enum, ctx).int().get(None)),
                IntEnum::V429,
            )
        }),
        scenario!("NonStringEnumsPostFloat", |ctx| {
            let answer = value!(client!(non_string_enum, ctx)
                .float()
                .put(opts!(float::PutOptions { input: 200.4 })));
            eq("answer", answer.as_str(), "Nice job posting a float enum")
        }),
        scenario!("NonStringEnumsGetFloat", |ctx| {
            eq("value", value!(client!(non_string_enum, ctx).float().get(None)), 429.1)
        }),
    ]
}

fn object_type() -> Vec<Scenario> {
    vec![
        scenario!("ObjectTypeResponse", |ctx| {
            eq(
                "value",
                value!(client!(object_type, ctx).get(None)),
                json!({"message": "An object was successfully returned"}),
            )
        }),
        scenario!("ObjectTypePut", |ctx| {
            let response = call!(client!(object_type, ctx).put(json!({"foo": "bar"}), None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("ObjectTypeErrorResponse", |ctx| {
            let error = match client!(object_type, ctx).put(json!({"should": "fail"}), None).await {
                Ok(r) => return Err(format!("expected a 400, got {}", r.status())),
                Err(e) => e,
            };
            eq("status", error.status().map(|s| s.as_u16()), Some(400))?;
            eq(
                "error body",
                error.api_error(),
                Some(&json!({"message": "The object you passed was incorrect"})),
            )
        }),
    ]
}

fn reserved_words() -> Vec<Scenario> {
    use serde_json::Value;
    // Every operation answers 200 without a body where the spec says `type: object`: no value.
    vec![
        scenario!("reservedWordsOperationGroupImport", |ctx| {
            let value = value!(client!(reserved_words, ctx).import().operation_one("foo", None));
            eq("value", value, Value::Null)
        }),
        scenario!("reservedWordsBodyNamedContent", |ctx| {
            let value = value!(client!(reserved_words, ctx).operation_with_content_param(&b"hello, world"[..], None));
            eq("value", value, Value::Null)
        }),
        scenario!("reservedWordsBodyNamedJson", |ctx| {
            let value = value!(client!(reserved_words, ctx).operation_with_json_param(json!({"hello": "world"}), None));
            eq("value", value, Value::Null)
        }),
        scenario!("reservedWordsBodyNamedData", |ctx| {
            let value = value!(client!(reserved_words, ctx).operation_with_data_param("hello", "world", None));
            eq("value", value, Value::Null)
        }),
        scenario!("reservedWordsBodyNamedFiles", |ctx| {
            let c = client!(reserved_words, ctx);
            let request = c.operation_with_files_param(&b"hello, world"[..], "my.txt", None);
            eq("value", value!(request), Value::Null)
        }),
        scenario!("reservedWordsUrlHeaderQuery", |ctx| {
            let c = client!(reserved_words, ctx);
            let request = c.operation_with_url(
                "foo",
                "x-ms-header",
                opts!(reserved_words::operations::OperationWithUrlOptions {
                    query_parameters: vec!["one".to_string(), "two".to_string()],
                }),
            );
            eq("value", value!(request), Value::Null)
        }),
        scenario!("reservedWordsHeaderEnum", |ctx| {
            use reserved_words::models::MyEnum;
            let value = value!(client!(reserved_words, ctx).reserved_enum(MyEnum::Import, None));
            eq("value", value, Value::Null)
        }),
    ]
}

fn body_time() -> Vec<Scenario> {
    vec![
        scenario!("BodyTimeGet", |ctx| {
            eq(
                "value",
                value!(client!(body_time, ctx).time().get(None)).as_str(),
                "11:34:56",
            )
        }),
        scenario!("BodyTimePut", |ctx| {
            let answer = value!(client!(body_time, ctx).time().put("08:07:56", None));
            eq("answer", answer.as_str(), "Nice job posting time")
        }),
    ]
}

fn body_binary() -> Vec<Scenario> {
    vec![
        scenario!("BodyBinaryFile", |ctx| {
            let response = call!(client!(body_binary, ctx)
                .upload()
                .file(&br#"{"more":"cowbell"}"#[..], None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("BodyBinaryOctet", |ctx| {
            let response = call!(client!(body_binary, ctx).upload().binary(&b"hello, world"[..], None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("BodyBinaryError", |ctx| {
            use body_binary::models::Error;
            let error = match client!(body_binary, ctx).download().error_stream(None).await {
                Ok(r) => return Err(format!("expected a 400, got {} {:?}", r.status(), r.value())),
                Err(e) => e,
            };
            eq("status", error.status().map(|s| s.as_u16()), Some(400))?;
            eq(
                "error",
                error.api_error(),
                Some(&Error {
                    status: Some(400),
                    message: Some("I failed on purpose".to_string()),
                }),
            )
        }),
    ]
}

/// FNV-1a, 64 bits: enough to tell whether a downloaded file is the one the server has.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn body_file() -> Vec<Scenario> {
    vec![
        scenario!("FileStreamNonempty", |ctx| {
            // legacy/routes/sample.png of the test server: 8725 bytes.
            let file = value!(client!(body_file, ctx).files().get_file(None));
            eq("length", file.len(), 8725)?;
            eq("signature", &file[..8], &b"\x89PNG\r\n\x1a\n"[..])?;
            eq("FNV-1a", fnv1a(&file), 0x3354_9b5c_bce2_f15a)
        }),
        scenario!("FileStreamVeryLarge", |ctx| {
            // 3000 MiB: more than a client reads by default (256 MiB). Bodies are read whole, so
            // the bound is what keeps a huge answer from exhausting memory: the call must stop
            // with `ResponseTooLarge` rather than buffer it all.
            match client!(body_file, ctx).files().get_file_large(None).await {
                Err(body_file::runtime::Error::ResponseTooLarge { limit }) => {
                    eq("limit", limit, body_file::runtime::DEFAULT_MAX_RESPONSE_BYTES)
                }
                Err(e) => Err(format!("expected ResponseTooLarge, got {e:?}")),
                Ok(r) => Err(format!("expected ResponseTooLarge, got {} bytes", r.body().len())),
            }
        }),
        scenario!("FileStreamEmpty", |ctx| {
            let file = value!(client!(body_file, ctx).files().get_empty_file(None));
            eq("file", &file[..], &b""[..])
        }),
    ]
}

fn additional_properties() -> Vec<Scenario> {
    use additional_properties::models::*;
    // The spec's `additionalProperties` next to `properties` (true, an object or a string type):
    // the server expects and echoes extra properties (`birthdate`, `complexProperty`, `color`...),
    // which the models have no place for; the scenarios send what the models can hold.
    /// The entries of a JSON object, as a model's map of properties the spec does not list.
    fn extra(object: serde_json::Value) -> BTreeMap<String, serde_json::Value> {
        match object {
            serde_json::Value::Object(map) => map.into_iter().collect(),
            _ => BTreeMap::new(),
        }
    }
    fn strings(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }
    fn sizes() -> BTreeMap<String, f64> {
        BTreeMap::from([
            ("height".to_string(), 5.61),
            ("weight".to_string(), 599.0),
            ("footsize".to_string(), 11.5),
        ])
    }
    vec![
        scenario!("additionalPropertiesTrue", |ctx| {
            let pet = PetApTrue {
                id: 1,
                name: Some("Puppy".to_string()),
                status: None,
                additional_properties: extra(json!({
                    "birthdate": "2017-12-13T02:29:51Z", "complexProperty": {"color": "Red"}
                })),
            };
            let echoed = value!(client!(additional_properties, ctx)
                .pets()
                .create_ap_true(pet.clone(), None));
            eq(
                "echoed pet",
                echoed,
                PetApTrue {
                    status: Some(true),
                    ..pet
                },
            )
        }),
        scenario!("additionalPropertiesSubclass", |ctx| {
            let cat = CatApTrue {
                id: 1,
                name: Some("Lisa".to_string()),
                status: None,
                friendly: Some(true),
                additional_properties: extra(json!({
                    "birthdate": "2017-12-13T02:29:51Z", "complexProperty": {"color": "Red"}
                })),
            };
            let echoed = value!(client!(additional_properties, ctx)
                .pets()
                .create_cat_ap_true(cat.clone(), None));
            eq(
                "echoed cat",
                echoed,
                CatApTrue {
                    status: Some(true),
                    ..cat
                },
            )
        }),
        scenario!("additionalPropertiesTypeObject", |ctx| {
            let pet = PetApObject {
                id: 2,
                name: Some("Hira".to_string()),
                status: None,
                additional_properties: extra(json!({
                    "siblings": [{"id": 1, "name": "Puppy", "birthdate": "2017-12-13T02:29:51Z",
                                  "complexProperty": {"color": "Red"}}],
                    "picture": "//////4=",
                })),
            };
            let echoed = value!(client!(additional_properties, ctx)
                .pets()
                .create_ap_object(pet.clone(), None));
            eq(
                "echoed pet",
                echoed,
                PetApObject {
                    status: Some(true),
                    ..pet
                },
            )
        }),
        scenario!("additionalPropertiesTypeString", |ctx| {
            let pet = PetApString {
                id: 3,
                name: Some("Tommy".to_string()),
                status: None,
                additional_properties: strings(&[("color", "red"), ("weight", "10 kg"), ("city", "Bombay")]),
            };
            let echoed = value!(client!(additional_properties, ctx)
                .pets()
                .create_ap_string(pet.clone(), None));
            eq(
                "echoed pet",
                echoed,
                PetApString {
                    status: Some(true),
                    ..pet
                },
            )
        }),
        scenario!("additionalPropertiesInProperties", |ctx| {
            let pet = PetApInProperties {
                id: 4,
                name: Some("Bunny".to_string()),
                status: None,
                additional_properties: Some(sizes()),
            };
            let echoed = value!(client!(additional_properties, ctx)
                .pets()
                .create_ap_in_properties(pet.clone(), None));
            eq(
                "echoed pet",
                echoed,
                PetApInProperties {
                    status: Some(true),
                    ..pet
                },
            )
        }),
        scenario!("additionalPropertiesInPropertiesWithAPTypeString", |ctx| {
            let pet = PetApInPropertiesWithApString {
                id: 5,
                name: Some("Funny".to_string()),
                status: None,
                odata_location: "westus".to_string(),
                additional_properties: Some(sizes()),
                additional_properties_2: strings(&[("color", "red"), ("city", "Seattle"), ("food", "tikka masala")]),
            };
            let c = client!(additional_properties, ctx);
            let request = c.pets().create_ap_in_properties_with_ap_string(pet.clone(), None);
            let echoed = value!(request);
            eq(
                "echoed pet",
                echoed,
                PetApInPropertiesWithApString {
                    status: Some(true),
                    ..pet
                },
            )
        }),
    ]
}

fn multiple_inheritance() -> Vec<Scenario> {
    use multiple_inheritance::models::*;
    vec![
        scenario!("MultipleInheritancePetGet", |ctx| {
            let pet = value!(client!(multiple_inheritance, ctx).get_pet(None));
            eq(
                "pet",
                pet,
                Pet {
                    name: "Peanut".to_string(),
                },
            )
        }),
        scenario!("MultipleInheritancePetPut", |ctx| {
            let pet = Pet {
                name: "Butter".to_string(),
            };
            let answer = value!(client!(multiple_inheritance, ctx).put_pet(pet, None));
            eq("answer", answer.as_str(), "Pet was correct!")
        }),
        scenario!("MultipleInheritanceHorseGet", |ctx| {
            let horse = value!(client!(multiple_inheritance, ctx).get_horse(None));
            eq(
                "horse",
                horse,
                Horse {
                    name: "Fred".to_string(),
                    is_a_show_horse: Some(true),
                },
            )
        }),
        scenario!("MultipleInheritanceHorsePut", |ctx| {
            let horse = Horse {
                name: "General".to_string(),
                is_a_show_horse: Some(false),
            };
            let answer = value!(client!(multiple_inheritance, ctx).put_horse(horse, None));
            eq("answer", answer.as_str(), "Horse was correct!")
        }),
        scenario!("MultipleInheritanceFelineGet", |ctx| {
            let feline = value!(client!(multiple_inheritance, ctx).get_feline(None));
            eq(
                "feline",
                feline,
                Feline {
                    meows: Some(true),
                    hisses: Some(true),
                },
            )
        }),
        scenario!("MultipleInheritanceFelinePut", |ctx| {
            let feline = Feline {
                meows: Some(false),
                hisses: Some(true),
            };
            let answer = value!(client!(multiple_inheritance, ctx).put_feline(feline, None));
            eq("answer", answer.as_str(), "Feline was correct!")
        }),
        scenario!("MultipleInheritanceCatGet", |ctx| {
            let cat = value!(client!(multiple_inheritance, ctx).get_cat(None));
            eq(
                "cat",
                cat,
                Cat {
                    name: "Whiskers".to_string(),
                    meows: Some(true),
                    hisses: Some(true),
                    likes_milk: Some(true),
                },
            )
        }),
        scenario!("MultipleInheritanceCatPut", |ctx| {
            let cat = Cat {
                name: "Boots".to_string(),
                meows: Some(true),
                hisses: Some(false),
                likes_milk: Some(false),
            };
            let answer = value!(client!(multiple_inheritance, ctx).put_cat(cat, None));
            eq("answer", answer.as_str(), "Cat was correct!")
        }),
        scenario!("MultipleInheritanceKittenGet", |ctx| {
            let kitten = value!(client!(multiple_inheritance, ctx).get_kitten(None));
            eq(
                "kitten",
                kitten,
                Kitten {
                    name: "Gatito".to_string(),
                    meows: Some(true),
                    hisses: Some(true),
                    likes_milk: Some(true),
                    eats_mice_yet: Some(false),
                },
            )
        }),
        scenario!("MultipleInheritanceKittenPut", |ctx| {
            let kitten = Kitten {
                name: "Kitty".to_string(),
                meows: Some(true),
                hisses: Some(false),
                likes_milk: Some(false),
                eats_mice_yet: Some(true),
            };
            let answer = value!(client!(multiple_inheritance, ctx).put_kitten(kitten, None));
            eq("answer", answer.as_str(), "Kitten was correct!")
        }),
    ]
}

fn security() -> Vec<Scenario> {
    vec![
        scenario!("SecurityKey", |ctx| {
            // The API key goes in the `security-key` header.
            let response = call!(client!(security_key, ctx, "123456789").head(None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("SecurityAad", |ctx| {
            // The spec's oauth2 scheme wants `Authorization: Bearer <token>` for the scope
            // https://security.microsoft.com/.default; the server's test credential answers
            // with the scope itself as the token, and so does this one.
            let response = call!(client!(security_aad, ctx, ScopeAsToken).head(None));
            eq("status", response.status().as_u16(), 200)
        }),
    ]
}

fn formdata_urlencoded() -> Vec<Scenario> {
    use body_formdata_urlencoded::models::{GrantType, PetFood, PetType};
    use body_formdata_urlencoded::operations::formdataurlencoded;
    vec![
        scenario!("UpdatePetWithForm", |ctx| {
            let c = client!(body_formdata_urlencoded, ctx);
            let request = c.formdataurlencoded().update_pet_with_form(
                1,
                PetType::Dog,
                PetFood::Meat,
                42,
                opts!(formdataurlencoded::UpdatePetWithFormOptions {
                    name: "Fido".to_string()
                }),
            );
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("UrlEncodedDataWithPartialConstantBody", |ctx| {
            let c = client!(body_formdata_urlencoded, ctx);
            let request = c
                .formdataurlencoded()
                .partial_constant_body(GrantType::AccessToken, "bar", "foo", None);
            eq("status", call!(request).status().as_u16(), 200)
        }),
    ]
}

fn url_multi_collection_format() -> Vec<Scenario> {
    use url_multi_collection_format::operations::queries;
    vec![
        scenario!("UrlQueriesArrayMultiNull", |ctx| {
            let c = client!(url_multi_collection_format, ctx);
            let request = c.queries().array_string_multi_null(None);
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("UrlQueriesArrayMultiEmpty", |ctx| {
            let c = client!(url_multi_collection_format, ctx);
            let request = c
                .queries()
                .array_string_multi_empty(opts!(queries::ArrayStringMultiEmptyOptions {
                    array_query: Vec::new()
                }));
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("UrlQueriesArrayMultiValid", |ctx| {
            // One `arrayQuery=` per item; the null item is an empty value.
            let items = vec![
                Some("ArrayQuery1".to_string()),
                Some("begin!*'();:@ &=+$,/?#[]end".to_string()),
                None,
                Some(String::new()),
            ];
            let c = client!(url_multi_collection_format, ctx);
            let request = c
                .queries()
                .array_string_multi_valid(opts!(queries::ArrayStringMultiValidOptions { array_query: items }));
            eq("status", call!(request).status().as_u16(), 200)
        }),
    ]
}

fn any_type() -> Vec<Scenario> {
    vec![
        scenario!("GetStringAsAnything", |ctx| {
            eq(
                "value",
                value!(client!(any_type, ctx).get_string(None)),
                json!("anything"),
            )
        }),
        scenario!("PutStringAsAnything", |ctx| {
            let response = call!(client!(any_type, ctx).put_string(json!("anything"), None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("GetObjectAsAnything", |ctx| {
            eq(
                "value",
                value!(client!(any_type, ctx).get_object(None)),
                json!({"message": "An object was successfully returned"}),
            )
        }),
        scenario!("PutObjectAsAnything", |ctx| {
            let response = call!(client!(any_type, ctx).put_object(json!({"foo": "bar"}), None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("GetArrayAsAnything", |ctx| {
            eq(
                "value",
                value!(client!(any_type, ctx).get_array(None)),
                json!(["foo", "bar"]),
            )
        }),
        scenario!("PutArrayAsAnything", |ctx| {
            let response = call!(client!(any_type, ctx).put_array(json!(["foo", "bar"]), None));
            eq("status", response.status().as_u16(), 200)
        }),
    ]
}

fn errors() -> Vec<Scenario> {
    vec![
        scenario!("verifyIncorrectErrorParsing", |ctx| {
            // A 444 with an HTML body where the spec's default response is a JSON `Error`: an
            // error with the status and the raw body, no typed error.
            let error = match client!(incorrect_error_response, ctx)
                .get_incorrect_error_from_server(None)
                .await
            {
                Ok(r) => return Err(format!("expected a 444, got {}", r.status())),
                Err(e) => e,
            };
            eq("status", error.status().map(|s| s.as_u16()), Some(444))?;
            eq("typed error", error.api_error(), None)?;
            match &error {
                incorrect_error_response::Error::Status(e) => eq("body", &e.body[..], &b"foobar"[..]),
                other => Err(format!("expected a status error, got {other:?}")),
            }
        }),
        scenario!("ErrorWithSecrets", |ctx| {
            // A 403 whose body and headers hold secrets: the typed error keeps the service's code
            // and message, and the rendered error (what ends up in logs) shows the message but
            // not the shared key.
            use error_with_secrets::models::ErrorCode;
            const SECRET: &str = "1c88a67921784300a462b2cb61da2339";
            let error = match client!(error_with_secrets, ctx).get_error_with_secrets(None).await {
                Ok(r) => return Err(format!("expected a 403, got {}", r.status())),
                Err(e) => e,
            };
            eq("status", error.status().map(|s| s.as_u16()), Some(403))?;
            let status = match &error {
                error_with_secrets::Error::Status(e) => e,
                other => return Err(format!("expected a status error, got {other:?}")),
            };
            let request_id = status.headers.get("x-ms-request-id").and_then(|v| v.to_str().ok());
            eq(
                "x-ms-request-id",
                request_id,
                Some("5e123516-834e-4222-9e80-353108d33357"),
            )?;
            let mut problems = Vec::new();
            match &status.error {
                Some(body) => {
                    if let Err(e) = eq("code", &body.error.code, &ErrorCode::Unauthorized) {
                        problems.push(e);
                    }
                    if let Err(e) = eq(
                        "message",
                        body.error.message.as_str(),
                        "The user 'user@contoso.com' is unauthorized.",
                    ) {
                        problems.push(e);
                    }
                }
                None => problems.push("the error body did not decode as ErrorResponse".to_string()),
            }
            let rendered = error.to_string();
            if !rendered.contains("The user 'user@contoso.com' is unauthorized") {
                problems.push(format!("the rendered error lacks the service's message: {rendered}"));
            }
            if rendered.contains(SECRET) {
                problems.push(format!("the rendered error shows the shared key: {rendered}"));
            }
            if problems.is_empty() {
                Ok(())
            } else {
                Err(problems.join("; "))
            }
        }),
    ]
}

/// body-formdata: a file as a multipart part (the server sends the part back) and as the whole body.
fn formdata() -> Vec<Scenario> {
    vec![
        scenario!("FormdataStreamUploadFile", |ctx| {
            let c = client!(body_formdata, ctx);
            let echoed = value!(c.formdata().upload_file(&b"Test file"[..], "UploadFile.txt", None));
            eq("echoed part", echoed.as_ref(), &b"Test file"[..])
        }),
        scenario!("StreamUploadFile", |ctx| {
            let c = client!(body_formdata, ctx);
            let echoed = value!(c.formdata().upload_file_via_body(&b"Test file"[..], None));
            eq("echoed body", echoed.as_ref(), &b"Test file"[..])
        }),
    ]
}

fn json_in_xml_swagger() -> Vec<Scenario> {
    use xml_service::models::{JsonInput, JsonOutput};
    vec![
        scenario!("jsonInputInXMLSwagger", |ctx| {
            let response = call!(client!(xml_service, ctx)
                .xml()
                .json_input(JsonInput { id: Some(42) }, None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("jsonOutputInXMLSwagger", |ctx| {
            let output = value!(client!(xml_service, ctx).xml().json_output(None));
            eq("output", output, JsonOutput { id: Some(42) })
        }),
    ]
}

fn parameterized_endpoint() -> Vec<Scenario> {
    vec![scenario!("GetParameterizedHostWithNameEndpoint", |ctx| {
        // The host is the client's required `endpoint` argument (`{endpoint}` in x-ms-parameterized-host).
        let c = parameterized_endpoint::Client::builder(ctx.url.clone())
            .options(
                parameterized_endpoint::ClientOptions::default()
                    .http_client(ctx.http())
                    .retry(parameterized_endpoint::runtime::RetryOptions::none()),
            )
            .build()
            .map_err(|e| format!("building the client: {e}"))?;
        eq("status", call!(c.get(None)).status().as_u16(), 200)
    })]
}

fn merge_patch() -> Vec<Scenario> {
    vec![scenario!("PassMergePatchObject", |ctx| {
        // The server checks the media type and a Content-Length of 14 (the length of Python's
        // `{"foo": "bar"}`): a merge patch that removes `color` is 14 bytes of compact JSON,
        // and shows that a `null` is sent, not left out.
        let response = call!(client!(merge_patch, ctx).patch_single(json!({"color": null}), None));
        eq("status", response.status().as_u16(), 200)
    })]
}

fn client_enum() -> Vec<Scenario> {
    vec![scenario!("ClientWithEnumParam", |ctx| {
        let c = client!(client_enum, ctx, client_enum::models::XMsEnum::Single);
        eq("status", call!(c.head(None)).status().as_u16(), 200)
    })]
}

fn body_string() -> Vec<Scenario> {
    vec![scenario!("putEnumReferencedConstant", |ctx| {
        use body_string::models::{ColorConstant, RefColorConstant};
        let body = RefColorConstant {
            color_constant: ColorConstant::GreenColor,
            field1: None,
        };
        let response = call!(client!(body_string, ctx).enum_().put_referenced_constant(body, None));
        eq("status", response.status().as_u16(), 200)
    })]
}

/// A token credential that answers with the scopes it is asked for, as the test server expects.
struct ScopeAsToken;

impl security_aad::runtime::TokenCredential for ScopeAsToken {
    fn token<'a>(
        &'a self,
        scopes: &'a [&'a str],
    ) -> security_aad::runtime::BoxFuture<'a, Result<security_aad::runtime::AccessToken, String>> {
        let token = security_aad::runtime::AccessToken::fixed(scopes.join(" "));
        Box::pin(std::future::ready(Ok(token)))
    }
}
