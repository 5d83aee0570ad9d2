//! body-complex.

use std::collections::BTreeMap;

use body_complex::models::{self, Fish};
use time::macros::{date, datetime};

use super::{eq, expect_err, Outcome, Scenario};
use crate::{call, client, scenario, value};

/// A client of body-complex for the server.
macro_rules! c {
    ($ctx:ident) => {
        client!(body_complex, $ctx, models::ApiVersion::V20160229)
    };
}

/// A PUT the server answers 200 when it likes the body: the error rendered otherwise.
macro_rules! put_ok {
    ($e:expr) => {
        match $e.await {
            Ok(r) => eq("status", r.status().as_u16(), 200),
            Err(e) => Err(format!("the PUT failed: {e}")),
        }
    };
}

/// Checks that a call failed to decode the body, with `part` in the message.
fn decode_err<T: std::fmt::Debug, E: std::fmt::Debug>(what: &str, result: Result<T, E>, part: &str) -> Outcome {
    let error = expect_err(what, result)?;
    if error.contains("Deserialize") && error.contains(part) {
        Ok(())
    } else {
        Err(format!("{what}: expected a decode error with `{part}`, got {error}"))
    }
}

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

// ---- The models the server sends and expects ----

fn shark() -> Fish {
    Fish::Shark(models::Shark {
        species: s("predator"),
        length: 20.0,
        siblings: None,
        age: Some(6),
        birthday: datetime!(2012-01-05 01:00:00 UTC),
    })
}

fn sawshark(siblings: Option<Vec<Fish>>) -> Fish {
    Fish::Sawshark(models::Sawshark {
        species: s("dangerous"),
        length: 10.0,
        siblings,
        age: Some(105),
        birthday: datetime!(1900-01-05 01:00:00 UTC),
        picture: Some(vec![255, 255, 255, 255, 254]),
    })
}

fn goblin() -> Fish {
    Fish::Goblinshark(models::Goblinshark {
        species: s("scary"),
        length: 30.0,
        siblings: None,
        age: Some(1),
        birthday: datetime!(2015-08-08 00:00:00 UTC),
        jawsize: Some(5),
        // Not one of the enum's values: an extensible enum keeps it.
        color: Some(models::GoblinSharkColor::UnknownValue("pinkish-gray".to_string())),
    })
}

/// The salmon of `rawFish` / `regularSalmon` (complex.js), its kind aside.
fn salmon() -> models::Salmon {
    models::Salmon {
        species: s("king"),
        length: 1.0,
        siblings: Some(vec![shark(), sawshark(None), goblin()]),
        location: s("alaska"),
        iswild: Some(true),
    }
}

/// `bigfishRaw` of complex.js: fish whose siblings are fish, down three levels.
fn big_fish() -> Fish {
    let inner_salmon = Fish::Salmon(models::Salmon {
        species: s("coho"),
        length: 2.0,
        siblings: Some(vec![shark(), sawshark(None)]),
        location: s("atlantic"),
        iswild: Some(true),
    });
    let shark = Fish::Shark(models::Shark {
        species: s("predator"),
        length: 20.0,
        siblings: Some(vec![inner_salmon, sawshark(Some(vec![]))]),
        age: Some(6),
        birthday: datetime!(2012-01-05 01:00:00 UTC),
    });
    Fish::Salmon(models::Salmon {
        species: s("king"),
        length: 1.0,
        siblings: Some(vec![shark, sawshark(Some(vec![]))]),
        location: s("alaska"),
        iswild: Some(true),
    })
}

fn dot_salmon(location: &str, iswild: bool) -> models::DotSalmon {
    models::DotSalmon {
        species: s("king"),
        location: s(location),
        iswild: Some(iswild),
    }
}

fn siamese() -> models::Siamese {
    models::Siamese {
        id: Some(2),
        name: s("Siameeee"),
        color: s("green"),
        hates: Some(vec![
            models::Dog {
                id: Some(1),
                name: s("Potato"),
                food: s("tomato"),
            },
            models::Dog {
                id: Some(-1),
                name: s("Tomato"),
                food: s("french fries"),
            },
        ]),
        breed: s("persian"),
    }
}

