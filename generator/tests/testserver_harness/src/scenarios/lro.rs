//! lro and lro-parameterized-endpoints: long-running operations (the Azure report's `LRO*` and
//! `CustomHeader*` scenarios), each followed through its `into_poller()` to the final value or
//! the failure.
//!
//! The server's routes: `legacy/routes/lros.js`, `legacy/routes/lroParameterizedEndpoints.js`,
//! `src/test-routes/lro/*.ts`. Most status answers carry `Retry-After: 0`; the others wait the
//! poller's `interval`, kept short. Every poller has a time limit ([`LIMIT`]), so that a poller
//! that never ends fails its scenario in a few seconds rather than the harness's 60, and every
//! wait lasts at least [`MIN_WAIT`], so that such a poller does not hammer the server.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use lro as api;
use lro::models::{Product, Sku, SubProduct};
use lro::operations::{lr_os, lr_os_custom_header, lro_retrys, lrosa_ds};
use lro::runtime::{Error, RetryOptions};
use lro_parameterized_endpoints as pe;

use super::{eq, Ctx, Outcome, Scenario};
use crate::{headers, opts, plain_http, scenario};

/// The poller's wait when the service does not say.
const INTERVAL: Duration = Duration::from_millis(10);
/// The shortest wait between two polls or attempts (the server mostly asks for 0 s).
const MIN_WAIT: Duration = Duration::from_millis(5);
/// How long a poller may take in all: a few polls take milliseconds.
const LIMIT: Duration = Duration::from_secs(2);
/// The request id the `LROsCustomHeader` operations must send with every request.
const CLIENT_REQUEST_ID: &str = "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0";

/// Waits as long as asked, but at least `MIN_WAIT`.
#[derive(Debug)]
struct AtLeast;

impl api::runtime::Sleeper for AtLeast {
    fn sleep(&self, duration: Duration) -> api::runtime::BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration.max(MIN_WAIT)))
    }
}

fn build(ctx: &Ctx, retry: RetryOptions, recorder: Option<Recorder>) -> Result<api::Client, String> {
    let mut options = api::ClientOptions::default()
        .http_client(ctx.http())
        .retry(retry)
        .sleeper(Arc::new(AtLeast));
    if let Some(recorder) = recorder {
        options = options.policy(Arc::new(recorder));
    }
    api::Client::builder()
        .endpoint(ctx.url.clone())
        .options(options)
        .build()
        .map_err(|e| format!("building the client: {e}"))
}

/// A client without retries.
fn client(ctx: &Ctx) -> Result<api::Client, String> {
    build(ctx, RetryOptions::none(), None)
}

/// A client that retries quickly (the `LRORetrys` operations answer 500 first, then succeed).
fn retrying(ctx: &Ctx) -> Result<api::Client, String> {
    build(
        ctx,
        RetryOptions::default().initial_delay(Duration::from_millis(10)),
        None,
    )
}

/// The requests a client sent, as `GET /path`.
type Sent = Arc<Mutex<Vec<String>>>;

/// Records every request (each attempt) in a [`Sent`].
#[derive(Debug)]
struct Recorder(Sent);

impl api::runtime::Policy for Recorder {
    fn send<'a>(
        &'a self,
        ctx: &'a api::runtime::CallContext,
        request: api::runtime::HttpRequest,
        next: api::runtime::Next<'a>,
    ) -> api::runtime::BoxFuture<'a, api::runtime::PolicyResult> {
        if let Ok(mut sent) = self.0.lock() {
            sent.push(format!("{} {}", request.method, request.url.path()));
        }
        next.send(ctx, request)
    }
}

/// A client without retries that records its requests, for the scenarios where a right final
/// value does not show that the right URL was polled.
fn recording(ctx: &Ctx) -> Result<(api::Client, Sent), String> {
    let sent = Sent::default();
    let client = build(ctx, RetryOptions::none(), Some(Recorder(sent.clone())))?;
    Ok((client, sent))
}

/// Checks that a request starting with `request` (`GET /path`) was sent.
fn sent(sent: &Sent, request: &str) -> Outcome {
    let sent = sent.lock().map_err(|_| "the recorder's lock is poisoned")?;
    if sent.iter().any(|r| r.starts_with(request)) {
        Ok(())
    } else {
        Err(format!("the poller never sent `{request}` (it sent {sent:?})"))
    }
}

/// Sends `$op` and follows the operation it starts to its end: the final value or the error.
macro_rules! wait {
    ($op:expr) => {
        $op.into_poller().interval(INTERVAL).timeout(LIMIT).wait().await
    };
}

/// The product the PUT, PATCH and POST operations send.
fn new_product() -> Product {
    Product {
        id: None,
        type_: None,
        tags: None,
        location: Some("West US".to_string()),
        name: None,
        properties: None,
    }
}

fn new_sku() -> Sku {
    Sku {
        name: Some("doesNotMatter".to_string()),
        id: None,
    }
}

