//! paging, custom-baseUrl-paging: `x-ms-pageable` operations (the Azure report's `Paging*`
//! scenarios, and the optional report's `PagingDontSendMaxPageSize`), each walked page by page
//! through its `into_pages()` pager, checking the items of every page, the number of pages, and
//! for the failure scenarios the page that fails and how.
//!
//! The server's routes: `legacy/routes/paging.js` (mounted at `/paging`) and
//! `src/test-routes/paging.ts`. Every item is `{ "properties": { "id": N, "name": "..." } }`; an
//! item is rendered here as `N:name` and a page as the list of its items.

use std::time::Duration;

use custom_base_url_paging as cbp;
use paging as api;
// Both clients are on the one runtime crate: its `Page` serves the pages of both.
use paging::runtime::{Page as _, RetryOptions};

use super::{eq, Ctx, Outcome, Scenario};
use crate::{client, opts, plain_http, scenario};

/// More pages than any scenario has: a pager that goes on past this is looping.
const MAX_PAGES: usize = 20;
/// The LRO poller's wait when the service does not say, and its time limit.
const INTERVAL: Duration = Duration::from_millis(10);
const LIMIT: Duration = Duration::from_secs(5);

/// What walking a pager gave: the items of each page, then the error that ended it (with the
/// number of the page that failed, from 1), if one did.
struct Walk<E> {
    pages: Vec<Vec<String>>,
    error: Option<(usize, E)>,
}

/// `N:name` (`?` for what is missing).
fn render(properties: Option<(Option<i64>, Option<&str>)>) -> String {
    let (id, name) = properties.unwrap_or((None, None));
    let id = id.map_or_else(|| "?".to_string(), |id| id.to_string());
    format!("{id}:{}", name.unwrap_or("?"))
}

/// The items of a page of either crate, rendered.
macro_rules! items {
    ($page:expr) => {
        $page
            .into_items()
            .into_iter()
            .map(|item| render(item.properties.as_ref().map(|p| (p.id, p.name.as_deref()))))
            .collect::<Vec<String>>()
    };
}

/// Walks the pager `$pager` page by page with `next_page()`, to its end, its first error, or
/// [`MAX_PAGES`]: a [`Walk`].
macro_rules! walk {
    ($pager:expr) => {{
        let mut pager = $pager;
        let mut walk = Walk {
            pages: Vec::new(),
            error: None,
        };
        while let Some(page) = pager.next_page().await {
            match page {
                Ok(page) => walk.pages.push(items!(page)),
                Err(e) => {
                    walk.error = Some((walk.pages.len() + 1, e));
                    break;
                }
            }
            if walk.pages.len() > MAX_PAGES {
                return Err(format!("the pager went on past {MAX_PAGES} pages: {:?}", walk.pages));
            }
        }
        walk
    }};
}

/// A page of one item.
fn one(id: i64, name: &str) -> Vec<String> {
    vec![format!("{id}:{name}")]
}

/// A page without items.
fn empty() -> Vec<String> {
    Vec::new()
}

/// The ten pages of `/paging/multiple/page/N` and its kin: page 1 holds `1:Product`, page N
/// (2 to 10) holds `id(N):product`.
fn ten_pages(id: impl Fn(i64) -> i64) -> Vec<Vec<String>> {
    let mut pages = vec![one(1, "Product")];
    pages.extend((2..=10).map(|n| one(id(n), "product")));
    pages
}

/// Every page came, without error, and they are `expected`.
fn all_pages<E: std::fmt::Display>(walk: Walk<E>, expected: Vec<Vec<String>>) -> Outcome {
    if let Some((page, e)) = walk.error {
        return Err(format!(
            "page {page} failed (after pages {:?}; expected pages {expected:?}): {e}",
            walk.pages
        ));
    }
    eq("pages", walk.pages, expected)
}

/// The pages before `page` came and are `before`, then `page` failed: the error.
fn fails_on<E: std::fmt::Display>(walk: Walk<E>, page: usize, before: Vec<Vec<String>>) -> Result<E, String> {
    eq("the pages before the failure", &walk.pages, &before)?;
    match walk.error {
        Some((failed, e)) if failed == page => Ok(e),
        Some((failed, e)) => Err(format!("expected page {page} to fail, page {failed} did: {e}")),
        None => Err(format!(
            "expected page {page} to fail, got all {} pages: {:?}",
            walk.pages.len(),
            walk.pages
        )),
    }
}