fn basic() -> Vec<Scenario> {
    vec![
        scenario!("getComplexBasicValid", |ctx| {
            let value = value!(c!(ctx).basic().get_valid(None));
            eq(
                "value",
                value,
                models::Basic {
                    id: Some(2),
                    name: s("abc"),
                    color: Some(models::CmykColors::Yellow),
                },
            )
        }),
        scenario!("putComplexBasicValid", |ctx| {
            let c = c!(ctx);
            put_ok!(c.basic().put_valid(
                models::Basic {
                    id: Some(2),
                    name: s("abc"),
                    color: Some(models::CmykColors::Magenta),
                },
                None
            ))
        }),
        scenario!("getComplexBasicEmpty", |ctx| {
            let value = value!(c!(ctx).basic().get_empty(None));
            eq(
                "value",
                value,
                models::Basic {
                    id: None,
                    name: None,
                    color: None,
                },
            )
        }),
        scenario!("getComplexBasicNull", |ctx| {
            // `{"id": null, "name": null}`: `id` is x-nullable, `name` optional; both absent.
            let value = value!(c!(ctx).basic().get_null(None));
            eq(
                "value",
                value,
                models::Basic {
                    id: None,
                    name: None,
                    color: None,
                },
            )
        }),
        scenario!("getComplexBasicNotProvided", |ctx| {
            // A 200 without a body: the value must be absent (an `Option`), not an error.
            match c!(ctx).basic().get_not_provided(None).await {
                Ok(r) => Err(format!("no body decoded as {:?}", r.value())),
                Err(e) => Err(format!("no body is an error: {e}")),
            }
        }),
        scenario!("getComplexBasicInvalid", |ctx| {
            // `{"id": "a", ...}`: a string where the spec says integer.
            let c = c!(ctx);
            decode_err(
                "`id` is \"a\"",
                c.basic().get_invalid(None).await,
                "invalid type: string",
            )
        }),
    ]
}