fn new_sub_product() -> SubProduct {
    SubProduct {
        id: None,
        properties: None,
    }
}

/// The final value of an operation that must succeed.
fn done<T, E: std::fmt::Display>(result: Result<T, E>) -> Result<T, String> {
    result.map_err(|e| format!("the operation did not succeed: {e}"))
}

/// A final value that holds a product (some operations' values are optional).
trait HasProduct: std::fmt::Debug {
    fn product(&self) -> Option<&Product>;
}

impl HasProduct for Product {
    fn product(&self) -> Option<&Product> {
        Some(self)
    }
}

impl HasProduct for Option<Product> {
    fn product(&self) -> Option<&Product> {
        self.as_ref()
    }
}

fn provisioning_state(product: &Product) -> Option<&str> {
    product
        .properties
        .as_ref()
        .and_then(|p| p.provisioning_state.as_deref())
}

/// Checks the final product: its id, name and provisioning state.
fn product(value: &impl HasProduct, id: &str, name: Option<&str>, state: Option<&str>) -> Outcome {
    let Some(product) = value.product() else {
        return Err(format!("expected a product, got {value:?}"));
    };
    eq("id", product.id.as_deref(), Some(id))?;
    eq("name", product.name.as_deref(), name)?;
    eq("provisioningState", provisioning_state(product), state)
}

/// The product `{ "properties": { "provisioningState": "Succeeded"}, "id": "100", "name": "foo" }`.
fn succeeded(value: &impl HasProduct) -> Outcome {
    product(value, "100", Some("foo"), Some("Succeeded"))
}

/// The operation ended in failure (`failed` or `canceled`): [`Error::OperationFailed`], with
/// `message` when given.
fn failed<T: std::fmt::Debug>(result: Result<T, api::Error>, message: Option<&str>) -> Outcome {
    match result {
        Ok(value) => Err(format!("expected the operation to fail, got {value:?}")),
        Err(Error::OperationFailed { message: actual }) => match message {
            Some(expected) => eq("failure message", actual.as_deref(), Some(expected)),
            None => Ok(()),
        },
        Err(e) => Err(format!("expected the operation to fail (OperationFailed), got: {e}")),
    }
}

/// The operation ended with an error answer `status`, with the error body's `message` when given.
fn status_error<T: std::fmt::Debug>(result: Result<T, api::Error>, status: u16, message: Option<&str>) -> Outcome {
    let e = match result {
        Ok(value) => return Err(format!("expected an error {status}, got {value:?}")),
        Err(e) => e,
    };
    if e.status().map(|s| s.as_u16()) != Some(status) || !matches!(e, Error::Status(_) | Error::RetriesExhausted { .. })
    {
        return Err(format!("expected an error {status}, got: {e}"));
    }
    match message {
        Some(expected) => eq(
            "error message",
            e.api_error().and_then(|error| error.message.as_deref()),
            Some(expected),
        ),
        None => Ok(()),
    }
}

/// The operation's answer (initial or while polling) is not valid JSON: [`Error::Deserialize`].
fn bad_json<T: std::fmt::Debug>(result: Result<T, api::Error>) -> Outcome {
    match result {
        Ok(value) => Err(format!("expected an invalid-JSON error, got {value:?}")),
        Err(Error::Deserialize { .. }) => Ok(()),
        Err(e) => Err(format!("expected an invalid-JSON error (Deserialize), got: {e}")),
    }
}

/// The service answered something a poller cannot go on with (`what`): any error, at once, but
/// not polling on until the time limit.
fn fails<T: std::fmt::Debug>(result: Result<T, api::Error>, what: &str) -> Outcome {
    match result {
        Ok(value) => Err(format!("expected an error ({what}), got {value:?}")),
        Err(Error::Timeout(limit)) => Err(format!(
            "expected an error ({what}), but the poller kept polling until its time limit ({limit:?})"
        )),
        Err(_) => Ok(()),
    }
}

/// A DELETE whose resource ends `Failed`/`Canceled` after polling a bare `Location`: the status
/// code says done, so (as azure-core does) the final product with that state is the result; an
/// [`Error::OperationFailed`] is accepted too.
fn ended_as(result: Result<Product, api::Error>, state: &str) -> Outcome {
    match result {
        Ok(value) => product(&value, "100", Some("foo"), Some(state)),
        Err(Error::OperationFailed { .. }) => Ok(()),
        Err(e) => Err(format!(
            "expected the product in state {state} (or OperationFailed), got: {e}"
        )),
    }
}

pub fn all() -> Vec<Scenario> {
    let mut all = lros();
    all.extend(retrys());
    all.extend(sads());
    all.extend(custom_header());
    all.extend(parameterized_endpoints());
    all
}