/// An error answer `status` whose body's `message` is `message`.
fn status_error(e: &api::Error, status: u16, message: &str) -> Outcome {
    eq("error status", e.status().map(|s| s.as_u16()), Some(status))?;
    eq(
        "error message",
        e.api_error()
            .and_then(|body| body.get("message"))
            .and_then(|m| m.as_str()),
        Some(message),
    )
}

/// A client that retries quickly (`PagingMultipleRetry*`: a 500 first, then the page), with the
/// cookie store of [`Ctx::http`] (the server remembers the first attempt in a cookie).
fn retrying(ctx: &Ctx) -> Result<api::Client, String> {
    api::Client::builder()
        .endpoint(ctx.url.clone())
        .options(
            api::ClientOptions::default()
                .http_client(ctx.http())
                .retry(RetryOptions::default().initial_delay(Duration::from_millis(10))),
        )
        .build()
        .map_err(|e| format!("building the client: {e}"))
}

pub fn all() -> Vec<Scenario> {
    let mut all = single_pages();
    all.extend(multiple_pages());
    all.extend(next_operations());
    all.extend(api_versions());
    all.extend(failures());
    all.extend(custom_base_url());
    all
}

/// Lists of one page (or that must stop after the first).
fn single_pages() -> Vec<Scenario> {
    vec![
        // No `itemName`: the items are in `value`.
        scenario!("PagingNoItemName", |ctx| {
            let c = client!(paging, ctx);
            all_pages(
                walk!(c.paging().get_no_item_name_pages(None).into_pages()),
                vec![one(1, "Product")],
            )
        }),
        // `nextLink: ""` ends the list.
        scenario!("PagingEmptyNextLink", |ctx| {
            let c = client!(paging, ctx);
            let pager = c.paging().get_empty_next_link_name_pages(None).into_pages();
            all_pages(walk!(pager), vec![one(1, "Product")])
        }),
        // `nextLinkName: null`: the page's `nextLink` (to a 404) must not be followed.
        scenario!("PagingNextLinkNameNull", |ctx| {
            let c = client!(paging, ctx);
            let pager = c.paging().get_null_next_link_name_pages(None).into_pages();
            all_pages(walk!(pager), vec![one(1, "Product")])
        }),
        scenario!("PagingSingle", |ctx| {
            let c = client!(paging, ctx);
            all_pages(
                walk!(c.paging().get_single_pages(None).into_pages()),
                vec![one(1, "Product")],
            )
        }),
        // A GET with a body: `{"name": "body"}`, or a 400.
        scenario!("PagingSingleWithBodyParams", |ctx| {
            let c = client!(paging, ctx);
            let body = api::models::BodyParam {
                name: Some("body".to_string()),
            };
            let pager = c.paging().get_single_pages_with_body_params(body, None).into_pages();
            all_pages(walk!(pager), vec![one(1, "Product")])
        }),
        // The items field is `values` on the wire, `indexes` in Rust (x-ms-client-name).
        scenario!("PagingReturnModelWithXMSClientName", |ctx| {
            let c = client!(paging, ctx);
            let pager = c
                .paging()
                .get_paging_model_with_item_name_with_xms_client_name(None)
                .into_pages();
            all_pages(walk!(pager), vec![one(1, "Product")])
        }),
        // (optional report) The optional `$maxpagesize` is not sent when not set.
        scenario!("PagingDontSendMaxPageSize", |ctx| {
            let c = client!(paging, ctx);
            all_pages(
                walk!(c.paging().page_with_max_page_size(None).into_pages()),
                vec![empty()],
            )
        }),
    ]
}