fn primitive() -> Vec<Scenario> {
    vec![
        scenario!("getComplexPrimitiveInteger", |ctx| {
            let value = value!(c!(ctx).primitive().get_int(None));
            eq(
                "value",
                value,
                models::IntWrapper {
                    field1: Some(-1),
                    field2: Some(2),
                },
            )
        }),
        scenario!("putComplexPrimitiveInteger", |ctx| {
            let c = c!(ctx);
            put_ok!(c.primitive().put_int(
                models::IntWrapper {
                    field1: Some(-1),
                    field2: Some(2),
                },
                None
            ))
        }),
        scenario!("getComplexPrimitiveLong", |ctx| {
            let value = value!(c!(ctx).primitive().get_long(None));
            eq(
                "value",
                value,
                models::LongWrapper {
                    field1: Some(1099511627775),
                    field2: Some(-999511627788),
                },
            )
        }),
        scenario!("putComplexPrimitiveLong", |ctx| {
            let c = c!(ctx);
            put_ok!(c.primitive().put_long(
                models::LongWrapper {
                    field1: Some(1099511627775),
                    field2: Some(-999511627788),
                },
                None
            ))
        }),
        scenario!("getComplexPrimitiveFloat", |ctx| {
            let value = value!(c!(ctx).primitive().get_float(None));
            eq(
                "value",
                value,
                models::FloatWrapper {
                    field1: Some(1.05),
                    field2: Some(-0.003),
                },
            )
        }),
        scenario!("putComplexPrimitiveFloat", |ctx| {
            let c = c!(ctx);
            put_ok!(c.primitive().put_float(
                models::FloatWrapper {
                    field1: Some(1.05),
                    field2: Some(-0.003),
                },
                None
            ))
        }),
        scenario!("getComplexPrimitiveDouble", |ctx| {
            let value = value!(c!(ctx).primitive().get_double(None));
            eq(
                "value",
                value,
                models::DoubleWrapper {
                    field1: Some(3e-100),
                    field_56_zeros_after_the_dot_and_negative_zero_before_dot_and_this_is_a_long_field_name_on_purpose:
                        Some(-5e-57),
                },
            )
        }),
        scenario!("putComplexPrimitiveDouble", |ctx| {
            let c = c!(ctx);
            put_ok!(c.primitive().put_double(models::DoubleWrapper {
                field1: Some(3e-100),
                field_56_zeros_after_the_dot_and_negative_zero_before_dot_and_this_is_a_long_field_name_on_purpose:
                    Some(-5e-57),
            }, None))
        }),
        scenario!("getComplexPrimitiveBool", |ctx| {
            let value = value!(c!(ctx).primitive().get_bool(None));
            eq(
                "value",
                value,
                models::BooleanWrapper {
                    field_true: Some(true),
                    field_false: Some(false),
                },
            )
        }),
        scenario!("putComplexPrimitiveBool", |ctx| {
            let c = c!(ctx);
            put_ok!(c.primitive().put_bool(
                models::BooleanWrapper {
                    field_true: Some(true),
                    field_false: Some(false),
                },
                None
            ))
        }),
        scenario!("getComplexPrimitiveString", |ctx| {
            // `"null": null`: an optional string, absent.
            let value = value!(c!(ctx).primitive().get_string(None));
            eq(
                "value",
                value,
                models::StringWrapper {
                    field: s("goodrequest"),
                    empty: s(""),
                    null: None,
                },
            )
        }),
        scenario!("putComplexPrimitiveString", |ctx| {
            let c = c!(ctx);
            put_ok!(c.primitive().put_string(
                models::StringWrapper {
                    field: s("goodrequest"),
                    empty: s(""),
                    null: None,
                },
                None
            ))
        }),
        scenario!("getComplexPrimitiveDate", |ctx| {
            let value = value!(c!(ctx).primitive().get_date(None));
            eq(
                "value",
                value,
                models::DateWrapper {
                    field: Some(date!(0001 - 01 - 01)),
                    leap: Some(date!(2016 - 02 - 29)),
                },
            )
        }),
        scenario!("putComplexPrimitiveDate", |ctx| {
            let c = c!(ctx);
            put_ok!(c.primitive().put_date(
                models::DateWrapper {
                    field: Some(date!(0001 - 01 - 01)),
                    leap: Some(date!(2016 - 02 - 29)),
                },
                None
            ))
        }),
        scenario!("getComplexPrimitiveDateTime", |ctx| {
            let value = value!(c!(ctx).primitive().get_date_time(None));
            eq(
                "value",
                value,
                models::DatetimeWrapper {
                    field: Some(datetime!(0001-01-01 00:00:00 UTC)),
                    now: Some(datetime!(2015-05-18 18:38:00 UTC)),
                },
            )
        }),
        scenario!("putComplexPrimitiveDateTime", |ctx| {
            let c = c!(ctx);
            put_ok!(c.primitive().put_date_time(
                models::DatetimeWrapper {
                    field: Some(datetime!(0001-01-01 00:00:00 UTC)),
                    now: Some(datetime!(2015-05-18 18:38:00 UTC)),
                },
                None
            ))
        }),
        scenario!("getComplexPrimitiveDateTimeRfc1123", |ctx| {
            // `Mon, 01 Jan 0001 00:00:00 GMT` and `Mon, 18 May 2015 11:38:00 GMT`.
            let c = c!(ctx);
            let value = value!(c.primitive().get_date_time_rfc1123(None));
            eq(
                "value",
                value,
                models::Datetimerfc1123Wrapper {
                    field: Some(datetime!(0001-01-01 00:00:00 UTC)),
                    now: Some(datetime!(2015-05-18 11:38:00 UTC)),
                },
            )
        }),
        scenario!("putComplexPrimitiveDateTimeRfc1123", |ctx| {
            let c = c!(ctx);
            put_ok!(c.primitive().put_date_time_rfc1123(
                models::Datetimerfc1123Wrapper {
                    field: Some(datetime!(0001-01-01 00:00:00 UTC)),
                    now: Some(datetime!(2015-05-18 11:38:00 UTC)),
                },
                None
            ))
        }),
        scenario!("getComplexPrimitiveDuration", |ctx| {
            // P123DT22H14M12.011S, to the millisecond.
            let value = value!(c!(ctx).primitive().get_duration(None));
            let expected = time::Duration::days(123)
                + time::Duration::hours(22)
                + time::Duration::minutes(14)
                + time::Duration::milliseconds(12_011);
            eq("value", value, models::DurationWrapper { field: Some(expected) })
        }),
        scenario!("putComplexPrimitiveDuration", |ctx| {
            let c = c!(ctx);
            let field = time::Duration::days(123)
                + time::Duration::hours(22)
                + time::Duration::minutes(14)
                + time::Duration::milliseconds(12_011);
            put_ok!(c
                .primitive()
                .put_duration(models::DurationWrapper { field: Some(field) }, None))
        }),
        scenario!("getComplexPrimitiveByte", |ctx| {
            let value = value!(c!(ctx).primitive().get_byte(None));
            eq(
                "value",
                value,
                models::ByteWrapper {
                    field: Some(vec![255, 254, 253, 252, 0, 250, 249, 248, 247, 246]),
                },
            )
        }),
        scenario!("putComplexPrimitiveByte", |ctx| {
            let c = c!(ctx);
            put_ok!(c.primitive().put_byte(
                models::ByteWrapper {
                    field: Some(vec![255, 254, 253, 252, 0, 250, 249, 248, 247, 246]),
                },
                None
            ))
        }),
    ]
}