/// `LROs`: the happy paths.
fn lros() -> Vec<Scenario> {
    vec![
        // Done at once.
        scenario!("LROPutInlineComplete", |ctx| {
            let c = client(&ctx)?;
            succeeded(&done(wait!(c.lr_os().put200_succeeded(opts!(
                lr_os::Put200SucceededOptions { product: new_product() }
            ))))?)
        }),
        scenario!("LROPutInlineComplete201", |ctx| {
            let c = client(&ctx)?;
            succeeded(&done(wait!(c.lr_os().put201_succeeded(opts!(
                lr_os::Put201SucceededOptions { product: new_product() }
            ))))?)
        }),
        scenario!("LROPut200InlineCompleteNoState", |ctx| {
            let c = client(&ctx)?;
            let value = done(wait!(c.lr_os().put200_succeeded_no_state(opts!(
                lr_os::Put200SucceededNoStateOptions { product: new_product() }
            ))))?;
            product(&value, "100", Some("foo"), None)
        }),
        // (optional report) A 200 with a terminal provisioning state is done: its
        // Azure-AsyncOperation header (a URL that must not be called) is ignored.
        scenario!("LROPatchInlineCompleteIgnoreHeaders", |ctx| {
            let c = client(&ctx)?;
            let op = c
                .lr_os()
                .patch200_succeeded_ignore_headers(opts!(lr_os::Patch200SucceededIgnoreHeadersOptions {
                    product: new_product()
                }));
            succeeded(&done(wait!(op))?)
        }),
        // Azure-AsyncOperation on a PATCH: poll it, then GET the original URL.
        scenario!("LROPatch201WithAsyncHeader", |ctx| {
            let c = client(&ctx)?;
            let op = c
                .lr_os()
                .patch201_retry_with_async_header(opts!(lr_os::Patch201RetryWithAsyncHeaderOptions {
                    product: new_product()
                }));
            let value = done(wait!(op))?;
            product(
                &value,
                "/lro/patch/201/retry/onlyAsyncHeader",
                Some("foo"),
                Some("Succeeded"),
            )
        }),
        scenario!("LROPatch202WithAsyncAndLocationHeader", |ctx| {
            let c = client(&ctx)?;
            let op = c.lr_os().patch202_retry_with_async_and_location_header(opts!(
                lr_os::Patch202RetryWithAsyncAndLocationHeaderOptions { product: new_product() }
            ));
            let value = done(wait!(op))?;
            product(
                &value,
                "/lro/patch/202/retry/asyncAndLocationHeader",
                Some("foo"),
                Some("Succeeded"),
            )
        }),
        // Location: poll it until it answers something else than 202.
        scenario!("LROPut202Retry200", |ctx| {
            let c = client(&ctx)?;
            let value = done(wait!(c
                .lr_os()
                .put202_retry200(opts!(lr_os::Put202Retry200Options { product: new_product() }))))?;
            product(&value, "100", Some("foo"), None)
        }),
        scenario!("LROPutNoHeaderInRetry", |ctx| {
            let c = client(&ctx)?;
            succeeded(&done(wait!(c.lr_os().put_no_header_in_retry(opts!(
                lr_os::PutNoHeaderInRetryOptions { product: new_product() }
            ))))?)
        }),
        scenario!("LROPutNonResourceInRetry", |ctx| {
            let c = client(&ctx)?;
            let sku = done(wait!(c
                .lr_os()
                .put_non_resource(opts!(lr_os::PutNonResourceOptions { sku: new_sku() }))))?;
            eq("name", sku.name.as_deref(), Some("sku"))?;
            eq("id", sku.id.as_deref(), Some("100"))
        }),
        scenario!("LROPutSubResourceInRetry", |ctx| {
            let c = client(&ctx)?;
            let sub = done(wait!(c.lr_os().put_sub_resource(opts!(lr_os::PutSubResourceOptions {
                product: new_sub_product()
            }))))?;
            eq("id", sub.id.as_deref(), Some("100"))?;
            eq(
                "provisioningState",
                sub.properties.as_ref().and_then(|p| p.provisioning_state.as_deref()),
                Some("Succeeded"),
            )
        }),
        // No header: a 200/201 with a non-terminal provisioning state; GET the original URL until
        // the state is terminal.
        scenario!("LROPutSucceededWithBody", |ctx| {
            let c = client(&ctx)?;
            let op = c
                .lr_os()
                .put201_creating_succeeded200(opts!(lr_os::Put201CreatingSucceeded200Options {
                    product: new_product()
                }));
            succeeded(&done(wait!(op))?)
        }),
        scenario!("LROPutSucceededNoBody", |ctx| {
            let c = client(&ctx)?;
            let op = c
                .lr_os()
                .put200_updating_succeeded204(opts!(lr_os::Put200UpdatingSucceeded204Options {
                    product: new_product()
                }));
            succeeded(&done(wait!(op))?)
        }),
        scenario!("LROPutFailed", |ctx| {
            let c = client(&ctx)?;
            failed(
                wait!(c
                    .lr_os()
                    .put201_creating_failed200(opts!(lr_os::Put201CreatingFailed200Options {
                        product: new_product()
                    }))),
                None,
            )
        }),
        scenario!("LROPutCanceled", |ctx| {
            let c = client(&ctx)?;
            failed(
                wait!(c
                    .lr_os()
                    .put200_acceptedcanceled200(opts!(lr_os::Put200Acceptedcanceled200Options {
                        product: new_product()
                    }))),
                None,
            )
        }),
        // Azure-AsyncOperation on a PUT: poll its `status`, then GET the original URL.
        scenario!("LROPutAsyncRetrySucceeded", |ctx| {
            let c = client(&ctx)?;
            succeeded(&done(wait!(c.lr_os().put_async_retry_succeeded(opts!(
                lr_os::PutAsyncRetrySucceededOptions { product: new_product() }
            ))))?)
        }),
        scenario!("LROPutAsyncNoRetrySucceeded", |ctx| {
            let c = client(&ctx)?;
            let op = c
                .lr_os()
                .put_async_no_retry_succeeded(opts!(lr_os::PutAsyncNoRetrySucceededOptions { product: new_product() }));
            succeeded(&done(wait!(op))?)
        }),
        scenario!("LROPutAsyncRetryFailed", |ctx| {
            let c = client(&ctx)?;
            failed(
                wait!(c
                    .lr_os()
                    .put_async_retry_failed(opts!(lr_os::PutAsyncRetryFailedOptions { product: new_product() }))),
                None,
            )
        }),
        scenario!("LROPutAsyncNoRetryCanceled", |ctx| {
            let c = client(&ctx)?;
            failed(
                wait!(c
                    .lr_os()
                    .put_async_no_retrycanceled(opts!(lr_os::PutAsyncNoRetrycanceledOptions {
                        product: new_product()
                    }))),
                None,
            )
        }),
        // The server counts this one on the final GET of the original URL only (its Location
        // header must not be used).
        scenario!("LROPutAsyncNoHeaderInRetry", |ctx| {
            let c = client(&ctx)?;
            let op = c
                .lr_os()
                .put_async_no_header_in_retry(opts!(lr_os::PutAsyncNoHeaderInRetryOptions { product: new_product() }));
            succeeded(&done(wait!(op))?)
        }),
        scenario!("LROPutNonResourceAsyncInRetry", |ctx| {
            let c = client(&ctx)?;
            let sku = done(wait!(c.lr_os().put_async_non_resource(opts!(
                lr_os::PutAsyncNonResourceOptions { sku: new_sku() }
            ))))?;
            eq("name", sku.name.as_deref(), Some("sku"))?;
            eq("id", sku.id.as_deref(), Some("100"))
        }),
        scenario!("LROPutSubResourceAsyncInRetry", |ctx| {
            let c = client(&ctx)?;
            let sub = done(wait!(c.lr_os().put_async_sub_resource(opts!(
                lr_os::PutAsyncSubResourceOptions {
                    product: new_sub_product()
                }
            ))))?;
            eq("id", sub.id.as_deref(), Some("100"))?;
            eq(
                "provisioningState",
                sub.properties.as_ref().and_then(|p| p.provisioning_state.as_deref()),
                Some("Succeeded"),
            )
        }),
        // DELETE.
        scenario!("LRODeleteProvisioningSucceededWithBody", |ctx| {
            let c = client(&ctx)?;
            succeeded(&done(wait!(c
                .lr_os()
                .delete_provisioning202_accepted200_succeeded(None)))?)
        }),
        scenario!("LRODeleteProvisioningFailed", |ctx| {
            let c = client(&ctx)?;
            ended_as(
                wait!(c.lr_os().delete_provisioning202_deleting_failed200(None)),
                "Failed",
            )
        }),
        scenario!("LRODeleteProvisioningCanceled", |ctx| {
            let c = client(&ctx)?;
            ended_as(
                wait!(c.lr_os().delete_provisioning202_deletingcanceled200(None)),
                "Canceled",
            )
        }),
        scenario!("LRODeleteInlineComplete", |ctx| {
            let c = client(&ctx)?;
            done(wait!(c.lr_os().delete204_succeeded(None)))
        }),
        // The final answers are a 200 and a 204 without a body.
        scenario!("LRODelete200", |ctx| {
            let c = client(&ctx)?;
            eq("final value", done(wait!(c.lr_os().delete202_retry200(None)))?, None)
        }),
        scenario!("LRODelete204", |ctx| {
            let c = client(&ctx)?;
            eq("final value", done(wait!(c.lr_os().delete202_no_retry204(None)))?, None)
        }),
        scenario!("LRODeleteNoHeaderInRetry", |ctx| {
            let c = client(&ctx)?;
            done(wait!(c.lr_os().delete_no_header_in_retry(None)))
        }),
        scenario!("LRODeleteAsyncNoHeaderInRetry", |ctx| {
            let c = client(&ctx)?;
            done(wait!(c.lr_os().delete_async_no_header_in_retry(None)))
        }),
        scenario!("LRODeleteAsyncRetrySucceeded", |ctx| {
            let c = client(&ctx)?;
            done(wait!(c.lr_os().delete_async_retry_succeeded(None)))
        }),
        scenario!("LRODeleteAsyncNoRetrySucceeded", |ctx| {
            let c = client(&ctx)?;
            done(wait!(c.lr_os().delete_async_no_retry_succeeded(None)))
        }),
        scenario!("LRODeleteAsyncRetryFailed", |ctx| {
            let c = client(&ctx)?;
            failed(wait!(c.lr_os().delete_async_retry_failed(None)), None)
        }),
        scenario!("LRODeleteAsyncRetryCanceled", |ctx| {
            let c = client(&ctx)?;
            failed(wait!(c.lr_os().delete_async_retrycanceled(None)), None)
        }),
        // POST.
        scenario!("LROPost200", |ctx| {
            let c = client(&ctx)?;
            let sku = done(wait!(c.lr_os().post200_with_payload(None)))?;
            eq("name", sku.name.as_deref(), Some("product"))?;
            eq("id", sku.id.as_deref(), Some("1"))
        }),
        // The first poll of the Location answers 202 with a new Location, which answers the end.
        scenario!("LROPostSuccededWithBody", |ctx| {
            let c = client(&ctx)?;
            done(wait!(c.lr_os().post202_retry200(opts!(
                lr_os::Post202Retry200Options { product: new_product() }
            ))))
        }),
        // The end is a 204 without a body.
        scenario!("LROPostSuccededNoBody", |ctx| {
            let c = client(&ctx)?;
            done(wait!(c.lr_os().post202_no_retry204(opts!(
                lr_os::Post202NoRetry204Options { product: new_product() }
            ))))
            .map(drop)
        }),
        // Both headers, `final-state-via: location`: poll Azure-AsyncOperation, then GET the
        // Location (covers LROPostDoubleHeadersFinalLocationPost, ...Async and ...Get).
        scenario!("LROPostDoubleHeadersFinalLocationGet", |ctx| {
            let (c, requests) = recording(&ctx)?;
            let value = done(wait!(c.lr_os().post_double_headers_final_location_get(None)))?;
            product(&value, "100", Some("foo"), None)?;
            sent(
                &requests,
                "GET /lro/LROPostDoubleHeadersFinalLocationGet/asyncOperationUrl",
            )
        }),
        // `final-state-via: azure-async-operation`: the final status is the value; the Location
        // must not be called.
        scenario!("LROPostDoubleHeadersFinalAzureHeaderGet", |ctx| {
            let c = client(&ctx)?;
            let value = done(wait!(c.lr_os().post_double_headers_final_azure_header_get(None)))?;
            product(&value, "100", None, None)
        }),
        // No `final-state-via`: a POST's value is at its Location (the ARM default).
        scenario!("LROPostDoubleHeadersFinalAzureHeaderGetDefault", |ctx| {
            let c = client(&ctx)?;
            let value = done(wait!(c
                .lr_os()
                .post_double_headers_final_azure_header_get_default(None)))?;
            product(&value, "100", Some("foo"), None)
        }),
        scenario!("LROPostAndGetList", |ctx| {
            let c = client(&ctx)?;
            let list = done(wait!(c.lr_os().post202_list(None)))?.ok_or("no list in the final result")?;
            eq("items", list.len(), 1)?;
            product(&list[0], "100", Some("foo"), None)
        }),
        // Poll Azure-AsyncOperation, then GET the Location (the same product as the last status).
        scenario!("LROPostAsyncRetrySucceeded", |ctx| {
            let (c, requests) = recording(&ctx)?;
            let op = c
                .lr_os()
                .post_async_retry_succeeded(opts!(lr_os::PostAsyncRetrySucceededOptions { product: new_product() }));
            succeeded(&done(wait!(op))?)?;
            sent(&requests, "GET /lro/postasync/retry/succeeded/operationResults/200")
        }),
        scenario!("LROPostAsyncNoRetrySucceeded", |ctx| {
            let (c, requests) = recording(&ctx)?;
            let op = c
                .lr_os()
                .post_async_no_retry_succeeded(opts!(lr_os::PostAsyncNoRetrySucceededOptions {
                    product: new_product()
                }));
            succeeded(&done(wait!(op))?)?;
            sent(&requests, "GET /lro/postasync/noretry/succeeded/operationResults/200")
        }),
        scenario!("LROPostAsyncRetryFailed", |ctx| {
            let c = client(&ctx)?;
            let result = wait!(c
                .lr_os()
                .post_async_retry_failed(opts!(lr_os::PostAsyncRetryFailedOptions { product: new_product() })));
            failed(result, Some("Internal Server Error"))
        }),
        scenario!("LROPostAsyncRetryCanceled", |ctx| {
            let c = client(&ctx)?;
            failed(
                wait!(c
                    .lr_os()
                    .post_async_retrycanceled(opts!(lr_os::PostAsyncRetrycanceledOptions { product: new_product() }))),
                None,
            )
        }),
    ]
}