/// Lists of several pages, each page's next link a GET.
fn multiple_pages() -> Vec<Scenario> {
    vec![
        // The grouped optional headers (`maxresults`, `timeout`) and `client-request-id` are
        // optional parameters; the server does not check them.
        scenario!("PagingMultiple", |ctx| {
            let c = client!(paging, ctx);
            let options = opts!(api::operations::paging::GetMultiplePagesOptions {
                client_request_id: "client-id".to_string(),
                maxresults: 5,
                timeout: 10,
            });
            all_pages(
                walk!(c.paging().get_multiple_pages(options.clone()).into_pages()),
                ten_pages(|n| n),
            )?;
            // `all_items` gives the same items, in order.
            let items = c
                .paging()
                .get_multiple_pages(options)
                .into_pages()
                .all_items()
                .await
                .map_err(|e| format!("all_items: {e}"))?;
            let items: Vec<String> = items
                .into_iter()
                .map(|item| render(item.properties.as_ref().map(|p| (p.id, p.name.as_deref()))))
                .collect();
            eq("all_items", items, ten_pages(|n| n).concat())
        }),
        // The next link is `odata.nextLink`.
        scenario!("PagingOdataMultiple", |ctx| {
            let c = client!(paging, ctx);
            let pager = c
                .paging()
                .get_odata_multiple_pages(opts!(api::operations::paging::GetOdataMultiplePagesOptions {
                    maxresults: 5
                }))
                .into_pages();
            all_pages(walk!(pager), ten_pages(|n| n))
        }),
        // `offset` is a (grouped) path parameter: the items of pages 2 to 10 are `offset + N`.
        scenario!("PagingMultiplePath", |ctx| {
            let c = client!(paging, ctx);
            let pager = c
                .paging()
                .get_multiple_pages_with_offset(
                    100,
                    opts!(api::operations::paging::GetMultiplePagesWithOffsetOptions { maxresults: 5 }),
                )
                .into_pages();
            all_pages(walk!(pager), ten_pages(|n| n + 100))
        }),
        // The first page answers 500 first: the retry gets it.
        scenario!("PagingMultipleRetryFirst", |ctx| {
            let c = retrying(&ctx)?;
            all_pages(
                walk!(c.paging().get_multiple_pages_retry_first(None).into_pages()),
                ten_pages(|n| n),
            )
        }),
        // The second page answers 500 first: the retry gets it (its item is `1:Product` again).
        scenario!("PagingMultipleRetrySecond", |ctx| {
            let c = retrying(&ctx)?;
            let mut expected = ten_pages(|n| n);
            expected[1] = one(1, "Product");
            all_pages(
                walk!(c.paging().get_multiple_pages_retry_second(None).into_pages()),
                expected,
            )
        }),
        // The first page is empty but has a next link (a path): the list goes on.
        scenario!("PagingFirstResponseEmpty", |ctx| {
            let c = client!(paging, ctx);
            let pager = c.paging().first_response_empty(None).into_pages();
            all_pages(walk!(pager), vec![empty(), one(1, "Product")])
        }),
        // `$filter` is sent on the first call; the next link has its own `$filter` (and a
        // `$skiptoken`), which must be sent as it is, not doubled with the client's.
        scenario!("PagingDuplicateParameters", |ctx| {
            let c = client!(paging, ctx);
            let pager = c
                .paging()
                .duplicate_params(opts!(api::operations::paging::DuplicateParamsOptions {
                    filter: "foo".to_string()
                }))
                .into_pages();
            all_pages(walk!(pager), vec![one(1, "Product"), empty()])
        }),
        // A POST that starts a long-running operation whose result is the first page of a list
        // (`/paging/multiple`, ten pages): the poller's final value is that first page, and the
        // whole list should be walked from it.
        scenario!("PagingMultipleLRO", |ctx| {
            let c = client!(paging, ctx);
            let op = c
                .paging()
                .get_multiple_pages_lro(opts!(api::operations::paging::GetMultiplePagesLroOptions {
                    maxresults: 5
                }));
            // The operation ends with page 1 as its value; its next links lead to pages 2 to 10.
            let pages = op.interval(INTERVAL).timeout(LIMIT).into_pages();
            all_pages(walk!(pages), ten_pages(|n| n))
        }),
    ]
}

/// `x-ms-pageable.operationName`: the next pages come from another operation.
fn next_operations() -> Vec<Scenario> {
    vec![
        // The next page is `nextOperationWithQueryParams?queryConstant=true` (not the link).
        scenario!("PagingMultipleWithQueryParameters", |ctx| {
            let c = client!(paging, ctx);
            let pager = c.paging().get_with_query_params(100, true, None).into_pages();
            all_pages(walk!(pager), vec![one(1, "Product"), one(2, "Product")])
        }),
        // The next link is a fragment (`next?page=2`), completed by `nextFragment` with the
        // tenant and api_version of the first call.
        scenario!("PagingFragment", |ctx| {
            let c = client!(paging, ctx);
            let pager = c
                .paging()
                .get_multiple_pages_fragment_next_link("1.6", "test_user", None)
                .into_pages();
            all_pages(walk!(pager), ten_pages(|n| n).into_iter().map(lower).collect())
        }),
        // Not in the report: the same with the parameters grouped (`custom-parameter-group`).
        scenario!("PagingFragmentWithGrouping", |ctx| {
            let c = client!(paging, ctx);
            let pager = c
                .paging()
                .get_multiple_pages_fragment_with_grouping_next_link("1.6", "test_user", None)
                .into_pages();
            all_pages(walk!(pager), ten_pages(|n| n).into_iter().map(lower).collect())
        }),
    ]
}

