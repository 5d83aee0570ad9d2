//! url: path and query parameters, and path items with global (client) parameters.

use url::models;
use url::operations::{path_items, queries};

use super::{eq, Scenario};
use crate::{call, client, opts, scenario};

/// The server's multi-byte string (escaped: CJK compatibility ideographs).
const UNICODE: &str = "\u{554a}\u{9f44}\u{4e02}\u{72db}\u{72dc}\u{f9f1}\u{f92c}\u{f9f1}\u{fa0c}\u{fa29}";
const URL_ENCODED: &str = "begin!*'();:@ &=+$,/?#[]end";

/// Sends a request of the url crate and checks the server answered 200.
macro_rules! ok200 {
    ($ctx:ident, |$c:ident| $call:expr) => {{
        let $c = client!(url, $ctx, "globalStringPath");
        eq("status", call!($call).status().as_u16(), 200)
    }};
}

pub fn paths() -> Vec<Scenario> {
    vec![
        scenario!("UrlPathsBoolTrue", |ctx| {
            ok200!(ctx, |c| c.paths().get_boolean_true(true, None))
        }),
        scenario!("UrlPathsBoolFalse", |ctx| {
            ok200!(ctx, |c| c.paths().get_boolean_false(false, None))
        }),
        scenario!("UrlPathsIntPositive", |ctx| {
            ok200!(ctx, |c| c.paths().get_int_one_million(models::IntPath::V1000000, None))
        }),
        scenario!("UrlPathsIntNegative", |ctx| {
            ok200!(ctx, |c| c
                .paths()
                .get_int_negative_one_million(models::IntPath2::V1000000, None))
        }),
        scenario!("UrlPathsLongPositive", |ctx| {
            ok200!(ctx, |c| c.paths().get_ten_billion(models::LongPath::V10000000000, None))
        }),
        scenario!("UrlPathsLongNegative", |ctx| {
            ok200!(ctx, |c| c
                .paths()
                .get_negative_ten_billion(models::LongPath2::V10000000000, None))
        }),
        scenario!("UrlPathsFloatPositive", |ctx| {
            ok200!(ctx, |c| c.paths().float_scientific_positive(1.034e20, None))
        }),
        scenario!("UrlPathsFloatNegative", |ctx| {
            ok200!(ctx, |c| c.paths().float_scientific_negative(-1.034e-20, None))
        }),
        scenario!("UrlPathsDoublePositive", |ctx| {
            ok200!(ctx, |c| c.paths().double_decimal_positive(9999999.999, None))
        }),
        scenario!("UrlPathsDoubleNegative", |ctx| {
            ok200!(ctx, |c| c.paths().double_decimal_negative(-9999999.999, None))
        }),
        scenario!("UrlPathsStringUnicode", |ctx| {
            ok200!(ctx, |c| c.paths().string_unicode(models::StringPath::Value, None))
        }),
        scenario!("UrlPathsStringUrlEncoded", |ctx| {
            ok200!(ctx, |c| c
                .paths()
                .string_url_encoded(models::StringPath2::BeginEnd, None))
        }),
        scenario!("UrlPathsStringUrlNonEncoded", |ctx| {
            ok200!(ctx, |c| c
                .paths()
                .string_url_non_encoded(models::StringPath3::BeginEnd, None))
        }),
        scenario!("UrlPathsStringEmpty", |ctx| {
            ok200!(ctx, |c| c.paths().string_empty(models::StringPath4::Value, None))
        }),
        scenario!("UrlPathsEnumValid", |ctx| {
            ok200!(ctx, |c| c.paths().enum_valid(models::UriColor::GreenColor, None))
        }),
        scenario!("UrlPathsByteMultiByte", |ctx| {
            ok200!(ctx, |c| c.paths().byte_multi_byte(UNICODE.as_bytes().to_vec(), None))
        }),
        scenario!("UrlPathsByteEmpty", |ctx| {
            ok200!(ctx, |c| c.paths().byte_empty(Vec::new(), None))
        }),
        scenario!("UrlPathsDateValid", |ctx| {
            ok200!(ctx, |c| c.paths().date_valid(time::macros::date!(2012 - 01 - 01), None))
        }),
        scenario!("UrlPathsDateTimeValid", |ctx| {
            ok200!(ctx, |c| c
                .paths()
                .date_time_valid(time::macros::datetime!(2012-01-01 01:01:01 UTC), None))
        }),
        scenario!("UrlPathsStringBase64Url", |ctx| {
            // format: base64url is a plain string in the generated API: the caller encodes "lorem".
            ok200!(ctx, |c| c.paths().base64_url(b"lorem".to_vec(), None))
        }),
        scenario!("UrlPathsArrayCSVInPath", |ctx| {
            let array = vec![
                "ArrayPath1".to_string(),
                URL_ENCODED.to_string(),
                String::new(),
                String::new(),
            ];
            ok200!(ctx, |c| c.paths().array_csv_in_path(array, None))
        }),
        scenario!("UrlPathsIntUnixTime", |ctx| {
            ok200!(ctx, |c| c.paths().unix_time_url(1460505600, None))
        }),
    ]
}

