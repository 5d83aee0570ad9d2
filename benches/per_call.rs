//! Per-call overhead of the generated client ("Performance budgets"): the same `GET
//! /face/v1.0/snapshots/{id}` to a local keep-alive HTTP/1.1 server on 127.0.0.1, sent
//!
//! - `per_call/generated`: through `azure_face::Client` (`client.snapshot().get(id, None)`, default
//!   options, so the default retry policy and the whole pipeline are in the path);
//! - `per_call/hand_written`: with a plain reqwest call: the same method, URL, `Accept`,
//!   `User-Agent` and `Ocp-Apim-Subscription-Key` headers, the same status check (200), and
//!   `serde_json::from_slice` into the same `azure_face::models::Snapshot`.
//!
//! Both share one `reqwest::Client` (built as the generated client builds its own: no redirects;
//! one pool, so both reuse the same kept-alive connection) and one current-thread tokio runtime.
//! The server runs on its own thread and runtime and answers a fixed JSON body; it checks every
//! request, and at start-up the bench checks that both variants send the same request line and
//! headers, in the same order, and prints the allocations per call of each (the bench's global
//! allocator counts them on the client thread while asked to). The budget: the generated client
//! within 5% of the hand-written call.
//!
//! Criterion measures the two one after the other; because the machine may be shared, the bench
//! then also runs them interleaved (alternating batches, `per_call/interleaved` on stderr) and
//! prints the paired ratio, which load changes hit equally, and the client thread's CPU time.
//!
//! Run with `cargo bench --bench per_call -- --warm-up-time 1 --measurement-time 5`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::convert::Infallible;
use std::hint::black_box;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use azure_face::models::Snapshot;
use azure_face::{Client, ClientOptions};
use criterion::{criterion_group, criterion_main, Criterion};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use uuid::Uuid;

const KEY: &str = "bench-key-0b8e5c2d";
const SNAPSHOT_ID: &str = "5a0c1bcd-7e4f-4b4e-9c1a-2f6b8d3e9a10";
const PATH: &str = "/face/v1.0/snapshots/5a0c1bcd-7e4f-4b4e-9c1a-2f6b8d3e9a10";
/// What `azure_face::Client` sends by default (`build.rs` names the crate), so the hand-written call sends
/// the same.
const USER_AGENT: &str = concat!(
    env!("CARGO_PKG_NAME"),
    "/",
    env!("CARGO_PKG_VERSION"),
    " (rust; api-version 1.0)"
);
/// The fixed snapshot the server answers with (424 bytes).
const BODY: &str = r#"{"id":"5a0c1bcd-7e4f-4b4e-9c1a-2f6b8d3e9a10","account":"/subscriptions/2d8c1a6f-0a3b-4f3e-9d8e-1c2b3a4d5e6f/resourceGroups/faces/providers/Microsoft.CognitiveServices/accounts/face-westus","type":"PersonGroup","applyScope":["35230f59-aa9c-45e0-ab5e-c859bf1a5429","8c1a2b3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d"],"userData":"nightly backup","createdTime":"2024-03-14T08:15:30.1234567Z","lastUpdateTime":"2024-03-14T08:19:02.7654321Z"}"#;

// ----- allocations ------------------------------------------------------------------------------

/// The system allocator, counting the allocations of the thread that asks it to (see
/// [`count_allocations`]); the others pay one thread-local read per allocation.
struct CountingAllocator;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static ALLOCATED_BYTES: AtomicU64 = AtomicU64::new(0);

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

fn counted(size: usize) {
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED_BYTES.fetch_add(size as u64, Ordering::Relaxed);
    }
}