/// `LRORetrys`: every first answer (initial, poll, final GET) is a 500; the client retries.
fn retrys() -> Vec<Scenario> {
    vec![
        scenario!("LRORetryPutSucceededWithBody", |ctx| {
            let c = retrying(&ctx)?;
            let op =
                c.lro_retrys()
                    .put201_creating_succeeded200(opts!(lro_retrys::Put201CreatingSucceeded200Options {
                        product: new_product()
                    }));
            succeeded(&done(wait!(op))?)
        }),
        // Also covers LRORetryErrorPutAsyncSucceededPolling (the status URL's 500).
        scenario!("LRORetryErrorPutAsyncSucceeded", |ctx| {
            let c = retrying(&ctx)?;
            let op = c.lro_retrys().put_async_relative_retry_succeeded(opts!(
                lro_retrys::PutAsyncRelativeRetrySucceededOptions { product: new_product() }
            ));
            succeeded(&done(wait!(op))?)
        }),
        scenario!("LRORetryErrorDelete202Accepted200Succeeded", |ctx| {
            let c = retrying(&ctx)?;
            succeeded(&done(wait!(c
                .lro_retrys()
                .delete_provisioning202_accepted200_succeeded(None)))?)
        }),
        scenario!("LRORetryErrorDelete202Retry200Succeeded", |ctx| {
            let c = retrying(&ctx)?;
            done(wait!(c.lro_retrys().delete202_retry200(None)))
        }),
        scenario!("LRORetryErrorDeleteAsyncRetrySucceeded", |ctx| {
            let c = retrying(&ctx)?;
            done(wait!(c.lro_retrys().delete_async_relative_retry_succeeded(None)))
        }),
        scenario!("LRORetryErrorPost202Retry200Succeeded", |ctx| {
            let c = retrying(&ctx)?;
            done(wait!(c.lro_retrys().post202_retry200(opts!(
                lro_retrys::Post202Retry200Options { product: new_product() }
            ))))
        }),
        scenario!("LRORetryErrorPostAsyncRetrySucceeded", |ctx| {
            let c = retrying(&ctx)?;
            done(wait!(c.lro_retrys().post_async_relative_retry_succeeded(opts!(
                lro_retrys::PostAsyncRelativeRetrySucceededOptions { product: new_product() }
            ))))
        }),
    ]
}

