//! The Azure report (`/report/azure`) without its LRO and paging scenarios:
//! azure-special-properties (subscription ids, api versions, `x-ms-skip-url-encoding`, OData,
//! client request ids), azure-parameter-grouping, subscriptionId-apiVersion; and azure-report.
//! Then swagger files of Azure features whose scenarios the core report counts: parameterized
//! hosts (custom-baseUrl, custom-baseUrl-more-options, parameterized-endpoint) and HEAD
//! operations (head: a 404 means `false`; head-exceptions: a 404 is an error).

use azure_special_properties::operations::odata::GetWithFilterOptions;

use super::{eq, expect_err, Outcome, Scenario};
use crate::{call, client, headers, opts, scenario, value};

/// The subscription id azure-special-properties wants.
const SUBSCRIPTION: &str = "1234-5678-9012-3456";
/// The client request id the server wants.
const REQUEST_ID: &str = "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0";
/// `x-ms-client-request-id`, which the subscription routes want on every request.
const CLIENT_REQUEST_ID: &str = "x-ms-client-request-id";

/// A response header as text.
fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Checks the `x-ms-request-id: 123` the server answers the client request id routes with.
fn request_id_123(headers: &reqwest::header::HeaderMap) -> Outcome {
    eq("x-ms-request-id", header(headers, "x-ms-request-id"), Some("123"))
}

/// Per-call settings of azure-special-properties that send `x-ms-client-request-id: id`.
fn request_id(id: &str) -> Option<azure_special_properties::runtime::RequestOptions> {
    Some(headers!(azure_special_properties, (CLIENT_REQUEST_ID, id)))
}

/// A client of azure-special-properties with the spec's subscription id and api version.
macro_rules! specials {
    ($ctx:expr) => {
        client!(azure_special_properties, $ctx, SUBSCRIPTION)
    };
}

/// Sends `$call` of azure-special-properties and expects a 200 without a body.
macro_rules! ok200 {
    ($ctx:ident, |$c:ident| $call:expr) => {{
        let $c = specials!($ctx);
        let response = call!($call);
        eq("status", response.status().as_u16(), 200)
    }};
}

pub fn all() -> Vec<Scenario> {
    let mut all = specials();
    all.extend(grouping());
    all.extend(others());
    all.extend(hosts());
    all.extend(heads());
    all
}

