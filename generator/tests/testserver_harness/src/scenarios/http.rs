//! httpInfrastructure: success codes per method, redirects, client and server failures, retries
//! and the multiple-responses matrix.

use std::time::Duration;

use http_infrastructure as api;
use http_infrastructure::operations::{
    http_client_failure, http_redirects, http_redirects_2, http_retry, http_server_failure, http_success,
    http_success_2,
};
use serde_json::json;

use super::{eq, Ctx, Scenario};
use crate::{call, client, opts, scenario};

/// A client that retries (the retry scenarios answer an error first, then 200).
fn retrying(ctx: &Ctx) -> Result<api::Client, String> {
    api::Client::builder()
        .endpoint(ctx.url.clone())
        .options(
            api::ClientOptions::default()
                .http_client(ctx.http())
                .retry(api::runtime::RetryOptions::default().initial_delay(Duration::from_millis(10))),
        )
        .build()
        .map_err(|e| format!("building the client: {e}"))
}

/// The call succeeds with this status.
macro_rules! ok {
    ($ctx:ident, |$c:ident| $call:expr, $status:expr) => {{
        let $c = client!(http_infrastructure, $ctx);
        eq("status", call!($call).status().as_u16(), $status)
    }};
}

/// The call fails with this status.
macro_rules! fails {
    ($ctx:ident, |$c:ident| $call:expr, $status:expr) => {{
        let $c = client!(http_infrastructure, $ctx);
        match $call.await {
            Ok(r) => Err(format!(
                "expected an error {}, got {} {:?}",
                $status,
                r.status(),
                r.value()
            )),
            Err(e) => eq("error status", e.status().map(|s| s.as_u16()), Some($status)),
        }
    }};
}

/// With retries, the call ends in 200.
macro_rules! retried {
    ($ctx:ident, |$c:ident| $call:expr) => {{
        let $c = retrying(&$ctx)?;
        eq("status", call!($call).status().as_u16(), 200)
    }};
}

