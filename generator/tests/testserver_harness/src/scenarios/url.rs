//! url: path and query parameters, and path items with global (client) parameters.

use url::models;

use super::{eq, Scenario};
use crate::{call, client, scenario};

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
            ok200!(ctx, |c| c.paths().get_boolean_true(true))
        }),
        scenario!("UrlPathsBoolFalse", |ctx| {
            ok200!(ctx, |c| c.paths().get_boolean_false(false))
        }),
        scenario!("UrlPathsIntPositive", |ctx| {
            ok200!(ctx, |c| c.paths().get_int_one_million(models::IntPath::V1000000))
        }),
        scenario!("UrlPathsIntNegative", |ctx| {
            ok200!(ctx, |c| c
                .paths()
                .get_int_negative_one_million(models::IntPath2::V1000000))
        }),
        scenario!("UrlPathsLongPositive", |ctx| {
            ok200!(ctx, |c| c.paths().get_ten_billion(models::LongPath::V10000000000))
        }),
        scenario!("UrlPathsLongNegative", |ctx| {
            ok200!(ctx, |c| c
                .paths()
                .get_negative_ten_billion(models::LongPath2::V10000000000))
        }),
        scenario!("UrlPathsFloatPositive", |ctx| {
            ok200!(ctx, |c| c.paths().float_scientific_positive(1.034e20))
        }),
        scenario!("UrlPathsFloatNegative", |ctx| {
            ok200!(ctx, |c| c.paths().float_scientific_negative(-1.034e-20))
        }),
        scenario!("UrlPathsDoublePositive", |ctx| {
            ok200!(ctx, |c| c.paths().double_decimal_positive(9999999.999))
        }),
        scenario!("UrlPathsDoubleNegative", |ctx| {
            ok200!(ctx, |c| c.paths().double_decimal_negative(-9999999.999))
        }),
        scenario!("UrlPathsStringUnicode", |ctx| {
            ok200!(ctx, |c| c.paths().string_unicode(models::StringPath::Value))
        }),
        scenario!("UrlPathsStringUrlEncoded", |ctx| {
            ok200!(ctx, |c| c.paths().string_url_encoded(models::StringPath2::BeginEnd))
        }),
        scenario!("UrlPathsStringUrlNonEncoded", |ctx| {
            ok200!(ctx, |c| c.paths().string_url_non_encoded(models::StringPath3::BeginEnd))
        }),
        scenario!("UrlPathsStringEmpty", |ctx| {
            ok200!(ctx, |c| c.paths().string_empty(models::StringPath4::Value))
        }),
        scenario!("UrlPathsEnumValid", |ctx| {
            ok200!(ctx, |c| c.paths().enum_valid(models::UriColor::GreenColor))
        }),
        scenario!("UrlPathsByteMultiByte", |ctx| {
            ok200!(ctx, |c| c.paths().byte_multi_byte(UNICODE.as_bytes().to_vec()))
        }),
        scenario!("UrlPathsByteEmpty", |ctx| {
            ok200!(ctx, |c| c.paths().byte_empty(Vec::new()))
        }),
        scenario!("UrlPathsDateValid", |ctx| {
            ok200!(ctx, |c| c.paths().date_valid(time::macros::date!(2012 - 01 - 01)))
        }),
        scenario!("UrlPathsDateTimeValid", |ctx| {
            ok200!(ctx, |c| c
                .paths()
                .date_time_valid(time::macros::datetime!(2012-01-01 01:01:01 UTC)))
        }),
        scenario!("UrlPathsStringBase64Url", |ctx| {
            // format: base64url is a plain string in the generated API: the caller encodes "lorem".
            ok200!(ctx, |c| c.paths().base64_url(b"lorem".to_vec()))
        }),
        scenario!("UrlPathsArrayCSVInPath", |ctx| {
            let array = vec![
                "ArrayPath1".to_string(),
                URL_ENCODED.to_string(),
                String::new(),
                String::new(),
            ];
            ok200!(ctx, |c| c.paths().array_csv_in_path(array))
        }),
        scenario!("UrlPathsIntUnixTime", |ctx| {
            ok200!(ctx, |c| c.paths().unix_time_url(1460505600))
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
            ok200!(ctx, |c| c.queries().get_boolean_true(true))
        }),
        scenario!("UrlQueriesBoolFalse", |ctx| {
            ok200!(ctx, |c| c.queries().get_boolean_false(false))
        }),
        scenario!("UrlQueriesBoolNull", |ctx| {
            ok200!(ctx, |c| c.queries().get_boolean_null())
        }),
        scenario!("UrlQueriesIntPositive", |ctx| {
            ok200!(ctx, |c| c.queries().get_int_one_million())
        }),
        scenario!("UrlQueriesIntNegative", |ctx| {
            ok200!(ctx, |c| c.queries().get_int_negative_one_million())
        }),
        scenario!("UrlQueriesIntNull", |ctx| {
            ok200!(ctx, |c| c.queries().get_int_null())
        }),
        scenario!("UrlQueriesLongPositive", |ctx| {
            ok200!(ctx, |c| c.queries().get_ten_billion())
        }),
        scenario!("UrlQueriesLongNegative", |ctx| {
            ok200!(ctx, |c| c.queries().get_negative_ten_billion())
        }),
        scenario!("UrlQueriesLongNull", |ctx| {
            ok200!(ctx, |c| c.queries().get_long_null())
        }),
        scenario!("UrlQueriesFloatPositive", |ctx| {
            ok200!(ctx, |c| c.queries().float_scientific_positive(1.034e20))
        }),
        scenario!("UrlQueriesFloatNegative", |ctx| {
            ok200!(ctx, |c| c.queries().float_scientific_negative(-1.034e-20))
        }),
        scenario!("UrlQueriesFloatNull", |ctx| {
            ok200!(ctx, |c| c.queries().float_null())
        }),
        scenario!("UrlQueriesDoublePositive", |ctx| {
            ok200!(ctx, |c| c.queries().double_decimal_positive(9999999.999))
        }),
        scenario!("UrlQueriesDoubleNegative", |ctx| {
            ok200!(ctx, |c| c.queries().double_decimal_negative(-9999999.999))
        }),
        scenario!("UrlQueriesDoubleNull", |ctx| {
            ok200!(ctx, |c| c.queries().double_null())
        }),
        scenario!("UrlQueriesStringUnicode", |ctx| {
            ok200!(ctx, |c| c.queries().string_unicode())
        }),
        scenario!("UrlQueriesStringUrlEncoded", |ctx| {
            ok200!(ctx, |c| c.queries().string_url_encoded())
        }),
        scenario!("UrlQueriesStringEmpty", |ctx| {
            ok200!(ctx, |c| c.queries().string_empty())
        }),
        scenario!("UrlQueriesStringNull", |ctx| {
            ok200!(ctx, |c| c.queries().string_null())
        }),
        scenario!("UrlQueriesEnumValid", |ctx| {
            ok200!(ctx, |c| c
                .queries()
                .enum_valid()
                .enum_query(models::UriColor::GreenColor))
        }),
        scenario!("UrlQueriesEnumNull", |ctx| { ok200!(ctx, |c| c.queries().enum_null()) }),
        scenario!("UrlQueriesByteMultiByte", |ctx| {
            ok200!(ctx, |c| c
                .queries()
                .byte_multi_byte()
                .byte_query(UNICODE.as_bytes().to_vec()))
        }),
        scenario!("UrlQueriesByteEmpty", |ctx| {
            ok200!(ctx, |c| c.queries().byte_empty())
        }),
        scenario!("UrlQueriesByteNull", |ctx| { ok200!(ctx, |c| c.queries().byte_null()) }),
        scenario!("UrlQueriesDateValid", |ctx| {
            ok200!(ctx, |c| c.queries().date_valid())
        }),
        scenario!("UrlQueriesDateNull", |ctx| { ok200!(ctx, |c| c.queries().date_null()) }),
        scenario!("UrlQueriesDateTimeValid", |ctx| {
            ok200!(ctx, |c| c.queries().date_time_valid())
        }),
        scenario!("UrlQueriesDateTimeNull", |ctx| {
            ok200!(ctx, |c| c.queries().date_time_null())
        }),
        scenario!("UrlQueriesArrayCsvValid", |ctx| {
            ok200!(ctx, |c| c.queries().array_string_csv_valid().array_query(valid_array()))
        }),
        scenario!("UrlQueriesArrayCsvNull", |ctx| {
            ok200!(ctx, |c| c.queries().array_string_csv_null())
        }),
        scenario!("UrlQueriesArrayCsvEmpty", |ctx| {
            ok200!(ctx, |c| c.queries().array_string_csv_empty().array_query(Vec::new()))
        }),
        scenario!("UrlQueriesArrayNoCollectionFormatValid", |ctx| {
            let array = vec!["hello".to_string(), "nihao".to_string(), "bonjour".to_string()];
            ok200!(ctx, |c| c
                .queries()
                .array_string_no_collection_format_empty()
                .array_query(array))
        }),
        scenario!("UrlQueriesArraySsvValid", |ctx| {
            ok200!(ctx, |c| c.queries().array_string_ssv_valid().array_query(valid_array()))
        }),
        scenario!("UrlQueriesArrayTsvValid", |ctx| {
            ok200!(ctx, |c| c.queries().array_string_tsv_valid().array_query(valid_array()))
        }),
        scenario!("UrlQueriesArrayPipesValid", |ctx| {
            ok200!(ctx, |c| c
                .queries()
                .array_string_pipes_valid()
                .array_query(valid_array()))
        }),
        scenario!("UrlPathItemGetAll", |ctx| {
            let c = client!(url, ctx, "globalStringPath"; .global_string_query("globalStringQuery"));
            let request = c
                .path_items()
                .get_all_with_values("pathItemStringPath", "localStringPath")
                .path_item_string_query("pathItemStringQuery")
                .local_string_query("localStringQuery");
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("UrlPathItemGetGlobalNull", |ctx| {
            let c = client!(url, ctx, "globalStringPath");
            let request = c
                .path_items()
                .get_global_query_null("pathItemStringPath", "localStringPath")
                .path_item_string_query("pathItemStringQuery")
                .local_string_query("localStringQuery");
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("UrlPathItemGetGlobalAndLocalNull", |ctx| {
            let c = client!(url, ctx, "globalStringPath");
            let request = c
                .path_items()
                .get_global_and_local_query_null("pathItemStringPath", "localStringPath")
                .path_item_string_query("pathItemStringQuery");
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("UrlPathItemGetPathItemAndLocalNull", |ctx| {
            let c = client!(url, ctx, "globalStringPath"; .global_string_query("globalStringQuery"));
            let request = c
                .path_items()
                .get_local_path_item_query_null("pathItemStringPath", "localStringPath");
            eq("status", call!(request).status().as_u16(), 200)
        }),
    ]
}
