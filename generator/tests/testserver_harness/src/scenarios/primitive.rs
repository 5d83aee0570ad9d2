//! body-boolean, body-integer, body-number, body-string, body-byte.

use super::{eq, expect_err, Scenario};
use crate::{call, client, null_body, scenario, value};

pub fn boolean() -> Vec<Scenario> {
    vec![
        scenario!("getBoolTrue", |ctx| {
            eq("value", value!(client!(body_boolean, ctx).bool().get_true(None)), true)
        }),
        scenario!("getBoolFalse", |ctx| {
            eq(
                "value",
                value!(client!(body_boolean, ctx).bool().get_false(None)),
                false,
            )
        }),
        scenario!("putBoolTrue", |ctx| {
            eq(
                "status",
                call!(client!(body_boolean, ctx).bool().put_true(true, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("putBoolFalse", |ctx| {
            eq(
                "status",
                call!(client!(body_boolean, ctx).bool().put_false(false, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getBoolNull", |ctx| {
            // The body is `null`: the value is absent.
            null_body!(client!(body_boolean, ctx).bool().get_null(None))
        }),
        scenario!("getBoolInvalid", |ctx| {
            expect_err(
                "invalid body",
                client!(body_boolean, ctx).bool().get_invalid(None).await,
            )
            .map(drop)
        }),
    ]
}

pub fn integer() -> Vec<Scenario> {
    vec![
        scenario!("getIntegerNull", |ctx| {
            null_body!(client!(body_integer, ctx).int().get_null(None))
        }),
        scenario!("getIntegerInvalid", |ctx| {
            expect_err("invalid body", client!(body_integer, ctx).int().get_invalid(None).await).map(drop)
        }),
        scenario!("getIntegerOverflow", |ctx| {
            expect_err(
                "2147483656 as i32",
                client!(body_integer, ctx).int().get_overflow_int32(None).await,
            )
            .map(drop)
        }),
        scenario!("getIntegerUnderflow", |ctx| {
            expect_err(
                "-2147483656 as i32",
                client!(body_integer, ctx).int().get_underflow_int32(None).await,
            )
            .map(drop)
        }),
        scenario!("getLongOverflow", |ctx| {
            expect_err(
                "9223372036854775910 as i64",
                client!(body_integer, ctx).int().get_overflow_int64(None).await,
            )
            .map(drop)
        }),
        scenario!("getLongUnderflow", |ctx| {
            expect_err(
                "-9223372036854775910 as i64",
                client!(body_integer, ctx).int().get_underflow_int64(None).await,
            )
            .map(drop)
        }),
        scenario!("putIntegerMax", |ctx| {
            eq(
                "status",
                call!(client!(body_integer, ctx).int().put_max32(i32::MAX, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("putIntegerMin", |ctx| {
            eq(
                "status",
                call!(client!(body_integer, ctx).int().put_min32(i32::MIN, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("putLongMax", |ctx| {
            eq(
                "status",
                call!(client!(body_integer, ctx).int().put_max64(i64::MAX, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("putLongMin", |ctx| {
            eq(
                "status",
                call!(client!(body_integer, ctx).int().put_min64(i64::MIN, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getUnixTime", |ctx| {
            eq(
                "value",
                value!(client!(body_integer, ctx).int().get_unix_time(None)),
                1460505600,
            )
        }),
        scenario!("putUnixTime", |ctx| {
            eq(
                "status",
                call!(client!(body_integer, ctx).int().put_unix_time_date(1460505600, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getInvalidUnixTime", |ctx| {
            expect_err(
                "invalid body",
                client!(body_integer, ctx).int().get_invalid_unix_time(None).await,
            )
            .map(drop)
        }),
        scenario!("getNullUnixTime", |ctx| {
            null_body!(client!(body_integer, ctx).int().get_null_unix_time(None))
        }),
    ]
}

pub fn number() -> Vec<Scenario> {
    vec![
        scenario!("getNumberNull", |ctx| {
            null_body!(client!(body_number, ctx).number().get_null(None))
        }),
        scenario!("getFloatInvalid", |ctx| {
            expect_err(
                "invalid body",
                client!(body_number, ctx).number().get_invalid_float(None).await,
            )
            .map(drop)
        }),
        scenario!("getDoubleInvalid", |ctx| {
            expect_err(
                "invalid body",
                client!(body_number, ctx).number().get_invalid_double(None).await,
            )
            .map(drop)
        }),
        scenario!("getFloatBigScientificNotation", |ctx| {
            eq(
                "value",
                value!(client!(body_number, ctx).number().get_big_float(None)),
                3.402823e20,
            )
        }),
        scenario!("putFloatBigScientificNotation", |ctx| {
            eq(
                "status",
                call!(client!(body_number, ctx).number().put_big_float(3.402823e20, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getDoubleBigScientificNotation", |ctx| {
            eq(
                "value",
                value!(client!(body_number, ctx).number().get_big_double(None)),
                2.5976931e101,
            )
        }),
        scenario!("putDoubleBigScientificNotation", |ctx| {
            eq(
                "status",
                call!(client!(body_number, ctx).number().put_big_double(2.5976931e101, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getDoubleBigPositiveDecimal", |ctx| {
            eq(
                "value",
                value!(client!(body_number, ctx).number().get_big_double_positive_decimal(None)),
                99999999.99,
            )
        }),
        scenario!("putDoubleBigPositiveDecimal", |ctx| {
            let c = client!(body_number, ctx);
            eq(
                "status",
                call!(c.number().put_big_double_positive_decimal(99999999.99, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getDoubleBigNegativeDecimal", |ctx| {
            eq(
                "value",
                value!(client!(body_number, ctx).number().get_big_double_negative_decimal(None)),
                -99999999.99,
            )
        }),
        scenario!("putDoubleBigNegativeDecimal", |ctx| {
            let c = client!(body_number, ctx);
            eq(
                "status",
                call!(c.number().put_big_double_negative_decimal(-99999999.99, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getFloatSmallScientificNotation", |ctx| {
            eq(
                "value",
                value!(client!(body_number, ctx).number().get_small_float(None)),
                3.402823e-20,
            )
        }),
        scenario!("putFloatSmallScientificNotation", |ctx| {
            eq(
                "status",
                call!(client!(body_number, ctx).number().put_small_float(3.402823e-20, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getDoubleSmallScientificNotation", |ctx| {
            eq(
                "value",
                value!(client!(body_number, ctx).number().get_small_double(None)),
                2.5976931e-101,
            )
        }),
        scenario!("putDoubleSmallScientificNotation", |ctx| {
            let c = client!(body_number, ctx);
            eq(
                "status",
                call!(c.number().put_small_double(2.5976931e-101, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getDecimalBig", |ctx| {
            eq(
                "value",
                value!(client!(body_number, ctx).number().get_big_decimal(None)),
                2.5976931e101,
            )
        }),
        scenario!("putDecimalBig", |ctx| {
            eq(
                "status",
                call!(client!(body_number, ctx).number().put_big_decimal(2.5976931e101, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getDecimalBigPositiveDecimal", |ctx| {
            let value = value!(client!(body_number, ctx).number().get_big_decimal_positive_decimal(None));
            eq("value", value, 99999999.99)
        }),
        scenario!("putDecimalBigPositiveDecimal", |ctx| {
            let c = client!(body_number, ctx);
            let response = call!(c.number().put_big_decimal_positive_decimal(99999999.99, None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("getDecimalBigNegativeDecimal", |ctx| {
            let value = value!(client!(body_number, ctx).number().get_big_decimal_negative_decimal(None));
            eq("value", value, -99999999.99)
        }),
        scenario!("putDecimalBigNegativeDecimal", |ctx| {
            let c = client!(body_number, ctx);
            let response = call!(c.number().put_big_decimal_negative_decimal(-99999999.99, None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("getDecimalSmall", |ctx| {
            eq(
                "value",
                value!(client!(body_number, ctx).number().get_small_decimal(None)),
                2.5976931e-101,
            )
        }),
        scenario!("putDecimalSmall", |ctx| {
            let c = client!(body_number, ctx);
            eq(
                "status",
                call!(c.number().put_small_decimal(2.5976931e-101, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getDecimalInvalid", |ctx| {
            expect_err(
                "invalid body",
                client!(body_number, ctx).number().get_invalid_decimal(None).await,
            )
            .map(drop)
        }),
    ]
}

/// The multi-byte string of the server's `/string/mbcs` (escaped: it holds CJK compatibility
/// ideographs, which editors tend to normalize into other code points).
const MBCS: &str = "\u{554a}\u{9f44}\u{4e02}\u{72db}\u{72dc}\u{f9f1}\u{f92c}\u{f9f1}\u{fa0c}\u{fa29}\u{2ca}\u{301e}\u{3021}\u{ffe4}\u{2121}\u{3231}\u{2010}\u{30fc}\u{fe61}\u{fe62}\u{fe6b}\u{3001}\u{3013}\u{2170}\u{2179}\u{2488}\u{20ac}\u{3220}\u{3229}\u{2160}\u{216b}\u{ff01}\u{ffe3}\u{3041}\u{3093}\u{30a1}\u{30f6}\u{391}\u{fe34}\u{410}\u{42f}\u{430}\u{44f}\u{101}\u{261}\u{3105}\u{3129}\u{2500}\u{254b}\u{fe35}\u{fe44}\u{fe3b}\u{fe31}\u{fe33}\u{fe34}\u{2170}\u{2179}\u{251}\u{e7c7}\u{261}\u{3007}\u{303e}\u{2ffb}\u{2e81}\u{e843}\u{4723}\u{e864}\u{20ac}";
const WHITESPACE: &str = "    Now is the time for all good men to come to the aid of their country    ";

pub fn string() -> Vec<Scenario> {
    use body_string::models;
    vec![
        scenario!("getStringNull", |ctx| {
            null_body!(client!(body_string, ctx).string().get_null(None))
        }),
        scenario!("putStringNull", |ctx| {
            eq(
                "status",
                call!(client!(body_string, ctx).string().put_null(None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getStringEmpty", |ctx| {
            eq(
                "value",
                value!(client!(body_string, ctx).string().get_empty(None)).as_str(),
                "",
            )
        }),
        scenario!("putStringEmpty", |ctx| {
            let c = client!(body_string, ctx);
            eq(
                "status",
                call!(c.string().put_empty(models::StringPutEmptyBody::Value, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getStringMultiByteCharacters", |ctx| {
            eq(
                "value",
                value!(client!(body_string, ctx).string().get_mbcs(None)).as_str(),
                MBCS,
            )
        }),
        scenario!("putStringMultiByteCharacters", |ctx| {
            let c = client!(body_string, ctx);
            eq(
                "status",
                call!(c.string().put_mbcs(models::StringPutMbcsBody::Value, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getStringWithLeadingAndTrailingWhitespace", |ctx| {
            eq(
                "value",
                value!(client!(body_string, ctx).string().get_whitespace(None)).as_str(),
                WHITESPACE,
            )
        }),
        scenario!("putStringWithLeadingAndTrailingWhitespace", |ctx| {
            let c = client!(body_string, ctx);
            eq(
                "status",
                call!(c.string().put_whitespace(
                    models::StringPutWhitespaceBody::NowIsTheTimeForAllGoodMenToComeToTheAidOfTheirCountry,
                    None
                ))
                .status()
                .as_u16(),
                200,
            )
        }),
        scenario!("getStringNotProvided", |ctx| {
            // No body at all: an error, or an empty value, but not a made-up string.
            match client!(body_string, ctx).string().get_not_provided(None).await {
                Ok(r) => Err(format!("no body decoded as {:?}", r.value())),
                Err(e) => Err(format!("no body is an error: {e}")),
            }
        }),
        scenario!("getStringBase64Encoded", |ctx| {
            let value = value!(client!(body_string, ctx).string().get_base64_encoded(None));
            eq(
                "value",
                value.as_slice(),
                b"a string that gets encoded with base64".as_slice(),
            )
        }),
        scenario!("getStringBase64UrlEncoded", |ctx| {
            let value = value!(client!(body_string, ctx).string().get_base64_url_encoded(None));
            eq(
                "value",
                format!("{value:?}"),
                format!("{:?}", b"a string that gets encoded with base64url"),
            )
        }),
        scenario!("putStringBase64UrlEncoded", |ctx| {
            let c = client!(body_string, ctx);
            let response = call!(c
                .string()
                .put_base64_url_encoded(b"a string that gets encoded with base64url".to_vec(), None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("getStringNullBase64UrlEncoding", |ctx| {
            null_body!(client!(body_string, ctx).string().get_null_base64_url_encoded(None))
        }),
        scenario!("getEnumNotExpandable", |ctx| {
            eq(
                "value",
                value!(client!(body_string, ctx).enum_().get_not_expandable(None)),
                models::Colors::RedColor,
            )
        }),
        scenario!("putEnumNotExpandable", |ctx| {
            let c = client!(body_string, ctx);
            eq(
                "status",
                call!(c.enum_().put_not_expandable(models::Colors::RedColor, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getEnumReferenced", |ctx| {
            eq(
                "value",
                value!(client!(body_string, ctx).enum_().get_referenced(None)),
                models::Colors::RedColor,
            )
        }),
        scenario!("putEnumReferenced", |ctx| {
            let c = client!(body_string, ctx);
            eq(
                "status",
                call!(c.enum_().put_referenced(models::Colors::RedColor, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getEnumReferencedConstant", |ctx| {
            let value = value!(client!(body_string, ctx).enum_().get_referenced_constant(None));
            eq("field1", value.field1.as_deref(), Some("Sample String"))
        }),
    ]
}

pub fn byte() -> Vec<Scenario> {
    const NON_ASCII: [u8; 10] = [255, 254, 253, 252, 251, 250, 249, 248, 247, 246];
    vec![
        scenario!("getByteNull", |ctx| {
            match client!(body_byte, ctx).byte().get_null(None).await {
                Ok(r) => Err(format!("a null body decoded as {:?}", r.value())),
                Err(e) => Err(format!("a null body is an error: {e}")),
            }
        }),
        scenario!("getByteEmpty", |ctx| {
            eq("value", value!(client!(body_byte, ctx).byte().get_empty(None)), vec![])
        }),
        scenario!("getByteNonAscii", |ctx| {
            eq(
                "value",
                value!(client!(body_byte, ctx).byte().get_non_ascii(None)),
                NON_ASCII.to_vec(),
            )
        }),
        scenario!("putByteNonAscii", |ctx| {
            let c = client!(body_byte, ctx);
            eq(
                "status",
                call!(c.byte().put_non_ascii(NON_ASCII.to_vec(), None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getByteInvalid", |ctx| {
            expect_err("invalid base64", client!(body_byte, ctx).byte().get_invalid(None).await).map(drop)
        }),
    ]
}