/// The fragment routes name every product `product`.
fn lower(page: Vec<String>) -> Vec<String> {
    page.into_iter().map(|item| item.to_lowercase()).collect()
}

/// The client's `api-version` on next pages.
fn api_versions() -> Vec<Scenario> {
    vec![
        // The next link has no `api-version`: the client's is appended.
        scenario!("PagingWithApiVersionAppend", |ctx| {
            let c = client!(paging, ctx);
            let pager = c.paging().append_api_version(None).into_pages();
            all_pages(walk!(pager), vec![one(1, "Product"), empty()])
        }),
        // The next link has `Api-Version=notMe`: replaced by the client's (the rest of the
        // query, `$skiptoken` and `startTime`, kept).
        scenario!("PagingWithApiVersionReplace", |ctx| {
            let c = client!(paging, ctx);
            let pager = c.paging().replace_api_version(None).into_pages();
            all_pages(walk!(pager), vec![one(1, "Product"), empty()])
        }),
    ]
}

/// Errors: on the first page, on the second, and a next link that is no URL.
fn failures() -> Vec<Scenario> {
    vec![
        scenario!("PagingSingleFailure", |ctx| {
            let c = client!(paging, ctx);
            let e = fails_on(walk!(c.paging().get_single_pages_failure(None).into_pages()), 1, vec![])?;
            status_error(&e, 400, "Expected single failure test.")
        }),
        scenario!("PagingMultipleFailure", |ctx| {
            let c = client!(paging, ctx);
            let walk = walk!(c.paging().get_multiple_pages_failure(None).into_pages());
            let e = fails_on(walk, 2, vec![one(1, "Product")])?;
            status_error(&e, 400, "Expected single failure test.")
        }),
        // The next link is `*&*#&$`: page 2 fails without an answer from the server.
        scenario!("PagingMultipleFailureUri", |ctx| {
            let c = client!(paging, ctx);
            let walk = walk!(c.paging().get_multiple_pages_failure_uri(None).into_pages());
            let e = fails_on(walk, 2, vec![one(1, "Product")])?;
            match e.status() {
                None => Ok(()),
                Some(status) => Err(format!("expected no answer for the invalid link, got a {status}: {e}")),
            }
        }),
    ]
}

/// A client of the parameterized host: `accountName` is the server's host, `host` its `:port`.
fn custom_client(ctx: &Ctx) -> Result<cbp::Client, String> {
    let (host, port) = ctx.host_and_port();
    cbp::Client::builder(host)
        .host(port)
        .options(
            cbp::ClientOptions::default()
                .http_client(ctx.http())
                .retry(cbp::runtime::RetryOptions::none())
                .policy(plain_http!(cbp)),
        )
        .build()
        .map_err(|e| format!("building the client: {e}"))
}

/// custom-baseUrl-paging: next links relative to the parameterized host.
fn custom_base_url() -> Vec<Scenario> {
    vec![
        // The next link is a path (`/paging/customurl/partialnextlink/page/2`) on the host.
        scenario!("PagingCustomUrlPartialNextLink", |ctx| {
            let c = custom_client(&ctx)?;
            let pager = c.paging().get_pages_partial_url(None).into_pages();
            all_pages(walk!(pager), vec![one(1, "Product"), one(2, "Product")])
        }),
        // The next link is `partialnextlinkop/page/2`, completed by the next operation's
        // `/paging/customurl/{nextLink}` (not encoded).
        scenario!("PagingCustomUrlPartialOperationNextLink", |ctx| {
            let c = custom_client(&ctx)?;
            let pager = c.paging().get_pages_partial_url_operation(None).into_pages();
            all_pages(walk!(pager), vec![one(1, "Product"), one(2, "Product")])
        }),
    ]
}