/// azure-special-properties.
fn specials() -> Vec<Scenario> {
    use azure_special_properties::models::UnencodedPathParam;
    vec![
        // The subscription id: a client parameter (global) or an operation's (local). The server
        // wants an `x-ms-client-request-id` on each of these requests.
        scenario!("AzureSubscriptionMethodLocalValid", |ctx| {
            ok200!(ctx, |c| c
                .subscription_in_method()
                .post_method_local_valid(SUBSCRIPTION, request_id(REQUEST_ID)))
        }),
        scenario!("AzureSubscriptionMethodGlobalValid", |ctx| {
            ok200!(ctx, |c| c
                .subscription_in_credentials()
                .post_method_global_valid(request_id(REQUEST_ID)))
        }),
        scenario!("AzureSubscriptionMethodGlobalNotProvidedValid", |ctx| {
            ok200!(ctx, |c| c
                .subscription_in_credentials()
                .post_method_global_not_provided_valid(request_id(REQUEST_ID)))
        }),
        scenario!("AzureSubscriptionPathLocalValid", |ctx| {
            ok200!(ctx, |c| c
                .subscription_in_method()
                .post_path_local_valid(SUBSCRIPTION, request_id(REQUEST_ID)))
        }),
        scenario!("AzureSubscriptionPathGlobalValid", |ctx| {
            ok200!(ctx, |c| c
                .subscription_in_credentials()
                .post_path_global_valid(request_id(REQUEST_ID)))
        }),
        scenario!("AzureSubscriptionSwaggerLocalValid", |ctx| {
            ok200!(ctx, |c| c
                .subscription_in_method()
                .post_swagger_local_valid(SUBSCRIPTION, request_id(REQUEST_ID)))
        }),
        scenario!("AzureSubscriptionSwaggerGlobalValid", |ctx| {
            ok200!(ctx, |c| c
                .subscription_in_credentials()
                .post_swagger_global_valid(request_id(REQUEST_ID)))
        }),
        // The api version: the client's (global, 2015-07-01-preview) or the operation's constant
        // `2.0` (local); absent when the optional local one is not set.
        scenario!("AzureApiVersionMethodGlobalValid", |ctx| {
            ok200!(ctx, |c| c.api_version_default().get_method_global_valid(None))
        }),
        scenario!("AzureApiVersionMethodGlobalNotProvidedValid", |ctx| {
            ok200!(ctx, |c| c
                .api_version_default()
                .get_method_global_not_provided_valid(None))
        }),
        scenario!("AzureApiVersionPathGlobalValid", |ctx| {
            ok200!(ctx, |c| c.api_version_default().get_path_global_valid(None))
        }),
        scenario!("AzureApiVersionSwaggerGlobalValid", |ctx| {
            ok200!(ctx, |c| c.api_version_default().get_swagger_global_valid(None))
        }),
        scenario!("AzureApiVersionMethodLocalValid", |ctx| {
            ok200!(ctx, |c| c.api_version_local().get_method_local_valid(None))
        }),
        scenario!("AzureApiVersionMethodLocalNull", |ctx| {
            ok200!(ctx, |c| c.api_version_local().get_method_local_null(None))
        }),
        scenario!("AzureApiVersionPathLocalValid", |ctx| {
            ok200!(ctx, |c| c.api_version_local().get_path_local_valid(None))
        }),
        scenario!("AzureApiVersionSwaggerLocalValid", |ctx| {
            ok200!(ctx, |c| c.api_version_local().get_swagger_local_valid(None))
        }),
        // `x-ms-skip-url-encoding`: the path value's `/` and the query value's `&` and `=` go
        // out as they are (three path segments; three query parameters).
        scenario!("AzureMethodPathUrlEncoding", |ctx| {
            ok200!(ctx, |c| c
                .skip_url_encoding()
                .get_method_path_valid("path1/path2/path3", None))
        }),
        scenario!("AzurePathPathUrlEncoding", |ctx| {
            ok200!(ctx, |c| c
                .skip_url_encoding()
                .get_path_path_valid("path1/path2/path3", None))
        }),
        scenario!("AzureSwaggerPathUrlEncoding", |ctx| {
            ok200!(ctx, |c| c
                .skip_url_encoding()
                .get_swagger_path_valid(UnencodedPathParam::Path1Path2Path3, None))
        }),
        scenario!("AzureMethodQueryUrlEncoding", |ctx| {
            ok200!(ctx, |c| c
                .skip_url_encoding()
                .get_method_query_valid("value1&q2=value2&q3=value3", None))
        }),
        scenario!("AzurePathQueryUrlEncoding", |ctx| {
            ok200!(ctx, |c| c
                .skip_url_encoding()
                .get_path_query_valid("value1&q2=value2&q3=value3", None))
        }),
        scenario!("AzureSwaggerQueryUrlEncoding", |ctx| {
            ok200!(ctx, |c| c.skip_url_encoding().get_swagger_query_valid(None))
        }),
        scenario!("AzureMethodQueryUrlEncodingNull", |ctx| {
            ok200!(ctx, |c| c.skip_url_encoding().get_method_query_null(None))
        }),
        // OData query options.
        scenario!("AzureODataFilter", |ctx| {
            ok200!(ctx, |c| c.odata().get_with_filter(opts!(GetWithFilterOptions {
                filter: "id gt 5 and name eq 'foo'".to_string(),
                top: 10,
                orderby: "id".to_string(),
            })))
        }),
        // Client request ids: a per-call `x-ms-client-request-id` header, a parameter of that
        // name, none, a wrong one (400), and `x-ms-client-request-id` parameters of other names.
        scenario!("AzureXmsRequestClientOverwrite", |ctx| {
            let c = specials!(ctx);
            let response = call!(c.x_ms_client_request_id().get(request_id(REQUEST_ID)));
            eq("status", response.status().as_u16(), 200)?;
            request_id_123(response.headers())
        }),
        scenario!("AzureXmsRequestClientOverwriteViaParameter", |ctx| {
            let c = specials!(ctx);
            let response = call!(c.x_ms_client_request_id().param_get(REQUEST_ID, None));
            eq("status", response.status().as_u16(), 200)?;
            request_id_123(response.headers())
        }),
        scenario!("AzureXmsRequestClientIdNull", |ctx| {
            let c = specials!(ctx);
            let response = call!(c.x_ms_client_request_id().get(None));
            eq("status", response.status().as_u16(), 200)?;
            request_id_123(response.headers())
        }),
        scenario!("AzureRequestClientIdInError", |ctx| {
            let c = specials!(ctx);
            let result = c.x_ms_client_request_id().get(request_id("123")).await;
            let error = match result {
                Ok(r) => return Err(format!("expected a 400, got {}", r.status())),
                Err(e) => e,
            };
            eq("status", error.status().map(|s| s.as_u16()), Some(400))?;
            match &error {
                azure_special_properties::runtime::Error::Status(status) => request_id_123(&status.headers),
                other => Err(format!("expected a status error, got {other:?}")),
            }
        }),
        scenario!("AzureXmsCustomNamedRequestId", |ctx| {
            let c = specials!(ctx);
            let response = call!(c.header().custom_named_request_id(REQUEST_ID, None));
            eq("status", response.status().as_u16(), 200)?;
            eq(
                "foo-request-id",
                response.typed_headers().foo_request_id.as_deref(),
                Some("123"),
            )
        }),
        // The same scenario, with HEAD (the operation documents 200 and 404: it tells whether the
        // resource exists).
        scenario!("AzureXmsCustomNamedRequestIdHead", |ctx| {
            let c = specials!(ctx);
            let response = call!(c.header().custom_named_request_id_head(REQUEST_ID, None));
            eq("status", response.status().as_u16(), 200)?;
            eq(
                "foo-request-id",
                response.typed_headers().foo_request_id.as_deref(),
                Some("123"),
            )
        }),
        scenario!("AzureXmsCustomNamedRequestIdParameterGroup", |ctx| {
            let c = specials!(ctx);
            let response = call!(c.header().custom_named_request_id_param_grouping(REQUEST_ID, None));
            eq("status", response.status().as_u16(), 200)?;
            eq(
                "foo-request-id",
                response.typed_headers().foo_request_id.as_deref(),
                Some("123"),
            )
        }),
    ]
}