pub fn queries() -> Vec<Scenario> {
    fn valid_array() -> Vec<String> {
        vec![
            "ArrayQuery1".to_string(),
            URL_ENCODED.to_string(),
            String::new(),
            String::new(),
        ]
    }
    vec![
        scenario!("UrlQueriesBoolTrue", |ctx| {
            ok200!(ctx, |c| c.queries().get_boolean_true(true, None))
        }),
        scenario!("UrlQueriesBoolFalse", |ctx| {
            ok200!(ctx, |c| c.queries().get_boolean_false(false, None))
        }),
        scenario!("UrlQueriesBoolNull", |ctx| {
            ok200!(ctx, |c| c.queries().get_boolean_null(None))
        }),
        scenario!("UrlQueriesIntPositive", |ctx| {
            ok200!(ctx, |c| c.queries().get_int_one_million(None))
        }),
        scenario!("UrlQueriesIntNegative", |ctx| {
            ok200!(ctx, |c| c.queries().get_int_negative_one_million(None))
        }),
        scenario!("UrlQueriesIntNull", |ctx| {
            ok200!(ctx, |c| c.queries().get_int_null(None))
        }),
        scenario!("UrlQueriesLongPositive", |ctx| {
            ok200!(ctx, |c| c.queries().get_ten_billion(None))
        }),
        scenario!("UrlQueriesLongNegative", |ctx| {
            ok200!(ctx, |c| c.queries().get_negative_ten_billion(None))
        }),
        scenario!("UrlQueriesLongNull", |ctx| {
            ok200!(ctx, |c| c.queries().get_long_null(None))
        }),
        scenario!("UrlQueriesFloatPositive", |ctx| {
            ok200!(ctx, |c| c.queries().float_scientific_positive(1.034e20, None))
        }),
        scenario!("UrlQueriesFloatNegative", |ctx| {
            ok200!(ctx, |c| c.queries().float_scientific_negative(-1.034e-20, None))
        }),
        scenario!("UrlQueriesFloatNull", |ctx| {
            ok200!(ctx, |c| c.queries().float_null(None))
        }),
        scenario!("UrlQueriesDoublePositive", |ctx| {
            ok200!(ctx, |c| c.queries().double_decimal_positive(9999999.999, None))
        }),
        scenario!("UrlQueriesDoubleNegative", |ctx| {
            ok200!(ctx, |c| c.queries().double_decimal_negative(-9999999.999, None))
        }),
        scenario!("UrlQueriesDoubleNull", |ctx| {
            ok200!(ctx, |c| c.queries().double_null(None))
        }),
        scenario!("UrlQueriesStringUnicode", |ctx| {
            ok200!(ctx, |c| c.queries().string_unicode(None))
        }),
        scenario!("UrlQueriesStringUrlEncoded", |ctx| {
            ok200!(ctx, |c| c.queries().string_url_encoded(None))
        }),
        scenario!("UrlQueriesStringEmpty", |ctx| {
            ok200!(ctx, |c| c.queries().string_empty(None))
        }),
        scenario!("UrlQueriesStringNull", |ctx| {
            ok200!(ctx, |c| c.queries().string_null(None))
        }),
        scenario!("UrlQueriesEnumValid", |ctx| {
            ok200!(ctx, |c| c.queries().enum_valid(opts!(queries::EnumValidOptions {
                enum_query: models::UriColor::GreenColor
            })))
        }),
        scenario!("UrlQueriesEnumNull", |ctx| {
            ok200!(ctx, |c| c.queries().enum_null(None))
        }),
        scenario!("UrlQueriesByteMultiByte", |ctx| {
            ok200!(ctx, |c| c.queries().byte_multi_byte(opts!(
                queries::ByteMultiByteOptions {
                    byte_query: UNICODE.as_bytes().to_vec()
                }
            )))
        }),
        scenario!("UrlQueriesByteEmpty", |ctx| {
            ok200!(ctx, |c| c.queries().byte_empty(None))
        }),
        scenario!("UrlQueriesByteNull", |ctx| {
            ok200!(ctx, |c| c.queries().byte_null(None))
        }),
        scenario!("UrlQueriesDateValid", |ctx| {
            ok200!(ctx, |c| c.queries().date_valid(None))
        }),
        scenario!("UrlQueriesDateNull", |ctx| {
            ok200!(ctx, |c| c.queries().date_null(None))
        }),
        scenario!("UrlQueriesDateTimeValid", |ctx| {
            ok200!(ctx, |c| c.queries().date_time_valid(None))
        }),
        scenario!("UrlQueriesDateTimeNull", |ctx| {
            ok200!(ctx, |c| c.queries().date_time_null(None))
        }),
        scenario!("UrlQueriesArrayCsvValid", |ctx| {
            ok200!(ctx, |c| c.queries().array_string_csv_valid(opts!(
                queries::ArrayStringCsvValidOptions {
                    array_query: valid_array()
                }
            )))
        }),
        scenario!("UrlQueriesArrayCsvNull", |ctx| {
            ok200!(ctx, |c| c.queries().array_string_csv_null(None))
        }),
        scenario!("UrlQueriesArrayCsvEmpty", |ctx| {
            ok200!(ctx, |c| c.queries().array_string_csv_empty(opts!(
                queries::ArrayStringCsvEmptyOptions {
                    array_query: Vec::new()
                }
            )))
        }),
        scenario!("UrlQueriesArrayNoCollectionFormatValid", |ctx| {
            let array = vec!["hello".to_string(), "nihao".to_string(), "bonjour".to_string()];
            ok200!(ctx, |c| c.queries().array_string_no_collection_format_empty(opts!(
                queries::ArrayStringNoCollectionFormatEmptyOptions { array_query: array }
            )))
        }),
        scenario!("UrlQueriesArraySsvValid", |ctx| {
            ok200!(ctx, |c| c.queries().array_string_ssv_valid(opts!(
                queries::ArrayStringSsvValidOptions {
                    array_query: valid_array()
                }
            )))
        }),
        scenario!("UrlQueriesArrayTsvValid", |ctx| {
            ok200!(ctx, |c| c.queries().array_string_tsv_valid(opts!(
                queries::ArrayStringTsvValidOptions {
                    array_query: valid_array()
                }
            )))
        }),
        scenario!("UrlQueriesArrayPipesValid", |ctx| {
            ok200!(ctx, |c| c.queries().array_string_pipes_valid(opts!(
                queries::ArrayStringPipesValidOptions {
                    array_query: valid_array()
                }
            )))
        }),
        scenario!("UrlPathItemGetAll", |ctx| {
            let c = client!(url, ctx, "globalStringPath"; .global_string_query("globalStringQuery"));
            let request = c.path_items().get_all_with_values(
                "pathItemStringPath",
                "localStringPath",
                opts!(path_items::GetAllWithValuesOptions {
                    path_item_string_query: "pathItemStringQuery".to_string(),
                    local_string_query: "localStringQuery".to_string()
                }),
            );
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("UrlPathItemGetGlobalNull", |ctx| {
            let c = client!(url, ctx, "globalStringPath");
            let request = c.path_items().get_global_query_null(
                "pathItemStringPath",
                "localStringPath",
                opts!(path_items::GetGlobalQueryNullOptions {
                    path_item_string_query: "pathItemStringQuery".to_string(),
                    local_string_query: "localStringQuery".to_string()
                }),
            );
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("UrlPathItemGetGlobalAndLocalNull", |ctx| {
            let c = client!(url, ctx, "globalStringPath");
            let request = c.path_items().get_global_and_local_query_null(
                "pathItemStringPath",
                "localStringPath",
                opts!(path_items::GetGlobalAndLocalQueryNullOptions {
                    path_item_string_query: "pathItemStringQuery".to_string()
                }),
            );
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("UrlPathItemGetPathItemAndLocalNull", |ctx| {
            let c = client!(url, ctx, "globalStringPath"; .global_string_query("globalStringQuery"));
            let request = c
                .path_items()
                .get_local_path_item_query_null("pathItemStringPath", "localStringPath", None);
            eq("status", call!(request).status().as_u16(), 200)
        }),
    ]
}
