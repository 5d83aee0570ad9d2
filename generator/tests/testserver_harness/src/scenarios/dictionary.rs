//! body-dictionary.

use std::collections::BTreeMap;
use std::fmt::Debug;

use body_dictionary::models::Widget;
use time::macros::{date, datetime};
use time::Duration;

use super::{eq, expect_err, Outcome, Scenario};
use crate::{call, client, scenario, value};

/// A map of string keys.
fn map<V, const N: usize>(entries: [(&str, V); N]) -> BTreeMap<String, V> {
    entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// Compares the `Debug` renderings: for values whose generated type is not the one it should be
/// (e.g. a nullable item that should be an `Option`, bytes that should be decoded), so that the
/// check compiles with the type generated today and with the right one.
fn same_debug<A: Debug, E: Debug>(what: &str, actual: A, expected: E) -> Outcome {
    eq(what, format!("{actual:?}"), format!("{expected:?}"))
}

fn widget(integer: i64, string: &str) -> Widget {
    Widget {
        integer: Some(integer),
        string: Some(string.to_string()),
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn byte_values() -> BTreeMap<String, Vec<u8>> {
    map([
        ("0", vec![255, 255, 255, 250]),
        ("1", vec![1, 2, 3]),
        ("2", vec![37, 41, 67]),
    ])
}

fn complex_values() -> BTreeMap<String, Widget> {
    map([("0", widget(1, "2")), ("1", widget(3, "4")), ("2", widget(5, "6"))])
}

fn array_values() -> BTreeMap<String, Vec<String>> {
    map([
        ("0", strings(&["1", "2", "3"])),
        ("1", strings(&["4", "5", "6"])),
        ("2", strings(&["7", "8", "9"])),
    ])
}

fn dictionary_values() -> BTreeMap<String, BTreeMap<String, String>> {
    let s = |v: &str| v.to_string();
    map([
        ("0", map([("1", s("one")), ("2", s("two")), ("3", s("three"))])),
        ("1", map([("4", s("four")), ("5", s("five")), ("6", s("six"))])),
        ("2", map([("7", s("seven")), ("8", s("eight")), ("9", s("nine"))])),
    ])
}

/// The status of a PUT, which must be 200 (the server checks the body).
macro_rules! put_ok {
    ($e:expr) => {
        eq("status", $crate::call!($e).status().as_u16(), 200)
    };
}

pub fn all() -> Vec<Scenario> {
    let mut all = general();
    all.extend(primitives());
    all.extend(formats());
    all.extend(nested());
    all
}

/// `/dictionary/*`: null, empty, invalid bodies and keys.
fn general() -> Vec<Scenario> {
    vec![
        scenario!("getDictionaryNull", |ctx| {
            // No body, and the schema is not `x-nullable`: no map to decode.
            expect_err(
                "no body",
                client!(body_dictionary, ctx).dictionary().get_null(None).await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryEmpty", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_empty(None)),
                BTreeMap::new(),
            )
        }),
        scenario!("putDictionaryEmpty", |ctx| {
            put_ok!(client!(body_dictionary, ctx)
                .dictionary()
                .put_empty(BTreeMap::new(), None))
        }),
        scenario!("getDictionaryNullValue", |ctx| {
            // `{"key1": null}`: the values are strings, not nullable.
            expect_err(
                "a null value",
                client!(body_dictionary, ctx).dictionary().get_null_value(None).await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryNullkey", |ctx| {
            // `{null: "val1"}` is not JSON.
            expect_err(
                "a null key",
                client!(body_dictionary, ctx).dictionary().get_null_key(None).await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryKeyEmptyString", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_empty_string_key(None)),
                map([("", "val1".to_string())]),
            )
        }),
        scenario!("getDictionaryInvalid", |ctx| {
            // `{"key1": "val1", "key2", "val2"` is not JSON.
            expect_err(
                "invalid JSON",
                client!(body_dictionary, ctx).dictionary().get_invalid(None).await,
            )
            .map(drop)
        }),
    ]
}

/// `/dictionary/prim/{boolean,integer,long,float,double,string}/*`.
fn primitives() -> Vec<Scenario> {
    vec![
        scenario!("getDictionaryBooleanValid", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_boolean_tfft(None)),
                map([("0", true), ("1", false), ("2", false), ("3", true)]),
            )
        }),
        scenario!("putDictionaryBooleanValid", |ctx| {
            let body = map([("0", true), ("1", false), ("2", false), ("3", true)]);
            put_ok!(client!(body_dictionary, ctx).dictionary().put_boolean_tfft(body, None))
        }),
        scenario!("getDictionaryBooleanWithNull", |ctx| {
            // `{"0": true, "1": null, "2": false}`: the values are not nullable.
            expect_err(
                "a null value",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_boolean_invalid_null(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryBooleanWithString", |ctx| {
            // `"boolean"` is not a boolean.
            expect_err(
                "a string value",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_boolean_invalid_string(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryIntegerValid", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_integer_valid(None)),
                map([("0", 1), ("1", -1), ("2", 3), ("3", 300)]),
            )
        }),
        scenario!("putDictionaryIntegerValid", |ctx| {
            let body = map([("0", 1), ("1", -1), ("2", 3), ("3", 300)]);
            put_ok!(client!(body_dictionary, ctx).dictionary().put_integer_valid(body, None))
        }),
        scenario!("getDictionaryIntegerWithNull", |ctx| {
            // `{"0": 1, "1": null, "2": 0}`: the values are not nullable.
            expect_err(
                "a null value",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_int_invalid_null(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryIntegerWithString", |ctx| {
            // `"integer"` is not an integer.
            expect_err(
                "a string value",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_int_invalid_string(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryLongValid", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_long_valid(None)),
                map([("0", 1), ("1", -1), ("2", 3), ("3", 300)]),
            )
        }),
        scenario!("putDictionaryLongValid", |ctx| {
            let body = map([("0", 1), ("1", -1), ("2", 3), ("3", 300)]);
            put_ok!(client!(body_dictionary, ctx).dictionary().put_long_valid(body, None))
        }),
        scenario!("getDictionaryLongWithNull", |ctx| {
            // `{"0": 1, "1": null, "2": 0}`: the values are not nullable.
            expect_err(
                "a null value",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_long_invalid_null(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryLongWithString", |ctx| {
            // `"integer"` is not an integer.
            expect_err(
                "a string value",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_long_invalid_string(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryFloatValid", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_float_valid(None)),
                map([("0", 0.0), ("1", -0.01), ("2", -1.2e20)]),
            )
        }),
        scenario!("putDictionaryFloatValid", |ctx| {
            let body = map([("0", 0.0), ("1", -0.01), ("2", -1.2e20)]);
            put_ok!(client!(body_dictionary, ctx).dictionary().put_float_valid(body, None))
        }),
        scenario!("getDictionaryFloatWithNull", |ctx| {
            // `{"0": 0.0, "1": null, "2": -1.2e20}`: the values are not nullable.
            expect_err(
                "a null value",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_float_invalid_null(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryFloatWithString", |ctx| {
            // `"number"` is not a number.
            expect_err(
                "a string value",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_float_invalid_string(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryDoubleValid", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_double_valid(None)),
                map([("0", 0.0), ("1", -0.01), ("2", -1.2e20)]),
            )
        }),
        scenario!("putDictionaryDoubleValid", |ctx| {
            let body = map([("0", 0.0), ("1", -0.01), ("2", -1.2e20)]);
            put_ok!(client!(body_dictionary, ctx).dictionary().put_double_valid(body, None))
        }),
        scenario!("getDictionaryDoubleWithNull", |ctx| {
            // `{"0": 0.0, "1": null, "2": -1.2e20}`: the values are not nullable.
            expect_err(
                "a null value",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_double_invalid_null(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryDoubleWithString", |ctx| {
            // `"number"` is not a number.
            expect_err(
                "a string value",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_double_invalid_string(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryStringValid", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_string_valid(None)),
                map([
                    ("0", "foo1".to_string()),
                    ("1", "foo2".to_string()),
                    ("2", "foo3".to_string()),
                ]),
            )
        }),
        scenario!("putDictionaryStringValid", |ctx| {
            let body = map([
                ("0", "foo1".to_string()),
                ("1", "foo2".to_string()),
                ("2", "foo3".to_string()),
            ]);
            put_ok!(client!(body_dictionary, ctx).dictionary().put_string_valid(body, None))
        }),
        scenario!("getDictionaryStringWithNull", |ctx| {
            // `{"0": "foo", "1": null, "2": "foo2"}`: the values are not nullable.
            expect_err(
                "a null value",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_string_with_null(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryStringWithNumber", |ctx| {
            // `123` is not a string.
            expect_err(
                "a number value",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_string_with_invalid(None)
                    .await,
            )
            .map(drop)
        }),
    ]
}

/// `/dictionary/prim/{date,date-time,date-time-rfc1123,duration,byte,base64url}/*`.
fn formats() -> Vec<Scenario> {
    vec![
        scenario!("getDictionaryDateValid", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_date_valid(None)),
                map([
                    ("0", date!(2000 - 12 - 01)),
                    ("1", date!(1980 - 01 - 02)),
                    ("2", date!(1492 - 10 - 12)),
                ]),
            )
        }),
        scenario!("putDictionaryDateValid", |ctx| {
            let body = map([
                ("0", date!(2000 - 12 - 01)),
                ("1", date!(1980 - 01 - 02)),
                ("2", date!(1492 - 10 - 12)),
            ]);
            put_ok!(client!(body_dictionary, ctx).dictionary().put_date_valid(body, None))
        }),
        scenario!("getDictionaryDateWithNull", |ctx| {
            // `{"0": "2012-01-01", "1": null, "2": "1776-07-04"}`: the values are not nullable.
            expect_err(
                "a null value",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_date_invalid_null(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryDateWithInvalidChars", |ctx| {
            // `"date"` is not a date.
            expect_err(
                "an invalid date",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_date_invalid_chars(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryDateTimeValid", |ctx| {
            let value = value!(client!(body_dictionary, ctx).dictionary().get_date_time_valid(None));
            // `OffsetDateTime` equality is on the instant: check the offsets too.
            let offsets: Vec<_> = value.values().map(|v| v.offset().whole_hours()).collect();
            eq("offsets", offsets, vec![0, 1, -8])?;
            eq(
                "value",
                value,
                map([
                    ("0", datetime!(2000-12-01 00:00:01 UTC)),
                    ("1", datetime!(1980-01-02 00:11:35 +01:00)),
                    ("2", datetime!(1492-10-12 10:15:01 -08:00)),
                ]),
            )
        }),
        scenario!("putDictionaryDateTimeValid", |ctx| {
            // The server compares the text with these instants in UTC.
            let body = map([
                ("0", datetime!(2000-12-01 00:00:01 UTC)),
                ("1", datetime!(1980-01-01 23:11:35 UTC)),
                ("2", datetime!(1492-10-12 18:15:01 UTC)),
            ]);
            put_ok!(client!(body_dictionary, ctx)
                .dictionary()
                .put_date_time_valid(body, None))
        }),
        scenario!("getDictionaryDateTimeWithNull", |ctx| {
            // `{"0": "2000-12-01t00:00:01z", "1": null}`: the values are not nullable.
            expect_err(
                "a null value",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_date_time_invalid_null(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryDateTimeWithInvalidChars", |ctx| {
            // `"date-time"` is not a date-time.
            expect_err(
                "an invalid date-time",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_date_time_invalid_chars(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryDateTimeRfc1123Valid", |ctx| {
            let value = value!(client!(body_dictionary, ctx)
                .dictionary()
                .get_date_time_rfc1123_valid(None));
            eq(
                "value",
                value,
                map([
                    ("0", datetime!(2000-12-01 00:00:01 UTC)),
                    ("1", datetime!(1980-01-02 00:11:35 UTC)),
                    ("2", datetime!(1492-10-12 10:15:01 UTC)),
                ]),
            )
        }),
        scenario!("putDictionaryDateTimeRfc1123Valid", |ctx| {
            let body = map([
                ("0", datetime!(2000-12-01 00:00:01 UTC)),
                ("1", datetime!(1980-01-02 00:11:35 UTC)),
                ("2", datetime!(1492-10-12 10:15:01 UTC)),
            ]);
            put_ok!(client!(body_dictionary, ctx)
                .dictionary()
                .put_date_time_rfc1123_valid(body, None))
        }),
        scenario!("getDictionaryDurationValid", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_duration_valid(None)),
                map([
                    (
                        "0",
                        Duration::days(123)
                            + Duration::hours(22)
                            + Duration::minutes(14)
                            + Duration::milliseconds(12_011),
                    ),
                    ("1", Duration::days(5) + Duration::hours(1)),
                ]),
            )
        }),
        scenario!("putDictionaryDurationValid", |ctx| {
            let body = map([
                (
                    "0",
                    Duration::days(123) + Duration::hours(22) + Duration::minutes(14) + Duration::milliseconds(12_011),
                ),
                ("1", Duration::days(5) + Duration::hours(1)),
            ]);
            put_ok!(client!(body_dictionary, ctx)
                .dictionary()
                .put_duration_valid(body, None))
        }),
        scenario!("getDictionaryByteValid", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_byte_valid(None)),
                byte_values(),
            )
        }),
        scenario!("putDictionaryByteValid", |ctx| {
            put_ok!(client!(body_dictionary, ctx)
                .dictionary()
                .put_byte_valid(byte_values(), None))
        }),
        scenario!("getDictionaryByteWithNull", |ctx| {
            // `{"0": "q6yt", "1": null}`: the values are not nullable.
            expect_err(
                "a null value",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_byte_invalid_null(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryBase64Url", |ctx| {
            // `format: base64url` values: the decoded bytes.
            let value = value!(client!(body_dictionary, ctx).dictionary().get_base64_url(None));
            let expected: BTreeMap<String, Vec<u8>> = map([
                ("0", b"a string that gets encoded with base64url".to_vec()),
                ("1", b"test string".to_vec()),
                ("2", b"Lorem ipsum".to_vec()),
            ]);
            same_debug("value", value, expected)
        }),
    ]
}

/// `/dictionary/{complex,array,dictionary}/*`: dictionaries of models, arrays and dictionaries.
fn nested() -> Vec<Scenario> {
    vec![
        scenario!("getDictionaryComplexNull", |ctx| {
            // No body, and the schema is `x-nullable`: no value.
            let response = call!(client!(body_dictionary, ctx).dictionary().get_complex_null(None));
            same_debug("value", response.value(), None::<()>)
        }),
        scenario!("getDictionaryComplexEmpty", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_complex_empty(None)),
                BTreeMap::new(),
            )
        }),
        scenario!("getDictionaryComplexItemNull", |ctx| {
            // The items are `x-nullable`: the null one is `None`.
            let value = value!(client!(body_dictionary, ctx).dictionary().get_complex_item_null(None));
            let expected = map([("0", Some(widget(1, "2"))), ("1", None), ("2", Some(widget(5, "6")))]);
            same_debug("value", value, expected)
        }),
        scenario!("getDictionaryComplexItemEmpty", |ctx| {
            let empty = Widget {
                integer: None,
                string: None,
            };
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_complex_item_empty(None)),
                map([("0", widget(1, "2")), ("1", empty), ("2", widget(5, "6"))]),
            )
        }),
        scenario!("getDictionaryComplexValid", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_complex_valid(None)),
                complex_values(),
            )
        }),
        scenario!("putDictionaryComplexValid", |ctx| {
            put_ok!(client!(body_dictionary, ctx)
                .dictionary()
                .put_complex_valid(complex_values(), None))
        }),
        scenario!("getDictionaryArrayNull", |ctx| {
            // No body, and the schema is `x-nullable`: no value.
            let response = call!(client!(body_dictionary, ctx).dictionary().get_array_null(None));
            same_debug("value", response.value(), None::<()>)
        }),
        scenario!("getDictionaryArrayEmpty", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_array_empty(None)),
                BTreeMap::new(),
            )
        }),
        scenario!("getDictionaryArrayItemNull", |ctx| {
            // The items are `x-nullable`: the null one is `None`.
            let value = value!(client!(body_dictionary, ctx).dictionary().get_array_item_null(None));
            let expected = map([
                ("0", Some(strings(&["1", "2", "3"]))),
                ("1", None),
                ("2", Some(strings(&["7", "8", "9"]))),
            ]);
            same_debug("value", value, expected)
        }),
        scenario!("getDictionaryArrayItemEmpty", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_array_item_empty(None)),
                map([
                    ("0", strings(&["1", "2", "3"])),
                    ("1", vec![]),
                    ("2", strings(&["7", "8", "9"])),
                ]),
            )
        }),
        scenario!("getDictionaryArrayValid", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_array_valid(None)),
                array_values(),
            )
        }),
        scenario!("putDictionaryArrayValid", |ctx| {
            put_ok!(client!(body_dictionary, ctx)
                .dictionary()
                .put_array_valid(array_values(), None))
        }),
        scenario!("getDictionaryDictionaryNull", |ctx| {
            // No body, and the schema is not `x-nullable`: no map to decode.
            expect_err(
                "no body",
                client!(body_dictionary, ctx)
                    .dictionary()
                    .get_dictionary_null(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDictionaryDictionaryEmpty", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_dictionary_empty(None)),
                BTreeMap::new(),
            )
        }),
        scenario!("getDictionaryDictionaryItemNull", |ctx| {
            // The items are `x-nullable`: the null one is `None`.
            let value = value!(client!(body_dictionary, ctx)
                .dictionary()
                .get_dictionary_item_null(None));
            let mut expected: BTreeMap<String, Option<BTreeMap<String, String>>> =
                dictionary_values().into_iter().map(|(k, v)| (k, Some(v))).collect();
            expected.insert("1".to_string(), None);
            same_debug("value", value, expected)
        }),
        scenario!("getDictionaryDictionaryItemEmpty", |ctx| {
            let mut expected = dictionary_values();
            expected.insert("1".to_string(), BTreeMap::new());
            eq(
                "value",
                value!(client!(body_dictionary, ctx)
                    .dictionary()
                    .get_dictionary_item_empty(None)),
                expected,
            )
        }),
        scenario!("getDictionaryDictionaryValid", |ctx| {
            eq(
                "value",
                value!(client!(body_dictionary, ctx).dictionary().get_dictionary_valid(None)),
                dictionary_values(),
            )
        }),
        scenario!("putDictionaryDictionaryValid", |ctx| {
            put_ok!(client!(body_dictionary, ctx)
                .dictionary()
                .put_dictionary_valid(dictionary_values(), None))
        }),
    ]
}
