//! header: request headers of every type, and response headers read back typed.

use header::models::GreyscaleColors;
use header::operations::header as ops;
use time::macros::{date, datetime};

use super::{eq, Scenario};
use crate::{call, client, opts, scenario};

/// Sends a request and checks the server answered 200.
macro_rules! param {
    ($ctx:ident, |$c:ident| $call:expr) => {{
        let $c = client!(header, $ctx);
        eq("status", call!($call).status().as_u16(), 200)
    }};
}

/// Sends a request and checks the typed `value` response header.
macro_rules! response {
    ($ctx:ident, |$c:ident| $call:expr, $expected:expr) => {{
        let $c = client!(header, $ctx);
        let response = call!($call);
        eq("header `value`", response.typed_headers().value.clone(), $expected)
    }};
}

const FOX: &str = "The quick brown fox jumps over the lazy dog";
/// The server's multi-byte string (escaped: CJK compatibility ideographs).
const BYTES: &str = "\u{554a}\u{9f44}\u{4e02}\u{72db}\u{72dc}\u{f9f1}\u{f92c}\u{f9f1}\u{fa0c}\u{fa29}";

fn duration() -> time::Duration {
    time::Duration::days(123) + time::Duration::seconds(22 * 3600 + 14 * 60 + 12) + time::Duration::milliseconds(11)
}

