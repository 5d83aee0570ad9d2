//! body-array.

use std::collections::BTreeMap;
use std::fmt::Debug;

use body_array::models::{ArrayPutStringEnumValidBodyItem, FooEnum, GetStringEnumValidResponseItem, Product};
use time::macros::{date, datetime};

use super::{eq, expect_err, Outcome, Scenario};
use crate::{call, client, scenario, value};

/// The array operations of a client for the server.
macro_rules! array {
    ($ctx:expr) => {
        client!(body_array, $ctx).array()
    };
}

/// A PUT: the server checks the body and answers 200.
macro_rules! put_ok {
    ($call:expr) => {
        eq("status", call!($call).status().as_u16(), 200)
    };
}

/// A response body the generated type cannot hold: an error, and a decoding error (not a
/// transport or status error).
macro_rules! decode_err {
    ($call:expr) => {{
        let error = expect_err(stringify!($call), $call.await)?;
        if error.starts_with("Deserialize") {
            Ok(())
        } else {
            Err(format!("expected a decoding error, got {error}"))
        }
    }};
}

/// Compares by the `Debug` text, for values whose generated type is not the one the spec calls
/// for (nullable items, `base64url` bytes): the check compiles against either type.
fn eq_debug<A: Debug, E: Debug>(what: &str, actual: A, expected: E) -> Outcome {
    eq(what, format!("{actual:?}"), format!("{expected:?}"))
}