/// `LROSADs`: errors, at the start, while polling, and answers a poller cannot use.
fn sads() -> Vec<Scenario> {
    const BAD_REQUEST: Option<&str> = Some("Expected bad request message");
    vec![
        scenario!("LRONonRetryPut400", |ctx| {
            let c = client(&ctx)?;
            status_error(
                wait!(c
                    .lrosa_ds()
                    .put_non_retry400(opts!(lrosa_ds::PutNonRetry400Options { product: new_product() }))),
                400,
                BAD_REQUEST,
            )
        }),
        scenario!("LRONonRetryPut201Creating400", |ctx| {
            let c = client(&ctx)?;
            let result =
                wait!(c
                    .lrosa_ds()
                    .put_non_retry201_creating400(opts!(lrosa_ds::PutNonRetry201Creating400Options {
                        product: new_product()
                    })));
            status_error(result, 400, Some("Error from the server"))
        }),
        scenario!("LRONonRetryPut201Creating400InvalidJson", |ctx| {
            let c = client(&ctx)?;
            let op = c.lrosa_ds().put_non_retry201_creating400_invalid_json(opts!(
                lrosa_ds::PutNonRetry201Creating400InvalidJsonOptions { product: new_product() }
            ));
            status_error(wait!(op), 400, None)
        }),
        scenario!("LRONonRetryPutAsyncRetry400", |ctx| {
            let c = client(&ctx)?;
            let result =
                wait!(c
                    .lrosa_ds()
                    .put_async_relative_retry400(opts!(lrosa_ds::PutAsyncRelativeRetry400Options {
                        product: new_product()
                    })));
            status_error(result, 400, None)
        }),
        scenario!("LRONonRetryDelete400", |ctx| {
            let c = client(&ctx)?;
            status_error(wait!(c.lrosa_ds().delete_non_retry400(None)), 400, BAD_REQUEST)
        }),
        scenario!("LRONonRetryDelete202Retry400", |ctx| {
            let c = client(&ctx)?;
            status_error(wait!(c.lrosa_ds().delete202_non_retry400(None)), 400, BAD_REQUEST)
        }),
        scenario!("LRONonRetryDeleteAsyncRetry400", |ctx| {
            let c = client(&ctx)?;
            status_error(
                wait!(c.lrosa_ds().delete_async_relative_retry400(None)),
                400,
                BAD_REQUEST,
            )
        }),
        scenario!("LRONonRetryPost400", |ctx| {
            let c = client(&ctx)?;
            status_error(
                wait!(c
                    .lrosa_ds()
                    .post_non_retry400(opts!(lrosa_ds::PostNonRetry400Options { product: new_product() }))),
                400,
                BAD_REQUEST,
            )
        }),
        scenario!("LRONonRetryPost202Retry400", |ctx| {
            let c = client(&ctx)?;
            let result = wait!(c
                .lrosa_ds()
                .post202_non_retry400(opts!(lrosa_ds::Post202NonRetry400Options { product: new_product() })));
            status_error(result, 400, BAD_REQUEST)
        }),
        scenario!("LRONonRetryPostAsyncRetry400", |ctx| {
            let c = client(&ctx)?;
            let result =
                wait!(c
                    .lrosa_ds()
                    .post_async_relative_retry400(opts!(lrosa_ds::PostAsyncRelativeRetry400Options {
                        product: new_product()
                    })));
            status_error(result, 400, BAD_REQUEST)
        }),
        // A 201 without a body, and a GET of it answers a 200 without a body.
        scenario!("LROErrorPut201NoProvisioningStatePayload", |ctx| {
            let c = client(&ctx)?;
            let op = c.lrosa_ds().put_error201_no_provisioning_state_payload(opts!(
                lrosa_ds::PutError201NoProvisioningStatePayloadOptions { product: new_product() }
            ));
            fails(wait!(op), "no body to tell the state")
        }),
        scenario!("LROErrorPutAsyncNoPollingStatus", |ctx| {
            let c = client(&ctx)?;
            let op = c.lrosa_ds().put_async_relative_retry_no_status(opts!(
                lrosa_ds::PutAsyncRelativeRetryNoStatusOptions { product: new_product() }
            ));
            fails(wait!(op), "a status answer `{ }` without `status`")
        }),
        scenario!("LROErrorPutAsyncNoPollingStatusPayload", |ctx| {
            let c = client(&ctx)?;
            let op = c.lrosa_ds().put_async_relative_retry_no_status_payload(opts!(
                lrosa_ds::PutAsyncRelativeRetryNoStatusPayloadOptions { product: new_product() }
            ));
            fails(wait!(op), "a status answer without a body")
        }),
        // A 204 is done: no Location needed.
        scenario!("LROErrorDeleteNoLocation", |ctx| {
            let c = client(&ctx)?;
            done(wait!(c.lrosa_ds().delete204_succeeded(None)))
        }),
        scenario!("LROErrorDeleteAsyncNoPollingStatus", |ctx| {
            let c = client(&ctx)?;
            fails(
                wait!(c.lrosa_ds().delete_async_relative_retry_no_status(None)),
                "a status answer `{ }` without `status`",
            )
        }),
        // A 202 without a Location: nothing to poll; as azure-core does, the accepted operation
        // counts as done.
        scenario!("LROErrorPostNoLocation", |ctx| {
            let c = client(&ctx)?;
            done(wait!(c.lrosa_ds().post202_no_location(opts!(
                lrosa_ds::Post202NoLocationOptions { product: new_product() }
            ))))
        }),
        scenario!("LROErrorPostAsyncNoPollingPayload", |ctx| {
            let c = client(&ctx)?;
            let op = c.lrosa_ds().post_async_relative_retry_no_payload(opts!(
                lrosa_ds::PostAsyncRelativeRetryNoPayloadOptions { product: new_product() }
            ));
            fails(wait!(op), "a status answer without a body")
        }),
        scenario!("LROErrorPut200InvalidJson", |ctx| {
            let c = client(&ctx)?;
            bad_json(wait!(c.lrosa_ds().put200_invalid_json(opts!(
                lrosa_ds::Put200InvalidJsonOptions { product: new_product() }
            ))))
        }),
        // Azure-AsyncOperation and Location `/foo` (no such route), Retry-After `/bar`.
        scenario!("LROErrorPutAsyncInvalidHeader", |ctx| {
            let c = client(&ctx)?;
            let op = c.lrosa_ds().put_async_relative_retry_invalid_header(opts!(
                lrosa_ds::PutAsyncRelativeRetryInvalidHeaderOptions { product: new_product() }
            ));
            fails(wait!(op), "invalid polling headers")
        }),
        scenario!("LROErrorPutAsyncInvalidJsonPolling", |ctx| {
            let c = client(&ctx)?;
            let op = c.lrosa_ds().put_async_relative_retry_invalid_json_polling(opts!(
                lrosa_ds::PutAsyncRelativeRetryInvalidJsonPollingOptions { product: new_product() }
            ));
            bad_json(wait!(op))
        }),
        scenario!("LROErrorDelete202RetryInvalidHeader", |ctx| {
            let c = client(&ctx)?;
            fails(
                wait!(c.lrosa_ds().delete202_retry_invalid_header(None)),
                "invalid polling headers",
            )
        }),
        scenario!("LROErrorDeleteAsyncInvalidHeader", |ctx| {
            let c = client(&ctx)?;
            fails(
                wait!(c.lrosa_ds().delete_async_relative_retry_invalid_header(None)),
                "invalid polling headers",
            )
        }),
        scenario!("LROErrorDeleteAsyncInvalidJsonPolling", |ctx| {
            let c = client(&ctx)?;
            bad_json(wait!(c
                .lrosa_ds()
                .delete_async_relative_retry_invalid_json_polling(None)))
        }),
        scenario!("LROErrorPost202RetryInvalidHeader", |ctx| {
            let c = client(&ctx)?;
            let op = c
                .lrosa_ds()
                .post202_retry_invalid_header(opts!(lrosa_ds::Post202RetryInvalidHeaderOptions {
                    product: new_product()
                }));
            fails(wait!(op), "invalid polling headers")
        }),
        scenario!("LROErrorPostAsyncInvalidHeader", |ctx| {
            let c = client(&ctx)?;
            let op = c.lrosa_ds().post_async_relative_retry_invalid_header(opts!(
                lrosa_ds::PostAsyncRelativeRetryInvalidHeaderOptions { product: new_product() }
            ));
            fails(wait!(op), "invalid polling headers")
        }),
        scenario!("LROErrorPostAsyncInvalidJsonPolling", |ctx| {
            let c = client(&ctx)?;
            let op = c.lrosa_ds().post_async_relative_retry_invalid_json_polling(opts!(
                lrosa_ds::PostAsyncRelativeRetryInvalidJsonPollingOptions { product: new_product() }
            ));
            bad_json(wait!(op))
        }),
    ]
}

