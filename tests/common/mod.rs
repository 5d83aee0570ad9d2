//! A real HTTP/1.1 server on 127.0.0.1 that records every request and answers with scripted
//! replies, for tests of the generated client.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The path exactly as sent (still percent-encoded).
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    pub headers: hyper::HeaderMap,
    pub body: Vec<u8>,
}

impl Recorded {
    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The decoded query pairs, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        let query = self.query.as_deref().unwrap_or_default();
        url::form_urlencoded::parse(query.as_bytes()).into_owned().collect()
    }

    /// The body parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

/// A scripted reply.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering.
    pub delay: std::time::Duration,
    /// Close the connection instead of answering.
    pub drop_connection: bool,
}

impl Reply {
    pub fn status(status: u16) -> Self {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: std::time::Duration::ZERO,
            drop_connection: false,
        }
    }

    /// Closes the connection without answering.
    pub fn dropped() -> Self {
        Reply {
            drop_connection: true,
            ..Reply::status(500)
        }
    }

    pub fn delayed(mut self, delay: std::time::Duration) -> Self {
        self.delay = delay;
        self
    }

    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Reply::status(status)
            .header("content-type", "application/json")
            .body(body.to_string())
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }
}

#[derive(Default)]
struct State {
    requests: Vec<Recorded>,
    replies: VecDeque<Reply>,
    /// Replies for requests with no scripted one (instead of 599).
    fallback: Option<Reply>,
    /// TCP connections accepted.
    connections: usize,
}

/// The server; it stops when the test's runtime ends.
#[derive(Clone)]
pub struct Server {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl Server {
    pub async fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                shared.lock().unwrap().connections += 1;
                let state = shared.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req: Request<Incoming>| {
                        let state = state.clone();
                        async move { answer(&state, req).await }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Server { addr, state }
    }

    /// The endpoint to give the client (scheme and host, as a Cognitive Services endpoint).
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Queues a reply for the next request.
    pub fn reply(&self, reply: Reply) {
        self.state.lock().unwrap().replies.push_back(reply);
    }

    /// Answers every unscripted request with `reply`.
    pub fn always(&self, reply: Reply) {
        self.state.lock().unwrap().fallback = Some(reply);
    }

    /// How many TCP connections were accepted.
    pub fn connections(&self) -> usize {
        self.state.lock().unwrap().connections
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    /// The only request received; fails when there were none or several.
    /// One header of every request received, in order (`<none>` where it was absent).
    pub fn header_values(&self, name: &str) -> Vec<String> {
        self.requests()
            .iter()
            .map(|r| r.header(name).unwrap_or("<none>").to_string())
            .collect()
    }

    pub fn single_request(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(requests.len(), 1, "expected exactly one request, got {requests:#?}");
        requests.into_iter().next().unwrap()
    }
}

/// Answers with the next scripted reply; an `Err` makes hyper close the connection.
async fn answer(state: &Mutex<State>, req: Request<Incoming>) -> Result<Response<Full<Bytes>>, std::io::Error> {
    let (parts, body) = req.into_parts();
    let body = body.collect().await.map(|b| b.to_bytes().to_vec()).unwrap_or_default();
    let reply = {
        let mut state = state.lock().unwrap();
        state.requests.push(Recorded {
            method: parts.method.to_string(),
            path: parts.uri.path().to_string(),
            query: parts.uri.query().map(str::to_string),
            headers: parts.headers,
            body,
        });
        state.replies.pop_front().or_else(|| state.fallback.clone())
    };
    let reply = reply.unwrap_or_else(|| Reply::status(599).body("no reply was scripted for this request"));
    tokio::time::sleep(reply.delay).await;
    if reply.drop_connection {
        return Err(std::io::Error::other("scripted dropped connection"));
    }
    let mut response = Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        response = response.header(name, value);
    }
    Ok(response
        .body(Full::new(Bytes::from(reply.body)))
        .expect("valid scripted reply"))
}

/// A `Sleeper` for clients under test: records every wait and returns at once.
#[derive(Debug, Default)]
pub struct RecordingSleeper(Mutex<Vec<std::time::Duration>>);

impl azure_face::runtime::Sleeper for RecordingSleeper {
    fn sleep(&self, duration: std::time::Duration) -> azure_face::runtime::BoxFuture<'static, ()> {
        self.0.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}

impl RecordingSleeper {
    /// The waits so far, in order.
    pub fn waits(&self) -> Vec<std::time::Duration> {
        self.0.lock().unwrap().clone()
    }
}