fn array_and_dictionary() -> Vec<Scenario> {
    vec![
        scenario!("getComplexArrayValid", |ctx| {
            // The server's array holds a `null`, but the spec's items are a plain (not x-nullable)
            // `string`: the body breaks the spec, and a `Vec<String>` rightly refuses it.
            let c = c!(ctx);
            decode_err("a null item", c.array().get_valid(None).await, "invalid type: null")
        }),
        scenario!("putComplexArrayValid", |ctx| {
            // The server wants `["1, 2, 3, 4", "", null, "&S#$(*Y", "The quick ..."]`; the spec's
            // items are not nullable, so the typed body can only be the strings.
            let c = c!(ctx);
            put_ok!(c.array().put_valid(
                models::ArrayWrapper {
                    array: Some(vec![
                        "1, 2, 3, 4".to_string(),
                        String::new(),
                        "&S#$(*Y".to_string(),
                        "The quick brown fox jumps over the lazy dog".to_string(),
                    ]),
                },
                None
            ))
        }),
        scenario!("getComplexArrayEmpty", |ctx| {
            let value = value!(c!(ctx).array().get_empty(None));
            eq("value", value, models::ArrayWrapper { array: Some(vec![]) })
        }),
        scenario!("putComplexArrayEmpty", |ctx| {
            let c = c!(ctx);
            put_ok!(c.array().put_empty(models::ArrayWrapper { array: Some(vec![]) }, None))
        }),
        scenario!("getComplexArrayNotProvided", |ctx| {
            let c = c!(ctx);
            eq(
                "value",
                value!(c.array().get_not_provided(None)),
                models::ArrayWrapper { array: None },
            )
        }),
        scenario!("getComplexDictionaryValid", |ctx| {
            // `"": null` in a dictionary whose values are a plain (not x-nullable) `string` (only the
            // dictionary itself is x-nullable): the body breaks the spec, and is refused.
            let c = c!(ctx);
            decode_err(
                "a null value",
                c.dictionary().get_valid(None).await,
                "invalid type: null",
            )
        }),
        scenario!("putComplexDictionaryValid", |ctx| {
            // The server wants `"": null` too, which the typed (non-nullable) values cannot hold.
            let c = c!(ctx);
            let programs = [("txt", "notepad"), ("bmp", "mspaint"), ("xls", "excel"), ("exe", "")];
            put_ok!(c.dictionary().put_valid(
                models::DictionaryWrapper {
                    default_program: Some(programs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()),
                },
                None
            ))
        }),
        scenario!("getComplexDictionaryEmpty", |ctx| {
            let value = value!(c!(ctx).dictionary().get_empty(None));
            eq(
                "value",
                value,
                models::DictionaryWrapper {
                    default_program: Some(BTreeMap::new()),
                },
            )
        }),
        scenario!("putComplexDictionaryEmpty", |ctx| {
            let c = c!(ctx);
            put_ok!(c.dictionary().put_empty(
                models::DictionaryWrapper {
                    default_program: Some(BTreeMap::new()),
                },
                None
            ))
        }),
        scenario!("getComplexDictionaryNull", |ctx| {
            // `{"defaultProgram": null}`: the dictionary is x-nullable, absent.
            let value = value!(c!(ctx).dictionary().get_null(None));
            eq("value", value, models::DictionaryWrapper { default_program: None })
        }),
        scenario!("getComplexDictionaryNotProvided", |ctx| {
            let c = c!(ctx);
            eq(
                "value",
                value!(c.dictionary().get_not_provided(None)),
                models::DictionaryWrapper { default_program: None },
            )
        }),
    ]
}