/// `LROsCustomHeader`: the call's `x-ms-client-request-id` must go with every request of the
/// operation, polls and final GET included (the server answers 400 without it).
fn custom_header() -> Vec<Scenario> {
    vec![
        scenario!("CustomHeaderPutAsyncSucceded", |ctx| {
            let c = client(&ctx)?;
            let op = c
                .lr_os_custom_header()
                .put_async_retry_succeeded(opts!(lr_os_custom_header::PutAsyncRetrySucceededOptions { product: new_product() ; request: headers!(api, ("x-ms-client-request-id", CLIENT_REQUEST_ID)) }));
            succeeded(&done(wait!(op))?)
        }),
        scenario!("CustomHeaderPutSucceeded", |ctx| {
            let c = client(&ctx)?;
            let op = c
                .lr_os_custom_header()
                .put201_creating_succeeded200(opts!(lr_os_custom_header::Put201CreatingSucceeded200Options { product: new_product() ; request: headers!(api, ("x-ms-client-request-id", CLIENT_REQUEST_ID)) }));
            succeeded(&done(wait!(op))?)
        }),
        scenario!("CustomHeaderPostSucceeded", |ctx| {
            let c = client(&ctx)?;
            let op = c
                .lr_os_custom_header()
                .post202_retry200(opts!(lr_os_custom_header::Post202Retry200Options { product: new_product() ; request: headers!(api, ("x-ms-client-request-id", CLIENT_REQUEST_ID)) }));
            done(wait!(op))
        }),
        scenario!("CustomHeaderPostAsyncSucceded", |ctx| {
            let c = client(&ctx)?;
            let op = c
                .lr_os_custom_header()
                .post_async_retry_succeeded(opts!(lr_os_custom_header::PostAsyncRetrySucceededOptions { product: new_product() ; request: headers!(api, ("x-ms-client-request-id", CLIENT_REQUEST_ID)) }));
            done(wait!(op))
        }),
    ]
}