fn product(integer: i64, string: &str) -> Product {
    Product {
        integer: Some(integer),
        string: Some(string.to_string()),
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn dictionary(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
    entries.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

const UUIDS: [&str; 3] = [
    "6dcc7237-45fe-45c4-8a6b-3a8a3f625652",
    "d1399005-30f7-40d6-8da6-dd7c89ad34db",
    "f42f6aa1-a5bc-4ddf-907e-5f915de43205",
];

fn bytes() -> Vec<Vec<u8>> {
    vec![vec![255, 255, 255, 250], vec![1, 2, 3], vec![37, 41, 67]]
}

/// P123DT22H14M12.011S and P5DT1H0M0S.
fn durations() -> Vec<time::Duration> {
    vec![
        time::Duration::days(123)
            + time::Duration::hours(22)
            + time::Duration::minutes(14)
            + time::Duration::seconds(12)
            + time::Duration::milliseconds(11),
        time::Duration::days(5) + time::Duration::hours(1),
    ]
}

fn three_dictionaries() -> Vec<BTreeMap<String, String>> {
    vec![
        dictionary(&[("1", "one"), ("2", "two"), ("3", "three")]),
        dictionary(&[("4", "four"), ("5", "five"), ("6", "six")]),
        dictionary(&[("7", "seven"), ("8", "eight"), ("9", "nine")]),
    ]
}

pub fn all() -> Vec<Scenario> {
    let mut all = basics();
    all.extend(numbers());
    all.extend(strings_and_enums());
    all.extend(formatted());
    all.extend(complex());
    all.extend(arrays());
    all.extend(dictionaries());
    all
}

fn basics() -> Vec<Scenario> {
    vec![
        scenario!("putArrayEmpty", |ctx| { put_ok!(array!(ctx).put_empty(vec![], None)) }),
        scenario!("getArrayEmpty", |ctx| {
            eq("value", value!(array!(ctx).get_empty(None)), vec![])
        }),
        scenario!("getArrayNull", |ctx| {
            // No body, and the response schema is not `x-nullable`: `Vec<i64>` cannot be absent.
            decode_err!(array!(ctx).get_null(None))
        }),
        scenario!("getArrayInvalid", |ctx| {
            // `[1, 2, 3` is not JSON.
            decode_err!(array!(ctx).get_invalid(None))
        }),
        scenario!("getArrayBooleanValid", |ctx| {
            eq(
                "value",
                value!(array!(ctx).get_boolean_tfft(None)),
                vec![true, false, false, true],
            )
        }),
        scenario!("putArrayBooleanValid", |ctx| {
            put_ok!(array!(ctx).put_boolean_tfft(vec![true, false, false, true], None))
        }),
        scenario!("getArrayBooleanWithNull", |ctx| {
            // [true, null, false]: the items are not `x-nullable`, a `bool` cannot be null.
            decode_err!(array!(ctx).get_boolean_invalid_null(None))
        }),
        scenario!("getArrayBooleanWithString", |ctx| {
            // [true, "boolean", false]: a string is not a `bool`.
            decode_err!(array!(ctx).get_boolean_invalid_string(None))
        }),
    ]
}

fn numbers() -> Vec<Scenario> {
    vec![
        scenario!("getArrayIntegerValid", |ctx| {
            eq(
                "value",
                value!(array!(ctx).get_integer_valid(None)),
                vec![1, -1, 3, 300],
            )
        }),
        scenario!("putArrayIntegerValid", |ctx| {
            put_ok!(array!(ctx).put_integer_valid(vec![1, -1, 3, 300], None))
        }),
        scenario!("getArrayIntegerWithNull", |ctx| {
            // [1, null, 0]: the items are not `x-nullable`, an integer cannot be null.
            decode_err!(array!(ctx).get_int_invalid_null(None))
        }),
        scenario!("getArrayIntegerWithString", |ctx| {
            // [1, "integer", 0]: a string is not an integer.
            decode_err!(array!(ctx).get_int_invalid_string(None))
        }),
        scenario!("getArrayLongValid", |ctx| {
            eq("value", value!(array!(ctx).get_long_valid(None)), vec![1, -1, 3, 300])
        }),
        scenario!("putArrayLongValid", |ctx| {
            put_ok!(array!(ctx).put_long_valid(vec![1, -1, 3, 300], None))
        }),
        scenario!("getArrayLongWithNull", |ctx| {
            // [1, null, 0]: the items are not `x-nullable`, an integer cannot be null.
            decode_err!(array!(ctx).get_long_invalid_null(None))
        }),
        scenario!("getArrayLongWithString", |ctx| {
            // [1, "integer", 0]: a string is not an integer.
            decode_err!(array!(ctx).get_long_invalid_string(None))
        }),
        scenario!("getArrayFloatValid", |ctx| {
            eq(
                "value",
                value!(array!(ctx).get_float_valid(None)),
                vec![0.0, -0.01, -1.2e20],
            )
        }),
        scenario!("putArrayFloatValid", |ctx| {
            put_ok!(array!(ctx).put_float_valid(vec![0.0, -0.01, -1.2e20], None))
        }),
        scenario!("getArrayFloatWithNull", |ctx| {
            // [0.0, null, -1.2e20]: the items are not `x-nullable`, a number cannot be null.
            decode_err!(array!(ctx).get_float_invalid_null(None))
        }),
        scenario!("getArrayFloatWithString", |ctx| {
            // [1, "number", 0]: a string is not a number.
            decode_err!(array!(ctx).get_float_invalid_string(None))
        }),
        scenario!("getArrayDoubleValid", |ctx| {
            eq(
                "value",
                value!(array!(ctx).get_double_valid(None)),
                vec![0.0, -0.01, -1.2e20],
            )
        }),
        scenario!("putArrayDoubleValid", |ctx| {
            put_ok!(array!(ctx).put_double_valid(vec![0.0, -0.01, -1.2e20], None))
        }),
        scenario!("getArrayDoubleWithNull", |ctx| {
            // [0.0, null, -1.2e20]: the items are not `x-nullable`, a number cannot be null.
            decode_err!(array!(ctx).get_double_invalid_null(None))
        }),
        scenario!("getArrayDoubleWithString", |ctx| {
            // [1, "number", 0]: a string is not a number.
            decode_err!(array!(ctx).get_double_invalid_string(None))
        }),
    ]
}

fn strings_and_enums() -> Vec<Scenario> {
    vec![
        scenario!("getArrayStringValid", |ctx| {
            eq(
                "value",
                value!(array!(ctx).get_string_valid(None)),
                strings(&["foo1", "foo2", "foo3"]),
            )
        }),
        scenario!("putArrayStringValid", |ctx| {
            put_ok!(array!(ctx).put_string_valid(strings(&["foo1", "foo2", "foo3"]), None))
        }),
        scenario!("getArrayStringWithNull", |ctx| {
            // The items are `x-nullable` strings: ["foo", null, "foo2"] is a valid value.
            eq_debug(
                "value",
                value!(array!(ctx).get_string_with_null(None)),
                vec![Some("foo".to_string()), None, Some("foo2".to_string())],
            )
        }),
        scenario!("getArrayStringWithNumber", |ctx| {
            // ["foo", 123, "foo2"]: a number is not a string.
            decode_err!(array!(ctx).get_string_with_invalid(None))
        }),
        scenario!("getArrayEnumValid", |ctx| {
            eq(
                "value",
                value!(array!(ctx).get_enum_valid(None)),
                vec![FooEnum::Foo1, FooEnum::Foo2, FooEnum::Foo3],
            )
        }),
        scenario!("putArrayEnumValid", |ctx| {
            put_ok!(array!(ctx).put_enum_valid(vec![FooEnum::Foo1, FooEnum::Foo2, FooEnum::Foo3], None))
        }),
        scenario!("getArrayStringEnumValid", |ctx| {
            use GetStringEnumValidResponseItem as Item;
            eq(
                "value",
                value!(array!(ctx).get_string_enum_valid(None)),
                vec![Item::Foo1, Item::Foo2, Item::Foo3],
            )
        }),
        scenario!("putArrayStringEnumValid", |ctx| {
            use ArrayPutStringEnumValidBodyItem as Item;
            put_ok!(array!(ctx).put_string_enum_valid(vec![Item::Foo1, Item::Foo2, Item::Foo3], None))
        }),
    ]
}

fn formatted() -> Vec<Scenario> {
    vec![
        scenario!("getArrayUuidValid", |ctx| {
            let value = value!(array!(ctx).get_uuid_valid(None));
            eq("value", value.iter().map(|u| u.to_string()).collect(), strings(&UUIDS))
        }),
        scenario!("putArrayUuidValid", |ctx| {
            // The harness has no `uuid` dependency: the values come from their text.
            let ids = serde_json::from_value(serde_json::json!(UUIDS)).map_err(|e| format!("the uuids: {e}"))?;
            put_ok!(array!(ctx).put_uuid_valid(ids, None))
        }),
        scenario!("getArrayUuidWithInvalidChars", |ctx| {
            // ["6dcc7237-...", "foo"]: "foo" is not a uuid.
            decode_err!(array!(ctx).get_uuid_invalid_chars(None))
        }),
        scenario!("getArrayDateValid", |ctx| {
            eq(
                "value",
                value!(array!(ctx).get_date_valid(None)),
                vec![date!(2000 - 12 - 01), date!(1980 - 01 - 02), date!(1492 - 10 - 12)],
            )
        }),
        scenario!("putArrayDateValid", |ctx| {
            let dates = vec![date!(2000 - 12 - 01), date!(1980 - 01 - 02), date!(1492 - 10 - 12)];
            put_ok!(array!(ctx).put_date_valid(dates, None))
        }),
        scenario!("getArrayDateWithNull", |ctx| {
            // ["2012-01-01", null, "1776-07-04"]: the items are not `x-nullable`, a date cannot be null.
            decode_err!(array!(ctx).get_date_invalid_null(None))
        }),
        scenario!("getArrayDateWithInvalidChars", |ctx| {
            // ["2011-03-22", "date"]: "date" is not a date.
            decode_err!(array!(ctx).get_date_invalid_chars(None))
        }),
        scenario!("getArrayDateTimeValid", |ctx| {
            // ["2000-12-01t00:00:01z", "1980-01-02T00:11:35+01:00", "1492-10-12T10:15:01-08:00"]
            let value = value!(array!(ctx).get_date_time_valid(None));
            let expected = vec![
                datetime!(2000-12-01 00:00:01 UTC),
                datetime!(1980-01-02 00:11:35 +01:00),
                datetime!(1492-10-12 10:15:01 -08:00),
            ];
            eq("value", &value, &expected)?;
            // The same instants, and the offsets as sent.
            eq(
                "offsets",
                value.iter().map(|v| v.offset()).collect::<Vec<_>>(),
                expected.iter().map(|v| v.offset()).collect(),
            )
        }),
        scenario!("putArrayDateTimeValid", |ctx| {
            let values = vec![
                datetime!(2000-12-01 00:00:01 UTC),
                datetime!(1980-01-02 00:11:35 UTC),
                datetime!(1492-10-12 10:15:01 UTC),
            ];
            put_ok!(array!(ctx).put_date_time_valid(values, None))
        }),
        scenario!("getArrayDateTimeWithNull", |ctx| {
            // ["2000-12-01T00:00:01.000Z", null]: the items are not `x-nullable`, a date-time cannot be null.
            decode_err!(array!(ctx).get_date_time_invalid_null(None))
        }),
        scenario!("getArrayDateTimeWithInvalidChars", |ctx| {
            // ["2000-12-01t00:00:01z", "date-time"]: "date-time" is not a date-time.
            decode_err!(array!(ctx).get_date_time_invalid_chars(None))
        }),
        scenario!("getArrayDateTimeRfc1123Valid", |ctx| {
            // ["Fri, 01 Dec 2000 00:00:01 GMT", "Wed, 02 Jan 1980 00:11:35 GMT", "Wed, 12 Oct 1492 10:15:01 GMT"]
            eq(
                "value",
                value!(array!(ctx).get_date_time_rfc1123_valid(None)),
                vec![
                    datetime!(2000-12-01 00:00:01 UTC),
                    datetime!(1980-01-02 00:11:35 UTC),
                    datetime!(1492-10-12 10:15:01 UTC),
                ],
            )
        }),
        scenario!("putArrayDateTimeRfc1123Valid", |ctx| {
            let values = vec![
                datetime!(2000-12-01 00:00:01 UTC),
                datetime!(1980-01-02 00:11:35 UTC),
                datetime!(1492-10-12 10:15:01 UTC),
            ];
            put_ok!(array!(ctx).put_date_time_rfc1123_valid(values, None))
        }),
        scenario!("getArrayDurationValid", |ctx| {
            // ["P123DT22H14M12.011S", "P5DT1H0M0S"]
            eq("value", value!(array!(ctx).get_duration_valid(None)), durations())
        }),
        scenario!("putArrayDurationValid", |ctx| {
            // The server expects ["P123DT22H14M12.011S", "P5DT1H"].
            put_ok!(array!(ctx).put_duration_valid(durations(), None))
        }),
        scenario!("getArrayByteValid", |ctx| {
            // The base64 of [255, 255, 255, 250], [1, 2, 3], [37, 41, 67].
            eq("value", value!(array!(ctx).get_byte_valid(None)), bytes())
        }),
        scenario!("putArrayByteValid", |ctx| {
            put_ok!(array!(ctx).put_byte_valid(bytes(), None))
        }),
        scenario!("getArrayByteWithNull", |ctx| {
            // ["q6yt", null]: the items are not `x-nullable`, bytes cannot be null.
            decode_err!(array!(ctx).get_byte_invalid_null(None))
        }),
        scenario!("getArrayBase64Url", |ctx| {
            // `format: base64url` items: the decoded bytes.
            eq_debug(
                "value",
                value!(array!(ctx).get_base64_url(None)),
                vec![
                    b"a string that gets encoded with base64url".to_vec(),
                    b"test string".to_vec(),
                    b"Lorem ipsum".to_vec(),
                ],
            )
        }),
    ]
}

fn complex() -> Vec<Scenario> {
    vec![
        scenario!("getArrayComplexNull", |ctx| {
            // No body, and the response schema is not `x-nullable` (only its items are).
            decode_err!(array!(ctx).get_complex_null(None))
        }),
        scenario!("getArrayComplexEmpty", |ctx| {
            eq("value", value!(array!(ctx).get_complex_empty(None)), vec![])
        }),
        scenario!("getArrayComplexItemNull", |ctx| {
            // The items are `x-nullable`: [{1, "2"}, null, {5, "6"}] is a valid value.
            eq_debug(
                "value",
                value!(array!(ctx).get_complex_item_null(None)),
                vec![Some(product(1, "2")), None, Some(product(5, "6"))],
            )
        }),
        scenario!("getArrayComplexItemEmpty", |ctx| {
            let empty = Product {
                integer: None,
                string: None,
            };
            eq(
                "value",
                value!(array!(ctx).get_complex_item_empty(None)),
                vec![product(1, "2"), empty, product(5, "6")],
            )
        }),
        scenario!("getArrayComplexValid", |ctx| {
            eq(
                "value",
                value!(array!(ctx).get_complex_valid(None)),
                vec![product(1, "2"), product(3, "4"), product(5, "6")],
            )
        }),
        scenario!("putArrayComplexValid", |ctx| {
            put_ok!(array!(ctx).put_complex_valid(vec![product(1, "2"), product(3, "4"), product(5, "6")], None))
        }),
    ]
}

fn arrays() -> Vec<Scenario> {
    vec![
        scenario!("getArrayArrayNull", |ctx| {
            // No body, and the response schema is not `x-nullable`.
            decode_err!(array!(ctx).get_array_null(None))
        }),
        scenario!("getArrayArrayEmpty", |ctx| {
            eq("value", value!(array!(ctx).get_array_empty(None)), vec![])
        }),
        scenario!("getArrayArrayItemNull", |ctx| {
            // The items are `x-nullable`: [["1", "2", "3"], null, ["7", "8", "9"]] is a valid value.
            eq_debug(
                "value",
                value!(array!(ctx).get_array_item_null(None)),
                vec![Some(strings(&["1", "2", "3"])), None, Some(strings(&["7", "8", "9"]))],
            )
        }),
        scenario!("getArrayArrayItemEmpty", |ctx| {
            eq(
                "value",
                value!(array!(ctx).get_array_item_empty(None)),
                vec![strings(&["1", "2", "3"]), vec![], strings(&["7", "8", "9"])],
            )
        }),
        scenario!("getArrayArrayValid", |ctx| {
            eq(
                "value",
                value!(array!(ctx).get_array_valid(None)),
                vec![
                    strings(&["1", "2", "3"]),
                    strings(&["4", "5", "6"]),
                    strings(&["7", "8", "9"]),
                ],
            )
        }),
        scenario!("putArrayArrayValid", |ctx| {
            let value = vec![
                strings(&["1", "2", "3"]),
                strings(&["4", "5", "6"]),
                strings(&["7", "8", "9"]),
            ];
            put_ok!(array!(ctx).put_array_valid(value, None))
        }),
    ]
}

fn dictionaries() -> Vec<Scenario> {
    vec![
        scenario!("getArrayDictionaryNull", |ctx| {
            // No body, and the response schema is not `x-nullable` (only its items are).
            decode_err!(array!(ctx).get_dictionary_null(None))
        }),
        scenario!("getArrayDictionaryEmpty", |ctx| {
            eq("value", value!(array!(ctx).get_dictionary_empty(None)), vec![])
        }),
        scenario!("getArrayDictionaryItemNull", |ctx| {
            // The items are `x-nullable`: [{"1": "one", ...}, null, {"7": "seven", ...}] is a valid value.
            let [first, _, third] = <[_; 3]>::try_from(three_dictionaries()).map_err(|_| "three dictionaries")?;
            eq_debug(
                "value",
                value!(array!(ctx).get_dictionary_item_null(None)),
                vec![Some(first), None, Some(third)],
            )
        }),
        scenario!("getArrayDictionaryItemEmpty", |ctx| {
            let [first, _, third] = <[_; 3]>::try_from(three_dictionaries()).map_err(|_| "three dictionaries")?;
            eq(
                "value",
                value!(array!(ctx).get_dictionary_item_empty(None)),
                vec![first, BTreeMap::new(), third],
            )
        }),
        scenario!("getArrayDictionaryValid", |ctx| {
            eq(
                "value",
                value!(array!(ctx).get_dictionary_valid(None)),
                three_dictionaries(),
            )
        }),
        scenario!("putArrayDictionaryValid", |ctx| {
            put_ok!(array!(ctx).put_dictionary_valid(three_dictionaries(), None))
        }),
    ]
}
