//! The multi-API scenarios of `/report/optional`: one API in several versions. Here each version
//! is a crate of its own (the generator makes one crate per API version, as Azure SDKs for Rust
//! do, not AutoRest Python's one client over all versions); each call must carry its crate's
//! `api-version`, which the server checks.

use std::time::Duration;

use super::{eq, Scenario};
use crate::{call, client, scenario, value};

macro_rules! options {
    ($krate:ident, $ctx:expr) => {
        $krate::ClientOptions::default()
            .http_client($ctx.http())
            .retry($krate::runtime::RetryOptions::none())
    };
}

pub fn all() -> Vec<Scenario> {
    vec![
        scenario!("MultiapiPutTestOneApiVersionOne", |ctx| {
            let response = call!(client!(multiapi_v1, ctx).test_one(1, None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("MultiapiPutTestOneApiVersionTwo", |ctx| {
            let model = value!(client!(multiapi_v2, ctx).test_one(1, None));
            eq("message", model.message.as_deref(), Some("This was called with api-version 2.0.0"))
        }),
        scenario!("MultiapiGetTestTwoApiVersionOne", |ctx| {
            let response = call!(client!(multiapi_v1, ctx).operation_group_one().test_two(None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("MultiapiGetTestTwoApiVersionTwo", |ctx| {
            let model = value!(client!(multiapi_v2, ctx).operation_group_one().test_two(None));
            eq("id", model.id, 1)
        }),
        scenario!("MultiapiGetTestTwoApiVersionThree", |ctx| {
            let model = value!(client!(multiapi_v3, ctx).operation_group_one().test_two(None));
            eq(
                "optionalProperty",
                model.optional_property.as_deref(),
                Some("This was called with api-version 3.0.0"),
            )
        }),
        scenario!("MultiapiPutTestThreeApiVersionTwo", |ctx| {
            let response = call!(client!(multiapi_v2, ctx).operation_group_one().test_three(None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("MultiapiPostTestFourApiVersionTwo", |ctx| {
            let response = call!(client!(multiapi_v2, ctx).operation_group_two().test_four(true, None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("MultiapiPostTestFourApiVersionThreeJSON", |ctx| {
            let options = multiapi_v3::operations::operation_group_two::TestFourOptions {
                input: Some(multiapi_v3::models::SourcePath {
                    source: Some("https://example.com/source".into()),
                }),
                ..Default::default()
            };
            let response = call!(client!(multiapi_v3, ctx).operation_group_two().test_four(Some(options)));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("MultiapiPutTestFiveApiVersionThree", |ctx| {
            let response = call!(client!(multiapi_v3, ctx).operation_group_two().test_five(None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("MultiapiLRO", |ctx| {
            let product = value!(client!(multiapi_v1, ctx).test_lro(None));
            eq("id", product.and_then(|p| p.id), Some(100))
        }),
        scenario!("MultiapiLROAndPaging", |ctx| {
            let c = client!(multiapi_v1, ctx);
            let operation = c.test_lro_and_paging(None).interval(Duration::from_millis(10)).timeout(Duration::from_secs(5));
            let mut pages = operation.into_pages();
            let mut ids = Vec::new();
            while let Some(page) = pages.next_page().await {
                let page = page.map_err(|e| format!("a page: {e}"))?;
                ids.extend(page.values.unwrap_or_default().into_iter().map(|p| p.id));
            }
            eq("ids", ids, vec![Some(100)])
        }),
        scenario!("MultiapiPaging", |ctx| {
            // The second page's link must carry api-version 3.0.0, which the server checks.
            let mut pages = client!(multiapi_v3, ctx).test_paging(None).into_pages();
            let mut items = Vec::new();
            while let Some(page) = pages.next_page().await {
                let page = page.map_err(|e| format!("a page: {e}"))?;
                items.extend(page.values.unwrap_or_default().into_iter().map(|m| m.optional_property));
            }
            eq("items", items, vec![Some("paged".to_string()), Some("paged".to_string())])
        }),
        scenario!("MultiapiOperationGroupPaging", |ctx| {
            let c = client!(multiapi_v3, ctx);
            let mut pages = c.operation_group_one().test_operation_group_paging(None).into_pages();
            let mut count = 0;
            while let Some(page) = pages.next_page().await {
                count += page.map_err(|e| format!("a page: {e}"))?.values.unwrap_or_default().len();
            }
            eq("items", count, 2)
        }),
        scenario!("MultiapiDifferentCallsApiVersionOne", |ctx| {
            let response = call!(client!(multiapi_v1, ctx).test_different_calls("hello", None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("MultiapiDifferentCallsApiVersionTwo", |ctx| {
            let options = multiapi_v2::operations::TestDifferentCallsOptions {
                greeting_in_chinese: Some("nihao".into()),
                ..Default::default()
            };
            let response = call!(client!(multiapi_v2, ctx).test_different_calls("hello", Some(options)));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("MultiapiDifferentCallsApiVersionThree", |ctx| {
            let options = multiapi_v3::operations::TestDifferentCallsOptions {
                greeting_in_chinese: Some("nihao".into()),
                greeting_in_french: Some("bonjour".into()),
                ..Default::default()
            };
            let response = call!(client!(multiapi_v3, ctx).test_different_calls("hello", Some(options)));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("MultiapiCustomBaseUrlApiVersionOne", |ctx| {
            // The endpoint fills `{Endpoint}` of the base URL `{Endpoint}/multiapiCustomBaseUrl/v1`.
            let c = multiapi_v1_custom_base_url::Client::builder(ctx.url.clone())
                .options(options!(multiapi_v1_custom_base_url, ctx))
                .build()
                .map_err(|e| format!("building the client: {e}"))?;
            eq("status", call!(c.test(1, None)).status().as_u16(), 200)
        }),
        scenario!("MultiapiCustomBaseUrlApiVersionTwo", |ctx| {
            let c = multiapi_v2_custom_base_url::Client::builder(ctx.url.clone())
                .options(options!(multiapi_v2_custom_base_url, ctx))
                .build()
                .map_err(|e| format!("building the client: {e}"))?;
            eq("status", call!(c.test(2, None)).status().as_u16(), 200)
        }),
    ]
}