/// A client of the parameterized host: `accountName` is the server's host, `host` its `:port`.
fn parameterized_client(ctx: &Ctx) -> Result<pe::Client, String> {
    let (host, port) = ctx.host_and_port();
    pe::Client::builder(host)
        .host(port)
        .options(
            pe::ClientOptions::default()
                .http_client(ctx.http())
                .retry(pe::runtime::RetryOptions::none())
                .policy(plain_http!(pe)),
        )
        .build()
        .map_err(|e| format!("building the client: {e}"))
}

/// lro-parameterized-endpoints: the Location is relative to the parameterized host.
fn parameterized_endpoints() -> Vec<Scenario> {
    vec![
        scenario!("LROParameterizedEndpoint", |ctx| {
            let c = parameterized_client(&ctx)?;
            let value = done(wait!(c.poll_with_parameterized_endpoints(None)))?;
            eq("final value", value.as_deref(), Some("success"))
        }),
        // Covers LROConstantParameterizedPost and LROConstantParameterizedGet.
        scenario!("LROConstantParameterizedPost", |ctx| {
            let c = parameterized_client(&ctx)?;
            let op = c.poll_with_constant_parameterized_endpoints(pe::models::ConstantEnum::IAmConstant, None);
            let value = done(wait!(op))?;
            eq("final value", value.as_deref(), Some("success"))
        }),
    ]
}