// SAFETY: every call is passed on to `System` unchanged.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        counted(layout.size());
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        counted(layout.size());
        System.alloc_zeroed(layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        counted(new_size);
        System.realloc(ptr, layout, new_size)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Allocations (`alloc` and `realloc`) and bytes per call that `run(n)` makes on this thread.
fn count_allocations(n: u64, run: impl FnOnce(u64)) -> (f64, f64) {
    let (calls, bytes) = (
        ALLOCATIONS.load(Ordering::Relaxed),
        ALLOCATED_BYTES.load(Ordering::Relaxed),
    );
    COUNTING.with(|c| c.set(true));
    run(n);
    COUNTING.with(|c| c.set(false));
    (
        (ALLOCATIONS.load(Ordering::Relaxed) - calls) as f64 / n as f64,
        (ALLOCATED_BYTES.load(Ordering::Relaxed) - bytes) as f64 / n as f64,
    )
}

// ----- the server ---------------------------------------------------------------------------------

/// While set, the server records each request it receives as text (see [`request_text`]).
static RECORD: AtomicBool = AtomicBool::new(false);
static RECORDED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// A request's method, target and headers, in order, as text.
fn request_text(req: &Request<Incoming>) -> String {
    let mut text = format!("{} {} {:?}\n", req.method(), req.uri(), req.version());
    for (name, value) in req.headers() {
        text.push_str(&format!("{name}: {}\n", String::from_utf8_lossy(value.as_bytes())));
    }
    text
}

/// Answers the snapshot, or 400 for any request that is not the expected one.
async fn answer(req: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    if RECORD.load(Ordering::Relaxed) {
        RECORDED.lock().unwrap().push(request_text(&req));
    }
    let header = |name: &str| req.headers().get(name).map(|v| v.as_bytes());
    let expected = req.method() == hyper::Method::GET
        && req.uri().path() == PATH
        && req.uri().query().is_none()
        && header("ocp-apim-subscription-key") == Some(KEY.as_bytes())
        && header("accept") == Some(b"application/json".as_slice())
        && header("user-agent") == Some(USER_AGENT.as_bytes());
    let response = if expected {
        Response::builder()
            .status(StatusCode::OK)
            .header("content-type", "application/json; charset=utf-8")
            .body(Full::new(Bytes::from_static(BODY.as_bytes())))
    } else {
        Response::builder()
            .status(StatusCode::BAD_REQUEST)
            .body(Full::new(Bytes::from(format!(
                "unexpected request:\n{}",
                request_text(&req)
            ))))
    };
    Ok(response.expect("a valid response"))
}

/// Starts the server on its own thread and current-thread runtime; it lives as long as the bench.
fn start_server() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.set_nonblocking(true).expect("non-blocking listener");
    let addr = listener.local_addr().expect("local addr");
    std::thread::Builder::new()
        .name("per-call-server".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("server runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        continue;
                    };
                    let _ = stream.set_nodelay(true);
                    tokio::spawn(async move {
                        let _ = hyper::server::conn::http1::Builder::new()
                            .keep_alive(true)
                            .serve_connection(TokioIo::new(stream), service_fn(answer))
                            .await;
                    });
                }
            });
        })
        .expect("server thread");
    addr
}

// ----- the two callers ----------------------------------------------------------------------------

/// The generated client.
async fn generated(client: &Client, id: Uuid) -> Snapshot {
    client
        .snapshot()
        .get(id, None)
        .await
        .expect("generated call")
        .into_value()
}

/// What one would write by hand with reqwest.
async fn hand_written(
    http: &reqwest::Client,
    endpoint: &str,
    id: Uuid,
) -> Result<Snapshot, Box<dyn std::error::Error + Send + Sync>> {
    let response = http
        .get(format!("{endpoint}/face/v1.0/snapshots/{id}"))
        .header(reqwest::header::ACCEPT, "application/json")
        .header(reqwest::header::USER_AGENT, USER_AGENT)
        .header("Ocp-Apim-Subscription-Key", KEY)
        .send()
        .await?;
    if response.status() != reqwest::StatusCode::OK {
        return Err(format!("unexpected status {}", response.status()).into());
    }
    let body = response.bytes().await?;
    Ok(serde_json::from_slice(&body)?)
}

struct Setup {
    runtime: tokio::runtime::Runtime,
    client: Client,
    http: reqwest::Client,
    endpoint: String,
    id: Uuid,
}

impl Setup {
    fn new() -> Setup {
        let endpoint = format!("http://{}", start_server());
        // One reqwest client (one pool) for both, built as `Pipeline::new` builds its default one.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("reqwest client");
        let client = Client::builder(endpoint.clone(), KEY)
            .options(ClientOptions::default().http_client(http.clone()))
            .build()
            .expect("generated client");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("client runtime");
        Setup {
            runtime,
            client,
            http,
            endpoint,
            id: SNAPSHOT_ID.parse().expect("uuid"),
        }
    }

    /// `n` calls through the generated client; the time they took.
    fn generated(&self, n: u64) -> Duration {
        self.runtime.block_on(async {
            let started = Instant::now();
            for _ in 0..n {
                black_box(generated(&self.client, black_box(self.id)).await);
            }
            started.elapsed()
        })
    }

    /// `n` hand-written calls; the time they took.
    fn hand_written(&self, n: u64) -> Duration {
        self.runtime.block_on(async {
            let started = Instant::now();
            for _ in 0..n {
                black_box(
                    hand_written(&self.http, &self.endpoint, black_box(self.id))
                        .await
                        .expect("hand-written call"),
                );
            }
            started.elapsed()
        })
    }