pub fn all() -> Vec<Scenario> {
    vec![
        // Success.
        scenario!("HttpSuccess200Head", |ctx| {
            ok!(ctx, |c| c.http_success().head200(None), 200)
        }),
        scenario!("HttpSuccess200Get", |ctx| {
            let c = client!(http_infrastructure, ctx);
            let response = call!(c.http_success().get200(None));
            eq("value", *response.value(), true)
        }),
        scenario!("HttpSuccess200Put", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_success()
                    .put200(opts!(http_success::Put200Options { boolean_value: true })),
                200
            )
        }),
        scenario!("HttpSuccess200Post", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_success()
                    .post200(opts!(http_success::Post200Options { boolean_value: true })),
                200
            )
        }),
        scenario!("HttpSuccess200Patch", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_success()
                    .patch200(opts!(http_success::Patch200Options { boolean_value: true })),
                200
            )
        }),
        scenario!("HttpSuccess200Delete", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_success()
                    .delete200(opts!(http_success::Delete200Options { boolean_value: true })),
                200
            )
        }),
        scenario!("HttpSuccess201Put", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_success()
                    .put201(opts!(http_success::Put201Options { boolean_value: true })),
                201
            )
        }),
        scenario!("HttpSuccess201Post", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_success()
                    .post201(opts!(http_success::Post201Options { boolean_value: true })),
                201
            )
        }),
        scenario!("HttpSuccess202Put", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_success()
                    .put202(opts!(http_success::Put202Options { boolean_value: true })),
                202
            )
        }),
        scenario!("HttpSuccess202Post", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_success()
                    .post202(opts!(http_success::Post202Options { boolean_value: true })),
                202
            )
        }),
        scenario!("HttpSuccess202Patch", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_success()
                    .patch202(opts!(http_success::Patch202Options { boolean_value: true })),
                202
            )
        }),
        scenario!("HttpSuccess202Delete", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_success()
                    .delete202(opts!(http_success::Delete202Options { boolean_value: true })),
                202
            )
        }),
        scenario!("HttpSuccess204Head", |ctx| {
            ok!(ctx, |c| c.http_success().head204(None), 204)
        }),
        scenario!("HttpSuccess204Put", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_success()
                    .put204(opts!(http_success::Put204Options { boolean_value: true })),
                204
            )
        }),
        scenario!("HttpSuccess204Post", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_success_2()
                    .post204(opts!(http_success_2::Post204Options { boolean_value: true })),
                204
            )
        }),
        scenario!("HttpSuccess204Patch", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_success()
                    .patch204(opts!(http_success::Patch204Options { boolean_value: true })),
                204
            )
        }),
        scenario!("HttpSuccess204Delete", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_success()
                    .delete204(opts!(http_success::Delete204Options { boolean_value: true })),
                204
            )
        }),
        scenario!("HttpSuccess404Head", |ctx| {
            // A HEAD that documents 404 asks whether something exists: the answer is `false`.
            let c = client!(http_infrastructure, ctx);
            let response = call!(c.http_success().head404(None));
            eq("status", response.status().as_u16(), 404)?;
            eq("exists", response.into_value(), false)
        }),
        // Redirects: 300 is not followed (the spec documents it), the others end in 200, except
        // PUT 301 and PATCH 302, which a client must not follow.
        scenario!("HttpRedirect300Head", |ctx| {
            ok!(ctx, |c| c.http_redirects().head300(None), 300)
        }),
        scenario!("HttpRedirect300Get", |ctx| {
            ok!(ctx, |c| c.http_redirects().get300(None), 300)
        }),
        scenario!("HttpRedirect301Head", |ctx| {
            ok!(ctx, |c| c.http_redirects().head301(None), 200)
        }),
        scenario!("HttpRedirect301Get", |ctx| {
            ok!(ctx, |c| c.http_redirects().get301(None), 200)
        }),
        scenario!("HttpRedirect301Put", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_redirects()
                    .put301(opts!(http_redirects::Put301Options { boolean_value: true })),
                301
            )
        }),
        scenario!("HttpRedirect302Head", |ctx| {
            ok!(ctx, |c| c.http_redirects().head302(None), 200)
        }),
        scenario!("HttpRedirect302Get", |ctx| {
            ok!(ctx, |c| c.http_redirects().get302(None), 200)
        }),
        scenario!("HttpRedirect302Patch", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_redirects()
                    .patch302(opts!(http_redirects::Patch302Options { boolean_value: true })),
                302
            )
        }),
        scenario!("HttpRedirect303Post", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_redirects()
                    .post303(opts!(http_redirects::Post303Options { boolean_value: true })),
                200
            )
        }),
        scenario!("HttpRedirect307Head", |ctx| {
            ok!(ctx, |c| c.http_redirects().head307(None), 200)
        }),
        scenario!("HttpRedirect307Get", |ctx| {
            ok!(ctx, |c| c.http_redirects().get307(None), 200)
        }),
        scenario!("HttpRedirect307Options", |ctx| {
            ok!(ctx, |c| c.http_redirects().options307(None), 200)
        }),
        scenario!("HttpRedirect307Put", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_redirects_2()
                    .put307(opts!(http_redirects_2::Put307Options { boolean_value: true })),
                200
            )
        }),
        scenario!("HttpRedirect307Post", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_redirects()
                    .post307(opts!(http_redirects::Post307Options { boolean_value: true })),
                200
            )
        }),
        scenario!("HttpRedirect307Patch", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_redirects()
                    .patch307(opts!(http_redirects::Patch307Options { boolean_value: true })),
                200
            )
        }),
        scenario!("HttpRedirect307Delete", |ctx| {
            ok!(
                ctx,
                |c| c
                    .http_redirects()
                    .delete307(opts!(http_redirects::Delete307Options { boolean_value: true })),
                200
            )
        }),
        // Client failures.
        scenario!("HttpClientFailure400Head", |ctx| {
            fails!(ctx, |c| c.http_client_failure().head400(None), 400)
        }),
        scenario!("HttpClientFailure400Get", |ctx| {
            fails!(ctx, |c| c.http_client_failure().get400(None), 400)
        }),
        scenario!("HttpClientFailure400Options", |ctx| {
            fails!(ctx, |c| c.http_client_failure().options400(None), 400)
        }),
        scenario!("HttpClientFailure400Put", |ctx| {
            fails!(
                ctx,
                |c| c
                    .http_client_failure()
                    .put400(opts!(http_client_failure::Put400Options { boolean_value: true })),
                400
            )
        }),
        scenario!("HttpClientFailure400Post", |ctx| {
            fails!(
                ctx,
                |c| c
                    .http_client_failure()
                    .post400(opts!(http_client_failure::Post400Options { boolean_value: true })),
                400
            )
        }),
        scenario!("HttpClientFailure400Patch", |ctx| {
            fails!(
                ctx,
                |c| c
                    .http_client_failure()
                    .patch400(opts!(http_client_failure::Patch400Options { boolean_value: true })),
                400
            )
        }),
        scenario!("HttpClientFailure400Delete", |ctx| {
            fails!(
                ctx,
                |c| c
                    .http_client_failure()
                    .delete400(opts!(http_client_failure::Delete400Options { boolean_value: true })),
                400
            )
        }),
        scenario!("HttpClientFailure401Head", |ctx| {
            fails!(ctx, |c| c.http_client_failure().head401(None), 401)
        }),
        scenario!("HttpClientFailure402Get", |ctx| {
            fails!(ctx, |c| c.http_client_failure().get402(None), 402)
        }),
        scenario!("HttpClientFailure403Get", |ctx| {
            fails!(ctx, |c| c.http_client_failure().get403(None), 403)
        }),
        scenario!("HttpClientFailure403Options", |ctx| {
            fails!(ctx, |c| c.http_client_failure().options403(None), 403)
        }),
        scenario!("HttpClientFailure404Put", |ctx| {
            fails!(
                ctx,
                |c| c
                    .http_client_failure()
                    .put404(opts!(http_client_failure::Put404Options { boolean_value: true })),
                404
            )
        }),
        scenario!("HttpClientFailure405Patch", |ctx| {
            fails!(
                ctx,
                |c| c
                    .http_client_failure()
                    .patch405(opts!(http_client_failure::Patch405Options { boolean_value: true })),
                405
            )
        }),
        scenario!("HttpClientFailure406Post", |ctx| {
            fails!(
                ctx,
                |c| c
                    .http_client_failure()
                    .post406(opts!(http_client_failure::Post406Options { boolean_value: true })),
                406
            )
        }),
        scenario!("HttpClientFailure407Delete", |ctx| {
            fails!(
                ctx,
                |c| c
                    .http_client_failure()
                    .delete407(opts!(http_client_failure::Delete407Options { boolean_value: true })),
                407
            )
        }),
        scenario!("HttpClientFailure409Put", |ctx| {
            fails!(
                ctx,
                |c| c
                    .http_client_failure()
                    .put409(opts!(http_client_failure::Put409Options { boolean_value: true })),
                409
            )
        }),
        scenario!("HttpClientFailure410Head", |ctx| {
            fails!(ctx, |c| c.http_client_failure().head410(None), 410)
        }),
        scenario!("HttpClientFailure411Get", |ctx| {
            fails!(ctx, |c| c.http_client_failure().get411(None), 411)
        }),
        scenario!("HttpClientFailure412Get", |ctx| {
            fails!(ctx, |c| c.http_client_failure().get412(None), 412)
        }),
        scenario!("HttpClientFailure412Options", |ctx| {
            fails!(ctx, |c| c.http_client_failure().options412(None), 412)
        }),
        scenario!("HttpClientFailure413Put", |ctx| {
            fails!(
                ctx,
                |c| c
                    .http_client_failure()
                    .put413(opts!(http_client_failure::Put413Options { boolean_value: true })),
                413
            )
        }),
        scenario!("HttpClientFailure414Patch", |ctx| {
            fails!(
                ctx,
                |c| c
                    .http_client_failure()
                    .patch414(opts!(http_client_failure::Patch414Options { boolean_value: true })),
                414
            )
        }),
        scenario!("HttpClientFailure415Post", |ctx| {
            fails!(
                ctx,
                |c| c
                    .http_client_failure()
                    .post415(opts!(http_client_failure::Post415Options { boolean_value: true })),
                415
            )
        }),
        scenario!("HttpClientFailure416Get", |ctx| {
            fails!(ctx, |c| c.http_client_failure().get416(None), 416)
        }),
        scenario!("HttpClientFailure417Delete", |ctx| {
            fails!(
                ctx,
                |c| c
                    .http_client_failure()
                    .delete417(opts!(http_client_failure::Delete417Options { boolean_value: true })),
                417
            )
        }),
        scenario!("HttpClientFailure429Head", |ctx| {
            fails!(ctx, |c| c.http_client_failure().head429(None), 429)
        }),
        // Server failures.
        scenario!("HttpServerFailure501Head", |ctx| {
            fails!(ctx, |c| c.http_server_failure().head501(None), 501)
        }),
        scenario!("HttpServerFailure501Get", |ctx| {
            fails!(ctx, |c| c.http_server_failure().get501(None), 501)
        }),
        scenario!("HttpServerFailure505Post", |ctx| {
            fails!(
                ctx,
                |c| c
                    .http_server_failure()
                    .post505(opts!(http_server_failure::Post505Options { boolean_value: true })),
                505
            )
        }),
        scenario!("HttpServerFailure505Delete", |ctx| {
            fails!(
                ctx,
                |c| c
                    .http_server_failure()
                    .delete505(opts!(http_server_failure::Delete505Options { boolean_value: true })),
                505
            )
        }),
        // Retries.
        scenario!("HttpRetry408Head", |ctx| {
            retried!(ctx, |c| c.http_retry().head408(None))
        }),
        scenario!("HttpRetry500Put", |ctx| {
            retried!(ctx, |c| c
                .http_retry()
                .put500(opts!(http_retry::Put500Options { boolean_value: true })))
        }),
        scenario!("HttpRetry500Patch", |ctx| {
            retried!(ctx, |c| c
                .http_retry()
                .patch500(opts!(http_retry::Patch500Options { boolean_value: true })))
        }),
        scenario!("HttpRetry502Get", |ctx| {
            retried!(ctx, |c| c.http_retry().get502(None))
        }),
        scenario!("HttpRetry502Options", |ctx| {
            retried!(ctx, |c| c.http_retry().options502(None))
        }),
        scenario!("HttpRetry503Post", |ctx| {
            retried!(ctx, |c| c
                .http_retry()
                .post503(opts!(http_retry::Post503Options { boolean_value: true })))
        }),
        scenario!("HttpRetry503Delete", |ctx| {
            retried!(ctx, |c| c
                .http_retry()
                .delete503(opts!(http_retry::Delete503Options { boolean_value: true })))
        }),
        scenario!("HttpRetry504Put", |ctx| {
            retried!(ctx, |c| c
                .http_retry()
                .put504(opts!(http_retry::Put504Options { boolean_value: true })))
        }),
        scenario!("HttpRetry504Patch", |ctx| {
            retried!(ctx, |c| c
                .http_retry()
                .patch504(opts!(http_retry::Patch504Options { boolean_value: true })))
        }),
        // Error bodies.
        scenario!("ResponsesScenarioEmptyErrorBody", |ctx| {
            fails!(ctx, |c| c.http_failure().get_empty_error(None), 400)
        }),
        scenario!("ResponsesScenarioNoModelErrorBody", |ctx| {
            fails!(ctx, |c| c.http_failure().get_no_model_error(None), 400)
        }),
        scenario!("ResponsesScenarioNoModelEmptyBody", |ctx| {
            fails!(ctx, |c| c.http_failure().get_no_model_empty(None), 400)
        }),
    ]
    .into_iter()
    .chain(multiple_responses())
    .collect()
}

