//! The scenarios, one module per group of swagger files, and what they share.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;

pub mod array;
pub mod azure;
pub mod complex;
pub mod datetime;
pub mod dictionary;
pub mod features;
pub mod header;
pub mod http;
pub mod lro;
pub mod misc;
pub mod multiapi;
pub mod paging;
pub mod primitive;
pub mod url;
pub mod xml;

/// What every scenario gets: the server's URL.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub url: String,
}

impl Ctx {
    pub fn new(url: &str) -> Self {
        Ctx { url: url.to_string() }
    }

    /// The server's host and port (`127.0.0.1` and `:1234`), the arguments of a host template
    /// `{accountName}{host}`.
    pub fn host_and_port(&self) -> (String, String) {
        let authority = self.url.trim_start_matches("http://");
        let at = authority.rfind(':').unwrap_or(authority.len());
        (authority[..at].to_string(), authority[at..].to_string())
    }

    /// A fresh HTTP client with a cookie store (some scenarios set a cookie and check it), which
    /// leaves redirects to the generated client.
    pub fn http(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("build the reqwest client")
    }
}

pub type Outcome = Result<(), String>;
pub type BoxFut = Pin<Box<dyn Future<Output = Outcome> + Send>>;
pub type Scenario = (&'static str, fn(Ctx) -> BoxFut);

/// Every scenario, by area, in the order they run.
pub fn all() -> Vec<(&'static str, Vec<Scenario>)> {
    vec![
        ("body-boolean", primitive::boolean()),
        ("body-integer", primitive::integer()),
        ("body-number", primitive::number()),
        ("body-string", primitive::string()),
        ("body-byte", primitive::byte()),
        ("body-date", datetime::date()),
        ("body-datetime", datetime::datetime()),
        ("body-datetime-rfc1123", datetime::rfc1123()),
        ("body-duration", datetime::duration()),
        ("body-array", array::all()),
        ("body-dictionary", dictionary::all()),
        ("body-complex", complex::all()),
        ("url", url::paths()),
        ("url-queries", url::queries()),
        ("header", header::all()),
        ("httpInfrastructure", http::all()),
        ("xms-error-responses", misc::errors()),
        ("constants", misc::constants()),
        ("extensible-enums", misc::enums()),
        ("validation", misc::validation()),
        ("required-optional", misc::required_optional()),
        ("features", features::all()),
        ("azure", azure::all()),
        ("lro", lro::all()),
        ("paging", paging::all()),
        ("xml-service", xml::all()),
        ("multiapi", multiapi::all()),
    ]
}

/// A scenario: `scenario!("name", |ctx| { ...; Ok(()) })`.
#[macro_export]
macro_rules! scenario {
    ($name:literal, |$ctx:ident| $body:block) => {
        (
            $name,
            (|$ctx: $crate::scenarios::Ctx| -> $crate::scenarios::BoxFut {
                Box::pin(async move {
                    #[allow(unused_variables)]
                    let $ctx = $ctx;
                    $body
                })
            }) as fn($crate::scenarios::Ctx) -> $crate::scenarios::BoxFut,
        )
    };
}

/// A client of crate `$krate` for the server, without retries, with a cookie store:
/// `client!(body_boolean, ctx)`; the builder's arguments and calls may follow:
/// `client!(url, ctx, "globalStringPath"; .global_string_query("q"))`.
#[macro_export]
macro_rules! client {
    ($krate:ident, $ctx:expr $(, $arg:expr)* $(; $($call:tt)+)?) => {
        $krate::Client::builder($($arg),*)
            $($($call)+)?
            .endpoint($ctx.url.clone())
            .options(
                $krate::ClientOptions::default()
                    .http_client($ctx.http())
                    .retry($krate::runtime::RetryOptions::none()),
            )
            .build()
            .map_err(|e| format!("building the client: {e}"))?
    };
}

/// A client policy of crate `$krate` that sends over plain HTTP: parameterized hosts of specs
/// without `schemes` are `https://...` (see CustomBaseUri), the test server speaks HTTP only.
#[macro_export]
macro_rules! plain_http {
    ($krate:ident) => {{
        #[derive(Debug)]
        struct PlainHttp;

        impl $krate::runtime::Policy for PlainHttp {
            fn send<'a>(
                &'a self,
                ctx: &'a $krate::runtime::CallContext,
                mut request: $krate::runtime::HttpRequest,
                next: $krate::runtime::Next<'a>,
            ) -> $krate::runtime::BoxFuture<'a, $krate::runtime::PolicyResult> {
                let _ = request.url.set_scheme("http");
                next.send(ctx, request)
            }
        }

        std::sync::Arc::new(PlainHttp)
    }};
}

/// The options of a call that sets optional parameters (the others stay unset):
/// `opts!(krate::operations::group::OpOptions { name: value })` is
/// `Some(OpOptions { name: Some(value), ..Default::default() })`; per-call settings come last:
/// `opts!(Path { name: value; request: headers!(krate, ("n", "v")) })`.
#[macro_export]
macro_rules! opts {
    ($($ty:ident)::+ { $($field:ident: $value:expr),* $(; request: $request:expr)? $(,)? }) => {
        Some($($ty)::+ {
            $($field: Some($value),)*
            $(request: $request,)?
            ..Default::default()
        })
    };
}

/// Per-call settings of crate `$krate` that send custom headers:
/// `headers!(krate, ("x-ms-client-request-id", ID))`.
#[macro_export]
macro_rules! headers {
    ($krate:ident $(, ($name:expr, $value:expr))+ $(,)?) => {
        $krate::runtime::RequestOptions::default()$(.header($name, $value))+
    };
}

/// Sends a request: the response, or the error rendered.
#[macro_export]
macro_rules! call {
    ($e:expr) => {
        $e.await.map_err(|e| format!("{}: {e:?}", stringify!($e)))?
    };
}

/// The value of a successful call.
#[macro_export]
macro_rules! value {
    ($e:expr) => {
        $crate::call!($e).into_value()
    };
}

/// A body that is `null` or absent where the spec says the value is nullable: the call succeeds
/// with `None`.
#[macro_export]
macro_rules! null_body {
    ($call:expr) => {
        match $call.await {
            Ok(r) if r.value().is_none() => Ok(()),
            Ok(r) => Err(format!("a null body decoded as {:?}", r.value())),
            Err(e) => Err(format!("a null body is an error: {e}")),
        }
    };
}

/// Checks that `actual == expected`.
pub fn eq<T: PartialEq + Debug>(what: &str, actual: T, expected: T) -> Outcome {
    if actual == expected {
        Ok(())
    } else {
        Err(format!("{what}: expected {expected:?}, got {actual:?}"))
    }
}

/// Checks that a call failed: returns the error rendered (for more checks).
pub fn expect_err<T: Debug, E: Debug>(what: &str, result: Result<T, E>) -> Result<String, String> {
    match result {
        Ok(value) => Err(format!("{what}: expected an error, got {value:?}")),
        Err(e) => Ok(format!("{e:?}")),
    }
}