/// azure-parameter-grouping: the generated options take the grouped parameters one by one (the
/// groups are not types); the server checks what reaches it.
fn grouping() -> Vec<Scenario> {
    use azure_parameter_grouping::models::EncryptionAlgorithmType;
    use azure_parameter_grouping::operations::parameter_grouping as grouping;
    vec![
        scenario!("postParameterGroupingRequiredParameters", |ctx| {
            let c = client!(azure_parameter_grouping, ctx);
            let request = c.parameter_grouping().post_required(
                1234,
                "path",
                opts!(grouping::PostRequiredOptions {
                    custom_header: "header".to_string(),
                    query: 21
                }),
            );
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("postParameterGroupingOptionalParameters", |ctx| {
            let c = client!(azure_parameter_grouping, ctx);
            let request = c
                .parameter_grouping()
                .post_optional(opts!(grouping::PostOptionalOptions {
                    custom_header: "header".to_string(),
                    query: 21
                }));
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("postParameterGroupingMultipleParameterGroups", |ctx| {
            let c = client!(azure_parameter_grouping, ctx);
            let request =
                c.parameter_grouping()
                    .post_multi_param_groups(opts!(grouping::PostMultiParamGroupsOptions {
                        header_one: "header".to_string(),
                        query_one: 21,
                        header_two: "header2".to_string(),
                        query_two: 42,
                    }));
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("postParameterGroupingSharedParameterGroupObject", |ctx| {
            let c = client!(azure_parameter_grouping, ctx);
            let request = c.parameter_grouping().post_shared_parameter_group_object(opts!(
                grouping::PostSharedParameterGroupObjectOptions {
                    header_one: "header".to_string(),
                    query_one: 21,
                }
            ));
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("PostParameterGroupingWithReservedWords", |ctx| {
            let c = client!(azure_parameter_grouping, ctx);
            let request = c
                .parameter_grouping()
                .post_reserved_words(opts!(grouping::PostReservedWordsOptions {
                    from: "bob".to_string(),
                    accept: "yes".to_string()
                }));
            eq("status", call!(request).status().as_u16(), 200)
        }),
        scenario!("PutParameterGroupingConstant", |ctx| {
            let c = client!(azure_parameter_grouping, ctx);
            let request = c
                .parameter_grouping()
                .group_with_constant(opts!(grouping::GroupWithConstantOptions {
                    grouped_constant: EncryptionAlgorithmType::Foo,
                    grouped_parameter: "bar".to_string(),
                }));
            eq("status", call!(request).status().as_u16(), 200)
        }),
    ]
}

/// subscriptionId-apiVersion and azure-report.
fn others() -> Vec<Scenario> {
    vec![
        scenario!("SubscriptionIdAndApiVersion", |ctx| {
            let c = client!(subscription_id_api_version, ctx, SUBSCRIPTION);
            let group = value!(c.group().get_sample_resource_group("testgroup101", None));
            eq("name", group.name.as_deref(), Some("testgroup101"))?;
            eq("location", group.location.as_deref(), Some("West US"))
        }),
        // Not a scenario of the report: the report itself, through azure-report's client, after
        // a call that it counts.
        scenario!("getReport", |ctx| {
            let c = specials!(ctx);
            let filter = "id gt 5 and name eq 'foo'";
            let response = call!(c.odata().get_with_filter(opts!(GetWithFilterOptions {
                filter: filter.to_string(),
                top: 10,
                orderby: "id".to_string(),
            })));
            eq("status", response.status().as_u16(), 200)?;
            let report = value!(client!(azure_report, ctx).get_report(None));
            for name in ["SubscriptionIdAndApiVersion", "postParameterGroupingRequiredParameters"] {
                if !report.contains_key(name) {
                    return Err(format!("the Azure report has no {name}"));
                }
            }
            let negative = report.iter().find(|(_, count)| **count < 0);
            eq("a negative count", negative, None)?;
            let odata = report.get("AzureODataFilter").copied().unwrap_or_default();
            eq("AzureODataFilter seen", odata >= 1, true)
        }),
    ]
}

/// Client options for the server, as `client!` sets them, for clients without an `endpoint`.
macro_rules! options {
    ($krate:ident, $ctx:expr) => {
        $krate::ClientOptions::default()
            .http_client($ctx.http())
            .retry($krate::runtime::RetryOptions::none())
    };
}

/// `x-ms-parameterized-host`: the host template's parameters are client arguments.
fn hosts() -> Vec<Scenario> {
    vec![
        // `{accountName}{host}`, http (the spec has no `schemes`): `127.0.0.1` and `:port`.
        scenario!("CustomBaseUri", |ctx| {
            let (host, port) = ctx.host_and_port();
            let c = custom_base_url::Client::builder(host)
                .host(port)
                .options(options!(custom_base_url, ctx))
                .build()
                .map_err(|e| format!("building the client: {e}"))?;
            eq("endpoint", c.endpoint(), ctx.url.as_str())?;
            eq("status", call!(c.paths().get_empty(None)).status().as_u16(), 200)
        }),
        // `{vault}{secret}{dnsSuffix}` without a scheme prefix: `http://127.0`, `.0.1`, `:port`.
        scenario!("CustomBaseUriMoreOptions", |ctx| {
            let (host, port) = ctx.host_and_port();
            let (vault, secret) = host.split_at(host.len() / 2);
            let c = custom_base_url_more_options::Client::builder(format!("http://{vault}"), secret, "test12")
                .dns_suffix(port)
                .options(options!(custom_base_url_more_options, ctx))
                .build()
                .map_err(|e| format!("building the client: {e}"))?;
            eq("endpoint", c.endpoint(), ctx.url.as_str())?;
            // keyVersion is unset: the client sends the spec's default, `v1`, which the server
            // checks.
            eq(
                "status",
                call!(c.paths().get_empty("key1", None)).status().as_u16(),
                200,
            )
        }),
        // `{endpoint}`: the whole base URL.
        scenario!("GetParameterizedHostWithNameEndpoint", |ctx| {
            let c = parameterized_endpoint::Client::builder(ctx.url.clone())
                .options(options!(parameterized_endpoint, ctx))
                .build()
                .map_err(|e| format!("building the client: {e}"))?;
            eq("status", call!(c.get(None)).status().as_u16(), 200)
        }),
    ]
}

/// head.json (HEAD with 200/204 and 404 documented: whether the resource exists) and
/// head-exceptions.json (404 undocumented: an error), against the routes of HttpSuccess*Head.
fn heads() -> Vec<Scenario> {
    vec![
        scenario!("HttpSuccess200HeadBool", |ctx| {
            let response = call!(client!(head, ctx).http_success().head200(None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("HttpSuccess204HeadBool", |ctx| {
            let response = call!(client!(head, ctx).http_success().head204(None));
            eq("status", response.status().as_u16(), 204)
        }),
        // 404 is documented: the answer "it does not exist", not an error.
        scenario!("HttpSuccess404HeadBool", |ctx| {
            let response = call!(client!(head, ctx).http_success().head404(None));
            eq("status", response.status().as_u16(), 404)
        }),
        scenario!("HttpSuccess200HeadException", |ctx| {
            let response = call!(client!(head_exceptions, ctx).head_exception().head200(None));
            eq("status", response.status().as_u16(), 200)
        }),
        scenario!("HttpSuccess204HeadException", |ctx| {
            let response = call!(client!(head_exceptions, ctx).head_exception().head204(None));
            eq("status", response.status().as_u16(), 204)
        }),
        scenario!("HttpSuccess404HeadException", |ctx| {
            let c = client!(head_exceptions, ctx);
            let result = c.head_exception().head404(None).await;
            let status = result.as_ref().err().and_then(|e| e.status()).map(|s| s.as_u16());
            expect_err("HEAD 404", result)?;
            eq("status", status, Some(404))
        }),
    ]
}