fn inheritance_and_polymorphism() -> Vec<Scenario> {
    vec![
        scenario!("getComplexInheritanceValid", |ctx| {
            let value = value!(c!(ctx).inheritance().get_valid(None));
            eq("value", value, siamese())
        }),
        scenario!("putComplexInheritanceValid", |ctx| {
            let c = c!(ctx);
            put_ok!(c.inheritance().put_valid(siamese(), None))
        }),
        scenario!("getComplexPolymorphismValid", |ctx| {
            let value = value!(c!(ctx).polymorphism().get_valid(None));
            eq("value", value, Fish::Salmon(salmon()))
        }),
        scenario!("putComplexPolymorphismValid", |ctx| {
            let c = c!(ctx);
            put_ok!(c.polymorphism().put_valid(Fish::Salmon(salmon()), None))
        }),
        scenario!("getComplexPolymorphismComplicated", |ctx| {
            // A `smart_salmon` (a kind of salmon) with five additional properties (smart_salmon
            // has `additionalProperties: true`): the value must keep its kind and those properties.
            let c = c!(ctx);
            let response = call!(c.polymorphism().get_complicated(None));
            let sent: serde_json::Value =
                serde_json::from_slice(response.body()).map_err(|e| format!("the body is not JSON: {e}"))?;
            let value = response.into_value();
            eq("value", &value, &salmon())?;
            let kept = serde_json::to_value(&value).map_err(|e| format!("serializing the value: {e}"))?;
            let show = |v: Option<&serde_json::Value>| v.map_or("nothing".to_string(), |v| v.to_string());
            let lost: Vec<String> = [
                "fishtype",
                "additionalProperty1",
                "additionalProperty2",
                "additionalProperty3",
                "additionalProperty4",
                "additionalProperty5",
            ]
            .iter()
            .filter(|key| kept.get(**key) != sent.get(**key))
            .map(|key| format!("`{key}` sent {}, kept {}", show(sent.get(*key)), show(kept.get(*key))))
            .collect();
            if lost.is_empty() {
                Ok(())
            } else {
                Err(format!("the value lost what the server sent: {}", lost.join("; ")))
            }
        }),
        scenario!("putComplexPolymorphismComplicated", |ctx| {
            // The server wants a `smart_salmon` with additionalProperty1..5 (`rawSalmon`); the
            // parameter's type `Salmon` has no smart_salmon variant nor additional properties, so
            // this sends what it can hold.
            let c = c!(ctx);
            put_ok!(c.polymorphism().put_complicated(salmon(), None))
        }),
        scenario!("putComplexPolymorphismNoDiscriminator", |ctx| {
            // Sends a salmon (with its `fishtype`); the answer is the same salmon without
            // `fishtype`: it is read as the declared type.
            let c = c!(ctx);
            let response = c.polymorphism().put_missing_discriminator(salmon(), None).await;
            match response {
                Ok(r) => {
                    eq("status", r.status().as_u16(), 200)?;
                    eq("value", r.into_value(), salmon())
                }
                Err(e) => Err(format!("put_missing_discriminator: {e}")),
            }
        }),
        scenario!("getComplexPolymorphismDotSyntax", |ctx| {
            // The discriminator's name has a dot: `fish.type`.
            let c = c!(ctx);
            eq(
                "value",
                value!(c.polymorphism().get_dot_syntax(None)),
                models::DotFish::DotSalmon(dot_salmon("sweden", true)),
            )
        }),
        scenario!("getComposedWithDiscriminator", |ctx| {
            let c = c!(ctx);
            eq(
                "value",
                value!(c.polymorphism().get_composed_with_discriminator(None)),
                models::DotFishMarket {
                    sample_salmon: Some(dot_salmon("sweden", false)),
                    salmons: Some(vec![dot_salmon("sweden", false), dot_salmon("atlantic", true)]),
                    sample_fish: Some(models::DotFish::DotSalmon(dot_salmon("australia", false))),
                    fishes: Some(vec![
                        models::DotFish::DotSalmon(dot_salmon("australia", false)),
                        models::DotFish::DotSalmon(dot_salmon("canada", true)),
                    ]),
                },
            )
        }),
        scenario!("getComposedWithoutDiscriminator", |ctx| {
            // No `fish.type` anywhere. The operation says: "Deserialization must NOT fail and use
            // the explicit type of the property": DotSalmon where declared DotSalmon, the base
            // DotFish (species only) where declared DotFish.
            let c = c!(ctx);
            let dot_fish = || models::DotFish::DotFishBase(models::DotFishBase { species: s("king") });
            let value = value!(c.polymorphism().get_composed_without_discriminator(None));
            eq("sampleSalmon", value.sample_salmon, Some(dot_salmon("sweden", false)))?;
            eq(
                "salmons",
                value.salmons,
                Some(vec![dot_salmon("sweden", false), dot_salmon("atlantic", true)]),
            )?;
            eq("sampleFish", value.sample_fish, Some(dot_fish()))?;
            eq("fishes", value.fishes, Some(vec![dot_fish(), dot_fish()]))
        }),
        scenario!("getComplexPolymorphicRecursiveValid", |ctx| {
            let c = c!(ctx);
            eq("value", value!(c.polymorphicrecursive().get_valid(None)), big_fish())
        }),
        scenario!("putComplexPolymorphicRecursiveValid", |ctx| {
            let c = c!(ctx);
            put_ok!(c.polymorphicrecursive().put_valid(big_fish(), None))
        }),
    ]
}

fn readonly() -> Vec<Scenario> {
    vec![
        scenario!("getComplexReadOnlyPropertyValid", |ctx| {
            let c = c!(ctx);
            eq(
                "value",
                value!(c.readonlyproperty().get_valid(None)),
                models::ReadonlyObj {
                    id: s("1234"),
                    size: Some(2),
                },
            )
        }),
        scenario!("putComplexReadOnlyPropertyValid", |ctx| {
            // The object as read (with its read-only `id`) sent back: a read-only property is the
            // server's, and is left out of the request body.
            let c = c!(ctx);
            put_ok!(c.readonlyproperty().put_valid(
                models::ReadonlyObj {
                    id: s("1234"),
                    size: Some(2),
                },
                None
            ))
        }),
    ]
}

pub fn all() -> Vec<Scenario> {
    [
        basic(),
        primitive(),
        array_and_dictionary(),
        inheritance_and_polymorphism(),
        readonly(),
    ]
    .into_iter()
    .flatten()
    .collect()
}