    /// Both variants send the same request and decode the same snapshot; prints their allocations.
    fn check_same_request(&self) {
        RECORD.store(true, Ordering::Relaxed);
        let (a, b) = self.runtime.block_on(async {
            let a = generated(&self.client, self.id).await;
            let b = hand_written(&self.http, &self.endpoint, self.id)
                .await
                .expect("hand-written call");
            (a, b)
        });
        RECORD.store(false, Ordering::Relaxed);
        assert_eq!(a, b, "both variants decode the same snapshot");
        let recorded = std::mem::take(&mut *RECORDED.lock().unwrap());
        assert_eq!(recorded.len(), 2, "one request each: {recorded:#?}");
        assert_eq!(
            recorded[0], recorded[1],
            "the generated and the hand-written request differ"
        );
        eprintln!(
            "per_call: both variants send\n    {}",
            recorded[0].replace(KEY, "<key>").trim_end().replace('\n', "\n    ")
        );
        let (g_allocs, g_bytes) = count_allocations(1000, |n| {
            self.generated(n);
        });
        let (h_allocs, h_bytes) = count_allocations(1000, |n| {
            self.hand_written(n);
        });
        eprintln!(
            "per_call: allocations per call on the client thread: generated {g_allocs:.1} ({g_bytes:.0} bytes), \
             hand_written {h_allocs:.1} ({h_bytes:.0} bytes)"
        );
    }
}

fn bench_per_call(c: &mut Criterion) {
    let setup = Setup::new();
    setup.check_same_request();

    let mut group = c.benchmark_group("per_call");
    group.bench_function("generated", |b| b.iter_custom(|n| setup.generated(n)));
    group.bench_function("hand_written", |b| b.iter_custom(|n| setup.hand_written(n)));
    group.finish();

    // Not in `cargo bench -- --test` (one run of each, to check they work) or `--list`.
    let args: Vec<String> = std::env::args().collect();
    if !args
        .iter()
        .any(|a| a == "--test" || a == "--list" || a == "--profile-time")
    {
        interleaved(&setup);
    }
}

/// Alternating batches of both variants (`AB`, then `BA`, ...): the per-call median of each and
/// the median of the per-round ratios, which load that changes during the run hits equally. Also
/// the client thread's CPU time per call: with a current-thread runtime and a kept-alive
/// connection, all the client's work (the pipeline, reqwest, hyper's connection task) runs on
/// this thread, so that is the client's own cost, without the server's and without waiting for
/// the CPU on a loaded machine.
fn interleaved(setup: &Setup) {
    const ROUNDS: usize = 200;
    const BATCH: u64 = 100;
    let per_call = |(wall, cpu): (Duration, Duration)| {
        (
            wall.as_secs_f64() * 1e6 / BATCH as f64,
            cpu.as_secs_f64() * 1e6 / BATCH as f64,
        )
    };
    let measure = |run: &dyn Fn(u64) -> Duration| {
        let cpu = thread_cpu_time();
        let wall = run(BATCH);
        (wall, thread_cpu_time() - cpu)
    };
    let generated = |n| setup.generated(n);
    let hand_written = |n| setup.hand_written(n);
    let (mut g_wall, mut g_cpu, mut h_wall, mut h_cpu) = (vec![], vec![], vec![], vec![]);
    let (mut wall_ratios, mut cpu_ratios) = (vec![], vec![]);
    generated(BATCH);
    hand_written(BATCH);
    for round in 0..ROUNDS {
        let (g, h) = if round % 2 == 0 {
            let g = measure(&generated);
            (g, measure(&hand_written))
        } else {
            let h = measure(&hand_written);
            (measure(&generated), h)
        };
        let ((gw, gc), (hw, hc)) = (per_call(g), per_call(h));
        g_wall.push(gw);
        g_cpu.push(gc);
        h_wall.push(hw);
        h_cpu.push(hc);
        wall_ratios.push(gw / hw);
        cpu_ratios.push(gc / hc);
    }
    let quartiles = |v: &mut Vec<f64>| {
        let m = median(v);
        (m, v[v.len() / 4], v[3 * v.len() / 4])
    };
    let (wr, wr_lo, wr_hi) = quartiles(&mut wall_ratios);
    let (cr, cr_lo, cr_hi) = quartiles(&mut cpu_ratios);
    eprintln!(
        "per_call/interleaved: {ROUNDS} rounds of {BATCH} calls of each, medians per call:\n    \
         wall: generated {:.2} µs, hand_written {:.2} µs; generated / hand_written {wr:.4} \
         (paired rounds; quartiles {wr_lo:.4} .. {wr_hi:.4}; budget 1.05)\n    \
         client thread CPU: generated {:.2} µs, hand_written {:.2} µs; ratio {cr:.4} \
         (quartiles {cr_lo:.4} .. {cr_hi:.4}); difference {:.2} µs",
        median(&mut g_wall),
        median(&mut h_wall),
        median(&mut g_cpu),
        median(&mut h_cpu),
        median(&mut g_cpu) - median(&mut h_cpu),
    );
}

/// The CPU time this thread has used.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; CLOCK_THREAD_CPUTIME_ID is always available on Linux.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// The median of `values` (sorted in place).
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

criterion_group!(benches, bench_per_call);
criterion_main!(benches);