pub fn all() -> Vec<Scenario> {
    vec![
        // Per-call custom headers (AutoRest's `custom_headers`): the request id the server checks.
        scenario!("CustomHeaderInRequest", |ctx| {
            let c = client!(header, ctx);
            let options = header::runtime::RequestOptions::default()
                .header("x-ms-client-request-id", "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0");
            eq("status", call!(c.header().custom_request_id(Some(options))).status().as_u16(), 200)
        }),
        scenario!("HeaderParameterExistingKey", |ctx| {
            param!(ctx, |c| c.header().param_existing_key("overwrite", None))
        }),
        scenario!("HeaderResponseExistingKey", |ctx| {
            let c = client!(header, ctx);
            let response = call!(c.header().response_existing_key(None));
            eq(
                "User-Agent",
                response.typed_headers().user_agent.as_deref(),
                Some("overwrite"),
            )
        }),
        scenario!("HeaderResponseProtectedKey", |ctx| {
            let c = client!(header, ctx);
            let response = call!(c.header().response_protected_key(None));
            let content_type = response.typed_headers().content_type.clone().unwrap_or_default();
            eq(
                "Content-Type starts with text/html",
                content_type.starts_with("text/html"),
                true,
            )
        }),
        scenario!("HeaderParameterIntegerPositive", |ctx| {
            param!(ctx, |c| c.header().param_integer("positive", 1, None))
        }),
        scenario!("HeaderParameterIntegerNegative", |ctx| {
            param!(ctx, |c| c.header().param_integer("negative", -2, None))
        }),
        scenario!("HeaderParameterLongPositive", |ctx| {
            param!(ctx, |c| c.header().param_long("positive", 105, None))
        }),
        scenario!("HeaderParameterLongNegative", |ctx| {
            param!(ctx, |c| c.header().param_long("negative", -2, None))
        }),
        scenario!("HeaderParameterFloatPositive", |ctx| {
            param!(ctx, |c| c.header().param_float("positive", 0.07, None))
        }),
        scenario!("HeaderParameterFloatNegative", |ctx| {
            param!(ctx, |c| c.header().param_float("negative", -3.0, None))
        }),
        scenario!("HeaderParameterDoublePositive", |ctx| {
            param!(ctx, |c| c.header().param_double("positive", 7e120, None))
        }),
        scenario!("HeaderParameterDoubleNegative", |ctx| {
            param!(ctx, |c| c.header().param_double("negative", -3.0, None))
        }),
        scenario!("HeaderParameterBoolTrue", |ctx| {
            param!(ctx, |c| c.header().param_bool("true", true, None))
        }),
        scenario!("HeaderParameterBoolFalse", |ctx| {
            param!(ctx, |c| c.header().param_bool("false", false, None))
        }),
        scenario!("HeaderParameterStringValid", |ctx| {
            param!(ctx, |c| c.header().param_string(
                "valid",
                opts!(ops::ParamStringOptions { value: FOX.to_string() })
            ))
        }),
        scenario!("HeaderParameterStringNull", |ctx| {
            param!(ctx, |c| c.header().param_string("null", None))
        }),
        scenario!("HeaderParameterStringEmpty", |ctx| {
            param!(ctx, |c| c.header().param_string(
                "empty",
                opts!(ops::ParamStringOptions { value: String::new() })
            ))
        }),
        scenario!("HeaderParameterDateValid", |ctx| {
            param!(ctx, |c| c.header().param_date("valid", date!(2010 - 01 - 01), None))
        }),
        scenario!("HeaderParameterDateMin", |ctx| {
            param!(ctx, |c| c.header().param_date("min", date!(0001 - 01 - 01), None))
        }),
        scenario!("HeaderParameterDateTimeValid", |ctx| {
            param!(ctx, |c| c.header().param_datetime(
                "valid",
                datetime!(2010-01-01 12:34:56 UTC),
                None
            ))
        }),
        scenario!("HeaderParameterDateTimeMin", |ctx| {
            param!(ctx, |c| c.header().param_datetime(
                "min",
                datetime!(0001-01-01 00:00:00 UTC),
                None
            ))
        }),
        scenario!("HeaderParameterDateTimeRfc1123Valid", |ctx| {
            param!(ctx, |c| c.header().param_datetime_rfc1123(
                "valid",
                opts!(ops::ParamDatetimeRfc1123Options {
                    value: datetime!(2010-01-01 12:34:56 UTC)
                })
            ))
        }),
        scenario!("HeaderParameterDateTimeRfc1123Min", |ctx| {
            param!(ctx, |c| c.header().param_datetime_rfc1123(
                "min",
                opts!(ops::ParamDatetimeRfc1123Options {
                    value: datetime!(0001-01-01 00:00:00 UTC)
                })
            ))
        }),
        scenario!("HeaderParameterDurationValid", |ctx| {
            param!(ctx, |c| c.header().param_duration("valid", duration(), None))
        }),
        scenario!("HeaderParameterBytesValid", |ctx| {
            param!(ctx, |c| c.header().param_byte("valid", BYTES.as_bytes().to_vec(), None))
        }),
        scenario!("HeaderParameterEnumValid", |ctx| {
            param!(ctx, |c| c.header().param_enum(
                "valid",
                opts!(ops::ParamEnumOptions {
                    value: GreyscaleColors::Grey
                })
            ))
        }),
        scenario!("HeaderParameterEnumNull", |ctx| {
            param!(ctx, |c| c.header().param_enum("null", None))
        }),
        scenario!("HeaderResponseIntegerPositive", |ctx| {
            response!(ctx, |c| c.header().response_integer("positive", None), Some(1))
        }),
        scenario!("HeaderResponseIntegerNegative", |ctx| {
            response!(ctx, |c| c.header().response_integer("negative", None), Some(-2))
        }),
        scenario!("HeaderResponseLongPositive", |ctx| {
            response!(ctx, |c| c.header().response_long("positive", None), Some(105))
        }),
        scenario!("HeaderResponseLongNegative", |ctx| {
            response!(ctx, |c| c.header().response_long("negative", None), Some(-2))
        }),
        scenario!("HeaderResponseFloatPositive", |ctx| {
            response!(ctx, |c| c.header().response_float("positive", None), Some(0.07))
        }),
        scenario!("HeaderResponseFloatNegative", |ctx| {
            response!(ctx, |c| c.header().response_float("negative", None), Some(-3.0))
        }),
        scenario!("HeaderResponseDoublePositive", |ctx| {
            response!(ctx, |c| c.header().response_double("positive", None), Some(7e120))
        }),
        scenario!("HeaderResponseDoubleNegative", |ctx| {
            response!(ctx, |c| c.header().response_double("negative", None), Some(-3.0))
        }),
        scenario!("HeaderResponseBoolTrue", |ctx| {
            response!(ctx, |c| c.header().response_bool("true", None), Some(true))
        }),
        scenario!("HeaderResponseBoolFalse", |ctx| {
            response!(ctx, |c| c.header().response_bool("false", None), Some(false))
        }),
        scenario!("HeaderResponseStringValid", |ctx| {
            response!(
                ctx,
                |c| c.header().response_string("valid", None),
                Some(FOX.to_string())
            )
        }),
        scenario!("HeaderResponseStringNull", |ctx| {
            // Express sends `set("value", null)` as the text "null".
            response!(
                ctx,
                |c| c.header().response_string("null", None),
                Some("null".to_string())
            )
        }),
        scenario!("HeaderResponseStringEmpty", |ctx| {
            response!(ctx, |c| c.header().response_string("empty", None), Some(String::new()))
        }),
        scenario!("HeaderResponseEnumValid", |ctx| {
            response!(
                ctx,
                |c| c.header().response_enum("valid", None),
                Some(GreyscaleColors::Grey)
            )
        }),
        scenario!("HeaderResponseEnumNull", |ctx| {
            // An empty header value: no enum value.
            response!(ctx, |c| c.header().response_enum("null", None), None)
        }),
        scenario!("HeaderResponseDateValid", |ctx| {
            response!(
                ctx,
                |c| c.header().response_date("valid", None),
                Some(date!(2010 - 01 - 01))
            )
        }),
        scenario!("HeaderResponseDateMin", |ctx| {
            response!(
                ctx,
                |c| c.header().response_date("min", None),
                Some(date!(0001 - 01 - 01))
            )
        }),
        scenario!("HeaderResponseDateTimeValid", |ctx| {
            response!(
                ctx,
                |c| c.header().response_datetime("valid", None),
                Some(datetime!(2010-01-01 12:34:56 UTC))
            )
        }),
        scenario!("HeaderResponseDateTimeMin", |ctx| {
            response!(
                ctx,
                |c| c.header().response_datetime("min", None),
                Some(datetime!(0001-01-01 00:00:00 UTC))
            )
        }),
        scenario!("HeaderResponseDateTimeRfc1123Valid", |ctx| {
            let expected = Some(datetime!(2010-01-01 12:34:56 UTC));
            response!(ctx, |c| c.header().response_datetime_rfc1123("valid", None), expected)
        }),
        scenario!("HeaderResponseDateTimeRfc1123Min", |ctx| {
            let expected = Some(datetime!(0001-01-01 00:00:00 UTC));
            response!(ctx, |c| c.header().response_datetime_rfc1123("min", None), expected)
        }),
        scenario!("HeaderResponseDurationValid", |ctx| {
            response!(ctx, |c| c.header().response_duration("valid", None), Some(duration()))
        }),
        scenario!("HeaderResponseBytesValid", |ctx| {
            response!(
                ctx,
                |c| c.header().response_byte("valid", None),
                Some(BYTES.as_bytes().to_vec())
            )
        }),
    ]
}