fn multiple_responses() -> Vec<Scenario> {
    vec![
        scenario!("ResponsesScenarioA200MatchingModel", |ctx| {
            let c = client!(http_infrastructure, ctx);
            let value = call!(c
                .multiple_responses()
                .get200_model204_no_model_default_error200_valid(None))
            .into_value();
            eq("statusCode", value.and_then(|a| a.status_code), Some("200".to_string()))
        }),
        scenario!("ResponsesScenarioA204MatchingNoModel", |ctx| {
            ok!(
                ctx,
                |c| c
                    .multiple_responses()
                    .get200_model204_no_model_default_error204_valid(None),
                204
            )
        }),
        scenario!("ResponsesScenarioA201DefaultNoModel", |ctx| {
            fails!(
                ctx,
                |c| c
                    .multiple_responses()
                    .get200_model204_no_model_default_error201_invalid(None),
                201
            )
        }),
        scenario!("ResponsesScenarioA202DefaultNoModel", |ctx| {
            fails!(
                ctx,
                |c| c
                    .multiple_responses()
                    .get200_model204_no_model_default_error202_none(None),
                202
            )
        }),
        scenario!("ResponsesScenarioA400DefaultModel", |ctx| {
            fails!(
                ctx,
                |c| c
                    .multiple_responses()
                    .get200_model204_no_model_default_error400_valid(None),
                400
            )
        }),
        scenario!("ResponsesScenarioB200MatchingModel", |ctx| {
            let c = client!(http_infrastructure, ctx);
            let value = call!(c
                .multiple_responses()
                .get200_model201_model_default_error200_valid(None))
            .into_value();
            eq("value", value, json!({"statusCode": "200"}))
        }),
        scenario!("ResponsesScenarioB201MatchingModel", |ctx| {
            let c = client!(http_infrastructure, ctx);
            let value = call!(c
                .multiple_responses()
                .get200_model201_model_default_error201_valid(None))
            .into_value();
            eq(
                "value",
                value,
                json!({"statusCode": "201", "textStatusCode": "Created"}),
            )
        }),
        scenario!("ResponsesScenarioB400DefaultModel", |ctx| {
            fails!(
                ctx,
                |c| c
                    .multiple_responses()
                    .get200_model201_model_default_error400_valid(None),
                400
            )
        }),
        scenario!("ResponsesScenarioC200MatchingModel", |ctx| {
            let c = client!(http_infrastructure, ctx);
            let request = c
                .multiple_responses()
                .get200_model_a201_model_c404_model_d_default_error200_valid(None);
            eq("value", call!(request).into_value(), json!({"statusCode": "200"}))
        }),
        scenario!("ResponsesScenarioC201MatchingModel", |ctx| {
            let c = client!(http_infrastructure, ctx);
            let request = c
                .multiple_responses()
                .get200_model_a201_model_c404_model_d_default_error201_valid(None);
            eq("value", call!(request).into_value(), json!({"httpCode": "201"}))
        }),
        scenario!("ResponsesScenarioC404MatchingModel", |ctx| {
            let c = client!(http_infrastructure, ctx);
            let request = c
                .multiple_responses()
                .get200_model_a201_model_c404_model_d_default_error404_valid(None);
            eq("value", call!(request).into_value(), json!({"httpStatusCode": "404"}))
        }),
        scenario!("ResponsesScenarioC400DefaultModel", |ctx| {
            fails!(
                ctx,
                |c| c
                    .multiple_responses()
                    .get200_model_a201_model_c404_model_d_default_error400_valid(None),
                400
            )
        }),
        scenario!("ResponsesScenarioD202MatchingNoModel", |ctx| {
            ok!(
                ctx,
                |c| c.multiple_responses().get202_none204_none_default_error202_none(None),
                202
            )
        }),
        scenario!("ResponsesScenarioD204MatchingNoModel", |ctx| {
            ok!(
                ctx,
                |c| c.multiple_responses().get202_none204_none_default_error204_none(None),
                204
            )
        }),
        scenario!("ResponsesScenarioD400DefaultModel", |ctx| {
            fails!(
                ctx,
                |c| c.multiple_responses().get202_none204_none_default_error400_valid(None),
                400
            )
        }),
        scenario!("ResponsesScenarioE202MatchingInvalid", |ctx| {
            ok!(
                ctx,
                |c| c.multiple_responses().get202_none204_none_default_none202_invalid(None),
                202
            )
        }),
        scenario!("ResponsesScenarioE204MatchingNoModel", |ctx| {
            ok!(
                ctx,
                |c| c.multiple_responses().get202_none204_none_default_none204_none(None),
                204
            )
        }),
        scenario!("ResponsesScenarioE400DefaultNoModel", |ctx| {
            fails!(
                ctx,
                |c| c.multiple_responses().get202_none204_none_default_none400_none(None),
                400
            )
        }),
        scenario!("ResponsesScenarioE400DefaultInvalid", |ctx| {
            fails!(
                ctx,
                |c| c.multiple_responses().get202_none204_none_default_none400_invalid(None),
                400
            )
        }),
        scenario!("ResponsesScenarioF200DefaultModel", |ctx| {
            ok!(ctx, |c| c.multiple_responses().get_default_model_a200_valid(None), 200)
        }),
        scenario!("ResponsesScenarioF200DefaultNone", |ctx| {
            ok!(ctx, |c| c.multiple_responses().get_default_model_a200_none(None), 200)
        }),
        scenario!("ResponsesScenarioF400DefaultModel", |ctx| {
            // (The server sends no body here, despite the scenario's name.)
            fails!(ctx, |c| c.multiple_responses().get_default_model_a400_valid(None), 400)
        }),
        scenario!("ResponsesScenarioF400DefaultNone", |ctx| {
            fails!(ctx, |c| c.multiple_responses().get_default_model_a400_none(None), 400)
        }),
        scenario!("ResponsesScenarioG200DefaultInvalid", |ctx| {
            ok!(ctx, |c| c.multiple_responses().get_default_none200_invalid(None), 200)
        }),
        scenario!("ResponsesScenarioG200DefaultNoModel", |ctx| {
            ok!(ctx, |c| c.multiple_responses().get_default_none200_none(None), 200)
        }),
        scenario!("ResponsesScenarioG400DefaultInvalid", |ctx| {
            fails!(ctx, |c| c.multiple_responses().get_default_none400_invalid(None), 400)
        }),
        scenario!("ResponsesScenarioG400DefaultNoModel", |ctx| {
            fails!(ctx, |c| c.multiple_responses().get_default_none400_none(None), 400)
        }),
        scenario!("ResponsesScenarioH200MatchingNone", |ctx| {
            // 200 without a body: no value (an error would not be right either).
            ok!(ctx, |c| c.multiple_responses().get200_model_a200_none(None), 200)
        }),
        scenario!("ResponsesScenarioH200MatchingModel", |ctx| {
            let c = client!(http_infrastructure, ctx);
            let value = call!(c.multiple_responses().get200_model_a200_valid(None)).into_value();
            eq("statusCode", value.status_code, Some("200".to_string()))
        }),
        scenario!("ResponsesScenarioH200MatchingInvalid", |ctx| {
            // {"statusCodeInvalid": "200"}: the unknown member is ignored.
            let c = client!(http_infrastructure, ctx);
            let value = call!(c.multiple_responses().get200_model_a200_invalid(None)).into_value();
            eq("statusCode", value.status_code, None)
        }),
        scenario!("ResponsesScenarioH400NonMatchingNone", |ctx| {
            fails!(ctx, |c| c.multiple_responses().get200_model_a400_none(None), 400)
        }),
        scenario!("ResponsesScenarioH400NonMatchingModel", |ctx| {
            fails!(ctx, |c| c.multiple_responses().get200_model_a400_valid(None), 400)
        }),
        scenario!("ResponsesScenarioH400NonMatchingInvalid", |ctx| {
            fails!(ctx, |c| c.multiple_responses().get200_model_a400_invalid(None), 400)
        }),
        scenario!("ResponsesScenarioH202NonMatchingModel", |ctx| {
            fails!(ctx, |c| c.multiple_responses().get200_model_a202_valid(None), 202)
        }),
    ]
}
